//! `lanner replay FILE -r RULES` as a user runs it: alerts on stdout (text
//! or JSON), the summary on stderr, exit 0; bad input fails located.

mod common;
use common::lanner;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco");

fn cat_write() -> String {
    format!("{SHARED}/captures/cat_write.scap")
}

/// False (with a loud note) when the shared upstream data is absent.
fn data_present() -> bool {
    if std::path::Path::new(&cat_write()).exists() {
        return true;
    }
    let msg = format!(
        "\n!!!!!!!! UPSTREAM TEST DATA ABSENT: {SHARED}\n!!!!!!!! this test checked NOTHING\n"
    );
    println!("{msg}");
    eprintln!("{msg}");
    false
}

fn single_rule() -> String {
    format!("{SHARED}/testing-rules/SingleRule__single_rule.yaml")
}

#[test]
fn text_alerts_and_summary() {
    if !data_present() {
        return;
    }
    let (code, out, err) = lanner(&["replay", &cat_write(), "-r", &single_rule()]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // Falco's SingleRule expectation: 8 (4 opens, enter and exit).
    assert_eq!(lines.len(), 8, "{out}");
    assert!(lines
        .iter()
        .all(|l| l.ends_with(": Warning An open was seen (command=cat /dev/null)")));
    // The last one is the exit of the /dev/null open (TimeIso8601's line).
    assert!(lines[7].starts_with("16:17:57.882054739"), "{}", lines[7]);
    assert!(err.contains("events=345 records=345"), "{err}");
    assert!(err.contains("skipped=0"), "{err}");
    assert!(err.contains("alerts=8"), "{err}");
}

#[test]
fn json_alerts_without_output_and_exit_only_mode() {
    if !data_present() {
        return;
    }
    let (code, out, err) = lanner(&[
        "replay",
        &cat_write(),
        "-r",
        &single_rule(),
        "--json",
        "-o",
        "json_include_output_property=false",
        "-o",
        "replay.enter_events=false",
    ]);
    assert_eq!(code, 0, "{err}");
    let alerts: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Exit events only: one alert per open.
    assert_eq!(alerts.len(), 4, "{out}");
    for a in &alerts {
        assert_eq!(a["rule"], "open_from_cat");
        assert_eq!(a["priority"], "Warning");
        assert!(a.get("output").is_none());
        assert_eq!(a["output_fields"]["proc.cmdline"], "cat /dev/null");
    }
    assert_eq!(alerts[3]["time"], "2016-08-04T16:17:57.882054739Z");
}

#[test]
fn bad_inputs_fail() {
    if !data_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.scap");
    std::fs::write(&junk, b"not a capture at all").unwrap();
    let (code, _, err) = lanner(&["replay", junk.to_str().unwrap(), "-r", &single_rule()]);
    assert_ne!(code, 0);
    assert!(err.contains("offset 0: not a scap capture"), "{err}");
    let (code, _, err) = lanner(&[
        "replay",
        &cat_write(),
        "-r",
        &single_rule(),
        "-o",
        "json_output",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("not key=value"), "{err}");
    let (code, _, err) = lanner(&["replay", &cat_write(), "-r", &single_rule(), "-o", "x.y=1"]);
    assert_eq!(code, 0);
    assert!(err.contains("option x.y is not used by replay"), "{err}");
}
