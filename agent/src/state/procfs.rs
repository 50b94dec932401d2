//! Reading threads from a procfs tree: the start-up snapshot and the lazy
//! lookup of threads (and fds) the event stream never introduced.
//!
//! Owns: parsing /proc/<pid>/{stat,status,comm,cmdline,environ,exe,cwd,
//! loginuid,cgroup,fd/<n>} and /proc/<pid>/task/<tid>, the socket tables
//! /proc/<pid>/net/{tcp,udp,raw}[6] and unix (read at most
//! `MAX_NET_TABLE` bytes, only for a lazy socket lookup), and /proc/stat's
//! boot time (process start times are ticks since boot).
//! Must never: fail the agent because a process vanished mid-read (races
//! with exits are normal: such entries are skipped).

use crate::event::text::lossy_owned as lossy;
use crate::state::fd::{from_proc_link, FdInfo, FdKind, Tuple, L4};
use crate::state::proc::{ThreadInfo, ThreadLoader, NO_LOGINUID};
use crate::state::thread::parse_cgroups;
use std::fs;
use std::io::Read;
use std::net::IpAddr;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Clock ticks per second of /proc's times (USER_HZ, 100 on Linux).
const USER_HZ: u64 = 100;

/// A procfs tree (normally `/proc`; tests use a fake tree).
#[derive(Debug, Clone)]
pub struct Procfs {
    root: PathBuf,
    /// Boot time, ns since the epoch (0 = unknown).
    boot_ns: u64,
}

/// The fields after the `(comm)` part of a stat line, which may itself
/// contain spaces and parentheses: [0] state, [1] ppid, [2] pgrp,
/// [3] session, [4] tty_nr, ... [19] starttime.
fn stat_fields(stat: &str) -> Option<Vec<&str>> {
    Some(stat[stat.rfind(')')? + 1..].split_whitespace().collect())
}

/// The parent pid from a stat line.
#[cfg(test)]
fn ppid_from_stat(stat: &str) -> Option<i64> {
    stat_fields(stat)?.get(1)?.parse().ok()
}

/// The values of a `Key:` status line.
fn status_values<'a>(status: &'a str, key: &str) -> Vec<&'a str> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|r| r.split_whitespace().collect())
        .unwrap_or_default()
}

/// The second (effective) id of a `Uid:`/`Gid:` status line.
fn effective_id(status: &str, key: &str) -> Option<u32> {
    status_values(status, key).get(1)?.parse().ok()
}

/// A capability set line (`CapEff: 000001ffffffffff`): kernel capability
/// numbers are the `PPM_CAP_*` bit positions.
fn caps(status: &str, key: &str) -> u64 {
    status_values(status, key)
        .first()
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

/// The innermost namespace id of an `NSpid:`-style line.
fn ns_last(status: &str, key: &str) -> i64 {
    status_values(status, key)
        .last()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// /proc/<pid>/cgroup lines (`hier:controllers:path`) as the record's
/// `controllers=path` pairs.
fn cgroups_of(text: &str) -> Vec<(String, String)> {
    let mut raw = Vec::new();
    for l in text.lines() {
        let mut it = l.splitn(3, ':');
        if let (Some(_), Some(c), Some(p)) = (it.next(), it.next(), it.next()) {
            raw.extend_from_slice(format!("{c}={p}").as_bytes());
            raw.push(0);
        }
    }
    parse_cgroups(&raw)
}

fn ns_of(t: std::time::SystemTime) -> u64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

impl Procfs {
    /// A procfs rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Procfs {
        let root = root.into();
        let boot_ns = fs::read_to_string(root.join("stat"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("btime "))
                    .and_then(|v| v.trim().parse::<u64>().ok())
            })
            .map_or(0, |s| s * 1_000_000_000);
        Procfs { root, boot_ns }
    }

    /// Reads one thread from `dir` (a /proc/<pid> or .../task/<tid> dir);
    /// process-wide files (environ, exe, fds) come from `pdir`.
    fn read_thread(&self, dir: &Path, pdir: &Path, tid: i64, pid: i64) -> Option<ThreadInfo> {
        let stat = fs::read_to_string(dir.join("stat")).ok()?;
        let status = fs::read_to_string(dir.join("status")).unwrap_or_default();
        let comm = fs::read(dir.join("comm")).ok()?;
        let cmdline = fs::read(pdir.join("cmdline")).unwrap_or_default();
        let mut argv = cmdline
            .strip_suffix(&[0])
            .unwrap_or(&cmdline)
            .split(|c| *c == 0)
            .filter(|_| !cmdline.is_empty())
            .map(lossy);
        let environ = fs::read(pdir.join("environ")).unwrap_or_default();
        let link = |n: &str| {
            fs::read_link(pdir.join(n))
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let st = stat_fields(&stat)?;
        let num = |i: usize| st.get(i).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        let ppid = st.get(1)?.parse().ok()?;
        let start_ticks = num(19).max(0) as u64;
        let exe_meta = fs::metadata(pdir.join("exe")).ok();
        let kib = |k: &str| {
            status_values(&status, k)
                .first()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        Some(ThreadInfo {
            tid,
            pid,
            // Threads' parent is the process's parent, as the kernel reports.
            ptid: ppid,
            vtid: ns_last(&status, "NSpid:").max(0),
            vpid: ns_last(&status, "NStgid:").max(0),
            sid: num(3),
            vpgid: match ns_last(&status, "NSpgid:") {
                v if v > 0 => v,
                _ => num(2),
            },
            pgid: num(2),
            comm: lossy(comm.strip_suffix(b"\n").unwrap_or(&comm)),
            exe: argv.next().unwrap_or_default(),
            args: argv.collect(),
            env: crate::event::decode::split_nul(&environ)
                .map(lossy)
                .collect(),
            exepath: link("exe"),
            cwd: link("cwd"),
            uid: effective_id(&status, "Uid:").unwrap_or(0),
            gid: effective_id(&status, "Gid:").unwrap_or(0),
            loginuid: fs::read_to_string(pdir.join("loginuid"))
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(NO_LOGINUID),
            tty: num(4) as u32,
            cap_inheritable: caps(&status, "CapInh:"),
            cap_permitted: caps(&status, "CapPrm:"),
            cap_effective: caps(&status, "CapEff:"),
            exe_ino: exe_meta.as_ref().map_or(0, |m| m.ino()),
            exe_ino_ctime: exe_meta.as_ref().map_or(0, |m| {
                (m.ctime().max(0) as u64) * 1_000_000_000 + m.ctime_nsec().max(0) as u64
            }),
            exe_ino_mtime: exe_meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .map_or(0, ns_of),
            cgroups: cgroups_of(&fs::read_to_string(dir.join("cgroup")).unwrap_or_default()),
            clone_ts: if self.boot_ns > 0 {
                self.boot_ns + start_ticks * (1_000_000_000 / USER_HZ)
            } else {
                0
            },
            vm_size: kib("VmSize:"),
            vm_rss: kib("VmRSS:"),
            vm_swap: kib("VmSwap:"),
            ..ThreadInfo::default()
        })
    }

    fn numeric_entries(dir: &Path) -> Vec<i64> {
        fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every thread of every process.
    pub fn scan(&self) -> Vec<ThreadInfo> {
        let mut out = Vec::new();
        for pid in Self::numeric_entries(&self.root) {
            let pdir = self.root.join(pid.to_string());
            let tids = Self::numeric_entries(&pdir.join("task"));
            if tids.is_empty() {
                out.extend(self.read_thread(&pdir, &pdir, pid, pid));
            }
            for tid in tids {
                out.extend(self.read_thread(
                    &pdir.join("task").join(tid.to_string()),
                    &pdir,
                    tid,
                    pid,
                ));
            }
        }
        out
    }

    /// One thread by id (procfs resolves /proc/<tid> for any thread).
    pub fn thread(&self, tid: i64) -> Option<ThreadInfo> {
        let dir = self.root.join(tid.to_string());
        let status = fs::read_to_string(dir.join("status")).ok()?;
        let pid = status
            .lines()
            .find_map(|l| l.strip_prefix("Tgid:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(tid);
        let pdir = self.root.join(pid.to_string());
        self.read_thread(&dir, &pdir, tid, pid)
    }

    /// What fd `fd` of process `pid` refers to (sockets completed from
    /// the process's /proc/<pid>/net tables).
    pub fn fd(&self, pid: i64, fd: i64) -> Option<FdInfo> {
        let p = self
            .root
            .join(pid.to_string())
            .join("fd")
            .join(fd.to_string());
        let link = fs::read_link(&p).ok()?;
        let link = link.to_string_lossy();
        if link.starts_with("socket:[") {
            let info = from_proc_link(&link, false);
            return Some(self.socket(pid, info.ino).unwrap_or(info));
        }
        let is_dir = fs::metadata(&p).is_ok_and(|m| m.is_dir());
        let mut info = from_proc_link(&link, is_dir);
        if let Ok(m) = fs::metadata(&p) {
            if info.ino == 0 {
                info.ino = m.ino();
            }
        }
        Some(info)
    }
}

/// Largest /proc/<pid>/net table read for one lazy socket lookup.
const MAX_NET_TABLE: u64 = 4 << 20;

/// An address of a /proc/net/{tcp,udp,raw}[6] line: hex words as the
/// kernel prints them (each 32-bit word in host = little-endian order)
/// and a big-endian hex port.
fn net_addr(s: &str) -> Option<(IpAddr, u16)> {
    let (a, p) = s.split_once(':')?;
    let port = u16::from_str_radix(p, 16).ok()?;
    let mut bytes = Vec::with_capacity(16);
    for i in (0..a.len()).step_by(8) {
        let w = u32::from_str_radix(a.get(i..i + 8)?, 16).ok()?;
        bytes.extend_from_slice(&w.to_le_bytes());
    }
    let ip = match bytes.len() {
        4 => IpAddr::from([bytes[0], bytes[1], bytes[2], bytes[3]]),
        16 => {
            let mut b = [0u8; 16];
            b.copy_from_slice(&bytes);
            let v6 = std::net::Ipv6Addr::from(b);
            v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4)
        }
        _ => return None,
    };
    Some((ip, port))
}

/// The socket with inode `ino` in one /proc/net table's text.
fn find_socket(text: &str, ino: u64, kind: FdKind, l4: L4) -> Option<FdInfo> {
    let want = ino.to_string();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split_whitespace().collect();
        if kind == FdKind::Unix {
            if c.get(6) == Some(&want.as_str()) {
                let path = c.get(7).copied().unwrap_or_default().to_string();
                return Some(FdInfo {
                    kind,
                    name: path.into(),
                    ino,
                    ..FdInfo::default()
                });
            }
            continue;
        }
        if c.get(9) != Some(&want.as_str()) {
            continue;
        }
        let (l, r) = (net_addr(c.get(1)?)?, net_addr(c.get(2)?)?);
        let mut info = FdInfo {
            kind,
            l4,
            ino,
            ..FdInfo::default()
        };
        if r.1 == 0 && r.0.is_unspecified() {
            // Listening or unconnected: only the local end.
            info.name = format!("{}:{}", l.0, l.1).into();
            info.server = l4 == L4::Tcp;
        } else {
            // Which end connected is not in the table; the local end is
            // taken as the client so the local/remote fields are right.
            info.tuple = Some(Tuple {
                cip: l.0,
                cport: l.1,
                sip: r.0,
                sport: r.1,
            });
            info.name = format!("{}:{}->{}:{}", l.0, l.1, r.0, r.1).into();
            info.connected = true;
        }
        return Some(info);
    }
    None
}

impl Procfs {
    /// Socket `ino` of process `pid` from its network namespace's tables.
    fn socket(&self, pid: i64, ino: u64) -> Option<FdInfo> {
        if ino == 0 {
            return None;
        }
        let net = self.root.join(pid.to_string()).join("net");
        let tables = [
            ("tcp", FdKind::Ipv4, L4::Tcp),
            ("tcp6", FdKind::Ipv6, L4::Tcp),
            ("udp", FdKind::Ipv4, L4::Udp),
            ("udp6", FdKind::Ipv6, L4::Udp),
            ("raw", FdKind::Ipv4, L4::Raw),
            ("raw6", FdKind::Ipv6, L4::Raw),
            ("unix", FdKind::Unix, L4::Unknown),
        ];
        for (file, kind, l4) in tables {
            let mut text = String::new();
            let read = fs::File::open(net.join(file))
                .and_then(|f| f.take(MAX_NET_TABLE).read_to_string(&mut text));
            if read.is_err() {
                continue;
            }
            if let Some(mut info) = find_socket(&text, ino, kind, l4) {
                // A v6 socket with v4-mapped addresses is ipv4 to Falco.
                if info
                    .tuple
                    .is_some_and(|t| t.cip.is_ipv4() && t.sip.is_ipv4())
                {
                    info.kind = FdKind::Ipv4;
                }
                return Some(info);
            }
        }
        None
    }
}

impl ThreadLoader for Procfs {
    fn load(&mut self, tid: i64) -> Option<ThreadInfo> {
        self.thread(tid)
    }

    fn load_fd(&mut self, pid: i64, fd: i64) -> Option<FdInfo> {
        self.fd(pid, fd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_proc(root: &Path, pid: i64, tids: &[i64], comm: &str, ppid: i64) {
        for &tid in tids {
            let d = root
                .join(pid.to_string())
                .join("task")
                .join(tid.to_string());
            fs::create_dir_all(&d).unwrap();
            fs::write(d.join("stat"), format!("{tid} ({comm} x) S {ppid} 1 1")).unwrap();
            fs::write(
                d.join("status"),
                format!("Name:\t{comm}\nTgid:\t{pid}\nUid:\t1000\t33\t33\t33\nGid:\t5\t6\t6\t6\n"),
            )
            .unwrap();
            fs::write(d.join("comm"), format!("{comm}\n")).unwrap();
            fs::write(d.join("cmdline"), b"/usr/sbin/nginx\0-g\0daemon off;\0").unwrap();
        }
        let p = root.join(pid.to_string());
        for f in ["stat", "status", "comm", "cmdline"] {
            fs::copy(p.join("task").join(pid.to_string()).join(f), p.join(f)).unwrap();
        }
    }

    #[test]
    fn scans_processes_and_threads_from_a_fake_tree() {
        let dir = tempfile::tempdir().unwrap();
        write_proc(dir.path(), 100, &[100, 101], "nginx", 1);
        fs::create_dir_all(dir.path().join("self")).unwrap();
        let mut ts = Procfs::new(dir.path()).scan();
        ts.sort_by_key(|t| t.tid);
        assert_eq!(ts.len(), 2);
        let t = &ts[1];
        assert_eq!((t.tid, t.pid, t.ptid), (101, 100, 1));
        assert_eq!(
            (t.comm.as_str(), t.exe.as_str()),
            ("nginx", "/usr/sbin/nginx")
        );
        assert_eq!(t.args, vec!["-g", "daemon off;"]);
        assert_eq!((t.uid, t.gid), (33, 6));
    }

    #[test]
    fn seeds_session_credentials_caps_env_cgroups_and_fds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("stat"),
            "cpu 1 2 3\nbtime 1700000000\nprocesses 9\n",
        )
        .unwrap();
        let p = root.join("42");
        fs::create_dir_all(p.join("fd")).unwrap();
        // state ppid pgrp session tty_nr ... starttime (field 19) = 250 ticks.
        fs::write(
            p.join("stat"),
            "42 (my (shell)) S 7 40 41 34817 0 0 0 0 0 0 0 0 0 0 20 0 1 0 250 0 0",
        )
        .unwrap();
        fs::write(
            p.join("status"),
            "Tgid:\t42\nUid:\t0\t1000\t0\t0\nGid:\t0\t50\t0\t0\nNStgid:\t42\t5\nNSpid:\t42\t5\n\
             NSpgid:\t40\t3\nVmSize:\t  2048 kB\nVmRSS:\t  100 kB\nCapInh:\t0000000000000000\n\
             CapPrm:\t0000000000200001\nCapEff:\t0000000000200001\n",
        )
        .unwrap();
        fs::write(p.join("comm"), "my (shell)\n").unwrap();
        fs::write(p.join("cmdline"), b"-bash\0").unwrap();
        fs::write(p.join("environ"), b"HOME=/root\0LANG=C\0").unwrap();
        fs::write(p.join("loginuid"), "1000").unwrap();
        fs::write(
            p.join("cgroup"),
            "12:cpu,cpuacct:/docker/abc\n0::/init.scope\n",
        )
        .unwrap();
        std::os::unix::fs::symlink("/etc/hosts", p.join("fd").join("3")).unwrap();
        std::os::unix::fs::symlink("pipe:[55]", p.join("fd").join("4")).unwrap();
        let procfs = Procfs::new(root);
        let t = procfs.thread(42).unwrap();
        assert_eq!((t.ptid, t.pgid, t.sid, t.tty), (7, 40, 41, 34817));
        assert_eq!((t.vpid, t.vtid, t.vpgid), (5, 5, 3));
        assert_eq!((t.uid, t.gid, t.loginuid), (1000, 50, 1000));
        assert_eq!(t.comm, "my (shell)");
        assert_eq!(t.env_get("LANG"), Some("C"));
        assert_eq!(t.cgroup("cpuacct"), Some("/docker/abc"));
        assert_eq!((t.vm_size, t.vm_rss, t.vm_swap), (2048, 100, 0));
        let want = lanner_abi::PPM_CAP_SYS_ADMIN as u64 | lanner_abi::PPM_CAP_CHOWN as u64;
        assert_eq!(
            (t.cap_effective, t.cap_permitted, t.cap_inheritable),
            (want, want, 0)
        );
        assert_eq!(t.clone_ts, 1_700_000_002_500_000_000);
        let f = procfs.fd(42, 3).unwrap();
        assert_eq!((f.kind, f.name.as_str()), (FdKind::File, "/etc/hosts"));
        assert_eq!(procfs.fd(42, 4).unwrap().kind, FdKind::Pipe);
        assert!(procfs.fd(42, 5).is_none());
        // Missing /proc/stat: start times stay unknown rather than wrong.
        assert_eq!(Procfs::new(root.join("none")).boot_ns, 0);
    }

    #[test]
    fn sockets_are_completed_from_proc_net() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("5");
        fs::create_dir_all(p.join("fd")).unwrap();
        fs::create_dir_all(p.join("net")).unwrap();
        let tcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
             0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1\n\
             1: 0100007F:9C40 0200000A:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 1002 1\n";
        fs::write(p.join("net").join("tcp"), tcp).unwrap();
        let unix = "Num       RefCount Protocol Flags    Type St Inode Path\n\
             0000: 00000002 00000000 00010000 0001 01 1003 /run/x.sock\n";
        fs::write(p.join("net").join("unix"), unix).unwrap();
        for (fd, ino) in [(3, 1001), (4, 1002), (5, 1003), (6, 9999)] {
            let link = format!("socket:[{ino}]");
            std::os::unix::fs::symlink(link, p.join("fd").join(fd.to_string())).unwrap();
        }
        let procfs = Procfs::new(dir.path());
        let listen = procfs.fd(5, 3).unwrap();
        assert_eq!(
            (listen.kind, listen.name.as_str(), listen.server),
            (FdKind::Ipv4, "0.0.0.0:22", true)
        );
        let conn = procfs.fd(5, 4).unwrap();
        assert_eq!(conn.name, "127.0.0.1:40000->10.0.0.2:443");
        assert_eq!((conn.l4, conn.connected), (L4::Tcp, true));
        let ((lip, lport), (rip, rport)) = conn.local_remote().unwrap();
        assert_eq!(
            (lip.to_string(), lport, rip.to_string(), rport),
            ("127.0.0.1".into(), 40000, "10.0.0.2".into(), 443)
        );
        let unix = procfs.fd(5, 5).unwrap();
        assert_eq!(
            (unix.kind, unix.name.as_str()),
            (FdKind::Unix, "/run/x.sock")
        );
        let lost = procfs.fd(5, 6).unwrap();
        assert_eq!(lost.kind, FdKind::Unknown, "in no table");
        assert_eq!(
            net_addr("00000000000000000000000001000000:0050"),
            Some(("::1".parse().unwrap(), 80))
        );
        let mapped = net_addr("0000000000000000FFFF00000100007F:0050").unwrap();
        assert_eq!(mapped.0.to_string(), "127.0.0.1");
        assert_eq!(net_addr("zz:1"), None);
    }

    #[test]
    fn lazy_fd_lookups_go_through_the_loader_once() {
        let dir = tempfile::tempdir().unwrap();
        write_proc(dir.path(), 9, &[9], "srv", 1);
        let fds = dir.path().join("9").join("fd");
        fs::create_dir_all(&fds).unwrap();
        std::os::unix::fs::symlink("/var/log/x.log", fds.join("7")).unwrap();
        let procfs = Procfs::new(dir.path());
        let mut table = crate::state::ProcTable::new(8).with_loader(Box::new(procfs.clone()));
        table.seed(procfs.scan());
        table.ensure_fd(9, 7);
        table.ensure_fd(9, 8);
        table.ensure_fd(9, 8);
        assert_eq!(table.fd(9, 7).unwrap().name, "/var/log/x.log");
        assert!(table.fd(9, 8).is_none());
        assert_eq!(table.stats().fd_lazy_loaded, 1);
    }

    #[test]
    fn comm_with_parens_and_spaces_parses() {
        assert_eq!(ppid_from_stat("5 (a) b) (c) R 77 5 5"), Some(77));
        assert_eq!(ppid_from_stat("garbage"), None);
    }

    #[test]
    fn reads_the_real_proc_self() {
        let me = Procfs::new("/proc")
            .thread(std::process::id() as i64)
            .unwrap();
        assert_eq!(me.pid, std::process::id() as i64);
        assert!(!me.comm.is_empty());
    }
}
