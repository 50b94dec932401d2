//! Socket address encodings beyond IPv4: connect over IPv6 loopback and
//! over a unix socket, and bind of a unix socket path.
//!
//! Owns: the scap layouts of PT_SOCKADDR (family byte, then address and
//! host-order port, or the unix path and its NUL) and PT_SOCKTUPLE for
//! IPv6 (family, source address and port, destination address and port)
//! and unix sockets (family, two kernel socket pointers, the peer path).
//! Must never: expect the kernel pointers of a unix tuple to have values
//! (only that they are present and non-zero).

use super::net::local_port6;
use super::{calls, Test, ME};
use crate::expect::{bytes, int, pred, Want};
use crate::harness::Ctx;
use crate::sys::{self, path};
use lanner::event::decode::Value;
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "net.connect_inet6",
        run: connect_inet6,
    },
    Test {
        name: "net.connect_unix",
        run: connect_unix,
    },
];

const LO6: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

fn sin6(port: u16) -> libc::sockaddr_in6 {
    // SAFETY: sockaddr_in6 is plain data; zero is a valid value.
    let mut a: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
    a.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    a.sin6_port = port.to_be();
    a.sin6_addr.s6_addr = LO6;
    a
}

fn sockaddr_in6(port: u16) -> Vec<u8> {
    let mut v = vec![abi::PPM_AF_INET6 as u8];
    v.extend_from_slice(&LO6);
    v.extend_from_slice(&port.to_ne_bytes());
    v
}

fn tuple_in6(sport: u16, dport: u16) -> Vec<u8> {
    let mut v = vec![abi::PPM_AF_INET6 as u8];
    v.extend_from_slice(&LO6);
    v.extend_from_slice(&sport.to_ne_bytes());
    v.extend_from_slice(&LO6);
    v.extend_from_slice(&dport.to_ne_bytes());
    v
}

fn sock(domain: i32) -> i32 {
    // SAFETY: socket(2) with constant arguments.
    unsafe { libc::socket(domain, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) }
}

fn connect_inet6(ctx: &mut Ctx<'_>) {
    let p = super::net::port(10);
    let (l, c) = (sock(libc::AF_INET6), sock(libc::AF_INET6));
    let a = sin6(p);
    let alen = std::mem::size_of::<libc::sockaddr_in6>() as u32;
    // SAFETY: bind/listen our socket on a valid address (setup).
    let up = unsafe {
        libc::bind(l, (&a as *const libc::sockaddr_in6).cast(), alen) == 0
            && libc::listen(l, 4) == 0
    };
    if !up {
        sys::close(i64::from(l));
        sys::close(i64::from(c));
        return super::setup_failed(ctx, "connect_inet6", "no IPv6 loopback in this guest");
    }
    let ((r,), cap) = captured!(ctx, "connect_inet6", &["connect"], || {
        (sys!(
            libc::SYS_connect,
            c,
            &a as *const libc::sockaddr_in6,
            alen
        ),)
    });
    let cport = local_port6(c);
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_CONNECT_X,
        ME,
        vec![(
            "inet6_success",
            vec![
                ("res", int(r)),
                ("tuple", bytes(tuple_in6(cport, p))),
                ("fd", int(c)),
                ("addr", bytes(sockaddr_in6(p))),
            ],
        )],
    );
    for fd in [c, l] {
        sys::close(i64::from(fd));
    }
}

fn sun(p: &str) -> (libc::sockaddr_un, u32) {
    // SAFETY: sockaddr_un is plain data; zero is a valid value.
    let mut a: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    a.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, s) in a.sun_path.iter_mut().zip(p.as_bytes()) {
        *d = *s as libc::c_char;
    }
    (a, (2 + p.len() + 1) as u32)
}

/// scap PT_SOCKADDR of a unix path: family, path, NUL.
fn sockaddr_un(p: &str) -> Vec<u8> {
    let mut v = vec![abi::PPM_AF_UNIX as u8];
    v.extend_from_slice(p.as_bytes());
    v.push(0);
    v
}

/// Unix PT_SOCKTUPLE: family, two non-zero socket pointers, path, NUL.
fn tuple_un(p: &str) -> Want {
    let want = p.as_bytes().to_vec();
    pred(
        "AF_UNIX, two non-zero socket pointers, the peer path",
        move |v| match v {
            Value::Bytes(b) => {
                b.len() == 17 + want.len() + 1
                    && b[0] == abi::PPM_AF_UNIX as u8
                    && b[1..9] != [0; 8]
                    && b[9..17] != [0; 8]
                    && b[17..17 + want.len()] == want[..]
                    && b[b.len() - 1] == 0
            }
            _ => false,
        },
    )
}

fn connect_unix(ctx: &mut Ctx<'_>) {
    let p = path("unix.sock");
    let (l, c) = (sock(libc::AF_UNIX), sock(libc::AF_UNIX));
    let (a, alen) = sun(&p);
    // SAFETY: bind/listen our socket on a valid address (setup).
    unsafe {
        libc::bind(l, (&a as *const libc::sockaddr_un).cast(), alen);
        libc::listen(l, 4);
    }
    let missing = sun(&path("no-such.sock"));
    let ((r, f), cap) = captured!(ctx, "connect_unix", &["connect"], || {
        let r = sys!(libc::SYS_connect, c, &a as *const libc::sockaddr_un, alen);
        let c2 = sock(libc::AF_UNIX);
        let f = sys!(
            libc::SYS_connect,
            c2,
            &missing.0 as *const libc::sockaddr_un,
            missing.1
        );
        sys::close(i64::from(c2));
        (r, (f, c2))
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_CONNECT_X,
        ME,
        vec![
            (
                "unix_success",
                vec![
                    ("res", int(r)),
                    ("tuple", tuple_un(&p)),
                    ("fd", int(c)),
                    ("addr", bytes(sockaddr_un(&p))),
                ],
            ),
            (
                "unix_failure_enoent",
                vec![
                    ("res", int(f.0)),
                    ("tuple", Want::Empty),
                    ("fd", int(f.1)),
                    ("addr", bytes(sockaddr_un(&path("no-such.sock")))),
                ],
            ),
        ],
    );
    for fd in [c, l] {
        sys::close(i64::from(fd));
    }
}
