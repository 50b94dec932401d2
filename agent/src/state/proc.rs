//! The process table: what lanner knows about every live thread, and the
//! per-process fd tables and user/group names the fields join with.
//!
//! Owns: thread entries keyed by tid, seeded from /proc at start (see
//! `state::procfs`) and kept current by clone/fork/vfork/clone3, execve/
//! execveat, procexit, the setuid/setgid family (effective ids), capset
//! and chdir/fchdir records; fd tables (see `state::fd`, updated in
//! `state::fdops`); the record counter (`evt.num`).
//! Must never: block on I/O per event (the exceptions, a lazy /proc read
//! for a thread or fd never seen, are bounded and counted), or grow without
//! bound (entries beyond `capacity` evict the oldest-inserted and are
//! counted; fd tables are capped per process).

use super::inthash::IntMap;
use crate::event::decode::Event;
use crate::event::param;
use crate::event::text::lossy_owned as lossy;
use crate::fields::container::{needs_refresh, ContainerResolver};
use crate::state::fd::{FdInfo, FdTable, NameCache};
use crate::state::users::Users;
use lanner_abi as abi;
use std::collections::VecDeque;

pub use crate::state::thread::{ThreadInfo, NO_LOGINUID};

/// Event types the table follows besides the clone and exec families
/// (which the capture filter always includes): credentials, capabilities,
/// cwd, sessions (`setsid`, a generic record) and every record that
/// creates, changes or closes an fd.
pub const STATE_EVENTS: &[&str] = &[
    "setuid",
    "setgid",
    "setresuid",
    "setresgid",
    "setreuid",
    "setregid",
    "capset",
    "chdir",
    "fchdir",
    "open",
    "openat",
    "openat2",
    "creat",
    "close",
    "socket",
    "bind",
    "connect",
    "listen",
    "accept",
    "accept4",
    "dup",
    "dup2",
    "dup3",
    "fcntl",
    "memfd_create",
    "userfaultfd",
    "bpf",
    "setsid",
];

/// Where a thread's fds are: its fd table's key and its process id (for
/// a lazy /proc lookup), copied out of its entry by the one lookup of an
/// fd event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Home {
    pub fdtab: i64,
    pub pid: i64,
}

impl Home {
    #[inline]
    pub(crate) fn of(t: &ThreadInfo) -> Home {
        Home {
            fdtab: t.fdtab,
            pid: t.pid,
        }
    }
}

/// Longest parent chain followed (loops in bad data end there too).
pub const MAX_ANCESTORS: usize = 256;

/// Counters of the table's own health.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ProcStats {
    pub threads: usize,
    pub seeded: usize,
    pub created: u64,
    pub execs: u64,
    pub exits: u64,
    /// Entries removed because the table was full.
    pub evicted: u64,
    /// Threads found only through a lazy /proc read.
    pub lazy_loaded: u64,
    /// Events for threads that could not be found anywhere.
    pub unknown: u64,
    /// Process fd tables alive.
    pub fd_tables: usize,
    /// fds found only through a lazy /proc read.
    pub fd_lazy_loaded: u64,
    /// fds not remembered because their table was full.
    pub fd_refused: u64,
}

/// Looks a thread (or one of its fds) up outside the event stream
/// (normally /proc).
pub trait ThreadLoader: Send {
    fn load(&mut self, tid: i64) -> Option<ThreadInfo>;
    /// What fd `fd` of process `pid` refers to.
    fn load_fd(&mut self, _pid: i64, _fd: i64) -> Option<FdInfo> {
        None
    }
}

/// The table.
pub struct ProcTable {
    threads: IntMap<i64, ThreadInfo>,
    order: VecDeque<i64>,
    capacity: usize,
    pub(crate) fdtabs: IntMap<i64, FdTable>,
    /// Recently opened paths, shared by the fds that have them.
    pub(crate) names: NameCache,
    loader: Option<Box<dyn ThreadLoader>>,
    /// Threads the loader could not find: not asked again (a thread whose
    /// exit raced our /proc read would otherwise cost a read per event).
    /// Exited threads and the reaper their children were re-parented to.
    reaped: IntMap<i64, i64>,
    reaped_order: VecDeque<i64>,
    users: Users,
    /// Container state (`None`: every thread is on the host).
    containers: Option<Box<dyn ContainerResolver>>,
    /// Records seen by `apply_pre` (`evt.num` of the current one).
    evt_num: u64,
    pub(crate) stats: ProcStats,
}

/// `path` resolved against `cwd` lexically (`.` and `..` folded), as
/// Falco does for chdir; symlinks are not followed.
pub fn join_path(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let base = if path.starts_with('/') { "" } else { cwd };
    for seg in base.split('/').chain(path.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

impl ProcTable {
    /// An empty table holding at most `capacity` threads, without user
    /// names (see [`ProcTable::with_users`]).
    pub fn new(capacity: usize) -> ProcTable {
        ProcTable {
            threads: IntMap::default(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
            fdtabs: IntMap::default(),
            names: NameCache::default(),
            loader: None,
            reaped: IntMap::default(),
            reaped_order: VecDeque::new(),
            users: Users::empty(),
            containers: None,
            evt_num: 0,
            stats: ProcStats::default(),
        }
    }

    /// Installs the fallback used for threads the stream never introduced.
    pub fn with_loader(mut self, loader: Box<dyn ThreadLoader>) -> ProcTable {
        self.loader = Some(loader);
        self
    }

    /// Installs the user/group tables (`Users::host()` in production).
    pub fn with_users(mut self, users: Users) -> ProcTable {
        self.users = users;
        self
    }

    /// Installs container state: threads get their container when their
    /// cgroups are learned (seed, clone, exec).
    pub fn with_containers(mut self, c: Box<dyn ContainerResolver>) -> ProcTable {
        self.containers = Some(c);
        self
    }

    /// The user/group tables.
    pub fn users(&self) -> &Users {
        &self.users
    }

    /// The record counter: `evt.num` of the record last applied.
    pub fn event_num(&self) -> u64 {
        self.evt_num
    }

    /// Adds entries found at start (e.g. by scanning /proc).
    pub fn seed(&mut self, threads: impl IntoIterator<Item = ThreadInfo>) {
        for t in threads {
            self.insert(t);
            self.stats.seeded += 1;
        }
    }

    /// Inserts `t`, attaching it to its fd table (its process's own when
    /// `t.fdtab` is 0; an unknown table starts empty and incomplete).
    fn insert(&mut self, mut t: ThreadInfo) {
        let tid = t.tid;
        // A reused tid is a new thread, not the exited one: its orphans
        // are re-parented for real now (rare: pid reuse), so they do not
        // become the new thread's children.
        if let Some(r) = self.reaped.remove(&tid) {
            for c in self.threads.values_mut().filter(|c| c.ptid == tid) {
                c.ptid = r;
            }
        }
        if t.fdtab == 0 {
            t.fdtab = if t.pid != 0 { t.pid } else { tid };
        }
        if let Some(r) = self.containers.as_mut() {
            if !t.cgroups.is_empty() {
                t.container = Some(r.for_cgroups(&t.cgroups));
            }
        }
        // Take the new reference before releasing the old one, so a
        // re-insert into the same table never frees it.
        self.fdtabs
            .entry(t.fdtab)
            .or_insert_with(|| FdTable::new(false))
            .refs += 1;
        let known = self.drop_thread(tid).is_some();
        self.threads.insert(tid, t);
        if !known {
            self.order.push_back(tid);
        }
        while self.threads.len() > self.capacity {
            match self.order.pop_front() {
                Some(old) if old != tid && self.drop_thread(old).is_some() => {
                    self.stats.evicted += 1
                }
                Some(_) => {}
                None => break,
            }
        }
        if self.order.len() > 2 * self.capacity {
            // Exited threads leave stale keys behind; compact now and then.
            let live = &self.threads;
            self.order.retain(|t| live.contains_key(t));
        }
    }

    /// Removes a thread and releases its fd table reference.
    fn drop_thread(&mut self, tid: i64) -> Option<ThreadInfo> {
        let t = self.threads.remove(&tid)?;
        if let Some(tab) = self.fdtabs.get_mut(&t.fdtab) {
            tab.refs = tab.refs.saturating_sub(1);
            if tab.refs == 0 {
                self.fdtabs.remove(&t.fdtab);
            }
        }
        Some(t)
    }

    /// The entry for `tid`, if known.
    pub fn get(&self, tid: i64) -> Option<&ThreadInfo> {
        self.threads.get(&tid)
    }

    /// The entry of `tid`'s parent, if known.
    pub fn parent(&self, tid: i64) -> Option<&ThreadInfo> {
        self.parent_of(self.threads.get(&tid)?)
    }

    /// `t`'s parent: its `ptid`, or, when that thread exited, the reaper
    /// the kernel re-parented `t` to (procexit's `reaper_tid`), as Falco.
    pub fn parent_of(&self, t: &ThreadInfo) -> Option<&ThreadInfo> {
        let mut ptid = t.ptid;
        // A chain of exited parents each reaped by the next (bounded).
        for _ in 0..8 {
            if ptid == t.tid {
                return None;
            }
            if let Some(p) = self.threads.get(&ptid) {
                return Some(p);
            }
            ptid = *self.reaped.get(&ptid)?;
        }
        None
    }

    /// `t`'s ancestors, parent first (at most [`MAX_ANCESTORS`]).
    pub fn ancestors<'a>(&'a self, t: &'a ThreadInfo) -> impl Iterator<Item = &'a ThreadInfo> {
        let mut cur = Some(t);
        let mut n = 0;
        std::iter::from_fn(move || {
            let c = cur?;
            n += 1;
            let p = self.parent_of(c).filter(|p| p.tid != c.tid);
            cur = if n > MAX_ANCESTORS { None } else { p };
            cur
        })
    }

    /// Every known thread.
    pub fn threads(&self) -> impl Iterator<Item = &ThreadInfo> {
        self.threads.values()
    }

    /// The fd table `t` uses.
    pub fn fd_table(&self, t: &ThreadInfo) -> Option<&FdTable> {
        self.fdtabs.get(&t.fdtab)
    }

    /// What fd `fd` of thread `tid` refers to, if known.
    pub fn fd(&self, tid: i64, fd: i64) -> Option<&FdInfo> {
        self.fd_table(self.threads.get(&tid)?)?.get(fd)
    }

    /// Makes sure `tid` is in the table, asking the loader once if needed.
    pub fn ensure(&mut self, tid: i64) {
        if self.threads.contains_key(&tid) {
            return;
        }
        match self.loader.as_mut().and_then(|l| l.load(tid)) {
            Some(t) => {
                self.stats.lazy_loaded += 1;
                self.insert(t);
            }
            None => {
                // As libsinsp: a thread nobody can describe still gets an
                // entry (names "<NA>", itself as its process) so its fds
                // are tracked; `proc_name_exists`-style rules test for it.
                self.stats.unknown += 1;
                self.insert(ThreadInfo::unknown(tid));
            }
        }
    }

    /// [`ProcTable::ensure`], returning the thread's fd table key and
    /// process id: the one thread lookup of an fd event.
    #[inline]
    pub(crate) fn ensure_home(&mut self, tid: i64) -> Option<Home> {
        if let Some(t) = self.threads.get(&tid) {
            return Some(Home::of(t));
        }
        self.ensure(tid);
        self.threads.get(&tid).map(Home::of)
    }

    /// Makes sure fd `fd` of `tid` is known when its table predates the
    /// stream, asking the loader once per fd.
    pub(crate) fn ensure_fd(&mut self, tid: i64, fd: i64) {
        if fd >= 0 {
            self.ensure_fd_table(tid, fd);
        }
    }

    /// [`ProcTable::ensure_fd`] (for `fd >= 0`), then `tid`'s fd table:
    /// one thread and one table lookup for both.
    pub(crate) fn ensure_fd_table(&mut self, tid: i64, fd: i64) -> Option<&mut FdTable> {
        let home = Home::of(self.threads.get(&tid)?);
        self.ensure_fd_in(home, fd)
    }

    /// [`ProcTable::ensure_fd_table`] for a thread already looked up.
    pub(crate) fn ensure_fd_in(&mut self, home: Home, fd: i64) -> Option<&mut FdTable> {
        let Home { fdtab: key, pid } = home;
        let tab = self.fdtabs.get_mut(&key)?;
        if fd < 0 || tab.complete || tab.get(fd).is_some() || tab.is_absent(fd) {
            return Some(tab);
        }
        match self.loader.as_mut().and_then(|l| l.load_fd(pid, fd)) {
            Some(info) => {
                if tab.insert(fd, info) {
                    self.stats.fd_lazy_loaded += 1;
                } else {
                    self.stats.fd_refused += 1;
                }
            }
            None => tab.mark_absent(fd),
        }
        Some(tab)
    }

    /// Health counters.
    pub fn stats(&self) -> ProcStats {
        ProcStats {
            threads: self.threads.len(),
            fd_tables: self.fdtabs.len(),
            ..self.stats
        }
    }

    /// Applies what `ev` changes before rules look at it: new threads
    /// (clone family), new images (exec family), fds, credentials, cwd.
    pub fn apply_pre(&mut self, ev: &Event<'_>) {
        self.evt_num += 1;
        self.users.refresh(ev.ts());
        self.refresh_container(ev.tid());
        match u32::from(ev.code()) {
            abi::PPME_SYSCALL_CLONE_20_X
            | abi::PPME_SYSCALL_FORK_20_X
            | abi::PPME_SYSCALL_VFORK_20_X
            | abi::PPME_SYSCALL_CLONE3_X => self.on_clone(ev),
            abi::PPME_SYSCALL_EXECVE_19_X | abi::PPME_SYSCALL_EXECVEAT_X => self.on_exec(ev),
            abi::PPME_PROCEXIT_1_E => {}
            abi::PPME_GENERIC_X => {
                self.ensure(ev.tid());
                if ev.int_of("ID") == Some(i64::from(abi::PPM_SC_SETSID)) {
                    self.on_setsid(ev.tid());
                }
            }
            code => {
                let home = self.ensure_home(ev.tid());
                if self.apply_fd_event(code, ev, home) == Some(0) {
                    self.on_success(code, ev);
                }
            }
        }
    }

    /// Picks up container metadata that was missing when the thread's
    /// container was first looked up (the resolver rate-limits re-reads).
    fn refresh_container(&mut self, tid: i64) {
        // The resolver first: without one, no thread lookup at all.
        let Some(r) = self.containers.as_mut() else {
            return;
        };
        let Some(t) = self.threads.get_mut(&tid) else {
            return;
        };
        let Some(c) = t.container.as_ref().filter(|c| needs_refresh(c)) else {
            return;
        };
        if let Some(fresh) = r.by_id(&c.full_id) {
            t.container = Some(fresh);
        }
    }

    /// Identity and cwd changes of a successful setuid/setgid family,
    /// capset, chdir or fchdir call.
    fn on_success(&mut self, code: u32, ev: &Event<'_>) {
        // -1 ("leave unchanged") arrives as u32::MAX in a PT_UID parameter.
        let id = |name: &str| ev.int_of(name).map(|v| v as u32).filter(|v| *v != u32::MAX);
        let tid = ev.tid();
        match code {
            abi::PPME_SYSCALL_SETUID_X => self.set_ids(tid, id("uid"), None),
            abi::PPME_SYSCALL_SETRESUID_X | abi::PPME_SYSCALL_SETREUID_X => {
                self.set_ids(tid, id("euid"), None)
            }
            abi::PPME_SYSCALL_SETGID_X => self.set_ids(tid, None, id("gid")),
            abi::PPME_SYSCALL_SETRESGID_X | abi::PPME_SYSCALL_SETREGID_X => {
                self.set_ids(tid, None, id("egid"))
            }
            abi::PPME_SYSCALL_CAPSET_X => {
                if let Some(t) = self.threads.get_mut(&tid) {
                    let cap = |n: &str, old: u64| ev.int_of(n).map_or(old, |v| v as u64);
                    t.cap_inheritable = cap("cap_inheritable", t.cap_inheritable);
                    t.cap_permitted = cap("cap_permitted", t.cap_permitted);
                    t.cap_effective = cap("cap_effective", t.cap_effective);
                }
            }
            abi::PPME_SYSCALL_CHDIR_X => {
                if let Some(path) = ev.str_of("path") {
                    self.chdir(tid, &lossy(path));
                }
            }
            abi::PPME_SYSCALL_FCHDIR_X => {
                let dir = ev
                    .int_of(&param::FD)
                    .and_then(|fd| self.fd(tid, fd))
                    .map(|f| f.name.clone());
                if let Some(d) = dir.filter(|d| d.starts_with('/')) {
                    self.chdir(tid, &d);
                }
            }
            _ => {}
        }
    }

    /// setsid's only failure is EPERM for a process group leader, so a
    /// generic setsid record (which carries no result) from any other
    /// process succeeded: it now leads a new session and process group.
    fn on_setsid(&mut self, tid: i64) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        let (pid, vpid) = (t.pid, t.vpid_or_pid());
        if t.vpgid == vpid {
            return;
        }
        for t in self.threads.values_mut().filter(|t| t.pid == pid) {
            t.sid = vpid;
            t.vpgid = vpid;
            t.pgid = pid;
        }
    }

    fn set_ids(&mut self, tid: i64, uid: Option<u32>, gid: Option<u32>) {
        if let Some(t) = self.threads.get_mut(&tid) {
            t.uid = uid.unwrap_or(t.uid);
            t.gid = gid.unwrap_or(t.gid);
        }
    }

    /// The working directory is shared by the threads of a process.
    fn chdir(&mut self, tid: i64, path: &str) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        let (pid, cwd) = (t.pid, join_path(&t.cwd, path));
        for t in self
            .threads
            .values_mut()
            .filter(|t| t.pid == pid || t.tid == tid)
        {
            t.cwd = cwd.clone();
        }
    }

    /// Applies what `ev` changes after rules looked at it (exits, closes).
    pub fn apply_post(&mut self, ev: &Event<'_>) {
        match u32::from(ev.code()) {
            abi::PPME_SYSCALL_CLOSE_X => return self.close_fd(ev),
            abi::PPME_PROCEXIT_1_E => {}
            _ => return,
        }
        let tid = ev.tid();
        if self.drop_thread(tid).is_some() {
            self.stats.exits += 1;
        }
        // Its children now belong to the reaper: remembered instead of
        // rewriting every child (bounded, oldest forgotten first).
        if let Some(r) = ev.int_of("reaper_tid").filter(|r| *r > 0 && *r != tid) {
            if self.reaped.insert(tid, r).is_none() {
                self.reaped_order.push_back(tid);
            }
            while self.reaped_order.len() > self.capacity {
                if let Some(old) = self.reaped_order.pop_front() {
                    self.reaped.remove(&old);
                }
            }
        }
    }
}

#[path = "lifecycle.rs"]
mod lifecycle;

#[cfg(test)]
#[path = "proc_tests.rs"]
mod tests;
