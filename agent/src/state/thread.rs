//! One thread as lanner knows it: identity, image, credentials, session,
//! cgroups, and the values the clone and execve records carry.
//!
//! Owns: [`ThreadInfo`] and filling it from a clone-family or exec-family
//! exit record ([`ThreadInfo::fill_from_record`]), plus the joins fields
//! ask for repeatedly (`proc.cmdline`), computed once per image.
//! Must never: look at other threads (that is the table's job) or do I/O.

use crate::event::decode::{split_nul, Event};
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

/// `*dst = lossy(b)`, reusing `dst`'s buffer.
pub(crate) fn set_lossy(dst: &mut String, b: &[u8]) {
    // The same text again (an exec's cwd, env, cgroups): nothing to do,
    // and a compare is cheaper than validating and copying.
    if dst.as_bytes() == b {
        return;
    }
    dst.clear();
    dst.push_str(&crate::event::text::lossy(b));
}

/// Parses a cgroups parameter: NUL-separated `controllers=path` strings.
pub fn parse_cgroups(b: &[u8]) -> Vec<(String, String)> {
    let mut v = Vec::new();
    set_cgroups(&mut v, b);
    v
}

/// `*dst = parse_cgroups(b)`, reusing `dst`'s strings.
fn set_cgroups(dst: &mut Vec<(String, String)>, b: &[u8]) {
    let mut n = 0;
    for c in split_nul(b) {
        // The same controller and path as before (exec after exec): the
        // bytes equal the stored text, so they are valid UTF-8 and would
        // split at the same '='.
        if let (Some(eq), Some((dk, dv))) = (c.iter().position(|x| *x == b'='), dst.get(n)) {
            if dk.as_bytes() == &c[..eq] && dv.as_bytes() == &c[eq + 1..] {
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

/// `*dst = split_nul(b).map(lossy).collect()`, reusing `dst`'s strings.
fn set_lossy_list(dst: &mut Vec<String>, b: &[u8]) {
    let mut n = 0;
    for c in split_nul(b) {
        match dst.get_mut(n) {
            Some(d) => set_lossy(d, c),
            None => dst.push(lossy(c)),
        }
        n += 1;
    }
    dst.truncate(n);
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
        let mut image_changed = false;
        for (i, slot) in slots_of(ev).iter().enumerate() {
            if *slot == Slot::Other {
                continue;
            }
            let Some(v) = ev.value(i) else { continue };
            let int = v.as_int();
            let bytes = v.as_bytes();
            match (slot, int, bytes) {
                (Slot::Exe, _, Some(b)) => {
                    set_lossy(&mut self.exe, b);
                    image_changed = true;
                }
                (Slot::Args, _, Some(b)) => {
                    set_lossy_list(&mut self.args, b);
                    image_changed = true;
                }
                (Slot::Comm, _, Some(b)) => {
                    set_lossy(&mut self.comm, b);
                    image_changed = true;
                }
                (Slot::Cwd, _, Some(b)) if !b.is_empty() => set_lossy(&mut self.cwd, b),
                (Slot::Env, _, Some(b)) => set_lossy_list(&mut self.env, b),
                (Slot::Cgroups, _, Some(b)) => set_cgroups(&mut self.cgroups, b),
                (Slot::Uid, Some(n), _) => self.uid = n as u32,
                (Slot::Gid, Some(n), _) => self.gid = n as u32,
                (Slot::Loginuid, Some(n), _) => self.loginuid = n as u32,
                (Slot::Tty, Some(n), _) => self.tty = n as u32,
                (Slot::Vpgid, Some(n), _) => self.vpgid = n,
                (Slot::Pgid, Some(n), _) => self.pgid = n,
                (Slot::Vtid, Some(n), _) => self.vtid = n,
                (Slot::Vpid, Some(n), _) => self.vpid = n,
                (Slot::CapInheritable, Some(n), _) => self.cap_inheritable = n as u64,
                (Slot::CapPermitted, Some(n), _) => self.cap_permitted = n as u64,
                (Slot::CapEffective, Some(n), _) => self.cap_effective = n as u64,
                (Slot::ExeIno, Some(n), _) => self.exe_ino = n as u64,
                (Slot::ExeInoCtime, Some(n), _) => self.exe_ino_ctime = n as u64,
                (Slot::ExeInoMtime, Some(n), _) => self.exe_ino_mtime = n as u64,
                (Slot::VmSize, Some(n), _) => self.vm_size = n as u32,
                (Slot::VmRss, Some(n), _) => self.vm_rss = n as u32,
                (Slot::VmSwap, Some(n), _) => self.vm_swap = n as u32,
                (Slot::Fdlimit, Some(n), _) => self.fdlimit = n,
                (Slot::PidnsInitStartTs, Some(n), _) => self.pidns_init_start_ts = n as u64,
                _ => {}
            }
        }
        if image_changed {
            self.reset_caches();
        }
    }
}

/// What a clone/exec parameter sets in a [`ThreadInfo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
            _ => Slot::Other,
        }
    }
}

/// The [`Slot`] of each parameter of `ev`, from a per-code table built
/// once (name matching per exec/clone record was a measurable cost).
fn slots_of(ev: &Event<'_>) -> &'static [Slot] {
    static TABLE: OnceLock<Vec<Box<[Slot]>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..lanner_abi::PPM_EVENT_MAX as u16)
            .map(|code| {
                lanner_abi::event_info(code)
                    .map(|i| i.params.iter().map(|p| Slot::of(p.name)).collect())
                    .unwrap_or_default()
            })
            .collect()
    });
    if ev.info().is_none() {
        return &[];
    }
    table.get(usize::from(ev.code())).map_or(&[], |s| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_rewrites_equal_fresh_parses() {
        let mut args = vec!["old".to_string(); 5];
        let mut cg = parse_cgroups(b"a=1\0b=2\0c=3\0d=4\0");
        for (raw, cgs) in [
            (&b"x\0yy\0\xff"[..], &b"cpu=/x\0bad\0mem=/y\0"[..]),
            (&b"only"[..], &b"=/u\0"[..]),
            (&b"only"[..], &b"=/u\0x=\xff\0"[..]),
            (&b"a\0b\0c\0d\0e\0f\0g"[..], &b""[..]),
        ] {
            // Twice: a rewrite with the same bytes (the compare-first path).
            for _ in 0..2 {
                set_lossy_list(&mut args, raw);
                assert_eq!(args, split_nul(raw).map(lossy).collect::<Vec<_>>());
            }
            set_cgroups(&mut cg, cgs);
            set_cgroups(&mut cg, cgs);
            let fresh: Vec<(String, String)> = split_nul(cgs)
                .filter_map(|c| {
                    let s = lossy(c);
                    let (k, v) = s.split_once('=')?;
                    Some((k.to_string(), v.to_string()))
                })
                .collect();
            assert_eq!(cg, fresh);
        }
    }

    #[test]
    fn cmdline_env_and_cgroups() {
        let mut t = ThreadInfo {
            comm: "sh".into(),
            args: vec!["-c".into(), "id".into()],
            env: vec!["HOME=/root".into(), "HOMEX=1".into()],
            cgroups: parse_cgroups(b"cpu,cpuacct=/docker/abc\0memory=/m\0=/unified\0"),
            ..Default::default()
        };
        assert_eq!(t.cmdline(), "sh -c id");
        assert_eq!(t.args_joined(), "-c id");
        t.comm = "bash".into();
        t.reset_caches();
        assert_eq!(t.cmdline(), "bash -c id");
        assert_eq!(t.env_get("HOME"), Some("/root"));
        assert_eq!(t.env_get("HOM"), None);
        assert_eq!(t.cgroup("cpuacct"), Some("/docker/abc"));
        assert_eq!(t.cgroup("memory"), Some("/m"));
        assert_eq!(t.cgroup("pids"), Some("/unified"));
        assert_eq!((t.vpid_or_pid(), t.vtid_or_tid()), (0, 0));
    }
}
