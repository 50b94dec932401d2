//! The container cache: cgroups -> container id -> `Arc<ContainerInfo>`.
//!
//! Owns: one entry per container id seen, filled from the runtime's on-disk
//! state the first time the id is seen. An id whose state is missing or
//! unreadable is retried on later lookups, at most `MAX_TRIES` times in all
//! and no more often than `retry_interval`; after that its entry is final.
//! Must never: do I/O for a resolved id or for a host process, grow beyond
//! `CAPACITY` entries (oldest-inserted are evicted and counted), or hide a
//! failed read (each is counted in `ContainerStats`, the last one kept).

use super::cgroup::{match_cgroups, Hint};
use super::read::MetaError;
use super::{containerd, docker, storage, ContainerInfo, RuntimeKind};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Containers cached at most.
pub const CAPACITY: usize = 16_384;
/// Metadata reads attempted per container id at most.
pub const MAX_TRIES: u32 = 4;

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

struct Entry {
    info: Arc<ContainerInfo>,
    /// No more reads for this id.
    done: bool,
    tries: u32,
    last_try: Instant,
    pod_uid: Option<String>,
    hint: Hint,
}

/// Container identity and metadata by cgroups, cached per container id.
pub struct ContainerTable {
    roots: RuntimeRoots,
    host: Arc<ContainerInfo>,
    cache: HashMap<String, Entry>,
    order: VecDeque<String>,
    stats: ContainerStats,
    last_error: Option<MetaError>,
    retry_interval: Duration,
}

impl ContainerTable {
    pub fn new(roots: RuntimeRoots) -> ContainerTable {
        ContainerTable {
            roots,
            host: Arc::new(ContainerInfo::host()),
            cache: HashMap::new(),
            order: VecDeque::new(),
            stats: ContainerStats::default(),
            last_error: None,
            retry_interval: Duration::from_secs(1),
        }
    }

    /// Sets how long a missing id waits before its state is read again.
    pub fn with_retry_interval(mut self, d: Duration) -> ContainerTable {
        self.retry_interval = d;
        self
    }

    /// The container of a process given its cgroups ((controllers, path)
    /// pairs from /proc/<pid>/cgroup or an exec/clone record); the shared host
    /// entry when no path names a container.
    pub fn for_cgroups(&mut self, cgroups: &[(String, String)]) -> Arc<ContainerInfo> {
        self.stats.lookups += 1;
        let Some(m) = match_cgroups(cgroups) else {
            self.stats.host_lookups += 1;
            return Arc::clone(&self.host);
        };
        if let Some(info) = self.cached(m.full_id) {
            return info;
        }
        self.resolve(m.full_id, m.hint, m.pod_uid())
    }

    /// The latest entry of a container already seen (by full id), re-reading
    /// its state if it was missing and a retry is due: lets a holder of an
    /// `Arc` from an early lookup pick up metadata that appeared later.
    /// `None` for an id never seen (or evicted).
    pub fn by_id(&mut self, full_id: &str) -> Option<Arc<ContainerInfo>> {
        self.stats.lookups += 1;
        if let Some(info) = self.cached(full_id) {
            return Some(info);
        }
        let e = self.cache.get(full_id)?;
        let (hint, pod_uid) = (e.hint, e.pod_uid.clone());
        Some(self.resolve(full_id, hint, pod_uid))
    }

    /// The cached entry unless a re-read is due (counted as a cache hit).
    fn cached(&mut self, full_id: &str) -> Option<Arc<ContainerInfo>> {
        let e = self.cache.get(full_id)?;
        let wait = e.done || e.last_try.elapsed() < self.retry_interval;
        if !wait {
            return None;
        }
        self.stats.cache_hits += 1;
        Some(Arc::clone(&e.info))
    }

    /// The shared host entry.
    pub fn host(&self) -> Arc<ContainerInfo> {
        Arc::clone(&self.host)
    }

    pub fn stats(&self) -> ContainerStats {
        ContainerStats {
            containers: self.cache.len(),
            ..self.stats
        }
    }

    /// The most recent metadata read failure, for reporting.
    pub fn last_error(&self) -> Option<&MetaError> {
        self.last_error.as_ref()
    }

    /// Reads (or re-reads) the state of a matched container and caches it.
    fn resolve(
        &mut self,
        full_id: &str,
        hint: Hint,
        pod_uid: Option<String>,
    ) -> Arc<ContainerInfo> {
        let (tries, pod_uid) = match self.cache.get(full_id) {
            Some(e) => (e.tries, e.pod_uid.clone().or(pod_uid)),
            None => (0, pod_uid),
        };
        self.stats.metadata_reads += 1;
        let mut side = Vec::new();
        let found = self.read_any(full_id, hint, &mut side);
        let mut done = tries + 1 >= MAX_TRIES;
        let mut info = match found {
            Ok(info) => {
                self.stats.resolved += 1;
                done = true;
                info
            }
            Err(kind) => ContainerInfo::bare(full_id.to_string(), kind),
        };
        self.stats.metadata_failures += side.len() as u64;
        if let Some(e) = side.pop() {
            self.last_error = Some(e);
        }
        if info.k8s_pod_uid.is_none() {
            info.k8s_pod_uid.clone_from(&pod_uid);
        }
        let info = Arc::new(info);
        let entry = Entry {
            info: Arc::clone(&info),
            done,
            tries: tries + 1,
            last_try: Instant::now(),
            pod_uid,
            hint,
        };
        if self.cache.insert(full_id.to_string(), entry).is_none() {
            self.order.push_back(full_id.to_string());
            self.evict();
        }
        info
    }

    fn evict(&mut self) {
        while self.cache.len() > CAPACITY {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if self.cache.remove(&old).is_some() {
                self.stats.evicted += 1;
            }
        }
    }

    /// Tries the runtimes the hint allows, in order. Errors other than
    /// "not found" go to `side`; `Err` carries the kind to record when no
    /// runtime had the container.
    fn read_any(
        &mut self,
        id: &str,
        hint: Hint,
        side: &mut Vec<MetaError>,
    ) -> Result<ContainerInfo, RuntimeKind> {
        use RuntimeKind::*;
        let order: &[RuntimeKind] = match hint {
            Hint::Kind(Docker) => &[Docker],
            Hint::Kind(Containerd) => &[Containerd],
            Hint::Kind(CriO) => &[CriO],
            Hint::Kind(Podman) => &[Podman],
            // Unknown here: containers/storage, cri-o or podman by annotations.
            Hint::Kind(Host | Unknown) | Hint::Bare => &[Docker, Containerd, Unknown],
        };
        for kind in order {
            let r = match kind {
                Docker => docker::read(&self.roots.docker, id, side),
                Containerd => containerd::read(&self.roots.containerd, id),
                _ => storage::read(&self.roots.storage, id, *kind, side),
            };
            match r {
                Ok(info) => return Ok(info),
                Err(e) if e.is_not_found() => {}
                Err(e) => side.push(e),
            }
        }
        if side.is_empty() {
            self.stats.metadata_missing += 1;
        }
        Err(match hint {
            Hint::Kind(k) => k,
            Hint::Bare => Unknown,
        })
    }
}
