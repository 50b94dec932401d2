//! The `lanner` binary's handling of bad input: errors are located and
//! reported before the device is touched.

mod common;
use common::lanner;

#[test]
fn malformed_rules_fail_with_location_before_the_device() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "- rule: Broken\n  desc: d\n  condition: evt.type = open and (proc.name = cat\n  output: x\n  priority: WARNING\n",
    )
    .unwrap();
    let dev = dir.path().join("no-such-device");
    let (code, _, err) = lanner(&[
        "run",
        "-r",
        bad.to_str().unwrap(),
        "--device",
        dev.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    let want = format!("{}:3:", bad.display());
    assert!(err.contains(&want), "stderr: {err}");
    assert!(!err.contains("no-such-device"), "device was touched: {err}");
}

#[test]
fn malformed_config_fails_with_location() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("lanner.yaml");
    std::fs::write(
        &cfg,
        "outputs:\n  syslog:\n    - transport: carrier-pigeon\n",
    )
    .unwrap();
    let (code, _, err) = lanner(&["run", "-c", cfg.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("{}:3:", cfg.display())),
        "stderr: {err}"
    );
}

#[test]
fn validate_accepts_lanners_rules() {
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/lanner_rules.yaml");
    let (code, out, err) = lanner(&["validate", "-r", rules]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Ok ("), "{out}");
}

#[test]
fn missing_device_is_reported_clearly() {
    let (code, _, err) = lanner(&["dump", "--device", "/nonexistent/lanner", "--duration", "1"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("/nonexistent/lanner") && err.contains("module loaded"),
        "{err}"
    );
}

#[test]
fn list_fields_and_events_print_the_catalogues() {
    let (code, out, err) = lanner(&["list-fields"]);
    assert_eq!(code, 0, "{err}");
    for f in [
        "proc.name",
        "fd.name",
        "evt.type",
        "container.id",
        "user.name",
    ] {
        assert!(out.lines().any(|l| l.starts_with(f)), "{f} missing:\n{out}");
    }
    let (code, out, _) = lanner(&["list-fields", "fd.", "--format", "json"]);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(j["syscall"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["name"].as_str().unwrap().starts_with("fd.")));
    let (code, out, _) = lanner(&["list-events"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("< execve(ERRNO res, CHARBUF exe, BYTEBUF args"),
        "{out}"
    );
}
