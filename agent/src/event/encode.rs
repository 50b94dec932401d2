//! Building records in lanner's wire layout (scap header + u16 parameter
//! lengths + parameter bytes), with parameters set by their event-table
//! name.
//!
//! Owns: the one encoder of records in user space, used where records do
//! not come from a driver: capture conversion, benchmarks and tests.
//! Must never: guess a parameter's encoding. Callers hand the bytes in the
//! parameter's table type (`i64` for fds and errnos, NUL-terminated
//! strings, ...); helpers below produce the common ones.

use super::decode::HDR_LEN;
use lanner_abi as abi;

/// Why a record could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error("event code {0} is not in lanner's event table")]
    UnknownEvent(u32),
    #[error("event {event} has no parameter called {param:?}")]
    UnknownParam { event: &'static str, param: String },
    #[error("parameter {0:?} is longer than 65535 bytes")]
    TooLong(String),
}

/// A record under construction: every parameter of the event's table entry,
/// empty until set.
#[derive(Debug, Clone)]
pub struct RecordBuilder {
    info: &'static abi::EventInfo,
    code: u16,
    ts: u64,
    tid: u64,
    params: Vec<Vec<u8>>,
}

impl RecordBuilder {
    /// A record of event `code` at `ts` (ns since the epoch) for thread `tid`.
    pub fn new(code: u32, ts: u64, tid: i64) -> Result<RecordBuilder, EncodeError> {
        let c = u16::try_from(code).map_err(|_| EncodeError::UnknownEvent(code))?;
        let info = abi::event_info(c).ok_or(EncodeError::UnknownEvent(code))?;
        Ok(RecordBuilder {
            info,
            code: c,
            ts,
            tid: tid as u64,
            params: vec![Vec::new(); info.params.len()],
        })
    }

    /// Sets parameter `name` to `bytes` (already in the parameter's type).
    pub fn set(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Result<Self, EncodeError> {
        let i = self
            .info
            .params
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| EncodeError::UnknownParam {
                event: self.info.name,
                param: name.to_string(),
            })?;
        let b = bytes.into();
        if b.len() > usize::from(u16::MAX) {
            return Err(EncodeError::TooLong(name.to_string()));
        }
        self.params[i] = b;
        Ok(self)
    }

    /// The record's bytes.
    pub fn build(&self) -> Vec<u8> {
        let refs: Vec<&[u8]> = self.params.iter().map(Vec::as_slice).collect();
        encode(self.code, self.ts, self.tid, &refs)
    }
}

/// Encodes a record from its parts. Parameters longer than 65535 bytes are
/// cut to that length (the wire format's limit).
pub fn encode(code: u16, ts: u64, tid: u64, params: &[&[u8]]) -> Vec<u8> {
    let max = usize::from(u16::MAX);
    let plen: usize = params.iter().map(|p| p.len().min(max)).sum();
    let len = HDR_LEN + 2 * params.len() + plen;
    let mut v = Vec::with_capacity(len);
    v.extend_from_slice(&ts.to_le_bytes());
    v.extend_from_slice(&tid.to_le_bytes());
    v.extend_from_slice(&(len as u32).to_le_bytes());
    v.extend_from_slice(&code.to_le_bytes());
    v.extend_from_slice(&(params.len() as u32).to_le_bytes());
    for p in params {
        v.extend_from_slice(&(p.len().min(max) as u16).to_le_bytes());
    }
    for p in params {
        v.extend_from_slice(&p[..p.len().min(max)]);
    }
    v
}

/// A NUL-terminated string parameter.
pub fn cstr(s: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(s.len() + 1);
    v.extend_from_slice(s.as_bytes());
    v.push(0);
    v
}

/// A NUL-separated list (args, env, cgroups), each entry NUL-terminated.
pub fn cstr_list<S: AsRef<str>>(items: &[S]) -> Vec<u8> {
    let mut v = Vec::new();
    for s in items {
        v.extend_from_slice(s.as_ref().as_bytes());
        v.push(0);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::Event;

    #[test]
    fn built_records_decode_with_named_params() {
        let rec = RecordBuilder::new(abi::PPME_SYSCALL_OPENAT_2_X, 7, 42)
            .and_then(|b| b.set("fd", 3i64.to_le_bytes()))
            .and_then(|b| b.set("name", cstr("/etc/shadow")))
            .map(|b| b.build())
            .unwrap();
        let ev = Event::parse(&rec).unwrap();
        assert_eq!((ev.ts(), ev.tid(), ev.name()), (7, 42, "openat"));
        assert_eq!(ev.int_of("fd"), Some(3));
        assert_eq!(ev.str_of("name"), Some(&b"/etc/shadow"[..]));
        assert_eq!(ev.param(ev.param_index("flags").unwrap()), Some(&[][..]));
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(
            RecordBuilder::new(9999, 0, 0).unwrap_err(),
            EncodeError::UnknownEvent(9999)
        );
        let e = RecordBuilder::new(abi::PPME_SYSCALL_OPENAT_2_X, 0, 0)
            .and_then(|b| b.set("nope", vec![]))
            .unwrap_err();
        assert!(e.to_string().contains("nope"));
    }
}
