//! Docker metadata from config.v2.json, hostconfig.json and repositories.json.

use super::fake::{cg, Fake, ID_A, ID_B, IMG_ID, POD_UID};
use crate::state::container::{Mount, RuntimeKind};
use serde_json::json;

fn config(id: &str, image: &str) -> serde_json::Value {
    json!({
        "ID": id,
        "Name": "/web-1",
        "Image": format!("sha256:{IMG_ID}"),
        "Config": {"Image": image, "Labels": {"app": "web", "tier": "front", "n": 3}},
        "Created": "2024-02-29T12:34:50.987654321Z",
        "State": {"Running": true, "StartedAt": "2024-02-29T12:34:56.123456789Z"},
        "MountPoints": {
            "/data": {"Source": "/srv/data", "Destination": "/data", "RW": true, "Mode": "z",
                      "Propagation": "rprivate"},
            "/var/run/docker.sock": {"Source": "/var/run/docker.sock",
                      "Destination": "/var/run/docker.sock", "RW": false, "Mode": "ro"}
        },
        "NetworkSettings": {"IPAddress": "", "Networks": {"bridge": {"IPAddress": "172.17.0.2"}}}
    })
}

#[test]
fn el7_v1_systemd_scope_reads_everything() {
    let f = Fake::new();
    f.docker(
        ID_A,
        &config(ID_A, "registry:5000/ns/web:1.2"),
        &json!({"Privileged": true, "NetworkMode": "host", "PidMode": "", "IpcMode": "private"}),
    );
    let digest = "sha256:aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999";
    f.write_json(
        "var/lib/docker/image/devicemapper/repositories.json",
        &json!({"Repositories": {"registry:5000/ns/web": {
            "registry:5000/ns/web:1.2": format!("sha256:{IMG_ID}"),
            format!("registry:5000/ns/web@{digest}"): format!("sha256:{IMG_ID}")
        }}}),
    );
    let t = f.table();
    let c = t.for_cgroups(&cg(&[
        ("cpuset", "/"),
        ("cpu,cpuacct", &format!("/system.slice/docker-{ID_A}.scope")),
    ]));
    assert_eq!(c.kind, RuntimeKind::Docker);
    assert_eq!(c.kind.name(), "docker");
    assert_eq!((c.id.as_str(), c.full_id.as_str()), (&ID_A[..12], ID_A));
    assert_eq!(c.name, "web-1");
    assert_eq!(c.image, "registry:5000/ns/web:1.2");
    assert_eq!(c.image_repository, "registry:5000/ns/web");
    assert_eq!(c.image_tag, "1.2");
    assert_eq!(c.image_digest, digest);
    assert_eq!(c.image_id, IMG_ID);
    assert_eq!(c.privileged, Some(true));
    assert_eq!(
        (c.host_network, c.host_pid, c.host_ipc),
        (Some(true), Some(false), Some(false))
    );
    // Falco's start_ts: the creation time in whole seconds.
    assert_eq!(c.start_ts, Some(1_709_210_090_000_000_000));
    // Non-string label values are skipped, not stringified.
    assert_eq!(c.labels.len(), 2);
    assert_eq!(c.labels.get("app").map(String::as_str), Some("web"));
    assert_eq!(c.ip, Some("172.17.0.2".parse().unwrap()));
    assert!(c.k8s_pod_name.is_none());
    let mut mounts = c.mounts.clone();
    mounts.sort_by(|a, b| a.dest.cmp(&b.dest));
    assert_eq!(
        mounts,
        vec![
            Mount {
                source: "/srv/data".into(),
                dest: "/data".into(),
                mode: "z".into(),
                rdwr: true,
                propagation: "rprivate".into()
            },
            Mount {
                source: "/var/run/docker.sock".into(),
                dest: "/var/run/docker.sock".into(),
                mode: "ro".into(),
                rdwr: false,
                propagation: String::new()
            },
        ]
    );
    let s = t.stats();
    assert_eq!(
        (
            s.lookups,
            s.metadata_reads,
            s.metadata_failures,
            s.containers
        ),
        (1, 1, 0, 1)
    );
}

#[test]
fn cgroupfs_path_and_cache_hits_do_no_io() {
    let f = Fake::new();
    f.docker(ID_B, &config(ID_B, "nginx"), &json!({"Privileged": false}));
    let t = f.table();
    let path = cg(&[("cpuset", &format!("/docker/{ID_B}"))]);
    let first = t.for_cgroups(&path);
    assert_eq!(
        (first.image_repository.as_str(), first.image_tag.as_str()),
        ("nginx", "")
    );
    assert_eq!(first.privileged, Some(false));
    assert_eq!(first.image_digest, "");
    assert_eq!(first.host_network, None, "hostconfig without NetworkMode");
    // Remove the state: later lookups are served from the cache.
    std::fs::remove_dir_all(f.path("var/lib/docker")).unwrap();
    for _ in 0..3 {
        let again = t.for_cgroups(&path);
        assert!(std::sync::Arc::ptr_eq(&first, &again));
    }
    let s = t.stats();
    assert_eq!((s.lookups, s.cache_hits, s.metadata_reads), (4, 3, 1));
}

#[test]
fn dockershim_pod_and_bare_kubepods_id() {
    let f = Fake::new();
    let mut cfg = config(ID_A, "k8s.gcr.io/pause:3.9");
    cfg["Name"] = json!("/k8s_app_web-7d9_default_uid_0");
    cfg["Config"]["Labels"] = json!({
        "io.kubernetes.pod.name": "web-7d9",
        "io.kubernetes.pod.namespace": "default",
        "io.kubernetes.pod.uid": POD_UID
    });
    cfg["State"]["StartedAt"] = json!("0001-01-01T00:00:00Z");
    cfg.as_object_mut().unwrap().remove("Created");
    f.docker(ID_A, &cfg, &json!({}));
    let t = f.table();
    let c = t.for_cgroups(&cg(&[(
        "memory",
        &format!("/kubepods/besteffort/pod{POD_UID}/{ID_A}"),
    )]));
    assert_eq!(c.kind, RuntimeKind::Docker);
    assert_eq!(c.name, "k8s_app_web-7d9_default_uid_0");
    assert_eq!(c.k8s_pod_name.as_deref(), Some("web-7d9"));
    assert_eq!(c.k8s_ns_name.as_deref(), Some("default"));
    assert_eq!(c.k8s_pod_uid.as_deref(), Some(POD_UID));
    assert_eq!(c.start_ts, None, "docker's zero time means never started");
    assert_eq!(c.privileged, None, "hostconfig without Privileged");
}

#[test]
fn repository_tag_and_digest_as_docker_reports_them() {
    let f = Fake::new();
    // Run by a short name without tag; docker knows the image under a
    // familiar name with a tag and a digest, plus another registry's digest.
    f.docker(ID_A, &config(ID_A, "nginx"), &json!({}));
    let d1 = format!("sha256:{}", "1".repeat(64));
    let d2 = format!("sha256:{}", "2".repeat(64));
    let other = format!("sha256:{}", "9".repeat(64));
    f.write_json(
        "var/lib/docker/image/overlay2/repositories.json",
        &json!({"Repositories": {
            "mirror.local/nginx": {format!("mirror.local/nginx@{d2}"): format!("sha256:{IMG_ID}")},
            "nginx": {
                "nginx:latest": format!("sha256:{IMG_ID}"),
                "nginx:old": other,
                format!("nginx@{d1}"): format!("sha256:{IMG_ID}")
            }
        }}),
    );
    let t = f.table();
    let c = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_A}"))]));
    assert_eq!(c.image, "nginx");
    assert_eq!(
        (
            c.image_repository.as_str(),
            c.image_tag.as_str(),
            c.image_digest.as_str()
        ),
        ("nginx", "latest", d1.as_str())
    );
    // Run by image id: the repository comes from docker's records.
    f.docker(ID_B, &config(ID_B, &format!("sha256:{IMG_ID}")), &json!({}));
    let c = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_B}"))]));
    assert_eq!(c.image_id, IMG_ID);
    assert_eq!(
        (c.image_repository.as_str(), c.image_digest.as_str()),
        ("mirror.local/nginx", d2.as_str())
    );
    assert_eq!(t.stats().metadata_failures, 0);
}
