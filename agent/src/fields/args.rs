//! Event arguments as Falco shows them in `evt.arg.X` and `evt.args`:
//! the wire text (render.rs) plus the state-resolved form Falco prefers
//! where it has one: uid/gid -> user/group name, fd -> `<typechar>name`,
//! negative errno/fd -> `ENOENT`, `AT_FDCWD`, pid -> the process name,
//! relative paths -> the absolute path.
//!
//! Owns: [`EventFields::arg_text`] and [`EventFields::args_text`].
//! Must never: change a parameter's raw text (that is render.rs's job).

use super::EventFields;
use crate::event::decode::Value as Raw;
use crate::event::render;
use lanner_abi as abi;
use std::fmt::Write as _;

/// The errno name of a negative result (`-2` -> `ENOENT`).
pub fn errno_name(r: i64) -> Option<String> {
    let e = nix::errno::Errno::from_raw(i32::try_from(r.checked_neg()?).ok()?);
    (e != nix::errno::Errno::UnknownErrno).then(|| format!("{e:?}"))
}

impl EventFields<'_, '_> {
    /// Falco's resolved text of parameter `i`, when it has one.
    fn resolved(&self, i: usize) -> Option<String> {
        let ev = self.event();
        let p = ev.info()?.params.get(i)?;
        let v = ev.value(i)?;
        if matches!(p.ptype, abi::PT_FSPATH | abi::PT_FSRELPATH) {
            // Relative or unclean paths resolve to the absolute path.
            let raw = v.as_bytes()?;
            let abs = super::path::resolve_at(self.procs(), ev, Some(i))?;
            return (abs.as_bytes() != raw && !abs.is_empty()).then(|| abs.into_owned());
        }
        let n = match v {
            Raw::Int(n) => n,
            Raw::Uint(u) => u as i64,
            _ => return None,
        };
        let users = self.procs().users();
        match p.ptype {
            abi::PT_UID if n != i64::from(u32::MAX) => users.user(n as u32).map(|u| u.name.clone()),
            abi::PT_GID if n != i64::from(u32::MAX) => users.group(n as u32).map(str::to_string),
            abi::PT_ERRNO if n < 0 => errno_name(n),
            abi::PT_FD | abi::PT_FD32 => {
                if n == i64::from(abi::PPM_AT_FDCWD) {
                    return Some("AT_FDCWD".into());
                }
                if n < 0 {
                    return errno_name(n);
                }
                let f = self.procs().fd(ev.tid(), n)?;
                Some(format!("<{}>{}", f.kind.typechar(), f.name_text()))
            }
            abi::PT_PID | abi::PT_PID32 if n > 0 => self.procs().get(n).map(|t| t.comm.clone()),
            _ => None,
        }
    }

    /// `evt.arg[i]`: the resolved text if any, else the rendered one.
    pub fn arg_text(&self, i: usize) -> Option<String> {
        self.resolved(i)
            .filter(|r| !r.is_empty())
            .or_else(|| render::param_text(self.event(), i))
    }

    /// `evt.args`: `name=value ` pairs (each followed by a space, as
    /// libsinsp prints them); numbers with a resolved or named form get it
    /// in parentheses (`fd=3(<f>/etc/passwd)`,
    /// `flags=4097(O_RDONLY|O_CLOEXEC)`); empty for generic records.
    pub fn args_text(&self) -> String {
        let ev = self.event();
        let mut out = String::new();
        // Generic records' arguments are internal: Falco prints none.
        if u32::from(ev.code()) == abi::PPME_GENERIC_X {
            return out;
        }
        let Some(info) = ev.info() else {
            return out;
        };
        for (i, p) in info.params.iter().enumerate() {
            let text = render::param_text(ev, i).unwrap_or_default();
            let raw = ev.value(i).and_then(|v| v.as_int());
            let named = !p.names.is_empty() || p.ptype == abi::PT_SIGTYPE;
            let extra = match (self.resolved(i), raw) {
                (Some(r), _) if !r.is_empty() => Some(r),
                (_, Some(n)) if named && !text.is_empty() && text != n.to_string() => {
                    Some(text.clone())
                }
                _ => None,
            };
            // Each argument is followed by a space, the last one too.
            let _ = match (extra, raw) {
                (Some(e), Some(n)) => write!(out, "{}={}({}) ", p.name, n, e),
                (Some(e), None) => write!(out, "{}={}({}) ", p.name, text, e),
                _ => write!(out, "{}={} ", p.name, text),
            };
        }
        out
    }
}
