//! Fd list blocks: the open fds of one thread (files, sockets, pipes...).
//!
//! Owns: decoding fd entries. Must never: skip an entry of unknown type
//! without a length to skip by (that is an error, the block stops there).

use super::block::{self, Cursor};
use super::meta::bad;
use super::ReadError;

/// What an fd refers to (scap fd types; addresses in network order as u32).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FdKind {
    /// Files, directories, fifos, event fds ...: the scap type code and name.
    Named {
        scap_type: u8,
    },
    /// Regular file with its open flags (and device when recorded).
    File {
        open_flags: u32,
        dev: Option<u32>,
    },
    Ipv4 {
        sip: [u8; 4],
        dip: [u8; 4],
        sport: u16,
        dport: u16,
        l4proto: u8,
    },
    Ipv4Server {
        ip: [u8; 4],
        port: u16,
        l4proto: u8,
    },
    Ipv6 {
        sip: [u8; 16],
        dip: [u8; 16],
        sport: u16,
        dport: u16,
        l4proto: u8,
    },
    Ipv6Server {
        ip: [u8; 16],
        port: u16,
        l4proto: u8,
    },
    Unix {
        source: u64,
        dest: u64,
    },
    /// A type this reader does not know (newer producer): name unknown.
    Unsupported {
        scap_type: u8,
    },
}

/// One fd of a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FdEntry {
    pub fd: i64,
    pub ino: u64,
    pub kind: FdKind,
    /// Path or socket path; empty for network sockets.
    pub name: String,
}

impl FdEntry {
    /// Falco's `fd.typechar` for this entry.
    pub fn typechar(&self) -> char {
        match &self.kind {
            FdKind::File { .. } => 'f',
            FdKind::Ipv4 { .. } | FdKind::Ipv4Server { .. } => '4',
            FdKind::Ipv6 { .. } | FdKind::Ipv6Server { .. } => '6',
            FdKind::Unix { .. } => 'u',
            FdKind::Named { scap_type } => match scap_type {
                1 => 'f',
                2 => 'd',
                7 => 'p',
                9 => 'e',
                11 => 's',
                12 => 'l',
                13 => 'i',
                14 => 't',
                15 => 'n',
                17 => 'b',
                18 => 'u',
                19 => 'r',
                20 => 'm',
                21 => 'P',
                _ => 'o',
            },
            FdKind::Unsupported { .. } => 'o',
        }
    }
}

fn fd_entry(c: &mut Cursor<'_>, v2: bool) -> Option<FdEntry> {
    let start = c.pos;
    let sub_len = if v2 { c.u32()? as usize } else { 0 };
    let fd = c.i64()?;
    let ino = c.u64()?;
    let t = c.u8()?;
    let mut name = String::new();
    let ip4 = |c: &mut Cursor<'_>| -> Option<[u8; 4]> { c.bytes(4)?.try_into().ok() };
    let ip6 = |c: &mut Cursor<'_>| -> Option<[u8; 16]> { c.bytes(16)?.try_into().ok() };
    let kind = match t {
        3 => FdKind::Ipv4 {
            sip: ip4(c)?,
            dip: ip4(c)?,
            sport: c.u16()?,
            dport: c.u16()?,
            l4proto: c.u8()?,
        },
        5 => FdKind::Ipv4Server {
            ip: ip4(c)?,
            port: c.u16()?,
            l4proto: c.u8()?,
        },
        4 => FdKind::Ipv6 {
            sip: ip6(c)?,
            dip: ip6(c)?,
            sport: c.u16()?,
            dport: c.u16()?,
            l4proto: c.u8()?,
        },
        6 => FdKind::Ipv6Server {
            ip: ip6(c)?,
            port: c.u16()?,
            l4proto: c.u8()?,
        },
        8 => {
            let k = FdKind::Unix {
                source: c.u64()?,
                dest: c.u64()?,
            };
            name = c.str16()?;
            k
        }
        16 => {
            let open_flags = c.u32()?;
            name = c.str16()?;
            let dev = if sub_len >= c.pos - start + 4 && sub_len > 0 {
                Some(c.u32()?)
            } else {
                None
            };
            FdKind::File { open_flags, dev }
        }
        1 | 2 | 7 | 9..=15 | 17..=21 => {
            name = c.str16()?;
            FdKind::Named { scap_type: t }
        }
        _ => FdKind::Unsupported { scap_type: t },
    };
    if sub_len > 0 {
        let end = start.checked_add(sub_len)?;
        if c.pos > end {
            return None;
        }
        c.pos = end;
    } else if matches!(kind, FdKind::Unsupported { .. }) {
        // Without a length the rest of the entry cannot be skipped.
        return None;
    }
    Some(FdEntry {
        fd,
        ino,
        kind,
        name,
    })
}

/// Parses an fd list block: the tid and its fds.
pub fn fd_list(b: &block::Block<'_>) -> (i64, Vec<FdEntry>, Option<ReadError>) {
    let v2 = b.btype == block::FDL_V2;
    let mut c = Cursor::new(b.body, b.big_endian);
    let Some(tid) = c.i64() else {
        return (0, vec![], Some(bad(b.offset, "fd list tid", 0)));
    };
    let mut fds = Vec::new();
    while c.remaining() >= 4 {
        let at = c.pos;
        match fd_entry(&mut c, v2) {
            Some(f) => fds.push(f),
            None => return (tid, fds, Some(bad(b.offset, "fd list entry", at))),
        }
    }
    (tid, fds, None)
}
