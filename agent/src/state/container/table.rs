//! The container cache: cgroups -> container id -> `Arc<ContainerInfo>`.
//!
//! Owns: one entry per container id seen, filled from the runtime's on-disk
//! state the first time the id is seen. An id whose state is missing or
//! unreadable is retried on later lookups, at most `MAX_TRIES` times in all
//! and no more often than `retry_interval`; after that its entry is final.
//! Lookups take `&self` (the cache sits behind an uncontended mutex) so the
//! process table can answer field requests through a shared reference.
//! Must never: do I/O for a resolved id or for a host process, grow beyond
//! its capacity (oldest-inserted are evicted and counted), panic on a
//! poisoned lock, or hide a failed read (each is counted in
//! `ContainerStats`, the last one kept).

use super::cgroup::{match_cgroups, Hint};
use super::read::MetaError;
use super::{
    containerd, docker, storage, ContainerInfo, ContainerStats, RuntimeKind, RuntimeRoots,
};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Containers cached at most (default).
pub const CAPACITY: usize = 16_384;
/// Metadata reads attempted per container id at most.
pub const MAX_TRIES: u32 = 4;

struct Entry {
    info: Arc<ContainerInfo>,
    /// No more reads for this id.
    done: bool,
    tries: u32,
    last_try: Instant,
    pod_uid: Option<String>,
    hint: Hint,
}

#[derive(Default)]
struct Cache {
    entries: HashMap<String, Entry>,
    order: VecDeque<String>,
    stats: ContainerStats,
    last_error: Option<MetaError>,
}

/// Container identity and metadata by cgroups, cached per container id.
pub struct ContainerTable {
    roots: RuntimeRoots,
    host: Arc<ContainerInfo>,
    cache: Mutex<Cache>,
    retry_interval: Duration,
    capacity: usize,
}

impl ContainerTable {
    pub fn new(roots: RuntimeRoots) -> ContainerTable {
        ContainerTable {
            roots,
            host: Arc::new(ContainerInfo::host()),
            cache: Mutex::new(Cache::default()),
            retry_interval: Duration::from_secs(1),
            capacity: CAPACITY,
        }
    }

    /// Sets how long a missing id waits before its state is read again.
    pub fn with_retry_interval(mut self, d: Duration) -> ContainerTable {
        self.retry_interval = d;
        self
    }

    /// Sets how many containers are cached at most (at least 1).
    pub fn with_capacity(mut self, n: usize) -> ContainerTable {
        self.capacity = n.max(1);
        self
    }

    fn lock(&self) -> MutexGuard<'_, Cache> {
        // A panic elsewhere while holding the lock leaves a consistent map.
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The container of a process given its cgroups ((controllers, path)
    /// pairs from /proc/<pid>/cgroup or an exec/clone record); the shared host
    /// entry when no path names a container.
    pub fn for_cgroups(&self, cgroups: &[(String, String)]) -> Arc<ContainerInfo> {
        let mut c = self.lock();
        c.stats.lookups += 1;
        let Some(m) = match_cgroups(cgroups) else {
            c.stats.host_lookups += 1;
            return Arc::clone(&self.host);
        };
        if let Some(info) = self.cached(&mut c, m.full_id) {
            return info;
        }
        self.resolve(&mut c, m.full_id, m.hint, m.pod_uid())
    }

    /// The latest entry of a container already seen (by full id), re-reading
    /// its state if it was missing and a retry is due: lets a holder of an
    /// `Arc` from an early lookup pick up metadata that appeared later.
    /// `None` for an id never seen (or evicted).
    pub fn by_id(&self, full_id: &str) -> Option<Arc<ContainerInfo>> {
        let mut c = self.lock();
        c.stats.lookups += 1;
        if let Some(info) = self.cached(&mut c, full_id) {
            return Some(info);
        }
        let e = c.entries.get(full_id)?;
        let (hint, pod_uid) = (e.hint, e.pod_uid.clone());
        Some(self.resolve(&mut c, full_id, hint, pod_uid))
    }

    /// The shared host entry.
    pub fn host(&self) -> Arc<ContainerInfo> {
        Arc::clone(&self.host)
    }

    pub fn stats(&self) -> ContainerStats {
        let c = self.lock();
        ContainerStats {
            containers: c.entries.len(),
            ..c.stats
        }
    }

    /// The most recent metadata read failure, for reporting.
    pub fn last_error(&self) -> Option<MetaError> {
        self.lock().last_error.clone()
    }

    /// The cached entry unless a re-read is due (counted as a cache hit).
    fn cached(&self, c: &mut Cache, full_id: &str) -> Option<Arc<ContainerInfo>> {
        let e = c.entries.get(full_id)?;
        if !e.done && e.last_try.elapsed() >= self.retry_interval {
            return None;
        }
        let info = Arc::clone(&e.info);
        c.stats.cache_hits += 1;
        Some(info)
    }

    /// Reads (or re-reads) the state of a matched container and caches it.
    fn resolve(
        &self,
        c: &mut Cache,
        full_id: &str,
        hint: Hint,
        pod_uid: Option<String>,
    ) -> Arc<ContainerInfo> {
        let (tries, pod_uid) = match c.entries.get(full_id) {
            Some(e) => (e.tries, e.pod_uid.clone().or(pod_uid)),
            None => (0, pod_uid),
        };
        c.stats.metadata_reads += 1;
        let mut side = Vec::new();
        let found = read_any(&self.roots, full_id, hint, &mut side);
        let mut done = tries + 1 >= MAX_TRIES;
        let mut info = match found {
            Ok(info) => {
                c.stats.resolved += 1;
                done = true;
                info
            }
            Err(kind) => {
                if side.is_empty() {
                    c.stats.metadata_missing += 1;
                }
                ContainerInfo::bare(full_id.to_string(), kind)
            }
        };
        c.stats.metadata_failures += side.len() as u64;
        if let Some(e) = side.pop() {
            c.last_error = Some(e);
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
        if c.entries.insert(full_id.to_string(), entry).is_none() {
            c.order.push_back(full_id.to_string());
            while c.entries.len() > self.capacity {
                let Some(old) = c.order.pop_front() else {
                    break;
                };
                if c.entries.remove(&old).is_some() {
                    c.stats.evicted += 1;
                }
            }
        }
        info
    }
}

/// Tries the runtimes the hint allows, in order. Errors other than "not
/// found" go to `side`; `Err` carries the kind to record when no runtime had
/// the container.
fn read_any(
    roots: &RuntimeRoots,
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
            Docker => docker::read(&roots.docker, id, side),
            Containerd => containerd::read(&roots.containerd, id),
            _ => storage::read(&roots.storage, id, *kind, side),
        };
        match r {
            Ok(info) => return Ok(info),
            Err(e) if e.is_not_found() => {}
            Err(e) => side.push(e),
        }
    }
    Err(match hint {
        Hint::Kind(k) => k,
        Hint::Bare => Unknown,
    })
}
