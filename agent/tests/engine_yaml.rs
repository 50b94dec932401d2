//! The positioned YAML tree (`lanner::engine::yaml`) through its public
//! API, as the rules loader and the agent's config file use it: documents,
//! accessors, positions, scalar styles, string-first scalars, and located
//! errors with a caret.

use lanner::engine::yaml::{self, Mark, Node, NodeKind, ScalarStyle, YamlError};

fn mark(line: usize, col: usize) -> Mark {
    Mark { line, col }
}

const CONFIG: &str = "\
# agent config
rules_files:
  - /etc/lanner/rules.yaml
  - \"/etc/lanner/rules.d\"
device: '/dev/lanner'
max_threads: 4096
outputs:
  stdout: {enabled: yes, format: text}
  syslog:
    enabled: Off
    facility: ~
note: >
  folded
  text
raw: |
  keep
  lines
---
- second document
";

#[test]
fn documents_nodes_and_accessors() {
    let docs = yaml::parse("lanner.yaml", CONFIG).unwrap();
    assert_eq!(docs.len(), 2);
    let cfg = &docs[0];
    assert!(matches!(cfg.kind(), NodeKind::Map(_)));
    assert_eq!(cfg.kind_name(), "a mapping");
    // A mapping starts where its first key does.
    assert_eq!(cfg.mark(), mark(2, 1));

    let files = cfg.get("rules_files").unwrap().as_seq().unwrap();
    let files: Vec<(&str, ScalarStyle, Mark)> = files
        .iter()
        .map(|n| (n.as_str().unwrap(), n.style().unwrap(), n.mark()))
        .collect();
    assert_eq!(
        files,
        [
            ("/etc/lanner/rules.yaml", ScalarStyle::Plain, mark(3, 5)),
            ("/etc/lanner/rules.d", ScalarStyle::DoubleQuoted, mark(4, 5)),
        ]
    );
    let device = cfg.get("device").unwrap();
    assert_eq!(
        (device.as_str(), device.style(), device.mark()),
        (
            Some("/dev/lanner"),
            Some(ScalarStyle::SingleQuoted),
            mark(5, 9)
        )
    );
    assert_eq!(cfg.get("max_threads").and_then(Node::as_i64), Some(4096));
    assert_eq!(cfg.get("device").and_then(Node::as_i64), None);

    let outputs = cfg.get("outputs").unwrap();
    let stdout = outputs.get("stdout").unwrap();
    assert_eq!(stdout.get("enabled").and_then(Node::as_bool), Some(true));
    assert_eq!(stdout.get("format").and_then(Node::as_str), Some("text"));
    let syslog = outputs.get("syslog").unwrap();
    assert_eq!(syslog.get("enabled").and_then(Node::as_bool), Some(false));
    // Scalars stay strings until asked: `Off` is still the text "Off".
    assert_eq!(syslog.get("enabled").and_then(Node::as_str), Some("Off"));
    assert!(syslog.get("facility").unwrap().is_null());
    let (k, v) = syslog.get_entry("facility").unwrap();
    assert_eq!((k.mark(), v.mark()), (mark(11, 5), mark(11, 15)));

    let note = cfg.get("note").unwrap();
    assert_eq!(
        (note.as_str(), note.style()),
        (Some("folded text\n"), Some(ScalarStyle::Folded))
    );
    let raw = cfg.get("raw").unwrap();
    assert_eq!(
        (raw.as_str(), raw.style()),
        (Some("keep\nlines\n"), Some(ScalarStyle::Literal))
    );
    assert_eq!(raw.mark(), mark(16, 3));

    // Accessors on the wrong kind of node answer None.
    assert!(cfg.as_str().is_none() && cfg.as_seq().is_none() && cfg.style().is_none());
    assert!(device.get("x").is_none() && device.as_map().is_none());
    assert!(cfg.get("missing").is_none());

    let second = docs[1].as_seq().unwrap();
    assert_eq!(second[0].as_str(), Some("second document"));
    assert_eq!(second[0].mark(), mark(19, 3));
}

#[test]
fn scalars_are_strings_first() {
    let docs = yaml::parse("s.yaml", "- =\n- 010\n- 1.0\n- null\n- 'null'\n- ''\n").unwrap();
    let v: Vec<&Node> = docs[0].as_seq().unwrap().iter().collect();
    let texts: Vec<&str> = v.iter().map(|n| n.as_str().unwrap()).collect();
    assert_eq!(texts, ["=", "010", "1.0", "null", "null", ""]);
    assert!(v[3].is_null());
    // Quoted "null" is a string, not a null.
    assert!(!v[4].is_null());
    assert_eq!(v[1].as_i64(), Some(10));
    assert_eq!(v[2].as_i64(), None);
}

#[test]
fn booleans_follow_yaml_cpp() {
    for (s, want) in [
        ("true", Some(true)),
        ("True", Some(true)),
        ("TRUE", Some(true)),
        ("yes", Some(true)),
        ("on", Some(true)),
        ("y", Some(true)),
        ("false", Some(false)),
        ("No", Some(false)),
        ("OFF", Some(false)),
        ("n", Some(false)),
        ("tRUE", None),
        ("1", None),
        ("maybe", None),
        ("", None),
    ] {
        assert_eq!(yaml::parse_bool(s), want, "{s:?}");
    }
}

#[test]
fn duplicate_keys_are_kept_and_findable() {
    let docs = yaml::parse("d.yaml", "a: 1\nb: 2\na: 3\n").unwrap();
    let m = &docs[0];
    assert_eq!(m.as_map().unwrap().len(), 3);
    // get() answers the first; duplicate_key() points at the repeat.
    assert_eq!(m.get("a").and_then(Node::as_str), Some("1"));
    assert_eq!(m.duplicate_key().map(Node::mark), Some(mark(3, 1)));
    let ok = yaml::parse("d.yaml", "a: 1\nb: 2\n").unwrap();
    assert!(ok[0].duplicate_key().is_none());
}

#[test]
fn empty_input_and_empty_documents() {
    assert!(yaml::parse("e.yaml", "").unwrap().is_empty());
    assert!(yaml::parse("e.yaml", "# only a comment\n")
        .unwrap()
        .is_empty());
    let docs = yaml::parse("e.yaml", "---\n").unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].is_null());
}

#[test]
fn syntax_errors_are_located_with_a_caret() {
    let text = "a: 1\nb: [x, y\nc: 2\n";
    let e = yaml::parse("bad.yaml", text).unwrap_err();
    assert_eq!(e.file, "bad.yaml");
    let shown = e.to_string();
    let first = shown.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("bad.yaml:{}:{}: ", e.line, e.col)),
        "{shown}"
    );
    // The snippet is the reported line, the caret under the column.
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 3, "{shown}");
    assert_eq!(
        lines[1],
        format!("  {}", text.lines().nth(e.line - 1).unwrap())
    );
    assert_eq!(lines[2].find('^'), Some(2 + e.col - 1), "{shown}");

    // A tab used for indentation: yaml-rust2's position, kept exactly.
    let e = yaml::parse("tab.yaml", "a:\n\tb: 1\n").unwrap_err();
    assert!(e.message.contains("tab"), "{e}");
    assert_eq!(e.mark(), mark(e.line, e.col));
}

#[test]
fn callers_locate_their_own_errors_at_nodes() {
    let text = "device: /dev/lanner\nmax_threads: lots\n";
    let docs = yaml::parse("c.yaml", text).unwrap();
    let n = docs[0].get("max_threads").unwrap();
    let e = YamlError::at("c.yaml", text, n.mark(), "max_threads must be a number");
    assert_eq!(
        e.to_string(),
        "c.yaml:2:14: max_threads must be a number\n  max_threads: lots\n               ^"
    );
    // A position past the end of the text has no snippet.
    let e = YamlError::at("c.yaml", text, mark(40, 1), "x");
    assert_eq!(e.to_string(), "c.yaml:40:1: x");
}

#[test]
fn alias_bombs_and_deep_nesting_are_errors_not_hangs() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let e = yaml::parse("bomb.yaml", &bomb).unwrap_err();
    assert!(e.message.contains("too large"), "{e}");
    let deep = "[".repeat(100) + &"]".repeat(100);
    let e = yaml::parse("deep.yaml", &deep).unwrap_err();
    assert!(e.message.contains("nested too deeply"), "{e}");
}
