//! Field values of one event: the join of a decoded record with the
//! process table (threads, fd tables, user names) and container state, as
//! rule conditions and outputs see them.
//!
//! Owns: Falco's meaning of every field in `engine::catalog` for lanner's
//! events, one family per submodule (`evt`, `proc`, `fd`, `user`,
//! `container`), dispatched by [`EventFields::value`].
//! Must never: mutate state, do I/O, or allocate for a field nobody asked
//! for (strings borrow from the record or the table where they can).

mod args;
pub mod caps;
pub mod container;
mod evt;
mod fd;
pub mod path;
mod proc;
mod user;

use crate::engine::catalog::FIELDS;
use crate::engine::{Field, FieldRef, Value};
use crate::event::decode::Event;
use crate::event::param::{self, ParamKey};
use crate::state::fd::FdInfo;
use crate::state::proc::{ProcTable, ThreadInfo};
use lanner_abi as abi;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::Arc;

pub use path::normalize_path;

/// The fields of one event in the context of the process table.
pub struct EventFields<'e, 't> {
    ev: &'e Event<'e>,
    procs: &'t ProcTable,
    thread: Option<&'t ThreadInfo>,
    /// The thread's parent, looked up on first use.
    parent: OnceCell<Option<&'t ThreadInfo>>,
    /// The event's fd number, computed on first use.
    fd_num: OnceCell<Option<i64>>,
    /// Its `flags` parameter as `PPM_O_*` open flags (0 when absent),
    /// decoded on first use (`evt.is_open_read` and `_write` both ask).
    open_flags: OnceCell<u32>,
    /// The event's fd, looked up on first use.
    fd: OnceCell<Option<&'t FdInfo>>,
    /// The thread's container, looked up on first use.
    container: OnceCell<Arc<container::ContainerInfo>>,
    /// The fd's two socket ends' addresses (`fd.ip`, `fd.net`), kept so
    /// the list value can borrow them.
    tuple_ips: OnceCell<[Value<'static>; 2]>,
}

pub(crate) fn is_open_family(code: u32) -> bool {
    matches!(
        code,
        abi::PPME_SYSCALL_OPEN_X
            | abi::PPME_SYSCALL_OPENAT_2_X
            | abi::PPME_SYSCALL_OPENAT2_X
            | abi::PPME_SYSCALL_CREAT_X
    )
}

/// Which submodule answers a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Evt,
    Proc,
    Fd,
    User,
    Container,
}

/// Whether `name`'s first dotted part is `part`.
const fn first_part_is(name: &str, part: &str) -> bool {
    let (n, p) = (name.as_bytes(), part.as_bytes());
    if n.len() < p.len() || (n.len() > p.len() && n[p.len()] != b'.') {
        return false;
    }
    let mut i = 0;
    while i < p.len() {
        if n[i] != p[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn family_of(name: &str) -> Family {
    if first_part_is(name, "evt") || first_part_is(name, "syscall") {
        Family::Evt
    } else if first_part_is(name, "proc") || first_part_is(name, "thread") {
        Family::Proc
    } else if first_part_is(name, "fd") {
        Family::Fd
    } else if first_part_is(name, "user") || first_part_is(name, "group") {
        Family::User
    } else {
        Family::Container
    }
}

/// Each catalogue field's family, by field id (computed from the names at
/// build time, so a request costs an index, not string comparisons).
static FAMILIES: [Family; FIELDS.len()] = {
    let mut out = [Family::Container; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        out[i] = family_of(FIELDS[i].name);
        i += 1;
    }
    out
};

/// A borrowed string value.
pub(crate) fn bstr(s: &str) -> Value<'_> {
    Value::Str(Cow::Borrowed(s))
}

/// A non-empty borrowed string value.
pub(crate) fn nonempty(s: &str) -> Option<Value<'_>> {
    (!s.is_empty()).then(|| bstr(s))
}

impl<'e, 't> EventFields<'e, 't> {
    /// Binds `ev` to its thread in `procs`.
    pub fn new(ev: &'e Event<'e>, procs: &'t ProcTable) -> EventFields<'e, 't> {
        EventFields {
            ev,
            procs,
            thread: procs.get(ev.tid()),
            parent: OnceCell::new(),
            fd_num: OnceCell::new(),
            open_flags: OnceCell::new(),
            fd: OnceCell::new(),
            container: OnceCell::new(),
            tuple_ips: OnceCell::new(),
        }
    }

    /// Uses `c` as the event's container instead of looking it up (for
    /// callers that already know it, and tests).
    pub fn with_container(self, c: Arc<container::ContainerInfo>) -> Self {
        let _ = self.container.set(c);
        self
    }

    /// The event.
    pub fn event(&self) -> &Event<'e> {
        self.ev
    }

    /// The process table.
    pub fn procs(&self) -> &'t ProcTable {
        self.procs
    }

    /// The thread that produced the event, if known.
    pub fn thread(&self) -> Option<&'t ThreadInfo> {
        self.thread
    }

    /// Its parent, if known.
    pub fn parent(&self) -> Option<&'t ThreadInfo> {
        *self.parent.get_or_init(|| self.procs.parent(self.ev.tid()))
    }

    pub(crate) fn code(&self) -> u32 {
        u32::from(self.ev.code())
    }

    /// The value of field `f` for this event (`None`: no value).
    pub fn value(&self, f: &FieldRef) -> Option<Value<'_>> {
        let field = Field::from_id(f.id)?;
        match FAMILIES.get(field as usize)? {
            Family::Evt => self.evt_field(field, &f.arg),
            Family::Proc => self.proc_field(field, &f.arg),
            Family::Fd => self.fd_field(field, &f.arg),
            Family::User => self.user_field(field),
            Family::Container => self.container_field(field, &f.arg),
        }
    }

    /// `evt.rawres`: the syscall's return value: the `res` parameter, or
    /// for an fd-creating call its `fd` (as libsinsp).
    pub fn rawres(&self) -> Option<i64> {
        if let Some(i) = param::RES.index_in(self.ev) {
            return self.ev.value(i)?.as_int();
        }
        let creates = self
            .ev
            .info()
            .is_some_and(|i| i.flags & abi::EF_CREATES_FD != 0);
        creates.then(|| self.ev.int_of(&param::FD)).flatten()
    }

    /// `evt.res`: "SUCCESS" or the errno name ("ENOENT").
    pub fn res(&self) -> Option<Cow<'static, str>> {
        let r = self.rawres()?;
        if r >= 0 {
            return Some(Cow::Borrowed("SUCCESS"));
        }
        Some(Cow::Owned(
            args::errno_name(r).unwrap_or_else(|| r.to_string()),
        ))
    }

    /// Whether the event is one of the open calls `evt.is_open_*` look at
    /// (open, openat, openat2; not creat, as in Falco).
    pub(crate) fn is_open_call(&self) -> bool {
        is_open_family(self.code()) && self.code() != abi::PPME_SYSCALL_CREAT_X
    }

    /// `evt.is_open_read` / `evt.is_open_write` (false for other events).
    pub fn is_open(&self, write: bool) -> bool {
        if !self.is_open_call() {
            return false;
        }
        let flags = *self
            .open_flags
            .get_or_init(|| self.ev.int_of(&param::FLAGS).unwrap_or(0) as u32);
        let bit = if write {
            abi::PPM_O_WRONLY
        } else {
            abi::PPM_O_RDONLY
        };
        flags & bit != 0
    }

    /// The fd number the event is about: the created fd for fd-creating
    /// events (-1 when the call failed), the source fd for dup, else its
    /// `fd` argument.
    pub fn fd_num(&self) -> Option<i64> {
        *self.fd_num.get_or_init(|| self.find_fd_num())
    }

    fn find_fd_num(&self) -> Option<i64> {
        match self.code() {
            abi::PPME_SYSCALL_DUP_1_X | abi::PPME_SYSCALL_DUP2_X | abi::PPME_SYSCALL_DUP3_X => {
                self.ev.int_of(&param::OLDFD)
            }
            abi::PPME_SYSCALL_USERFAULTFD_X => self.rawres().map(|r| r.max(-1)),
            _ => {
                let fd = self.ev.int_of(&param::FD)?;
                // An fd-creating call that failed has no fd: Falco says -1
                // (the stable `open_file_failed` macro tests fd.num=-1).
                let creates = self.ev.info().is_some_and(|i| {
                    i.flags & abi::EF_CREATES_FD != 0
                        && i.params.first().is_some_and(|p| p.name == "fd")
                });
                Some(if creates && fd < 0 { -1 } else { fd })
            }
        }
    }

    /// Whether the event creates, uses or destroys an fd (the only events
    /// with `fd.*` values, as in Falco).
    pub fn is_fd_event(&self) -> bool {
        let mask = abi::EF_CREATES_FD | abi::EF_USES_FD | abi::EF_DESTROYS_FD;
        match self.ev.info() {
            Some(i) => i.flags & mask != 0,
            // An event only a replayed capture carries (enter events, calls
            // lanner's drivers do not emit): an fd event when it has an
            // `fd` parameter, as those events are in Falco's table.
            None => param::FD.index_in(self.ev).is_some(),
        }
    }

    /// What the event's fd refers to in the process's fd table.
    pub fn fd_info(&self) -> Option<&'t FdInfo> {
        *self.fd.get_or_init(|| {
            let num = self.fd_num()?;
            // The event's thread, already looked up: its table.
            self.procs.fd_table(self.thread?)?.get(num)
        })
    }

    /// For an fd event whose fd is not in the table (a call that failed,
    /// or an fd never seen): the name the record itself carries, as Falco
    /// falls back to — the path of open/openat/openat2/creat (`raw`: as
    /// passed, repeated slashes folded), the tuple of accept/connect, else
    /// empty.
    pub(crate) fn creator_name(&self, raw: bool) -> String {
        let ev = self.ev;
        match self.code() {
            c if is_open_family(c) => {
                if raw {
                    let n = ev.str_of(&param::NAME).map(String::from_utf8_lossy);
                    let mut s = n.unwrap_or_default().into_owned();
                    while s.contains("//") {
                        s = s.replace("//", "/");
                    }
                    s
                } else {
                    path::resolve_at(self.procs, ev, param::NAME.index_in(ev))
                        .map(Cow::into_owned)
                        .unwrap_or_default()
                }
            }
            abi::PPME_SOCKET_ACCEPT_5_X
            | abi::PPME_SOCKET_ACCEPT4_6_X
            | abi::PPME_SOCKET_CONNECT_X => ev
                .param(param::TUPLE.index_in(ev).unwrap_or(usize::MAX))
                .and_then(crate::event::render::socktuple)
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Falco's `fd.typechar` for an fd event without a known fd.
    pub(crate) fn creator_typechar(&self) -> &'static str {
        match self.code() {
            c if is_open_family(c) => "f",
            abi::PPME_SOCKET_SOCKET_X
            | abi::PPME_SOCKET_ACCEPT_5_X
            | abi::PPME_SOCKET_ACCEPT4_6_X => "4",
            _ => "o",
        }
    }

    /// `fd.name` (kept for callers of the previous API), an IP socket's
    /// tuple text included.
    pub fn fd_name(&self) -> Option<Cow<'_, str>> {
        self.fd_info().map(|f| f.name_text())
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod family_tests {
    use super::*;

    #[test]
    fn families_follow_the_first_name_part() {
        for f in Field::ALL {
            let want = match f.name().split('.').next() {
                Some("evt" | "syscall") => Family::Evt,
                Some("proc" | "thread") => Family::Proc,
                Some("fd") => Family::Fd,
                Some("user" | "group") => Family::User,
                _ => Family::Container,
            };
            assert_eq!(FAMILIES[*f as usize], want, "{}", f.name());
        }
        assert!(first_part_is("fd", "fd") && !first_part_is("fdx.a", "fd"));
        assert!(!first_part_is("f", "fd") && first_part_is("fd.name", "fd"));
    }
}
