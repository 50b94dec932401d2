//! Sources: where records come from (the kernel module's rings today; the
//! eBPF fallback's rings later), merged into ordered batches.
//!
//! Owns: every mapping of kernel memory and every ioctl. Invariant: only
//! this module touches mmap'd ring memory; everything downstream sees
//! owned `Batch`es.

pub mod bpf;
pub mod driver;
pub mod kmod;
pub mod merge;
pub mod ring;
pub mod syscalls;

pub use merge::Batch;

/// Loss and throughput counters of a source, summed over its rings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SourceStats {
    /// Records written by the producer.
    pub events: u64,
    /// Records the producer could not write, by `lanner_drop_reason`.
    pub drops: [u64; lanner_abi::LANNER_DROP_MAX as usize],
    /// Parameters left empty because user memory was unreadable.
    pub user_faults: u64,
    /// Hook invocations before filtering.
    pub hits: u64,
    /// Bytes the reader skipped as corrupt (framing errors, resyncs).
    pub corrupt_bytes: u64,
    /// Records handed downstream.
    pub delivered: u64,
}

impl SourceStats {
    /// All records lost in the kernel, every reason summed.
    pub fn dropped(&self) -> u64 {
        self.drops.iter().sum()
    }
}

/// A producer of ordered record batches.
pub trait Source: Send {
    /// Fills `batch` with the records available now (possibly none).
    fn fill(&mut self, batch: &mut Batch) -> std::io::Result<()>;
    /// Current counters.
    fn stats(&self) -> SourceStats;
}
