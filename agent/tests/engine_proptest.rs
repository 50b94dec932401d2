//! No input makes the condition parser, the compiler, the YAML reader or
//! the rules loader panic (or overflow the stack): bad input is a located error.

use lanner::engine::condition::{compile, parse};
use lanner::engine::field::{FieldRef, FieldSource, FieldType, Value};
use lanner::engine::format::OutputFormat;
use lanner::engine::{catalog, Ruleset};
use proptest::prelude::*;
use std::borrow::Cow;

/// Gives every field a value of its type (or, for `odd`, of another
/// type, or a list), so compiled filters are evaluated on all paths.
struct AnySource {
    odd: bool,
}

impl FieldSource for AnySource {
    fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
        let info = catalog::FIELDS.get(usize::from(f.id.0))?;
        let v = match (info.ty, self.odd) {
            (FieldType::Str, false) => Value::Str(Cow::Borrowed("/usr/bin/a b")),
            (FieldType::Int, false) => Value::Int(-1),
            (FieldType::Bool, false) => Value::Bool(true),
            (FieldType::Bytes, false) => Value::Bytes(Cow::Borrowed(b"\x00ab")),
            (FieldType::Ip | FieldType::Net, false) => Value::Ip("10.0.0.1".parse().ok()?),
            (FieldType::Double, false) => Value::Double(0.5),
            (FieldType::Int, true) => Value::Str(Cow::Borrowed("x")),
            (_, true) => Value::list(vec![Value::Int(1), Value::Str(Cow::Borrowed("é"))]),
        };
        Some(v)
    }
}

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
        Just("anyof ".to_string()),
        Just("allof ".to_string()),
        Just(" regex ".to_string()),
        Just(" pmatch ".to_string()),
        Just(" glob ".to_string()),
        Just(" bcontains ".to_string()),
        Just(" icontains ".to_string()),
        Just(" intersects ".to_string()),
        Just("fd.net".to_string()),
        Just("fd.cip".to_string()),
        Just("evt.buffer".to_string()),
        Just("evt.arg.flags".to_string()),
        Just("len(".to_string()),
        Just("b64(".to_string()),
        Just("getopt(".to_string()),
        Just("concat(".to_string()),
        Just("basename(".to_string()),
        Just("10.0.0.0/8".to_string()),
        Just("'[a-'".to_string()),
        Just("'(x'".to_string()),
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

/// One rules-file item drawn from every form the loader knows (lists,
/// macros, rules, append, override, exceptions, enable-only, versions,
/// junk), with names from a small pool so items collide and refer to each
/// other.
fn item() -> impl Strategy<Value = String> {
    let name = prop_oneof![Just("a"), Just("b"), Just("c d"), Just("l"), Just("m")];
    let value = "[a-z .()\"',*=<]{0,12}";
    (0..14usize, name, condition_like(), value, any::<bool>()).prop_map(
        |(kind, n, cond, v, flag)| {
            let cond = format!("{cond:?}");
            match kind {
                0 => format!("- list: {n}\n  items: [{v:?}, a, l, b]\n"),
                1 => format!("- list: {n}\n  items: [x]\n  append: {flag}\n"),
                2 => format!("- list: {n}\n  items: []\n  override:\n    items: {}\n", if flag { "append" } else { "replace" }),
                3 => format!("- macro: {n}\n  condition: {cond}\n"),
                4 => format!("- macro: {n}\n  condition: or {cond}\n  override:\n    condition: append\n"),
                5 => format!("- rule: {n}\n  desc: d\n  condition: {cond}\n  output: o %proc.name %container.info\n  priority: INFO\n  enabled: {flag}\n"),
                6 => format!("- rule: {n}\n  condition: and {cond}\n  append: true\n"),
                7 => format!("- rule: {n}\n  condition: {cond}\n  priority: {v:?}\n  override:\n    condition: replace\n    priority: {}\n", if flag { "replace" } else { "append" }),
                8 => format!("- rule: {n}\n  enabled: {flag}\n"),
                9 => format!("- rule: {n}\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name, {v:?}]\n      comps: [=, {v:?}]\n      values:\n        - [{v:?}, [a, {v:?}]]\n        - {v:?}\n"),
                10 => format!("- rule: {n}\n  exceptions:\n    - name: e\n      values: [[{v:?}]]\n  override:\n    exceptions: {}\n", if flag { "append" } else { "replace" }),
                11 => format!("- required_engine_version: {v:?}\n"),
                12 => format!("- required_plugin_versions:\n  - name: {n}\n    version: {v:?}\n"),
                _ => format!("- {v:?}\n"),
            }
        },
    )
}

/// `cases` cases drawn with XorShift: proptest's default ChaCha generator
/// took 80% of these tests' time in a debug build (72 s for the file).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        rng_algorithm: prop::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(cases)
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn parser_never_panics_on_arbitrary_strings(s in any::<String>()) {
        let _ = parse(&s, 0);
    }

    #[test]
    fn parser_and_compiler_never_panic_on_condition_like_strings(s in condition_like()) {
        if let Ok(e) = parse(&s, 0) {
            let _ = e.to_string();
            if let Ok(f) = compile(&e) {
                let _ = f.event_types();
                let _ = f.eval(&AnySource { odd: false });
                let _ = f.eval(&AnySource { odd: true });
            }
        }
    }

    #[test]
    fn output_templates_never_panic(s in condition_like(), raw in any::<String>()) {
        for t in [format!("%{s}"), raw, s.replace(' ', "%")] {
            if let Ok(f) = OutputFormat::parse(&t) {
                let _ = f.render(&AnySource { odd: false });
                let _ = f.render_typed(&AnySource { odd: true });
            }
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

proptest! {
    // Whole two-file loads are slower per case (debug build): fewer cases.
    #![proptest_config(config(400))]

    #[test]
    fn loader_never_panics_on_generated_rules_files(
        a in prop::collection::vec(item(), 0..12),
        b in prop::collection::vec(item(), 0..6),
    ) {
        let (a, b) = (a.concat(), b.concat());
        let out = Ruleset::load_sources_report(&[("a.yaml", &a), ("b.yaml", &b)]);
        // Every diagnostic renders, and a ruleset exists exactly when no
        // file has an error.
        let _ = out.result.to_text();
        let _ = out.result.to_json().to_string();
        prop_assert_eq!(out.ruleset.is_some(), out.result.successful());
        for d in out.result.errors().chain(out.result.warnings()) {
            prop_assert!(d.position().is_some());
        }
    }
}
