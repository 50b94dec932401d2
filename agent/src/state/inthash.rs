//! A fast hasher for the state tables keyed by kernel integers (tids,
//! fds, uids). SipHash was a visible share of per-event cost; these keys
//! are single machine words, so one folded 64x64->128 multiply mixes them
//! well. The seed is drawn once per process from std's `RandomState`, so
//! key sets chosen against a fixed hash cannot be precomputed.
//!
//! Owns: [`IntBuild`], the `BuildHasher` of integer-keyed state maps.
//! Must never: be used for string keys from untrusted input (it hashes
//! byte slices correctly but without SipHash's flooding resistance).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;

/// A `HashMap` with integer keys hashed by [`IntBuild`].
pub type IntMap<K, V> = HashMap<K, V, IntBuild>;

const K: u64 = 0x9e37_79b9_7f4a_7c15;

fn seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| RandomState::new().hash_one(0x6c61_6e6e_6572u64))
}

/// Builds [`IntHasher`]s sharing the process-wide seed.
#[derive(Clone, Copy, Debug)]
pub struct IntBuild(u64);

impl Default for IntBuild {
    fn default() -> Self {
        IntBuild(seed())
    }
}

impl BuildHasher for IntBuild {
    type Hasher = IntHasher;
    #[inline]
    fn build_hasher(&self) -> IntHasher {
        IntHasher(self.0)
    }
}

/// Folded-multiply hashing of machine words.
#[derive(Clone, Copy, Debug)]
pub struct IntHasher(u64);

impl IntHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        let p = u128::from(self.0 ^ w) * u128::from(K);
        self.0 = (p as u64) ^ ((p >> 64) as u64);
    }
}

impl Hasher for IntHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        // The length keeps "ab" and "ab\0" apart.
        self.add(u64::from_le_bytes(w) ^ ((bytes.len() as u64) << 56));
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    #[inline]
    fn write_i32(&mut self, n: i32) {
        self.add(n as u32 as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_neighbours_differ() {
        let b = IntBuild::default();
        assert_eq!(b.hash_one(42i64), b.hash_one(42i64));
        let hs: std::collections::HashSet<u64> = (0..1000i64).map(|k| b.hash_one(k)).collect();
        assert_eq!(hs.len(), 1000);
        // Low bits pick the bucket: sequential keys must spread over them.
        let low: std::collections::HashSet<u64> =
            (0..256i64).map(|k| b.hash_one(k) & 0xff).collect();
        assert!(low.len() > 128, "only {} distinct low bytes", low.len());
    }

    #[test]
    fn map_round_trips() {
        let mut m: IntMap<i64, i64> = IntMap::default();
        for k in -50..50 {
            m.insert(k, k * 2);
        }
        assert!((-50..50).all(|k| m.get(&k) == Some(&(k * 2))));
    }
}
