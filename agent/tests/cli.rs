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
    assert!(out.starts_with(&format!("{rules}: Ok")), "{out}");
}

#[test]
fn validate_reports_errors_and_warnings_like_falco() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yaml");
    std::fs::write(
        &good,
        "- rule: R\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  typo: x\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "- rule: B\n  desc: d\n  condition: evt.type = open and not no_such_macro\n  output: o\n  priority: INFO\n",
    )
    .unwrap();
    let (g, b) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let (code, out, _) = lanner(&["validate", "-r", g]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!(
            "{g}: Ok, with warnings\n1 Warnings:\n{g}:6:3: LOAD_UNKNOWN_KEY: Unknown key 'typo'"
        )),
        "{out}"
    );
    let (code, out, _) = lanner(&["validate", "-r", g, "-r", b]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{b}: Invalid\n1 Errors:\n{b}:3:38: LOAD_ERR_VALIDATE: Undefined macro 'no_such_macro' used in filter. (rule 'B')\n")), "{out}");
    assert!(
        out.contains("    condition: evt.type = open and not no_such_macro\n"),
        "{out}"
    );
    let (code, out, _) = lanner(&["validate", "--json", "-r", g, "-r", b]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let files = v["falco_load_results"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["successful"], true);
    assert_eq!(files[0]["warnings"][0]["code"], "LOAD_UNKNOWN_KEY");
    let e = &files[1]["errors"][0];
    assert_eq!(files[1]["successful"], false);
    assert_eq!(e["code"], "LOAD_ERR_VALIDATE");
    assert_eq!(
        e["codedesc"],
        "Error validating rule/macro/list/exception objects"
    );
    assert_eq!(
        e["message"],
        "Undefined macro 'no_such_macro' used in filter."
    );
    let locs = e["context"]["locations"].as_array().unwrap();
    assert_eq!(locs[1]["item_type"], "rule");
    assert_eq!(locs[1]["item_name"], "B");
    let pos = &locs.last().unwrap()["position"];
    assert_eq!(
        (
            pos["name"].as_str(),
            pos["line"].as_u64(),
            pos["column"].as_u64()
        ),
        (Some(b), Some(3), Some(38))
    );
    assert_eq!(pos["offset"].as_u64(), Some(20 + 37));
    assert!(e["context"]["snippet"].as_str().unwrap().ends_with("^\n"));
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
