//! `proc.*`, `thread.*`, `user.*` and `group.*` after fork and exec.

use super::*;

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
            (
                t("proc.pgid"),
                t("proc.pgid.name"),
                t("proc.is_pgid_leader")
            ),
            ("200".into(), "bash".into(), "false".into())
        );
        assert_eq!(
            (t("thread.vmsize"), t("proc.is_exe_lower_layer")),
            ("1024".into(), "false".into())
        );
        assert_eq!(
            (t("proc.pid.ts"), t("proc.duration"), t("proc.ppid.ts")),
            ("10000".into(), "11000".into(), "500".into())
        );
        assert_eq!(t("proc.exe_ino.ctime_duration_proc_start"), "9000");
        assert_eq!(
            (
                t("proc.pidns_init_start_ts"),
                t("proc.exe_ino.ctime_duration_pidns_start")
            ),
            ("100".into(), "900".into())
        );
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
    assert_eq!(text(&f, "evt.args"), "res=-1(EPERM) uid=1000(alice) ");
    assert_eq!(text(&f, "evt.rawarg.uid"), "1000");
}

#[test]
fn unknown_ids_are_named_like_libsinsp() {
    let mut p = ProcTable::new(4);
    let t = |tid: i64, uid: u32| ThreadInfo {
        tid,
        pid: tid,
        uid,
        gid: uid,
        loginuid: crate::state::proc::NO_LOGINUID,
        ..Default::default()
    };
    p.seed([t(1, 0), t(2, 77)]);
    let close = |tid: i64| rec(abi::PPME_SYSCALL_CLOSE_X, 1, tid, &[("res", P::N(0))]);
    let (r0, r77) = (close(1), close(2));
    let (e0, e77) = (Event::parse(&r0).unwrap(), Event::parse(&r77).unwrap());
    let (root, other) = (EventFields::new(&e0, &p), EventFields::new(&e77, &p));
    let v = |f: &EventFields<'_, '_>, n: &str| f.value(&fref(n)).map(|v| v.to_string());
    assert_eq!(v(&root, "user.name").as_deref(), Some("root"));
    assert_eq!(v(&root, "user.homedir").as_deref(), Some("/root"));
    assert_eq!(v(&root, "group.name").as_deref(), Some("root"));
    // A present "<NA>" string, so `user.name != root` holds.
    assert_eq!(v(&other, "user.name").as_deref(), Some("<NA>"));
    assert_eq!(v(&other, "user.loginname").as_deref(), Some("<NA>"));
    assert_eq!(v(&other, "group.name").as_deref(), Some("<NA>"));
}
