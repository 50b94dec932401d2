//! Reading threads from a procfs tree: the start-up snapshot and the lazy
//! lookup of threads the event stream never introduced.
//!
//! Owns: parsing /proc/<pid>/{stat,status,comm,cmdline,exe,cwd} and
//! /proc/<pid>/task/<tid>.
//! Must never: fail the agent because a process vanished mid-read (races
//! with exits are normal: such entries are skipped).

use crate::state::proc::{ThreadInfo, ThreadLoader};
use std::fs;
use std::path::{Path, PathBuf};

/// A procfs tree (normally `/proc`; tests use a fake tree).
#[derive(Debug, Clone)]
pub struct Procfs {
    root: PathBuf,
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The parent pid from a stat line: the field after the `(comm)` part,
/// which may itself contain spaces and parentheses.
fn ppid_from_stat(stat: &str) -> Option<i64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The second (effective) id of a `Uid:`/`Gid:` status line.
fn effective_id(status: &str, key: &str) -> Option<u32> {
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].split_whitespace().nth(1)?.parse().ok()
}

impl Procfs {
    /// A procfs rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Procfs {
        Procfs { root: root.into() }
    }

    /// Reads one thread from `dir` (a /proc/<pid> or .../task/<tid> dir).
    fn read_thread(dir: &Path, tid: i64, pid: i64) -> Option<ThreadInfo> {
        let stat = fs::read_to_string(dir.join("stat")).ok()?;
        let status = fs::read_to_string(dir.join("status")).unwrap_or_default();
        let comm = fs::read(dir.join("comm")).ok()?;
        let cmdline = fs::read(dir.join("cmdline")).unwrap_or_default();
        let mut argv = cmdline
            .strip_suffix(&[0])
            .unwrap_or(&cmdline)
            .split(|c| *c == 0)
            .filter(|_| !cmdline.is_empty())
            .map(lossy);
        let link = |n: &str| {
            fs::read_link(dir.join(n))
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let ppid = ppid_from_stat(&stat)?;
        Some(ThreadInfo {
            tid,
            pid,
            // Threads' parent is the process's parent, as the kernel reports.
            ptid: ppid,
            comm: lossy(comm.strip_suffix(b"\n").unwrap_or(&comm)),
            exe: argv.next().unwrap_or_default(),
            args: argv.collect(),
            exepath: link("exe"),
            cwd: link("cwd"),
            uid: effective_id(&status, "Uid:").unwrap_or(0),
            gid: effective_id(&status, "Gid:").unwrap_or(0),
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
                out.extend(Self::read_thread(&pdir, pid, pid));
            }
            for tid in tids {
                out.extend(Self::read_thread(
                    &pdir.join("task").join(tid.to_string()),
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
        Self::read_thread(&dir, tid, pid)
    }
}

impl ThreadLoader for Procfs {
    fn load(&mut self, tid: i64) -> Option<ThreadInfo> {
        self.thread(tid)
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
