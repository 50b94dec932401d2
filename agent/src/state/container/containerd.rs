//! containerd's on-disk state: the task bundle
//! `<task root>/<namespace>/<id>/config.json` (OCI spec) under the v2 shim
//! root (`/run/containerd/io.containerd.runtime.v2.task`) or the v1 one
//! (`.../io.containerd.runtime.v1.linux`). CRI annotations
//! (`io.kubernetes.cri.*`) give the container name, image and pod; nerdctl's
//! `nerdctl/name` the name of a plain containerd container. The start time is
//! the bundle's `init.pid` modification time (written when the task starts).
//! Labels and pod labels live in containerd's database, not on disk: empty.
//! Must never: look at more than `MAX_NAMESPACES` namespaces per root.

use super::oci::parse_spec;
use super::read::{read_json, MetaError};
use super::{ContainerInfo, RuntimeKind};
use std::path::{Path, PathBuf};

const MAX_NAMESPACES: usize = 64;

/// The bundle directory of `full_id` under any root and namespace.
fn find_bundle(roots: &[PathBuf], full_id: &str) -> Option<PathBuf> {
    roots.iter().find_map(|root| {
        let namespaces = std::fs::read_dir(root).ok()?;
        namespaces
            .flatten()
            .take(MAX_NAMESPACES)
            .map(|ns| ns.path().join(full_id))
            .find(|p| p.join("config.json").is_file())
    })
}

fn mtime_ns(p: &Path) -> Option<u64> {
    let t = std::fs::metadata(p).ok()?.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    u64::try_from(d.as_nanos()).ok()
}

/// Reads one containerd container.
pub(crate) fn read(roots: &[PathBuf], full_id: &str) -> Result<ContainerInfo, MetaError> {
    let Some(dir) = find_bundle(roots, full_id) else {
        let shown = roots.first().cloned().unwrap_or_default();
        return Err(MetaError::NotFound(shown.join("*").join(full_id)));
    };
    let spec = parse_spec(&read_json(&dir.join("config.json"))?);
    let a = &spec.annotations;
    let get = |k: &str| a.get(k).filter(|s| !s.is_empty()).cloned();
    let mut c = ContainerInfo::bare(full_id.to_string(), RuntimeKind::Containerd);
    let sandbox = a
        .get("io.kubernetes.cri.container-type")
        .map(String::as_str)
        == Some("sandbox");
    c.name = if sandbox {
        get("io.kubernetes.cri.sandbox-name")
    } else {
        get("io.kubernetes.cri.container-name")
    }
    .or_else(|| get("nerdctl/name"))
    .unwrap_or_default();
    if let Some(img) = get("io.kubernetes.cri.image-name") {
        c.set_image(&img);
    }
    c.k8s_pod_name = get("io.kubernetes.cri.sandbox-name");
    c.k8s_ns_name = get("io.kubernetes.cri.sandbox-namespace");
    c.k8s_pod_uid = get("io.kubernetes.cri.sandbox-uid");
    spec.apply(&mut c);
    c.sandbox_id = get("io.kubernetes.cri.sandbox-id");
    c.start_ts = mtime_ns(&dir.join("init.pid"));
    Ok(c)
}
