//! The upstream Falco rules files (stable 5.1.0, incubating, sandbox, and
//! the older 3.2.0 and 1.0.1 stable files) load with zero errors, each
//! alone and stable + incubating + sandbox together. Warnings are counted
//! and printed (unused macros/lists, `evt.dir`, `%container.info`...).

use lanner::engine::Ruleset;

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/rules/");

fn load(files: &[&str]) -> Option<(usize, usize)> {
    let mut texts = Vec::new();
    for f in files {
        let path = format!("{RULES}{f}");
        match std::fs::read_to_string(&path) {
            Ok(t) => texts.push((path, t)),
            Err(e) => {
                let msg = format!("\n!!!!!!!! UPSTREAM TEST DATA ABSENT: {path}: {e}\n!!!!!!!! this test checked NOTHING\n");
                println!("{msg}");
                eprintln!("{msg}");
                return None;
            }
        }
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let out = Ruleset::load_sources_report(&refs);
    let errors: Vec<String> = out.result.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{files:?}: {errors:#?}");
    let rs = out.ruleset.expect("a ruleset when there is no error");
    let mut by_code = std::collections::BTreeMap::<&str, usize>::new();
    for w in out.result.warnings() {
        *by_code.entry(w.code.as_str()).or_default() += 1;
    }
    let warnings = out.result.warnings().count();
    println!(
        "{files:?}: {} rules ({} enabled), 0 errors, {warnings} warnings {by_code:?}",
        rs.rules().len(),
        rs.rules().iter().filter(|r| r.enabled).count()
    );
    Some((rs.rules().len(), warnings))
}

#[test]
fn upstream_rules_files_load_without_errors() {
    let expect = [
        ("falco_rules.yaml", 25),
        ("falco-incubating_rules.yaml", 31),
        ("falco-sandbox_rules.yaml", 37),
        ("older/falco_rules-3.2.0.yaml", 25),
        ("older/falco_rules-1.0.1.yaml", 80),
    ];
    for (f, rules) in expect {
        if let Some((n, _)) = load(&[f]) {
            assert_eq!(n, rules, "{f}");
        }
    }
    if let Some((n, _)) = load(&[
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
    ]) {
        assert_eq!(n, 93);
    }
}
