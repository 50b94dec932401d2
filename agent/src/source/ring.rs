//! Consumer side of one per-CPU ring shared with the kernel.
//!
//! Owns: the memory-ordering protocol of `abi/lanner_abi.h` on the reader
//! side (acquire load of `head`, release store of `tail`), bounds checks on
//! positions the kernel publishes, and reading the ring's counters.
//! Must never: map or unmap memory (only `source::kmod` does), write into
//! the data area, or hand out a slice that outlives the next `consume`.

use lanner_abi as abi;
use std::ptr::{addr_of, addr_of_mut, NonNull};
use std::sync::atomic::{AtomicU64, Ordering};

/// A reader's handle on one ring: a control page and a data area of
/// `size` bytes mapped twice back to back (so `2 * size` bytes readable).
pub struct Ring {
    ctrl: NonNull<abi::lanner_ring_ctrl>,
    data: NonNull<u8>,
    size: u64,
    index: u32,
    /// Positions that made no sense (producer ahead by more than `size`).
    resyncs: u64,
}

// SAFETY: a Ring is only a pair of pointers into shared mappings that stay
// valid for its lifetime (guaranteed by the creator, see `from_raw`). It is
// used by one reader thread at a time; all cross-thread communication with
// the kernel goes through atomics.
unsafe impl Send for Ring {}

/// Counters of one ring, as published by the producer.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RingStats {
    pub events: u64,
    pub bytes: u64,
    pub drops: [u64; abi::LANNER_DROP_MAX as usize],
    pub user_faults: u64,
    pub hits: u64,
    /// Bytes currently waiting in the ring.
    pub pending: u64,
}

impl RingStats {
    /// All records the producer lost, every reason summed.
    pub fn dropped(&self) -> u64 {
        self.drops.iter().sum()
    }
}

impl Ring {
    /// Wraps a mapped ring.
    ///
    /// # Safety
    /// `ctrl` must point to a mapped, writable `lanner_ring_ctrl` and `data`
    /// to `2 * size` readable bytes where byte `size + i` is byte `i`
    /// (double mapping), both valid until this `Ring` is dropped. `size`
    /// must be a power of two. Only one `Ring` may exist per ring.
    pub unsafe fn from_raw(
        ctrl: NonNull<abi::lanner_ring_ctrl>,
        data: NonNull<u8>,
        size: u32,
        index: u32,
    ) -> Ring {
        Ring {
            ctrl,
            data,
            size: u64::from(size),
            index,
            resyncs: 0,
        }
    }

    fn atomic(&self, field: *mut u64) -> &AtomicU64 {
        // SAFETY: `field` points into the control page, which is mapped,
        // 8-byte aligned (page-aligned struct of u64s) and valid for the
        // lifetime of self. The kernel accesses it concurrently only with
        // atomic-compatible single-word loads and stores.
        unsafe { AtomicU64::from_ptr(field) }
    }

    fn head(&self) -> u64 {
        // Acquire pairs with the kernel's smp_store_release(&ctrl->head)
        // after writing a record: the record bytes are visible once head is.
        // SAFETY: the pointer is derived from the valid control page.
        self.atomic(unsafe { addr_of_mut!((*self.ctrl.as_ptr()).head) })
            .load(Ordering::Acquire)
    }

    fn tail(&self) -> u64 {
        // Only this reader writes tail, so a relaxed load sees its own store.
        // SAFETY: as in `head`.
        self.atomic(unsafe { addr_of_mut!((*self.ctrl.as_ptr()).tail) })
            .load(Ordering::Relaxed)
    }

    /// Index of this ring (the CPU id).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Times the producer's position was implausible and the reader
    /// skipped to it; each is also counted by the caller as lost data.
    pub fn resyncs(&self) -> u64 {
        self.resyncs
    }

    /// The bytes published but not yet consumed: whole records, back to
    /// back, contiguous thanks to the double mapping.
    pub fn pending(&mut self) -> &[u8] {
        let head = self.head();
        let tail = self.tail();
        let used = head.wrapping_sub(tail);
        if used > self.size {
            // The producer never gets more than `size` ahead. Treat this as
            // corruption: skip everything, never read out of bounds.
            self.resyncs += 1;
            self.store_tail(head);
            return &[];
        }
        let off = (tail & (self.size - 1)) as usize;
        // SAFETY: off < size and used <= size, so [off, off + used) lies in
        // the 2 * size readable bytes. The producer does not write there
        // until we move tail past it (consume needs &mut self, which this
        // borrow prevents).
        unsafe { std::slice::from_raw_parts(self.data.as_ptr().add(off), used as usize) }
    }

    fn store_tail(&self, pos: u64) {
        // Release pairs with the kernel's smp_load_acquire(&ctrl->tail):
        // our reads of the consumed bytes happen before it may reuse them.
        // SAFETY: as in `head`.
        self.atomic(unsafe { addr_of_mut!((*self.ctrl.as_ptr()).tail) })
            .store(pos, Ordering::Release);
    }

    /// Gives `n` bytes at the front of `pending()` back to the producer.
    pub fn consume(&mut self, n: usize) {
        let tail = self.tail();
        let avail = self.head().wrapping_sub(tail);
        self.store_tail(tail + (n as u64).min(avail));
    }

    /// The producer's counters (relaxed: statistics only).
    pub fn stats(&self) -> RingStats {
        let c = self.ctrl.as_ptr();
        let rd = |p: *const u64| self.atomic(p.cast_mut()).load(Ordering::Relaxed);
        let mut s = RingStats::default();
        // SAFETY: all pointers are derived from the valid control page.
        unsafe {
            s.events = rd(addr_of!((*c).n_evts));
            s.bytes = rd(addr_of!((*c).n_bytes));
            let drops = addr_of!((*c).n_drops).cast::<u64>();
            for (i, d) in s.drops.iter_mut().enumerate() {
                *d = rd(drops.add(i));
            }
            s.user_faults = rd(addr_of!((*c).n_user_faults));
            s.hits = rd(addr_of!((*c).n_hits));
        }
        s.pending = self.head().wrapping_sub(self.tail()).min(self.size);
        s
    }
}

#[cfg(test)]
pub(crate) mod fake {
    //! A kernel-side stand-in for tests: a real double mapping of a memfd,
    //! written with the producer protocol of lanner_abi.h.
    use super::*;
    use nix::sys::mman::{mmap, mmap_anonymous, munmap, MapFlags, ProtFlags};
    use std::num::NonZeroUsize;
    use std::os::fd::OwnedFd;

    pub(crate) struct FakeRing {
        _fd: OwnedFd,
        ctrl: NonNull<abi::lanner_ring_ctrl>,
        data: NonNull<u8>,
        size: usize,
    }

    impl FakeRing {
        pub(crate) fn new(size: usize) -> FakeRing {
            let ctrl_len = abi::LANNER_CTRL_SIZE as usize;
            let fd =
                nix::sys::memfd::memfd_create(c"lanner-fake", nix::sys::memfd::MFdFlags::empty())
                    .unwrap();
            nix::unistd::ftruncate(&fd, (ctrl_len + size) as i64).unwrap();
            let rw = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
            // SAFETY: fresh mappings of our own memfd; the data area is
            // mapped twice at fixed addresses inside a reservation we own.
            unsafe {
                let ctrl = mmap(
                    None,
                    NonZeroUsize::new(ctrl_len).unwrap(),
                    rw,
                    MapFlags::MAP_SHARED,
                    &fd,
                    0,
                )
                .unwrap();
                let resv = mmap_anonymous(
                    None,
                    NonZeroUsize::new(2 * size).unwrap(),
                    ProtFlags::PROT_NONE,
                    MapFlags::MAP_PRIVATE,
                )
                .unwrap();
                for half in 0..2 {
                    let at = NonZeroUsize::new(resv.as_ptr() as usize + half * size);
                    mmap(
                        at,
                        NonZeroUsize::new(size).unwrap(),
                        rw,
                        MapFlags::MAP_SHARED | MapFlags::MAP_FIXED,
                        &fd,
                        ctrl_len as i64,
                    )
                    .unwrap();
                }
                let ctrl = ctrl.cast::<abi::lanner_ring_ctrl>();
                (*ctrl.as_ptr()).size = size as u32;
                FakeRing {
                    _fd: fd,
                    ctrl,
                    data: resv.cast(),
                    size,
                }
            }
        }

        /// A reader over the same memory.
        pub(crate) fn reader(&self, index: u32) -> Ring {
            // SAFETY: the mappings live as long as the FakeRing, which every
            // test keeps alive longer than the reader.
            unsafe { Ring::from_raw(self.ctrl, self.data, self.size as u32, index) }
        }

        /// Writes one record like the kernel: drop and count when full.
        pub(crate) fn produce(&self, rec: &[u8]) -> bool {
            let c = self.ctrl.as_ptr();
            // SAFETY: pointers into our own mappings; the writes mirror the
            // kernel's (data first, then head with release).
            unsafe {
                let head = AtomicU64::from_ptr(addr_of_mut!((*c).head));
                let tail = AtomicU64::from_ptr(addr_of_mut!((*c).tail)).load(Ordering::Acquire);
                let h = head.load(Ordering::Relaxed);
                if (self.size as u64) - (h - tail) < rec.len() as u64 {
                    (*c).n_drops[abi::LANNER_DROP_RING_FULL as usize] += 1;
                    return false;
                }
                let off = (h as usize) & (self.size - 1);
                std::ptr::copy_nonoverlapping(rec.as_ptr(), self.data.as_ptr().add(off), rec.len());
                (*c).n_evts += 1;
                head.store(h + rec.len() as u64, Ordering::Release);
            }
            true
        }

        /// Corrupts head, as a buggy producer would.
        pub(crate) fn set_head(&self, v: u64) {
            // SAFETY: our own control page.
            unsafe { (*self.ctrl.as_ptr()).head = v };
        }
    }

    impl Drop for FakeRing {
        fn drop(&mut self) {
            // SAFETY: unmapping exactly what `new` mapped.
            unsafe {
                let _ = munmap(self.ctrl.cast(), abi::LANNER_CTRL_SIZE as usize);
                let _ = munmap(self.data.cast(), 2 * self.size);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::FakeRing;
    use crate::event::decode::tests::openat;
    use crate::event::decode::Event;

    #[test]
    fn records_cross_the_wrap_contiguously() {
        let ring = FakeRing::new(4096);
        let mut r = ring.reader(0);
        let rec = openat(1, 1, 3, "/etc/shadow", 1);
        let mut seen = 0;
        // Write and consume enough records to wrap the 4 KiB area many times.
        for i in 0..500u64 {
            let rec = openat(i, 1, 3, "/etc/shadow", 1);
            assert!(ring.produce(&rec));
            let p = r.pending();
            let e = Event::parse(p).unwrap();
            assert_eq!(e.ts(), i);
            assert_eq!(e.str_of("name"), Some(&b"/etc/shadow"[..]));
            let n = e.len();
            r.consume(n);
            seen += 1;
        }
        assert_eq!(seen, 500);
        assert!(500 * rec.len() > 4 * 4096);
    }

    #[test]
    fn full_ring_drops_and_counts_never_blocks() {
        let ring = FakeRing::new(4096);
        let r = ring.reader(0);
        let rec = openat(1, 1, 3, "/etc/shadow", 1);
        let fit = 4096 / rec.len();
        let produced = (0..fit + 10).filter(|_| ring.produce(&rec)).count();
        assert_eq!(produced, fit);
        let s = r.stats();
        assert_eq!(s.events, fit as u64);
        assert_eq!(s.drops[0], 10);
        assert_eq!(s.dropped(), 10);
        assert_eq!(s.pending, (fit * rec.len()) as u64);
    }

    #[test]
    fn implausible_head_resyncs_instead_of_reading_out_of_bounds() {
        let ring = FakeRing::new(4096);
        let mut r = ring.reader(0);
        ring.set_head(1 << 40);
        assert!(r.pending().is_empty());
        assert_eq!(r.resyncs(), 1);
        assert!(r.pending().is_empty());
        assert_eq!(r.resyncs(), 1);
    }
}
