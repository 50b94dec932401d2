//! Reading a spool directory back at start: the read position, the
//! segment files after it, and cutting off what is torn or corrupt.
//!
//! Owns: the on-disk names (`<seq>.seg`, 20-byte checksummed `cursor`) and
//! the recovery walk over the segments.
//! Must never: trust a length or a cursor without its checksum, or keep a
//! segment whose tail would break the next append.

use super::record::{self, Frame, HEADER_LEN};
use super::{Recovered, Segment, SEGMENT_EXT};
use std::collections::VecDeque;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

pub(super) fn seg_name(seq: u64) -> String {
    format!("{seq:020}.{SEGMENT_EXT}")
}

pub(super) fn cursor_bytes(seq: u64, off: u64) -> [u8; 20] {
    let mut b = [0u8; 20];
    b[..8].copy_from_slice(&seq.to_le_bytes());
    b[8..16].copy_from_slice(&off.to_le_bytes());
    let mut c = flate2::Crc::new();
    c.update(&b[..16]);
    b[16..].copy_from_slice(&c.sum().to_le_bytes());
    b
}

pub(super) fn parse_cursor(b: &[u8]) -> Option<(u64, u64)> {
    let b: &[u8; 20] = b.try_into().ok()?;
    let mut c = flate2::Crc::new();
    c.update(&b[..16]);
    if c.sum().to_le_bytes() != b[16..] {
        return None;
    }
    let mut seq = [0u8; 8];
    let mut off = [0u8; 8];
    seq.copy_from_slice(&b[..8]);
    off.copy_from_slice(&b[8..16]);
    Some((u64::from_le_bytes(seq), u64::from_le_bytes(off)))
}

/// Walks the records of `data` from `start`: (end of the valid part,
/// records in it, whether something invalid follows).
fn scan(data: &[u8], start: usize) -> (usize, u64, bool) {
    let mut off = start.min(data.len());
    let mut n = 0;
    loop {
        if off == data.len() {
            return (off, n, false);
        }
        match record::parse_frame(&data[off..]) {
            Frame::Record { len } => {
                off += HEADER_LEN + len;
                n += 1;
            }
            Frame::Incomplete | Frame::Corrupt => return (off, n, true),
        }
    }
}

/// What a spool directory holds.
pub(super) struct Found {
    /// Segments with undelivered records, oldest first.
    pub segments: VecDeque<Segment>,
    /// Read position in the first one.
    pub read_off: u64,
    /// Sequence number for the next new segment.
    pub next_seq: u64,
    pub rec: Recovered,
}

fn err(what: &'static str) -> impl Fn(io::Error) -> (&'static str, io::Error) {
    move |e| (what, e)
}

/// Walks the segments of `dir` from the cursor (`cseq`, `coff`): deletes
/// delivered ones, cuts each at its first invalid record (counted).
pub(super) fn segments(
    dir: &Path,
    cseq: u64,
    coff: u64,
) -> Result<Found, (&'static str, io::Error)> {
    let mut seqs = Vec::new();
    for e in fs::read_dir(dir).map_err(err("list"))? {
        let e = e.map_err(err("list"))?;
        let name = e.file_name();
        let Some(stem) = name
            .to_str()
            .and_then(|n| n.strip_suffix(SEGMENT_EXT))
            .and_then(|n| n.strip_suffix('.'))
        else {
            continue;
        };
        if let Ok(seq) = stem.parse::<u64>() {
            seqs.push(seq);
        }
    }
    seqs.sort_unstable();
    let next_seq = seqs.last().copied().unwrap_or(0).max(cseq) + 1;
    let mut rec = Recovered::default();
    let mut segments = VecDeque::new();
    let mut read_off = 0;
    for seq in seqs {
        let path = dir.join(seg_name(seq));
        if seq < cseq {
            fs::remove_file(&path).map_err(err("remove delivered segment"))?;
            continue;
        }
        let data = fs::read(&path).map_err(err("read segment"))?;
        let start = if seq == cseq && segments.is_empty() {
            coff.min(data.len() as u64) as usize
        } else {
            0
        };
        let (end, n, bad) = scan(&data, start);
        if bad {
            rec.corrupt += 1;
            let f = OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(err("open segment"))?;
            f.set_len(end as u64).map_err(err("cut corrupt tail"))?;
        }
        if n == 0 {
            fs::remove_file(&path).map_err(err("remove delivered segment"))?;
            continue;
        }
        if segments.is_empty() {
            read_off = start as u64;
        }
        rec.records += n;
        segments.push_back(Segment {
            seq,
            len: end as u64,
            records: n,
        });
    }
    Ok(Found {
        segments,
        read_off,
        next_seq,
        rec,
    })
}
