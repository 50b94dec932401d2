//! User and group names for `user.name`, `user.homedir`, `user.shell`,
//! `user.loginname` and `group.name`: the host's /etc/passwd and
//! /etc/group (paths injectable for tests).
//!
//! Owns: parsing both files, and refreshing them when their mtime changes,
//! checked at most once per [`CHECK_EVERY`] of event time.
//! Must never: do I/O per event beyond that cheap check, or keep more than
//! [`MAX_ENTRIES`] entries per file (extra lines are counted, not kept).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::SystemTime;

/// Minimum event-time interval between two mtime checks.
pub const CHECK_EVERY: u64 = 1_000_000_000;
/// Most entries kept per file.
pub const MAX_ENTRIES: usize = 65_536;

/// One /etc/passwd entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    pub name: String,
    pub homedir: String,
    pub shell: String,
}

/// Counters of the tables' health.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserStats {
    pub reloads: u64,
    /// Lines beyond [`MAX_ENTRIES`] or malformed.
    pub skipped: u64,
}

/// The user and group tables.
#[derive(Debug)]
pub struct Users {
    passwd: PathBuf,
    group: PathBuf,
    users: HashMap<u32, User>,
    groups: HashMap<u32, String>,
    mtimes: (Option<SystemTime>, Option<SystemTime>),
    last_check: Option<u64>,
    stats: UserStats,
}

/// Parses `name:pw:uid:gid:gecos:home:shell` lines.
pub fn parse_passwd(text: &str, skipped: &mut u64) -> HashMap<u32, User> {
    let mut out = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split(':').collect();
        match (f.len() >= 7, f.get(2).and_then(|u| u.parse::<u32>().ok())) {
            (true, Some(uid)) if out.len() < MAX_ENTRIES => {
                // The first entry of a uid wins, as getpwuid does.
                out.entry(uid).or_insert_with(|| User {
                    name: f[0].to_string(),
                    homedir: f[5].to_string(),
                    shell: f[6].to_string(),
                });
            }
            _ => *skipped += 1,
        }
    }
    out
}

/// Parses `name:pw:gid:members` lines.
pub fn parse_group(text: &str, skipped: &mut u64) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split(':').collect();
        match (f.len() >= 3, f.get(2).and_then(|g| g.parse::<u32>().ok())) {
            (true, Some(gid)) if out.len() < MAX_ENTRIES => {
                out.entry(gid).or_insert_with(|| f[0].to_string());
            }
            _ => *skipped += 1,
        }
    }
    out
}

fn mtime(p: &PathBuf) -> Option<SystemTime> {
    std::fs::metadata(p).ok()?.modified().ok()
}

impl Users {
    /// The host's tables.
    pub fn host() -> Users {
        Users::from_files("/etc/passwd", "/etc/group")
    }

    /// Tables read from the given files (missing files give empty tables).
    pub fn from_files(passwd: impl Into<PathBuf>, group: impl Into<PathBuf>) -> Users {
        let mut u = Users {
            passwd: passwd.into(),
            group: group.into(),
            users: HashMap::new(),
            groups: HashMap::new(),
            mtimes: (None, None),
            last_check: None,
            stats: UserStats::default(),
        };
        u.reload();
        u
    }

    /// Empty tables (no files).
    pub fn empty() -> Users {
        Users::from_files("/nonexistent/passwd", "/nonexistent/group")
    }

    fn reload(&mut self) {
        let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
        let mut skipped = 0;
        self.users = parse_passwd(&read(&self.passwd), &mut skipped);
        self.groups = parse_group(&read(&self.group), &mut skipped);
        self.mtimes = (mtime(&self.passwd), mtime(&self.group));
        self.stats.skipped += skipped;
        self.stats.reloads += 1;
    }

    /// Re-reads the files if they changed; checks at most once per
    /// [`CHECK_EVERY`] of `now_ns` (event time). Runs on every event:
    /// the time test inline, the check itself out of line.
    #[inline]
    pub fn refresh(&mut self, now_ns: u64) {
        if let Some(last) = self.last_check {
            if now_ns.saturating_sub(last) < CHECK_EVERY {
                return;
            }
        }
        self.check_files(now_ns);
    }

    #[inline(never)]
    fn check_files(&mut self, now_ns: u64) {
        self.last_check = Some(now_ns);
        if (mtime(&self.passwd), mtime(&self.group)) != self.mtimes {
            self.reload();
        }
    }

    pub fn user(&self, uid: u32) -> Option<&User> {
        self.users.get(&uid)
    }

    pub fn group(&self, gid: u32) -> Option<&str> {
        self.groups.get(&gid).map(String::as_str)
    }

    pub fn stats(&self) -> UserStats {
        self.stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_passwd_and_group() {
        let mut skipped = 0;
        let u = parse_passwd(
            "root:x:0:0:root:/root:/bin/bash\n# c\nbad line\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\nroot2:x:0:0::/:/bin/sh\n",
            &mut skipped,
        );
        assert_eq!(u[&0].name, "root");
        assert_eq!(u[&0].homedir, "/root");
        assert_eq!(u[&65534].shell, "/usr/sbin/nologin");
        assert_eq!(skipped, 1);
        let g = parse_group("root:x:0:\nadm:x:4:syslog\nx:y:z\n", &mut skipped);
        assert_eq!((g[&4].as_str(), skipped), ("adm", 2));
    }

    #[test]
    fn refreshes_when_the_file_changes_at_most_once_a_second() {
        let dir = tempfile::tempdir().unwrap();
        let (p, g) = (dir.path().join("passwd"), dir.path().join("group"));
        std::fs::write(&p, "a:x:1000:1000::/home/a:/bin/sh\n").unwrap();
        std::fs::write(&g, "ga:x:1000:\n").unwrap();
        let mut u = Users::from_files(&p, &g);
        assert_eq!(u.user(1000).unwrap().name, "a");
        assert_eq!(u.group(1000), Some("ga"));
        u.refresh(10);
        std::fs::write(&p, "b:x:1000:1000::/home/b:/bin/sh\n").unwrap();
        // Force a different mtime even on coarse filesystems.
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(5))
            .unwrap();
        u.refresh(20);
        assert_eq!(u.user(1000).unwrap().name, "a", "checked < 1 s ago");
        u.refresh(20 + CHECK_EVERY);
        assert_eq!(u.user(1000).unwrap().name, "b");
        assert_eq!(u.stats().reloads, 2);
        assert!(Users::empty().user(0).is_none());
    }
}
