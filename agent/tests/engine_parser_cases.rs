//! lanner's condition parser and event-type index against libsinsp's own
//! test expectations (falcosecurity/libs filter_parser.ut.cpp and
//! filter_ppm_codes.ut.cpp), read in place from the shared upstream test
//! data; skipped with a message when that data is not present.

use lanner::engine::condition::{compile, parse};
use serde_json::Value as Json;
use std::collections::BTreeSet;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/cases/");

/// Says loudly (on stdout and stderr, so it shows with and without
/// `--nocapture`) that a test ran nothing because its data is absent.
fn absent(path: &str, why: &str) {
    let msg = format!(
        "\n!!!!!!!! UPSTREAM TEST DATA ABSENT: {path}: {why}\n\
         !!!!!!!! this test checked NOTHING and passes only because of that\n"
    );
    println!("{msg}");
    eprintln!("{msg}");
}

fn cases(name: &str) -> Option<Vec<Json>> {
    let path = format!("{CASES}{name}");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str::<Vec<Json>>(&text).expect("valid case file")),
        Err(e) => {
            absent(&path, &e.to_string());
            None
        }
    }
}

/// libsinsp's `test_accept` also tries " input " with its blanks turned
/// into line breaks, then into tabs.
fn variants(input: &str, whitespace: bool) -> Vec<String> {
    let mut v = vec![input.to_string()];
    if whitespace {
        let spaced = format!(" {input} ");
        v.push(spaced.replace(' ', "\n"));
        v.push(spaced.replace(' ', "\t"));
        v.push(spaced);
    }
    v
}

/// Measured: every case and variant agrees with libsinsp (528 cases,
/// 1503 inputs with whitespace variants).
const PARSER_FLOOR: usize = 1503;

#[test]
fn libsinsp_filter_parser_cases() {
    let Some(cases) = cases("libsinsp_filter_parser_cases.json") else {
        return;
    };
    let (mut total, mut pass) = (0, 0);
    let mut failures = Vec::new();
    for c in &cases {
        let input = c["input"].as_str().expect("input");
        let accept = c["kind"] == "accept";
        let ws = c["whitespace_variants"].as_bool().unwrap_or(false);
        for v in variants(input, accept && ws) {
            total += 1;
            let got = parse(&v, 0);
            if got.is_ok() == accept {
                pass += 1;
            } else {
                failures.push(format!("{} {v:?}: {:?}", c["kind"], got.err()));
            }
        }
    }
    println!(
        "libsinsp filter parser cases: {pass}/{total} inputs agree ({} cases)",
        cases.len()
    );
    for f in failures.iter().take(20) {
        println!("  disagree: {f}");
    }
    assert!(pass >= PARSER_FLOOR, "{pass} < floor {PARSER_FLOOR}");
}

/// Measured: all 121 cases (107 with an expected set, 14 equivalences).
const PPM_FLOOR: usize = 121;

/// The event-type set is computed on the syntax tree, as libsinsp's
/// `ppm_codes` does, so cases on fields lanner lacks (`fd.type`) or with
/// constants that do not compile (`evt.num=1.5`) are checked too.
#[test]
fn libsinsp_event_type_cases() {
    use lanner::engine::condition::{event_type_set, TypeSet};
    let Some(cases) = cases("libsinsp_ppm_codes_cases.json") else {
        return;
    };
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let types = |filter: &str| event_type_set(&parse(filter, 0).expect("case parses"));
    let (mut total, mut pass) = (0, 0);
    for c in &cases {
        let Some(filter) = c["filter"].as_str() else {
            continue;
        };
        total += 1;
        let got = types(filter);
        let want = if let Some(other) = c["equivalent_to"].as_str() {
            types(other)
        } else {
            match c["expected_set_var"].as_str() {
                Some("openat_only") => TypeSet::Only(set(&["openat"])),
                Some("openat_close_only") => TypeSet::Only(set(&["close", "openat"])),
                Some("no_events") => TypeSet::Only(set(&[])),
                Some("all_events") => TypeSet::AllBut(set(&[])),
                Some("not_openat") => TypeSet::AllBut(set(&["openat"])),
                Some("not_openat_close") => TypeSet::AllBut(set(&["close", "openat"])),
                other => panic!("unknown expected set {other:?}"),
            }
        };
        if got == want {
            pass += 1;
        } else {
            println!("  disagree: {filter:?}: {got:?} != {want:?}");
        }
    }
    println!("libsinsp ppm_codes cases: {pass}/{total} agree");
    assert_eq!(total, 121, "case file changed");
    assert!(pass >= PPM_FLOOR, "{pass} < floor {PPM_FLOOR}");
    // Filter::event_types() keeps reporting complements as unrestricted.
    let f = compile(&parse("evt.type != openat", 0).unwrap()).unwrap();
    assert_eq!(f.event_types(), None);
    assert_eq!(f.event_type_set(), &TypeSet::AllBut(set(&["openat"])));
}

/// Every macro and rule condition of the upstream Falco rules files
/// (stable, incubating, sandbox, and the older 3.2.0 and 1.0.1) parses.
#[test]
fn upstream_rules_conditions_parse() {
    use lanner::engine::yaml;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/rules/");
    let files = [
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
        "older/falco_rules-3.2.0.yaml",
        "older/falco_rules-1.0.1.yaml",
    ];
    let (mut total, mut failed) = (0, Vec::new());
    for f in files {
        let path = format!("{dir}{f}");
        let Ok(text) = std::fs::read_to_string(&path) else {
            absent(&path, "not readable");
            return;
        };
        let docs = yaml::parse(f, &text).unwrap_or_else(|e| panic!("{e}"));
        for doc in &docs {
            for item in doc.as_seq().unwrap_or_default() {
                for (k, v) in item.as_map().unwrap_or_default() {
                    if k.as_str() == Some("condition") {
                        total += 1;
                        let cond = v.as_str().expect("scalar condition");
                        if let Err(e) = parse(cond, 0) {
                            failed.push(format!("{f}:{}: {e}", v.mark.line));
                        }
                    }
                }
            }
        }
    }
    println!(
        "upstream rules files: {}/{total} conditions parse",
        total - failed.len()
    );
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(total > 900, "{total}");
}

/// Falco's own rule-loader tests (falco unit_tests/engine/test_rule_loader.cpp):
/// whether each set of files loads, each expected error and warning
/// message (as a substring of one of lanner's, the condition compiler's
/// hints included), and the compiled condition of each rule in libsinsp's
/// canonical form. All 103 cases must agree.
#[test]
fn falco_rule_loader_cases() {
    let Some(cases) = cases("falco_rule_loader_cases.json") else {
        return;
    };
    let mut agree = 0;
    let mut disagree = Vec::new();
    for c in &cases {
        let test = c["test"].as_str().unwrap_or("?");
        let files: Vec<(String, &str)> = c["rules_content"]
            .as_array()
            .expect("rules_content")
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("{test}-{i}.yaml"), t.as_str().unwrap_or("")))
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        // `null`: upstream asserts with EXPECT_TRUE, which the extraction
        // did not record; those files load in Falco.
        let falco_ok = c["load_ok"].as_bool().unwrap_or(true);
        let out = lanner::engine::Ruleset::load_sources_report(&refs);
        let errors: Vec<String> = out.result.errors().map(|d| d.message.clone()).collect();
        let warnings: Vec<String> = out.result.warnings().map(|d| d.message.clone()).collect();
        let mut problems = Vec::new();
        match (&out.ruleset, falco_ok) {
            (None, true) => problems.push(format!("Falco loads, lanner: {errors:?}")),
            (Some(_), false) => problems.push("Falco rejects, lanner loads".to_string()),
            _ => {}
        }
        for want in c["error_messages"].as_array().into_iter().flatten() {
            let want = want.as_str().unwrap_or("");
            if !errors.iter().any(|e| e.contains(want)) {
                problems.push(format!("no error containing {want:?} in {errors:?}"));
            }
        }
        for want in c["warning_messages"].as_array().into_iter().flatten() {
            let want = want.as_str().unwrap_or("");
            // "no_deprecated_field_warning_in_output" lists a message that
            // must NOT appear.
            let present = warnings.iter().any(|w| w.contains(want));
            let must_be_absent = test.starts_with("no_");
            if present == must_be_absent {
                problems.push(format!(
                    "warning {want:?} {} in {warnings:?}",
                    if must_be_absent { "present" } else { "missing" }
                ));
            }
        }
        if let Some(rs) = &out.ruleset {
            for pair in c["expected_conditions"].as_array().into_iter().flatten() {
                let (name, want) = (
                    pair[0].as_str().unwrap_or(""),
                    pair[1].as_str().unwrap_or(""),
                );
                let got = rs
                    .rules()
                    .iter()
                    .find(|r| r.name == name)
                    .map(|r| r.expanded_condition());
                if got != Some(want) {
                    problems.push(format!("rule {name:?}: {got:?} != {want:?}"));
                }
            }
        }
        if problems.is_empty() {
            agree += 1;
        } else {
            disagree.push(format!("{test}: {}", problems.join("; ")));
        }
    }
    println!(
        "falco rule loader cases: {agree} agree, {} disagree, of {}",
        disagree.len(),
        cases.len()
    );
    for d in &disagree {
        println!("  {d}");
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
    assert_eq!(agree, cases.len());
    assert_eq!(cases.len(), 103, "case file changed");
}
