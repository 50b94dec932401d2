//! `lanner run` with output settings that parse but are wrong: each is
//! rejected before the device is touched, with file:line:col, the key and
//! the reason.

mod common;
use common::lanner;

/// Runs `lanner run -c CONFIG` with `yaml`: (exit code, stderr, config path).
fn run_with(yaml: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("lanner.yaml");
    std::fs::write(&cfg, yaml).unwrap();
    let dev = dir.path().join("no-such-device");
    let (code, _, err) = lanner(&[
        "run",
        "-c",
        cfg.to_str().unwrap(),
        "--device",
        dev.to_str().unwrap(),
    ]);
    assert!(!err.contains("no-such-device"), "device was touched: {err}");
    (code, err, cfg.display().to_string())
}

#[test]
fn http_url_without_scheme_is_located() {
    let (code, err, cfg) = run_with(
        "stdout_output:\n  enabled: false\nhttp_output:\n  enabled: true\n  url: falcosidekick:2801\n",
    );
    assert_ne!(code, 0);
    let want = format!(
        "{cfg}:5:8: http_output.url: http: url \"falcosidekick:2801\" must start with http:// or https://"
    );
    assert!(err.contains(&want), "stderr: {err}");
}

#[test]
fn file_in_a_missing_directory_is_located() {
    let (code, err, cfg) = run_with(
        "outputs:\n  file:\n    - filename: /nonexistent-dir/alerts.log\n      keep_alive: true\n",
    );
    assert_ne!(code, 0);
    let want =
        format!("{cfg}:3:17: outputs.file[0].filename: file: directory \"/nonexistent-dir\"");
    assert!(err.contains(&want), "stderr: {err}");
}

#[test]
fn insecure_tls_is_refused_with_the_reason() {
    let (code, err, cfg) =
        run_with("outputs:\n  http:\n    - url: https://siem.example/\n      insecure: true\n");
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("{cfg}:4:17: outputs.http[0].insecure: ")),
        "stderr: {err}"
    );
    assert!(
        err.contains("give the server's CA with ca_cert"),
        "stderr: {err}"
    );
}

#[test]
fn unusable_tls_material_fails_before_the_device() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("ca.pem");
    std::fs::write(&junk, "no certificate here\n").unwrap();
    let (code, err, _) = run_with(&format!(
        "stdout_output:\n  enabled: false\nhttp_output:\n  enabled: true\n  url: https://127.0.0.1:1/\n  ca_cert: {}\n",
        junk.display()
    ));
    assert_ne!(code, 0);
    assert!(err.contains("starting outputs"), "stderr: {err}");
    assert!(
        err.contains(&format!(
            "ca_cert {}: no usable CA certificate",
            junk.display()
        )),
        "stderr: {err}"
    );
}

#[test]
fn syslog_tls_keys_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("ca.pem");
    std::fs::write(&junk, "no certificate here\n").unwrap();
    // A TLS key on a plain TCP destination, then an unusable CA file.
    let (code, err, cfg) = run_with(
        "outputs:\n  syslog:\n    - transport: tcp\n      address: 127.0.0.1:514\n      tls_server_name: siem\n",
    );
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("{cfg}:5:24: outputs.syslog[0].tls_server_name: ")),
        "stderr: {err}"
    );
    let (code, err, cfg) = run_with(&format!(
        "outputs:\n  syslog:\n    - transport: tls\n      address: 127.0.0.1:6514\n      tls_ca_file: {}\n",
        junk.display()
    ));
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("{cfg}:5:20: outputs.syslog[0].tls_ca_file: ")),
        "stderr: {err}"
    );
}

#[test]
fn spool_values_are_located() {
    let (code, err, cfg) = run_with(
        "outputs:\n  syslog:\n    - transport: tcp\n      address: 127.0.0.1:514\n      spool:\n        dir: /var/spool/lanner\n        max_bytes: 5\n",
    );
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!(
            "{cfg}:7:20: outputs.syslog[0].spool.max_bytes: spool: max_bytes 5 must be"
        )),
        "stderr: {err}"
    );
    let (code, err, cfg) = run_with(
        "outputs:\n  http:\n    - url: http://127.0.0.1:2801/\n      spool: {dir: relative/dir}\n",
    );
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("{cfg}:4:20: outputs.http[0].spool.dir: ")),
        "stderr: {err}"
    );
}
