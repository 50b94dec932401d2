//! The process table: what lanner knows about every live thread.
//!
//! Owns: thread entries keyed by tid, seeded from /proc at start (see
//! `state::procfs`) and kept current by clone/fork/vfork/clone3, execve/
//! execveat, procexit, the setuid/setgid family (effective ids) and chdir
//! (per-process cwd) records.
//! Must never: block on I/O per event (the one exception, a lazy /proc read
//! for a thread never seen, is bounded and counted), or grow without bound
//! (entries beyond `capacity` evict the oldest-inserted and are counted).

use crate::event::decode::{split_nul, Event};
use lanner_abi as abi;
use std::collections::{HashMap, HashSet, VecDeque};

/// What lanner knows about one thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreadInfo {
    pub tid: i64,
    /// Thread-group id (the process id).
    pub pid: i64,
    /// Parent thread id.
    pub ptid: i64,
    /// Kernel comm (Falco's `proc.name`).
    pub comm: String,
    /// argv[0] (Falco's `proc.exe`).
    pub exe: String,
    /// Full path of the executable (Falco's `proc.exepath`).
    pub exepath: String,
    /// argv[1..].
    pub args: Vec<String>,
    pub cwd: String,
    /// Effective user and group ids.
    pub uid: u32,
    pub gid: u32,
}

impl ThreadInfo {
    /// Falco's `proc.cmdline`: name followed by the arguments.
    pub fn cmdline(&self) -> String {
        let mut s = self.comm.clone();
        for a in &self.args {
            s.push(' ');
            s.push_str(a);
        }
        s
    }
}

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
}

/// Looks a thread up outside the event stream (normally /proc).
pub trait ThreadLoader: Send {
    fn load(&mut self, tid: i64) -> Option<ThreadInfo>;
}

/// The table.
pub struct ProcTable {
    threads: HashMap<i64, ThreadInfo>,
    order: VecDeque<i64>,
    capacity: usize,
    loader: Option<Box<dyn ThreadLoader>>,
    /// Threads the loader could not find: not asked again (a thread whose
    /// exit raced our /proc read would otherwise cost a read per event).
    missing: HashSet<i64>,
    stats: ProcStats,
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

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

impl ProcTable {
    /// An empty table holding at most `capacity` threads.
    pub fn new(capacity: usize) -> ProcTable {
        ProcTable {
            threads: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
            loader: None,
            missing: HashSet::new(),
            stats: ProcStats::default(),
        }
    }

    /// Installs the fallback used for threads the stream never introduced.
    pub fn with_loader(mut self, loader: Box<dyn ThreadLoader>) -> ProcTable {
        self.loader = Some(loader);
        self
    }

    /// Adds entries found at start (e.g. by scanning /proc).
    pub fn seed(&mut self, threads: impl IntoIterator<Item = ThreadInfo>) {
        for t in threads {
            self.insert(t);
            self.stats.seeded += 1;
        }
    }

    fn insert(&mut self, t: ThreadInfo) {
        let tid = t.tid;
        self.missing.remove(&tid);
        if self.threads.insert(tid, t).is_none() {
            self.order.push_back(tid);
            while self.threads.len() > self.capacity {
                match self.order.pop_front() {
                    Some(old) if self.threads.remove(&old).is_some() => self.stats.evicted += 1,
                    Some(_) => {}
                    None => break,
                }
            }
        }
    }

    /// The entry for `tid`, if known.
    pub fn get(&self, tid: i64) -> Option<&ThreadInfo> {
        self.threads.get(&tid)
    }

    /// The entry of `tid`'s parent, if known.
    pub fn parent(&self, tid: i64) -> Option<&ThreadInfo> {
        self.threads.get(&self.threads.get(&tid)?.ptid)
    }

    /// Makes sure `tid` is in the table, asking the loader once if needed.
    pub fn ensure(&mut self, tid: i64) {
        if self.threads.contains_key(&tid) {
            return;
        }
        if self.missing.contains(&tid) {
            self.stats.unknown += 1;
            return;
        }
        match self.loader.as_mut().and_then(|l| l.load(tid)) {
            Some(t) => {
                self.stats.lazy_loaded += 1;
                self.insert(t);
            }
            None => {
                self.stats.unknown += 1;
                if self.missing.len() >= self.capacity {
                    self.missing.clear();
                }
                self.missing.insert(tid);
            }
        }
    }

    /// Health counters.
    pub fn stats(&self) -> ProcStats {
        ProcStats {
            threads: self.threads.len(),
            ..self.stats
        }
    }

    /// Applies what `ev` changes before rules look at it: new threads
    /// (clone family) and new images (exec family).
    pub fn apply_pre(&mut self, ev: &Event<'_>) {
        match u32::from(ev.code()) {
            abi::PPME_SYSCALL_CLONE_20_X
            | abi::PPME_SYSCALL_FORK_20_X
            | abi::PPME_SYSCALL_VFORK_20_X
            | abi::PPME_SYSCALL_CLONE3_X => self.on_clone(ev),
            abi::PPME_SYSCALL_EXECVE_19_X | abi::PPME_SYSCALL_EXECVEAT_X => self.on_exec(ev),
            abi::PPME_PROCEXIT_1_E => {}
            code => {
                self.ensure(ev.tid());
                if ev.int_of("res") == Some(0) {
                    self.on_success(code, ev);
                }
            }
        }
    }

    /// Identity and cwd changes of a successful setuid/setgid family or
    /// chdir call. fchdir needs the fd table and is not followed yet.
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
            abi::PPME_SYSCALL_CHDIR_X => {
                if let Some(path) = ev.str_of("path") {
                    self.chdir(tid, &lossy(path));
                }
            }
            _ => {}
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

    /// Applies what `ev` changes after rules looked at it (exits).
    pub fn apply_post(&mut self, ev: &Event<'_>) {
        if u32::from(ev.code()) == abi::PPME_PROCEXIT_1_E
            && self.threads.remove(&ev.tid()).is_some()
        {
            self.stats.exits += 1;
        }
    }

    /// Fills image fields (exe, args, comm, ids, cwd) shared by the clone
    /// and exec records.
    fn image_from(ev: &Event<'_>, t: &mut ThreadInfo) {
        if let Some(v) = ev.str_of("exe") {
            t.exe = lossy(v);
        }
        if let Some(v) = ev.str_of("args") {
            t.args = split_nul(v).map(lossy).collect();
        }
        if let Some(v) = ev.str_of("comm") {
            t.comm = lossy(v);
        }
        match ev.str_of("cwd") {
            Some(v) if !v.is_empty() => t.cwd = lossy(v),
            _ => {}
        }
        if let Some(v) = ev.int_of("uid") {
            t.uid = v as u32;
        }
        if let Some(v) = ev.int_of("gid") {
            t.gid = v as u32;
        }
    }

    fn on_clone(&mut self, ev: &Event<'_>) {
        let Some(res) = ev.int_of("res") else { return };
        if res < 0 {
            return;
        }
        let (tid, pid, ptid) = (ev.int_of("tid"), ev.int_of("pid"), ev.int_of("ptid"));
        let mut t = ThreadInfo::default();
        if res == 0 {
            // Child side: the record describes the new thread itself.
            t.tid = tid.unwrap_or(ev.tid());
            t.pid = pid.unwrap_or(t.tid);
            t.ptid = ptid.unwrap_or(0);
        } else {
            // Parent side: the child is `res`; only create it if the
            // child's own record has not done so already.
            if self.threads.contains_key(&res) {
                return;
            }
            let flags = ev.int_of("flags").unwrap_or(0) as u32;
            let thread = flags & abi::PPM_CL_CLONE_THREAD != 0;
            let caller = tid.unwrap_or(ev.tid());
            t.tid = res;
            t.pid = if thread { pid.unwrap_or(caller) } else { res };
            t.ptid = if thread || flags & abi::PPM_CL_CLONE_PARENT != 0 {
                ptid.unwrap_or(0)
            } else {
                caller
            };
        }
        // Inherit what the record leaves empty (cwd, exepath) from the parent.
        let parent = self
            .threads
            .get(&ev.tid())
            .or_else(|| self.threads.get(&t.ptid));
        if let Some(p) = parent {
            t.cwd = p.cwd.clone();
            t.exepath = p.exepath.clone();
        }
        Self::image_from(ev, &mut t);
        self.stats.created += 1;
        self.threads.remove(&t.tid);
        self.insert(t);
    }

    fn on_exec(&mut self, ev: &Event<'_>) {
        if ev.int_of("res") != Some(0) {
            self.ensure(ev.tid());
            return;
        }
        let tid = ev.int_of("tid").unwrap_or(ev.tid());
        let mut t = self.threads.remove(&tid).unwrap_or_else(|| ThreadInfo {
            tid,
            ..ThreadInfo::default()
        });
        if let Some(p) = ev.int_of("pid") {
            t.pid = p;
        }
        if let Some(p) = ev.int_of("ptid") {
            t.ptid = p;
        }
        Self::image_from(ev, &mut t);
        t.exepath = match ev.str_of("trusted_exepath") {
            Some(v) if !v.is_empty() => lossy(v),
            _ => ev.str_of("filename").map(lossy).unwrap_or_default(),
        };
        self.stats.execs += 1;
        self.insert(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::tests::record;

    fn s(v: &str) -> Vec<u8> {
        let mut b = v.as_bytes().to_vec();
        b.push(0);
        b
    }

    /// A clone-family exit record with the 21 parameters of the table.
    fn clone_rec(res: i64, tid: i64, pid: i64, ptid: i64, comm: &str, flags: u32) -> Vec<u8> {
        let (exe, comm_b, cwd) = (s(comm), s(comm), s(""));
        let p: Vec<Vec<u8>> = vec![
            res.to_le_bytes().to_vec(),
            exe,
            b"-c\0x\0".to_vec(),
            tid.to_le_bytes().to_vec(),
            pid.to_le_bytes().to_vec(),
            ptid.to_le_bytes().to_vec(),
            cwd,
            0i64.to_le_bytes().to_vec(),
            0u64.to_le_bytes().to_vec(),
            0u64.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            comm_b,
            vec![],
            flags.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            0u32.to_le_bytes().to_vec(),
            tid.to_le_bytes().to_vec(),
            pid.to_le_bytes().to_vec(),
            0u64.to_le_bytes().to_vec(),
        ];
        let refs: Vec<&[u8]> = p.iter().map(Vec::as_slice).collect();
        record(abi::PPME_SYSCALL_CLONE_20_X, 1, tid as u64, &refs)
    }

    /// An execve exit record with the 31 parameters of the table.
    fn exec_rec(tid: i64, ptid: i64, exe: &str, args: &[u8], comm: &str, path: &str) -> Vec<u8> {
        let info = abi::event_info(abi::PPME_SYSCALL_EXECVE_19_X as u16).unwrap();
        let mut p: Vec<Vec<u8>> = Vec::new();
        for pi in info.params {
            p.push(match pi.name {
                "res" => 0i64.to_le_bytes().to_vec(),
                "exe" => s(exe),
                "args" => args.to_vec(),
                "tid" | "pid" => tid.to_le_bytes().to_vec(),
                "ptid" => ptid.to_le_bytes().to_vec(),
                "cwd" => s("/root"),
                "comm" => s(comm),
                "uid" | "gid" => 0u32.to_le_bytes().to_vec(),
                "filename" => s(path),
                _ => vec![],
            });
        }
        let refs: Vec<&[u8]> = p.iter().map(Vec::as_slice).collect();
        record(abi::PPME_SYSCALL_EXECVE_19_X, 2, tid as u64, &refs)
    }

    fn apply(t: &mut ProcTable, r: &[u8]) {
        let e = Event::parse(r).unwrap();
        t.apply_pre(&e);
        t.apply_post(&e);
    }

    #[test]
    fn fork_exec_exit_lifecycle() {
        let mut t = ProcTable::new(100);
        t.seed([ThreadInfo {
            tid: 10,
            pid: 10,
            ptid: 1,
            comm: "nginx".into(),
            cwd: "/srv".into(),
            ..Default::default()
        }]);
        // Parent side of a fork by nginx (tid 10) creating 11.
        apply(&mut t, &clone_rec(11, 10, 10, 1, "nginx", 0));
        let c = t.get(11).unwrap();
        assert_eq!((c.pid, c.ptid, c.cwd.as_str()), (11, 10, "/srv"));
        // Child side overrides with the child's own view.
        apply(&mut t, &clone_rec(0, 11, 11, 10, "nginx", 0));
        assert_eq!(t.get(11).unwrap().ptid, 10);
        // The child execs sh.
        apply(
            &mut t,
            &exec_rec(11, 10, "sh", b"-c\0id\0", "sh", "/bin/sh"),
        );
        let c = t.get(11).unwrap();
        assert_eq!(
            (c.comm.as_str(), c.exe.as_str(), c.exepath.as_str()),
            ("sh", "sh", "/bin/sh")
        );
        assert_eq!(c.args, vec!["-c", "id"]);
        assert_eq!(c.cmdline(), "sh -c id");
        assert_eq!(t.parent(11).unwrap().comm, "nginx");
        // Exit removes it after rules ran.
        let exit = record(
            abi::PPME_PROCEXIT_1_E,
            3,
            11,
            &[
                &0i64.to_le_bytes(),
                &0i64.to_le_bytes(),
                &[0],
                &[0],
                &0i64.to_le_bytes(),
            ],
        );
        let e = Event::parse(&exit).unwrap();
        t.apply_pre(&e);
        assert!(t.get(11).is_some());
        t.apply_post(&e);
        assert!(t.get(11).is_none());
        let st = t.stats();
        assert_eq!((st.created, st.execs, st.exits, st.threads), (2, 1, 1, 1));
    }

    #[test]
    fn joins_paths_lexically() {
        assert_eq!(join_path("/home/a", "b/../c/./d"), "/home/a/c/d");
        assert_eq!(join_path("/home/a", "/etc/"), "/etc");
        assert_eq!(join_path("/", "../.."), "/");
        assert_eq!(join_path("", "x"), "/x");
    }

    #[test]
    fn setuid_and_chdir_follow_the_thread() {
        let mut t = ProcTable::new(16);
        apply(&mut t, &clone_rec(0, 30, 30, 1, "sh", 0));
        apply(
            &mut t,
            &clone_rec(0, 31, 30, 1, "sh", abi::PPM_CL_CLONE_THREAD),
        );
        let ok = 0i64.to_le_bytes();
        let uid = 1000u32.to_le_bytes();
        apply(
            &mut t,
            &record(abi::PPME_SYSCALL_SETUID_X, 3, 30, &[&ok, &uid]),
        );
        assert_eq!(t.get(30).unwrap().uid, 1000);
        let keep = u32::MAX.to_le_bytes();
        let gid = 50u32.to_le_bytes();
        let r = record(
            abi::PPME_SYSCALL_SETRESGID_X,
            4,
            30,
            &[&ok, &keep, &gid, &keep],
        );
        apply(&mut t, &r);
        assert_eq!(t.get(30).unwrap().gid, 50);
        let fail = (-1i64).to_le_bytes();
        let r = record(
            abi::PPME_SYSCALL_SETUID_X,
            5,
            30,
            &[&fail, &0u32.to_le_bytes()],
        );
        apply(&mut t, &r);
        assert_eq!(
            t.get(30).unwrap().uid,
            1000,
            "a failed setuid changes nothing"
        );
        let r = record(abi::PPME_SYSCALL_CHDIR_X, 6, 31, &[&ok, b"/var/tmp\0"]);
        apply(&mut t, &r);
        assert_eq!(t.get(30).unwrap().cwd, "/var/tmp", "cwd is per process");
        let r = record(abi::PPME_SYSCALL_CHDIR_X, 7, 30, &[&ok, b"../log\0"]);
        apply(&mut t, &r);
        assert_eq!(t.get(31).unwrap().cwd, "/var/log");
    }

    #[test]
    fn thread_clone_keeps_process_id() {
        let mut t = ProcTable::new(100);
        apply(
            &mut t,
            &clone_rec(21, 20, 20, 1, "java", abi::PPM_CL_CLONE_THREAD),
        );
        let c = t.get(21).unwrap();
        assert_eq!((c.pid, c.ptid), (20, 1));
    }

    #[test]
    fn capacity_is_bounded_and_evictions_counted() {
        let mut t = ProcTable::new(2);
        t.seed((1..=5).map(|tid| ThreadInfo {
            tid,
            ..Default::default()
        }));
        let st = t.stats();
        assert_eq!((st.threads, st.evicted), (2, 3));
        assert!(t.get(5).is_some() && t.get(1).is_none());
    }

    struct Fixed(std::sync::Arc<std::sync::atomic::AtomicU64>);
    impl ThreadLoader for Fixed {
        fn load(&mut self, tid: i64) -> Option<ThreadInfo> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (tid == 7).then(|| ThreadInfo {
                tid: 7,
                comm: "late".into(),
                ..Default::default()
            })
        }
    }

    #[test]
    fn unknown_threads_are_loaded_lazily_or_counted() {
        let calls = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let mut t = ProcTable::new(10).with_loader(Box::new(Fixed(calls.clone())));
        t.ensure(7);
        t.ensure(8);
        t.ensure(8);
        assert_eq!(t.get(7).unwrap().comm, "late");
        let st = t.stats();
        assert_eq!((st.lazy_loaded, st.unknown), (1, 2));
        // A thread /proc did not have is not looked up again per event.
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 2);
    }
}
