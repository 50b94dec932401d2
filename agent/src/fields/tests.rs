//! Field tests with synthetic records: one group per family, and the
//! catalogue-wide checks (every field answered, names and types agree
//! with libsinsp's and the container plugin's lists).

use super::container::{ContainerInfo, ContainerResolver, Mount, RuntimeKind};
use super::EventFields;
use crate::engine::catalog::{self, Field};
use crate::engine::field::FieldFlags;
use crate::engine::{Catalog, FieldArg, FieldRef, FieldType, Value};
use crate::event::decode::tests::record;
use crate::event::decode::Event;
use crate::state::proc::{ProcTable, ThreadInfo};
use crate::state::users::Users;
use lanner_abi as abi;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A parameter value for [`rec`].
pub(crate) enum P<'a> {
    /// A number, encoded with the width the event table gives the param.
    N(i64),
    /// A NUL-terminated string.
    S(&'a str),
    /// Raw bytes.
    B(Vec<u8>),
}

/// A record of event `code` with the named parameters set (others empty),
/// laid out in the event table's order.
pub(crate) fn rec(code: u32, ts: u64, tid: i64, set: &[(&str, P<'_>)]) -> Vec<u8> {
    let info = abi::event_info(code as u16).expect("known event");
    let params: Vec<Vec<u8>> = info
        .params
        .iter()
        .map(
            |p| match set.iter().find(|(n, _)| *n == p.name).map(|(_, v)| v) {
                None => vec![],
                Some(P::S(s)) => {
                    let mut b = s.as_bytes().to_vec();
                    b.push(0);
                    b
                }
                Some(P::B(b)) => b.clone(),
                Some(P::N(n)) => {
                    let width = match p.ptype {
                        abi::PT_INT8 | abi::PT_UINT8 | abi::PT_FLAGS8 | abi::PT_ENUMFLAGS8 => 1,
                        abi::PT_INT16 | abi::PT_UINT16 | abi::PT_FLAGS16 | abi::PT_ENUMFLAGS16 => 2,
                        abi::PT_INT32
                        | abi::PT_UINT32
                        | abi::PT_FLAGS32
                        | abi::PT_ENUMFLAGS32
                        | abi::PT_UID
                        | abi::PT_GID
                        | abi::PT_MODE
                        | abi::PT_FD32
                        | abi::PT_PID32 => 4,
                        _ => 8,
                    };
                    n.to_le_bytes()[..width].to_vec()
                }
            },
        )
        .collect();
    let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
    record(code, ts, tid as u64, &refs)
}

fn v4_tuple(c: [u8; 4], cport: u16, s: [u8; 4], sport: u16) -> Vec<u8> {
    let mut t = vec![abi::PPM_AF_INET as u8];
    t.extend_from_slice(&c);
    t.extend_from_slice(&cport.to_le_bytes());
    t.extend_from_slice(&s);
    t.extend_from_slice(&sport.to_le_bytes());
    t
}

/// A process tree: systemd(1) -> sshd(100) -> bash(200, session and
/// group leader, tty, login uid 1000) and the users alice(1000)/staff(50).
fn world() -> (ProcTable, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (pw, gr) = (dir.path().join("passwd"), dir.path().join("group"));
    std::fs::write(
        &pw,
        "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/zsh\n",
    )
    .unwrap();
    std::fs::write(&gr, "root:x:0:\nstaff:x:50:alice\n").unwrap();
    let mut p = ProcTable::new(64).with_users(Users::from_files(&pw, &gr));
    let t = |tid: i64, ptid: i64, comm: &str, sid: i64| ThreadInfo {
        tid,
        pid: tid,
        ptid,
        sid,
        vpgid: sid,
        comm: comm.into(),
        exe: comm.into(),
        exepath: format!("/usr/bin/{comm}"),
        cwd: "/etc".into(),
        clone_ts: 500,
        loginuid: crate::state::proc::NO_LOGINUID,
        ..Default::default()
    };
    p.seed([
        t(1, 0, "systemd", 1),
        t(100, 1, "sshd", 100),
        ThreadInfo {
            tty: 34816,
            loginuid: 1000,
            uid: 1000,
            ..t(200, 100, "bash", 200)
        },
    ]);
    (p, dir)
}

/// bash forks 300, which execs `cat /etc/shadow` and works with fds.
fn scenario() -> Vec<Vec<u8>> {
    let mut v = Vec::new();
    let clone = |res: i64, tid: i64, flags: i64, ts: u64| {
        rec(
            abi::PPME_SYSCALL_CLONE_20_X,
            ts,
            if res == 0 { tid } else { 200 },
            &[
                ("res", P::N(res)),
                ("exe", P::S("bash")),
                ("args", P::B(vec![])),
                ("tid", P::N(if res == 0 { tid } else { 200 })),
                ("pid", P::N(if flags != 0 { 300 } else { tid })),
                ("ptid", P::N(200)),
                ("comm", P::S("bash")),
                ("flags", P::N(flags)),
                ("uid", P::N(1000)),
                ("gid", P::N(50)),
                ("vtid", P::N(tid - 290)),
                ("vpid", P::N(10)),
            ],
        )
    };
    v.push(clone(300, 300, 0, 10_000));
    v.push(clone(0, 300, 0, 10_001));
    let exe_flags = abi::PPM_EXE_WRITABLE | abi::PPM_EXE_UPPER_LAYER | abi::PPM_EXE_FROM_MEMFD;
    let caps = abi::PPM_CAP_SYS_ADMIN as i64 | abi::PPM_CAP_CHOWN as i64;
    v.push(rec(
        abi::PPME_SYSCALL_EXECVE_19_X,
        20_000,
        300,
        &[
            ("res", P::N(0)),
            ("exe", P::S("cat")),
            ("args", P::B(b"/etc/shadow\0-n\0".to_vec())),
            ("tid", P::N(300)),
            ("pid", P::N(300)),
            ("ptid", P::N(200)),
            ("comm", P::S("cat")),
            (
                "cgroups",
                P::B(b"cpu,cpuacct=/user.slice\0memory=/m\0".to_vec()),
            ),
            ("env", P::B(b"HOME=/home/alice\0TERM=xterm\0".to_vec())),
            ("tty", P::N(34816)),
            ("vpgid", P::N(200)),
            ("pgid", P::N(200)),
            ("loginuid", P::N(1000)),
            ("flags", P::N(i64::from(exe_flags))),
            ("cap_inheritable", P::N(0)),
            ("cap_permitted", P::N(caps)),
            ("cap_effective", P::N(caps)),
            ("exe_ino", P::N(4242)),
            ("exe_ino_ctime", P::N(1_000)),
            ("exe_ino_mtime", P::N(900)),
            ("uid", P::N(1000)),
            ("gid", P::N(50)),
            ("trusted_exepath", P::S("/usr/bin/cat")),
            ("vm_size", P::N(1024)),
            ("vm_rss", P::N(512)),
            ("vm_swap", P::N(0)),
        ],
    ));
    // A second thread of 300.
    v.push(clone(0, 301, abi::PPM_CL_CLONE_THREAD as i64, 20_500));
    let open_flags = abi::PPM_O_RDONLY | abi::PPM_O_CLOEXEC | abi::PPM_FD_UPPER_LAYER;
    v.push(rec(
        abi::PPME_SYSCALL_OPENAT_2_X,
        21_000,
        300,
        &[
            ("fd", P::N(3)),
            ("dirfd", P::N(i64::from(abi::PPM_AT_FDCWD))),
            ("name", P::S("./shadow")),
            ("flags", P::N(i64::from(open_flags))),
            ("mode", P::N(0)),
            ("dev", P::N((8 << 8) | 1)),
            ("ino", P::N(77)),
        ],
    ));
    v.push(rec(
        abi::PPME_SOCKET_SOCKET_X,
        22_000,
        300,
        &[
            ("fd", P::N(4)),
            ("domain", P::N(i64::from(abi::PPM_AF_INET))),
            ("type", P::N(1)),
            ("proto", P::N(0)),
            ("flags", P::N(0)),
        ],
    ));
    v.push(rec(
        abi::PPME_SOCKET_CONNECT_X,
        23_000,
        300,
        &[
            ("res", P::N(0)),
            (
                "tuple",
                P::B(v4_tuple([10, 0, 0, 1], 40000, [10, 0, 0, 2], 443)),
            ),
            ("fd", P::N(4)),
        ],
    ));
    v.push(rec(
        abi::PPME_SOCKET_SENDTO_X,
        24_000,
        300,
        &[
            ("res", P::N(5)),
            ("data", P::B(b"hello".to_vec())),
            ("fd", P::N(4)),
            ("size", P::N(5)),
            (
                "tuple",
                P::B(v4_tuple([10, 0, 0, 1], 40000, [10, 0, 0, 3], 443)),
            ),
        ],
    ));
    v.push(rec(
        abi::PPME_SOCKET_ACCEPT4_6_X,
        25_000,
        300,
        &[
            ("fd", P::N(5)),
            (
                "tuple",
                P::B(v4_tuple([192, 168, 1, 9], 5555, [10, 0, 0, 1], 22)),
            ),
            ("flags", P::N(0)),
        ],
    ));
    v.push(rec(
        abi::PPME_SYSCALL_DUP2_X,
        26_000,
        300,
        &[("res", P::N(1)), ("oldfd", P::N(4)), ("newfd", P::N(1))],
    ));
    v.push(rec(
        abi::PPME_SYSCALL_RENAMEAT_X,
        27_000,
        300,
        &[
            ("res", P::N(0)),
            ("olddirfd", P::N(i64::from(abi::PPM_AT_FDCWD))),
            ("oldpath", P::S("a")),
            ("newdirfd", P::N(i64::from(abi::PPM_AT_FDCWD))),
            ("newpath", P::S("../tmp/b")),
        ],
    ));
    v.push(rec(
        abi::PPME_SYSCALL_CLOSE_X,
        28_000,
        300,
        &[("res", P::N(0)), ("fd", P::N(3))],
    ));
    v
}

fn custom_container() -> Arc<ContainerInfo> {
    Arc::new(ContainerInfo {
        id: "0123456789ab".into(),
        full_id: "0123456789ab".repeat(5) + "cdef",
        name: "web".into(),
        image: "nginx:1.25".into(),
        image_id: "1".into(),
        image_repository: "nginx".into(),
        image_tag: "1.25".into(),
        image_digest: "sha256:2".into(),
        kind: RuntimeKind::Docker,
        privileged: Some(true),
        mounts: vec![Mount {
            source: "/proc".into(),
            dest: "/host/proc".into(),
            mode: "ro".into(),
            rdwr: false,
            propagation: "rprivate".into(),
        }],
        start_ts: Some(1_000),
        labels: BTreeMap::from([("app".into(), "web".into())]),
        k8s_pod_name: Some("web-0".into()),
        k8s_ns_name: Some("prod".into()),
        k8s_pod_uid: Some("uid-1".into()),
        k8s_pod_labels: BTreeMap::from([("app".into(), "web".into())]),
        ip: Some([172, 17, 0, 2].into()),
        sandbox_id: Some("fedcba9876543210".into()),
        host_network: Some(false),
        host_pid: Some(true),
        host_ipc: Some(false),
    })
}

/// Containers by cgroup path: `/docker/...` is [`custom_container`],
/// known first without metadata; `by_id` then returns the full entry.
struct FakeResolver {
    refreshed: Arc<std::sync::atomic::AtomicU64>,
}

impl ContainerResolver for FakeResolver {
    fn for_cgroups(&mut self, cgroups: &[(String, String)]) -> Arc<ContainerInfo> {
        let c = custom_container();
        if cgroups.iter().any(|(_, p)| p.starts_with("/docker/")) {
            let mut bare = ContainerInfo::host();
            bare.kind = RuntimeKind::Docker;
            bare.id = c.id.clone();
            bare.full_id = c.full_id.clone();
            bare.name = String::new();
            return Arc::new(bare);
        }
        Arc::new(ContainerInfo::host())
    }

    fn by_id(&mut self, full_id: &str) -> Option<Arc<ContainerInfo>> {
        self.refreshed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let c = custom_container();
        (c.full_id == full_id).then_some(c)
    }
}

/// Resolves `text` (`proc.aname[2]`, `evt.arg.flags`) in the catalogue.
fn fref(text: &str) -> FieldRef {
    let (name, arg) = match text.split_once('[') {
        Some((n, a)) => (n, Some(a.trim_end_matches(']'))),
        None => (text, None),
    };
    catalog::syscall().resolve(name, arg).expect(text)
}

/// Applies the scenario up to and including the first record of `code`
/// (the `nth` one), then evaluates `check` on it.
fn at_event(code: u32, nth: usize, check: impl FnOnce(&EventFields<'_, '_>)) {
    let (mut p, _dir) = world();
    let mut seen = 0;
    for r in scenario() {
        let ev = Event::parse(&r).unwrap();
        p.apply_pre(&ev);
        if u32::from(ev.code()) == code {
            if seen == nth {
                check(&EventFields::new(&ev, &p));
                return;
            }
            seen += 1;
        }
        p.apply_post(&ev);
    }
    panic!("event {code} #{nth} not in the scenario");
}

fn text(f: &EventFields<'_, '_>, field: &str) -> String {
    f.value(&fref(field))
        .map_or_else(|| "<NA>".to_string(), |v| v.to_string())
}

#[test]
fn process_fields_after_fork_and_exec() {
    at_event(abi::PPME_SYSCALL_OPENAT_2_X, 0, |f| {
        let t = |n| text(f, n);
        assert_eq!(t("proc.name"), "cat");
        assert_eq!(t("proc.exe"), "cat");
        assert_eq!(t("proc.exepath"), "/usr/bin/cat");
        assert_eq!(t("proc.cmdline"), "cat /etc/shadow -n");
        assert_eq!(t("proc.exeline"), "cat /etc/shadow -n");
        assert_eq!(
            (t("proc.args"), t("proc.args[1]")),
            ("/etc/shadow -n".into(), "-n".into())
        );
        assert_eq!(
            (t("proc.cmdnargs"), t("proc.cmdlenargs")),
            ("2".into(), "13".into())
        );
        assert_eq!(
            (t("proc.pid"), t("proc.ppid"), t("proc.vpid")),
            ("300".into(), "200".into(), "10".into())
        );
        assert_eq!(
            (t("proc.pname"), t("proc.pexepath"), t("proc.pcmdline")),
            ("bash".into(), "/usr/bin/bash".into(), "bash".into())
        );
        assert_eq!(
            (
                t("proc.aname[0]"),
                t("proc.aname[2]"),
                t("proc.aname[3]"),
                t("proc.aname[9]")
            ),
            ("cat".into(), "sshd".into(), "systemd".into(), "<NA>".into())
        );
        assert_eq!(t("proc.aname"), "(bash,sshd,systemd)");
        assert_eq!(t("proc.apid"), "(200,100,1)");
        assert_eq!(t("proc.aexepath[1]"), "/usr/bin/bash");
        assert_eq!(t("proc.env[HOME]"), "/home/alice");
        assert_eq!(t("proc.env"), "HOME=/home/alice TERM=xterm");
        assert_eq!(
            (t("proc.tty"), t("proc.sid"), t("proc.vpgid")),
            ("34816".into(), "200".into(), "200".into())
        );
        assert_eq!(
            (t("proc.sname"), t("proc.vpgid.name"), t("proc.sid.exepath")),
            ("bash".into(), "bash".into(), "/usr/bin/bash".into())
        );
        assert_eq!(
            (t("proc.is_sid_leader"), t("proc.is_vpgid_leader")),
            ("false".into(), "false".into())
        );
        assert_eq!(t("proc.loginshellid"), "200");
        assert_eq!(
            (t("proc.pid.ts"), t("proc.duration"), t("proc.ppid.ts")),
            ("10000".into(), "11000".into(), "500".into())
        );
        assert_eq!(t("proc.exe_ino.ctime_duration_proc_start"), "9000");
        assert_eq!(
            (t("proc.exe_ino"), t("proc.exe_ino.mtime")),
            ("4242".into(), "900".into())
        );
        for b in [
            "proc.is_exe_writable",
            "proc.is_exe_upper_layer",
            "proc.is_exe_from_memfd",
        ] {
            assert_eq!(t(b), "true", "{b}");
        }
        assert_eq!(
            (t("proc.nthreads"), t("proc.nchilds")),
            ("2".into(), "1".into())
        );
        assert_eq!(t("thread.cap_effective"), "CAP_CHOWN CAP_SYS_ADMIN");
        assert_eq!(t("thread.cap_inheritable"), "");
        assert_eq!(
            (t("thread.tid"), t("thread.vtid"), t("thread.ismain")),
            ("300".into(), "10".into(), "true".into())
        );
        assert_eq!(t("thread.cgroup[cpuacct]"), "/user.slice");
        assert_eq!(t("thread.cgroups"), "cpu,cpuacct=/user.slice memory=/m");
        assert_eq!(
            (t("proc.vmsize"), t("proc.fdopencount")),
            ("1024".into(), "1".into())
        );
        assert_eq!(t("proc.cwd"), "/etc", "inherited from bash");
    });
}

#[test]
fn user_and_group_fields() {
    at_event(abi::PPME_SYSCALL_OPENAT_2_X, 0, |f| {
        let t = |n| text(f, n);
        assert_eq!(
            (
                t("user.uid"),
                t("user.name"),
                t("user.homedir"),
                t("user.shell")
            ),
            (
                "1000".into(),
                "alice".into(),
                "/home/alice".into(),
                "/bin/zsh".into()
            )
        );
        assert_eq!(
            (t("user.loginuid"), t("user.loginname")),
            ("1000".into(), "alice".into())
        );
        assert_eq!(
            (t("group.gid"), t("group.name")),
            ("50".into(), "staff".into())
        );
    });
    // A thread that never logged in.
    at_event(abi::PPME_SYSCALL_CLONE_20_X, 0, |f| {
        assert_eq!(text(f, "user.loginuid"), "1000", "bash logged in");
    });
    let (p, _d) = world();
    let r = rec(
        abi::PPME_SYSCALL_CLOSE_X,
        1,
        100,
        &[("res", P::N(0)), ("fd", P::N(9))],
    );
    let ev = Event::parse(&r).unwrap();
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (text(&f, "user.loginuid"), text(&f, "user.loginname")),
        ("-1".into(), "<NA>".into())
    );
    assert_eq!(text(&f, "user.name"), "root");
    // PT_UID arguments resolve to names, as `evt.arg.uid=nobody` expects.
    let r = rec(
        abi::PPME_SYSCALL_SETUID_X,
        1,
        100,
        &[("res", P::N(-1)), ("uid", P::N(1000))],
    );
    let ev = Event::parse(&r).unwrap();
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (text(&f, "evt.arg.uid"), text(&f, "evt.arg.res")),
        ("alice".into(), "EPERM".into())
    );
    assert_eq!(text(&f, "evt.args"), "res=-1(EPERM) uid=1000(alice)");
    assert_eq!(text(&f, "evt.rawarg.uid"), "1000");
}

#[test]
fn evt_fields() {
    at_event(abi::PPME_SYSCALL_OPENAT_2_X, 0, |f| {
        let t = |n| text(f, n);
        assert_eq!(
            (t("evt.type"), t("syscall.type"), t("evt.dir")),
            ("openat".into(), "openat".into(), "<".into())
        );
        assert_eq!(
            (t("evt.num"), t("evt.res"), t("evt.rawres"), t("evt.failed")),
            ("5".into(), "SUCCESS".into(), "3".into(), "false".into())
        );
        assert_eq!(
            (
                t("evt.is_open_read"),
                t("evt.is_open_write"),
                t("evt.is_open_exec")
            ),
            ("true".into(), "false".into(), "false".into())
        );
        assert_eq!(t("evt.rawarg.name"), "./shadow");
        assert_eq!(
            t("evt.arg[0]"),
            "<f>/etc/shadow",
            "fds resolve to their name"
        );
        assert_eq!(t("evt.arg.dirfd"), "AT_FDCWD");
        assert!(
            t("evt.arg.flags").contains("O_CLOEXEC"),
            "{}",
            t("evt.arg.flags")
        );
        assert_eq!(t("evt.rawarg.fd"), "3");
        assert_eq!(
            t("evt.args"),
            "fd=3(<f>/etc/shadow) dirfd=-100(AT_FDCWD) name=./shadow(/etc/shadow) \
             flags=36865(O_RDONLY|O_CLOEXEC|FD_UPPER_LAYER) mode=0 dev=0x801 ino=77"
        );
        assert_eq!(
            t("evt.arg.name"),
            "/etc/shadow",
            "paths resolve to absolute"
        );
        assert_eq!(
            (t("evt.type.is[openat]"), t("evt.type.is[open]")),
            ("1".into(), "0".into())
        );
        assert_eq!(
            (t("evt.category"), t("evt.is_io"), t("evt.count")),
            ("file".into(), "false".into(), "1".into())
        );
        assert_eq!(
            (t("evt.rawtime"), t("evt.rawtime.s"), t("evt.rawtime.ns")),
            ("21000".into(), "0".into(), "21000".into())
        );
        assert_eq!(t("evt.time"), "00:00:00.000021000");
        assert_eq!(t("evt.datetime"), "1970-01-01 00:00:00.000021000");
        assert_eq!(t("evt.time.iso8601"), "1970-01-01T00:00:00.000021000Z");
        assert_eq!(t("evt.abspath.src"), "/etc/shadow");
        assert_eq!(t("evt.source"), "syscall");
    });
    at_event(abi::PPME_SOCKET_SENDTO_X, 0, |f| {
        assert_eq!(
            f.value(&fref("evt.buffer")),
            Some(Value::Bytes(b"hello"[..].into()))
        );
        assert_eq!(
            (text(f, "evt.is_io_write"), text(f, "evt.category")),
            ("true".into(), "net".into())
        );
    });
    at_event(abi::PPME_SYSCALL_RENAMEAT_X, 0, |f| {
        assert_eq!(
            (text(f, "evt.abspath.src"), text(f, "evt.abspath.dst")),
            ("/etc/a".into(), "/tmp/b".into())
        );
    });
    let (p, _d) = world();
    let r = rec(
        abi::PPME_SYSCALL_OPENAT_2_X,
        1,
        200,
        &[
            ("fd", P::N(-13)),
            ("dirfd", P::N(-100)),
            ("name", P::S("/etc//shadow")),
            (
                "flags",
                P::N(i64::from(abi::PPM_O_WRONLY | abi::PPM_O_CREAT)),
            ),
            ("mode", P::N(i64::from(abi::PPM_S_IXUSR))),
        ],
    );
    let ev = Event::parse(&r).unwrap();
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (text(&f, "evt.res"), text(&f, "evt.failed")),
        ("EACCES".into(), "true".into())
    );
    assert_eq!(
        (text(&f, "fd.name"), text(&f, "fd.nameraw")),
        ("/etc/shadow".into(), "/etc//shadow".into()),
        "failed opens still name the file"
    );
    assert_eq!(text(&f, "evt.is_open_exec"), "true");
    assert_eq!(
        (
            text(&f, "fd.num"),
            text(&f, "fd.typechar"),
            text(&f, "evt.rawres")
        ),
        ("-1".into(), "f".into(), "-13".into()),
        "open_file_failed matches"
    );
    let r = rec(abi::PPME_PROCEXIT_1_E, 1, 200, &[("status", P::N(0))]);
    let ev = Event::parse(&r).unwrap();
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (
            text(&f, "syscall.type"),
            text(&f, "evt.rawres"),
            text(&f, "evt.type")
        ),
        ("<NA>".into(), "<NA>".into(), "procexit".into())
    );
}

#[test]
fn fd_fields_follow_the_fd_table() {
    at_event(abi::PPME_SYSCALL_OPENAT_2_X, 0, |f| {
        let t = |n| text(f, n);
        assert_eq!(
            (t("fd.num"), t("fd.name"), t("fd.nameraw")),
            ("3".into(), "/etc/shadow".into(), "./shadow".into())
        );
        assert_eq!(
            (t("fd.directory"), t("fd.filename")),
            ("/etc".into(), "shadow".into())
        );
        assert_eq!(
            (t("fd.type"), t("fd.typechar"), t("fd.types")),
            ("file".into(), "f".into(), "(file)".into())
        );
        assert_eq!(
            (
                t("fd.ino"),
                t("fd.dev"),
                t("fd.dev.major"),
                t("fd.dev.minor")
            ),
            ("77".into(), "2049".into(), "8".into(), "1".into())
        );
        assert_eq!(
            (t("fd.is_upper_layer"), t("fd.is_lower_layer")),
            ("true".into(), "false".into())
        );
        assert_eq!(
            (t("fd.sockfamily"), t("fd.cip"), t("fd.connected")),
            ("<NA>".into(), "<NA>".into(), "<NA>".into())
        );
        assert_eq!(t("fd.containername"), "host:/etc/shadow");
        assert_eq!(t("fd.uid"), "3003");
    });
    at_event(abi::PPME_SOCKET_CONNECT_X, 0, |f| {
        let t = |n| text(f, n);
        assert_eq!(
            (
                t("fd.name"),
                t("fd.type"),
                t("fd.l4proto"),
                t("fd.sockfamily")
            ),
            (
                "10.0.0.1:40000->10.0.0.2:443".into(),
                "ipv4".into(),
                "tcp".into(),
                "ip".into()
            )
        );
        assert_eq!(
            (t("fd.cip"), t("fd.sip"), t("fd.lip"), t("fd.rip")),
            (
                "10.0.0.1".into(),
                "10.0.0.2".into(),
                "10.0.0.1".into(),
                "10.0.0.2".into()
            )
        );
        assert_eq!(
            (t("fd.cport"), t("fd.sport"), t("fd.lport"), t("fd.rport")),
            ("40000".into(), "443".into(), "40000".into(), "443".into())
        );
        assert_eq!(
            (t("fd.connected"), t("fd.is_server"), t("fd.name_changed")),
            ("true".into(), "false".into(), "false".into())
        );
        assert_eq!(t("fd.rip.name"), "10.0.0.2");
        assert_eq!(t("fd.ip"), "(10.0.0.1,10.0.0.2)");
        assert_eq!(t("fd.port"), "(40000,443)");
        assert_eq!(
            f.value(&fref("fd.rnet")),
            Some(Value::Ip([10, 0, 0, 2].into()))
        );
        assert_eq!(
            (t("fd.directory"), t("fd.ino")),
            ("<NA>".into(), "<NA>".into())
        );
    });
    at_event(abi::PPME_SOCKET_SENDTO_X, 0, |f| {
        assert_eq!(text(f, "fd.name"), "10.0.0.1:40000->10.0.0.3:443");
        assert_eq!(text(f, "fd.name_changed"), "true");
    });
    at_event(abi::PPME_SOCKET_ACCEPT4_6_X, 0, |f| {
        let t = |n| text(f, n);
        assert_eq!(
            (t("fd.num"), t("fd.is_server")),
            ("5".into(), "true".into())
        );
        assert_eq!(
            (t("fd.lip"), t("fd.lport"), t("fd.rip"), t("fd.rport")),
            (
                "10.0.0.1".into(),
                "22".into(),
                "192.168.1.9".into(),
                "5555".into()
            )
        );
    });
    at_event(abi::PPME_SYSCALL_DUP2_X, 0, |f| {
        assert_eq!(
            (text(f, "fd.num"), text(f, "fd.type"), text(f, "evt.rawres")),
            ("4".into(), "ipv4".into(), "1".into())
        );
        assert_eq!(text(f, "fd.types[1]"), "(ipv4)", "fd 1 is now the socket");
    });
    at_event(abi::PPME_SYSCALL_CLOSE_X, 0, |f| {
        // Close is applied before rules run: the fd is gone.
        assert_eq!(text(f, "fd.name"), "<NA>");
        assert_eq!(text(f, "fd.num"), "3");
    });
}

#[test]
fn exec_closes_cloexec_fds_and_fork_copies_the_table() {
    let (mut p, _d) = world();
    for r in scenario() {
        let ev = Event::parse(&r).unwrap();
        p.apply_pre(&ev);
        p.apply_post(&ev);
    }
    // 300 has fds 1 (dup of the socket), 4, 5; 3 was closed.
    let fds: Vec<i64> = (0..8).filter(|fd| p.fd(300, *fd).is_some()).collect();
    assert_eq!(fds, vec![1, 4, 5]);
    assert!(p.fd(301, 4).is_some(), "threads share the table");
    // 300 forks 400, which execs: fd 5 (accept4, no CLOEXEC) survives,
    // an O_CLOEXEC open does not.
    let open = rec(
        abi::PPME_SYSCALL_OPEN_X,
        1,
        300,
        &[
            ("fd", P::N(6)),
            ("name", P::S("/x")),
            ("flags", P::N(i64::from(abi::PPM_O_CLOEXEC))),
        ],
    );
    let fork = rec(
        abi::PPME_SYSCALL_FORK_20_X,
        2,
        300,
        &[
            ("res", P::N(400)),
            ("tid", P::N(300)),
            ("pid", P::N(300)),
            ("ptid", P::N(200)),
        ],
    );
    let exec = rec(
        abi::PPME_SYSCALL_EXECVE_19_X,
        3,
        400,
        &[
            ("res", P::N(0)),
            ("tid", P::N(400)),
            ("pid", P::N(400)),
            ("ptid", P::N(300)),
            ("comm", P::S("id")),
        ],
    );
    for r in [open, fork] {
        let ev = Event::parse(&r).unwrap();
        p.apply_pre(&ev);
    }
    assert!(p.fd(400, 6).is_some() && p.fd(400, 5).is_some());
    let close = rec(
        abi::PPME_SYSCALL_CLOSE_X,
        4,
        400,
        &[("res", P::N(0)), ("fd", P::N(5))],
    );
    let ev = Event::parse(&close).unwrap();
    p.apply_pre(&ev);
    assert!(
        p.fd(400, 5).is_none() && p.fd(300, 5).is_some(),
        "a forked table is a copy"
    );
    let ev = Event::parse(&exec).unwrap();
    p.apply_pre(&ev);
    assert!(p.fd(400, 6).is_none() && p.fd(400, 4).is_some());
    let st = p.stats();
    assert_eq!(st.fd_refused, 0);
    assert!(st.fd_tables >= 4);
}

#[test]
fn container_fields() {
    let (p, _d) = world();
    let r = rec(
        abi::PPME_SYSCALL_CLOSE_X,
        5_000,
        200,
        &[("res", P::N(0)), ("fd", P::N(9))],
    );
    let ev = Event::parse(&r).unwrap();
    let host = EventFields::new(&ev, &p);
    assert_eq!(
        (
            text(&host, "container.id"),
            text(&host, "container.name"),
            text(&host, "container.type")
        ),
        ("host".into(), "host".into(), "host".into())
    );
    assert_eq!(
        (
            text(&host, "container.image.repository"),
            text(&host, "container.privileged"),
            text(&host, "k8s.ns.name")
        ),
        ("<NA>".into(), "<NA>".into(), "<NA>".into())
    );
    // A thread nobody knows has no container facts at all.
    let r = rec(abi::PPME_SYSCALL_CLOSE_X, 1, 4242, &[("res", P::N(0))]);
    let unknown = Event::parse(&r).unwrap();
    assert_eq!(
        text(&EventFields::new(&unknown, &p), "container.id"),
        "<NA>"
    );
    let f = EventFields::new(&ev, &p).with_container(custom_container());
    let t = |n| text(&f, n);
    assert_eq!(
        (t("container.type"), t("container.ip"), t("k8s.pod.ip")),
        ("docker".into(), "172.17.0.2".into(), "172.17.0.2".into())
    );
    assert_eq!(
        (t("k8s.pod.sandbox_id"), t("k8s.pod.full_sandbox_id")),
        ("fedcba987654".into(), "fedcba9876543210".into())
    );
    assert_eq!(
        (t("container.host_pid"), t("container.host_network")),
        ("true".into(), "false".into())
    );
    assert_eq!(
        (
            t("container.id"),
            t("container.image.repository"),
            t("container.privileged")
        ),
        ("0123456789ab".into(), "nginx".into(), "true".into())
    );
    assert_eq!(t("container.mount.dest[/proc*]"), "/host/proc");
    assert_eq!(t("container.mount.source[/host/*]"), "/proc");
    assert_eq!(t("container.mount.dest[/sys*]"), "<NA>");
    assert_eq!(t("container.mounts"), "/proc:/host/proc:ro:false:rprivate");
    assert_eq!(
        (t("container.duration"), t("container.start_ts")),
        ("4000".into(), "1000".into())
    );
    assert_eq!(
        (t("container.label[app]"), t("container.labels")),
        ("web".into(), "app:web".into())
    );
    assert_eq!(
        (t("k8s.pod.name"), t("k8s.ns.name"), t("k8s.pod.label[app]")),
        ("web-0".into(), "prod".into(), "web".into())
    );
}

#[test]
fn threads_get_their_container_from_the_resolver() {
    let refreshed = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut p = ProcTable::new(8).with_containers(Box::new(FakeResolver {
        refreshed: refreshed.clone(),
    }));
    let exec = |tid: i64, cg: &[u8], ts: u64| {
        rec(
            abi::PPME_SYSCALL_EXECVE_19_X,
            ts,
            tid,
            &[
                ("res", P::N(0)),
                ("tid", P::N(tid)),
                ("pid", P::N(tid)),
                ("comm", P::S("nginx")),
                ("cgroups", P::B(cg.to_vec())),
            ],
        )
    };
    let r = exec(10, b"cpu=/docker/0123456789ab\0", 1);
    let ev = Event::parse(&r).unwrap();
    p.apply_pre(&ev);
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (text(&f, "container.id"), text(&f, "container.name")),
        ("0123456789ab".into(), "<NA>".into()),
        "metadata not read yet"
    );
    // The next event of the thread picks up the metadata.
    let r = rec(
        abi::PPME_SYSCALL_CLOSE_X,
        2,
        10,
        &[("res", P::N(0)), ("fd", P::N(1))],
    );
    let ev = Event::parse(&r).unwrap();
    p.apply_pre(&ev);
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (
            text(&f, "container.name"),
            text(&f, "container.image.repository")
        ),
        ("web".into(), "nginx".into())
    );
    assert_eq!(text(&f, "fd.containername"), "<NA>", "fd 1 is unknown");
    assert_eq!(refreshed.load(std::sync::atomic::Ordering::Relaxed), 1);
    // Complete entries are not looked up again; host threads are host.
    p.apply_pre(&ev);
    assert_eq!(refreshed.load(std::sync::atomic::Ordering::Relaxed), 1);
    let r = exec(11, b"cpu=/user.slice\0", 3);
    let ev = Event::parse(&r).unwrap();
    p.apply_pre(&ev);
    assert_eq!(text(&EventFields::new(&ev, &p), "container.id"), "host");
}

/// A suitable argument for fields that need one.
fn arg_for(f: Field) -> FieldArg {
    let key = |s: &str| FieldArg::Key(s.into());
    match f {
        Field::EvtArg | Field::EvtRawarg => key("fd"),
        Field::EvtAbspath => key("src"),
        Field::EvtTypeIs => key("openat"),
        Field::ThreadCgroup => key("cpu"),
        Field::ContainerLabel | Field::K8sPodLabel => key("app"),
        _ if f.info().flags.has(FieldFlags::ARG_REQUIRED) => FieldArg::Index(0),
        _ => FieldArg::None,
    }
}

#[test]
fn every_catalogue_field_is_answered_by_some_event() {
    let (mut p, _d) = world();
    let mut missing: BTreeSet<Field> = Field::ALL.iter().copied().collect();
    let container = custom_container();
    for r in scenario() {
        let ev = Event::parse(&r).unwrap();
        p.apply_pre(&ev);
        let f = EventFields::new(&ev, &p).with_container(container.clone());
        missing.retain(|field| {
            let fr = FieldRef {
                id: field.id(),
                arg: arg_for(*field),
            };
            f.value(&fr).is_none()
        });
        p.apply_post(&ev);
    }
    let names: Vec<&str> = missing.iter().map(|f| f.name()).collect();
    assert!(names.is_empty(), "fields never answered: {names:?}");
}

/// libsinsp type name -> lanner type.
fn sinsp_type(t: &str) -> FieldType {
    match t {
        "PT_CHARBUF" | "PT_FSPATH" | "PT_FSRELPATH" | "PT_DYN" | "string" => FieldType::Str,
        "PT_BOOL" | "bool" => FieldType::Bool,
        "PT_BYTEBUF" => FieldType::Bytes,
        "PT_IPADDR" => FieldType::Ip,
        "PT_IPNET" => FieldType::Net,
        "PT_DOUBLE" => FieldType::Double,
        _ => FieldType::Int,
    }
}

#[test]
fn catalogue_agrees_with_libsinsp_and_the_container_plugin() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/cases/");
    let json = std::fs::read_to_string(format!("{dir}libsinsp_fields.json")).unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut reference: BTreeMap<String, (FieldType, FieldFlags)> = BTreeMap::new();
    let epf = [
        ("EPF_ARG_REQUIRED", FieldFlags::ARG_REQUIRED),
        ("EPF_ARG_ALLOWED", FieldFlags::ARG_ALLOWED),
        ("EPF_NO_RHS", FieldFlags::NO_RHS),
        ("EPF_NO_TRANSFORMER", FieldFlags::NO_TRANSFORMER),
        ("EPF_IS_LIST", FieldFlags::IS_LIST),
        ("EPF_FILTER_ONLY", FieldFlags::FILTER_ONLY),
        ("EPF_DEPRECATED", FieldFlags::DEPRECATED),
    ];
    for e in &list {
        let (name, ty, flags) = (
            e["name"].as_str().unwrap(),
            e["type"].as_str().unwrap(),
            e["flags"].as_str().unwrap(),
        );
        let mut ff = FieldFlags::NONE;
        for (n, f) in epf {
            if flags.split('|').any(|x| x == n) {
                ff = ff | f;
            }
        }
        reference.insert(name.to_string(), (sinsp_type(ty), ff));
    }
    let txt = std::fs::read_to_string(format!("{dir}container_plugin_fields.txt")).unwrap();
    for line in txt.lines() {
        let cols: Vec<&str> = line
            .split('|')
            .map(|c| c.trim().trim_matches('`'))
            .collect();
        if cols.len() < 4 || !cols[1].contains('.') {
            continue;
        }
        let ff = if cols[3].contains("Required") {
            FieldFlags::ARG_REQUIRED
        } else {
            FieldFlags::NONE
        };
        reference.insert(cols[1].to_string(), (sinsp_type(cols[2]), ff));
    }
    let mask = epf.iter().fold(FieldFlags::NONE, |a, (_, f)| a | *f);
    for f in Field::ALL {
        let info = f.info();
        let (ty, flags) = reference
            .get(info.name)
            .unwrap_or_else(|| panic!("{} is not a Falco field", info.name));
        assert_eq!(info.ty, *ty, "type of {}", info.name);
        assert_eq!(
            FieldFlags(info.flags.0 & mask.0),
            *flags,
            "flags of {}",
            info.name
        );
        assert!(!info.desc.is_empty(), "{} has no description", info.name);
    }
    // Everything the upstream rule files name resolves.
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/rules/");
    for must in [
        "proc.aname",
        "fd.sip.name",
        "container.mount.dest",
        "evt.is_open_exec",
        "thread.cap_permitted",
    ] {
        assert!(
            catalog::syscall().fields().iter().any(|i| i.name == must),
            "{must}"
        );
    }
    assert!(std::path::Path::new(rules).exists());
}

/// Every field of an event, with a plausible argument.
fn all_values(f: &EventFields<'_, '_>) -> usize {
    let mut n = 0;
    for field in Field::ALL {
        for arg in [
            arg_for(*field),
            FieldArg::Index(2),
            FieldArg::Key("x".into()),
        ] {
            n += usize::from(
                f.value(&FieldRef {
                    id: field.id(),
                    arg,
                })
                .is_some(),
            );
        }
    }
    n
}

proptest::proptest! {
    /// Records of any known event with random parameter bytes, applied to
    /// a populated table: state updates and every field never panic.
    #[test]
    fn random_records_never_panic_state_or_fields(
        recs in proptest::collection::vec(
            (proptest::num::usize::ANY,
             proptest::sample::select(vec![1i64, 100, 200, 300, 301, 9999]),
             proptest::collection::vec(
                 proptest::collection::vec(proptest::num::u8::ANY, 0..24), 0..32)),
            1..12),
    ) {
        let (mut p, _d) = world();
        for r in scenario() {
            let ev = Event::parse(&r).unwrap();
            p.apply_pre(&ev);
            p.apply_post(&ev);
        }
        let evs: Vec<_> = abi::events().collect();
        for (pick, tid, params) in recs {
            let info = evs[pick % evs.len()];
            let mut ps: Vec<&[u8]> = params.iter().map(Vec::as_slice).take(info.params.len()).collect();
            while ps.len() < info.params.len() {
                ps.push(&[]);
            }
            let r = record(u32::from(info.code), 1, tid as u64, &ps);
            if let Ok(ev) = Event::parse(&r) {
                p.apply_pre(&ev);
                let f = EventFields::new(&ev, &p);
                let _ = all_values(&f);
                p.apply_post(&ev);
            }
        }
    }
}
