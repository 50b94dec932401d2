//! Missing state, malformed and oversized files: counted, retried a bounded
//! number of times, never a panic.

use super::fake::{cg, Fake, ID_A, ID_B, POD_UID};
use crate::state::container::table::MAX_TRIES;
use crate::state::container::{ContainerTable, MetaError, RuntimeKind, RuntimeRoots};
use serde_json::json;
use std::time::Duration;

#[test]
fn missing_roots_keep_the_hinted_kind_and_count_missing() {
    let f = Fake::new();
    let t = f.table();
    let docker = cg(&[("cpuset", &format!("/docker/{ID_A}"))]);
    let c = t.for_cgroups(&docker);
    assert_eq!(
        (c.kind, c.id.as_str(), c.name.as_str()),
        (RuntimeKind::Docker, &ID_A[..12], "")
    );
    assert!(!c.is_host());
    let bare = cg(&[(
        "cpuset",
        &format!("/kubepods/burstable/pod{POD_UID}/{ID_B}"),
    )]);
    let c = t.for_cgroups(&bare);
    assert_eq!(c.kind, RuntimeKind::Unknown);
    assert_eq!(
        c.k8s_pod_uid.as_deref(),
        Some(POD_UID),
        "pod uid from the cgroup path"
    );
    let s = t.stats();
    assert_eq!(
        (s.metadata_missing, s.metadata_failures, s.containers),
        (2, 0, 2)
    );
}

#[test]
fn missing_state_is_retried_at_most_max_tries() {
    let f = Fake::new();
    let t = f.table();
    let path = cg(&[("cpuset", &format!("/docker/{ID_A}"))]);
    for _ in 0..10 {
        t.for_cgroups(&path);
    }
    let s = t.stats();
    assert_eq!(s.metadata_reads, u64::from(MAX_TRIES));
    assert_eq!(s.metadata_missing, u64::from(MAX_TRIES));
    assert_eq!(s.cache_hits, 10 - u64::from(MAX_TRIES));
}

#[test]
fn state_appearing_later_is_picked_up_then_cached() {
    let f = Fake::new();
    let t = f.table();
    let path = cg(&[("cpuset", &format!("/system.slice/docker-{ID_A}.scope"))]);
    assert_eq!(t.for_cgroups(&path).name, "");
    f.docker(ID_A, &json!({"Name": "/late"}), &json!({}));
    assert_eq!(t.for_cgroups(&path).name, "late");
    assert_eq!(t.for_cgroups(&path).name, "late");
    assert_eq!(t.stats().metadata_reads, 2);
    // The same through by_id, for holders of an early Arc.
    f.docker(ID_B, &json!({"Name": "/later"}), &json!({}));
    let early = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_B}"))]));
    assert_eq!(early.name, "later", "state present at first sight");
    let t = f.table();
    std::fs::remove_dir_all(f.path(&format!("var/lib/docker/containers/{ID_B}"))).unwrap();
    let early = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_B}"))]));
    assert_eq!(early.name, "");
    f.docker(ID_B, &json!({"Name": "/later"}), &json!({}));
    assert_eq!(
        t.by_id(ID_B).map(|c| c.name.clone()).as_deref(),
        Some("later")
    );
    assert_eq!(t.by_id(ID_B).map(|c| c.kind), Some(RuntimeKind::Docker));
    assert!(t.by_id(&ID_B.replace('f', "e")).is_none());
    assert_eq!(t.stats().metadata_reads, 2);
}

#[test]
fn retry_interval_holds_back_rereads() {
    let f = Fake::new();
    let t = ContainerTable::new(f.roots()).with_retry_interval(Duration::from_secs(3600));
    let path = cg(&[("cpuset", &format!("/docker/{ID_A}"))]);
    for _ in 0..5 {
        t.for_cgroups(&path);
    }
    assert_eq!((t.stats().metadata_reads, t.stats().cache_hits), (1, 4));
}

#[test]
fn malformed_json_is_counted_and_reported() {
    let f = Fake::new();
    let cfg = f.write(
        &format!("var/lib/docker/containers/{ID_A}/config.v2.json"),
        b"{\"Name\": ",
    );
    let t = f.table();
    let path = cg(&[("cpuset", &format!("/docker/{ID_A}"))]);
    let c = t.for_cgroups(&path);
    assert_eq!((c.kind, c.name.as_str()), (RuntimeKind::Docker, ""));
    assert_eq!(t.stats().metadata_failures, 1);
    assert_eq!(t.stats().metadata_missing, 0);
    assert!(matches!(t.last_error(), Some(MetaError::Json(p, _)) if p == cfg));
    // Wrong shapes everywhere are tolerated, not errors.
    f.write_json(
        &format!("var/lib/docker/containers/{ID_B}/config.v2.json"),
        &json!({"Name": 7, "Config": [], "State": {"StartedAt": 5}, "MountPoints": "x",
                "NetworkSettings": {"IPAddress": "not-an-ip"}}),
    );
    f.write(
        &format!("var/lib/docker/containers/{ID_B}/hostconfig.json"),
        b"[]",
    );
    let c = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_B}"))]));
    assert_eq!(
        (c.name.as_str(), c.privileged, c.ip, c.mounts.len()),
        ("", None, None, 0)
    );
    assert_eq!(t.stats().metadata_failures, 1);
}

#[test]
fn malformed_secondary_files_are_counted_but_keep_the_container() {
    let f = Fake::new();
    f.write_json(
        &format!("var/lib/docker/containers/{ID_A}/config.v2.json"),
        &json!({"Name": "/ok", "Image": "sha256:00", "Config": {"Image": "img"}}),
    );
    f.write(
        &format!("var/lib/docker/containers/{ID_A}/hostconfig.json"),
        b"\x00\xff",
    );
    f.write("var/lib/docker/image/overlay2/repositories.json", b"nope");
    f.write("var/lib/docker/image/aufs/repositories.json", b"{}");
    let t = f.table();
    let c = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_A}"))]));
    assert_eq!((c.name.as_str(), c.privileged), ("ok", None));
    assert_eq!(t.stats().metadata_failures, 3);
    // Resolved: no retry despite the secondary failures.
    t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_A}"))]));
    assert_eq!(t.stats().metadata_reads, 1);
}

#[test]
fn malformed_oci_state_of_every_runtime() {
    let f = Fake::new();
    f.write(
        &format!("run/containerd/io.containerd.runtime.v2.task/k8s.io/{ID_A}/config.json"),
        b"{{{",
    );
    f.write(
        &format!("var/lib/containers/storage/overlay-containers/{ID_B}/userdata/config.json"),
        b"null",
    );
    f.containers_json(&json!({"not": "a list"}));
    let t = f.table();
    let a = t.for_cgroups(&cg(&[("", &format!("/x/cri-containerd-{ID_A}.scope"))]));
    assert_eq!(a.kind, RuntimeKind::Containerd);
    assert_eq!(t.stats().metadata_failures, 1);
    // A `null` spec parses: a podman container with nothing known.
    let b = t.for_cgroups(&cg(&[("", &format!("/machine.slice/libpod-{ID_B}.scope"))]));
    assert_eq!(
        (b.kind, b.name.as_str(), b.privileged),
        (RuntimeKind::Podman, "", None)
    );
    // ...while containers.json of the wrong shape is counted, not skipped.
    assert_eq!(t.stats().metadata_failures, 2);
    assert!(
        matches!(t.last_error(), Some(MetaError::Json(p, _)) if p.ends_with("containers.json"))
    );
    assert_eq!(t.stats().resolved, 1);
}

#[test]
fn directories_in_place_of_files_and_unreadable_roots() {
    let f = Fake::new();
    std::fs::create_dir_all(f.path(&format!("var/lib/docker/containers/{ID_A}/config.v2.json")))
        .unwrap();
    let t = f.table();
    let c = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_A}"))]));
    assert_eq!(c.kind, RuntimeKind::Docker);
    assert_eq!(t.stats().metadata_failures, 1);
    assert!(matches!(t.last_error(), Some(MetaError::Io(..))));
    // Roots that are files, not directories.
    let file = f.write("plainfile", b"x");
    let roots = RuntimeRoots {
        docker: file.clone(),
        containerd: vec![file.clone()],
        storage: vec![file],
    };
    let t = ContainerTable::new(roots);
    let c = t.for_cgroups(&cg(&[("", &format!("/kubepods/{ID_B}"))]));
    assert_eq!(c.kind, RuntimeKind::Unknown);
}

#[test]
fn oversized_state_is_refused_and_counted() {
    let f = Fake::new();
    let big = vec![b' '; (crate::state::container::read::MAX_FILE + 1) as usize];
    f.write(
        &format!("var/lib/docker/containers/{ID_A}/config.v2.json"),
        &big,
    );
    let t = f.table();
    let c = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{ID_A}"))]));
    assert_eq!((c.kind, c.name.as_str()), (RuntimeKind::Docker, ""));
    assert_eq!(t.stats().metadata_failures, 1);
    assert!(matches!(t.last_error(), Some(MetaError::TooLarge(_))));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_state_files_never_panic(
        docker in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
        json_text in "[\\[\\]{}\":,a-z0-9 ]{0,200}",
        which in 0usize..3,
    ) {
        let f = Fake::new();
        let t = f.table();
        let (path, rel) = match which {
            0 => (format!("/docker/{ID_A}"), format!("var/lib/docker/containers/{ID_A}/config.v2.json")),
            1 => (format!("/x/cri-containerd-{ID_A}.scope"),
                  format!("run/containerd/io.containerd.runtime.v2.task/k8s.io/{ID_A}/config.json")),
            _ => (format!("/x/crio-{ID_A}.scope"),
                  format!("run/containers/storage/overlay-containers/{ID_A}/userdata/config.json")),
        };
        for content in [&docker[..], json_text.as_bytes()] {
            f.write(&rel, content);
            let c = t.for_cgroups(&cg(&[("cpuset", &path)]));
            proptest::prop_assert_eq!(c.full_id.as_str(), ID_A);
        }
        let s = t.stats();
        // Every attempt either succeeded or was counted as failed (the file
        // exists, so never missing; no secondary files exist here).
        proptest::prop_assert_eq!(s.metadata_missing, 0);
        proptest::prop_assert_eq!(s.metadata_reads, s.resolved + s.metadata_failures);
    }
}

#[test]
fn full_cache_evicts_oldest_and_counts() {
    let f = Fake::new();
    let t = f.table().with_capacity(2);
    let ids: Vec<String> = (0..3).map(|i| format!("{i:064x}")).collect();
    let first = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{}", ids[0]))]));
    for id in &ids[1..] {
        t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{id}"))]));
    }
    let s = t.stats();
    assert_eq!((s.containers, s.evicted), (2, 1));
    assert!(t.by_id(&ids[0]).is_none(), "oldest evicted");
    assert!(t.by_id(&ids[2]).is_some());
    // Seen again: a fresh entry, not the evicted one.
    let again = t.for_cgroups(&cg(&[("cpuset", &format!("/docker/{}", ids[0]))]));
    assert!(!std::sync::Arc::ptr_eq(&first, &again));
    assert_eq!(t.stats().evicted, 2);
}

#[test]
fn table_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ContainerTable>();
    let f = Fake::new();
    f.docker(ID_A, &json!({"Name": "/shared"}), &json!({}));
    let t = f.table();
    let path = cg(&[("cpuset", &format!("/docker/{ID_A}"))]);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..100 {
                    assert_eq!(t.for_cgroups(&path).name, "shared");
                }
            });
        }
    });
    let s = t.stats();
    assert_eq!((s.lookups, s.metadata_reads, s.cache_hits), (400, 1, 399));
}
