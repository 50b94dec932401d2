//! Network connection events over IPv4 loopback: socket, bind, connect,
//! listen, accept, accept4 (data transfer is in netio.rs).
//!
//! Owns: a loopback TCP connection per test (listener, client, accepted
//! socket, set up outside the capture unless the call is under test) and
//! the expected scap socket addresses and tuples, built byte by byte from
//! the addresses the test used and the ports getsockname reported.
//! Must never: use the network beyond 127.0.0.1 or block (every call here
//! completes immediately on loopback).

use super::{calls, Test, ME};
use crate::expect::{bytes, int, sockaddr_in, tuple_in, Want};
use crate::harness::Ctx;
use crate::sys::{self, err};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "net.socket",
        run: socket,
    },
    Test {
        name: "net.bind",
        run: bind,
    },
    Test {
        name: "net.connect",
        run: connect,
    },
    Test {
        name: "net.listen",
        run: listen,
    },
    Test {
        name: "net.accept",
        run: accept,
    },
    Test {
        name: "net.accept4",
        run: accept4,
    },
];

pub(super) const LO: [u8; 4] = [127, 0, 0, 1];

/// A port unlikely to be taken: derived from the pid and a per-test salt.
pub(super) fn port(salt: u16) -> u16 {
    20000 + ((std::process::id() as u16).wrapping_mul(7) % 20000) + salt
}

pub(super) fn sin(port: u16) -> libc::sockaddr_in {
    libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from_ne_bytes(LO),
        },
        sin_zero: [0; 8],
    }
}

pub(super) const SIN_LEN: u32 = std::mem::size_of::<libc::sockaddr_in>() as u32;

pub(super) fn tcp() -> i32 {
    // SAFETY: socket(2) with constant arguments.
    unsafe { libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) }
}

/// Local port of a socket.
pub(super) fn local_port(fd: i32) -> u16 {
    let mut a = sin(0);
    let mut len = SIN_LEN;
    // SAFETY: getsockname into a sockaddr_in of the length given.
    unsafe { libc::getsockname(fd, (&mut a as *mut libc::sockaddr_in).cast(), &mut len) };
    u16::from_be(a.sin_port)
}

/// Local port of an IPv6 socket.
pub(super) fn local_port6(fd: i32) -> u16 {
    // SAFETY: sockaddr_in6 is plain data; zero is a valid value.
    let mut a: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_in6>() as u32;
    // SAFETY: getsockname into a sockaddr_in6 of the length given.
    unsafe { libc::getsockname(fd, (&mut a as *mut libc::sockaddr_in6).cast(), &mut len) };
    u16::from_be(a.sin6_port)
}

/// A listener on 127.0.0.1:`port` with backlog `backlog`.
pub(super) fn listener(port: u16, backlog: i32) -> i32 {
    let s = tcp();
    let a = sin(port);
    let one: i32 = 1;
    // SAFETY: setsockopt/bind/listen on our socket with a valid address.
    unsafe {
        libc::setsockopt(
            s,
            libc::SOL_SOCKET,
            libc::SO_REUSEADDR,
            (&one as *const i32).cast(),
            4,
        );
        libc::bind(s, (&a as *const libc::sockaddr_in).cast(), SIN_LEN);
        libc::listen(s, backlog);
    }
    s
}

/// Listener, connected client and accepted server socket.
pub(super) struct Conn {
    pub(super) l: i32,
    pub(super) c: i32,
    pub(super) a: i32,
    pub(super) port: u16,
    pub(super) cport: u16,
}

impl Conn {
    pub(super) fn new(salt: u16) -> Conn {
        let port = port(salt);
        let l = listener(port, 8);
        let c = tcp();
        let addr = sin(port);
        // SAFETY: connect/accept on our sockets with a valid address.
        let a = unsafe {
            libc::connect(c, (&addr as *const libc::sockaddr_in).cast(), SIN_LEN);
            libc::accept4(
                l,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                libc::SOCK_CLOEXEC,
            )
        };
        Conn {
            l,
            c,
            a,
            port,
            cport: local_port(c),
        }
    }

    /// Tuple of the client side (client -> server).
    pub(super) fn out(&self) -> Want {
        bytes(tuple_in(LO, self.cport, LO, self.port))
    }

    /// Tuple of the server side (peer = client first, then local).
    pub(super) fn inbound(&self) -> Want {
        bytes(tuple_in(LO, self.cport, LO, self.port))
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        for fd in [self.a, self.c, self.l] {
            sys::close(i64::from(fd));
        }
    }
}

fn socket(ctx: &mut Ctx<'_>) {
    let ty = libc::SOCK_STREAM | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK;
    let ((a, b), cap) = captured!(ctx, "socket", &["socket"], || {
        let a = sys!(libc::SYS_socket, libc::AF_INET, ty, 0);
        (
            a,
            sys!(
                libc::SYS_socket,
                libc::AF_INET,
                libc::SOCK_STREAM,
                libc::IPPROTO_UDP
            ),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_SOCKET_X,
        ME,
        vec![
            (
                "success_inet_stream",
                vec![
                    ("fd", int(a)),
                    ("domain", int(abi::PPM_AF_INET)),
                    ("type", int(ty)),
                    ("proto", int(0)),
                    ("flags", int(abi::PPM_O_CLOEXEC | abi::PPM_O_NONBLOCK)),
                ],
            ),
            (
                "failure_eprotonosupport",
                vec![
                    ("fd", int(b)),
                    ("domain", int(abi::PPM_AF_INET)),
                    ("type", int(libc::SOCK_STREAM)),
                    ("proto", int(libc::IPPROTO_UDP)),
                    ("flags", int(0)),
                ],
            ),
        ],
    );
    sys::close(a);
}

fn bind(ctx: &mut Ctx<'_>) {
    let p = port(1);
    let (s1, s2) = (tcp(), tcp());
    let addr = sin(p);
    let ((a, b), cap) = captured!(ctx, "bind", &["bind"], || {
        let ap = &addr as *const libc::sockaddr_in;
        (
            sys!(libc::SYS_bind, s1, ap, SIN_LEN),
            sys!(libc::SYS_bind, s2, ap, SIN_LEN),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_BIND_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("addr", bytes(sockaddr_in(LO, p))),
                    ("fd", int(s1)),
                ],
            ),
            (
                "failure_eaddrinuse",
                vec![
                    ("res", int(b)),
                    ("addr", bytes(sockaddr_in(LO, p))),
                    ("fd", int(s2)),
                ],
            ),
        ],
    );
    for fd in [s1, s2] {
        sys::close(i64::from(fd));
    }
}

fn connect(ctx: &mut Ctx<'_>) {
    let p = port(2);
    let l = listener(p, 4);
    let (c1, c2) = (tcp(), tcp());
    let (ok, closed) = (sin(p), sin(p + 1));
    let ((a, b), cap) = captured!(ctx, "connect", &["connect"], || {
        let a = sys!(
            libc::SYS_connect,
            c1,
            &ok as *const libc::sockaddr_in,
            SIN_LEN
        );
        (
            a,
            sys!(
                libc::SYS_connect,
                c2,
                &closed as *const libc::sockaddr_in,
                SIN_LEN
            ),
        )
    });
    let cport = local_port(c1);
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_CONNECT_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("tuple", bytes(tuple_in(LO, cport, LO, p))),
                    ("fd", int(c1)),
                    ("addr", bytes(sockaddr_in(LO, p))),
                ],
            ),
            (
                "failure_econnrefused",
                vec![
                    ("res", int(b)),
                    ("tuple", Want::Empty),
                    ("fd", int(c2)),
                    ("addr", bytes(sockaddr_in(LO, p + 1))),
                ],
            ),
        ],
    );
    if b != err(libc::ECONNREFUSED) {
        ctx.check(
            "connect.scenario",
            Err(format!("connect to a closed port returned {b}")),
        );
    }
    for fd in [c1, c2, l] {
        sys::close(i64::from(fd));
    }
}

fn listen(ctx: &mut Ctx<'_>) {
    let s = tcp();
    let addr = sin(port(3));
    // SAFETY: binding our socket to a valid address (setup).
    unsafe { libc::bind(s, (&addr as *const libc::sockaddr_in).cast(), SIN_LEN) };
    let ((a, b), cap) = captured!(ctx, "listen", &["listen"], || {
        (
            sys!(libc::SYS_listen, s, 7),
            sys!(libc::SYS_listen, 9999, 5),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_LISTEN_X,
        ME,
        vec![
            (
                "success",
                vec![("res", int(a)), ("fd", int(s)), ("backlog", int(7))],
            ),
            (
                "failure_ebadf",
                vec![("res", int(b)), ("fd", int(9999)), ("backlog", int(5))],
            ),
        ],
    );
    sys::close(i64::from(s));
}

/// Accept-side parameters of a failed accept: all empty/zero.
fn accept_failed(res: i64) -> Vec<(&'static str, Want)> {
    vec![
        ("fd", int(res)),
        ("tuple", Want::Empty),
        ("queuepct", int(0)),
        ("queuelen", int(0)),
        ("queuemax", int(0)),
    ]
}

/// A listener with one connection waiting to be accepted.
fn pending(salt: u16, backlog: i32) -> (i32, i32, u16, u16) {
    let p = port(salt);
    let l = listener(p, backlog);
    let c = tcp();
    let addr = sin(p);
    // SAFETY: connecting our socket to a valid address (setup).
    unsafe { libc::connect(c, (&addr as *const libc::sockaddr_in).cast(), SIN_LEN) };
    (l, c, p, local_port(c))
}

fn accept(ctx: &mut Ctx<'_>) {
    let (l, c, p, cport) = pending(4, 6);
    let null = std::ptr::null_mut::<libc::c_void>();
    let ((a, b), cap) = captured!(ctx, "accept", &["accept"], || {
        (
            sys!(libc::SYS_accept, l, null, null),
            sys!(libc::SYS_accept, 9999, null, null),
        )
    });
    let mut ok = accept_failed(a);
    ok[1].1 = bytes(tuple_in(LO, cport, LO, p));
    ok[4].1 = int(6);
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_ACCEPT_5_X,
        ME,
        vec![("success", ok), ("failure_ebadf", accept_failed(b))],
    );
    for fd in [a, i64::from(c), i64::from(l)] {
        sys::close(fd);
    }
}

fn accept4(ctx: &mut Ctx<'_>) {
    let (l, c, p, cport) = pending(5, 5);
    let null = std::ptr::null_mut::<libc::c_void>();
    let ((a, b), cap) = captured!(ctx, "accept4", &["accept4"], || {
        let a = sys!(libc::SYS_accept4, l, null, null, libc::SOCK_CLOEXEC);
        (
            a,
            sys!(libc::SYS_accept4, 9999, null, null, libc::SOCK_NONBLOCK),
        )
    });
    let mut ok = accept_failed(a);
    ok[1].1 = bytes(tuple_in(LO, cport, LO, p));
    ok[4].1 = int(5);
    ok.push(("flags", int(abi::PPM_O_CLOEXEC)));
    let mut bad = accept_failed(b);
    bad.push(("flags", int(abi::PPM_O_NONBLOCK)));
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_ACCEPT4_6_X,
        ME,
        vec![("success_cloexec", ok), ("failure_ebadf", bad)],
    );
    for fd in [a, i64::from(c), i64::from(l)] {
        sys::close(fd);
    }
}
