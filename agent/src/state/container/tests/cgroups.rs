//! Container ids and runtime hints from every supported cgroup layout.

use super::fake::{cg, ID_A, ID_B, POD_UID};
use crate::state::container::cgroup::{match_cgroups, match_path, Hint};
use crate::state::container::{
    parse_cgroups_param, parse_proc_cgroup, ContainerTable, RuntimeKind,
};
use proptest::prelude::*;

fn m(path: &str) -> Option<(Hint, String, Option<String>)> {
    match_path(path).map(|c| (c.hint, c.full_id.to_string(), c.pod_uid()))
}

fn kind(k: RuntimeKind) -> Hint {
    Hint::Kind(k)
}

#[test]
fn docker_layouts() {
    let want = Some((kind(RuntimeKind::Docker), ID_A.to_string(), None));
    // cgroupfs driver (v1), EL7 systemd driver (v1), cgroup v2 systemd.
    assert_eq!(m(&format!("/docker/{ID_A}")), want);
    assert_eq!(m(&format!("/system.slice/docker-{ID_A}.scope")), want);
    assert_eq!(
        m(&format!("/system.slice/docker-{ID_A}.scope/init.scope")),
        want
    );
    // Upper-case hex is accepted, as Falco does.
    let upper = ID_A.to_uppercase();
    assert_eq!(m(&format!("/docker/{upper}")).map(|m| m.1), Some(upper));
    // docker-in-docker: the outer container is the one the host knows.
    assert_eq!(m(&format!("/docker/{ID_A}/docker/{ID_B}")), want);
    // The docker daemon itself is a host process.
    assert_eq!(m("/system.slice/docker.service"), None);
}

#[test]
fn kubernetes_layouts() {
    let uid_us = POD_UID.replace('-', "_");
    // cgroupfs driver: bare id under kubepods (docker or containerd or cri-o).
    assert_eq!(
        m(&format!("/kubepods/burstable/pod{POD_UID}/{ID_A}")),
        Some((Hint::Bare, ID_A.to_string(), Some(POD_UID.to_string())))
    );
    assert_eq!(
        m(&format!("/kubepods/pod{POD_UID}/{ID_A}")),
        Some((Hint::Bare, ID_A.to_string(), Some(POD_UID.to_string())))
    );
    // systemd driver, containerd and cri-o, burstable and guaranteed.
    let p = format!(
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{uid_us}.slice/cri-containerd-{ID_A}.scope"
    );
    assert_eq!(
        m(&p),
        Some((
            kind(RuntimeKind::Containerd),
            ID_A.into(),
            Some(POD_UID.into())
        ))
    );
    let p = format!("/kubepods.slice/kubepods-pod{uid_us}.slice/crio-{ID_B}.scope");
    assert_eq!(
        m(&p),
        Some((kind(RuntimeKind::CriO), ID_B.into(), Some(POD_UID.into())))
    );
    // cri-o's monitor (conmon) runs on the host, outside the container.
    let p = format!("/kubepods.slice/kubepods-pod{uid_us}.slice/crio-conmon-{ID_B}.scope");
    assert_eq!(m(&p), None);
    // dockershim with the systemd driver.
    let p = format!("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod{uid_us}.slice/docker-{ID_A}.scope");
    assert_eq!(
        m(&p),
        Some((kind(RuntimeKind::Docker), ID_A.into(), Some(POD_UID.into())))
    );
    // containerd's systemd cgroupsPath form seen under a service.
    let p = format!("/system.slice/containerd.service/kubepods-burstable-pod{uid_us}.slice:cri-containerd:{ID_A}");
    assert_eq!(
        m(&p),
        Some((
            kind(RuntimeKind::Containerd),
            ID_A.into(),
            Some(POD_UID.into())
        ))
    );
    // A pod-level cgroup with no container is not a container.
    assert_eq!(m(&format!("/kubepods/burstable/pod{POD_UID}")), None);
}

#[test]
fn podman_layouts() {
    let want = Some((kind(RuntimeKind::Podman), ID_A.to_string(), None));
    assert_eq!(m(&format!("/machine.slice/libpod-{ID_A}.scope")), want);
    assert_eq!(
        m(&format!("/machine.slice/libpod-{ID_A}.scope/container")),
        want
    );
    // podman's monitor (conmon) is a host process.
    assert_eq!(
        m(&format!("/machine.slice/libpod-conmon-{ID_A}.scope")),
        None
    );
    assert_eq!(m(&format!("/libpod_parent/libpod-{ID_A}")), want);
    assert_eq!(m(&format!("/libpod_parent/{ID_A}")), want);
}

#[test]
fn non_containers_and_bad_ids() {
    for p in [
        "/",
        "",
        "/user.slice/user-1000.slice/session-2.scope",
        "/init.scope",
        &format!("/docker/{}", &ID_A[..63]),
        &format!("/system.slice/docker-{ID_A}x.scope"),
        &format!("/system.slice/docker-{}.scope", &ID_A[..12]),
    ] {
        assert_eq!(m(p), None, "{p}");
    }
}

#[test]
fn first_matching_controller_wins_and_host_is_shared() {
    let v1 = cg(&[
        ("name=systemd", "/user.slice/user-0.slice/session-1.scope"),
        ("cpu,cpuacct", &format!("/system.slice/docker-{ID_A}.scope")),
        ("memory", &format!("/docker/{ID_B}")),
    ]);
    assert_eq!(
        match_cgroups(&v1).map(|m| m.full_id.to_string()),
        Some(ID_A.to_string())
    );
    let t = ContainerTable::new(super::fake::Fake::new().roots());
    let host = cg(&[("", "/user.slice"), ("cpuset", "/")]);
    let a = t.for_cgroups(&host);
    let b = t.for_cgroups(&[]);
    assert!(a.is_host() && std::sync::Arc::ptr_eq(&a, &b));
    assert_eq!(
        (a.id.as_str(), a.full_id.as_str(), a.name.as_str()),
        ("host", "host", "host")
    );
    assert_eq!(a.kind.name(), "host");
    assert_eq!(t.stats().host_lookups, 2);
}

#[test]
fn proc_cgroup_and_record_parameter_parsing() {
    let text = format!(
        "12:cpu,cpuacct:/docker/{ID_A}\n1:name=systemd:/system.slice/x:y.scope\n0::/system.slice/docker-{ID_B}.scope\nbad line\n"
    );
    let pairs = parse_proc_cgroup(&text);
    assert_eq!(
        pairs,
        cg(&[
            ("cpu,cpuacct", &format!("/docker/{ID_A}")),
            ("name=systemd", "/system.slice/x:y.scope"),
            ("", &format!("/system.slice/docker-{ID_B}.scope")),
        ])
    );
    let param = format!("cpuset=/docker/{ID_A}\0cpu=/\0garbage\0\u{0}");
    let pairs = parse_cgroups_param(param.as_bytes());
    assert_eq!(
        pairs,
        cg(&[("cpuset", &format!("/docker/{ID_A}")), ("cpu", "/")])
    );
    assert_eq!(
        match_cgroups(&pairs).map(|m| m.full_id.to_string()),
        Some(ID_A.to_string())
    );
    assert!(parse_cgroups_param(&[0xff, b'=', 0]).is_empty());
    // Unsplit forms passed as the path still resolve.
    for raw in [
        format!("cpuset=/docker/{ID_A}"),
        format!("4:cpu,cpuacct:/docker/{ID_A}"),
        format!("0::/system.slice/docker-{ID_A}.scope"),
    ] {
        let found = match_cgroups(&cg(&[("", &raw)])).map(|m| (m.hint, m.full_id.to_string()));
        assert_eq!(
            found,
            Some((Hint::Kind(RuntimeKind::Docker), ID_A.to_string())),
            "{raw}"
        );
    }
}

proptest! {
    #[test]
    fn arbitrary_cgroups_never_panic(path in ".{0,300}", raw in proptest::collection::vec(any::<u8>(), 0..300)) {
        let found = match_path(&path);
        if let Some(f) = found {
            prop_assert_eq!(f.full_id.len(), 64);
            prop_assert!(path.contains(f.full_id));
        }
        let pairs = parse_cgroups_param(&raw);
        let _ = match_cgroups(&pairs);
        let _ = parse_proc_cgroup(&path);
    }

    #[test]
    fn ids_embedded_in_generated_layouts_are_found(
        prefix in "(/[a-z.]{1,12}){0,4}",
        wrap in 0usize..4,
        id in "[0-9a-f]{64}",
    ) {
        let comp = match wrap {
            0 => format!("docker-{id}.scope"),
            1 => format!("crio-{id}.scope"),
            2 => format!("libpod-{id}.scope"),
            _ => format!("cri-containerd-{id}.scope"),
        };
        let path = format!("{prefix}/{comp}");
        prop_assert_eq!(match_path(&path).map(|m| m.full_id.to_string()), Some(id));
    }
}
