//! A bounded on-disk FIFO of alerts for one output whose destination is
//! down: append-only segment files of checksummed records (`record.rs`),
//! read back in order, surviving a restart of lanner.
//!
//! Owns: the spool directory of one output (segment files `<seq>.seg`, the
//! read position `cursor`, the `lock` that keeps a second user out), the
//! byte budget, and recovering all of it at start.
//! Must never: exceed its byte budget, panic on what it finds on disk
//! (torn or corrupt records are skipped and counted), or reorder alerts.
//!
//! When full, the *newest* alert is refused (the caller counts it as
//! dropped, reason spool full); what is already spooled is kept. Reasons:
//! the oldest undelivered alerts are usually the evidence of how an
//! incident started, and with drop-oldest anyone able to trigger a noisy
//! rule could flush them out of the spool at will; the receiver sees a
//! contiguous stream with one counted gap instead of holes; segments stay
//! append-only. The last 1/16 of `max_bytes` only takes lanner's own
//! alerts (`push(.., reserve = true)`), so the "alerts dropped" alert still
//! reaches the SIEM when the spool is full.
//!
//! Durability: records are written with `write(2)` as they come (a crash of
//! lanner loses nothing) and fsync'ed every `fsync_interval_ms` (0: every
//! record), at segment rotation and at close. The read position is
//! written after each delivered record (`pwrite`, 20 bytes, checksummed) and
//! synced on the same schedule: after a host crash, alerts delivered in the
//! last interval may be sent again (at-least-once), never skipped.
//! At start, a record that is torn or fails its checksum ends the readable
//! part of its segment: the file is cut there and the loss counted as one
//! corrupt record (how many alerts the damaged bytes held is unknowable).

pub mod config;
pub mod record;
mod recover;

pub use self::config::{SpoolConfig, SpoolConfigError};

use self::record::{Frame, HEADER_LEN};
use self::recover::{cursor_bytes, parse_cursor, seg_name};
use super::alert::Alert;
use nix::fcntl::{Flock, FlockArg};
use std::collections::VecDeque;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CURSOR: &str = "cursor";
const LOCK: &str = "lock";
const SEGMENT_EXT: &str = "seg";
/// Bytes read ahead from the oldest segment in one `pread`.
const READ_AHEAD: usize = 64 << 10;

/// Opening or using a spool failed.
#[derive(Debug, thiserror::Error)]
pub enum SpoolError {
    #[error(transparent)]
    Config(#[from] SpoolConfigError),
    #[error("spool {dir}: {what}: {source}")]
    Io {
        dir: PathBuf,
        what: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("spool {0}: directory is in use by another output or process")]
    Locked(PathBuf),
}

/// Why [`Spool::push`] refused an alert.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("spool full")]
    Full,
    #[error("spool write: {0}")]
    Io(#[from] io::Error),
}

/// What [`Spool::open`] found on disk.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Recovered {
    /// Undelivered records read back.
    pub records: u64,
    /// Torn or corrupt regions cut off (each counted as one lost alert).
    pub corrupt: u64,
}

#[derive(Debug)]
struct Segment {
    seq: u64,
    /// Bytes in the file (all of them valid records).
    len: u64,
    /// Undelivered records in it.
    records: u64,
}

/// One output's spool. Single-threaded: owned by the output's thread.
#[derive(Debug)]
pub struct Spool {
    dir: PathBuf,
    max_bytes: u64,
    segment_bytes: u64,
    fsync_interval: Duration,
    _lock: Flock<File>,
    cursor: File,
    /// Oldest first; the last one takes appends.
    segments: VecDeque<Segment>,
    next_seq: u64,
    writer: Option<File>,
    reader: Option<File>,
    /// Read position in `segments[0]`.
    read_off: u64,
    /// Read-ahead of `segments[0]` starting at file offset `rbuf_off`.
    rbuf: Vec<u8>,
    rbuf_off: u64,
    /// End of the record returned by the last `peek`.
    peeked: Option<u64>,
    records: u64,
    bytes: u64,
    wbuf: Vec<u8>,
    dirty: bool,
    last_sync: Instant,
    /// Corrupt records found while reading, not yet taken by the caller.
    corrupt: u64,
}

impl Spool {
    /// Opens (creating if needed) the spool in `cfg.dir` and reads back
    /// what a previous run left undelivered.
    pub fn open(cfg: &SpoolConfig) -> Result<(Spool, Recovered), SpoolError> {
        cfg.validate()?;
        let dir = cfg.dir.clone();
        let io_err = |what: &'static str| {
            let dir = dir.clone();
            move |source| SpoolError::Io { dir, what, source }
        };
        // Alerts carry command lines and user names: owner only.
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(io_err("create directory"))?;
        let lock = OpenOptions::new()
            .mode(0o600)
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK))
            .map_err(io_err("open lock file"))?;
        let lock = Flock::lock(lock, FlockArg::LockExclusiveNonblock)
            .map_err(|_| SpoolError::Locked(dir.clone()))?;
        let cursor = OpenOptions::new()
            .mode(0o600)
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(dir.join(CURSOR))
            .map_err(io_err("open cursor"))?;
        let mut cbuf = Vec::new();
        io::Read::read_to_end(&mut &cursor, &mut cbuf).map_err(io_err("read cursor"))?;
        let (cseq, coff) = parse_cursor(&cbuf).unwrap_or((0, 0));

        let found =
            recover::segments(&dir, cseq, coff).map_err(|(what, source)| SpoolError::Io {
                dir: dir.clone(),
                what,
                source,
            })?;
        let (segments, read_off, next_seq, rec) =
            (found.segments, found.read_off, found.next_seq, found.rec);
        let mut s = Spool {
            dir: dir.clone(),
            max_bytes: cfg.max_bytes,
            segment_bytes: cfg.effective_segment_bytes(),
            fsync_interval: cfg.fsync_interval(),
            _lock: lock,
            cursor,
            bytes: segments.iter().map(|s| s.len).sum(),
            segments,
            next_seq,
            writer: None,
            reader: None,
            read_off,
            rbuf: Vec::new(),
            rbuf_off: 0,
            peeked: None,
            records: rec.records,
            wbuf: Vec::new(),
            dirty: false,
            last_sync: Instant::now(),
            corrupt: 0,
        };
        if s.records == 0 {
            s.reset().map_err(io_err("write cursor"))?;
        }
        Ok((s, rec))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Undelivered records.
    pub fn len(&self) -> u64 {
        self.records
    }

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Bytes on disk (segment files).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Appends `alert`. `reserve`: may use the last 1/16 of the budget
    /// (lanner's own alerts).
    pub fn push(&mut self, alert: &Alert, reserve: bool) -> Result<(), PushError> {
        self.wbuf.clear();
        record::encode_record(alert, &mut self.wbuf);
        let n = self.wbuf.len() as u64;
        let limit = if reserve {
            self.max_bytes
        } else {
            self.max_bytes - self.max_bytes / 16
        };
        if self.bytes + n > limit {
            return Err(PushError::Full);
        }
        let rotate = match self.segments.back() {
            None => true,
            Some(t) => t.len >= self.segment_bytes,
        };
        if rotate {
            self.rotate()?;
        }
        if self.writer.is_none() {
            let seq = self.segments.back().map_or(0, |t| t.seq);
            self.writer = Some(
                OpenOptions::new()
                    .append(true)
                    .open(self.dir.join(seg_name(seq)))?,
            );
        }
        let (Some(w), Some(tail)) = (self.writer.as_mut(), self.segments.back_mut()) else {
            return Err(io::Error::other("no segment to write").into());
        };
        if let Err(e) = w.write_all(&self.wbuf) {
            // A partial record would end the readable part of the segment
            // at the next start: cut it off now.
            let _ = w.set_len(tail.len);
            return Err(e.into());
        }
        tail.len += n;
        tail.records += 1;
        self.bytes += n;
        self.records += 1;
        self.dirty = true;
        if self.fsync_interval.is_zero() {
            self.sync()?;
        }
        Ok(())
    }

    /// Starts a new segment (syncing the one it ends).
    fn rotate(&mut self) -> io::Result<()> {
        if self.writer.is_some() {
            self.sync()?;
        }
        let seq = self.next_seq;
        OpenOptions::new()
            .mode(0o600)
            .write(true)
            .create_new(true)
            .open(self.dir.join(seg_name(seq)))?;
        File::open(&self.dir)?.sync_all()?; // the new name
        self.next_seq += 1;
        self.writer = None;
        self.segments.push_back(Segment {
            seq,
            len: 0,
            records: 0,
        });
        Ok(())
    }

    /// The oldest undelivered alert, without consuming it. A record that
    /// cannot be read or decoded is skipped and counted (see
    /// [`Spool::take_corrupt`]).
    pub fn peek(&mut self) -> io::Result<Option<Alert>> {
        loop {
            let Some(head) = self.segments.front() else {
                return Ok(None);
            };
            if head.records == 0 {
                if self.segments.len() == 1 {
                    return Ok(None);
                }
                self.drop_head()?;
                continue;
            }
            let (seq, len) = (head.seq, head.len);
            if self.reader.is_none() {
                self.reader = Some(File::open(self.dir.join(seg_name(seq)))?);
                self.rbuf.clear();
            }
            let off = self.read_off;
            match self.frame_at(off, len)? {
                Some(plen) => {
                    let start = (off - self.rbuf_off) as usize + HEADER_LEN;
                    let next = off + (HEADER_LEN + plen) as u64;
                    match record::decode_alert(&self.rbuf[start..start + plen]) {
                        Ok(a) => {
                            self.peeked = Some(next);
                            return Ok(Some(a));
                        }
                        Err(_) => {
                            self.peeked = Some(next);
                            self.corrupt += 1;
                            self.commit()?;
                        }
                    }
                }
                None => {
                    // Unreadable from here: the rest of this segment is lost.
                    let lost = head_records(&self.segments);
                    self.corrupt += lost;
                    self.records -= lost;
                    if let Some(h) = self.segments.front_mut() {
                        h.records = 0;
                    }
                    if self.segments.len() == 1 {
                        self.reset()?;
                        return Ok(None);
                    }
                    self.drop_head()?;
                }
            }
        }
    }

    /// Makes sure the record at `off` of the head segment is in `rbuf`:
    /// its payload length, or None if it is not a valid record.
    fn frame_at(&mut self, off: u64, seg_len: u64) -> io::Result<Option<usize>> {
        // Check, read ahead, read the whole (large) record: three rounds.
        for _ in 0..3 {
            let have = self.rbuf_off + self.rbuf.len() as u64;
            if off >= self.rbuf_off && off < have {
                match record::parse_frame(&self.rbuf[(off - self.rbuf_off) as usize..]) {
                    Frame::Record { len } => return Ok(Some(len)),
                    Frame::Corrupt => return Ok(None),
                    Frame::Incomplete if have >= seg_len => return Ok(None),
                    Frame::Incomplete => {}
                }
            }
            // (Re)fill from `off`: at least the whole record if its header
            // is already known, else the read-ahead.
            let want = if off >= self.rbuf_off && off + (HEADER_LEN as u64) <= have {
                let i = (off - self.rbuf_off) as usize;
                let b = &self.rbuf[i..i + 4];
                HEADER_LEN + u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
            } else {
                0
            };
            let n = (seg_len - off).min(want.max(READ_AHEAD) as u64) as usize;
            self.rbuf.resize(n, 0);
            self.rbuf_off = off;
            let Some(r) = self.reader.as_ref() else {
                return Ok(None);
            };
            match r.read_exact_at(&mut self.rbuf, off) {
                Ok(()) => {}
                // Shorter than written: cut by someone else; unreadable.
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                    self.rbuf.clear();
                    return Ok(None);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Consumes the record returned by the last [`Spool::peek`].
    pub fn commit(&mut self) -> io::Result<()> {
        let Some(next) = self.peeked.take() else {
            return Ok(());
        };
        self.read_off = next;
        self.records = self.records.saturating_sub(1);
        let Some(head) = self.segments.front_mut() else {
            return Ok(());
        };
        head.records = head.records.saturating_sub(1);
        let seq = head.seq;
        if self.records == 0 {
            return self.reset();
        }
        if head_records(&self.segments) == 0 && self.segments.len() > 1 {
            return self.drop_head();
        }
        self.cursor.write_all_at(&cursor_bytes(seq, next), 0)?;
        self.dirty = true;
        Ok(())
    }

    /// Consumes the oldest record: the one the last `peek` returned, or
    /// (if none is pending) whatever `peek` finds now.
    pub fn pop(&mut self) -> io::Result<()> {
        if self.peeked.is_none() {
            self.peek()?;
        }
        self.commit()
    }

    /// Deletes the fully delivered oldest segment.
    fn drop_head(&mut self) -> io::Result<()> {
        if let Some(h) = self.segments.pop_front() {
            self.bytes -= h.len;
            self.reader = None;
            self.rbuf.clear();
            self.read_off = 0;
            self.peeked = None;
            let next = self.segments.front().map_or(self.next_seq, |s| s.seq);
            self.cursor.write_all_at(&cursor_bytes(next, 0), 0)?;
            fs::remove_file(self.dir.join(seg_name(h.seq)))?;
        }
        Ok(())
    }

    /// Empty: remove every segment; the next push starts a new one.
    fn reset(&mut self) -> io::Result<()> {
        self.cursor
            .write_all_at(&cursor_bytes(self.next_seq, 0), 0)?;
        for s in self.segments.drain(..) {
            fs::remove_file(self.dir.join(seg_name(s.seq)))?;
        }
        self.writer = None;
        self.reader = None;
        self.rbuf.clear();
        self.read_off = 0;
        self.peeked = None;
        self.records = 0;
        self.bytes = 0;
        Ok(())
    }

    /// Corrupt records skipped by `peek` since the last call.
    pub fn take_corrupt(&mut self) -> u64 {
        std::mem::take(&mut self.corrupt)
    }

    /// When the next periodic fsync is due (None: nothing unsynced).
    pub fn sync_due(&self) -> Option<Instant> {
        self.dirty.then(|| self.last_sync + self.fsync_interval)
    }

    /// fsyncs written records and the read position.
    pub fn sync(&mut self) -> io::Result<()> {
        if let Some(w) = &self.writer {
            w.sync_data()?;
        }
        self.cursor.sync_data()?;
        self.dirty = false;
        self.last_sync = Instant::now();
        Ok(())
    }

    /// [`Spool::sync`] if the interval has passed.
    pub fn maybe_sync(&mut self) -> io::Result<()> {
        match self.sync_due() {
            Some(t) if Instant::now() >= t => self.sync(),
            _ => Ok(()),
        }
    }
}

fn head_records(segments: &VecDeque<Segment>) -> u64 {
    segments.front().map_or(0, |s| s.records)
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = self.sync();
    }
}

#[cfg(test)]
mod tests;
