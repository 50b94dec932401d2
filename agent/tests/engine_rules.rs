//! lanner's default rules (rules/lanner_rules.yaml) against synthetic
//! events: what the end-to-end test does in a guest (`cat /etc/shadow` as
//! root under busybox), checked without a kernel.

use lanner::engine::{Field, FieldSource, Priority, Ruleset, Value};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// A fake event: a map of field values.
#[derive(Clone, Default)]
struct Ev(HashMap<Field, Value<'static>>);

impl Ev {
    fn s(mut self, f: Field, v: &'static str) -> Self {
        self.0.insert(f, Value::Str(Cow::Borrowed(v)));
        self
    }
    fn i(mut self, f: Field, v: i64) -> Self {
        self.0.insert(f, Value::Int(v));
        self
    }
    fn b(mut self, f: Field, v: bool) -> Self {
        self.0.insert(f, Value::Bool(v));
        self
    }
    fn evt_type(&self) -> &str {
        match &self.0[&Field::EvtType] {
            Value::Str(s) => s,
            _ => unreachable!(),
        }
    }
}

impl FieldSource for Ev {
    fn field(&self, f: &lanner::engine::FieldRef) -> Option<Value<'_>> {
        self.0.get(&Field::from_id(f.id)?).cloned()
    }
}

fn rules_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../rules/lanner_rules.yaml"
    ))
}

fn ruleset() -> Ruleset {
    Ruleset::load_files(&[rules_path()]).unwrap_or_else(|e| panic!("{e}"))
}

/// `cat <path>` run by root from a busybox shell: the exit of openat.
fn cat_open(path: &'static str, fd: i64) -> Ev {
    let (dir, file) = path.rsplit_once('/').unwrap();
    Ev::default()
        .s(Field::EvtType, "openat")
        .s(Field::EvtRes, if fd >= 0 { "SUCCESS" } else { "ENOENT" })
        .i(Field::EvtRawres, fd)
        .b(Field::EvtIsOpenRead, true)
        .b(Field::EvtIsOpenWrite, false)
        .s(Field::ProcName, "cat")
        .s(Field::ProcExe, "cat")
        .s(Field::ProcExepath, "/bin/busybox")
        .s(
            Field::ProcCmdline,
            if path == "/etc/shadow" {
                "cat /etc/shadow"
            } else {
                "cat /etc/hostname"
            },
        )
        .s(Field::ProcArgs, path)
        .i(Field::ProcPid, 1234)
        .i(Field::ProcPpid, 1)
        .s(Field::ProcPname, "sh")
        .i(Field::UserUid, 0)
        .s(Field::FdName, path)
        .i(Field::FdNum, fd)
        .s(Field::FdDirectory, if dir.is_empty() { "/" } else { dir })
        .s(Field::FdFilename, file)
}

fn matches<'r>(rs: &'r Ruleset, ev: &Ev) -> Vec<&'r str> {
    rs.all_matches(ev.evt_type(), ev)
        .map(|r| r.name.as_str())
        .collect()
}

#[test]
fn default_rules_load_and_index_by_event_type() {
    let rs = ruleset();
    let names: Vec<&str> = rs.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Read sensitive file untrusted",
            "Shell spawned by web server"
        ]
    );
    assert!(rs.rules().iter().all(|r| r.enabled));
    assert_eq!(rs.rules()[0].priority, Priority::Warning);
    assert_eq!(rs.rules()[1].priority, Priority::Error);
    let want: BTreeSet<String> = ["execve", "execveat", "open", "openat", "openat2"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(rs.event_types(), Some(want));
    for t in ["open", "openat", "openat2", "execve", "execveat"] {
        assert!(rs.is_interesting(t), "{t}");
    }
    for t in ["read", "close", "clone", "connect", "creat"] {
        assert!(!rs.is_interesting(t), "{t}");
        // An event type no rule is indexed for is never evaluated.
        assert!(rs.first_match(t, &cat_open("/etc/shadow", 3)).is_none());
    }
    // The embedded copy (config.rs) is the same file.
    let text = std::fs::read_to_string(rules_path()).unwrap();
    assert_eq!(
        Ruleset::load_str("embedded", &text).unwrap().rules().len(),
        2
    );
}

#[test]
fn cat_etc_shadow_matches_exactly_the_sensitive_file_rule() {
    let rs = ruleset();
    let ev = cat_open("/etc/shadow", 3);
    assert_eq!(matches(&rs, &ev), ["Read sensitive file untrusted"]);
    let r = rs.first_match("openat", &ev).expect("a match");
    let (text, fields) = r.render_output(&ev);
    assert_eq!(
        text,
        "Sensitive file opened for reading by non-trusted program (file=/etc/shadow user_uid=0 \
         process=cat proc_exepath=/bin/busybox pid=1234 parent=sh command=cat /etc/shadow)"
    );
    let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "fd.name",
            "user.uid",
            "proc.name",
            "proc.exepath",
            "proc.pid",
            "proc.pname",
            "proc.cmdline"
        ]
    );
    // Busybox applets run without exec keep the shell's comm: still untrusted.
    let in_shell = cat_open("/etc/shadow", 3).s(Field::ProcName, "sh");
    assert_eq!(matches(&rs, &in_shell), ["Read sensitive file untrusted"]);
    let via_busybox = cat_open("/etc/shadow", 3).s(Field::ProcName, "busybox");
    assert_eq!(
        matches(&rs, &via_busybox),
        ["Read sensitive file untrusted"]
    );
    // Other sensitive files and directories.
    assert_eq!(
        matches(&rs, &cat_open("/etc/sudoers.d/admins", 3)),
        ["Read sensitive file untrusted"]
    );
    assert_eq!(
        matches(&rs, &cat_open("/etc/gshadow", 3)),
        ["Read sensitive file untrusted"]
    );
}

#[test]
fn harmless_or_trusted_or_failed_reads_do_not_match() {
    let rs = ruleset();
    assert!(matches(&rs, &cat_open("/etc/hostname", 3)).is_empty());
    assert!(matches(&rs, &cat_open("/etc/passwd", 3)).is_empty());
    assert!(rs
        .first_match("openat", &cat_open("/etc/hostname", 3))
        .is_none());
    for trusted in ["sshd", "sudo", "su", "login", "passwd", "unix_chkpwd"] {
        let ev = cat_open("/etc/shadow", 3).s(Field::ProcName, trusted);
        assert!(matches(&rs, &ev).is_empty(), "{trusted}");
    }
    // Failed open (fd < 0), write-only open, non-open event.
    assert!(matches(&rs, &cat_open("/etc/shadow", -2)).is_empty());
    assert!(matches(&rs, &cat_open("/etc/shadow", -13)).is_empty());
    let write = cat_open("/etc/shadow", 3)
        .b(Field::EvtIsOpenRead, false)
        .b(Field::EvtIsOpenWrite, true);
    assert!(matches(&rs, &write).is_empty());
    let exec = cat_open("/etc/shadow", 3).s(Field::EvtType, "execve");
    assert!(matches(&rs, &exec).is_empty());
    // `ls /`: an openat of a directory, and execve of ls by a shell.
    let ls = cat_open("/", 3)
        .s(Field::ProcName, "ls")
        .s(Field::FdDirectory, "/");
    assert!(matches(&rs, &ls).is_empty());
}

fn exec(name: &'static str, parent: &'static str, res: &'static str) -> Ev {
    Ev::default()
        .s(Field::EvtType, "execve")
        .s(Field::EvtRes, res)
        .i(Field::EvtRawres, if res == "SUCCESS" { 0 } else { -2 })
        .s(Field::ProcName, name)
        .s(Field::ProcExe, "/bin/sh")
        .s(Field::ProcExepath, "/bin/dash")
        .s(Field::ProcCmdline, "sh -c id")
        .s(Field::ProcArgs, "-c id")
        .i(Field::ProcPid, 4242)
        .i(Field::ProcPpid, 80)
        .s(Field::ProcPname, parent)
        .i(Field::UserUid, 33)
}

#[test]
fn shell_spawned_by_nginx_matches_the_second_rule() {
    let rs = ruleset();
    let ev = exec("sh", "nginx", "SUCCESS");
    assert_eq!(matches(&rs, &ev), ["Shell spawned by web server"]);
    let (text, _) = rs.first_match("execve", &ev).unwrap().render_output(&ev);
    assert_eq!(
        text,
        "Shell spawned by web server (process=sh proc_exepath=/bin/dash command=sh -c id \
         pid=4242 parent=nginx ppid=80 user_uid=33 evt_type=execve)"
    );
    assert_eq!(
        matches(&rs, &exec("bash", "php-fpm8.2", "SUCCESS")),
        ["Shell spawned by web server"]
    );
    assert_eq!(
        matches(
            &rs,
            &exec("sh", "nginx", "SUCCESS").s(Field::EvtType, "execveat")
        ),
        ["Shell spawned by web server"]
    );
    // Not a shell, not a web server, failed exec, parent unknown.
    assert!(matches(&rs, &exec("ls", "nginx", "SUCCESS")).is_empty());
    assert!(matches(&rs, &exec("sh", "sshd", "SUCCESS")).is_empty());
    assert!(matches(&rs, &exec("sh", "nginx", "ENOENT")).is_empty());
    let mut orphan = exec("sh", "nginx", "SUCCESS");
    orphan.0.remove(&Field::ProcPname);
    assert!(matches(&rs, &orphan).is_empty());
    let (text, _) = rs.rules()[1].render_output(&orphan);
    assert!(text.contains("parent=<NA>"), "{text}");
}

#[test]
fn user_files_append_to_default_lists() {
    let base = std::fs::read_to_string(rules_path()).unwrap();
    let local = "- list: user_known_sensitive_file_readers\n  append: true\n  items: [cat]\n";
    let rs = Ruleset::load_sources(&[("lanner_rules.yaml", &base), ("local.yaml", local)]).unwrap();
    assert!(matches(&rs, &cat_open("/etc/shadow", 3)).is_empty());
    assert_eq!(
        matches(&rs, &cat_open("/etc/shadow", 3).s(Field::ProcName, "head")),
        ["Read sensitive file untrusted"]
    );
}

/// Falco's `rules:` selection (in order, `*` wildcards, tags), minimum
/// priority, and first-match vs all-matches evaluation.
#[test]
fn selection_priority_and_matching_modes() {
    use lanner::engine::{RuleSelect, SelectBy};
    let rule = |name: &str, prio: &str, tags: &str| {
        format!("- rule: {name}\n  desc: d\n  condition: evt.type = openat and proc.name = cat\n  output: o\n  priority: {prio}\n  tags: [{tags}]\n")
    };
    let text = [
        rule("Net one", "WARNING", "network"),
        rule("File one", "NOTICE", "filesystem"),
        rule("Net two", "DEBUG", "network, extra"),
    ]
    .concat();
    let ev = Ev::default()
        .s(Field::EvtType, "openat")
        .s(Field::ProcName, "cat");
    let names = |rs: &Ruleset| -> Vec<String> {
        rs.all_matches(ev.evt_type(), &ev)
            .map(|r| r.name.clone())
            .collect()
    };
    let mut rs = Ruleset::load_str("sel.yaml", &text).unwrap();
    assert_eq!(names(&rs), ["Net one", "File one", "Net two"]);
    assert_eq!(
        rs.first_match(ev.evt_type(), &ev).map(|r| r.name.as_str()),
        Some("Net one")
    );
    let sel = [
        RuleSelect {
            enable: false,
            by: SelectBy::Rule("*".into()),
        },
        RuleSelect {
            enable: true,
            by: SelectBy::Tag("network".into()),
        },
        RuleSelect {
            enable: true,
            by: SelectBy::Rule("File*".into()),
        },
        RuleSelect {
            enable: false,
            by: SelectBy::Rule("Net o*".into()),
        },
    ];
    assert_eq!(rs.apply_selection(&sel, None), 2);
    assert_eq!(names(&rs), ["File one", "Net two"]);
    // Rules below the minimum priority stay off whatever the selection.
    assert_eq!(rs.apply_selection(&sel, Some(Priority::Notice)), 1);
    assert_eq!(names(&rs), ["File one"]);
    assert!(!rs.is_interesting("execve"));
}

/// Rules sharing a macro share its checks' results per event (each
/// distinct check is computed once), and the answers are those of each
/// rule evaluated on its own.
#[test]
fn shared_checks_are_computed_once_and_agree_with_each_rule_alone() {
    use std::cell::Cell;
    struct Counting<'a>(&'a Ev, Cell<usize>);
    impl FieldSource for Counting<'_> {
        fn field(&self, f: &lanner::engine::FieldRef) -> Option<Value<'_>> {
            self.1.set(self.1.get() + 1);
            self.0.field(f)
        }
    }
    let text = r#"
- macro: etc_read
  condition: evt.type = openat and evt.is_open_read = true and fd.name startswith /etc/
- rule: Cat
  desc: d
  condition: etc_read and proc.name = cat
  output: o
  priority: WARNING
- rule: Vi
  desc: d
  condition: etc_read and proc.name = vi
  output: o
  priority: WARNING
- rule: Not etc
  desc: d
  condition: evt.type = openat and not fd.name startswith /etc/ and proc.name in (cat, vi)
  output: o
  priority: WARNING
"#;
    let rs = Ruleset::load_str("memo.yaml", text).unwrap();
    let open = |name: &'static str, proc: &'static str| {
        Ev::default()
            .s(Field::EvtType, "openat")
            .b(Field::EvtIsOpenRead, true)
            .s(Field::FdName, name)
            .s(Field::ProcName, proc)
    };
    for (ev, want) in [
        (open("/etc/shadow", "vi"), vec!["Vi"]),
        (open("/etc/shadow", "cat"), vec!["Cat"]),
        (open("/tmp/x", "cat"), vec!["Not etc"]),
        (open("/tmp/x", "ls"), vec![]),
    ] {
        let alone: Vec<&str> = rs
            .rules()
            .iter()
            .filter(|r| r.matches(&ev))
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(matches(&rs, &ev), want);
        assert_eq!(alone, want);
    }
    // vi on /etc/shadow: etc_read (2 checks once evt.type is folded) is
    // computed for Cat and reused by Vi; proc.name = cat, proc.name = vi,
    // then Not etc's fd.name check is the shared one (negated) and stops.
    let ev = open("/etc/shadow", "vi");
    let c = Counting(&ev, Cell::new(0));
    assert_eq!(
        rs.all_matches("openat", &c)
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Vi"]
    );
    assert_eq!(c.1.get(), 4, "field fetches with shared checks");
}
