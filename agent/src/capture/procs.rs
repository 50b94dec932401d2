//! Process list blocks (V1..V9, including the libs 0.10 field order
//! change inside V9 entries).
//!
//! Owns: decoding process-list entries. Must never: read past an entry's
//! declared length or guess a field the entry does not have.

use super::block::{self, Cursor};
use super::fds::FdEntry;
use super::meta::bad;
use super::ReadError;

/// One thread of the process list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcEntry {
    pub tid: i64,
    pub pid: i64,
    pub ptid: i64,
    pub sid: i64,
    pub vpgid: i64,
    pub comm: String,
    /// argv[0].
    pub exe: String,
    pub exepath: String,
    /// argv[1..].
    pub args: Vec<String>,
    pub cwd: String,
    pub fdlimit: u64,
    pub flags: u32,
    pub uid: u32,
    pub gid: u32,
    pub env: Vec<String>,
    pub vtid: i64,
    pub vpid: i64,
    /// "subsys=path" entries.
    pub cgroups: Vec<String>,
    pub root: String,
    pub loginuid: u32,
    pub tty: u32,
    pub cap_inheritable: u64,
    pub cap_permitted: u64,
    pub cap_effective: u64,
    pub exe_ino: u64,
    pub pgid: i64,
    /// Open fds (from the fd list blocks of this tid).
    pub fds: Vec<FdEntry>,
}

/// Index of a process list block type: 1..=9.
fn pl_version(btype: u32) -> u32 {
    match btype {
        0x202 | 0x8000ABCD => 1,
        0x207 | 0x8013ABCD => 2,
        0x209 | 0x8014ABCD => 3,
        0x210 => 4,
        0x211 => 5,
        0x212 => 6,
        0x213 => 7,
        0x214 => 8,
        _ => 9,
    }
}

fn proc_entry(c: &mut Cursor<'_>, v: u32) -> Option<ProcEntry> {
    let start = c.pos;
    let sub_len = if v >= 9 { c.u32()? as usize } else { 0 };
    let mut p = ProcEntry {
        vtid: -1,
        vpid: -1,
        sid: -1,
        vpgid: -1,
        pgid: -1,
        loginuid: u32::MAX,
        ..Default::default()
    };
    p.tid = c.i64()?;
    p.pid = c.i64()?;
    p.ptid = c.i64()?;
    if v >= 6 {
        p.sid = c.i64()?;
    }
    if v >= 8 {
        p.vpgid = c.i64()?;
    }
    p.comm = c.str16()?;
    p.exe = c.str16()?;
    if v >= 7 {
        p.exepath = c.str16()?;
    }
    p.args = c.list16()?;
    p.cwd = c.str16()?;
    p.fdlimit = c.u64()?;
    p.flags = c.u32()?;
    p.uid = c.u32()?;
    p.gid = c.u32()?;
    if v >= 2 {
        // vm sizes and page faults: not kept.
        c.bytes(3 * 4 + 2 * 8)?;
        if v >= 3 {
            p.env = c.list16()?;
        }
        if v >= 4 {
            p.vtid = c.i64()?;
            p.vpid = c.i64()?;
            p.cgroups = c.list16()?;
            if v >= 5 {
                p.root = c.str16()?;
            }
        }
    }
    if sub_len == 0 {
        return Some(p);
    }
    // Fields appended later; present only if the entry is long enough.
    let end = start.checked_add(sub_len)?;
    let fits = |c: &Cursor<'_>, n: usize| c.pos + n <= end;
    // Producers of libs >= 0.10 wrote two fields before loginuid.
    if end.saturating_sub(c.pos) > 29 {
        if fits(c, 8) {
            c.u64()?;
        }
        if fits(c, 4) {
            p.tty = c.u32()?;
        }
    }
    if fits(c, 4) {
        p.loginuid = c.u32()?;
    }
    if fits(c, 1) {
        c.u8()?;
    }
    for cap in [
        &mut p.cap_inheritable,
        &mut p.cap_permitted,
        &mut p.cap_effective,
    ] {
        if fits(c, 8) {
            *cap = c.u64()?;
        }
    }
    if fits(c, 1) {
        c.u8()?;
    }
    if fits(c, 8) {
        p.exe_ino = c.u64()?;
    }
    if fits(c, 16) {
        c.bytes(16)?;
    }
    if fits(c, 2) {
        c.bytes(2)?;
    }
    if fits(c, 8) {
        p.pgid = c.i64()?;
    }
    if c.pos > end {
        return None;
    }
    c.pos = end;
    Some(p)
}

/// Parses a process list block; `out` keeps what was parsed before an error.
pub fn proc_list(b: &block::Block<'_>, out: &mut Vec<ProcEntry>) -> Result<(), ReadError> {
    let v = pl_version(b.btype);
    let mut c = Cursor::new(b.body, b.big_endian);
    while c.remaining() >= 4 {
        let at = c.pos;
        match proc_entry(&mut c, v) {
            Some(p) => out.push(p),
            None => return Err(bad(b.offset, "process list entry", at)),
        }
    }
    Ok(())
}
