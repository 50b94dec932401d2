//! How records change fd tables: open/openat/openat2/creat,
//! socket/bind/connect/listen/accept/accept4, the send/recv family (tuple
//! updates), dup/dup2/dup3/fcntl(F_DUPFD*), memfd_create, userfaultfd,
//! bpf and close. (pipe, eventfd, signalfd, timerfd, inotify and epoll
//! reach lanner only as generic records without a result, so their fds are
//! learned lazily from /proc when a later record uses them.)
//!
//! Owns: [`ProcTable::apply_fd_event`] (before rules), `close_fd` (after
//! rules), and the decoding of socket tuples
//! and addresses into [`Tuple`]s.
//! Must never: do I/O other than through the table's bounded lazy lookup,
//! or fail on malformed parameters (they leave the table unchanged).

use crate::event::decode::Event;
use crate::event::param::{self, ParamKey};
use crate::event::render;
use crate::event::text::lossy;
use crate::fields::path::resolve_text;
use crate::state::fd::{FdInfo, FdKind, Tuple, L4};
use crate::state::proc::{Home, ProcTable};
use lanner_abi as abi;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

fn port(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

fn ip4(b: &[u8]) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
}

fn ip6(b: &[u8]) -> IpAddr {
    let mut a = [0u8; 16];
    a.copy_from_slice(&b[..16]);
    let v6 = Ipv6Addr::from(a);
    v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4)
}

/// The kind and (for IP) the two ends of a `PT_SOCKTUPLE`.
pub fn parse_tuple(b: &[u8]) -> Option<(FdKind, Option<Tuple>)> {
    let (fam, r) = b.split_first()?;
    match u32::from(*fam) {
        abi::PPM_AF_INET if r.len() >= 12 => Some((
            FdKind::Ipv4,
            Some(Tuple {
                cip: ip4(r),
                cport: port(&r[4..]),
                sip: ip4(&r[6..]),
                sport: port(&r[10..]),
            }),
        )),
        abi::PPM_AF_INET6 if r.len() >= 36 => {
            let t = Tuple {
                cip: ip6(r),
                cport: port(&r[16..]),
                sip: ip6(&r[18..]),
                sport: port(&r[34..]),
            };
            // Falco reports v4-mapped v6 connections as ipv4.
            let kind = if t.cip.is_ipv4() && t.sip.is_ipv4() {
                FdKind::Ipv4
            } else {
                FdKind::Ipv6
            };
            Some((kind, Some(t)))
        }
        abi::PPM_AF_UNIX => Some((FdKind::Unix, None)),
        _ => None,
    }
}

/// Falco's fd name for a socket tuple: `cip:cport->sip:sport`, or the
/// unix socket's path.
fn tuple_name(kind: FdKind, raw: &[u8]) -> String {
    let text = render::socktuple(raw).unwrap_or_default();
    match kind {
        FdKind::Unix => text
            .split_once(' ')
            .map(|(_, p)| p.to_string())
            .unwrap_or_default(),
        _ => text,
    }
}

fn l4_of(domain: u32, ty: u32, proto: u32) -> L4 {
    if domain != abi::PPM_AF_INET && domain != abi::PPM_AF_INET6 {
        return L4::Unknown;
    }
    // SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_RAW 3 (low bits; the rest are
    // SOCK_NONBLOCK/SOCK_CLOEXEC); IPPROTO_ICMP 1, IPPROTO_ICMPV6 58.
    match (ty & 0xf, proto) {
        (_, 1) | (_, 58) => L4::Icmp,
        (1, _) => L4::Tcp,
        (2, _) => L4::Udp,
        (3, _) => L4::Raw,
        _ => L4::Unknown,
    }
}

impl ProcTable {
    /// Applies an fd-related record of thread `ev.tid()` (whose fds are
    /// at `home`, `None` when the thread is unknown); returns its `res`.
    pub(crate) fn apply_fd_event(
        &mut self,
        code: u32,
        ev: &Event<'_>,
        home: Option<Home>,
    ) -> Option<i64> {
        let tid = ev.tid();
        let res = ev.int_of(&param::RES);
        match code {
            abi::PPME_SYSCALL_OPEN_X
            | abi::PPME_SYSCALL_OPENAT_2_X
            | abi::PPME_SYSCALL_OPENAT2_X
            | abi::PPME_SYSCALL_CREAT_X => {
                if let (Some(fd), Some(home)) = (ev.int_of(&param::FD).filter(|fd| *fd >= 0), home)
                {
                    self.put_open(home, fd, code, ev);
                }
            }
            abi::PPME_SYSCALL_MEMFD_CREATE_X => {
                if let Some(fd) = ev.int_of(&param::FD).filter(|fd| *fd >= 0) {
                    let name = ev.str_of(&param::NAME).map(lossy);
                    let name = format!("memfd:{}", name.unwrap_or_default());
                    let flags = ev.int_of(&param::FLAGS).unwrap_or(0) as u32;
                    let info = FdInfo {
                        kind: FdKind::Memfd,
                        name: name.as_str().into(),
                        nameraw: name,
                        // MFD_CLOEXEC is memfd's only fd-level flag.
                        flags: if flags & 1 != 0 {
                            abi::PPM_O_CLOEXEC
                        } else {
                            0
                        },
                        ..FdInfo::default()
                    };
                    self.put_fd_in(home, fd, info);
                }
            }
            abi::PPME_SYSCALL_USERFAULTFD_X => self.put_kind(home, res, FdKind::Userfaultfd),
            abi::PPME_SYSCALL_BPF_2_X => self.put_kind(home, ev.int_of(&param::FD), FdKind::Bpf),
            abi::PPME_SOCKET_SOCKET_X => {
                let Some(fd) = ev.int_of(&param::FD).filter(|fd| *fd >= 0) else {
                    return res;
                };
                let domain = ev.int_of(&param::DOMAIN).unwrap_or(0) as u32;
                let kind = match domain {
                    abi::PPM_AF_INET => FdKind::Ipv4,
                    abi::PPM_AF_INET6 => FdKind::Ipv6,
                    abi::PPM_AF_UNIX => FdKind::Unix,
                    abi::PPM_AF_NETLINK => FdKind::Netlink,
                    _ => FdKind::Unknown,
                };
                let ty = ev.int_of(&param::TYPE).unwrap_or(0) as u32;
                let proto = ev.int_of(&param::PROTO).unwrap_or(0) as u32;
                // SOCK_CLOEXEC (02000000) travels in the type argument.
                let flags = if ty & 0o2000000 != 0 {
                    abi::PPM_O_CLOEXEC
                } else {
                    0
                };
                let info = FdInfo {
                    kind,
                    l4: l4_of(domain, ty, proto),
                    flags,
                    ..FdInfo::default()
                };
                self.put_fd_in(home, fd, info);
            }
            abi::PPME_SOCKET_ACCEPT_5_X | abi::PPME_SOCKET_ACCEPT4_6_X => {
                let Some(fd) = ev.int_of(&param::FD).filter(|fd| *fd >= 0) else {
                    return res;
                };
                let raw = ev.param(param::TUPLE.index_in(ev).unwrap_or(usize::MAX));
                let (kind, tuple) = raw.and_then(parse_tuple).unwrap_or_default();
                let info = FdInfo {
                    kind,
                    // An IP socket is named by its tuple (`name_text`).
                    name: match (raw, tuple) {
                        (Some(r), None) => tuple_name(kind, r).into(),
                        _ => Default::default(),
                    },
                    tuple,
                    l4: if kind.is_ip() { L4::Tcp } else { L4::Unknown },
                    server: true,
                    connected: true,
                    ..FdInfo::default()
                };
                self.put_fd_in(home, fd, info);
            }
            abi::PPME_SOCKET_CONNECT_X => {
                // 0 or EINPROGRESS: the tuple describes the connection.
                if let (Some(0 | -115), Some(home)) = (res, home) {
                    self.update_tuple(home, ev, true);
                }
            }
            abi::PPME_SOCKET_SENDTO_X
            | abi::PPME_SOCKET_SENDMSG_X
            | abi::PPME_SOCKET_RECVFROM_X
            | abi::PPME_SOCKET_RECVMSG_X => {
                if let (true, Some(home)) = (res.is_some_and(|r| r >= 0), home) {
                    self.update_tuple(home, ev, false);
                }
            }
            abi::PPME_SOCKET_BIND_X if res == Some(0) => {
                let fd = ev.int_of(&param::FD).unwrap_or(-1);
                self.ensure_fd(tid, fd);
                let addr = ev.str_of(&param::ADDR).and_then(render::sockaddr);
                if let (Some(a), Some(f)) = (addr, self.fd_mut(tid, fd)) {
                    if !f.has_name() {
                        f.name = a.into();
                    }
                }
            }
            // close is applied after the rules saw the fd (`close_fd`).
            abi::PPME_SYSCALL_CLOSE_X => {}
            abi::PPME_SYSCALL_DUP_1_X | abi::PPME_SYSCALL_DUP2_X | abi::PPME_SYSCALL_DUP3_X => {
                let cloexec = code == abi::PPME_SYSCALL_DUP3_X
                    && ev.int_of(&param::FLAGS).unwrap_or(0) as u32 & abi::PPM_O_CLOEXEC != 0;
                self.dup(tid, ev.int_of(&param::OLDFD), res, cloexec);
            }
            abi::PPME_SYSCALL_FCNTL_X => match ev.int_of("cmd").map(|c| c as u32) {
                Some(abi::PPM_FCNTL_F_DUPFD) => self.dup(tid, ev.int_of(&param::FD), res, false),
                Some(abi::PPM_FCNTL_F_DUPFD_CLOEXEC) => {
                    self.dup(tid, ev.int_of(&param::FD), res, true)
                }
                Some(abi::PPM_FCNTL_F_SETFD) if res == Some(0) => {
                    // FD_CLOEXEC (1) is the only fd flag.
                    let on = ev.int_of("arg").unwrap_or(0) & 1 != 0;
                    let fd = ev.int_of(&param::FD).unwrap_or(-1);
                    self.ensure_fd(tid, fd);
                    if let Some(f) = self.fd_mut(tid, fd) {
                        f.flags = if on {
                            f.flags | abi::PPM_O_CLOEXEC
                        } else {
                            f.flags & !abi::PPM_O_CLOEXEC
                        };
                    }
                }
                _ => self.ensure_fd(tid, ev.int_of(&param::FD).unwrap_or(-1)),
            },
            _ => {
                if let Some(fd) = ev.int_of(&param::FD) {
                    self.ensure_fd(tid, fd);
                }
            }
        }
        res
    }

    /// A successful close, applied after rules looked at the event (they
    /// still see the fd being closed, as in Falco).
    pub(crate) fn close_fd(&mut self, ev: &Event<'_>) {
        if ev.int_of(&param::RES) != Some(0) {
            return;
        }
        if let (Some(fd), Some(tab)) = (ev.int_of(&param::FD), self.table_mut(ev.tid())) {
            tab.remove(fd);
        }
    }

    /// The fd an open-family record created.
    /// Records the fd an open-family call returned. An entry already at
    /// `fd` (reused number) keeps its nameraw buffer, and the name is
    /// shared through the table's [`crate::state::fd::NameCache`] when
    /// another fd has it: opens are the most frequent fd event, and most
    /// open a path opened before, so they allocate nothing.
    fn put_open(&mut self, home: Home, fd: i64, code: u32, ev: &Event<'_>) {
        // The path parameter decoded once: as passed (nameraw) and resolved.
        let (raw, name) = match param::NAME.index_in(ev) {
            Some(i) => {
                let raw = ev.value(i).and_then(|v| v.as_bytes()).map(lossy);
                let raw = raw.unwrap_or_default();
                let name = resolve_text(self, ev, i, raw.clone());
                (raw, name)
            }
            None => Default::default(),
        };
        let flags = if code == abi::PPME_SYSCALL_CREAT_X {
            abi::PPM_O_CREAT | abi::PPM_O_WRONLY | abi::PPM_O_TRUNC
        } else {
            ev.int_of(&param::FLAGS).unwrap_or(0) as u32
        };
        let kind = if flags & abi::PPM_O_DIRECTORY != 0 {
            FdKind::Directory
        } else {
            FdKind::File
        };
        let (dev, ino) = (
            ev.int_of(&param::DEV).unwrap_or(0) as u32,
            ev.int_of(&param::INO).unwrap_or(0) as u64,
        );
        let Some(table) = self.fdtabs.get_mut(&home.fdtab) else {
            return;
        };
        let names = &mut self.names;
        let stored = table.upsert(fd, |old| {
            // Every field set in place (the pattern is exhaustive, so a new
            // field must be handled here): no moves of the whole entry.
            let FdInfo {
                kind: old_kind,
                name: old_name,
                nameraw: raw_buf,
                flags: old_flags,
                dev: old_dev,
                ino: old_ino,
                l4,
                tuple,
                server,
                connected,
                renamed_at,
            } = old;
            // A name another fd has (the same file opened again) is shared.
            *old_name = names.get(&name);
            // nameraw stays empty when it equals the name (fd.nameraw falls
            // back to fd.name).
            raw_buf.clear();
            // (A clean path comes back as the same text: no compare.)
            let same = std::ptr::eq(raw.as_ptr(), name.as_ptr()) && raw.len() == name.len();
            if !same && raw != name {
                raw_buf.push_str(&raw);
            }
            (*old_kind, *old_flags, *old_dev, *old_ino) = (kind, flags, dev, ino);
            (*l4, *tuple, *server, *connected, *renamed_at) = (L4::Unknown, None, false, false, 0);
        });
        if !stored {
            self.stats.fd_refused += 1;
        }
    }

    fn table_mut(&mut self, tid: i64) -> Option<&mut crate::state::fd::FdTable> {
        let key = self.get(tid)?.fdtab;
        self.fdtabs.get_mut(&key)
    }

    fn fd_mut(&mut self, tid: i64, fd: i64) -> Option<&mut FdInfo> {
        self.table_mut(tid)?.get_mut(fd)
    }

    fn put_fd(&mut self, tid: i64, fd: i64, info: FdInfo) {
        let home = self.get(tid).map(Home::of);
        self.put_fd_in(home, fd, info);
    }

    /// [`ProcTable::put_fd`] for a thread already looked up.
    fn put_fd_in(&mut self, home: Option<Home>, fd: i64, info: FdInfo) {
        let tab = home.and_then(|h| self.fdtabs.get_mut(&h.fdtab));
        let ok = tab.map(|t| t.insert(fd, info));
        if ok == Some(false) {
            self.stats.fd_refused += 1;
        }
    }

    fn put_kind(&mut self, home: Option<Home>, fd: Option<i64>, kind: FdKind) {
        if let Some(fd) = fd.filter(|fd| *fd >= 0) {
            self.put_fd_in(
                home,
                fd,
                FdInfo {
                    kind,
                    ..FdInfo::default()
                },
            );
        }
    }

    fn dup(&mut self, tid: i64, old: Option<i64>, new: Option<i64>, cloexec: bool) {
        let (Some(old), Some(new)) = (old, new) else {
            return;
        };
        if new < 0 {
            return;
        }
        self.ensure_fd(tid, old);
        let Some(mut info) = self.fd(tid, old).cloned() else {
            // Unknown source: the target no longer refers to what it did.
            if let Some(t) = self.table_mut(tid) {
                t.remove(new);
            }
            return;
        };
        info.flags &= !abi::PPM_O_CLOEXEC;
        if cloexec {
            info.flags |= abi::PPM_O_CLOEXEC;
        }
        self.put_fd(tid, new, info);
    }

    /// Applies the tuple of a connect or send/recv record to its fd;
    /// `connect` marks the fd connected as the client end.
    fn update_tuple(&mut self, home: Home, ev: &Event<'_>, connect: bool) {
        let Some(fd) = ev.int_of(&param::FD) else {
            return;
        };
        let num = self.event_num();
        let raw = ev.param(param::TUPLE.index_in(ev).unwrap_or(usize::MAX));
        let parsed = raw.filter(|r| !r.is_empty()).and_then(parse_tuple);
        let Some(tab) = self.ensure_fd_in(home, fd) else {
            return;
        };
        if connect && tab.get(fd).is_none() {
            // A socket from before the stream (and /proc did not say).
            let kind = parsed.map_or(FdKind::Unknown, |p| p.0);
            let info = FdInfo {
                kind,
                l4: if kind.is_ip() { L4::Tcp } else { L4::Unknown },
                ..FdInfo::default()
            };
            if !tab.insert(fd, info) {
                self.stats.fd_refused += 1;
                return;
            }
        }
        let Some(f) = tab.get_mut(fd) else {
            return;
        };
        if connect {
            f.connected = true;
            f.server = false;
        }
        let (Some((kind, tuple)), Some(raw)) = (parsed, raw) else {
            return;
        };
        let named = f.has_name();
        match tuple {
            // IP: named by the tuple itself, rendered only when asked.
            Some(t) => {
                let same = if f.name.is_empty() {
                    f.tuple == Some(t)
                } else {
                    f.name == t.text()
                };
                if same {
                    return;
                }
                f.name.clear();
                f.tuple = Some(t);
            }
            None => {
                let name = tuple_name(kind, raw);
                if name.is_empty() || name == f.name_text() {
                    return;
                }
                f.name = name.into();
            }
        }
        if named {
            f.renamed_at = num;
        }
        if f.kind == FdKind::Unknown || (f.kind.is_ip() && kind.is_ip()) {
            f.kind = kind;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::tests::{rec, P};
    use crate::state::ThreadInfo;

    fn table() -> ProcTable {
        let mut p = ProcTable::new(8);
        p.seed([ThreadInfo {
            tid: 7,
            pid: 7,
            cwd: "/srv".into(),
            ..Default::default()
        }]);
        p
    }

    fn apply(p: &mut ProcTable, r: &[u8]) {
        let ev = Event::parse(r).unwrap();
        p.apply_pre(&ev);
        p.apply_post(&ev);
    }

    #[test]
    fn fcntl_dups_and_cloexec_memfd_userfaultfd_bpf() {
        let mut p = table();
        let open = rec(
            abi::PPME_SYSCALL_OPEN_X,
            1,
            7,
            &[
                ("fd", P::N(3)),
                ("name", P::S("data/x")),
                ("flags", P::N(1)),
            ],
        );
        apply(&mut p, &open);
        assert_eq!(p.fd(7, 3).unwrap().name, "/srv/data/x");
        let fcntl = |res: i64, cmd: u32, arg: i64| {
            rec(
                abi::PPME_SYSCALL_FCNTL_X,
                2,
                7,
                &[
                    ("res", P::N(res)),
                    ("fd", P::N(3)),
                    ("cmd", P::N(i64::from(cmd))),
                    ("arg", P::N(arg)),
                ],
            )
        };
        apply(&mut p, &fcntl(10, abi::PPM_FCNTL_F_DUPFD_CLOEXEC, 10));
        let d = p.fd(7, 10).unwrap();
        assert_eq!(d.name, "/srv/data/x");
        assert!(d.flags & abi::PPM_O_CLOEXEC != 0);
        apply(&mut p, &fcntl(0, abi::PPM_FCNTL_F_SETFD, 1));
        assert!(p.fd(7, 3).unwrap().flags & abi::PPM_O_CLOEXEC != 0);
        let memfd = rec(
            abi::PPME_SYSCALL_MEMFD_CREATE_X,
            3,
            7,
            &[
                ("fd", P::N(4)),
                ("name", P::S("payload")),
                ("flags", P::N(0)),
            ],
        );
        apply(&mut p, &memfd);
        let m = p.fd(7, 4).unwrap();
        assert_eq!((m.kind, m.name.as_str()), (FdKind::Memfd, "memfd:payload"));
        let uffd = rec(
            abi::PPME_SYSCALL_USERFAULTFD_X,
            4,
            7,
            &[("res", P::N(5)), ("flags", P::N(0))],
        );
        apply(&mut p, &uffd);
        assert_eq!(p.fd(7, 5).unwrap().kind, FdKind::Userfaultfd);
        let bpf = rec(
            abi::PPME_SYSCALL_BPF_2_X,
            5,
            7,
            &[("fd", P::N(6)), ("cmd", P::N(0))],
        );
        apply(&mut p, &bpf);
        assert_eq!(p.fd(7, 6).unwrap().kind, FdKind::Bpf);
        // A failed open creates nothing.
        let bad = rec(
            abi::PPME_SYSCALL_OPEN_X,
            6,
            7,
            &[("fd", P::N(-2)), ("name", P::S("/nope"))],
        );
        apply(&mut p, &bad);
        assert_eq!(p.fd_table(p.get(7).unwrap()).unwrap().len(), 5);
    }

    #[test]
    fn sockets_bind_connect_and_unix_tuples() {
        let mut p = table();
        let sock = |fd: i64, domain: u32, ty: i64| {
            rec(
                abi::PPME_SOCKET_SOCKET_X,
                1,
                7,
                &[
                    ("fd", P::N(fd)),
                    ("domain", P::N(i64::from(domain))),
                    ("type", P::N(ty)),
                    ("proto", P::N(0)),
                ],
            )
        };
        apply(&mut p, &sock(3, abi::PPM_AF_INET, 2));
        apply(&mut p, &sock(4, abi::PPM_AF_UNIX, 1 | 0o2000000));
        let s = p.fd(7, 3).unwrap();
        assert_eq!((s.kind, s.l4), (FdKind::Ipv4, L4::Udp));
        assert!(p.fd(7, 4).unwrap().flags & abi::PPM_O_CLOEXEC != 0);
        let mut addr = vec![abi::PPM_AF_INET as u8, 0, 0, 0, 0];
        addr.extend_from_slice(&53u16.to_le_bytes());
        let bind = rec(
            abi::PPME_SOCKET_BIND_X,
            2,
            7,
            &[("res", P::N(0)), ("addr", P::B(addr)), ("fd", P::N(3))],
        );
        apply(&mut p, &bind);
        assert_eq!(p.fd(7, 3).unwrap().name, "0.0.0.0:53");
        let mut t = vec![abi::PPM_AF_UNIX as u8];
        t.extend_from_slice(&1u64.to_le_bytes());
        t.extend_from_slice(&2u64.to_le_bytes());
        t.extend_from_slice(b"/run/docker.sock\0");
        let connect = |res: i64, tuple: Vec<u8>| {
            rec(
                abi::PPME_SOCKET_CONNECT_X,
                3,
                7,
                &[("res", P::N(res)), ("tuple", P::B(tuple)), ("fd", P::N(4))],
            )
        };
        apply(&mut p, &connect(-111, t.clone()));
        assert!(
            !p.fd(7, 4).unwrap().connected,
            "refused connects change nothing"
        );
        apply(&mut p, &connect(0, t));
        let u = p.fd(7, 4).unwrap();
        assert_eq!((u.name.as_str(), u.connected), ("/run/docker.sock", true));
        // A v4-mapped v6 tuple is an ipv4 connection.
        let mut six = vec![abi::PPM_AF_INET6 as u8];
        for (ip, port) in [([10u8, 0, 0, 1], 1000u16), ([10, 0, 0, 2], 80)] {
            let mut a = [0u8; 16];
            a[10] = 0xff;
            a[11] = 0xff;
            a[12..].copy_from_slice(&ip);
            six.extend_from_slice(&a);
            six.extend_from_slice(&port.to_le_bytes());
        }
        let (kind, tuple) = parse_tuple(&six).unwrap();
        assert_eq!(kind, FdKind::Ipv4);
        assert_eq!(tuple.unwrap().sip, IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)));
        assert!(parse_tuple(&[abi::PPM_AF_INET as u8, 1, 2]).is_none());
    }

    #[test]
    fn tuples_render_like_the_record_renderer() {
        let mut mapped = [0u8; 16];
        mapped[10] = 0xff;
        mapped[11] = 0xff;
        mapped[12..].copy_from_slice(&[10, 0, 0, 9]);
        let mut six = [0u8; 16];
        six[0] = 0xfe;
        six[1] = 0x80;
        six[15] = 1;
        for (fam, c, cp, s, sp) in [
            (
                abi::PPM_AF_INET,
                &[10u8, 0, 0, 1][..],
                40000u16,
                &[10u8, 1, 2, 3][..],
                443u16,
            ),
            (
                abi::PPM_AF_INET,
                &[0, 0, 0, 0],
                0,
                &[255, 255, 255, 255],
                65535,
            ),
            (abi::PPM_AF_INET6, &mapped, 1, &six, 22),
            (abi::PPM_AF_INET6, &six, 8080, &[0; 16], 0),
        ] {
            let mut raw = vec![fam as u8];
            raw.extend_from_slice(c);
            raw.extend_from_slice(&cp.to_le_bytes());
            raw.extend_from_slice(s);
            raw.extend_from_slice(&sp.to_le_bytes());
            let want = render::socktuple(&raw).unwrap();
            let (_, t) = parse_tuple(&raw).unwrap();
            assert_eq!(t.unwrap().text(), want);
            let f = FdInfo {
                tuple: t,
                ..FdInfo::default()
            };
            assert_eq!((f.name_text(), f.has_name()), (want.into(), true));
        }
    }
}
