//! `fd.*`: the fd the event uses or creates, from the process's fd table
//! (or, for an open that failed, from the record itself).
//!
//! Owns: the fd family of [`EventFields::value`]: names and path parts,
//! types, socket ends by client/server and local/remote role, networks.
//! Must never: look up another process's fds, or allocate for `fd.name`
//! (except an IP socket's, rendered from its tuple when asked).

use super::{bstr, nonempty, EventFields};
use crate::engine::field::Items;
use crate::engine::{Field, FieldArg, Value};
use crate::state::fd::{FdInfo, FdKind};
use lanner_abi as abi;
use std::borrow::Cow;
use std::net::IpAddr;

/// `fd.directory` / `fd.filename` of a path name.
fn split(name: &str) -> Option<(&str, &str)> {
    // A byte search (the last '/'): `rsplit_once` costs several times more
    // on every `fd.directory` and `fd.filename`.
    let at = memchr::memrchr(b'/', name.as_bytes())?;
    let (d, f) = (&name[..at], &name[at + 1..]);
    Some((if d.is_empty() { "/" } else { d }, f))
}

/// (major, minor) of a device number in the kernel's user-visible
/// encoding (12-bit major, 20-bit minor, split as glibc does).
pub fn dev_major_minor(dev: u32) -> (u32, u32) {
    ((dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00))
}

impl EventFields<'_, '_> {
    fn ends(&self, f: &FdInfo, which: Field) -> Option<(IpAddr, u16)> {
        let t = f.tuple?;
        let (l, r) = f.local_remote()?;
        Some(match which {
            Field::FdCip | Field::FdCipName | Field::FdCport | Field::FdCnet => (t.cip, t.cport),
            Field::FdSip | Field::FdSipName | Field::FdSport | Field::FdSnet => (t.sip, t.sport),
            Field::FdLip | Field::FdLipName | Field::FdLport | Field::FdLnet => l,
            _ => r,
        })
    }

    /// The fields Falco still answers for an fd event whose fd is not in
    /// the table: names from the record, a type character by event.
    fn null_fd_field(&self, field: Field) -> Option<Value<'_>> {
        let owned = |s: String| Some(Value::Str(Cow::Owned(s)));
        match field {
            Field::FdName => owned(self.creator_name(false)),
            Field::FdNameraw => owned(self.creator_name(true)),
            Field::FdTypechar => Some(bstr(self.creator_typechar())),
            Field::FdDirectory | Field::FdContainerdirectory => {
                let name = self.creator_name(false);
                let dir = match name.rfind('/') {
                    Some(p) if p != 0 && p < name.len() - 1 => name[..p].to_string(),
                    Some(p) if p != 0 => name,
                    _ => "/".to_string(),
                };
                if field == Field::FdDirectory {
                    owned(dir)
                } else {
                    owned(format!("{}:{dir}", self.container()?.id))
                }
            }
            Field::FdContainername => owned(format!(
                "{}:{}",
                self.container()?.id,
                self.creator_name(false)
            )),
            _ => None,
        }
    }

    pub(super) fn fd_field(&self, field: Field, arg: &FieldArg) -> Option<Value<'_>> {
        if !self.is_fd_event() || self.thread().is_none() {
            return None;
        }
        if field == Field::FdNum {
            return self.fd_num().map(Value::Int);
        }
        if field == Field::FdTypes {
            return self.fd_types(arg);
        }
        // A failed connect is named after its tuple, not the socket.
        let failed_connect = matches!(field, Field::FdName | Field::FdContainername)
            && self.code() == abi::PPME_SOCKET_CONNECT_X
            && self.rawres().is_some_and(|r| r < 0);
        let Some(f) = self.fd_info().filter(|_| !failed_connect) else {
            return self.null_fd_field(field);
        };
        let files = matches!(f.kind, FdKind::File | FdKind::Directory | FdKind::Memfd);
        // Falco splits names only for files and directories.
        let paths = matches!(f.kind, FdKind::File | FdKind::Directory);
        Some(match field {
            // Borrowed, except an IP socket's, named by its tuple.
            Field::FdName => Value::Str(f.name_text()),
            Field::FdNameraw if !f.nameraw.is_empty() => bstr(&f.nameraw),
            Field::FdNameraw => Value::Str(f.name_text()),
            Field::FdNameChanged => {
                Value::Bool(f.renamed_at != 0 && f.renamed_at == self.procs().event_num())
            }
            Field::FdDirectory if paths => {
                if f.kind == FdKind::Directory {
                    bstr(&f.name)
                } else {
                    bstr(split(&f.name)?.0)
                }
            }
            Field::FdFilename if f.kind == FdKind::File => bstr(split(&f.name)?.1),
            Field::FdType => bstr(f.kind.type_str()),
            Field::FdTypechar => bstr(f.kind.typechar()),
            Field::FdL4proto => bstr(f.l4.as_str()),
            Field::FdCproto | Field::FdSproto | Field::FdLproto | Field::FdRproto
                if f.kind.is_ip() =>
            {
                bstr(f.l4.as_str())
            }
            Field::FdSockfamily => match f.kind {
                FdKind::Ipv4 | FdKind::Ipv6 => bstr("ip"),
                FdKind::Unix => bstr("unix"),
                _ => return None,
            },
            Field::FdConnected if f.kind.is_socket() => Value::Bool(f.connected),
            Field::FdIsServer if f.kind.is_socket() => Value::Bool(f.server),
            Field::FdCip | Field::FdSip | Field::FdLip | Field::FdRip => {
                Value::Ip(self.ends(f, field)?.0)
            }
            Field::FdCnet | Field::FdSnet | Field::FdLnet | Field::FdRnet => {
                Value::Ip(self.ends(f, field)?.0)
            }
            Field::FdCipName | Field::FdSipName | Field::FdLipName | Field::FdRipName => {
                Value::Str(Cow::Owned(self.ends(f, field)?.0.to_string()))
            }
            Field::FdCport | Field::FdSport | Field::FdLport | Field::FdRport => {
                Value::Int(i64::from(self.ends(f, field)?.1))
            }
            // Either end: a list, any element matching satisfies the check
            // (borrowed, so checks on it do not allocate).
            Field::FdIp | Field::FdNet => {
                let t = f.tuple?;
                let ends = self
                    .tuple_ips
                    .get_or_init(|| [Value::Ip(t.cip), Value::Ip(t.sip)]);
                Value::List(Items::Borrowed(ends))
            }
            Field::FdPort => {
                let t = f.tuple?;
                Value::list(vec![
                    Value::Int(i64::from(t.cport)),
                    Value::Int(i64::from(t.sport)),
                ])
            }
            Field::FdProto => {
                f.tuple?;
                let p = Value::Str(Cow::Borrowed(f.l4.as_str()));
                Value::list(vec![p.clone(), p])
            }
            Field::FdUid => Value::Str(Cow::Owned(format!(
                "{}{}",
                self.event().tid(),
                self.fd_num()?
            ))),
            Field::FdIno if files => Value::Int(f.ino as i64),
            Field::FdDev if files => Value::Int(i64::from(f.dev)),
            Field::FdDevMajor if files => Value::Int(i64::from(dev_major_minor(f.dev).0)),
            Field::FdDevMinor if files => Value::Int(i64::from(dev_major_minor(f.dev).1)),
            Field::FdIsUpperLayer if files => Value::Bool(f.flags & abi::PPM_FD_UPPER_LAYER != 0),
            Field::FdIsLowerLayer if files => Value::Bool(f.flags & abi::PPM_FD_LOWER_LAYER != 0),
            Field::FdContainername => {
                let c = self.container()?;
                let name = f.name_text();
                nonempty(&name)?;
                Value::Str(Cow::Owned(format!("{}:{name}", c.id)))
            }
            Field::FdContainerdirectory if paths => {
                let c = self.container()?;
                let d = if f.kind == FdKind::Directory {
                    f.name.as_str()
                } else {
                    split(&f.name)?.0
                };
                Value::Str(Cow::Owned(format!("{}:{d}", c.id)))
            }
            _ => return None,
        })
    }

    /// `fd.types`: the types of the fds the event involves (one for
    /// lanner's events), as a list; `fd.types[N]` is fd N's type.
    fn fd_types(&self, arg: &FieldArg) -> Option<Value<'_>> {
        let kind = match arg {
            FieldArg::Index(n) => self.procs().fd(self.event().tid(), i64::from(*n))?.kind,
            _ => self.fd_info()?.kind,
        };
        Some(Value::list(vec![bstr(kind.type_str())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paths_and_devices() {
        assert_eq!(split("/etc/passwd"), Some(("/etc", "passwd")));
        assert_eq!(split("/x"), Some(("/", "x")));
        assert_eq!(split("x"), None);
        // 8:1 (sda1) in the kernel's new encoding.
        assert_eq!(dev_major_minor((8 << 8) | 1), (8, 1));
        let minor = 300u32;
        let dev = (8 << 8) | (minor & 0xff) | ((minor & 0xfff00) << 12);
        assert_eq!(dev_major_minor(dev), (8, 300));
    }
}
