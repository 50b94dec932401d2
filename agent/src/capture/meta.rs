//! The metadata blocks of a capture: machine info, users and groups,
//! network interfaces; the process list and fd lists (`procs`, `fds`) are
//! re-exported here.
//!
//! Owns: decoding those block bodies into owned structs.
//! Must never: panic or read past a body; an entry that does not fit is a
//! located error and the rest of that block is skipped (counted by the
//! caller), never guessed.

use super::block::{self, Cursor};
use super::ReadError;

pub use super::fds::{fd_list, FdEntry, FdKind};
pub use super::procs::{proc_list, ProcEntry};

/// Machine info block (only the fields stable across versions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MachineInfo {
    pub num_cpus: u32,
    pub memory_bytes: u64,
    pub hostname: String,
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

pub(crate) fn bad(offset: u64, what: &'static str, at: usize) -> ReadError {
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
