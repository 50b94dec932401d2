//! Evaluating conditions on plain fields must not allocate (the engine
//! runs every rule of an event's bucket per event): a counting global
//! allocator checks it for every operator family on borrowed values.

use lanner::engine::catalog::Field;
use lanner::engine::condition::{compile, parse};
use lanner::engine::field::{FieldRef, FieldSource, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged, only counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: p was allocated by System.alloc with layout l.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

struct Src;

impl FieldSource for Src {
    fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
        let s = |x: &'static str| Some(Value::Str(Cow::Borrowed(x)));
        match Field::from_id(f.id)? {
            Field::EvtType => s("openat"),
            Field::ProcName => s("cat"),
            Field::FdName => s("/etc/shadow"),
            Field::FdDirectory => s("/etc"),
            Field::FdNum => Some(Value::Int(3)),
            Field::EvtIsOpenRead => Some(Value::Bool(true)),
            Field::FdSip => Some(Value::Ip("10.1.2.3".parse().ok()?)),
            Field::FdSnet => Some(Value::Ip("10.1.2.3".parse().ok()?)),
            _ => None,
        }
    }
}

#[test]
fn plain_field_checks_do_not_allocate() {
    let big: Vec<String> = (0..50).map(|i| format!("bin{i}")).collect();
    let conds = [
        "evt.type in (open, openat, openat2) and evt.is_open_read = true".to_string(),
        "fd.name startswith /etc and not fd.directory in (/tmp, /var/tmp)".to_string(),
        format!("proc.name in ({}, cat)", big.join(", ")),
        "fd.name pmatch (/etc/ssl, /etc) and fd.name glob '/etc/*ad?w'".to_string(),
        "fd.num > 2 and fd.num in (1, 2, 3) and fd.num != 4".to_string(),
        "fd.name icontains SHADOW and fd.name contains shad and fd.name endswith dow".to_string(),
        "fd.name regex '/etc/.*' and proc.name contains anyof (x, a)".to_string(),
        "fd.sip = 10.1.2.3 and fd.snet in (192.168.0.0/16, 10.0.0.0/8)".to_string(),
        "fd.cip exists or not fd.rip != 1.2.3.4 or proc.pname = x".to_string(),
    ];
    for c in &conds {
        let f = compile(&parse(c, 0).unwrap()).unwrap_or_else(|e| panic!("{c}: {e}"));
        // Warm-up: the regex engine fills its per-thread cache once.
        let first = f.eval(&Src);
        let before = ALLOCS.load(Ordering::Relaxed);
        for _ in 0..100 {
            assert_eq!(f.eval(&Src), first);
        }
        let n = ALLOCS.load(Ordering::Relaxed) - before;
        assert_eq!(n, 0, "{c}: {n} allocations in 100 evaluations");
        assert!(first, "{c} should hold on this event");
    }
}
