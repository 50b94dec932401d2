//! The stable ruleset and the three event mixes the processing-stage
//! benchmarks run (`rules.rs` with criterion, `rules_ir.rs` under
//! callgrind): records built with the ABI encoder, a warm process table.
//!
//! Owns: the mixes' contents, so both benchmarks measure the same work.
//! Must never: produce a record that fails to decode (the benches check).

use lanner::detect::RulesDetector;
use lanner::engine::Ruleset;
use lanner::event::encode::{cstr, cstr_list, RecordBuilder};
use lanner::pipeline::process_record;
use lanner::state::ProcTable;
use lanner_abi as abi;
use std::path::PathBuf;

const PROCS: i64 = 256;
pub const MIX_LEN: usize = 4096;

pub fn rules() -> Ruleset {
    let paths: Vec<PathBuf> = match std::env::var("LANNER_BENCH_RULES") {
        Ok(v) => v.split(':').map(PathBuf::from).collect(),
        Err(_) => vec![PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/falco/rules/falco_rules.yaml"
        ))],
    };
    Ruleset::load_files(&paths).unwrap_or_else(|e| panic!("loading {paths:?}: {e}"))
}

fn rec(b: Result<RecordBuilder, lanner::event::encode::EncodeError>) -> Vec<u8> {
    b.map(|b| b.build()).expect("record")
}

/// An execve exit record: `tid` (its own process) now runs `exe`.
fn execve(ts: u64, tid: i64, ptid: i64, exe: &str, args: &[&str], comm: &str) -> Vec<u8> {
    rec(RecordBuilder::new(abi::PPME_SYSCALL_EXECVE_19_X, ts, tid)
        .and_then(|b| b.set("res", 0i64.to_le_bytes()))
        .and_then(|b| b.set("exe", cstr(exe)))
        .and_then(|b| b.set("args", cstr_list(args)))
        .and_then(|b| b.set("tid", tid.to_le_bytes()))
        .and_then(|b| b.set("pid", tid.to_le_bytes()))
        .and_then(|b| b.set("ptid", ptid.to_le_bytes()))
        .and_then(|b| b.set("cwd", cstr("/srv")))
        .and_then(|b| b.set("comm", cstr(comm)))
        .and_then(|b| b.set("cgroups", cstr_list(&["cpu=/system.slice/app.service"])))
        .and_then(|b| b.set("env", cstr_list(&["PATH=/usr/bin", "HOME=/srv"])))
        .and_then(|b| b.set("tty", 0u32.to_le_bytes()))
        .and_then(|b| b.set("loginuid", 1000u32.to_le_bytes()))
        .and_then(|b| b.set("flags", 0u32.to_le_bytes()))
        .and_then(|b| b.set("cap_effective", 0u64.to_le_bytes()))
        .and_then(|b| b.set("uid", 1000u32.to_le_bytes()))
        .and_then(|b| b.set("gid", 1000u32.to_le_bytes()))
        .and_then(|b| b.set("trusted_exepath", cstr(exe)))
        .and_then(|b| b.set("filename", cstr(exe))))
}

fn openat(ts: u64, tid: i64, fd: i64, path: &str) -> Vec<u8> {
    rec(RecordBuilder::new(abi::PPME_SYSCALL_OPENAT_2_X, ts, tid)
        .and_then(|b| b.set("fd", fd.to_le_bytes()))
        .and_then(|b| b.set("dirfd", (-100i64).to_le_bytes()))
        .and_then(|b| b.set("name", cstr(path)))
        .and_then(|b| b.set("flags", 1u32.to_le_bytes()))
        .and_then(|b| b.set("mode", 0u32.to_le_bytes())))
}

fn socket(ts: u64, tid: i64, fd: i64) -> Vec<u8> {
    rec(RecordBuilder::new(abi::PPME_SOCKET_SOCKET_X, ts, tid)
        .and_then(|b| b.set("fd", fd.to_le_bytes()))
        .and_then(|b| b.set("domain", 2u32.to_le_bytes()))
        .and_then(|b| b.set("type", 1u32.to_le_bytes()))
        .and_then(|b| b.set("proto", 0u32.to_le_bytes())))
}

fn connect(ts: u64, tid: i64, fd: i64, dst: [u8; 4], port: u16) -> Vec<u8> {
    let mut tuple = vec![abi::PPM_AF_INET as u8];
    tuple.extend_from_slice(&[10, 0, 0, 1]);
    tuple.extend_from_slice(&40000u16.to_le_bytes());
    tuple.extend_from_slice(&dst);
    tuple.extend_from_slice(&port.to_le_bytes());
    let mut addr = vec![abi::PPM_AF_INET as u8];
    addr.extend_from_slice(&dst);
    addr.extend_from_slice(&port.to_le_bytes());
    rec(RecordBuilder::new(abi::PPME_SOCKET_CONNECT_X, ts, tid)
        .and_then(|b| b.set("res", 0i64.to_le_bytes()))
        .and_then(|b| b.set("tuple", tuple))
        .and_then(|b| b.set("fd", fd.to_le_bytes()))
        .and_then(|b| b.set("addr", addr)))
}

/// A process table holding `PROCS` long-running processes (tids 1000..),
/// children of a shell (tid 100) under init-like tid 1.
pub fn warm_table(det: &RulesDetector) -> ProcTable {
    let mut procs = ProcTable::new(1 << 16);
    let mut boot = vec![
        execve(1, 1, 0, "/sbin/init", &[], "systemd"),
        execve(2, 100, 1, "/usr/bin/bash", &[], "bash"),
    ];
    for i in 0..PROCS {
        boot.push(execve(
            3 + i as u64,
            1000 + i,
            100,
            "/usr/sbin/nginx",
            &["-g", "daemon off;"],
            "nginx",
        ));
    }
    for r in &boot {
        let _ = process_record(r, det, &mut procs);
    }
    procs
}

pub fn mixes() -> Vec<(&'static str, Vec<Vec<u8>>)> {
    let t0 = 1_700_000_000_000_000_000u64;
    let tid = |i: usize| 1000 + (i as i64 % PROCS);
    let opens = (0..MIX_LEN)
        .map(|i| {
            let p = format!("/var/www/html/static/page{}.html", i % 97);
            openat(t0 + i as u64, tid(i), 5 + (i % 50) as i64, &p)
        })
        .collect();
    let bins = [
        ("/usr/bin/ls", "ls"),
        ("/usr/bin/grep", "grep"),
        ("/usr/bin/cat", "cat"),
        ("/usr/bin/date", "date"),
        ("/usr/bin/sed", "sed"),
        ("/usr/bin/awk", "awk"),
    ];
    let execs = (0..MIX_LEN)
        .map(|i| {
            let (exe, comm) = bins[i % bins.len()];
            execve(t0 + i as u64, tid(i), 100, exe, &["-l", "/srv/data"], comm)
        })
        .collect();
    let connects = (0..MIX_LEN)
        .map(|i| {
            let fd = 40 + (i % 20) as i64;
            if i % 2 == 0 {
                socket(t0 + i as u64, tid(i), fd)
            } else {
                let dst = [10, 1, (i / 256 % 256) as u8, (i % 256) as u8];
                connect(t0 + i as u64, tid(i), fd, dst, 443)
            }
        })
        .collect();
    vec![("opens", opens), ("exec", execs), ("connect", connects)]
}
