//! Reading Falco/sysdig `.scap` captures so rules can run on them.
//!
//! Layers, in data-flow order:
//! - `block`: pcapng-style framing (section header with byte-order magic,
//!   `type, length, body, length` blocks), gzip detected by magic.
//! - `meta`: machine info, process list (V1..V9), fd lists, users/groups,
//!   interfaces.
//! - `event`: event blocks (V1 22-byte headers with inferred parameter
//!   counts, V2, EVF with flags, LARGE with u32 lengths).
//! - `schema`: the full event schema (every code, old versions and enter
//!   events), generated data in `schema_table`.
//! - `convert`: each capture event -> an owned record in lanner's current
//!   layout, decodable by `event::decode` exactly like a live record.
//! - `replay`: seeding the process table from the capture and feeding the
//!   records through `pipeline::process_record` (`lanner replay`).
//!
//! The conversion model (see `convert` for details): exit events take the
//! parameter layout of lanner's table for their syscall (old versions map
//! to the current code by name; parameters are matched by name; what the
//! exit lacks is taken from the thread's preceding enter event of the same
//! syscall; anything still missing is an empty parameter). Events lanner's
//! table does not list keep their own (current upstream) code and layout,
//! so `evt.type` still names them. Enter events are also delivered as
//! records with their enter code when the replay mode says so: Falco before
//! 0.42 evaluated rules on enter and exit events, and the regression
//! expectations on the old captures count both (4 opens -> 8 matches).
//!
//! How the legacy counts on `cat_write.scap` arise under this model (cat's
//! thread opens 4 files; its open enters carry no parameters in this old
//! version): `evt.type=open and proc.name=cat` -> 8 (4 enters + 4 exits);
//! `evt.type=open and fd.name=/dev/null` -> 1 (only the exit has the fd);
//! a catch-all `fd.name=/dev/null` after it (first match) -> 6: fstat,
//! read and close of fd 3, each enter (fd parameter) and exit (the fd
//! copied from its enter). `evt.type=execve and proc.name=cat` -> 1 (the
//! capture has only the exit). `evt.dir=<` rules count exits only.
//!
//! Owns: everything about the file format. Must never: panic on any bytes,
//! drop an event without counting why, or touch the live sources.

pub mod block;
pub mod convert;
pub mod event;
pub mod fds;
pub mod fuzz;
pub mod meta;
pub mod options;
pub mod procs;
pub mod replay;
pub mod schema;
mod schema_table;

use std::io::Read;
use std::path::Path;

/// Largest decompressed capture accepted (a guard against gzip bombs).
pub const MAX_CAPTURE_BYTES: u64 = 4 << 30;

/// Why (part of) a capture could not be read. Offsets are byte offsets
/// in the decompressed capture.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("reading {path}: {msg}")]
    Io { path: String, msg: String },
    #[error("gzip stream: {0}")]
    Gzip(String),
    #[error("decompressed capture larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error(
        "offset {offset}: not a scap capture (block type {btype:#x}, expected a section header)"
    )]
    NotScap { offset: u64, btype: u32 },
    #[error("offset {offset}: unknown byte-order magic {magic:#x}")]
    BadMagic { offset: u64, magic: u32 },
    #[error("offset {offset}: truncated block: {need} bytes needed, {have} left")]
    Truncated {
        offset: u64,
        need: usize,
        have: usize,
    },
    #[error("offset {offset}: block {btype:#x} has invalid length {len}")]
    BadBlockLength { offset: u64, btype: u32, len: u32 },
    #[error("offset {offset}: block length {len} but trailer says {trailer}")]
    TrailerMismatch { offset: u64, len: u32, trailer: u32 },
    #[error("offset {offset}: malformed {what} at body byte {at}")]
    Malformed {
        offset: u64,
        what: &'static str,
        at: u64,
    },
    #[error("offset {offset}: bad event: {what}")]
    BadEvent { offset: u64, what: &'static str },
}

impl ReadError {
    /// A short stable reason, for counters.
    pub fn reason(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "io",
            ReadError::Gzip(_) => "gzip",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::NotScap { .. } => "not_scap",
            ReadError::BadMagic { .. } => "bad_magic",
            ReadError::Truncated { .. } => "truncated_block",
            ReadError::BadBlockLength { .. } => "bad_block_length",
            ReadError::TrailerMismatch { .. } => "trailer_mismatch",
            ReadError::Malformed { what, .. } | ReadError::BadEvent { what, .. } => what,
        }
    }
}

/// A capture in memory: its metadata, and its events read lazily.
#[derive(Debug, Default)]
pub struct Capture {
    data: Vec<u8>,
    pub machine: Option<meta::MachineInfo>,
    pub procs: Vec<meta::ProcEntry>,
    pub users: Vec<meta::UserEntry>,
    pub groups: Vec<meta::GroupEntry>,
    pub interfaces: Vec<meta::Interface>,
    /// Section header version of the first section (major, minor).
    pub version: (u16, u16),
    /// Whether the (first) section is big-endian.
    pub big_endian: bool,
    /// Event blocks found.
    pub event_blocks: u64,
    /// Blocks of types this reader does not know, skipped.
    pub unknown_blocks: u64,
    /// Fd lists of threads missing from the process list (not attached).
    pub orphan_fd_lists: u64,
    /// Problems met, each located; the first framing error ends the scan
    /// (a truncated last block is one).
    pub errors: Vec<ReadError>,
}

/// Decompresses if `raw` starts with the gzip magic.
pub fn maybe_gunzip(raw: Vec<u8>, limit: u64) -> Result<Vec<u8>, ReadError> {
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::new();
    let dec = flate2::read::MultiGzDecoder::new(&raw[..]);
    dec.take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Gzip(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(out)
}

impl Capture {
    /// Reads and indexes a capture file (plain or gzip).
    pub fn open(path: &Path) -> Result<Capture, ReadError> {
        let raw = std::fs::read(path).map_err(|e| ReadError::Io {
            path: path.display().to_string(),
            msg: e.to_string(),
        })?;
        Capture::from_bytes(raw)
    }

    /// Indexes a capture held in memory (plain or gzip). Fails only when
    /// nothing of it is usable (not a capture, broken gzip).
    pub fn from_bytes(raw: Vec<u8>) -> Result<Capture, ReadError> {
        Capture::from_bytes_limited(raw, MAX_CAPTURE_BYTES)
    }

    /// `from_bytes` with a smaller bound on the decompressed size.
    pub fn from_bytes_limited(raw: Vec<u8>, limit: u64) -> Result<Capture, ReadError> {
        let data = maybe_gunzip(raw, limit)?;
        let mut cap = Capture::default();
        let mut fds: Vec<(i64, Vec<meta::FdEntry>)> = Vec::new();
        for (i, b) in block::Blocks::new(&data).enumerate() {
            let b = match b {
                Ok(b) => b,
                Err(e) if i == 0 => return Err(e),
                Err(e) => {
                    cap.errors.push(e);
                    break;
                }
            };
            let r = match b.btype {
                block::SHB => {
                    if i == 0 {
                        let mut c = block::Cursor::new(b.body, b.big_endian);
                        let _ = c.u32();
                        cap.version = (c.u16().unwrap_or(0), c.u16().unwrap_or(0));
                        cap.big_endian = b.big_endian;
                    }
                    Ok(())
                }
                t if block::MI.contains(&t) => meta::machine_info(&b).map(|m| {
                    cap.machine = Some(m);
                }),
                t if block::PL.contains(&t) => meta::proc_list(&b, &mut cap.procs),
                t if block::FDL.contains(&t) => {
                    let (tid, list, err) = meta::fd_list(&b);
                    fds.push((tid, list));
                    err.map_or(Ok(()), Err)
                }
                t if block::UL.contains(&t) => meta::user_list(&b, &mut cap.users, &mut cap.groups),
                t if block::IL.contains(&t) => meta::interfaces(&b, &mut cap.interfaces),
                t if block::is_event(t) => {
                    cap.event_blocks += 1;
                    Ok(())
                }
                _ => {
                    cap.unknown_blocks += 1;
                    Ok(())
                }
            };
            if let Err(e) = r {
                cap.errors.push(e);
            }
        }
        let index: std::collections::HashMap<i64, usize> = cap
            .procs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.tid, i))
            .collect();
        for (tid, list) in fds {
            match index.get(&tid).and_then(|i| cap.procs.get_mut(*i)) {
                Some(p) => p.fds.extend(list),
                None => cap.orphan_fd_lists += 1,
            }
        }
        cap.data = data;
        Ok(cap)
    }

    /// The events, in file order. A malformed event is an `Err` item and
    /// reading continues with the next block; a framing error ends it.
    pub fn events(&self) -> impl Iterator<Item = Result<event::ScapEvent<'_>, ReadError>> {
        block::Blocks::new(&self.data).filter_map(|b| match b {
            Ok(b) if block::is_event(b.btype) => Some(event::parse(&b)),
            Ok(_) => None,
            // Already recorded in `errors` by `from_bytes`.
            Err(_) => None,
        })
    }
}

#[cfg(test)]
mod tests;
