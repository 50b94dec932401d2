//! The eBPF fallback as a record source: same records, same counters and
//! the same `Source` interface as the kernel module's rings.
//!
//! Owns: the loaded object's lifetime (programs detach and maps close when
//! a `BpfSource` is dropped), the settings map (filter, start/stop, boot
//! epoch, snaplen), and per-CPU counters read from `lanner_counters`.
//! Loading and probing are in `load.rs`, ring reading in `rings.rs`.
//! Must never: hand out ring memory (records are copied into `Batch`es).

pub mod load;
pub mod rings;

use crate::source::kmod::Filter;
use crate::source::ring::RingStats;
use crate::source::{Batch, Source, SourceStats};
use lanner_abi as abi;
use libbpf_rs::{Map, MapCore, MapFlags};
pub use load::{Flavour, LoadOptions, LoadReport, Transport};
use nix::time::{clock_gettime, ClockId};

/// Why the eBPF fallback cannot run or failed.
#[derive(Debug, thiserror::Error)]
pub enum BpfError {
    /// The kernel lacks something the fallback needs.
    #[error("eBPF fallback unsupported: {0}")]
    Unsupported(String),
    /// libbpf failed to open, load or attach.
    #[error("eBPF fallback: {0}")]
    Load(String),
    /// The verifier rejected a program; its log is attached.
    #[error("eBPF fallback: {what}\n--- verifier log (last lines) ---\n{log}")]
    Verifier { what: String, log: String },
    /// A map operation failed.
    #[error("eBPF fallback map {map}: {source}")]
    Map {
        map: &'static str,
        source: libbpf_rs::Error,
    },
}

/// Perf buffer pages per CPU for a ring of `size` bytes.
fn perf_pages(size: u32) -> usize {
    let page = 4096usize;
    (size as usize / page).next_power_of_two().max(1)
}

fn ns(c: ClockId) -> u64 {
    clock_gettime(c).map_or(0, |t| {
        t.tv_sec() as u64 * 1_000_000_000 + t.tv_nsec() as u64
    })
}

/// The settings map mapped into this process (BPF_F_MMAPABLE).
struct MappedSettings {
    ptr: std::ptr::NonNull<abi::lanner_bpf_settings>,
    len: std::num::NonZeroUsize,
}

impl MappedSettings {
    fn map(obj: &libbpf_rs::Object) -> Option<MappedSettings> {
        use nix::sys::mman::{mmap, MapFlags as MmapFlags, ProtFlags};
        use std::os::fd::AsFd;
        let m = find_map(obj, "lanner_settings").ok()?;
        // An array map's data area is page-aligned; one element fits a page.
        let len = std::num::NonZeroUsize::new(4096)?;
        // SAFETY: mapping the map's fd shared read-write creates a new
        // mapping owned by MappedSettings and unmapped in its Drop; the
        // kernel keeps the map alive while mapped.
        let p = unsafe {
            mmap(
                None,
                len,
                ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
                MmapFlags::MAP_SHARED,
                m.as_fd(),
                0,
            )
        }
        .ok()?;
        Some(MappedSettings { ptr: p.cast(), len })
    }

    fn write(&self, s: &abi::lanner_bpf_settings) {
        // SAFETY: ptr maps at least one lanner_bpf_settings (4096 bytes,
        // page-aligned) for the lifetime of self; a volatile store keeps
        // the write from being elided. The BPF side only reads it.
        unsafe { std::ptr::write_volatile(self.ptr.as_ptr(), *s) };
    }
}

impl Drop for MappedSettings {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping created in `map`.
        let _ = unsafe { nix::sys::mman::munmap(self.ptr.cast(), self.len.get()) };
    }
}

// SAFETY: the mapping is owned by one BpfSource and only written through
// &mut self methods.
unsafe impl Send for MappedSettings {}

/// The loaded fallback with its rings.
pub struct BpfSource {
    mapped: Option<MappedSettings>,
    loaded: load::Loaded,
    rings: rings::Rings,
    settings: abi::lanner_bpf_settings,
    ring_size: u32,
    delivered: u64,
    max_batch_bytes: usize,
}

impl BpfSource {
    /// Loads and attaches the fallback (capture stays off until `start`).
    pub fn open(opts: &LoadOptions) -> Result<BpfSource, BpfError> {
        let mut opts = *opts;
        if opts.ring_size == 0 {
            opts.ring_size = abi::LANNER_RING_SIZE_DEFAULT;
        }
        if !opts.ring_size.is_power_of_two()
            || !(abi::LANNER_RING_SIZE_MIN..=abi::LANNER_RING_SIZE_MAX).contains(&opts.ring_size)
        {
            return Err(BpfError::Load(format!(
                "ring size {} is not a power of two in {}..={}",
                opts.ring_size,
                abi::LANNER_RING_SIZE_MIN,
                abi::LANNER_RING_SIZE_MAX
            )));
        }
        let loaded = load::load(&opts)?;
        let rings = match loaded.report.transport {
            Transport::RingBuf => rings::Rings::ringbuf(&loaded.inner_rings),
            Transport::Perf => {
                let map = find_map(&loaded.obj, "lanner_perf")?;
                rings::Rings::perf(&map, loaded.nr_cpus, perf_pages(opts.ring_size))
            }
        }
        .map_err(|e| BpfError::Load(format!("ring consumer: {e}")))?;
        load::trace("ring consumer built");
        let epoch = ns(ClockId::CLOCK_REALTIME).saturating_sub(if loaded.report.boot_clock {
            ns(ClockId::CLOCK_BOOTTIME)
        } else {
            ns(ClockId::CLOCK_MONOTONIC)
        });
        let mapped = if loaded.report.mmapable {
            MappedSettings::map(&loaded.obj)
        } else {
            None
        };
        let mut src = BpfSource {
            mapped,
            loaded,
            rings,
            settings: abi::lanner_bpf_settings {
                boot_epoch_ns: epoch,
                snaplen: 80,
                ..Default::default()
            },
            ring_size: opts.ring_size,
            delivered: 0,
            max_batch_bytes: 4 << 20,
        };
        src.write_settings()?;
        load::trace("settings written");
        Ok(src)
    }

    /// What was probed and chosen.
    pub fn report(&self) -> &LoadReport {
        &self.loaded.report
    }

    /// Rings (possible CPUs) and bytes per ring.
    pub fn geometry(&self) -> (u32, u32) {
        (self.loaded.nr_cpus as u32, self.ring_size)
    }

    fn write_settings(&mut self) -> Result<(), BpfError> {
        if let Some(m) = &self.mapped {
            m.write(&self.settings);
            return Ok(());
        }
        let map = find_map(&self.loaded.obj, "lanner_settings")?;
        // SAFETY: lanner_bpf_settings is a #[repr(C)] bindgen struct of
        // integers without padding (asserted 88 bytes in lanner_abi.h), so
        // its bytes are initialized.
        let bytes = unsafe {
            std::slice::from_raw_parts(
                (&self.settings as *const abi::lanner_bpf_settings).cast::<u8>(),
                std::mem::size_of::<abi::lanner_bpf_settings>(),
            )
        };
        map.update(&0u32.to_ne_bytes(), bytes, MapFlags::ANY)
            .map_err(|source| BpfError::Map {
                map: "lanner_settings",
                source,
            })
    }

    /// Installs the syscall mask / tracepoint filter (module semantics).
    pub fn set_filter(&mut self, f: &Filter) -> Result<(), BpfError> {
        self.settings.filter = *f.raw();
        self.write_settings()
    }

    /// Payload bytes kept per send/recv record (the module's `snaplen`).
    pub fn set_snaplen(&mut self, n: u32) -> Result<(), BpfError> {
        self.settings.snaplen = n.min(abi::LANNER_MAX_PARAM_LEN);
        self.write_settings()
    }

    pub fn start(&mut self) -> Result<(), BpfError> {
        self.settings.started = 1;
        self.write_settings()
    }

    pub fn stop(&mut self) -> Result<(), BpfError> {
        self.settings.started = 0;
        self.write_settings()
    }

    /// Per-CPU counters (index = CPU), as the module's control pages.
    pub fn ring_stats(&self) -> Vec<RingStats> {
        let pending = self.rings.pending();
        let Ok(map) = find_map(&self.loaded.obj, "lanner_counters") else {
            return Vec::new();
        };
        let per_cpu = map
            .lookup_percpu(&0u32.to_ne_bytes(), MapFlags::ANY)
            .ok()
            .flatten()
            .unwrap_or_default();
        per_cpu
            .iter()
            .enumerate()
            .map(|(cpu, v)| {
                let mut s = counters(v);
                s.pending = pending.get(cpu).copied().unwrap_or(0);
                s
            })
            .collect()
    }
}

fn find_map<'a>(obj: &'a libbpf_rs::Object, name: &'static str) -> Result<Map<'a>, BpfError> {
    obj.maps()
        .find(|m| m.name() == name)
        .ok_or_else(|| BpfError::Load(format!("the object has no map {name}")))
}

/// The counter fields of one CPU's `lanner_ring_ctrl` value.
fn counters(v: &[u8]) -> RingStats {
    if v.len() < std::mem::size_of::<abi::lanner_ring_ctrl>() {
        return RingStats::default();
    }
    // SAFETY: v holds at least size_of::<lanner_ring_ctrl>() bytes copied
    // from the map; read_unaligned copes with the Vec's alignment and the
    // struct is plain integers, valid for any bit pattern.
    let c: abi::lanner_ring_ctrl = unsafe { std::ptr::read_unaligned(v.as_ptr().cast()) };
    RingStats {
        events: c.n_evts,
        bytes: c.n_bytes,
        drops: c.n_drops,
        user_faults: c.n_user_faults,
        hits: c.n_hits,
        pending: 0,
    }
}

impl Source for BpfSource {
    fn fill(&mut self, batch: &mut Batch) -> std::io::Result<()> {
        let round = self.rings.fill(batch, self.max_batch_bytes)?;
        self.delivered += round.records as u64;
        Ok(())
    }

    fn stats(&self) -> SourceStats {
        let mut s = SourceStats {
            corrupt_bytes: self.rings.corrupt_bytes(),
            delivered: self.delivered,
            ..SourceStats::default()
        };
        for r in self.ring_stats() {
            s.events += r.events;
            s.user_faults += r.user_faults;
            s.hits += r.hits;
            for (a, b) in s.drops.iter_mut().zip(r.drops) {
                *a += b;
            }
        }
        s
    }
}

impl Drop for BpfSource {
    fn drop(&mut self) {
        let _ = self.stop();
        self.loaded.links.clear();
    }
}
