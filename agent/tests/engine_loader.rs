//! Rules-file loading: items, lists, macros, append, redefinition, and
//! errors located at the exact file:line:col of the offending character,
//! including inside quoted and block scalars and across files.

use lanner::engine::{Field, FieldSource, LoadError, LoadErrorKind, Ruleset, Value};
use std::borrow::Cow;

fn load(files: &[(&str, &str)]) -> Ruleset {
    Ruleset::load_sources(files).unwrap_or_else(|e| panic!("{e}"))
}

fn fail(files: &[(&str, &str)]) -> LoadError {
    match Ruleset::load_sources(files) {
        Ok(_) => panic!("loaded, expected an error"),
        Err(e) => e,
    }
}

/// (file:line:col, message) of a load error.
fn at(e: &LoadError) -> (String, &str) {
    (
        format!("{}:{}:{}", e.file, e.line, e.col),
        e.message.as_str(),
    )
}

/// A complete rule with the given condition.
fn rule(name: &str, cond: &str) -> String {
    format!("- rule: {name}\n  desc: d\n  condition: {cond}\n  output: o\n  priority: WARNING\n")
}

struct Ev(Vec<(Field, Value<'static>)>);

impl FieldSource for Ev {
    fn field(&self, f: &lanner::engine::FieldRef) -> Option<Value<'_>> {
        let f = Field::from_id(f.id)?;
        self.0.iter().find(|(k, _)| *k == f).map(|(_, v)| v.clone())
    }
}

fn name(n: &'static str) -> Ev {
    Ev(vec![
        (Field::EvtType, Value::Str(Cow::Borrowed("openat"))),
        (Field::ProcName, Value::Str(Cow::Borrowed(n))),
        (Field::FdNum, Value::Int(3)),
    ])
}

#[test]
fn error_display_has_position_snippet_and_caret() {
    let text = rule("Foo", "evt.type = open and proc.name = x)");
    let e = fail(&[("rules/x.yaml", &text)]);
    assert_eq!(e.kind, LoadErrorKind::CompileCondition);
    assert_eq!(
        e.to_string(),
        "rules/x.yaml:3:47: unexpected token ')': expected 'and', 'or' or \
         the end of the condition\n  \
         \x20 condition: evt.type = open and proc.name = x)\n  \
         \x20                                             ^"
    );
}

#[test]
fn errors_inside_block_scalars_point_at_the_character() {
    // Folded: error on the second content line.
    let folded = "- macro: m\n  condition: >\n    evt.type = open\n    and fd.name in (a,, b)\n";
    let e = fail(&[("f.yaml", folded)]);
    assert_eq!(
        at(&e),
        (
            "f.yaml:4:23".into(),
            "unexpected token ',': expected a string value"
        )
    );
    // Literal, with a more indented line and an empty line before it.
    let literal = "- rule: L\n  desc: d\n  priority: INFO\n  output: o\n  condition: |\n    evt.type = open and\n      (proc.name = a\n\n       or proc.nme = b)\n";
    let e = fail(&[("l.yaml", literal)]);
    assert_eq!(at(&e), ("l.yaml:9:11".into(), "unknown field 'proc.nme'"));
    // Block with "keep" chomping and an explicit end of the condition.
    let kept = "- macro: k\n  condition: |+\n    evt.type = open and\n\n";
    let e = fail(&[("k.yaml", kept)]);
    assert_eq!(
        at(&e),
        (
            "k.yaml:3:24".into(),
            "unexpected end of condition: expected '(', 'not', a field check or a macro name"
        )
    );
}

#[test]
fn errors_inside_quoted_and_multiline_plain_scalars() {
    let dq = rule("Q", r#""proc.name = \"x\" and fd.nme = y""#);
    assert_eq!(
        at(&fail(&[("q.yaml", &dq)])),
        ("q.yaml:3:37".into(), "unknown field 'fd.nme'")
    );
    let sq = rule("S", "'proc.name = ''x'' and fd.num = abc'");
    assert_eq!(
        at(&fail(&[("s.yaml", &sq)])),
        (
            "s.yaml:3:46".into(),
            "'abc' is not a valid integer for field 'fd.num'"
        )
    );
    let plain = "- macro: p\n  condition: evt.type = open\n    and proc.name in (a b)\n";
    assert_eq!(
        at(&fail(&[("p.yaml", plain)])),
        (
            "p.yaml:3:25".into(),
            "unexpected token 'b': expected ',' or ')' in a list"
        )
    );
}

#[test]
fn errors_in_macros_and_lists_point_into_their_definition() {
    let text = format!(
        "- list: nums\n  items: [1, two]\n- macro: m\n  condition: fd.nme = x\n{}{}",
        rule("R", "evt.type = open and m"),
        rule("N", "fd.num in (nums)")
    );
    let e = fail(&[("m.yaml", &text)]);
    assert_eq!(at(&e), ("m.yaml:4:14".into(), "unknown field 'fd.nme'"));
    let text = format!(
        "- list: nums\n  items: [1, two]\n{}",
        rule("N", "fd.num in (nums)")
    );
    assert_eq!(
        at(&fail(&[("n.yaml", &text)])),
        (
            "n.yaml:2:14".into(),
            "'two' is not a valid integer for field 'fd.num'"
        )
    );
}

#[test]
fn undefined_names_and_macro_loops() {
    let e = fail(&[(
        "u.yaml",
        &rule("R", "evt.type = open and not missing_macro"),
    )]);
    assert_eq!(e.kind, LoadErrorKind::Validate);
    assert_eq!(
        at(&e),
        (
            "u.yaml:3:38".into(),
            "Undefined macro 'missing_macro' used in filter."
        )
    );
    let e = fail(&[("l.yaml", &rule("R", "proc.name in no_such_list"))]);
    assert_eq!(
        at(&e),
        ("l.yaml:3:27".into(), "undefined list 'no_such_list'")
    );
    // A macro sees only macros defined before its last definition...
    let fwd = "- macro: a\n  condition: b\n- macro: b\n  condition: proc.name = x\n";
    assert_eq!(
        at(&fail(&[("v.yaml", fwd)])),
        ("v.yaml:2:14".into(), "Undefined macro 'b' used in filter.")
    );
    // ...so a loop needs an append; it is reported even if no rule uses it.
    let looped = "- macro: a\n  condition: proc.name = x\n- macro: b\n  condition: a\n- macro: a\n  append: true\n  condition: or b\n";
    let e = fail(&[("loop.yaml", looped)]);
    assert_eq!(e.kind, LoadErrorKind::Validate);
    assert_eq!(
        at(&e),
        (
            // Found while resolving `a` (first defined): a -> b -> a -> b.
            "loop.yaml:7:17".into(),
            "reference loop in macro 'b'"
        )
    );
    // Rules may use macros and lists defined later in the same file.
    let later = format!(
        "{}- macro: m\n  condition: proc.name in (l)\n- list: l\n  items: [x]\n",
        rule("R", "m")
    );
    assert!(load(&[("later.yaml", &later)]).rules()[0].matches(&name("x")));
}

#[test]
fn files_load_in_order_and_later_files_use_earlier_items() {
    let base =
        "- list: shells\n  items: [sh]\n- macro: is_shell\n  condition: proc.name in (shells)\n";
    let local = format!(
        "- list: shells\n  append: true\n  items: [bash]\n{}",
        rule("Shell", "evt.type = openat and is_shell")
    );
    let rs = load(&[("base.yaml", base), ("local.yaml", &local)]);
    let r = &rs.rules()[0];
    assert!(r.matches(&name("bash")) && r.matches(&name("sh")) && !r.matches(&name("cat")));
    assert_eq!(
        r.expanded_condition(),
        "(evt.type = openat and proc.name in (sh, bash))"
    );
    assert_eq!((r.file.as_str(), r.line), ("local.yaml", 4));
    // An earlier file may not use what only a later one defines.
    let e = fail(&[
        ("first.yaml", &rule("R", "later_macro")),
        (
            "second.yaml",
            "- macro: later_macro\n  condition: proc.name = x\n",
        ),
    ]);
    assert_eq!(
        at(&e),
        (
            "first.yaml:3:14".into(),
            "Undefined macro 'later_macro' used in filter."
        )
    );
}

#[test]
fn append_redefine_and_enable() {
    let text = format!(
        "- macro: m\n  condition: proc.name = a or proc.name = b\n- macro: m\n  append: true\n  condition: and fd.num = 3\n\
         - list: inner\n  items: [x, '\"y z\"', \"w v\"]\n- list: outer\n  items: [inner, q]\n\
         {}{}{}{}\
         - rule: Two\n  append: true\n  condition: or proc.name = c\n\
         - rule: Three\n  enabled: false\n",
        rule("One", "m"),
        rule("Two", "proc.name in (outer)"),
        rule("Three", "proc.name = three"),
        rule("One", "proc.name = one"),
    );
    let rs = load(&[("a.yaml", &text)]);
    let names: Vec<&str> = rs.rules().iter().map(|r| r.name.as_str()).collect();
    // Redefinition replaces "One" but keeps its place.
    assert_eq!(names, ["One", "Two", "Three"]);
    assert_eq!(rs.rules()[0].expanded_condition(), "proc.name = one");
    // Appended macro text joins with a blank, so precedence applies to the whole.
    let m = load(&[(
        "m.yaml",
        &text.replace(
            "rule: One\n  desc: d\n  condition: proc.name = one",
            "rule: One\n  desc: d\n  condition: m",
        ),
    )]);
    assert_eq!(
        m.rules()[0].expanded_condition(),
        "(proc.name = a or (proc.name = b and fd.num = 3))"
    );
    // Lists inside lists, quoted items unquoted, rule condition appended.
    assert_eq!(
        rs.rules()[1].expanded_condition(),
        "(proc.name in (x, \"y z\", \"w v\", q) or proc.name = c)"
    );
    assert!(rs.rules()[1].matches(&name("y z")) && rs.rules()[1].matches(&name("c")));
    assert!(!rs.rules()[2].enabled);
    assert!(rs.first_match("openat", &name("three")).is_none());
    // Append without a definition.
    let e = fail(&[("x.yaml", "- list: nope\n  append: true\n  items: [a]\n")]);
    assert_eq!(
        at(&e),
        (
            "x.yaml:1:3".into(),
            "List uses 'append' or 'override.items: append' but no list by that name already exists"
        )
    );
    let e = fail(&[("x.yaml", "- rule: Ghost\n  enabled: false\n")]);
    assert_eq!(e.kind, LoadErrorKind::Validate);
}

#[test]
fn schema_errors_point_at_keys_and_values() {
    let bad_prio = rule("R", "proc.name = x").replace("WARNING", "LOUD");
    let e = fail(&[("p.yaml", &bad_prio)]);
    assert_eq!(
        (e.kind, at(&e)),
        (
            LoadErrorKind::YamlValidate,
            ("p.yaml:5:13".into(), "Invalid priority")
        )
    );
    let missing = "- rule: R\n  desc: d\n  condition: proc.name = x\n  priority: INFO\n";
    assert_eq!(
        at(&fail(&[("o.yaml", missing)])),
        ("o.yaml:1:3".into(), "Item has no mapping for key 'output'")
    );
    let not_seq = "rule: x\n";
    assert_eq!(
        fail(&[("n.yaml", not_seq)]).message,
        "Rules content is not yaml array of objects"
    );
    let not_map = "- just a string\n";
    assert_eq!(
        at(&fail(&[("m.yaml", not_map)])),
        (
            "m.yaml:1:3".into(),
            "Unexpected element type. Each element should be a yaml associative array."
        )
    );
    let bad_bool = rule("R", "proc.name = x") + "  enabled: maybe\n";
    assert_eq!(
        at(&fail(&[("b.yaml", &bad_bool)])),
        ("b.yaml:6:12".into(), "Can't decode YAML scalar value")
    );
    let empty = rule("R", "proc.name = x").replace("desc: d", "desc: ''");
    assert_eq!(
        at(&fail(&[("e.yaml", &empty)])),
        ("e.yaml:2:9".into(), "Value must be non-empty")
    );
    let bad_out =
        rule("R", "proc.name = x").replace("output: o", "output: \"pid=%proc.pid user=%user.nam\"");
    let e = fail(&[("out.yaml", &bad_out)]);
    assert_eq!(e.kind, LoadErrorKind::CompileOutput);
    assert_eq!(at(&e), ("out.yaml:4:32".into(), "unknown field 'user.nam'"));
}

#[test]
fn unknown_keys_items_and_sources_are_warnings() {
    let text = format!(
        "- rules: x\n{}  tag: [a]\n{}  source: k8s_audit\n",
        rule("R", "evt.type = open and proc.name = x"),
        rule("K", "ka.verb = GET")
    );
    let out = Ruleset::load_sources_report(&[("w.yaml", &text)]);
    let rs = out.ruleset.expect("loads");
    assert_eq!(rs.rules().len(), 1, "the k8s_audit rule is skipped");
    let w: Vec<(String, &str, String)> = out
        .result
        .warnings()
        .map(|d| {
            let p = d.position().unwrap();
            (
                format!("{}:{}", p.line, p.col),
                d.code.as_str(),
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        w,
        [
            (
                "1:3".to_string(),
                "LOAD_UNKNOWN_ITEM",
                "Unknown top level item".to_string()
            ),
            (
                "7:3".into(),
                "LOAD_UNKNOWN_KEY",
                "Unknown key 'tag'. The key will be ignored.".into()
            ),
            (
                "8:3".into(),
                "LOAD_UNKNOWN_SOURCE",
                "Unknown source k8s_audit, skipping".into()
            ),
        ]
    );
}

#[test]
fn override_append_and_replace() {
    let text = format!(
        "{}- rule: R\n  condition: and proc.name = x\n  priority: ERROR\n  tags: [b]\n  override:\n    condition: append\n    priority: replace\n    tags: append\n",
        rule("R", "evt.type = open").replace("WARNING\n", "WARNING\n  tags: [a]\n")
    );
    let rs = load(&[("o.yaml", &text)]);
    let r = &rs.rules()[0];
    assert_eq!(
        r.expanded_condition(),
        "(evt.type = open and proc.name = x)"
    );
    assert_eq!(r.priority, lanner::engine::Priority::Error);
    assert_eq!(r.tags, ["a", "b"]);
    let bad = format!(
        "{}- rule: R\n  priority: ERROR\n  override:\n    priority: append\n",
        rule("R", "evt.type = open")
    );
    let e = fail(&[("b.yaml", &bad)]);
    assert_eq!(
        at(&e),
        (
            "b.yaml:9:5".into(),
            "Key 'priority' cannot be appended to, use 'replace' instead"
        )
    );
    let ghost = "- rule: G\n  condition: x\n  override:\n    condition: replace\n";
    assert!(fail(&[("g.yaml", ghost)])
        .message
        .starts_with("An 'override.<key>: replace' to a rule"));
}

#[test]
fn exceptions_compile_to_text_with_positions() {
    let text = rule("R", "evt.type = open")
        + "  exceptions:\n    - name: e\n      fields: [proc.name, fd.num]\n      values:\n        - [a b, 3]\n        - [c, x]\n";
    let e = fail(&[("x.yaml", &text)]);
    // The bad value points at the value in the exception, not the rule.
    assert_eq!(
        at(&e),
        (
            "x.yaml:11:15".into(),
            "'x' is not a valid integer for field 'fd.num'"
        )
    );
    let ok = text.replace("[c, x]", "[c, 4]");
    assert_eq!(
        load(&[("x.yaml", &ok)]).rules()[0].expanded_condition(),
        "(evt.type = open and not ((proc.name = \"a b\" and fd.num = 3) or (proc.name = c and fd.num = 4)))"
    );
}

#[test]
fn versions_and_plugins() {
    let ok = "- required_engine_version: 0.57.0\n- required_plugin_versions:\n  - name: container\n    version: 0.4.0\n- required_engine_version: 17\n";
    assert!(load(&[("v.yaml", ok)]).rules().is_empty());
    let e = fail(&[("v.yaml", "- required_engine_version: seven\n")]);
    assert!(
        e.message
            .starts_with("Unable to parse engine version 'seven'"),
        "{e}"
    );
    let e = fail(&[("v.yaml", "- required_engine_version: 9999999\n")]);
    assert_eq!(
        e.message,
        "Rules require engine version 0.9999999.0, but engine version is 0.63.0"
    );
    let e = fail(&[("p.yaml", "- required_plugin_versions:\n  - name: cloudtrail\n    version: 0.1.0\n    alternatives:\n      - name: container\n        version: 1.0.0\n")]);
    assert_eq!(
        at(&e),
        ("p.yaml:2:5".into(), "Plugin requirement not satisfied, must load one of: cloudtrail (>= 0.1.0), container (>= 1.0.0)")
    );
}

#[test]
fn malformed_yaml_and_unreadable_files() {
    let e = fail(&[("y.yaml", "- rule: R\n  desc: [unclosed\n  condition: x\n")]);
    assert_eq!(e.kind, LoadErrorKind::YamlParse);
    assert_eq!((e.file.as_str(), e.line), ("y.yaml", 3), "{e}");
    let e = fail(&[("tab.yaml", "- rule: R\n\tdesc: d\n")]);
    assert_eq!(e.kind, LoadErrorKind::YamlParse);
    assert!(e.message.contains("found a tab"), "{e}");
    let e = Ruleset::load_files(&["/nonexistent/rules.yaml".into()]).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::FileRead);
    assert!(
        e.to_string()
            .starts_with("/nonexistent/rules.yaml: Could not read file"),
        "{e}"
    );
    // Empty files and empty documents are fine.
    assert!(
        load(&[("empty.yaml", ""), ("comments.yaml", "# nothing\n---\n")])
            .rules()
            .is_empty()
    );
}

#[test]
fn deep_macro_chains_fail_cleanly() {
    let chain = |n: usize| {
        let mut t = String::from("- macro: m0\n  condition: proc.name = x\n");
        for i in 1..n {
            t.push_str(&format!("- macro: m{i}\n  condition: (m{})\n", i - 1));
        }
        t + &rule("R", &format!("m{}", n - 1))
    };
    assert!(load(&[("c.yaml", &chain(300))]).rules()[0].matches(&name("x")));
    // Each macro is stored resolved, so a long chain stays shallow.
    assert!(load(&[("c.yaml", &chain(5000))]).rules()[0].matches(&name("x")));
    // Exponential expansion is bounded too.
    let mut t = String::from("- macro: e0\n  condition: proc.name = x\n");
    for i in 1..40 {
        t.push_str(&format!(
            "- macro: e{i}\n  condition: e{p} and e{p}\n",
            p = i - 1
        ));
    }
    let e = fail(&[("e.yaml", &(t + &rule("R", "e39")))]);
    assert!(e.message.starts_with("condition too large"), "{e}");
    // And so is textual list substitution (lists naming later lists).
    let mut t = String::new();
    for i in (1..40).rev() {
        t.push_str(&format!("- list: l{i}\n  items: [l{p}, l{p}]\n", p = i - 1));
    }
    t.push_str("- list: l0\n  items: [a, b]\n");
    let e = fail(&[("l.yaml", &(t + &rule("R", "proc.name in (l39)")))]);
    assert!(e.message.starts_with("condition needs more than"), "{e}");
    // A long list used 64 times is only bounded by the text size.
    let items = vec!["abcdefghijklmnop"; 4000].join(", ");
    let t = format!("- list: big\n  items: [{items}]\n");
    let cond = vec!["proc.name in (big)"; 64].join(" or ");
    let e = fail(&[("b.yaml", &(t + &rule("R", &cond)))]);
    assert!(e.message.starts_with("condition longer than"), "{e}");
}

#[test]
fn directories_load_sorted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.yaml"), rule("B", "proc.name = b")).unwrap();
    std::fs::write(dir.path().join("a.yml"), rule("A", "proc.name = a")).unwrap();
    std::fs::write(dir.path().join("c.txt"), "not rules").unwrap();
    let rs = Ruleset::load_files(&[dir.path().to_path_buf()]).unwrap();
    let names: Vec<&str> = rs.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
}

/// (code, message) of every warning of a load that succeeds.
fn warnings(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let out = Ruleset::load_sources_report(files);
    assert!(out.ruleset.is_some(), "{}", out.result.to_text());
    out.result
        .warnings()
        .map(|d| (d.code.as_str(), d.message.clone()))
        .collect()
}

#[test]
fn unused_deprecated_and_broad_rules_warn() {
    let text = format!(
        "- list: used\n  items: [a]\n- list: unused\n  items: [b]\n- list: inner\n  items: [c]\n- list: outer\n  items: [inner]\n\
         - macro: m_used\n  condition: proc.name in (used, outer)\n- macro: m_unused\n  condition: proc.name = z\n{}{}",
        rule("R", "evt.type = open and m_used and evt.dir = <"),
        rule("Broad", "proc.name = x").replace("output: o", "output: o %container.info %evt.dir"),
    );
    let w = warnings(&[("w.yaml", &text)]);
    let codes: Vec<&str> = w.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        codes,
        [
            "LOAD_DEPRECATED_ITEM", // evt.dir in R's condition
            "LOAD_DEPRECATED_ITEM", // %container.info in Broad's output
            "LOAD_DEPRECATED_ITEM", // evt.dir in Broad's output
            "LOAD_NO_EVTTYPE",
            "LOAD_UNUSED_MACRO",
            // Only `unused`: `outer` is substituted in m_used, `inner`
            // is named by `outer`.
            "LOAD_UNUSED_LIST",
        ],
        "{w:#?}"
    );
    assert!(w[0].1.starts_with("due to the drop of enter events"));
    assert_eq!(
        w[2].1,
        "usage of deprecated field 'evt.dir' has been detected in the rule output"
    );
    // %container.info renders as nothing.
    let rs = load(&[("w.yaml", &text)]);
    assert_eq!(rs.rules()[1].output, "o  %evt.dir");
    // warn_evttypes: false silences LOAD_NO_EVTTYPE.
    let quiet = rule("Q", "proc.name = x") + "  warn_evttypes: false\n";
    assert!(warnings(&[("q.yaml", &quiet)]).is_empty());
}

#[test]
fn event_type_sets_and_compiler_hints_warn() {
    let codes = |cond: &str| -> Vec<&'static str> {
        warnings(&[("t.yaml", &rule("T", cond))])
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    };
    // A complement is unrestricted; a finite set of at most 100 types is
    // not; an unsatisfiable condition (the empty set) does not warn.
    assert_eq!(codes("evt.type != open"), ["LOAD_NO_EVTTYPE"]);
    assert_eq!(codes("not evt.type in (open, close)"), ["LOAD_NO_EVTTYPE"]);
    assert!(codes("evt.type in (open, close) and not evt.type = close").is_empty());
    assert!(codes("evt.num = 0").is_empty());
    assert!(codes("evt.type = open and evt.num = 0").is_empty());
    // The condition compiler's hints, at the constant they are about.
    let text = rule("H", "evt.type = open and proc.name = proc.pname");
    let out = Ruleset::load_sources_report(&[("h.yaml", &text)]);
    let w: Vec<_> = out.result.warnings().collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].code.as_str(), "LOAD_COMPILE_CONDITION");
    assert_eq!(
        w[0].message,
        "'proc.pname' may be a valid field misused as a const string value"
    );
    assert_eq!(w[0].position().map(|p| (p.line, p.col)), Some((3, 46)));
}

#[test]
fn skip_if_unknown_filter_drops_the_rule_with_a_warning() {
    let text = rule("S", "evt.type = open and proc.nope = x") + "  skip-if-unknown-filter: true\n";
    let out = Ruleset::load_sources_report(&[("s.yaml", &text)]);
    let rs = out.ruleset.expect("loads");
    assert!(rs.rules().is_empty());
    let w: Vec<_> = out.result.warnings().collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code.as_str(), "LOAD_UNKNOWN_FILTER");
    assert_eq!(w[0].position().map(|p| (p.line, p.col)), Some((3, 34)));

    // Falco's legacy SkipUnknownEvt: an unknown field, an unknown event
    // type and an unknown output field each skip their rule with a warning
    // (3 warnings); without the flag each is an error.
    let skipping = |skip: bool| {
        let flag = format!("  skip-if-unknown-filter: {skip}\n");
        [
            rule("F", "evt.type = open and proc.nobody = cat") + &flag,
            rule("E", "evt.type = some_invalid_event") + &flag,
            rule("O", "evt.type = open").replace("output: o", "output: n=%proc.nobody") + &flag,
        ]
    };
    let text = skipping(true).concat() + &rule("Legit", "evt.type = open");
    let out = Ruleset::load_sources_report(&[("s.yaml", &text)]);
    let w: Vec<String> = out
        .result
        .warnings()
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    assert_eq!(w.len(), 3, "{w:#?}");
    assert!(
        w.iter().all(|m| m.starts_with("LOAD_UNKNOWN_FILTER")),
        "{w:#?}"
    );
    assert!(
        w[1].contains("unknown event type some_invalid_event"),
        "{w:#?}"
    );
    let rs = out.ruleset.expect("loads");
    let names: Vec<&str> = rs.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Legit"]);
    for text in skipping(false) {
        let e = fail(&[("s.yaml", &text)]);
        assert!(
            e.kind == LoadErrorKind::CompileCondition || e.kind == LoadErrorKind::CompileOutput,
            "{e}"
        );
    }
}

#[test]
fn validate_goes_on_after_a_failed_file() {
    let out = Ruleset::load_sources_report(&[
        ("a.yaml", "- rule: [\n"),
        ("b.yaml", &rule("B", "evt.type = open")),
    ]);
    assert!(out.ruleset.is_none());
    let ok: Vec<bool> = out.result.files.iter().map(|f| f.successful()).collect();
    assert_eq!(ok, [false, true]);
    assert_eq!(
        out.result.files[0].errors[0].code.as_str(),
        "LOAD_ERR_YAML_PARSE"
    );
}
