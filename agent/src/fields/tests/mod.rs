//! Field tests with synthetic records: shared helpers (record builder,
//! a process tree, a fork/exec/fd scenario, a fake container resolver)
//! and one test file per family, plus the catalogue-wide checks (every
//! field answered, names and types agree with libsinsp's and the container
//! plugin's lists, random records never panic).

mod catalogue;
mod container;
mod evt_fd;
mod proc_user;

use super::container::{ContainerInfo, ContainerResolver, Mount, RuntimeKind};
use super::EventFields;
use crate::engine::catalog;
use crate::engine::{Catalog, FieldRef};
use crate::event::decode::tests::record;
use crate::event::decode::Event;
use crate::state::proc::{ProcTable, ThreadInfo};
use crate::state::users::Users;
use lanner_abi as abi;
use std::collections::BTreeMap;
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

pub(crate) fn v4_tuple(c: [u8; 4], cport: u16, s: [u8; 4], sport: u16) -> Vec<u8> {
    let mut t = vec![abi::PPM_AF_INET as u8];
    t.extend_from_slice(&c);
    t.extend_from_slice(&cport.to_le_bytes());
    t.extend_from_slice(&s);
    t.extend_from_slice(&sport.to_le_bytes());
    t
}

/// A process tree: systemd(1) -> sshd(100) -> bash(200, session and
/// group leader, tty, login uid 1000) and the users alice(1000)/staff(50).
pub(crate) fn world() -> (ProcTable, tempfile::TempDir) {
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
pub(crate) fn scenario() -> Vec<Vec<u8>> {
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
                ("pidns_init_start_ts", P::N(100)),
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

pub(crate) fn custom_container() -> Arc<ContainerInfo> {
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
pub(crate) struct FakeResolver {
    pub(crate) refreshed: Arc<std::sync::atomic::AtomicU64>,
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
pub(crate) fn fref(text: &str) -> FieldRef {
    let (name, arg) = match text.split_once('[') {
        Some((n, a)) => (n, Some(a.trim_end_matches(']'))),
        None => (text, None),
    };
    catalog::syscall().resolve(name, arg).expect(text)
}

/// Applies the scenario up to and including the first record of `code`
/// (the `nth` one), then evaluates `check` on it.
pub(crate) fn at_event(code: u32, nth: usize, check: impl FnOnce(&EventFields<'_, '_>)) {
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

pub(crate) fn text(f: &EventFields<'_, '_>, field: &str) -> String {
    f.value(&fref(field))
        .map_or_else(|| "<NA>".to_string(), |v| v.to_string())
}
