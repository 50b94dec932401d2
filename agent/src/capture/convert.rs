//! Capture events -> owned records in lanner's current layout.
//!
//! Model:
//! - An exit (or standalone) event whose code lanner's table lists keeps
//!   its code; an old version whose syscall lanner's table lists takes the
//!   table's code for that name (EXECVE_16_X -> EXECVE_19_X, old clones ->
//!   CLONE_20_X...); anything else takes the schema's current version of
//!   its code (BRK_1_X -> BRK_4_X) and keeps the schema's layout.
//! - Parameters are laid out as the target table says and matched by
//!   name: from the event itself, else from the same thread's pending enter
//!   event of the same syscall (old versions put open's name/flags/mode or
//!   connect's fd only there), else an empty (absent) parameter. Integers
//!   whose width changed between versions are converted; big-endian
//!   captures are converted to little-endian by parameter type.
//! - Enter events are remembered per thread for the next exit and, in
//!   `Mode::EnterAndExit`, also delivered as their own record (enter code,
//!   the schema's enter layout), as libsinsp did before Falco 0.42.
//! - Codes the schema does not know are skipped and counted by code.
//!
//! Must never: emit a record the decoder would reject for lanner's codes,
//! or drop an event without a counter saying why.

use super::event::ScapEvent;
use super::schema;
use crate::event::decode::HDR_LEN;
use lanner_abi as abi;
use std::collections::{BTreeMap, HashMap};

/// Which events become records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Enter and exit events (libsinsp before Falco 0.42; what the legacy
    /// regression counts expect).
    #[default]
    EnterAndExit,
    /// Exit events only (today's drivers): enters are merged, not delivered.
    ExitOnly,
}

/// Why an event did not become a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
pub enum ConvertError {
    #[error("event code {0} is not in the schema")]
    UnknownCode(u16),
    #[error("event code {0} has no parameter description")]
    NoLayout(u16),
    #[error("a parameter of event code {0} is longer than 65535 bytes")]
    ParamTooLong(u16),
}

/// Counters of one conversion run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConvertStats {
    /// Records produced.
    pub records: u64,
    /// Enter events seen / delivered as records.
    pub enters: u64,
    pub enters_delivered: u64,
    /// Enter events replaced by a later enter of the same thread before
    /// any exit consumed them (exit lost, or not captured).
    pub enters_unmatched: u64,
    /// Exit parameters filled from a pending enter event.
    pub params_from_enter: u64,
    /// Parameters left empty because no version of the event had them.
    pub params_empty: u64,
    /// Events whose code changed (old version -> current).
    pub recoded: u64,
    /// Events whose code lanner's table does not list (kept with the
    /// schema's layout, named by the schema).
    pub outside_lanner_table: u64,
    /// Failures by reason.
    pub failed: BTreeMap<ConvertError, u64>,
}

/// Parameter list of a target code: lanner's table if it has the code,
/// else the schema's.
fn layout(code: u16) -> Option<Vec<(&'static str, u32)>> {
    if let Some(e) = abi::event_info(code) {
        return Some(e.params.iter().map(|p| (p.name, p.ptype)).collect());
    }
    schema::lookup(code).map(|e| e.params.iter().map(|(n, t)| (*n, u32::from(*t))).collect())
}

/// Code changes the names alone do not give: old accept4 versions were
/// named "accept"; their current version is ACCEPT4_6_X.
const RECODE: &[(u16, u16)] = &[(57, 389), (249, 389)];

/// Exit parameters that come from an enter parameter of another name
/// (syscall, exit parameter, enter parameter): dup's enter called it fd.
const FROM_ENTER_AS: &[(&str, &str, &str)] = &[
    ("dup", "oldfd", "fd"),
    ("dup2", "oldfd", "fd"),
    ("dup3", "oldfd", "fd"),
];

/// The code an event is delivered under.
fn target_code(code: u16) -> Option<u16> {
    if abi::event_info(code).is_some() {
        return Some(code);
    }
    if let Some((_, to)) = RECODE.iter().find(|(from, _)| *from == code) {
        return Some(*to);
    }
    let s = schema::lookup(code)?;
    if s.old && code % 2 == 1 {
        if let Some(e) = abi::events().find(|e| e.name == s.name && e.code % 2 == 1) {
            return Some(e.code);
        }
    }
    schema::current_version(code)
}

/// A parameter value in little-endian, converted to `to`'s width.
fn coerce(bytes: &[u8], from: Option<u32>, to: u32, be: bool) -> Vec<u8> {
    let (Some((fw, fsigned)), Some((tw, _))) =
        (from.and_then(schema::int_width), schema::int_width(to))
    else {
        return bytes.to_vec();
    };
    if bytes.len() != fw {
        return bytes.to_vec();
    }
    let mut b = [0u8; 8];
    b[..fw].copy_from_slice(bytes);
    if be {
        b[..fw].reverse();
    }
    let mut v = u64::from_le_bytes(b);
    if fsigned && fw < 8 {
        let shift = 64 - 8 * fw as u32;
        v = (((v << shift) as i64) >> shift) as u64;
    }
    v.to_le_bytes()[..tw].to_vec()
}

/// An enter event remembered for its thread's next exit.
struct Pending {
    name: &'static str,
    params: Vec<(&'static str, u32, Vec<u8>)>,
}

/// Converts a capture's events in order, keeping the per-thread enter
/// events between calls.
#[derive(Default)]
pub struct Converter {
    mode: Mode,
    pending: HashMap<u64, Pending>,
    pub stats: ConvertStats,
}

/// Serialises a record in lanner's layout.
fn record(ts: u64, tid: u64, code: u16, params: &[Vec<u8>]) -> Result<Vec<u8>, ConvertError> {
    let plen: usize = params.iter().map(Vec::len).sum();
    let len = HDR_LEN + 2 * params.len() + plen;
    let mut v = Vec::with_capacity(len);
    v.extend_from_slice(&ts.to_le_bytes());
    v.extend_from_slice(&tid.to_le_bytes());
    v.extend_from_slice(
        &u32::try_from(len)
            .map_err(|_| ConvertError::ParamTooLong(code))?
            .to_le_bytes(),
    );
    v.extend_from_slice(&code.to_le_bytes());
    v.extend_from_slice(&(params.len() as u32).to_le_bytes());
    for p in params {
        let l = u16::try_from(p.len()).map_err(|_| ConvertError::ParamTooLong(code))?;
        v.extend_from_slice(&l.to_le_bytes());
    }
    for p in params {
        v.extend_from_slice(p);
    }
    Ok(v)
}

impl Converter {
    pub fn new(mode: Mode) -> Converter {
        Converter {
            mode,
            ..Default::default()
        }
    }

    /// Converts one event; `out` receives 0 or 1 record.
    pub fn convert(&mut self, ev: &ScapEvent<'_>) -> Result<Option<Vec<u8>>, ConvertError> {
        let r = self.convert_inner(ev);
        match &r {
            Ok(Some(_)) => self.stats.records += 1,
            Ok(None) => {}
            Err(e) => *self.stats.failed.entry(*e).or_default() += 1,
        }
        r
    }

    fn convert_inner(&mut self, ev: &ScapEvent<'_>) -> Result<Option<Vec<u8>>, ConvertError> {
        let src = schema::lookup(ev.code).ok_or(ConvertError::UnknownCode(ev.code))?;
        // Source parameters by name, little-endian.
        let named: Vec<(&'static str, u32, Vec<u8>)> = ev
            .params
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let (n, t) = src.params.get(i)?;
                let t = u32::from(*t);
                Some((*n, t, coerce(p, Some(t), t, ev.big_endian)))
            })
            .collect();
        if schema::is_syscall_enter(ev.code) {
            self.stats.enters += 1;
            let prev = self.pending.insert(
                ev.tid,
                Pending {
                    name: src.name,
                    params: named.clone(),
                },
            );
            if prev.is_some() {
                self.stats.enters_unmatched += 1;
            }
            if self.mode == Mode::ExitOnly {
                return Ok(None);
            }
            self.stats.enters_delivered += 1;
            let mut params: Vec<Vec<u8>> = named.into_iter().map(|p| p.2).collect();
            params.resize(src.params.len().max(params.len()), Vec::new());
            return record(ev.ts, ev.tid, ev.code, &params).map(Some);
        }
        let code = target_code(ev.code).ok_or(ConvertError::NoLayout(ev.code))?;
        let want = layout(code).ok_or(ConvertError::NoLayout(code))?;
        if code != ev.code {
            self.stats.recoded += 1;
        }
        if abi::event_info(code).is_none() {
            self.stats.outside_lanner_table += 1;
        }
        // The thread's pending enter, if it is this syscall's.
        let enter = if ev.code % 2 == 1
            && self
                .pending
                .get(&ev.tid)
                .is_some_and(|p| p.name == src.name)
        {
            self.pending.remove(&ev.tid)
        } else {
            None
        };
        let mut params = Vec::with_capacity(want.len());
        for (name, ptype) in want {
            if let Some((_, t, v)) = named.iter().find(|p| p.0 == name) {
                params.push(coerce(v, Some(*t), ptype, false));
            } else if let Some((_, t, v)) = enter.as_ref().and_then(|e| {
                let alias = FROM_ENTER_AS
                    .iter()
                    .find(|(sc, x, _)| *sc == src.name && *x == name)
                    .map_or(name, |a| a.2);
                e.params.iter().find(|p| p.0 == alias)
            }) {
                self.stats.params_from_enter += 1;
                params.push(coerce(v, Some(*t), ptype, false));
            } else {
                self.stats.params_empty += 1;
                params.push(Vec::new());
            }
        }
        record(ev.ts, ev.tid, code, &params).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::{Event, Value};

    fn ev<'a>(code: u16, tid: u64, params: Vec<&'a [u8]>) -> ScapEvent<'a> {
        ScapEvent {
            offset: 0,
            cpu: 0,
            flags: 0,
            ts: 10,
            tid,
            code,
            params,
            big_endian: false,
        }
    }

    #[test]
    fn old_open_exit_is_padded_to_the_current_layout() {
        let mut c = Converter::new(Mode::EnterAndExit);
        let fd = 3i64.to_le_bytes();
        let fl = 1u32.to_le_bytes();
        let r = c
            .convert(&ev(
                3,
                7,
                vec![&fd, b"/dev/null\0", &fl, &0u32.to_le_bytes()],
            ))
            .unwrap()
            .unwrap();
        let e = Event::parse(&r).unwrap();
        assert_eq!((e.name(), e.nparams()), ("open", 6));
        assert_eq!(e.str_of("name"), Some(&b"/dev/null"[..]));
        assert_eq!(e.value_of("ino"), Some(Value::Empty));
        assert_eq!(c.stats.params_empty, 2);
    }

    #[test]
    fn exit_takes_missing_params_from_its_enter() {
        // Old openat: enter (code 102) has dirfd/name/flags/mode, exit
        // (code 103) only fd.
        let mut c = Converter::new(Mode::ExitOnly);
        let dirfd = (-100i64).to_le_bytes();
        let fl = 1u32.to_le_bytes();
        let m = 0u32.to_le_bytes();
        let enter = ev(102, 5, vec![&dirfd, b"/etc/shadow\0", &fl, &m]);
        assert_eq!(schema::name(102), Some("openat"));
        assert_eq!(c.convert(&enter).unwrap(), None);
        let fd = 4i64.to_le_bytes();
        let r = c.convert(&ev(103, 5, vec![&fd])).unwrap().unwrap();
        let e = Event::parse(&r).unwrap();
        assert_eq!(u32::from(e.code()), abi::PPME_SYSCALL_OPENAT_2_X);
        assert_eq!(e.int_of("fd"), Some(4));
        assert_eq!(e.int_of("dirfd"), Some(-100));
        assert_eq!(e.str_of("name"), Some(&b"/etc/shadow"[..]));
        assert_eq!(c.stats.params_from_enter, 4);
        assert_eq!(c.stats.recoded, 1);
    }

    #[test]
    fn enter_of_another_thread_or_syscall_is_not_merged() {
        let mut c = Converter::new(Mode::EnterAndExit);
        let dirfd = (-100i64).to_le_bytes();
        let enter = ev(102, 5, vec![&dirfd, b"/x\0", &[0; 4], &[0; 4]]);
        let rec = c.convert(&enter).unwrap().unwrap();
        assert_eq!(Event::parse(&rec).unwrap().code(), 102);
        let fd = 4i64.to_le_bytes();
        let r = c.convert(&ev(103, 6, vec![&fd])).unwrap().unwrap();
        assert_eq!(
            Event::parse(&r).unwrap().value_of("name"),
            Some(Value::Empty)
        );
        assert_eq!(c.stats.enters_delivered, 1);
    }

    #[test]
    fn old_execve_becomes_the_current_version() {
        let mut c = Converter::new(Mode::EnterAndExit);
        let z = 0i64.to_le_bytes();
        let tid = 9i64.to_le_bytes();
        let mut p: Vec<&[u8]> = vec![&z, b"/bin/cat\0", b"/dev/null\0", &tid, &tid, &z, b"/\0"];
        let fdl = 1024u64.to_le_bytes();
        p.push(&fdl);
        let r = c.convert(&ev(13, 9, p)).unwrap().unwrap(); // EXECVE_8_X
        let e = Event::parse(&r).unwrap();
        assert_eq!(u32::from(e.code()), abi::PPME_SYSCALL_EXECVE_19_X);
        assert_eq!(e.nparams(), 31);
        assert_eq!(e.str_of("exe"), Some(&b"/bin/cat"[..]));
        assert_eq!(e.int_of("fdlimit"), Some(1024));
    }

    #[test]
    fn renamed_and_recoded_versions() {
        // Old dup: enter (124) has fd, exit (125) only res; today DUP_1_X
        // calls the enter's fd "oldfd".
        let mut c = Converter::new(Mode::ExitOnly);
        let fd = 3i64.to_le_bytes();
        let res = 4i64.to_le_bytes();
        c.convert(&ev(124, 1, vec![&fd])).unwrap();
        let r = c.convert(&ev(125, 1, vec![&res])).unwrap().unwrap();
        let e = Event::parse(&r).unwrap();
        assert_eq!(u32::from(e.code()), abi::PPME_SYSCALL_DUP_1_X);
        assert_eq!((e.int_of("res"), e.int_of("oldfd")), (Some(4), Some(3)));
        // Old accept4 (named "accept" then) becomes accept4, flags from
        // its enter.
        let flags = 2i32.to_le_bytes();
        c.convert(&ev(248, 1, vec![&flags])).unwrap();
        let tuple = [2u8; 13];
        let r = c
            .convert(&ev(249, 1, vec![&res, &tuple, &[5], &[0; 4], &[0; 4]]))
            .unwrap()
            .unwrap();
        let e = Event::parse(&r).unwrap();
        assert_eq!((e.name(), e.int_of("flags")), ("accept4", Some(2)));
    }

    #[test]
    fn widths_and_byte_order_are_converted() {
        assert_eq!(
            coerce(
                &(-2i32).to_le_bytes(),
                Some(abi::PT_INT32),
                abi::PT_INT64,
                false
            ),
            (-2i64).to_le_bytes()
        );
        assert_eq!(
            coerce(
                &7u32.to_be_bytes(),
                Some(abi::PT_UINT32),
                abi::PT_UINT32,
                true
            ),
            7u32.to_le_bytes()
        );
        assert_eq!(
            coerce(b"ab", Some(abi::PT_CHARBUF), abi::PT_CHARBUF, true),
            b"ab"
        );
    }

    #[test]
    fn unknown_codes_are_counted() {
        let mut c = Converter::new(Mode::EnterAndExit);
        assert_eq!(
            c.convert(&ev(9999, 1, vec![])),
            Err(ConvertError::UnknownCode(9999))
        );
        assert_eq!(
            c.stats.failed.get(&ConvertError::UnknownCode(9999)),
            Some(&1)
        );
    }
}
