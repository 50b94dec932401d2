//! The event types a condition can match (libsinsp `filter/ppm_codes`),
//! computed on the expanded syntax tree, and the names `evt.type` accepts.
//!
//! Algebra: every node gives two sets, the types for which it can be true
//! and those for which it can be false. `and` intersects the true sets and
//! unites the false sets, `or` the reverse, `not` swaps them (De Morgan).
//! Only `evt.type`/`syscall.type` checks without argument or transformer,
//! with `=`, `==`, `!=`, `in` or `intersects` and constant values restrict
//! the sets; `evt.num` checks that no event number (which starts at 1) can
//! satisfy are never true (`evt.num = 0`, `evt.num < 1`, `in ()`), those
//! every number satisfies are always true (`evt.num != 0`, `> 0`, `>= 1`),
//! as libsinsp's `never_true` rule; everything else is neutral.
//! Owns: [`TypeSet`] and its algebra, and the known event-type names.
//! Must never: evaluate events or compile fields.

use super::ast::{BinOp, Compare, Expr, ExprKind, Operand, Rhs};
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

/// A set of event types: a finite set, or everything but a finite set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeSet {
    Only(BTreeSet<String>),
    AllBut(BTreeSet<String>),
}

impl TypeSet {
    pub fn all() -> TypeSet {
        TypeSet::AllBut(BTreeSet::new())
    }

    pub fn none() -> TypeSet {
        TypeSet::Only(BTreeSet::new())
    }

    pub fn and(self, o: TypeSet) -> TypeSet {
        use TypeSet::*;
        match (self, o) {
            (Only(a), Only(b)) => Only(a.intersection(&b).cloned().collect()),
            (Only(a), AllBut(b)) | (AllBut(b), Only(a)) => {
                Only(a.difference(&b).cloned().collect())
            }
            (AllBut(a), AllBut(b)) => AllBut(a.union(&b).cloned().collect()),
        }
    }

    pub fn or(self, o: TypeSet) -> TypeSet {
        use TypeSet::*;
        match (self, o) {
            (Only(a), Only(b)) => Only(a.union(&b).cloned().collect()),
            (Only(a), AllBut(b)) | (AllBut(b), Only(a)) => {
                AllBut(b.difference(&a).cloned().collect())
            }
            (AllBut(a), AllBut(b)) => AllBut(a.intersection(&b).cloned().collect()),
        }
    }

    /// The complement.
    pub fn complement(self) -> TypeSet {
        match self {
            TypeSet::Only(s) => TypeSet::AllBut(s),
            TypeSet::AllBut(s) => TypeSet::Only(s),
        }
    }

    /// True if the type `name` is in the set.
    pub fn contains(&self, name: &str) -> bool {
        match self {
            TypeSet::Only(s) => s.contains(name),
            TypeSet::AllBut(s) => !s.contains(name),
        }
    }

    /// The finite set, or `None` for a complement (unrestricted).
    pub fn finite(&self) -> Option<&BTreeSet<String>> {
        match self {
            TypeSet::Only(s) => Some(s),
            TypeSet::AllBut(_) => None,
        }
    }
}

/// The event types for which `e` can be true.
pub fn event_type_set(e: &Expr) -> TypeSet {
    sets(e).0
}

/// (can be true, can be false).
fn sets(e: &Expr) -> (TypeSet, TypeSet) {
    match &e.kind {
        ExprKind::Not(c) => {
            let (t, f) = sets(c);
            (f, t)
        }
        ExprKind::And(c) | ExprKind::Or(c) => {
            let and = matches!(e.kind, ExprKind::And(_));
            let mut it = c.iter().map(sets);
            let first = it.next().unwrap_or((TypeSet::all(), TypeSet::all()));
            it.fold(first, |(t, f), (t2, f2)| {
                if and {
                    (t.and(t2), f.or(f2))
                } else {
                    (t.or(t2), f.and(f2))
                }
            })
        }
        ExprKind::Compare(c) => compare_sets(c).unwrap_or((TypeSet::all(), TypeSet::all())),
        ExprKind::Macro(_) | ExprKind::Exists(_) => (TypeSet::all(), TypeSet::all()),
    }
}

fn constants(rhs: &Rhs) -> Option<Vec<&str>> {
    match rhs {
        Rhs::Value(l) => Some(vec![l.text.as_str()]),
        Rhs::List(items, _) => Some(items.iter().map(|l| l.text.as_str()).collect()),
        Rhs::ListRef(_) | Rhs::Operand(_) => None,
    }
}

fn compare_sets(c: &Compare) -> Option<(TypeSet, TypeSet)> {
    let Operand::Field(f) = &c.lhs else {
        return None;
    };
    if f.arg.is_some() || c.modifier.is_some() {
        return None;
    }
    let values = constants(&c.rhs)?;
    match f.name.as_str() {
        "evt.type" | "syscall.type" => {
            let s: BTreeSet<String> = values.iter().map(|v| v.to_string()).collect();
            match c.op {
                BinOp::Eq | BinOp::EqEq | BinOp::In | BinOp::Intersects => {
                    Some((TypeSet::Only(s.clone()), TypeSet::AllBut(s)))
                }
                BinOp::Ne => Some((TypeSet::AllBut(s.clone()), TypeSet::Only(s))),
                _ => None,
            }
        }
        "evt.num" => {
            let nums = values
                .iter()
                .map(|v| {
                    (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| v.parse::<u64>().ok())
                        .flatten()
                })
                .collect::<Option<Vec<u64>>>()?;
            match evt_num_truth(c.op, &nums)? {
                true => Some((TypeSet::all(), TypeSet::none())),
                false => Some((TypeSet::none(), TypeSet::all())),
            }
        }
        _ => None,
    }
}

/// Whether `evt.num op nums` is the same for every event number (>= 1):
/// `Some(true)` always, `Some(false)` never, `None` it depends.
fn evt_num_truth(op: BinOp, nums: &[u64]) -> Option<bool> {
    let one = || nums.first().copied();
    match op {
        BinOp::Eq | BinOp::EqEq => (one()? == 0).then_some(false),
        BinOp::Ne => (one()? == 0).then_some(true),
        BinOp::Lt => (one()? <= 1).then_some(false),
        BinOp::Le => (one()? == 0).then_some(false),
        BinOp::Gt => (one()? == 0).then_some(true),
        BinOp::Ge => (one()? <= 1).then_some(true),
        BinOp::In | BinOp::Intersects => nums.iter().all(|n| *n == 0).then_some(false),
        _ => None,
    }
}

/// Event names Falco knows besides syscalls (libsinsp's meta events).
const META_EVENTS: &[&str] = &[
    "container",
    "procexit",
    "signaldeliver",
    "pluginevent",
    "asyncevent",
    "notification",
    "infra",
    "k8s",
    "mesos",
    "drop",
    "page_fault",
    "cpu_hotplug",
    "sysdigevent",
    "procinfo",
    "tracer",
    "switch",
    "syscall",
    "scapevent",
    "schedswitch",
];

/// True if `evt.type` may be compared with `name`: an event lanner's
/// decoder knows, a system-independent syscall name, an x86_64 syscall
/// name, or one of libsinsp's meta events.
pub fn is_known_event_type(name: &str) -> bool {
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KNOWN
        .get_or_init(|| {
            let mut s: HashSet<&'static str> = META_EVENTS.iter().copied().collect();
            s.extend(lanner_abi::events().map(|e| e.name));
            s.extend((0..1024u64).filter_map(lanner_abi::sc_name));
            s.extend(crate::source::syscalls::SYSCALLS.iter().map(|(n, _)| *n));
            s
        })
        .contains(name)
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn types(c: &str) -> TypeSet {
        event_type_set(&parse(c, 0).unwrap())
    }

    fn only(v: &[&str]) -> TypeSet {
        TypeSet::Only(v.iter().map(|s| s.to_string()).collect())
    }

    fn all_but(v: &[&str]) -> TypeSet {
        TypeSet::AllBut(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn algebra() {
        assert_eq!(types("evt.type = open"), only(&["open"]));
        assert_eq!(
            types("evt.type in (open, openat) and proc.name = x"),
            only(&["open", "openat"])
        );
        assert_eq!(types("not evt.type != openat"), only(&["openat"]));
        assert_eq!(
            types("evt.type = open or evt.type = execve"),
            only(&["execve", "open"])
        );
        assert_eq!(
            types("evt.type in (open, openat) and not evt.type = open"),
            only(&["openat"])
        );
        assert_eq!(types("evt.type = open and evt.type = execve"), only(&[]));
        assert_eq!(types("proc.name = x"), TypeSet::all());
        assert_eq!(types("evt.type != open"), all_but(&["open"]));
        assert_eq!(types("evt.type = open or proc.name = x"), TypeSet::all());
        assert_eq!(
            types("not (evt.type != open or proc.name = x)"),
            only(&["open"])
        );
        assert_eq!(types("syscall.type = open"), only(&["open"]));
        assert_eq!(types("tolower(evt.type) = open"), TypeSet::all());
        assert_eq!(types("evt.type startswith open"), TypeSet::all());
    }

    #[test]
    fn evt_num_invariants() {
        for never in [
            "evt.num=0",
            "evt.num<1",
            "evt.num<=0",
            "evt.num in ()",
            "not evt.num>0",
        ] {
            assert_eq!(types(never), TypeSet::none(), "{never}");
        }
        for always in [
            "evt.num!=0",
            "evt.num>=1",
            "evt.num=1",
            "evt.num=-1",
            "evt.num=0x0",
        ] {
            assert_eq!(types(always), TypeSet::all(), "{always}");
        }
        assert_eq!(types("evt.type=openat or evt.num=0"), only(&["openat"]));
        assert_eq!(
            types("not (evt.type=openat or evt.num=0)"),
            all_but(&["openat"])
        );
    }

    #[test]
    fn known_names() {
        for n in [
            "open",
            "openat",
            "execve",
            "openat2",
            "memfd_create",
            "container",
            "procexit",
        ] {
            assert!(is_known_event_type(n), "{n}");
        }
        // Every event type the upstream rules files name.
        for n in "accept accept4 access bpf chmod connect container creat dup dup2 dup3 execve \
            execveat fchmod fchmodat finit_module fork init_module link linkat listen madvise \
            mkdir mkdirat open openat openat2 ptrace recvfrom recvmsg rename renameat renameat2 \
            rmdir sendmsg sendto setns setuid socket switch symlink symlinkat umount umount2 \
            unlink unlinkat unshare userfaultfd memfd_create clone clone3 vfork kill mount \
            prctl pidfd_getfd pidfd_open process_vm_writev procexit"
            .split_whitespace()
        {
            assert!(is_known_event_type(n), "{n}");
        }
        assert!(!is_known_event_type("opne"));
        assert!(!is_known_event_type("some_invalid_event"));
        assert!(!is_known_event_type(""));
    }
}
