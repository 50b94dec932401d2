//! `evt.*` and `fd.*` over the scenario, and fd table inheritance.

use super::*;
use crate::engine::Value;

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
             flags=36865(O_RDONLY|O_CLOEXEC|FD_UPPER_LAYER) mode=0 dev=0x801 ino=77 "
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
        assert_eq!(text(f, "evt.io_dir"), "write");
        assert_eq!(text(f, "evt.datetime.s"), "1970-01-01 00:00:00");
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
        ("/etc/shadow".into(), "/etc/shadow".into()),
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
        // Rules see the fd being closed; it is gone afterwards.
        assert_eq!(text(f, "fd.name"), "/etc/shadow");
        assert_eq!(text(f, "fd.num"), "3");
    });
    let (mut p, _d) = world();
    for r in scenario() {
        let ev = Event::parse(&r).unwrap();
        p.apply_pre(&ev);
        p.apply_post(&ev);
    }
    assert!(p.fd(300, 3).is_none());
    // An fd event whose fd lanner never saw: Falco's fallbacks.
    let r = rec(
        abi::PPME_SYSCALL_CLOSE_X,
        1,
        300,
        &[("res", P::N(0)), ("fd", P::N(42))],
    );
    let ev = Event::parse(&r).unwrap();
    let f = EventFields::new(&ev, &p);
    assert_eq!(
        (
            text(&f, "fd.name"),
            text(&f, "fd.typechar"),
            text(&f, "fd.directory")
        ),
        ("".into(), "o".into(), "/".into())
    );
    assert_eq!(
        (text(&f, "fd.type"), text(&f, "fd.filename")),
        ("<NA>".into(), "<NA>".into())
    );
    // Events without fds have no fd fields at all.
    at_event(abi::PPME_SYSCALL_EXECVE_19_X, 0, |f| {
        assert_eq!(
            (text(f, "fd.num"), text(f, "fd.name")),
            ("<NA>".into(), "<NA>".into())
        );
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
    p.apply_post(&ev);
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
