//! One thread as lanner knows it: identity, image, credentials, session,
//! cgroups, and the values the clone and execve records carry.
//!
//! Owns: [`ThreadInfo`] and filling it from a clone-family or exec-family
//! exit record ([`ThreadInfo::fill_from_record`]), plus the joins fields
//! ask for repeatedly (`proc.cmdline`), computed once per image.
//! Must never: look at other threads (that is the table's job) or do I/O.

use crate::event::decode::{split_nul, Event, IntLayout, ParamKind};
use crate::event::text::lossy_owned as lossy;
use crate::fields::container::ContainerInfo;
use std::sync::{Arc, OnceLock};

/// `loginuid` of a thread that never logged in (`(uid_t)-1`).
pub const NO_LOGINUID: u32 = u32::MAX;

/// What lanner knows about one thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreadInfo {
    pub tid: i64,
    /// Thread-group id (the process id).
    pub pid: i64,
    /// Parent thread id.
    pub ptid: i64,
    /// Ids in the thread's own pid namespace (0 = unknown: use tid/pid).
    pub vtid: i64,
    pub vpid: i64,
    /// Session id, process group id (namespace view and host view).
    pub sid: i64,
    pub vpgid: i64,
    pub pgid: i64,
    /// Kernel comm (Falco's `proc.name`).
    pub comm: String,
    /// argv[0] (Falco's `proc.exe`).
    pub exe: String,
    /// Full path of the executable (Falco's `proc.exepath`).
    pub exepath: String,
    /// argv[1..].
    pub args: Vec<String>,
    /// `KEY=value` strings.
    pub env: Vec<String>,
    pub cwd: String,
    /// Effective user and group ids.
    pub uid: u32,
    pub gid: u32,
    /// Audit login uid ([`NO_LOGINUID`] when unset).
    pub loginuid: u32,
    /// Controlling terminal (device number; 0 = none).
    pub tty: u32,
    /// Capability sets, `PPM_CAP_*` bits.
    pub cap_inheritable: u64,
    pub cap_permitted: u64,
    pub cap_effective: u64,
    /// Executable inode and its change/modify times (ns since the epoch).
    pub exe_ino: u64,
    pub exe_ino_ctime: u64,
    pub exe_ino_mtime: u64,
    /// `PPM_EXE_*` flags of the last exec.
    pub exe_flags: u32,
    /// (controllers, path) pairs, as in /proc/<pid>/cgroup.
    pub cgroups: Vec<(String, String)>,
    /// Creation time (ns since the epoch; 0 = unknown).
    pub clone_ts: u64,
    /// Start time of the pid namespace's init (ns since the epoch; 0 =
    /// unknown), from clone records.
    pub pidns_init_start_ts: u64,
    /// Memory at the last exec/clone (KiB), and the fd limit.
    pub vm_size: u32,
    pub vm_rss: u32,
    pub vm_swap: u32,
    pub fdlimit: i64,
    /// Key of the fd table this thread uses (0 = its pid's own).
    pub fdtab: i64,
    /// `proc.cmdline`, joined on first use for the current image.
    pub cmdline_cache: OnceLock<String>,
    /// `proc.args`, joined on first use for the current image.
    pub args_cache: OnceLock<String>,
    /// The container the thread runs in (`None`: the host), set by the
    /// process table's container resolver when cgroups are learned.
    pub container: Option<Arc<ContainerInfo>>,
}

/// `a == b`, without a libc call for the short strings an exec mostly
/// compares (names, paths, list items): up to 16 bytes in two
/// overlapping loads or three byte compares.
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], at: usize| s.get(at..).and_then(|s| s.first_chunk::<8>()).copied();
    let w4 = |s: &[u8], at: usize| s.get(at..).and_then(|s| s.first_chunk::<4>()).copied();
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        _ => a == b,
    }
}

/// `r.strip_prefix(p)` by [`bytes_eq`].
#[inline]
fn strip<'r>(r: &'r [u8], p: &[u8]) -> Option<&'r [u8]> {
    let (head, tail) = r.split_at_checked(p.len())?;
    bytes_eq(head, p).then_some(tail)
}

/// `*dst = lossy(b)`, reusing `dst`'s buffer; false if `dst` already
/// held that text.
pub(crate) fn set_lossy(dst: &mut String, b: &[u8]) -> bool {
    // The same text again (an exec's cwd, env, cgroups): nothing to do,
    // and a compare is cheaper than validating and copying.
    if bytes_eq(dst.as_bytes(), b) {
        return false;
    }
    dst.clear();
    dst.push_str(&crate::event::text::lossy(b));
    true
}

/// [`set_lossy`], taking the text from the end of `known` when `b` is
/// its last bytes (a thread's comm is usually the tail of its exe): a
/// `str`'s tail with exactly the bytes of `b` is `b` as valid UTF-8,
/// i.e. `lossy(b)`, without validating `b` again.
fn set_lossy_tail_of(dst: &mut String, b: &[u8], known: &str) -> bool {
    let tail = known
        .len()
        .checked_sub(b.len())
        .and_then(|k| known.get(k..));
    match tail.filter(|t| bytes_eq(t.as_bytes(), b)) {
        Some(t) if !bytes_eq(dst.as_bytes(), b) => {
            dst.clear();
            dst.push_str(t);
            true
        }
        _ => set_lossy(dst, b),
    }
}

/// The strings [`split_nul`] finds in `b`, without the one trailing NUL;
/// `None` when it finds none.
fn nul_list(b: &[u8]) -> Option<&[u8]> {
    let s = b.strip_suffix(&[0]).unwrap_or(b);
    (!s.is_empty()).then_some(s)
}

/// Whether `items` are exactly the strings `split_nul` finds in `b`, item
/// `i` matching where `strip(i, rest)` finds it at the start of `rest`
/// (returning what follows it): one compare per item, no UTF-8
/// validation or per-byte splitting (an exec's unchanged env, args and
/// cgroups are the common case). Exact: besides the walk matching every
/// item followed by a NUL, `b` must hold no other NUL, so no item hides
/// one.
fn list_unchanged<T>(
    items: &[T],
    b: &[u8],
    strip: impl for<'r> Fn(&T, &'r [u8]) -> Option<&'r [u8]>,
) -> bool {
    let Some(s) = nul_list(b) else {
        return items.is_empty();
    };
    let Some((last, init)) = items.split_last() else {
        return false;
    };
    let mut rest = s;
    for it in init {
        match strip(it, rest).and_then(|r| r.split_first()) {
            Some((0, r)) => rest = r,
            _ => return false,
        }
    }
    strip(last, rest).is_some_and(|r| r.is_empty()) && nul_count(s) == init.len()
}

/// The NULs in `s`, counted in byte lanes (16 bytes per SSE2 step; a
/// `usize` count per byte vectorizes to 2 bytes per step).
fn nul_count(s: &[u8]) -> usize {
    s.chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, b| n + u8::from(*b == 0))))
        .sum()
}

/// Parses a cgroups parameter: NUL-separated `controllers=path` strings.
pub fn parse_cgroups(b: &[u8]) -> Vec<(String, String)> {
    let mut v = Vec::new();
    set_cgroups(&mut v, b);
    v
}

/// `*dst = parse_cgroups(b)`, reusing `dst`'s strings.
fn set_cgroups(dst: &mut Vec<(String, String)>, b: &[u8]) {
    // Stored pairs equal to the record's `k=v` items parse back to
    // themselves when no key holds a '=' (the split is at the first one).
    let unchanged = list_unchanged(dst, b, |(k, v), r| {
        match strip(r, k.as_bytes())?.split_first()? {
            (b'=', r) if !k.as_bytes().contains(&b'=') => strip(r, v.as_bytes()),
            _ => None,
        }
    });
    if unchanged {
        return;
    }
    let mut n = 0;
    for c in split_nul(b) {
        // The same controller and path as before (exec after exec): the
        // bytes equal the stored text, so they are valid UTF-8 and would
        // split at the same '='.
        if let (Some(eq), Some((dk, dv))) = (c.iter().position(|x| *x == b'='), dst.get(n)) {
            if bytes_eq(dk.as_bytes(), &c[..eq]) && bytes_eq(dv.as_bytes(), &c[eq + 1..]) {
                n += 1;
                continue;
            }
        }
        let s = crate::event::text::lossy(c);
        let Some((k, v)) = s.split_once('=') else {
            continue;
        };
        match dst.get_mut(n) {
            Some((dk, dv)) => {
                dk.clear();
                dk.push_str(k);
                dv.clear();
                dv.push_str(v);
            }
            None => dst.push((k.to_string(), v.to_string())),
        }
        n += 1;
    }
    dst.truncate(n);
}

/// `*dst = split_nul(b).map(lossy).collect()`, reusing `dst`'s strings;
/// false if `dst` already held that list.
fn set_lossy_list(dst: &mut Vec<String>, b: &[u8]) -> bool {
    if list_unchanged(dst, b, |d, r| strip(r, d.as_bytes())) {
        return false;
    }
    let mut n = 0;
    for c in split_nul(b) {
        match dst.get_mut(n) {
            Some(d) => {
                set_lossy(d, c);
            }
            None => dst.push(lossy(c)),
        }
        n += 1;
    }
    dst.truncate(n);
    true
}

impl ThreadInfo {
    /// The entry of a thread neither the stream nor /proc describes:
    /// libsinsp's placeholder (names "<NA>", its own process).
    pub fn unknown(tid: i64) -> ThreadInfo {
        let na = || crate::engine::format::NOT_AVAILABLE.to_string();
        ThreadInfo {
            tid,
            pid: tid,
            comm: na(),
            exe: na(),
            exepath: na(),
            ..ThreadInfo::default()
        }
    }

    /// Falco's `proc.cmdline`: name followed by the arguments.
    pub fn cmdline(&self) -> &str {
        self.cmdline_cache.get_or_init(|| {
            let mut s = self.comm.clone();
            for a in &self.args {
                s.push(' ');
                s.push_str(a);
            }
            s
        })
    }

    /// Falco's `proc.args`: the arguments joined by spaces.
    pub fn args_joined(&self) -> &str {
        self.args_cache.get_or_init(|| self.args.join(" "))
    }

    /// Forgets the joins after the image changed.
    pub fn reset_caches(&mut self) {
        self.cmdline_cache = OnceLock::new();
        self.args_cache = OnceLock::new();
    }

    /// The namespace pid, falling back to the host pid.
    pub fn vpid_or_pid(&self) -> i64 {
        if self.vpid > 0 {
            self.vpid
        } else {
            self.pid
        }
    }

    /// The namespace tid, falling back to the host tid.
    pub fn vtid_or_tid(&self) -> i64 {
        if self.vtid > 0 {
            self.vtid
        } else {
            self.tid
        }
    }

    /// The environment value of `key`.
    pub fn env_get(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .find_map(|e| e.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
    }

    /// The cgroup path of `controller` (`cpu`, `memory`, ...; a v2 unified
    /// entry has an empty controller list and answers every controller).
    pub fn cgroup(&self, controller: &str) -> Option<&str> {
        let hit = self
            .cgroups
            .iter()
            .find(|(c, _)| c.split(',').any(|x| x == controller));
        hit.or_else(|| self.cgroups.iter().find(|(c, _)| c.is_empty()))
            .map(|(_, p)| p.as_str())
    }

    /// Fills what a clone-family or exec-family exit record says about the
    /// thread's image, credentials and resources. Absent (empty)
    /// parameters leave the current value.
    pub fn fill_from_record(&mut self, ev: &Event<'_>) {
        self.fill(ev, false);
    }

    /// What a successful exec-family exit record sets: besides
    /// [`ThreadInfo::fill_from_record`], the ids (pid, ptid), the exe
    /// flags and the executable's path (`trusted_exepath`, else
    /// `filename`, else empty).
    pub fn fill_from_exec(&mut self, ev: &Event<'_>) {
        self.fill(ev, true);
    }

    /// Straight-line over the slots (see [`plan_of`]): each parameter
    /// found through its slot's index and kind, resolved per event code,
    /// so no per-parameter dispatch on kind or slot. The joins are
    /// forgotten only when what they join (comm, args) changed.
    fn fill(&mut self, ev: &Event<'_>, exec: bool) {
        let plan = plan_of(ev);
        // An absent or empty parameter (the driver did not fill it) sets
        // nothing: `int` answers None for an empty one (no width is 0).
        let int = |s: Slot| {
            let i = s as usize;
            ev.int_at(usize::from(plan.idx[i]), plan.int[i])
        };
        let text = |s: Slot| {
            let i = s as usize;
            let raw = ev.param(usize::from(plan.idx[i]))?;
            match plan.kind[i] {
                _ if raw.is_empty() => None,
                ParamKind::Str => Some(raw.strip_suffix(&[0]).unwrap_or(raw)),
                _ => Some(raw),
            }
        };
        // One straight-line store per integer slot (a macro, not a loop:
        // each is its own load and store, no dispatch).
        macro_rules! set_ints {
            ($($slot:ident => $field:ident as $t:ty),* $(,)?) => {
                $(if let Some(n) = int(Slot::$slot) {
                    self.$field = n as $t;
                })*
            };
        }
        set_ints!(
            Uid => uid as u32,
            Gid => gid as u32,
            Loginuid => loginuid as u32,
            Tty => tty as u32,
            Vpgid => vpgid as i64,
            Pgid => pgid as i64,
            Vtid => vtid as i64,
            Vpid => vpid as i64,
            CapInheritable => cap_inheritable as u64,
            CapPermitted => cap_permitted as u64,
            CapEffective => cap_effective as u64,
            ExeIno => exe_ino as u64,
            ExeInoCtime => exe_ino_ctime as u64,
            ExeInoMtime => exe_ino_mtime as u64,
            VmSize => vm_size as u32,
            VmRss => vm_rss as u32,
            VmSwap => vm_swap as u32,
            Fdlimit => fdlimit as i64,
            PidnsInitStartTs => pidns_init_start_ts as u64,
        );
        let mut image_changed = false;
        let mut exe_raw = None;
        if let Some(b) = text(Slot::Exe) {
            set_lossy(&mut self.exe, b);
            exe_raw = Some(b);
        }
        if let Some(b) = text(Slot::Args) {
            image_changed |= set_lossy_list(&mut self.args, b);
        }
        if let Some(b) = text(Slot::Comm) {
            image_changed |= set_lossy_tail_of(&mut self.comm, b, &self.exe);
        }
        if let Some(b) = text(Slot::Cwd).filter(|b| !b.is_empty()) {
            set_lossy(&mut self.cwd, b);
        }
        if let Some(b) = text(Slot::Env) {
            set_lossy_list(&mut self.env, b);
        }
        if let Some(b) = text(Slot::Cgroups) {
            set_cgroups(&mut self.cgroups, b);
        }
        // Exec-only: a clone record's pid, ptid and flags mean something
        // else and are the table's business.
        if exec {
            if let Some(n) = int(Slot::Pid) {
                self.pid = n;
            }
            if let Some(n) = int(Slot::Ptid) {
                self.ptid = n;
            }
            if let Some(n) = int(Slot::Flags) {
                self.exe_flags = n as u32;
            }
            let trusted = text(Slot::TrustedExepath).filter(|p| !p.is_empty());
            let path = trusted.or_else(|| text(Slot::Filename));
            let path = path.unwrap_or_default();
            // The path is usually the bytes exe was just set from: copy
            // that text instead of validating the same bytes again.
            if exe_raw.is_some_and(|e| bytes_eq(e, path)) {
                if !bytes_eq(self.exepath.as_bytes(), self.exe.as_bytes()) {
                    self.exepath.clear();
                    self.exepath.push_str(&self.exe);
                }
            } else {
                set_lossy(&mut self.exepath, path);
            }
        }
        if image_changed {
            self.reset_caches();
        }
    }
}

/// What a clone/exec parameter sets in a [`ThreadInfo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Slot {
    Exe,
    Args,
    Comm,
    Cwd,
    Env,
    Cgroups,
    Uid,
    Gid,
    Loginuid,
    Tty,
    Vpgid,
    Pgid,
    Vtid,
    Vpid,
    CapInheritable,
    CapPermitted,
    CapEffective,
    ExeIno,
    ExeInoCtime,
    ExeInoMtime,
    VmSize,
    VmRss,
    VmSwap,
    Fdlimit,
    PidnsInitStartTs,
    /// Read from exec records only.
    Pid,
    Ptid,
    Flags,
    TrustedExepath,
    Filename,
    Other,
}

impl Slot {
    fn of(name: &str) -> Slot {
        match name {
            "exe" => Slot::Exe,
            "args" => Slot::Args,
            "comm" => Slot::Comm,
            "cwd" => Slot::Cwd,
            "env" => Slot::Env,
            "cgroups" => Slot::Cgroups,
            "uid" => Slot::Uid,
            "gid" => Slot::Gid,
            "loginuid" => Slot::Loginuid,
            "tty" => Slot::Tty,
            "vpgid" => Slot::Vpgid,
            "pgid" => Slot::Pgid,
            "vtid" => Slot::Vtid,
            "vpid" => Slot::Vpid,
            "cap_inheritable" => Slot::CapInheritable,
            "cap_permitted" => Slot::CapPermitted,
            "cap_effective" => Slot::CapEffective,
            "exe_ino" => Slot::ExeIno,
            "exe_ino_ctime" => Slot::ExeInoCtime,
            "exe_ino_mtime" => Slot::ExeInoMtime,
            "vm_size" => Slot::VmSize,
            "vm_rss" => Slot::VmRss,
            "vm_swap" => Slot::VmSwap,
            "fdlimit" => Slot::Fdlimit,
            "pidns_init_start_ts" => Slot::PidnsInitStartTs,
            "pid" => Slot::Pid,
            "ptid" => Slot::Ptid,
            "flags" => Slot::Flags,
            "trusted_exepath" => Slot::TrustedExepath,
            "filename" => Slot::Filename,
            _ => Slot::Other,
        }
    }
}

/// Slots a [`Plan`] locates (every one but [`Slot::Other`]).
const SLOTS: usize = Slot::Other as usize;

impl Slot {
    /// Whether the slot holds a number (else text).
    fn is_int(self) -> bool {
        !matches!(
            self,
            Slot::Exe
                | Slot::Args
                | Slot::Comm
                | Slot::Cwd
                | Slot::Env
                | Slot::Cgroups
                | Slot::TrustedExepath
                | Slot::Filename
        )
    }
}

/// Where one event code's records carry each [`Slot`]: the parameter's
/// index ([`u8::MAX`], past any record's parameters, when the code has
/// none whose type can set the slot) and how its bytes read.
#[derive(Debug, Clone, Copy)]
struct Plan {
    idx: [u8; SLOTS],
    /// How a text slot's bytes read.
    kind: [ParamKind; SLOTS],
    /// How a number slot's bytes read.
    int: [IntLayout; SLOTS],
}

/// A placeholder [`IntLayout`] (any: its slot's index is `u8::MAX`).
const NO_INT: IntLayout = match IntLayout::of(ParamKind::Int(8)) {
    Some(l) => l,
    None => unreachable!(),
};

const NO_PLAN: Plan = Plan {
    idx: [u8::MAX; SLOTS],
    kind: [ParamKind::Bytes; SLOTS],
    int: [NO_INT; SLOTS],
};

/// The [`Plan`] of `ev`'s code, from a per-code table built once (name
/// matching and the parameter type lookup per exec/clone record were a
/// measurable cost, and so was a per-parameter dispatch on kind and slot).
/// A parameter whose type cannot set its slot (text for a number, a
/// number for text) is left out: it never set anything.
fn plan_of(ev: &Event<'_>) -> &'static Plan {
    static TABLE: OnceLock<Vec<Plan>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..lanner_abi::PPM_EVENT_MAX as u16)
            .map(|code| {
                let mut plan = NO_PLAN;
                let Some(info) = lanner_abi::event_info(code) else {
                    return plan;
                };
                for (i, p) in info.params.iter().enumerate() {
                    let (slot, kind) = (Slot::of(p.name), ParamKind::of(p.ptype));
                    let int = IntLayout::of(kind);
                    let Ok(i) = u8::try_from(i) else {
                        continue;
                    };
                    if slot != Slot::Other && slot.is_int() == int.is_some() && i != u8::MAX {
                        plan.idx[slot as usize] = i;
                        plan.kind[slot as usize] = kind;
                        plan.int[slot as usize] = int.unwrap_or(NO_INT);
                    }
                }
                plan
            })
            .collect()
    });
    if ev.info().is_none() {
        return &NO_PLAN;
    }
    table.get(usize::from(ev.code())).unwrap_or(&NO_PLAN)
}

#[cfg(test)]
#[path = "thread_tests.rs"]
mod tests;
