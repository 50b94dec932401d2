//! containerd (CRI and plain), cri-o and podman metadata from OCI bundles and
//! containers/storage.

use super::fake::{cg, oci_spec, Fake, ID_A, ID_B, IMG_ID, POD_UID};
use crate::state::container::oci::all_caps;
use crate::state::container::{Mount, RuntimeKind};
use serde_json::json;

fn bind_mounts() -> Vec<Mount> {
    vec![
        Mount {
            source: "/srv/data".into(),
            dest: "/data".into(),
            mode: String::new(),
            rdwr: false,
            propagation: "rprivate".into(),
        },
        Mount {
            source: "/var/log/app".into(),
            dest: "/logs".into(),
            mode: String::new(),
            rdwr: true,
            propagation: "rshared".into(),
        },
    ]
}

#[test]
fn containerd_cri_on_cgroup_v2_systemd() {
    let f = Fake::new();
    let spec = oci_spec(
        json!({
            "io.kubernetes.cri.container-type": "container",
            "io.kubernetes.cri.container-name": "app",
            "io.kubernetes.cri.sandbox-name": "web-7d9",
            "io.kubernetes.cri.sandbox-namespace": "prod",
            "io.kubernetes.cri.sandbox-uid": POD_UID,
            "io.kubernetes.cri.sandbox-id": ID_B,
            "io.kubernetes.cri.image-name": "ghcr.io/org/app:v2@sha256:beef"
        }),
        &all_caps(),
    );
    let bundle = f.containerd("k8s.io", ID_A, &spec);
    std::fs::write(bundle.join("init.pid"), "4242").unwrap();
    let uid = POD_UID.replace('-', "_");
    let t = f.table();
    let c = t.for_cgroups(&cg(&[(
        "",
        &format!("/kubepods.slice/kubepods-pod{uid}.slice/cri-containerd-{ID_A}.scope"),
    )]));
    assert_eq!(c.kind, RuntimeKind::Containerd);
    assert_eq!(c.kind.name(), "containerd");
    assert_eq!(c.name, "app");
    assert_eq!(
        (
            c.image_repository.as_str(),
            c.image_tag.as_str(),
            c.image_digest.as_str()
        ),
        ("ghcr.io/org/app", "v2", "sha256:beef")
    );
    assert_eq!(c.k8s_pod_name.as_deref(), Some("web-7d9"));
    assert_eq!(c.k8s_ns_name.as_deref(), Some("prod"));
    assert_eq!(c.k8s_pod_uid.as_deref(), Some(POD_UID));
    assert_eq!(c.privileged, Some(true));
    assert_eq!(c.sandbox_id.as_deref(), Some(ID_B));
    // pid and ipc (joined by path) are the container's; network is the host's.
    assert_eq!(
        (c.host_network, c.host_pid, c.host_ipc),
        (Some(true), Some(false), Some(false))
    );
    assert_eq!(c.mounts, bind_mounts());
    let pid_mtime = std::fs::metadata(bundle.join("init.pid"))
        .unwrap()
        .modified()
        .unwrap();
    let want = pid_mtime
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    assert_eq!(c.start_ts, Some(want));
}

#[test]
fn containerd_plain_namespace_bare_id_unprivileged() {
    let f = Fake::new();
    let caps = ["CAP_CHOWN", "CAP_NET_RAW", "CAP_SYS_ADMIN"];
    f.containerd(
        "default",
        ID_B,
        &oci_spec(json!({"nerdctl/name": "redis"}), &caps),
    );
    let t = f.table();
    let c = t.for_cgroups(&cg(&[("", &format!("/default/{ID_B}"))]));
    assert_eq!(c.kind, RuntimeKind::Containerd);
    assert_eq!(c.name, "redis");
    assert_eq!(c.privileged, Some(false));
    assert_eq!(c.image, "");
    assert_eq!(c.start_ts, None, "no init.pid: not started");
}

#[test]
fn crio_with_sandbox_labels_and_containers_json() {
    let f = Fake::new();
    let sandbox = ID_B;
    let labels = json!({
        "io.kubernetes.container.name": "app",
        "io.kubernetes.pod.name": "web-7d9",
        "io.kubernetes.pod.namespace": "prod",
        "io.kubernetes.pod.uid": POD_UID
    });
    let spec = oci_spec(
        json!({
            "io.kubernetes.cri-o.ContainerType": "container",
            "io.kubernetes.cri-o.Name": "k8s_app_web-7d9_prod_uid_0",
            "io.kubernetes.cri-o.ImageName": "quay.io/org/app:1.0",
            "io.kubernetes.cri-o.ImageRef": format!("sha256:{IMG_ID}"),
            "io.kubernetes.cri-o.Created": "2024-01-01T00:00:00.5Z",
            "io.kubernetes.cri-o.SandboxID": sandbox,
            "io.kubernetes.cri-o.Labels": labels.to_string(),
        }),
        &["CAP_CHOWN"],
    );
    f.storage_spec("run/containers/storage", ID_A, &spec);
    let sb_spec = oci_spec(
        json!({
            "io.kubernetes.cri-o.ContainerType": "sandbox",
            "io.kubernetes.cri-o.Labels": json!({"app": "web", "pod-template-hash": "7d9"}).to_string()
        }),
        &[],
    );
    f.storage_spec("run/containers/storage", sandbox, &sb_spec);
    let t = f.table();
    let uid = POD_UID.replace('-', "_");
    let c = t.for_cgroups(&cg(&[(
        "cpu",
        &format!("/kubepods.slice/kubepods-pod{uid}.slice/crio-{ID_A}.scope"),
    )]));
    assert_eq!(c.kind, RuntimeKind::CriO);
    assert_eq!(c.kind.name(), "cri-o");
    assert_eq!(c.name, "app");
    assert_eq!(c.image_repository, "quay.io/org/app");
    assert_eq!(c.image_tag, "1.0");
    assert_eq!(c.image_id, IMG_ID);
    assert_eq!(c.start_ts, Some(1_704_067_200_500_000_000));
    assert_eq!(c.k8s_pod_name.as_deref(), Some("web-7d9"));
    assert_eq!(c.k8s_ns_name.as_deref(), Some("prod"));
    assert_eq!(c.k8s_pod_uid.as_deref(), Some(POD_UID));
    assert_eq!(c.k8s_pod_labels.get("app").map(String::as_str), Some("web"));
    assert_eq!(c.k8s_pod_labels.len(), 2);
    assert_eq!(c.sandbox_id.as_deref(), Some(sandbox));
    assert_eq!(c.privileged, Some(false));
    // Bare kubepods id (cgroupfs driver) finds the same cri-o container.
    let t = f.table();
    let c = t.for_cgroups(&cg(&[("cpu", &format!("/kubepods/pod{POD_UID}/{ID_A}"))]));
    assert_eq!((c.kind, c.name.as_str()), (RuntimeKind::CriO, "app"));
    assert_eq!(t.stats().metadata_missing, 0);
}

#[test]
fn podman_names_from_containers_json() {
    let f = Fake::new();
    let spec = oci_spec(json!({"io.container.manager": "libpod"}), &all_caps());
    f.storage_spec("var/lib/containers/storage", ID_A, &spec);
    let meta = json!({"image-name": "docker.io/library/alpine:3.19", "image-id": IMG_ID,
                      "name": "box", "created-at": 1_700_000_000u64});
    f.containers_json(&json!([
        {"id": ID_B, "names": ["other"]},
        {"id": ID_A, "names": ["box-names"], "image": IMG_ID, "metadata": meta.to_string(),
         "created": "2023-11-14T22:13:20Z"}
    ]));
    let t = f.table();
    let c = t.for_cgroups(&cg(&[(
        "",
        &format!("/machine.slice/libpod-{ID_A}.scope/container"),
    )]));
    assert_eq!(c.kind, RuntimeKind::Podman);
    assert_eq!(c.kind.name(), "podman");
    assert_eq!(c.name, "box");
    assert_eq!(c.image_repository, "docker.io/library/alpine");
    assert_eq!(c.image_tag, "3.19");
    assert_eq!(c.image_id, IMG_ID);
    assert_eq!(c.start_ts, Some(1_700_000_000_000_000_000));
    assert_eq!(c.privileged, Some(true));
    assert_eq!(c.mounts, bind_mounts());
    assert!(c.k8s_pod_name.is_none() && c.k8s_pod_uid.is_none());
}
