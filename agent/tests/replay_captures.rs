//! Falco's legacy regression tests (falcosecurity/testing `legacy_test.go`,
//! kept as data in `shared/falco/cases/falco_testing_legacy_tests.json`)
//! replayed on the committed captures: every per-rule and total detection
//! count they assert is compared with `lanner replay`'s (library) result.
//!
//! Expectations whose fields the engine does not provide yet are reported
//! with the difference; the ones listed in `MUST_PASS` must hold.

use lanner::capture::convert::Mode;
use lanner::capture::replay::{replay, seeded_table};
use lanner::capture::Capture;
use lanner::detect::RulesDetector;
use lanner::engine::priority::Priority;
use lanner::engine::Ruleset;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/falco")
}

fn capture_file(name: &str) -> Option<&'static str> {
    Some(match name {
        "CatWrite" => "cat_write.scap",
        "OpenMultipleFiles" => "open-multiple-files.scap",
        "PingSendto" => "ping_sendto.scap",
        "Syscall" => "syscall.scap",
        "Empty" => "empty.scap",
        "ConnectLocalhost" => "connect_localhost.scap",
        _ => return None,
    })
}

fn rules_files(names: &[String]) -> Vec<PathBuf> {
    let dir = shared().join("testing-rules");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    names
        .iter()
        .flat_map(|n| {
            let prefix = format!("{n}__");
            all.iter()
                .filter(move |p| {
                    p.file_name()
                        .and_then(|f| f.to_str())
                        .is_some_and(|f| f.starts_with(&prefix))
                })
                .cloned()
        })
        .collect()
}

/// One count a test asserts: `None` rule = all detections.
#[derive(Debug)]
struct Expect {
    rule: Option<String>,
    count: u64,
}

fn parse_asserts(asserts: &[String]) -> Vec<Expect> {
    let mut out = Vec::new();
    for a in asserts {
        let a = a.trim();
        if a == "assert.Zero(t, res.Detections().Count())" {
            out.push(Expect {
                rule: None,
                count: 0,
            });
            continue;
        }
        let Some(rest) = a.strip_prefix("assert.Equal(t, ") else {
            continue;
        };
        let Some((n, call)) = rest.split_once(", ") else {
            continue;
        };
        let Ok(count) = n.parse::<u64>() else {
            continue;
        };
        if call == "res.Detections().Count())" {
            out.push(Expect { rule: None, count });
        } else if let Some(r) = call.strip_prefix("res.Detections().OfRule(") {
            let r = r.strip_suffix(").Count())").unwrap_or(r);
            let r = r.trim_matches(|c| c == '"' || c == '`');
            out.push(Expect {
                rule: Some(r.to_string()),
                count,
            });
        }
    }
    out
}

/// `-t`/`-T` tag selection, which the data keeps only in the test name
/// (`RunTagsAb` = `-t a -t b`, `DisabledTagsC` = `-T c`).
fn tag_selection(test: &str) -> Option<(bool, Vec<String>)> {
    let (run, tags) = if let Some(t) = test.strip_prefix("TestFalco_Legacy_RunTags") {
        (true, t)
    } else {
        (false, test.strip_prefix("TestFalco_Legacy_DisabledTags")?)
    };
    Some((
        run,
        tags.chars()
            .map(|c| c.to_ascii_lowercase().to_string())
            .collect(),
    ))
}

/// Expectations that hold with the fields on this branch (test name,
/// rule or "*" for the total).
const MUST_PASS: &[(&str, &str)] = &[
    (
        "TestFalco_Legacy_MultipleRulesSuppressInfo",
        "open_from_cat",
    ),
    (
        "TestFalco_Legacy_MultipleRulesSuppressInfo",
        "exec_from_cat",
    ),
    (
        "TestFalco_Legacy_MultipleRulesSuppressInfo",
        "access_from_cat",
    ),
    (
        "TestFalco_Legacy_EnabledRuleUsingFalseEnabledFlagOnly",
        "open_from_cat",
    ),
    ("TestFalco_Legacy_CatchallOrder", "open_dev_null"),
];

#[test]
fn legacy_regression_counts_on_committed_captures() {
    let text =
        std::fs::read_to_string(shared().join("cases/falco_testing_legacy_tests.json")).unwrap();
    let tests: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut report = Vec::new();
    let mut passed = Vec::new();
    let mut compared = 0;
    for t in tests.as_array().unwrap() {
        let name = t["test"].as_str().unwrap();
        let caps: Vec<&str> = t["captures"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        let [cap] = caps[..] else { continue };
        let Some(file) = capture_file(cap) else {
            continue;
        };
        let asserts: Vec<String> = t["asserts"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a.as_str().map(String::from))
            .collect();
        let expects = parse_asserts(&asserts);
        if expects.is_empty() {
            continue;
        }
        let names: Vec<String> = t["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.as_str().map(String::from))
            .collect();
        let mut rs = match Ruleset::load_files(&rules_files(&names)) {
            Ok(rs) => rs,
            Err(e) => {
                report.push(format!("FAIL {name}: rules do not load: {e}"));
                compared += expects.len();
                continue;
            }
        };
        if let Some((run, tags)) = tag_selection(name) {
            let rules: Vec<(String, Vec<String>)> = rs
                .rules()
                .iter()
                .map(|r| (r.name.clone(), r.tags.clone()))
                .collect();
            for (r, rt) in rules {
                let hit = rt.iter().any(|x| tags.contains(x));
                rs.set_enabled(&r, if run { hit } else { !hit });
            }
        }
        // Like the tag selection, the minimum priority of the "Suppress"
        // tests is a Go option the data keeps only in the name.
        if name.contains("SuppressInfo") {
            rs.disable_below(Priority::Warning);
        }
        let det = RulesDetector::new(rs);
        let capture = Capture::open(&shared().join("captures").join(file)).unwrap();
        let mut procs = seeded_table(&capture, 65536);
        let mut by_rule: BTreeMap<String, u64> = BTreeMap::new();
        let sum = replay(&capture, &det, &mut procs, Mode::EnterAndExit, |a| {
            *by_rule.entry(a.rule).or_default() += 1;
        });
        assert_eq!(sum.skipped(), 0, "{name}: {sum}");
        for e in expects {
            compared += 1;
            let got = match &e.rule {
                Some(r) => by_rule.get(r).copied().unwrap_or(0),
                None => sum.alert_count(),
            };
            let rule = e.rule.as_deref().unwrap_or("*");
            if got == e.count {
                passed.push((name.to_string(), rule.to_string()));
                report.push(format!("ok   {name} {rule}: {got}"));
            } else {
                report.push(format!(
                    "FAIL {name} {rule}: expected {} got {got}",
                    e.count
                ));
            }
        }
    }
    let npass = passed.len();
    eprintln!(
        "{}\n{npass}/{compared} legacy count expectations hold",
        report.join("\n")
    );
    assert!(compared > 100, "only {compared} expectations found");
    for (t, r) in MUST_PASS {
        assert!(
            passed.iter().any(|(pt, pr)| pt == t && pr == r),
            "{t} {r} must pass"
        );
    }
}
