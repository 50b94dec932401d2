//! The `capture_reader` fuzz target's body (`lanner::capture::fuzz`) under
//! proptest, so `cargo test` exercises it without cargo-fuzz: random bytes,
//! random blocks after a valid section header, and mutations (byte flips,
//! truncation) of a real capture.

use lanner::capture::fuzz::exercise;
use lanner::capture::{maybe_gunzip, MAX_CAPTURE_BYTES};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cat_write() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/falco/captures/cat_write.scap"
        );
        // Absent shared data: the mutation test has nothing to mutate and
        // says so; the random-bytes tests still run.
        match std::fs::read(p) {
            Ok(b) => maybe_gunzip(b, MAX_CAPTURE_BYTES).unwrap(),
            Err(e) => {
                eprintln!("!!!!!!!! UPSTREAM TEST DATA ABSENT: {p}: {e}; mutated_real_capture checked NOTHING");
                Vec::new()
            }
        }
    })
}

/// A little-endian section header block.
fn shb() -> Vec<u8> {
    let mut v = Vec::new();
    for w in [0x0A0D0D0Au32, 28, 0x1A2B3C4D] {
        v.extend_from_slice(&w.to_le_bytes());
    }
    v.extend_from_slice(&1u16.to_le_bytes());
    v.extend_from_slice(&2u16.to_le_bytes());
    v.extend_from_slice(&u64::MAX.to_le_bytes());
    v.extend_from_slice(&28u32.to_le_bytes());
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&data);
    }

    #[test]
    fn random_blocks_after_a_header(
        blocks in proptest::collection::vec(
            (prop::sample::select(vec![0x201u32, 0x203, 0x204, 0x205, 0x206, 0x208, 0x212,
                0x215, 0x216, 0x217, 0x218, 0x219, 0x220, 0x221, 0x222]),
             proptest::collection::vec(any::<u8>(), 0..300)),
            0..8)
    ) {
        let mut f = shb();
        for (t, body) in blocks {
            let pad = (4 - body.len() % 4) % 4;
            let len = (12 + body.len() + pad) as u32;
            f.extend_from_slice(&t.to_le_bytes());
            f.extend_from_slice(&len.to_le_bytes());
            f.extend_from_slice(&body);
            f.extend(std::iter::repeat_n(0u8, pad));
            f.extend_from_slice(&len.to_le_bytes());
        }
        exercise(&f);
    }

    #[test]
    fn mutated_real_capture(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut f = cat_write().to_vec();
        if f.is_empty() {
            return Ok(());
        }
        for (i, b) in flips {
            let at = i.index(f.len());
            f[at] = b;
        }
        let keep = cut.index(f.len() + 1);
        f.truncate(keep.max(f.len() / 2));
        exercise(&f);
    }
}
