//! Container identity and metadata: which container a process runs in, and
//! what its runtime says about it (Falco's `container.*` and `k8s.*` fields).
//!
//! Owns: container id extraction from cgroup paths (`cgroup.rs`: docker,
//! containerd/CRI, cri-o, podman, cgroup v1 incl. EL7 layouts, cgroup v2),
//! reading each runtime's on-disk state once per container (`docker.rs`,
//! `containerd.rs`, `storage.rs` for cri-o and podman, OCI spec parsing in
//! `oci.rs`), image reference splitting (`image.rs`), the per-id cache
//! (`table.rs`) and its roots and counters (`roots.rs`).
//! Must never: write to runtime state, talk to a runtime socket, read a file
//! larger than `read::MAX_FILE` or do I/O for a container already resolved;
//! every failed metadata read is counted in `ContainerStats`.
//! Out of scope: rootless podman (state under `$HOME`), LXC, libvirt, mesos.

mod cgroup;
mod containerd;
mod docker;
mod image;
mod oci;
mod read;
mod roots;
mod storage;
mod table;
#[cfg(test)]
mod tests;

pub use cgroup::{parse_cgroups_param, parse_proc_cgroup};
pub use image::{split_image_ref, ImageRef};
pub use read::MetaError;
pub use roots::{ContainerStats, RuntimeRoots};
pub use table::ContainerTable;

use std::collections::BTreeMap;
use std::net::IpAddr;

/// One mount of a container (Falco's `container.mount*`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mount {
    pub source: String,
    pub dest: String,
    /// Docker's mount mode (`z`, `Z`, `ro`...); empty for OCI-only runtimes.
    pub mode: String,
    pub rdwr: bool,
    /// `rprivate`, `shared`, ...; empty when the runtime does not say.
    pub propagation: String,
}

/// The runtime a container belongs to (Falco's `container.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RuntimeKind {
    Host,
    Docker,
    Containerd,
    CriO,
    Podman,
    /// A container id was found in the cgroups, but no runtime claims it.
    #[default]
    Unknown,
}

impl RuntimeKind {
    /// The name Falco prints for `container.type`.
    pub fn name(&self) -> &'static str {
        match self {
            RuntimeKind::Host => "host",
            RuntimeKind::Docker => "docker",
            RuntimeKind::Containerd => "containerd",
            RuntimeKind::CriO => "cri-o",
            RuntimeKind::Podman => "podman",
            RuntimeKind::Unknown => "unknown",
        }
    }
}

/// Everything lanner knows about one container. Strings the runtime does not
/// provide are empty; optional facts are `None` (the field is then missing).
/// `Default` is an empty container of unknown runtime (for tests and struct
/// update syntax); real entries come from `host()` or `ContainerTable`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerInfo {
    /// First 12 hex digits of the id; `host` for the host.
    pub id: String,
    /// The 64-hex id; `host` for the host.
    pub full_id: String,
    /// `host` for the host.
    pub name: String,
    /// The image reference as the runtime recorded it.
    pub image: String,
    /// The image id's hex digits (without `sha256:`), when known.
    pub image_id: String,
    pub image_repository: String,
    pub image_tag: String,
    /// `sha256:...` when the reference or the runtime carries it.
    pub image_digest: String,
    pub kind: RuntimeKind,
    pub privileged: Option<bool>,
    pub mounts: Vec<Mount>,
    /// Start time, nanoseconds since the epoch.
    pub start_ts: Option<u64>,
    pub labels: BTreeMap<String, String>,
    pub k8s_pod_name: Option<String>,
    pub k8s_ns_name: Option<String>,
    pub k8s_pod_uid: Option<String>,
    pub k8s_pod_labels: BTreeMap<String, String>,
    pub ip: Option<IpAddr>,
    /// The pod sandbox's full id (CRI runtimes), Falco's
    /// `k8s.pod.full_sandbox_id`.
    pub sandbox_id: Option<String>,
    /// Shares the host's network / pid / ipc namespace (`None`: unknown).
    pub host_network: Option<bool>,
    pub host_pid: Option<bool>,
    pub host_ipc: Option<bool>,
}

impl ContainerInfo {
    /// The pseudo-container of host processes (Falco: id and name `host`).
    pub fn host() -> ContainerInfo {
        let mut c = ContainerInfo::bare("host".into(), RuntimeKind::Host);
        c.name = "host".into();
        c
    }

    /// True for the host pseudo-container.
    pub fn is_host(&self) -> bool {
        self.kind == RuntimeKind::Host
    }

    /// A container known only by its id (no metadata read yet).
    pub(crate) fn bare(full_id: String, kind: RuntimeKind) -> ContainerInfo {
        let id: String = full_id.chars().take(12).collect();
        ContainerInfo {
            id,
            full_id,
            name: String::new(),
            image: String::new(),
            image_id: String::new(),
            image_repository: String::new(),
            image_tag: String::new(),
            image_digest: String::new(),
            kind,
            privileged: None,
            mounts: Vec::new(),
            start_ts: None,
            labels: BTreeMap::new(),
            k8s_pod_name: None,
            k8s_ns_name: None,
            k8s_pod_uid: None,
            k8s_pod_labels: BTreeMap::new(),
            ip: None,
            sandbox_id: None,
            host_network: None,
            host_pid: None,
            host_ipc: None,
        }
    }

    /// Sets `image` and its split parts from one reference.
    pub(crate) fn set_image(&mut self, reference: &str) {
        let r = split_image_ref(reference);
        self.image = reference.to_string();
        self.image_repository = r.repository;
        self.image_tag = r.tag;
        if !r.digest.is_empty() {
            self.image_digest = r.digest;
        }
        if self.image_id.is_empty() && !r.image_id.is_empty() {
            self.image_id = r.image_id;
        }
    }

    /// Sets `image_id` from `sha256:<hex>` or `<hex>`.
    pub(crate) fn set_image_id(&mut self, id: &str) {
        self.image_id = id.strip_prefix("sha256:").unwrap_or(id).to_string();
    }
}
