//! Process table tests: lifecycle, credentials and cwd, bounds, lazy
//! loading, the event types the capture filter must include.

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
    // Parent-side and child-side records describe one new thread.
    assert_eq!((st.created, st.execs, st.exits, st.threads), (1, 1, 1, 1));
}

#[test]
fn state_events_are_lanner_events() {
    for n in STATE_EVENTS {
        let known = abi::events().any(|e| e.name == *n);
        let syscall = crate::source::kmod::Filter::syscall_for_event(n).is_some();
        assert!(known || syscall, "{n}");
    }
}

#[test]
fn setsid_starts_a_session_unless_group_leader() {
    let mut t = ProcTable::new(8);
    t.seed([
        ThreadInfo {
            tid: 70,
            pid: 70,
            sid: 1,
            vpgid: 1,
            ..Default::default()
        },
        ThreadInfo {
            tid: 71,
            pid: 71,
            sid: 1,
            vpgid: 71,
            ..Default::default()
        },
    ]);
    let id = (abi::PPM_SC_SETSID as u16).to_le_bytes();
    let nr = 112u16.to_le_bytes();
    for tid in [70, 71] {
        apply(&mut t, &record(abi::PPME_GENERIC_X, 1, tid, &[&id, &nr]));
    }
    let (a, b) = (t.get(70).unwrap(), t.get(71).unwrap());
    assert_eq!((a.sid, a.vpgid), (70, 70));
    assert_eq!((b.sid, b.vpgid), (1, 71), "a group leader's setsid fails");
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
    assert_eq!((st.lazy_loaded, st.unknown), (1, 1));
    // A thread /proc did not have gets libsinsp's placeholder entry (so
    // its fds are tracked) and is not looked up again per event.
    assert_eq!(t.get(8).unwrap().comm, "<NA>");
    assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 2);
}

#[test]
fn capset_and_fchdir_follow_the_thread() {
    use crate::fields::tests::{rec, P};
    let mut t = ProcTable::new(8);
    t.seed([ThreadInfo {
        tid: 5,
        pid: 5,
        cwd: "/".into(),
        cap_effective: u64::MAX,
        ..Default::default()
    }]);
    let admin = abi::PPM_CAP_SYS_ADMIN as i64;
    let capset = rec(
        abi::PPME_SYSCALL_CAPSET_X,
        1,
        5,
        &[
            ("res", P::N(0)),
            ("cap_inheritable", P::N(0)),
            ("cap_permitted", P::N(admin)),
            ("cap_effective", P::N(admin)),
        ],
    );
    apply(&mut t, &capset);
    assert_eq!(t.get(5).unwrap().cap_effective, admin as u64);
    let open_dir = rec(
        abi::PPME_SYSCALL_OPENAT_2_X,
        2,
        5,
        &[
            ("fd", P::N(3)),
            ("dirfd", P::N(i64::from(abi::PPM_AT_FDCWD))),
            ("name", P::S("srv/www")),
            ("flags", P::N(i64::from(abi::PPM_O_DIRECTORY))),
        ],
    );
    apply(&mut t, &open_dir);
    let fchdir = rec(
        abi::PPME_SYSCALL_FCHDIR_X,
        3,
        5,
        &[("res", P::N(0)), ("fd", P::N(3))],
    );
    apply(&mut t, &fchdir);
    assert_eq!(t.get(5).unwrap().cwd, "/srv/www");
    assert_eq!(t.event_num(), 3);
}

#[test]
fn orphans_belong_to_the_reaper() {
    let mut t = ProcTable::new(8);
    let th = |tid: i64, ptid: i64, comm: &str| ThreadInfo {
        tid,
        pid: tid,
        ptid,
        comm: comm.into(),
        ..Default::default()
    };
    t.seed([th(1, 0, "init"), th(50, 1, "sh"), th(60, 50, "daemon")]);
    let exit = record(
        abi::PPME_PROCEXIT_1_E,
        3,
        50,
        &[
            &0i64.to_le_bytes(),
            &0i64.to_le_bytes(),
            &[0],
            &[0],
            &1i64.to_le_bytes(),
        ],
    );
    apply(&mut t, &exit);
    assert_eq!(t.parent(60).unwrap().comm, "init");
    let names: Vec<&str> = t
        .ancestors(t.get(60).unwrap())
        .map(|a| a.comm.as_str())
        .collect();
    assert_eq!(names, ["init"]);
    // A new thread reusing tid 50 is not the reaped one.
    t.seed([th(50, 1, "new")]);
    assert_eq!(t.parent(60).unwrap().comm, "init");
    assert_eq!(t.get(60).unwrap().ptid, 1);
}
