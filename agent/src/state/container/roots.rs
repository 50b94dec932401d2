//! Where each runtime keeps its state, and the counters the table reports.
//! Must never: hold anything but paths and numbers.

use std::path::{Path, PathBuf};

/// Where each runtime keeps its state (injectable for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeRoots {
    /// Docker's data root (`/var/lib/docker`).
    pub docker: PathBuf,
    /// containerd task roots, each holding `<namespace>/<id>/config.json`.
    pub containerd: Vec<PathBuf>,
    /// containers/storage roots (graph root first, then run root).
    pub storage: Vec<PathBuf>,
}

impl Default for RuntimeRoots {
    fn default() -> Self {
        RuntimeRoots::under(Path::new("/"))
    }
}

impl RuntimeRoots {
    /// The standard locations below `prefix` (`/` for the real ones).
    pub fn under(prefix: &Path) -> RuntimeRoots {
        RuntimeRoots {
            docker: prefix.join("var/lib/docker"),
            containerd: vec![
                prefix.join("run/containerd/io.containerd.runtime.v2.task"),
                prefix.join("run/containerd/io.containerd.runtime.v1.linux"),
                prefix.join("run/k3s/containerd/io.containerd.runtime.v2.task"),
            ],
            storage: vec![
                prefix.join("var/lib/containers/storage"),
                prefix.join("run/containers/storage"),
            ],
        }
    }
}

/// Counters of the table's work and health.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ContainerStats {
    /// `for_cgroups` and `by_id` calls.
    pub lookups: u64,
    /// Lookups whose cgroups named no container (host processes).
    pub host_lookups: u64,
    /// Lookups answered from the cache without I/O.
    pub cache_hits: u64,
    /// Containers currently cached.
    pub containers: usize,
    /// Metadata read attempts (first sight and retries).
    pub metadata_reads: u64,
    /// Attempts that found and parsed the container's state.
    pub resolved: u64,
    /// Attempts that found no runtime state for the id.
    pub metadata_missing: u64,
    /// Files that existed but could not be used (I/O, too large, bad JSON).
    pub metadata_failures: u64,
    /// Entries evicted because the cache was full.
    pub evicted: u64,
}
