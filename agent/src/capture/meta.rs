//! The metadata blocks of a capture: machine info, process list (all block
//! versions), per-process fd lists, users and groups, network interfaces.
//!
//! Owns: decoding those block bodies into owned structs.
//! Must never: panic or read past a body; an entry that does not fit is a
//! located error and the rest of that block is skipped (counted by the
//! caller), never guessed.

use super::block::{self, Cursor};
use super::ReadError;

/// Machine info block (only the fields stable across versions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MachineInfo {
    pub num_cpus: u32,
    pub memory_bytes: u64,
    pub hostname: String,
}

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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserEntry {
    pub uid: u32,
    pub gid: u32,
    pub name: String,
    pub home: String,
    pub shell: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupEntry {
    pub gid: u32,
    pub name: String,
}

/// One interface address (v4 addresses in network order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    pub name: String,
    pub addr: std::net::IpAddr,
}

fn bad(offset: u64, what: &'static str, at: usize) -> ReadError {
    ReadError::Malformed {
        offset,
        what,
        at: at as u64,
    }
}

pub fn machine_info(b: &block::Block<'_>) -> Result<MachineInfo, ReadError> {
    let mut c = Cursor::new(b.body, b.big_endian);
    let num_cpus = c.u32().ok_or(bad(b.offset, "machine info", 0))?;
    let memory_bytes = c.u64().ok_or(bad(b.offset, "machine info", 4))?;
    let _ = c.u64();
    let hostname = c
        .bytes(128.min(c.remaining()))
        .map(|h| String::from_utf8_lossy(h.split(|x| *x == 0).next().unwrap_or(h)).into_owned())
        .unwrap_or_default();
    Ok(MachineInfo {
        num_cpus,
        memory_bytes,
        hostname,
    })
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

/// Parses a user/group list block.
pub fn user_list(
    b: &block::Block<'_>,
    users: &mut Vec<UserEntry>,
    groups: &mut Vec<GroupEntry>,
) -> Result<(), ReadError> {
    let v2 = b.btype == block::UL_V2;
    let mut c = Cursor::new(b.body, b.big_endian);
    while c.remaining() >= 4 {
        let at = c.pos;
        let err = || bad(b.offset, "user list entry", at);
        let sub_len = if v2 {
            c.u32().ok_or_else(err)? as usize
        } else {
            0
        };
        let t = c.u8().ok_or_else(err)?;
        if t == 0 {
            let mut u = UserEntry {
                uid: c.u32().ok_or_else(err)?,
                gid: c.u32().ok_or_else(err)?,
                ..Default::default()
            };
            u.name = c.str16().ok_or_else(err)?;
            u.home = c.str16().ok_or_else(err)?;
            u.shell = c.str16().ok_or_else(err)?;
            users.push(u);
        } else {
            let gid = c.u32().ok_or_else(err)?;
            let name = c.str16().ok_or_else(err)?;
            groups.push(GroupEntry { gid, name });
        }
        if sub_len > 0 {
            let end = at.checked_add(sub_len).ok_or_else(err)?;
            if c.pos > end || end > b.body.len() {
                return Err(err());
            }
            c.pos = end;
        }
    }
    Ok(())
}

/// Parses an interface list block.
pub fn interfaces(b: &block::Block<'_>, out: &mut Vec<Interface>) -> Result<(), ReadError> {
    let v2 = b.btype == block::IL_V2;
    let mut c = Cursor::new(b.body, b.big_endian);
    while c.remaining() >= 4 {
        let at = c.pos;
        let err = || bad(b.offset, "interface entry", at);
        let size = if v2 {
            c.u32().ok_or_else(err)? as usize
        } else {
            0
        };
        let body_at = c.pos;
        let t = c.u16().ok_or_else(err)?;
        let namelen = c.u16().ok_or_else(err)? as usize;
        let addr = match t {
            1 | 3 => {
                let a: [u8; 4] = c.bytes(4).and_then(|x| x.try_into().ok()).ok_or_else(err)?;
                c.bytes(8).ok_or_else(err)?;
                std::net::IpAddr::from(a)
            }
            2 | 4 => {
                let a: [u8; 16] = c
                    .bytes(16)
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(err)?;
                c.bytes(32).ok_or_else(err)?;
                std::net::IpAddr::from(a)
            }
            _ => return Err(err()),
        };
        if t == 1 || t == 2 {
            c.bytes(8).ok_or_else(err)?; // link speed
        }
        let name = c.bytes(namelen).ok_or_else(err)?;
        let name = String::from_utf8_lossy(name.split(|x| *x == 0).next().unwrap_or(name));
        out.push(Interface {
            name: name.into_owned(),
            addr,
        });
        if size > 0 {
            let end = body_at.checked_add(size).ok_or_else(err)?;
            if c.pos > end || end > b.body.len() {
                return Err(err());
            }
            c.pos = end;
        }
    }
    Ok(())
}
