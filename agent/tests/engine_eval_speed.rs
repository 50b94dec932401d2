//! Evaluation throughput of compiled conditions (run by hand:
//! `cargo test -p lanner --test engine_eval_speed -- --ignored --nocapture`,
//! meaningful only in an optimised build). Conditions modelled on the
//! stable ruleset's shapes, evaluated on a synthetic `openat` event whose
//! values are borrowed; the source is a match on the field, so the number
//! is the evaluator's own cost, not field extraction's.

use lanner::engine::catalog::Field;
use lanner::engine::condition::{compile, parse, Filter};
use lanner::engine::field::{FieldRef, FieldSource, Value};
use std::borrow::Cow;
use std::time::Instant;

struct Src;

impl FieldSource for Src {
    fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
        let s = |x: &'static str| Some(Value::Str(Cow::Borrowed(x)));
        match Field::from_id(f.id)? {
            Field::EvtType => s("openat"),
            Field::ProcName => s("python3"),
            Field::ProcPname => s("bash"),
            Field::ProcCmdline => s("python3 app.py --port 8080"),
            Field::ProcExepath => s("/usr/bin/python3.11"),
            Field::FdName => s("/srv/app/data/cache.db"),
            Field::FdDirectory => s("/srv/app/data"),
            Field::FdFilename => s("cache.db"),
            Field::FdTypechar => s("f"),
            Field::FdNum => Some(Value::Int(7)),
            Field::UserUid => Some(Value::Int(1000)),
            Field::UserName => s("app"),
            Field::ContainerId => s("host"),
            Field::EvtIsOpenRead => Some(Value::Bool(true)),
            Field::EvtIsOpenWrite => Some(Value::Bool(false)),
            Field::EvtRawres => Some(Value::Int(7)),
            _ => None,
        }
    }
}

const SHELLS: &str = "ash, bash, csh, ksh, sh, tcsh, zsh, dash";

fn conditions() -> Vec<String> {
    let bins: Vec<String> = (0..120).map(|i| format!("bin{i}")).collect();
    let bins = bins.join(", ");
    vec![
        "evt.type in (open, openat, openat2) and evt.is_open_read=true and fd.typechar='f' and fd.num>=0 and fd.name in (/etc/shadow, /etc/sudoers, /etc/pam.conf) and not proc.name in (sshd, sudo, su)".into(),
        "evt.type in (open, openat, openat2) and evt.is_open_write=true and fd.typechar='f' and fd.num>=0 and (fd.directory in (/bin, /sbin, /usr/bin, /usr/sbin) or fd.name startswith /etc)".into(),
        format!("evt.type in (open, openat, openat2) and evt.is_open_read=true and fd.name pmatch (/etc/ssh, /root/.ssh, /home/*/.ssh) and not proc.name in ({bins})"),
        format!("evt.type = openat and proc.pname in ({SHELLS}) and proc.cmdline contains '-c' and not user.uid = 0"),
        "evt.type in (open, openat) and fd.name glob '/proc/*/mem' and not proc.name in (gdb, strace)".into(),
        "evt.type in (open, openat) and fd.name endswith '.pem' and proc.exepath startswith /tmp".into(),
        "evt.type in (open, openat) and fd.filename icontains shadow and evt.rawres >= 0".into(),
        "evt.type in (open, openat) and (container.id != host) and fd.directory = /var/run".into(),
        "evt.type in (open, openat) and fd.name regex '/dev/(mem|kmem|port)' and not user.name in (root)".into(),
        "evt.type in (open, openat) and fd.name contains /.aws/ and not proc.name in (aws, python3x)".into(),
    ]
}

#[test]
#[ignore = "benchmark; run with --ignored in an optimised build"]
fn eval_throughput() {
    let filters: Vec<Filter> = conditions()
        .iter()
        .map(|c| compile(&parse(c, 0).unwrap()).unwrap_or_else(|e| panic!("{c}: {e}")))
        .collect();
    println!("debug_assertions={}", cfg!(debug_assertions));
    let n = 2_000_000u64;
    let t = Instant::now();
    let mut hits = 0u64;
    for _ in 0..n {
        // First-match over the bucket, as the engine does.
        if filters.iter().any(|f| f.eval(&Src)) {
            hits += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{n} events x {} conditions: {:.2} M events/s ({:.1} ns/event, {hits} matched)",
        filters.len(),
        n as f64 / secs / 1e6,
        secs * 1e9 / n as f64
    );
    assert_eq!(
        hits, 0,
        "no condition is meant to match the synthetic event"
    );
    let simple = [
        "evt.type = openat",
        "fd.num = 8",
        "proc.name = bash",
        "not fd.num = 8",
    ];
    let simple: Vec<(String, Filter)> = simple
        .iter()
        .map(|c| (c.to_string(), compile(&parse(c, 0).unwrap()).unwrap()))
        .collect();
    let all: Vec<(String, &Filter)> = conditions()
        .into_iter()
        .zip(&filters)
        .chain(simple.iter().map(|(c, f)| (c.clone(), f)))
        .collect();
    for (c, f) in &all {
        let t = Instant::now();
        let mut k = 0u64;
        for _ in 0..200_000 {
            k += u64::from(f.eval(&Src));
        }
        let ns = t.elapsed().as_secs_f64() * 1e9 / 200_000.0;
        println!("  {ns:7.1} ns  {k} {}", &c[..c.len().min(90)]);
    }
}
