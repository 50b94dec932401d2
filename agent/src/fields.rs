//! Field values of one event: the join of a decoded record with the
//! process table, as rule conditions and outputs see them.
//!
//! Owns: Falco's meaning of each supported field (`evt.*`, `proc.*`,
//! `user.*`, `fd.*`) for lanner's events, including path resolution of
//! relative open paths against the thread's cwd.
//! Must never: mutate state or allocate for a field nobody asked for.

use crate::event::decode::Event;
use crate::state::proc::{ProcTable, ThreadInfo};
use lanner_abi as abi;
use std::borrow::Cow;

/// The fields of one event in the context of the process table.
pub struct EventFields<'e, 't> {
    ev: &'e Event<'e>,
    thread: Option<&'t ThreadInfo>,
    parent: Option<&'t ThreadInfo>,
}

fn is_open_family(code: u32) -> bool {
    matches!(
        code,
        abi::PPME_SYSCALL_OPEN_X | abi::PPME_SYSCALL_OPENAT_2_X | abi::PPME_SYSCALL_OPENAT2_X
    )
}

/// Joins `rel` to `base` and removes `.`/`..` components and repeated
/// slashes, as Falco renders `fd.name`.
pub fn normalize_path(base: &str, rel: &str) -> String {
    let joined = if rel.starts_with('/') || base.is_empty() {
        Cow::Borrowed(rel)
    } else {
        Cow::Owned(format!("{base}/{rel}"))
    };
    let mut parts: Vec<&str> = Vec::new();
    for c in joined.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    if !joined.starts_with('/') {
        return parts.join("/");
    }
    let mut s = String::with_capacity(joined.len());
    for p in &parts {
        s.push('/');
        s.push_str(p);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}

impl<'e, 't> EventFields<'e, 't> {
    /// Binds `ev` to its thread (and parent) in `procs`.
    pub fn new(ev: &'e Event<'e>, procs: &'t ProcTable) -> EventFields<'e, 't> {
        EventFields {
            ev,
            thread: procs.get(ev.tid()),
            parent: procs.parent(ev.tid()),
        }
    }

    /// The event.
    pub fn event(&self) -> &Event<'e> {
        self.ev
    }

    /// The thread that produced the event, if known.
    pub fn thread(&self) -> Option<&'t ThreadInfo> {
        self.thread
    }

    /// Its parent, if known.
    pub fn parent(&self) -> Option<&'t ThreadInfo> {
        self.parent
    }

    fn code(&self) -> u32 {
        u32::from(self.ev.code())
    }

    /// `evt.rawres`: the syscall's return value.
    pub fn rawres(&self) -> Option<i64> {
        match self.code() {
            c if is_open_family(c) => self.ev.int_of("fd"),
            abi::PPME_PROCEXIT_1_E => None,
            _ => self.ev.int_of("res"),
        }
    }

    /// `evt.res`: "SUCCESS" or the errno name ("ENOENT").
    pub fn res(&self) -> Option<Cow<'static, str>> {
        let r = self.rawres()?;
        if r >= 0 {
            return Some(Cow::Borrowed("SUCCESS"));
        }
        let e = nix::errno::Errno::from_raw((-r) as i32);
        Some(Cow::Owned(if e == nix::errno::Errno::UnknownErrno {
            r.to_string()
        } else {
            format!("{e:?}")
        }))
    }

    /// `evt.is_open_read` / `evt.is_open_write`.
    pub fn is_open(&self, write: bool) -> Option<bool> {
        if !is_open_family(self.code()) {
            return None;
        }
        let flags = self.ev.int_of("flags")? as u32;
        let bit = if write {
            abi::PPM_O_WRONLY
        } else {
            abi::PPM_O_RDONLY
        };
        Some(flags & bit != 0)
    }

    /// `fd.num` for fd-creating events.
    pub fn fd_num(&self) -> Option<i64> {
        is_open_family(self.code())
            .then(|| self.ev.int_of("fd"))
            .flatten()
    }

    /// `fd.name`: the opened path, made absolute against the cwd when it
    /// was relative to it.
    pub fn fd_name(&self) -> Option<Cow<'e, str>> {
        if !is_open_family(self.code()) {
            return None;
        }
        let raw = self.ev.str_of("name")?;
        let name = String::from_utf8_lossy(raw);
        let at_cwd = match self.code() {
            abi::PPME_SYSCALL_OPEN_X => true,
            _ => self.ev.int_of("dirfd") == Some(i64::from(abi::PPM_AT_FDCWD)),
        };
        if name.starts_with('/') && !name.contains("/.") && !name.contains("//") {
            return Some(name);
        }
        let cwd = match (at_cwd, self.thread) {
            (true, Some(t)) => t.cwd.as_str(),
            _ => "",
        };
        Some(Cow::Owned(normalize_path(cwd, &name)))
    }

    /// `fd.directory` and `fd.filename`.
    pub fn fd_split(&self) -> Option<(String, String)> {
        let n = self.fd_name()?;
        let (d, f) = n.rsplit_once('/')?;
        Some((
            if d.is_empty() {
                "/".into()
            } else {
                d.to_string()
            },
            f.to_string(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::tests::{openat, record};

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize_path("/root", "../etc/./shadow"), "/etc/shadow");
        assert_eq!(normalize_path("/", "etc//passwd"), "/etc/passwd");
        assert_eq!(normalize_path("", "a/b"), "a/b");
        assert_eq!(normalize_path("/x", "/.."), "/");
    }

    #[test]
    fn relative_open_resolves_against_cwd() {
        let mut procs = ProcTable::new(4);
        procs.seed([ThreadInfo {
            tid: 9,
            cwd: "/etc".into(),
            ..Default::default()
        }]);
        let r = openat(1, 9, 3, "shadow", abi::PPM_O_RDONLY);
        let ev = Event::parse(&r).unwrap();
        let f = EventFields::new(&ev, &procs);
        assert_eq!(f.fd_name().unwrap(), "/etc/shadow");
        assert_eq!(f.fd_split().unwrap(), ("/etc".into(), "shadow".into()));
        assert_eq!(
            (f.is_open(false), f.is_open(true)),
            (Some(true), Some(false))
        );
        assert_eq!((f.fd_num(), f.rawres()), (Some(3), Some(3)));
        assert_eq!(f.res().unwrap(), "SUCCESS");
    }

    #[test]
    fn failed_open_renders_errno_name() {
        let procs = ProcTable::new(4);
        let r = openat(1, 9, -2, "/nope", 0);
        let ev = Event::parse(&r).unwrap();
        assert_eq!(EventFields::new(&ev, &procs).res().unwrap(), "ENOENT");
        let g = record(abi::PPME_GENERIC_X, 1, 1, &[&[1, 0], &[2, 0]]);
        let ev = Event::parse(&g).unwrap();
        assert_eq!(EventFields::new(&ev, &procs).fd_name(), None);
    }
}
