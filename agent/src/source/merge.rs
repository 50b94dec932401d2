//! Timestamp merge of the per-CPU rings into one ordered batch.
//!
//! Owns: choosing, among the records published in every ring, the one with
//! the smallest timestamp next (each ring is already in time order), copying
//! records into a `Batch` for the processing thread, and telling each ring
//! how many bytes it may release.
//! Must never: reorder records of one ring, read past what a ring published,
//! or stop on a malformed record (it skips that ring's block and counts it).

use crate::event::decode::{peek_ts_len, HDR_LEN};
use crate::source::ring::Ring;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Records copied out of the rings, in timestamp order. One allocation
/// reused across rounds; records are decoded in place (zero-copy) later.
#[derive(Debug, Default)]
pub struct Batch {
    buf: Vec<u8>,
    ends: Vec<u32>,
}

impl Batch {
    /// An empty batch with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Batch {
        Batch {
            buf: Vec::with_capacity(bytes),
            ends: Vec::with_capacity(bytes / 64),
        }
    }

    /// Empties the batch, keeping its memory.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    /// Appends one record.
    pub fn push(&mut self, rec: &[u8]) {
        self.buf.extend_from_slice(rec);
        self.ends.push(self.buf.len() as u32);
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.buf.len()
    }

    /// The records, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0usize;
        self.ends.iter().map(move |&e| {
            let r = &self.buf[start..e as usize];
            start = e as usize;
            r
        })
    }
}

/// What one merge round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MergeRound {
    /// Records moved into the batch.
    pub records: usize,
    /// Bytes skipped because a record's framing was invalid.
    pub corrupt_bytes: usize,
}

/// Moves published records from `rings` into `batch` in timestamp order,
/// until the rings are drained or the batch holds `max_bytes`. Consumed
/// bytes are released to the kernel before returning.
pub fn merge_rings(rings: &mut [Ring], batch: &mut Batch, max_bytes: usize) -> MergeRound {
    let blocks: Vec<&[u8]> = rings.iter_mut().map(|r| r.pending()).collect();
    let mut used = vec![0usize; blocks.len()];
    let round = merge_blocks(&blocks, &mut used, batch, max_bytes);
    drop(blocks);
    for (ring, n) in rings.iter_mut().zip(used) {
        if n > 0 {
            ring.consume(n);
        }
    }
    round
}

/// Pure merge over byte blocks (each a sequence of whole records);
/// `used[i]` receives the bytes of block i consumed.
pub fn merge_blocks(
    blocks: &[&[u8]],
    used: &mut [usize],
    batch: &mut Batch,
    max_bytes: usize,
) -> MergeRound {
    let mut round = MergeRound::default();
    let mut heap = BinaryHeap::with_capacity(blocks.len());
    // Pushes ring i's next record on the heap, or skips a corrupt remainder.
    let arm = |i: usize, used: &mut [usize], heap: &mut BinaryHeap<_>, round: &mut MergeRound| {
        let rest = &blocks[i][used[i]..];
        if rest.is_empty() {
            return;
        }
        match peek_ts_len(rest) {
            Some((ts, len)) if (len as usize) >= HDR_LEN && (len as usize) <= rest.len() => {
                heap.push(Reverse((ts, i)));
            }
            _ => {
                round.corrupt_bytes += rest.len();
                used[i] = blocks[i].len();
            }
        }
    };
    for i in 0..blocks.len() {
        arm(i, used, &mut heap, &mut round);
    }
    while let Some(Reverse((_, i))) = heap.pop() {
        let rest = &blocks[i][used[i]..];
        let len = peek_ts_len(rest).map_or(0, |(_, l)| l as usize);
        if batch.bytes() + len > max_bytes && !batch.is_empty() {
            break;
        }
        batch.push(&rest[..len]);
        used[i] += len;
        round.records += 1;
        arm(i, used, &mut heap, &mut round);
    }
    round
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::tests::openat;
    use crate::event::decode::Event;
    use crate::source::ring::fake::FakeRing;

    fn cat(recs: &[Vec<u8>]) -> Vec<u8> {
        recs.concat()
    }

    #[test]
    fn merges_by_timestamp_keeping_per_ring_order() {
        let a = cat(&[
            openat(1, 10, 3, "/a", 0),
            openat(4, 10, 3, "/a", 0),
            openat(9, 10, 3, "/a", 0),
        ]);
        let b = cat(&[
            openat(2, 20, 3, "/b", 0),
            openat(3, 20, 3, "/b", 0),
            openat(10, 20, 3, "/b", 0),
        ]);
        let c: Vec<u8> = Vec::new();
        let mut used = [0; 3];
        let mut batch = Batch::default();
        let r = merge_blocks(&[&a, &b, &c], &mut used, &mut batch, usize::MAX);
        assert_eq!(
            r,
            MergeRound {
                records: 6,
                corrupt_bytes: 0
            }
        );
        let ts: Vec<u64> = batch
            .iter()
            .map(|r| Event::parse(r).unwrap().ts())
            .collect();
        assert_eq!(ts, vec![1, 2, 3, 4, 9, 10]);
        assert_eq!(used, [a.len(), b.len(), 0]);
    }

    #[test]
    fn stops_at_the_byte_budget_and_reports_partial_use() {
        let one = openat(1, 1, 3, "/a", 0);
        let a = cat(&[
            one.clone(),
            openat(2, 1, 3, "/a", 0),
            openat(3, 1, 3, "/a", 0),
        ]);
        let mut used = [0; 1];
        let mut batch = Batch::default();
        let r = merge_blocks(&[&a], &mut used, &mut batch, 2 * one.len());
        assert_eq!(r.records, 2);
        assert_eq!(used[0], 2 * one.len());
    }

    #[test]
    fn corrupt_ring_is_skipped_and_counted_others_continue() {
        let good = cat(&[openat(1, 1, 3, "/a", 0), openat(2, 1, 3, "/a", 0)]);
        let mut bad = openat(0, 2, 3, "/b", 0);
        bad[16..20].copy_from_slice(&5u32.to_le_bytes()); // len < header
        let mut used = [0; 2];
        let mut batch = Batch::default();
        let r = merge_blocks(&[&good, &bad], &mut used, &mut batch, usize::MAX);
        assert_eq!(r.records, 2);
        assert_eq!(r.corrupt_bytes, bad.len());
        assert_eq!(used, [good.len(), bad.len()]);
    }

    #[test]
    fn merge_rings_releases_what_it_copied() {
        let (f0, f1) = (FakeRing::new(1 << 16), FakeRing::new(1 << 16));
        let mut rings = vec![f0.reader(0), f1.reader(1)];
        for t in 0..50u64 {
            let f = if t % 3 == 0 { &f0 } else { &f1 };
            assert!(f.produce(&openat(t, t, 3, "/x", 0)));
        }
        let mut batch = Batch::default();
        let r = merge_rings(&mut rings, &mut batch, usize::MAX);
        assert_eq!(r.records, 50);
        let ts: Vec<u64> = batch
            .iter()
            .map(|r| Event::parse(r).unwrap().ts())
            .collect();
        assert_eq!(ts, (0..50).collect::<Vec<_>>());
        assert!(rings.iter_mut().all(|r| r.pending().is_empty()));
    }

    proptest::proptest! {
        #[test]
        fn merge_never_panics_on_garbage(
            a in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            b in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
        ) {
            let mut used = [0; 2];
            let mut batch = Batch::default();
            let r = merge_blocks(&[&a, &b], &mut used, &mut batch, 1000);
            proptest::prop_assert!(used[0] <= a.len() && used[1] <= b.len());
            proptest::prop_assert_eq!(r.records, batch.len());
        }
    }
}
