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
        "rules/x.yaml:3:47: unexpected token ')' in condition of rule \"Foo\": expected 'and', 'or' or \
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
            "unexpected token ',' in condition of macro \"m\": expected a string value"
        )
    );
    // Literal, with a more indented line and an empty line before it.
    let literal = "- rule: L\n  desc: d\n  priority: INFO\n  output: o\n  condition: |\n    evt.type = open and\n      (proc.name = a\n\n       or proc.nme = b)\n";
    let e = fail(&[("l.yaml", literal)]);
    assert_eq!(
        at(&e),
        (
            "l.yaml:9:11".into(),
            "unknown field 'proc.nme' in condition of rule \"L\""
        )
    );
    // Block with "keep" chomping and an explicit end of the condition.
    let kept = "- macro: k\n  condition: |+\n    evt.type = open and\n\n";
    let e = fail(&[("k.yaml", kept)]);
    assert_eq!(
        at(&e),
        ("k.yaml:3:24".into(), "unexpected end of condition in condition of macro \"k\": expected '(', 'not', a field check or a macro name")
    );
}

#[test]
fn errors_inside_quoted_and_multiline_plain_scalars() {
    let dq = rule("Q", r#""proc.name = \"x\" and fd.nme = y""#);
    assert_eq!(
        at(&fail(&[("q.yaml", &dq)])),
        (
            "q.yaml:3:37".into(),
            "unknown field 'fd.nme' in condition of rule \"Q\""
        )
    );
    let sq = rule("S", "'proc.name = ''x'' and fd.num = abc'");
    assert_eq!(
        at(&fail(&[("s.yaml", &sq)])),
        (
            "s.yaml:3:46".into(),
            "'abc' is not a valid integer for field 'fd.num' in condition of rule \"S\""
        )
    );
    let plain = "- macro: p\n  condition: evt.type = open\n    and proc.name in (a b)\n";
    assert_eq!(
        at(&fail(&[("p.yaml", plain)])),
        (
            "p.yaml:3:25".into(),
            "unexpected token 'b' in condition of macro \"p\": expected ',' or ')' in a list"
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
    assert_eq!(
        at(&e),
        (
            "m.yaml:4:14".into(),
            "unknown field 'fd.nme' in condition of macro \"m\" (used by rule \"R\")"
        )
    );
    let text = format!(
        "- list: nums\n  items: [1, two]\n{}",
        rule("N", "fd.num in (nums)")
    );
    assert_eq!(
        at(&fail(&[("n.yaml", &text)])),
        ("n.yaml:2:14".into(), "'two' is not a valid integer for field 'fd.num' in item of list \"nums\" (used by rule \"N\")")
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
            "undefined macro 'missing_macro' in condition of rule \"R\""
        )
    );
    let e = fail(&[("l.yaml", &rule("R", "proc.name in no_such_list"))]);
    assert_eq!(
        at(&e),
        (
            "l.yaml:3:27".into(),
            "undefined list 'no_such_list' in condition of rule \"R\""
        )
    );
    // A macro sees only macros defined before its last definition...
    let fwd = "- macro: a\n  condition: b\n- macro: b\n  condition: proc.name = x\n";
    assert_eq!(
        at(&fail(&[("v.yaml", fwd)])),
        (
            "v.yaml:2:14".into(),
            "undefined macro 'b' in condition of macro \"a\""
        )
    );
    // ...so a loop needs an append; it is reported even if no rule uses it.
    let looped = "- macro: a\n  condition: proc.name = x\n- macro: b\n  condition: a\n- macro: a\n  append: true\n  condition: or b\n";
    let e = fail(&[("loop.yaml", looped)]);
    assert_eq!(e.kind, LoadErrorKind::Validate);
    assert_eq!(
        at(&e),
        (
            "loop.yaml:4:14".into(),
            "macro reference loop: a -> b -> a in condition of macro \"b\""
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
            "undefined macro 'later_macro' in condition of rule \"R\""
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
            "list \"nope\" has 'append: true' but no list of that name was defined before"
        )
    );
    let e = fail(&[("x.yaml", "- rule: Ghost\n  enabled: false\n")]);
    assert_eq!(e.kind, LoadErrorKind::Validate);
}

#[test]
fn schema_errors_point_at_keys_and_values() {
    let unknown_key = "- rule: R\n  desc: d\n  condition: proc.name = x\n  output: o\n  priority: INFO\n  tag: [a]\n";
    let e = fail(&[("k.yaml", unknown_key)]);
    assert_eq!(e.kind, LoadErrorKind::YamlValidate);
    assert_eq!(e.file_pos(), "k.yaml:6:3");
    assert!(
        e.message
            .starts_with("unknown key 'tag' in rule (expected one of: rule, condition,"),
        "{}",
        e.message
    );
    let bad_prio = rule("R", "proc.name = x").replace("WARNING", "LOUD");
    assert_eq!(fail(&[("p.yaml", &bad_prio)]).file_pos(), "p.yaml:5:13");
    let missing = "- rule: R\n  desc: d\n  condition: proc.name = x\n  priority: INFO\n";
    assert_eq!(
        at(&fail(&[("o.yaml", missing)])),
        ("o.yaml:1:3".into(), "rule \"R\" has no 'output'")
    );
    let dup = "- macro: m\n  condition: proc.name = x\n  condition: proc.name = y\n";
    assert_eq!(
        at(&fail(&[("d.yaml", dup)])),
        ("d.yaml:3:3".into(), "duplicate key 'condition'")
    );
    let item = "- rules: x\n";
    assert!(fail(&[("i.yaml", item)])
        .message
        .starts_with("unknown item 'rules'"));
    let not_seq = "rule: x\n";
    assert_eq!(fail(&[("n.yaml", not_seq)]).file_pos(), "n.yaml:1:1");
    let bad_bool = rule("R", "proc.name = x") + "  enabled: maybe\n";
    assert_eq!(
        at(&fail(&[("b.yaml", &bad_bool)])),
        (
            "b.yaml:6:12".into(),
            "'enabled' must be true or false, found 'maybe'"
        )
    );
    let bad_out =
        rule("R", "proc.name = x").replace("output: o", "output: \"pid=%proc.pid user=%user.nam\"");
    let e = fail(&[("out.yaml", &bad_out)]);
    assert_eq!(e.kind, LoadErrorKind::CompileOutput);
    assert_eq!(
        at(&e),
        (
            "out.yaml:4:32".into(),
            "unknown field 'user.nam' in output of rule \"R\""
        )
    );
}

#[test]
fn unsupported_features_are_errors_not_silence() {
    let ov = "- macro: m\n  condition: proc.name = x\n  override:\n    condition: append\n";
    let e = fail(&[("o.yaml", ov)]);
    assert_eq!(
        (e.kind, at(&e)),
        (
            LoadErrorKind::Unsupported,
            ("o.yaml:3:3".into(), "'override' not supported yet")
        )
    );
    let ex = rule("R", "proc.name = x") + "  exceptions:\n    - name: e\n";
    assert_eq!(fail(&[("e.yaml", &ex)]).kind, LoadErrorKind::Unsupported);
    let src = rule("R", "proc.name = x") + "  source: k8s_audit\n";
    assert_eq!(fail(&[("s.yaml", &src)]).kind, LoadErrorKind::Unsupported);
    // Transformers and regex are implemented now (compiler package).
    load(&[("t.yaml", &rule("R", "tolower(proc.name) = x"))]);
    load(&[("r.yaml", &rule("R", "proc.name regex 'a.*'"))]);
    // Accepted and ignored.
    let ok = "- required_engine_version: 0.57.0\n- required_plugin_versions:\n  - name: container\n    version: 0.4.0\n";
    assert!(load(&[("v.yaml", ok)]).rules().is_empty());
    let e = fail(&[("v.yaml", "- required_engine_version: seven\n")]);
    assert_eq!(
        at(&e),
        (
            "v.yaml:1:28".into(),
            "invalid required_engine_version 'seven' (expected a number or a version like 0.57.0)"
        )
    );
}

#[test]
fn malformed_yaml_and_unreadable_files() {
    let e = fail(&[("y.yaml", "- rule: R\n  desc: [unclosed\n  condition: x\n")]);
    assert_eq!(e.kind, LoadErrorKind::YamlParse);
    assert!(e.message.starts_with("invalid YAML: "), "{}", e.message);
    assert_eq!((e.file.as_str(), e.line), ("y.yaml", 3), "{e}");
    // yaml-rust2 reports this one where the scalar it was reading began.
    let e = fail(&[("tab.yaml", "- rule: R\n\tdesc: d\n")]);
    assert_eq!(
        (e.kind, e.file_pos()),
        (LoadErrorKind::YamlParse, "tab.yaml:1:9".into()),
        "{e}"
    );
    assert!(e.message.contains("found a tab"), "{e}");
    let e = Ruleset::load_files(&["/nonexistent/rules.yaml".into()]).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::FileRead);
    assert!(
        e.to_string()
            .starts_with("/nonexistent/rules.yaml: cannot read rules file:"),
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
    let e = fail(&[("c.yaml", &chain(5000))]);
    assert!(
        e.message
            .starts_with("condition too large after macro expansion"),
        "{e}"
    );
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
    // And so is list expansion.
    let mut t = String::from("- list: l0\n  items: [a, b]\n");
    for i in 1..40 {
        t.push_str(&format!("- list: l{i}\n  items: [l{p}, l{p}]\n", p = i - 1));
    }
    let e = fail(&[("l.yaml", &t)]);
    assert!(e.message.contains("has more than 100000 items"), "{e}");
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

trait FilePos {
    fn file_pos(&self) -> String;
}

impl FilePos for LoadError {
    fn file_pos(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.col)
    }
}
