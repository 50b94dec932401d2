//! `evt.*` and `syscall.type`: values of the record itself (type, result,
//! arguments as Falco renders them, time, category) plus the record
//! counter and the host name.
//!
//! Owns: the event family of [`EventFields::value`].
//! Must never: read the clock (times are the record's) or state other
//! than the event's fd and thread.

use super::{bstr, EventFields};
use crate::engine::{Field, FieldArg, Value};
use crate::event::decode::Value as Raw;
use crate::event::param;
use crate::output::timefmt;
use crate::state::fd::FdKind;
use lanner_abi as abi;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The host name, read once.
pub fn hostname() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| {
        nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().into_owned())
            .unwrap_or_default()
    })
}

fn category_name(cat: u32) -> &'static str {
    match cat {
        abi::EC_UNKNOWN => "unknown",
        abi::EC_OTHER => "other",
        abi::EC_FILE => "file",
        abi::EC_NET => "net",
        abi::EC_IPC => "IPC",
        abi::EC_MEMORY => "memory",
        abi::EC_PROCESS => "process",
        abi::EC_SLEEP => "sleep",
        abi::EC_SYSTEM => "system",
        abi::EC_SIGNAL => "signal",
        abi::EC_USER => "user",
        abi::EC_TIME => "time",
        _ => "unknown",
    }
}

/// `HH:MM:SS`, `HH:MM:SS.nnnnnnnnn`, `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` (UTC).
fn time_text(ts: u64, date: bool, frac: bool) -> String {
    let t = timefmt::utc(ts);
    let mut s = if date {
        format!("{:04}-{:02}-{:02} ", t.year(), u8::from(t.month()), t.day())
    } else {
        String::new()
    };
    s.push_str(&format!(
        "{:02}:{:02}:{:02}",
        t.hour(),
        t.minute(),
        t.second()
    ));
    if frac {
        s.push_str(&format!(".{:09}", ts % 1_000_000_000));
    }
    s
}

impl EventFields<'_, '_> {
    /// The category without the syscall/tracepoint bits.
    fn category(&self) -> u32 {
        let c = self.event().info().map_or(0, |i| i.category);
        c & !(abi::EC_SYSCALL | abi::EC_TRACEPOINT)
    }

    /// Whether the event reads from / writes to its fd (the event table's
    /// `EF_READS_FROM_FD` / `EF_WRITES_TO_FD`, as Falco decides).
    fn is_io(&self, which: u32) -> bool {
        self.event().info().is_some_and(|i| i.flags & which != 0)
    }

    /// Index of the argument an `evt.arg`/`evt.rawarg` names.
    fn arg_index(&self, arg: &FieldArg) -> Option<usize> {
        match arg {
            FieldArg::Index(i) => Some(*i as usize).filter(|i| *i < self.event().nparams()),
            FieldArg::Key(k) => self.event().param_index(k),
            FieldArg::None => None,
        }
    }

    /// The (dirfd, path) pairs of a *at event: `src` the first, `dst` the
    /// second.
    fn abspath(&self, arg: &FieldArg) -> Option<Value<'_>> {
        self.thread()?;
        let info = self.event().info()?;
        let paths: Vec<usize> = info
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.dirfd.is_some())
            .map(|(i, _)| i)
            .collect();
        // One (dirfd, path) pair answers both src and dst, as libsinsp.
        let idx = match (arg, paths.as_slice()) {
            (_, [only]) => *only,
            (FieldArg::Key(k), [src, ..]) if &**k == "src" => *src,
            (FieldArg::Key(k), [_, dst, ..]) if &**k == "dst" => *dst,
            _ => return None,
        };
        super::path::resolve_at(self.procs(), self.event(), Some(idx)).map(Value::Str)
    }

    pub(super) fn evt_field(&self, f: Field, arg: &FieldArg) -> Option<Value<'_>> {
        let ev = self.event();
        let ts = ev.ts();
        Some(match f {
            Field::EvtType => bstr(ev.name()),
            Field::SyscallType => {
                let cat = ev.info()?.category;
                if cat & abi::EC_SYSCALL == 0 {
                    return None;
                }
                bstr(ev.name())
            }
            Field::EvtTypeIs => {
                let FieldArg::Key(k) = arg else {
                    return None;
                };
                Value::Int(i64::from(&**k == ev.name()))
            }
            Field::EvtNum => Value::Int(self.procs().event_num() as i64),
            // Falco's PPME_IS_ENTER: even codes are enter events (only in
            // replayed captures, and procexit), odd codes exits.
            Field::EvtDir => bstr(if self.code().is_multiple_of(2) {
                ">"
            } else {
                "<"
            }),
            Field::EvtRes => Value::Str(self.res()?),
            Field::EvtRawres => Value::Int(self.rawres()?),
            Field::EvtFailed => Value::Bool(self.rawres().is_some_and(|r| r < 0)),
            Field::EvtIsOpenRead => Value::Bool(self.is_open(false)),
            Field::EvtIsOpenWrite => Value::Bool(self.is_open(true)),
            Field::EvtIsOpenExec => {
                let exec = self.is_open_call() && {
                    let flags = ev.int_of(&param::FLAGS).unwrap_or(0) as u32;
                    let mode = ev.int_of(&param::MODE).unwrap_or(0) as u32;
                    flags & (abi::PPM_O_TMPFILE | abi::PPM_O_CREAT) != 0
                        && mode & (abi::PPM_S_IXUSR | abi::PPM_S_IXGRP | abi::PPM_S_IXOTH) != 0
                };
                Value::Bool(exec)
            }
            Field::EvtArgs | Field::EvtInfo => Value::Str(Cow::Owned(self.args_text())),
            Field::EvtArg => Value::Str(Cow::Owned(self.arg_text(self.arg_index(arg)?)?)),
            Field::EvtRawarg => match ev.value(self.arg_index(arg)?)? {
                Raw::Int(i) => Value::Int(i),
                Raw::Uint(u) => Value::Int(u as i64),
                Raw::Str(b) => Value::Str(crate::event::text::lossy(b)),
                Raw::Bytes(b) | Raw::Malformed(b) => Value::Bytes(Cow::Borrowed(b)),
                Raw::Empty => return None,
            },
            Field::EvtBuffer => Value::Bytes(Cow::Borrowed(ev.value_of("data")?.as_bytes()?)),
            Field::EvtCategory => {
                let c = self.category();
                let name = if matches!(c, abi::EC_IO_READ | abi::EC_IO_WRITE | abi::EC_IO_OTHER) {
                    match self.fd_info().map(|f| f.kind) {
                        Some(FdKind::File | FdKind::Directory) => "file",
                        Some(FdKind::Ipv4 | FdKind::Ipv6) => "net",
                        Some(
                            FdKind::Unix
                            | FdKind::Pipe
                            | FdKind::Event
                            | FdKind::Signalfd
                            | FdKind::Inotify,
                        ) => "ipc",
                        _ => "unknown",
                    }
                } else {
                    category_name(c)
                };
                bstr(name)
            }
            Field::EvtIsIo => Value::Bool(self.is_io(abi::EF_READS_FROM_FD | abi::EF_WRITES_TO_FD)),
            Field::EvtIsIoRead => Value::Bool(self.is_io(abi::EF_READS_FROM_FD)),
            Field::EvtIsIoWrite => Value::Bool(self.is_io(abi::EF_WRITES_TO_FD)),
            Field::EvtIsWait => {
                Value::Bool(ev.info().is_some_and(|i| i.flags & abi::EF_WAITS != 0))
            }
            Field::EvtIsSyslog => Value::Bool(
                self.is_io(abi::EF_WRITES_TO_FD)
                    && self.fd_info().is_some_and(|f| f.name.contains("/dev/log")),
            ),
            Field::EvtCount => Value::Int(1),
            Field::EvtHostname => bstr(hostname()),
            Field::EvtSource => bstr("syscall"),
            Field::EvtAbspath => return self.abspath(arg),
            Field::EvtTime => Value::Str(Cow::Owned(time_text(ts, false, true))),
            Field::EvtTimeS => Value::Str(Cow::Owned(time_text(ts, false, false))),
            Field::EvtDatetime => Value::Str(Cow::Owned(time_text(ts, true, true))),
            Field::EvtIsAsync => Value::Bool(false),
            Field::EvtBuflen => {
                let r = self.rawres().filter(|r| *r >= 0)?;
                if !self.is_io(abi::EF_READS_FROM_FD | abi::EF_WRITES_TO_FD) {
                    return None;
                }
                Value::Int(r)
            }
            Field::EvtDatetimeS => Value::Str(Cow::Owned(time_text(ts, true, false))),
            Field::EvtIoDir => {
                if self.is_io(abi::EF_WRITES_TO_FD) {
                    bstr("write")
                } else if self.is_io(abi::EF_READS_FROM_FD) {
                    bstr("read")
                } else {
                    return None;
                }
            }
            Field::EvtIsOpenCreate => {
                let flags = ev.int_of(&param::FLAGS).unwrap_or(0) as u32;
                let ok = self.rawres().is_some_and(|r| r >= 0);
                Value::Bool(
                    self.is_open_call()
                        && (flags & abi::PPM_O_F_CREATED != 0
                            || (flags & abi::PPM_O_TMPFILE != 0 && ok)),
                )
            }
            Field::EvtTimeIso8601 => Value::Str(Cow::Owned(timefmt::rfc3339(ts, 9))),
            Field::EvtRawtime => Value::Int(ts as i64),
            Field::EvtRawtimeS => Value::Int((ts / 1_000_000_000) as i64),
            Field::EvtRawtimeNs => Value::Int((ts % 1_000_000_000) as i64),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::time_text;

    #[test]
    fn times_render_in_utc() {
        let t = 1_700_000_000_123_456_789;
        assert_eq!(time_text(t, false, true), "22:13:20.123456789");
        assert_eq!(time_text(t, false, false), "22:13:20");
        assert_eq!(time_text(t, true, true), "2023-11-14 22:13:20.123456789");
    }
}
