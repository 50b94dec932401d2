//! Network data events over a loopback TCP connection: sendto, sendmsg,
//! recvfrom, recvmsg.
//!
//! Owns: these scenarios; the data parameter is expected to hold exactly
//! the bytes sent or received (payloads stay below any snaplen), the
//! tuple the connection's addresses (net.rs builds them).
//! Must never: block (the data is already queued when a receive runs).

use super::net::Conn;
use super::{calls, Test, ME};
use crate::expect::{bytes, int, Want};
use crate::harness::Ctx;
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "net.sendto",
        run: sendto,
    },
    Test {
        name: "net.sendmsg",
        run: sendmsg,
    },
    Test {
        name: "net.recvfrom",
        run: recvfrom,
    },
    Test {
        name: "net.recvmsg",
        run: recvmsg,
    },
];

const DATA: &[u8] = b"hello-lanner";

fn sendto(ctx: &mut Ctx<'_>) {
    let k = Conn::new(6);
    let null = std::ptr::null::<libc::c_void>();
    let ((a, b), cap) = captured!(ctx, "sendto", &["sendto"], || {
        let a = sys!(libc::SYS_sendto, k.c, DATA.as_ptr(), DATA.len(), 0, null, 0);
        (
            a,
            sys!(libc::SYS_sendto, 9999, DATA.as_ptr(), 5, 0, null, 0),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_SENDTO_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("data", bytes(DATA)),
                    ("fd", int(k.c)),
                    ("size", int(DATA.len() as i64)),
                    ("tuple", k.out()),
                ],
            ),
            (
                "failure_ebadf",
                vec![
                    ("res", int(b)),
                    ("data", bytes(&DATA[..5])),
                    ("fd", int(9999)),
                    ("size", int(5)),
                    ("tuple", Want::Empty),
                ],
            ),
        ],
    );
}

fn iov(parts: &[&[u8]]) -> Vec<libc::iovec> {
    parts
        .iter()
        .map(|p| libc::iovec {
            iov_base: p.as_ptr() as *mut libc::c_void,
            iov_len: p.len(),
        })
        .collect()
}

fn msghdr(v: &mut [libc::iovec]) -> libc::msghdr {
    // SAFETY: msghdr is plain data; zero is a valid empty header.
    let mut m: libc::msghdr = unsafe { std::mem::zeroed() };
    m.msg_iov = v.as_mut_ptr();
    m.msg_iovlen = v.len();
    m
}

fn sendmsg(ctx: &mut Ctx<'_>) {
    let k = Conn::new(7);
    let mut v = iov(&[b"abc", b"defg"]);
    let m = msghdr(&mut v);
    let ((a, b), cap) = captured!(ctx, "sendmsg", &["sendmsg"], || {
        let mp = &m as *const libc::msghdr;
        (
            sys!(libc::SYS_sendmsg, k.c, mp, 0),
            sys!(libc::SYS_sendmsg, 9999, mp, 0),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_SENDMSG_X,
        ME,
        vec![
            (
                "success_two_iovecs",
                vec![
                    ("res", int(a)),
                    ("data", bytes(&b"abcdefg"[..])),
                    ("fd", int(k.c)),
                    ("size", int(7)),
                    ("tuple", k.out()),
                ],
            ),
            (
                "failure_ebadf",
                vec![
                    ("res", int(b)),
                    ("data", bytes(&b"abcdefg"[..])),
                    ("fd", int(9999)),
                    ("size", int(7)),
                    ("tuple", Want::Empty),
                ],
            ),
        ],
    );
}

/// Writes `d` from the client side (setup) and waits until it is readable.
fn feed(k: &Conn, d: &[u8]) {
    // SAFETY: write/poll on our sockets with valid buffers.
    unsafe {
        libc::write(k.c, d.as_ptr().cast(), d.len());
        let mut p = libc::pollfd {
            fd: k.a,
            events: libc::POLLIN,
            revents: 0,
        };
        libc::poll(&mut p, 1, 2000);
    }
}

fn recvfrom(ctx: &mut Ctx<'_>) {
    let k = Conn::new(8);
    feed(&k, DATA);
    let mut buf = [0u8; 64];
    let null = std::ptr::null_mut::<libc::c_void>();
    let ((a, b), cap) = captured!(ctx, "recvfrom", &["recvfrom"], || {
        let bp = buf.as_mut_ptr();
        (
            sys!(libc::SYS_recvfrom, k.a, bp, 64, 0, null, null),
            sys!(libc::SYS_recvfrom, 9999, bp, 64, 0, null, null),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_RECVFROM_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("data", bytes(DATA)),
                    ("tuple", k.inbound()),
                    ("fd", int(k.a)),
                    ("size", int(64)),
                ],
            ),
            (
                "failure_ebadf",
                vec![
                    ("res", int(b)),
                    ("data", Want::Empty),
                    ("tuple", Want::Empty),
                    ("fd", int(9999)),
                    ("size", int(64)),
                ],
            ),
        ],
    );
}

fn recvmsg(ctx: &mut Ctx<'_>) {
    let k = Conn::new(9);
    feed(&k, b"recvmsg-data");
    let mut buf = [0u8; 64];
    let mut v = [libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    }];
    let mut m = msghdr(&mut v);
    let ((a, b), cap) = captured!(ctx, "recvmsg", &["recvmsg"], || {
        let mp = &mut m as *mut libc::msghdr;
        (
            sys!(libc::SYS_recvmsg, k.a, mp, 0),
            sys!(libc::SYS_recvmsg, 9999, mp, 0),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SOCKET_RECVMSG_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("size", int(12)),
                    ("data", bytes(&b"recvmsg-data"[..])),
                    ("tuple", k.inbound()),
                    ("msgcontrol", Want::Empty),
                    ("fd", int(k.a)),
                ],
            ),
            (
                "failure_ebadf",
                vec![
                    ("res", int(b)),
                    ("size", int(0)),
                    ("data", Want::Empty),
                    ("tuple", Want::Empty),
                    ("msgcontrol", Want::Empty),
                    ("fd", int(9999)),
                ],
            ),
        ],
    );
}
