//! `container.*` and `k8s.*`: host, a given container, and threads
//! resolved through a container resolver.

use super::*;

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
    assert_eq!(
        text(&f, "fd.containername"),
        "0123456789ab:",
        "fd 1 is unknown: container id and an empty name, as Falco"
    );
    assert_eq!(refreshed.load(std::sync::atomic::Ordering::Relaxed), 1);
    // Complete entries are not looked up again; host threads are host.
    p.apply_pre(&ev);
    assert_eq!(refreshed.load(std::sync::atomic::Ordering::Relaxed), 1);
    let r = exec(11, b"cpu=/user.slice\0", 3);
    let ev = Event::parse(&r).unwrap();
    p.apply_pre(&ev);
    assert_eq!(text(&EventFields::new(&ev, &p), "container.id"), "host");
}
