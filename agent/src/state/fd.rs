//! File descriptor tables: what each process's open fds refer to, for the
//! `fd.*` fields of events that only carry an fd number (close, sendto,
//! dup, ...).
//!
//! Owns: [`FdInfo`] (kind, Falco's name, open flags, device/inode, socket
//! tuple and role; an IP socket's name is its tuple, rendered on demand by
//! [`FdInfo::name_text`]; names are [`FdName`]s, shared between fds
//! through the process table's [`NameCache`]), one [`FdTable`] per process
//! (entries found by fd through an index vector; shared by threads and by
//! `CLONE_FILES` children, copied on fork), the update rules of the
//! fd-creating and fd-destroying records, the `O_CLOEXEC` purge at exec,
//! and parsing `/proc/<pid>/fd/<n>` link texts for lazy seeding.
//! Must never: grow without bound (a table holds at most
//! [`MAX_FDS_PER_TABLE`] entries, refusals are counted; its index vector
//! grows only to 16 slots per live entry plus a constant, and never past
//! fd 65535; the name cache holds at most `NAME_SLOTS` short names), or
//! do I/O itself
//! (lazy lookups go through the process table's loader).

use super::inthash::IntMap;
use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::ops::Deref;
use std::sync::Arc;

/// Most fds remembered per table; more are counted in `fd_refused`.
pub const MAX_FDS_PER_TABLE: usize = 4096;

/// What an fd refers to (libsinsp's `scap_fd_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FdKind {
    #[default]
    Unknown,
    File,
    Directory,
    Ipv4,
    Ipv6,
    Unix,
    Pipe,
    Event,
    Signalfd,
    Eventpoll,
    Inotify,
    Timerfd,
    Netlink,
    Bpf,
    Userfaultfd,
    IoUring,
    Memfd,
    Pidfd,
}

impl FdKind {
    /// Falco's `fd.type` text.
    pub fn type_str(self) -> &'static str {
        match self {
            FdKind::Unknown => "<NA>",
            FdKind::File => "file",
            FdKind::Directory => "directory",
            FdKind::Ipv4 => "ipv4",
            FdKind::Ipv6 => "ipv6",
            FdKind::Unix => "unix",
            FdKind::Pipe => "pipe",
            FdKind::Event => "event",
            FdKind::Signalfd => "signalfd",
            FdKind::Eventpoll => "eventpoll",
            FdKind::Inotify => "inotify",
            FdKind::Timerfd => "timerfd",
            FdKind::Netlink => "netlink",
            FdKind::Bpf => "bpf",
            FdKind::Userfaultfd => "userfaultfd",
            FdKind::IoUring => "io_uring",
            FdKind::Memfd => "memfd",
            FdKind::Pidfd => "pidfd",
        }
    }

    /// Falco's `fd.typechar`.
    pub fn typechar(self) -> &'static str {
        match self {
            FdKind::Unknown => "o",
            FdKind::File => "f",
            FdKind::Directory => "d",
            FdKind::Ipv4 => "4",
            FdKind::Ipv6 => "6",
            FdKind::Unix | FdKind::Userfaultfd => "u",
            FdKind::Pipe => "p",
            FdKind::Event => "e",
            FdKind::Signalfd => "s",
            FdKind::Eventpoll => "l",
            FdKind::Inotify => "i",
            FdKind::Timerfd => "t",
            FdKind::Netlink => "n",
            FdKind::Bpf => "b",
            FdKind::IoUring => "r",
            FdKind::Memfd => "m",
            FdKind::Pidfd => "P",
        }
    }

    /// Whether this is an IP socket.
    pub fn is_ip(self) -> bool {
        matches!(self, FdKind::Ipv4 | FdKind::Ipv6)
    }

    /// Whether this is any socket.
    pub fn is_socket(self) -> bool {
        matches!(
            self,
            FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Unix | FdKind::Netlink
        )
    }
}

/// Layer-4 protocol of a socket (`fd.l4proto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum L4 {
    #[default]
    Unknown,
    Tcp,
    Udp,
    Icmp,
    Raw,
}

impl L4 {
    /// Falco's text.
    pub fn as_str(self) -> &'static str {
        match self {
            L4::Unknown => "<NA>",
            L4::Tcp => "tcp",
            L4::Udp => "udp",
            L4::Icmp => "icmp",
            L4::Raw => "raw",
        }
    }
}

/// Both ends of an IP connection, client first (scap's tuple order:
/// for connect the local end is the client, for accept the remote one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuple {
    pub cip: IpAddr,
    pub cport: u16,
    pub sip: IpAddr,
    pub sport: u16,
}

impl Tuple {
    /// Falco's name of the connection, `cip:cport->sip:sport` (the text
    /// of the record's tuple: v4-mapped addresses print as IPv4).
    pub fn text(&self) -> String {
        format!("{}:{}->{}:{}", self.cip, self.cport, self.sip, self.sport)
    }
}

/// What one fd refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FdInfo {
    pub kind: FdKind,
    /// Falco's `fd.name` (absolute path, unix socket path, ...), except
    /// that an IP socket named by its tuple leaves it empty: read the name
    /// through [`FdInfo::name_text`], which renders that tuple (only when
    /// asked, not on every connect and send).
    pub name: FdName,
    /// The path as the process passed it (`fd.nameraw`).
    pub nameraw: String,
    /// `PPM_O_*` open flags (O_CLOEXEC decides what survives exec).
    pub flags: u32,
    pub dev: u32,
    pub ino: u64,
    pub l4: L4,
    pub tuple: Option<Tuple>,
    /// The fd was returned by accept (`fd.is_server`).
    pub server: bool,
    /// A connect on it succeeded or is in progress (`fd.connected`).
    pub connected: bool,
    /// The record counter of the event that last renamed it
    /// (`fd.name_changed` on that event only).
    pub renamed_at: u64,
}

/// An fd's name: immutable text, shared by every fd with the same name
/// that went through the same [`NameCache`] (an `Arc<str>`; an empty name
/// holds nothing). Reads like a `&str` (`Deref`, [`FdName::as_str`]).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct FdName(Option<Arc<str>>);

impl FdName {
    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }

    /// Makes the name empty.
    pub fn clear(&mut self) {
        self.0 = None;
    }
}

impl Deref for FdName {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for FdName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for FdName {
    fn from(s: &str) -> FdName {
        FdName((!s.is_empty()).then(|| Arc::from(s)))
    }
}

impl From<String> for FdName {
    fn from(s: String) -> FdName {
        FdName((!s.is_empty()).then(|| Arc::from(s)))
    }
}

impl PartialEq<str> for FdName {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for FdName {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialEq<String> for FdName {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}

impl fmt::Debug for FdName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for FdName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Slots of a [`NameCache`] (a power of two).
const NAME_SLOTS: usize = 1024;
/// Longer names are not cached (they are rare, and the cache's memory
/// stays below `NAME_SLOTS` times this).
const NAME_CACHED_MAX: usize = 256;

/// The names of recently opened files, so an open of a path some fd
/// already has (the same file opened again, by this process or another)
/// shares its text instead of allocating a copy per fd. Direct-mapped:
/// one slot per hash, a new name replaces the slot's old one (fds keep
/// their own reference), so a lookup is one hash and at most one compare
/// whatever the names, and the cache never holds more than `NAME_SLOTS`
/// names of at most `NAME_CACHED_MAX` bytes.
#[derive(Debug, Default)]
pub struct NameCache {
    /// Empty until the first name.
    slots: Vec<Option<Arc<str>>>,
}

impl NameCache {
    /// `s` as an [`FdName`], shared with the last one of the same text
    /// when it is still in the cache.
    #[inline]
    pub fn get(&mut self, s: &str) -> FdName {
        if s.is_empty() {
            return FdName(None);
        }
        if s.len() > NAME_CACHED_MAX {
            return FdName(Some(Arc::from(s)));
        }
        if self.slots.is_empty() {
            self.slots.resize(NAME_SLOTS, None);
        }
        let slot = &mut self.slots[name_hash(s.as_bytes()) & (NAME_SLOTS - 1)];
        match slot {
            Some(a) if **a == *s => FdName(Some(a.clone())),
            _ => {
                let a: Arc<str> = Arc::from(s);
                *slot = Some(a.clone());
                FdName(Some(a))
            }
        }
    }
}

/// A slot index for `b` (8 bytes per multiply). It only spreads names
/// over slots, so no flooding resistance is needed: colliding names only
/// replace each other.
#[inline]
fn name_hash(b: &[u8]) -> usize {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    let mut w = [0u8; 8];
    w[..rest.len()].copy_from_slice(rest);
    h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
    (h >> 32) as usize
}

impl FdInfo {
    /// Falco's `fd.name`: [`FdInfo::name`], or the tuple's text for an IP
    /// socket named by its tuple.
    #[inline(always)]
    pub fn name_text(&self) -> Cow<'_, str> {
        match &self.tuple {
            Some(t) if self.name.is_empty() => Cow::Owned(t.text()),
            _ => Cow::Borrowed(self.name.as_str()),
        }
    }

    /// Whether [`FdInfo::name_text`] is not empty.
    pub fn has_name(&self) -> bool {
        !self.name.is_empty() || self.tuple.is_some()
    }

    /// `fd.lip`/`fd.lport`, `fd.rip`/`fd.rport`: local and remote ends by
    /// role (an accepted fd is the server end).
    pub fn local_remote(&self) -> Option<((IpAddr, u16), (IpAddr, u16))> {
        let t = self.tuple?;
        let (c, s) = ((t.cip, t.cport), (t.sip, t.sport));
        Some(if self.server { (s, c) } else { (c, s) })
    }
}

/// fds below this may be found through the index vector.
const DENSE_MAX: usize = 1 << 16;
/// How far past 16 times the live count the index vector may reach: the
/// kernel hands out the lowest free fd, so a table's fds are nearly always
/// dense, and a stray high fd goes to the map instead of growing the
/// vector.
const DENSE_SLACK: usize = 256;
/// An index slot with no entry.
const NO_ENTRY: u32 = u32::MAX;
/// Entries a table makes room for at its first fd.
const FIRST_ENTRIES: usize = 8;

/// One process's fds: the entries packed in a vector, found through a
/// vector indexed by fd (4 bytes per fd number; no hashing, no rehash
/// growth) or, for fds too high for it, a map.
#[derive(Debug, Clone, Default)]
pub struct FdTable {
    /// (fd, what it refers to), in no particular order.
    entries: Vec<(i64, FdInfo)>,
    /// The position in `entries` of each fd below `index.len()`.
    index: Vec<u32>,
    /// The position in `entries` of each fd at or above `index.len()`.
    sparse: IntMap<i64, u32>,
    /// Threads using this table.
    pub(crate) refs: u32,
    /// Built from the event stream since the process started, so a missing
    /// fd really is not open (no /proc lookup needed).
    pub complete: bool,
    /// fds /proc did not have, not asked again (bounded).
    pub(crate) absent: Vec<i64>,
}

impl FdTable {
    /// An empty table.
    pub fn new(complete: bool) -> FdTable {
        FdTable {
            complete,
            ..FdTable::default()
        }
    }

    /// Where `fd`'s entry is in `entries`.
    #[inline]
    fn position(&self, fd: i64) -> Option<usize> {
        let at = match usize::try_from(fd) {
            Ok(i) if i < self.index.len() => self.index[i],
            _ if self.sparse.is_empty() => return None,
            _ => *self.sparse.get(&fd)?,
        };
        (at != NO_ENTRY).then_some(at as usize)
    }

    /// Points `fd` at position `at` (`NO_ENTRY`: at nothing).
    fn set_position(&mut self, fd: i64, at: u32) {
        match usize::try_from(fd) {
            Ok(i) if i < self.index.len() => self.index[i] = at,
            _ if at == NO_ENTRY => {
                self.sparse.remove(&fd);
            }
            _ => {
                self.sparse.insert(fd, at);
            }
        }
    }

    pub fn get(&self, fd: i64) -> Option<&FdInfo> {
        let at = self.position(fd)?;
        self.entries.get(at).map(|e| &e.1)
    }

    pub fn get_mut(&mut self, fd: i64) -> Option<&mut FdInfo> {
        let at = self.position(fd)?;
        self.entries.get_mut(at).map(|e| &mut e.1)
    }

    /// Number of open fds known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds or replaces `fd`; false when the table is full.
    pub fn insert(&mut self, fd: i64, info: FdInfo) -> bool {
        match self.place(fd) {
            Some(slot) => {
                *slot = info;
                true
            }
            None => false,
        }
    }

    /// [`FdTable::insert`] of the entry `fill` makes from the one `fd` had
    /// (a default entry when it had none), so its strings' buffers are
    /// reused. False when the table is full.
    pub fn upsert(&mut self, fd: i64, fill: impl FnOnce(&mut FdInfo)) -> bool {
        match self.place(fd) {
            Some(slot) => {
                fill(slot);
                true
            }
            None => false,
        }
    }

    /// The entry of `fd`, a default one when it had none; `None` for a
    /// negative fd or a new fd in a full table.
    fn place(&mut self, fd: i64) -> Option<&mut FdInfo> {
        let i = usize::try_from(fd).ok()?;
        let at = match self.position(fd) {
            Some(at) => at,
            None => {
                let at = self.entries.len();
                if at >= MAX_FDS_PER_TABLE {
                    return None;
                }
                if !self.absent.is_empty() {
                    self.absent.retain(|a| *a != fd);
                }
                if i >= self.index.len() {
                    self.grow_index(i);
                }
                if self.entries.capacity() == 0 {
                    // A process has stdin, stdout, stderr and usually a
                    // few more: one allocation instead of growing 4, 8.
                    self.entries.reserve_exact(FIRST_ENTRIES);
                }
                self.entries.push((fd, FdInfo::default()));
                self.set_position(fd, at as u32);
                at
            }
        };
        self.entries.get_mut(at).map(|e| &mut e.1)
    }

    /// Makes the index cover fd `i` if that keeps it within its bounds,
    /// moving the map's fds below its new end into it.
    fn grow_index(&mut self, i: usize) {
        let cap = DENSE_MAX.min(16 * self.entries.len() + DENSE_SLACK);
        if i >= cap {
            return;
        }
        let len = (2 * self.index.len()).clamp(64, cap).max(i + 1);
        self.index.resize(len, NO_ENTRY);
        if !self.sparse.is_empty() {
            let below: Vec<(i64, u32)> = self
                .sparse
                .iter()
                .map(|(k, v)| (*k, *v))
                .filter(|(k, _)| usize::try_from(*k).is_ok_and(|k| k < len))
                .collect();
            for (fd, at) in below {
                self.sparse.remove(&fd);
                self.set_position(fd, at);
            }
        }
    }

    pub fn remove(&mut self, fd: i64) -> Option<FdInfo> {
        let at = self.position(fd)?;
        self.set_position(fd, NO_ENTRY);
        let (_, old) = self.entries.swap_remove(at);
        if let Some(&(moved, _)) = self.entries.get(at) {
            self.set_position(moved, at as u32);
        }
        Some(old)
    }

    /// What exec does: fds opened with O_CLOEXEC are closed.
    #[inline]
    pub fn close_on_exec(&mut self) {
        if !self.entries.is_empty() {
            self.close_cloexec_entries();
        }
    }

    fn close_cloexec_entries(&mut self) {
        let before = self.entries.len();
        self.entries
            .retain(|(_, f)| f.flags & lanner_abi::PPM_O_CLOEXEC == 0);
        if self.entries.len() == before {
            return;
        }
        self.index.fill(NO_ENTRY);
        self.sparse.clear();
        for at in 0..self.entries.len() {
            self.set_position(self.entries[at].0, at as u32);
        }
    }

    /// A copy for a forked child (threads count restarts).
    pub fn fork_copy(&self) -> FdTable {
        FdTable {
            entries: self.entries.clone(),
            index: self.index.clone(),
            sparse: self.sparse.clone(),
            refs: 0,
            complete: self.complete,
            absent: Vec::new(),
        }
    }

    /// Remembers that /proc had no such fd (bounded list).
    pub(crate) fn mark_absent(&mut self, fd: i64) {
        if self.absent.len() >= 64 {
            self.absent.remove(0);
        }
        self.absent.push(fd);
    }

    pub(crate) fn is_absent(&self, fd: i64) -> bool {
        self.absent.contains(&fd)
    }
}

/// An fd as `/proc/<pid>/fd/<n>` shows it (the text of the link), for
/// fds that existed before lanner started: files and directories by path
/// (`is_dir` from a stat), `socket:[ino]`, `pipe:[ino]` and the anonymous
/// inode kinds.
pub fn from_proc_link(link: &str, is_dir: bool) -> FdInfo {
    let inode = |s: &str| -> u64 {
        s.rsplit_once('[')
            .and_then(|(_, r)| r.strip_suffix(']'))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let (kind, name) = if let Some(rest) = link.strip_prefix("anon_inode:") {
        let k = match rest.trim_matches(|c| c == '[' || c == ']') {
            "eventfd" => FdKind::Event,
            "signalfd" => FdKind::Signalfd,
            "eventpoll" => FdKind::Eventpoll,
            "inotify" => FdKind::Inotify,
            "timerfd" => FdKind::Timerfd,
            "userfaultfd" => FdKind::Userfaultfd,
            "io_uring" => FdKind::IoUring,
            "pidfd" => FdKind::Pidfd,
            r if r.starts_with("bpf") => FdKind::Bpf,
            _ => FdKind::Unknown,
        };
        (k, String::new())
    } else if link.starts_with("pipe:") {
        (FdKind::Pipe, String::new())
    } else if link.starts_with("socket:") {
        // The family is not in the link; /proc/net would tell, but an
        // unknown socket is reported as such rather than guessed.
        (FdKind::Unknown, String::new())
    } else if link.starts_with("/memfd:") {
        (FdKind::Memfd, link.to_string())
    } else if is_dir {
        (FdKind::Directory, link.to_string())
    } else {
        (FdKind::File, link.to_string())
    };
    FdInfo {
        kind,
        name: FdName::from(name.as_str()),
        nameraw: name,
        ino: inode(link),
        ..FdInfo::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lanner_abi as abi;

    #[test]
    fn cloexec_fds_do_not_survive_exec() {
        let mut t = FdTable::new(true);
        let f = |flags| FdInfo {
            kind: FdKind::File,
            flags,
            ..FdInfo::default()
        };
        assert!(t.insert(3, f(abi::PPM_O_RDONLY)));
        assert!(t.insert(4, f(abi::PPM_O_RDONLY | abi::PPM_O_CLOEXEC)));
        assert!(!t.insert(-1, f(0)));
        t.close_on_exec();
        assert!(t.get(3).is_some() && t.get(4).is_none());
        let c = t.fork_copy();
        assert_eq!((c.len(), c.refs), (1, 0));
    }

    #[test]
    fn table_is_bounded() {
        let mut t = FdTable::new(true);
        for fd in 0..MAX_FDS_PER_TABLE as i64 {
            assert!(t.insert(fd, FdInfo::default()));
        }
        assert!(!t.insert(1 << 20, FdInfo::default()));
        assert!(t.insert(5, FdInfo::default()), "replacing is allowed");
    }

    #[test]
    fn high_fds_go_to_the_map_and_move_down_as_the_table_fills() {
        let mut t = FdTable::new(true);
        let named = |n: &str| FdInfo {
            name: n.into(),
            ..FdInfo::default()
        };
        assert!(t.insert(1000, named("high")));
        assert!(t.insert(3, named("low")));
        assert_eq!(t.len(), 2);
        assert_eq!(t.get(1000).unwrap().name, "high");
        assert_eq!(t.get(3).unwrap().name, "low");
        assert!(t.get(4).is_none() && t.get(-1).is_none() && t.get(999).is_none());
        // Enough low fds for the vector to reach past 1000.
        for fd in 0..700 {
            assert!(t.upsert(fd, |f| f.flags = fd as u32));
        }
        assert_eq!(t.len(), 701);
        assert_eq!(t.get(1000).unwrap().name, "high");
        assert_eq!(
            t.get(3).map(|f| (f.name.as_str(), f.flags)),
            Some(("low", 3))
        );
        assert_eq!(t.remove(1000).unwrap().name, "high");
        assert!(t.remove(1000).is_none() && t.remove(-5).is_none());
        assert_eq!(t.len(), 700);
        // Removing moves the last entry into the hole: every fd still finds
        // its own.
        assert!(t.remove(10).is_some() && t.remove(699).is_some());
        assert!((0..699)
            .filter(|fd| ![3, 10].contains(fd))
            .all(|fd| t.get(fd).unwrap().flags == fd as u32));
        assert!(
            t.insert(
                10,
                FdInfo {
                    flags: 10,
                    ..FdInfo::default()
                }
            ) && t.insert(
                699,
                FdInfo {
                    flags: 699,
                    ..FdInfo::default()
                }
            )
        );
        t.get_mut(7).unwrap().flags = abi::PPM_O_CLOEXEC;
        assert!(t.insert(
            1 << 40,
            FdInfo {
                flags: abi::PPM_O_CLOEXEC,
                ..FdInfo::default()
            }
        ));
        t.close_on_exec();
        assert_eq!(t.len(), 699);
        assert!(t.get(7).is_none() && t.get(1 << 40).is_none());
        let c = t.fork_copy();
        assert_eq!((c.len(), c.get(3).unwrap().name.as_str()), (699, "low"));
    }

    #[test]
    fn name_cache_shares_equal_names_and_stays_bounded() {
        let mut c = NameCache::default();
        let a = c.get("/etc/passwd");
        let b = c.get(&String::from("/etc/passwd"));
        assert_eq!((a.as_str(), &a), ("/etc/passwd", &b));
        let ptr = |n: &FdName| n.0.as_ref().map(|x| Arc::as_ptr(x) as *const u8);
        assert_eq!(ptr(&a), ptr(&b), "the same text is shared");
        assert_eq!(c.get(""), FdName::default());
        assert!(c.get("").is_empty() && ptr(&c.get("")).is_none());
        let long = "/x".repeat(NAME_CACHED_MAX);
        assert_eq!(c.get(&long).as_str(), long);
        // Many distinct names: each comes back with its own text, and the
        // cache holds at most one per slot.
        let names: Vec<String> = (0..4 * NAME_SLOTS).map(|i| format!("/f/{i}")).collect();
        let got: Vec<FdName> = names.iter().map(|n| c.get(n)).collect();
        assert!(names.iter().zip(&got).all(|(n, g)| g == n));
        assert_eq!(c.slots.len(), NAME_SLOTS);
        assert_eq!(a, "/etc/passwd", "a replaced slot leaves fds their name");
        assert_eq!(FdName::from(String::new()), FdName::default());
        assert_eq!(format!("{a} {a:?}"), "/etc/passwd \"/etc/passwd\"");
    }

    #[test]
    fn proc_links_parse() {
        let p = from_proc_link("pipe:[1234]", false);
        assert_eq!((p.kind, p.ino), (FdKind::Pipe, 1234));
        assert_eq!(
            from_proc_link("anon_inode:[eventfd]", false).kind,
            FdKind::Event
        );
        assert_eq!(
            from_proc_link("anon_inode:inotify", false).kind,
            FdKind::Inotify
        );
        assert_eq!(from_proc_link("/etc", true).kind, FdKind::Directory);
        let f = from_proc_link("/var/log/syslog", false);
        assert_eq!((f.kind, f.name.as_str()), (FdKind::File, "/var/log/syslog"));
        assert_eq!(from_proc_link("socket:[9]", false).kind, FdKind::Unknown);
        assert_eq!(
            from_proc_link("/memfd:x (deleted)", false).kind,
            FdKind::Memfd
        );
    }

    #[test]
    fn kinds_render_like_falco() {
        assert_eq!(
            (FdKind::Ipv4.type_str(), FdKind::Ipv4.typechar()),
            ("ipv4", "4")
        );
        assert_eq!(FdKind::File.typechar(), "f");
        assert_eq!(L4::Tcp.as_str(), "tcp");
    }
}
