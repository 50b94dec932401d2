//! Reading the committed upstream captures end to end, plus whole-file
//! tests on synthetic captures (both byte orders, gzip and plain,
//! truncation).

use super::block::tests::{block, shb};
use super::convert::{Converter, Mode};
use super::event::tests::ev_block;
use super::*;
use crate::event::decode::Event;
use std::collections::BTreeMap;

fn path(name: &str) -> Option<std::path::PathBuf> {
    crate::testdata::upstream(&format!("captures/{name}"))
}

fn counts(cap: &Capture) -> BTreeMap<u16, u64> {
    let mut m = BTreeMap::new();
    for e in cap.events() {
        *m.entry(e.unwrap().code).or_default() += 1;
    }
    m
}

/// Every event of every committed capture reads, converts and decodes.
#[test]
fn committed_captures_read_convert_and_decode_fully() {
    // (file, events, process-list threads, section minor version)
    let facts = [
        ("cat_write.scap", 345, 73, 0),
        ("connect_localhost.scap", 374, 184, 0),
        ("empty.scap", 143, 218, 2),
        ("open-multiple-files.scap", 1272, 128, 0),
        ("ping_sendto.scap", 1526, 136, 2),
        ("syscall.scap", 368, 229, 1),
    ];
    for (file, events, threads, minor) in facts {
        let Some(p) = path(file) else { return };
        let cap = Capture::open(&p).unwrap();
        assert!(cap.errors.is_empty(), "{file}: {:?}", cap.errors);
        assert_eq!((cap.unknown_blocks, cap.orphan_fd_lists), (0, 0), "{file}");
        assert_eq!(cap.version, (1, minor), "{file}");
        let c = counts(&cap);
        eprintln!("{file}: event codes {c:?}");
        assert_eq!(c.values().sum::<u64>(), events, "{file}");
        assert_eq!(cap.event_blocks, events, "{file}");
        assert_eq!(cap.procs.len(), threads, "{file}");
        assert!(
            cap.machine.as_ref().is_some_and(|m| m.num_cpus > 0),
            "{file}"
        );
        assert!(!cap.users.is_empty() && !cap.groups.is_empty(), "{file}");
        assert!(
            cap.users.iter().any(|u| u.uid == 0 && u.name == "root"),
            "{file}"
        );
        // Every process has its fds and pid 1 is in the list.
        assert!(cap.procs.iter().any(|p| p.tid == 1 && p.pid == 1), "{file}");
        assert!(cap.procs.iter().any(|p| !p.fds.is_empty()), "{file}");
        for mode in [Mode::EnterAndExit, Mode::ExitOnly] {
            let mut conv = Converter::new(mode);
            for e in cap.events() {
                let rec = conv.convert(&e.unwrap()).unwrap();
                if let Some(rec) = rec {
                    let ev = Event::parse(&rec).unwrap();
                    // Generic events are named by their syscall id, which
                    // may be PPM_SC_UNKNOWN ("unknown") itself.
                    if ev.code() > 1 {
                        assert_ne!(ev.name(), "unknown", "{file}: code {}", ev.code());
                    }
                }
            }
            assert!(conv.stats.failed.is_empty(), "{file}: {:?}", conv.stats);
            let delivered_enters = if mode == Mode::ExitOnly {
                0
            } else {
                conv.stats.enters
            };
            assert_eq!(
                conv.stats.records,
                events - conv.stats.enters + delivered_enters,
                "{file}"
            );
        }
    }
}

#[test]
fn cat_write_facts() {
    let Some(p) = path("cat_write.scap") else {
        return;
    };
    let cap = Capture::open(&p).unwrap();
    let c = counts(&cap);
    // 4 opens of cat (enter with no parameters in this old version, exit
    // with fd/name/flags/mode), one old execve exit (EXECVE_16_X).
    assert_eq!((c[&2], c[&3], c[&231]), (4, 4, 1));
    let mut conv = Converter::new(Mode::EnterAndExit);
    let mut names = Vec::new();
    let mut cat = None;
    let mut reads = 0;
    for e in cap.events() {
        let Some(rec) = conv.convert(&e.unwrap()).unwrap() else {
            continue;
        };
        let ev = Event::parse(&rec).unwrap();
        if ev.name() == "open" && ev.code() % 2 == 1 {
            names.push(String::from_utf8_lossy(ev.str_of("name").unwrap()).into_owned());
        }
        if ev.name() == "execve" {
            assert_eq!(u32::from(ev.code()), lanner_abi::PPME_SYSCALL_EXECVE_19_X);
            assert_eq!(ev.str_of("comm"), Some(&b"cat"[..]));
            cat = Some(ev.tid());
        }
        // Exits of fd syscalls carry the fd their enter had (read: res,
        // data only in this version).
        if ev.name() == "read" && ev.code() % 2 == 1 && cat == Some(ev.tid()) {
            assert_eq!(ev.int_of("fd"), Some(3));
            reads += 1;
        }
    }
    assert_eq!(names.last().map(String::as_str), Some("/dev/null"));
    assert_eq!(names.len(), 4);
    assert_eq!(reads, 2);
}

#[test]
fn gzip_and_plain_read_the_same() {
    let Some(p) = path("cat_write.scap") else {
        return;
    };
    let raw = std::fs::read(p).unwrap();
    let plain = maybe_gunzip(raw.clone(), MAX_CAPTURE_BYTES).unwrap();
    assert_ne!(plain.len(), raw.len());
    let a = Capture::from_bytes(raw).unwrap();
    let b = Capture::from_bytes(plain).unwrap();
    assert_eq!(counts(&a), counts(&b));
    assert_eq!(a.procs, b.procs);
    assert!(matches!(
        maybe_gunzip(vec![0x1f, 0x8b, 0, 0], 10),
        Err(ReadError::Gzip(_))
    ));
}

#[test]
fn truncated_capture_keeps_earlier_events() {
    let Some(p) = path("cat_write.scap") else {
        return;
    };
    let raw = std::fs::read(p).unwrap();
    let mut plain = maybe_gunzip(raw, MAX_CAPTURE_BYTES).unwrap();
    let full = Capture::from_bytes(plain.clone()).unwrap().event_blocks;
    plain.truncate(plain.len() - 30);
    let cap = Capture::from_bytes(plain).unwrap();
    assert!(matches!(cap.errors[..], [ReadError::Truncated { .. }]));
    assert_eq!(cap.event_blocks, full - 1);
    assert_eq!(cap.events().filter(|e| e.is_ok()).count() as u64, full - 1);
}

/// A whole synthetic capture with every metadata block, in both orders.
fn synthetic(be: bool) -> Vec<u8> {
    let mut f = shb(be);
    macro_rules! put {
        ($v:ident, $x:expr) => {
            if be {
                $v.extend_from_slice(&$x.to_be_bytes())
            } else {
                $v.extend_from_slice(&$x.to_le_bytes())
            }
        };
    }
    let mut mi = Vec::new();
    put!(mi, 2u32);
    put!(mi, 1u64 << 30);
    put!(mi, 0u64);
    let mut host = b"box".to_vec();
    host.resize(128, 0);
    mi.extend(host);
    f.extend(block(0x201, &mi, be));
    // PL V9 entry: len, tid, pid, ptid, sid, vpgid, comm, exe, exepath,
    // args, cwd, fdlimit, flags, uid, gid, vm x3, pf x2, env, vtid, vpid,
    // cgroups, root, then loginuid.
    let mut e = Vec::new();
    for v in [42i64, 42, 1, 42, 42] {
        put!(e, v);
    }
    for s in [&b"cat"[..], b"cat", b"/bin/cat", b"/etc/shadow\0", b"/root"] {
        put!(e, s.len() as u16);
        e.extend_from_slice(s);
    }
    put!(e, 1024u64);
    put!(e, 0u32);
    put!(e, 1000u32);
    put!(e, 1000u32);
    e.extend([0u8; 28]);
    put!(e, 6u16);
    e.extend_from_slice(b"HOME=/");
    put!(e, 42i64);
    put!(e, 42i64);
    put!(e, 0u16);
    put!(e, 1u16);
    e.extend_from_slice(b"/");
    put!(e, 1000u32);
    let mut pl = Vec::new();
    put!(pl, (e.len() + 4) as u32);
    pl.extend(e);
    f.extend(block(0x215, &pl, be));
    // FDL V2: tid, then one file entry (len, fd, ino, type 16, flags, name).
    let mut fe = Vec::new();
    put!(fe, 3i64);
    put!(fe, 77u64);
    fe.push(16);
    put!(fe, 1u32);
    put!(fe, 11u16);
    fe.extend_from_slice(b"/etc/shadow");
    let mut fdl = Vec::new();
    put!(fdl, 42i64);
    put!(fdl, (fe.len() + 4) as u32);
    fdl.extend(fe);
    f.extend(block(0x218, &fdl, be));
    // UL V2: one user, one group.
    let mut u = vec![0u8];
    put!(u, 0u32);
    put!(u, 0u32);
    for s in [&b"root"[..], b"/root", b"/bin/sh"] {
        put!(u, s.len() as u16);
        u.extend_from_slice(s);
    }
    let mut g = vec![1u8];
    put!(g, 0u32);
    put!(g, 4u16);
    g.extend_from_slice(b"root");
    let mut ul = Vec::new();
    put!(ul, (u.len() + 4) as u32);
    ul.extend(u);
    put!(ul, (g.len() + 4) as u32);
    ul.extend(g);
    f.extend(block(0x220, &ul, be));
    // IL V1: one v4 interface with link speed.
    let mut il = Vec::new();
    put!(il, 1u16);
    put!(il, 2u16);
    il.extend([127, 0, 0, 1]);
    il.extend([255, 0, 0, 0, 127, 255, 255, 255]);
    put!(il, 0u64);
    il.extend_from_slice(b"lo");
    f.extend(block(0x205, &il, be));
    // openat enter + exit (V2), fd and integers in the section's order.
    let mut dirfd = Vec::new();
    put!(dirfd, -100i64);
    let mut flags = Vec::new();
    put!(flags, 1u32);
    let mut fd = Vec::new();
    put!(fd, 3i64);
    let name = b"/etc/shadow\0";
    f.extend(ev_block(
        0x216,
        5,
        42,
        306,
        &[&dirfd, name, &flags, &flags],
        be,
    ));
    f.extend(ev_block(
        0x216,
        6,
        42,
        307,
        &[&fd, &dirfd, name, &flags, &flags, &[], &[]],
        be,
    ));
    f
}

#[test]
fn synthetic_capture_in_both_byte_orders() {
    for be in [false, true] {
        let cap = Capture::from_bytes(synthetic(be)).unwrap();
        assert!(cap.errors.is_empty(), "be={be}: {:?}", cap.errors);
        assert_eq!(cap.big_endian, be);
        assert_eq!(cap.machine.as_ref().unwrap().hostname, "box");
        let p = &cap.procs[0];
        assert_eq!((p.tid, p.ptid, p.uid, p.loginuid), (42, 1, 1000, 1000));
        assert_eq!((p.exepath.as_str(), p.cwd.as_str()), ("/bin/cat", "/root"));
        assert_eq!(p.args, vec!["/etc/shadow".to_string()]);
        assert_eq!(p.env, vec!["HOME=/".to_string()]);
        assert_eq!(p.fds.len(), 1);
        assert_eq!((p.fds[0].fd, p.fds[0].name.as_str()), (3, "/etc/shadow"));
        assert_eq!(p.fds[0].typechar(), 'f');
        assert_eq!(
            (cap.users[0].shell.as_str(), cap.groups[0].name.as_str()),
            ("/bin/sh", "root")
        );
        assert_eq!(cap.interfaces[0].name, "lo");
        assert_eq!(
            cap.interfaces[0].addr,
            std::net::IpAddr::from([127, 0, 0, 1])
        );
        let mut conv = Converter::new(Mode::ExitOnly);
        let recs: Vec<Vec<u8>> = cap
            .events()
            .filter_map(|e| conv.convert(&e.unwrap()).unwrap())
            .collect();
        assert_eq!(recs.len(), 1);
        let ev = Event::parse(&recs[0]).unwrap();
        assert_eq!(
            (ev.name(), ev.int_of("fd"), ev.int_of("dirfd")),
            ("openat", Some(3), Some(-100))
        );
        assert_eq!(ev.int_of("flags"), Some(1));
    }
}
