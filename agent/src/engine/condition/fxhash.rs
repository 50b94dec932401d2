//! A fast non-cryptographic hasher for the compiler's constant sets (`in`
//! lists, `pmatch` prefixes). The sets are built once from rules and only
//! queried afterwards, so SipHash's flooding resistance buys nothing here
//! while costing more than the comparison it replaces.
//!
//! Owns: [`FxBuild`], the `BuildHasher` of those sets.
//! Must never: be used for tables that untrusted input can grow.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing of 8-byte words (the rustc "Fx" scheme).
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxBuild = BuildHasherDefault<FxHasher>;
pub(super) type FxHashSet<T> = std::collections::HashSet<T, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_work() {
        let s: FxHashSet<Box<str>> = ["a", "bb", "a longer string here"]
            .iter()
            .map(|x| Box::from(*x))
            .collect();
        assert!(s.contains("bb") && s.contains("a longer string here") && !s.contains("b"));
        let i: FxHashSet<i64> = [1, -1, 1 << 40].into_iter().collect();
        assert!(i.contains(&-1) && !i.contains(&2));
    }
}
