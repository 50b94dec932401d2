//! No input makes the condition parser, the compiler, the YAML reader or
//! the rules loader panic (or overflow the stack): bad input is a located error.

use lanner::engine::condition::{compile, parse};
use lanner::engine::Ruleset;
use proptest::prelude::*;

/// Strings biased towards the condition language's own tokens, so the
/// parser gets deep into its states rather than failing on byte one.
fn condition_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("and ".to_string()),
        Just("or ".to_string()),
        Just("not ".to_string()),
        Just("not(".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(",".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("proc.name".to_string()),
        Just("fd.num".to_string()),
        Just("evt.type".to_string()),
        Just("a.b[".to_string()),
        Just("]".to_string()),
        Just("=".to_string()),
        Just("!=".to_string()),
        Just("<=".to_string()),
        Just(" in ".to_string()),
        Just(" contains ".to_string()),
        Just(" exists".to_string()),
        Just("oneof ".to_string()),
        Just("tolower(".to_string()),
        Just("val(".to_string()),
        Just("join(".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\\x".to_string()),
        Just("-1.5e+3".to_string()),
        Just("0x1f".to_string()),
        Just("macro_x".to_string()),
        "[a-z/.*é]{0,6}",
    ];
    prop::collection::vec(token, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parser_never_panics_on_arbitrary_strings(s in any::<String>()) {
        let _ = parse(&s, 0);
    }

    #[test]
    fn parser_and_compiler_never_panic_on_condition_like_strings(s in condition_like()) {
        if let Ok(e) = parse(&s, 0) {
            let _ = e.to_string();
            let _ = compile(&e).map(|f| f.event_types());
        }
    }

    #[test]
    fn yaml_and_loader_never_panic_on_arbitrary_strings(s in any::<String>()) {
        if let Err(e) = lanner::engine::yaml::parse("a.yaml", &s) {
            let _ = e.to_string();
        }
        let _ = Ruleset::load_str("a.yaml", &s).map_err(|e| e.to_string());
    }

    #[test]
    fn loader_never_panics(cond in condition_like(), junk in "[-:'\"|>\\[\\]{}#&*! a-z\n]{0,40}") {
        let file = format!(
            "- list: l\n  items: [a, \"b c\"]\n- macro: m\n  condition: {cond:?}\n- rule: R\n  desc: d\n  \
             condition: >\n    m and proc.name in (l) {}\n  output: o %proc.name\n  priority: INFO\n",
            cond.replace('\n', " ")
        );
        let _ = Ruleset::load_str("p.yaml", &file);
        let _ = Ruleset::load_str("j.yaml", &(file.clone() + &junk));
        let _ = Ruleset::load_str("k.yaml", &junk);
    }
}
