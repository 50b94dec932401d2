//! Zero-copy decoding of scap records (the format of `abi/lanner_abi.h`).
//!
//! Owns: validating one record's framing (header, u16 parameter lengths,
//! payload bounds, parameter count against the shared event table) and
//! giving typed, borrowed access to its parameters.
//! Must never: copy parameter bytes, allocate, trust a length it has not
//! checked against the buffer, or panic on any input (see the proptest).

use super::param::ParamKey;
use lanner_abi as abi;
use std::fmt;

/// Header length of every record.
pub const HDR_LEN: usize = abi::LANNER_EVT_HDR_LEN as usize;
const MAX_PARAMS: usize = abi::LANNER_MAX_EVENT_PARAMS as usize;
const LEN_SIZE: usize = abi::LANNER_PARAM_LEN_SIZE as usize;
// Parameter lengths are read as little-endian u16s.
const _: () = assert!(LEN_SIZE == 2);

/// Why a record could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("record truncated: {have} bytes available, header needs {HDR_LEN}")]
    ShortHeader { have: usize },
    #[error("record length {len} outside [{HDR_LEN}, {have}] available bytes")]
    BadLength { len: u32, have: usize },
    #[error("record claims {nparams} parameters (max {MAX_PARAMS})")]
    TooManyParams { nparams: u32 },
    #[error("event {code} ({name}) has {got} parameters, the event table says {want}")]
    ParamCount {
        code: u16,
        name: &'static str,
        got: u32,
        want: usize,
    },
    #[error("parameter lengths ({sum} bytes) overflow the record ({len} bytes)")]
    ParamOverflow { sum: usize, len: u32 },
}

/// A decoded view of one record. Cheap to copy around; borrows the bytes.
#[derive(Clone, Copy)]
pub struct Event<'a> {
    raw: &'a [u8],
    ts: u64,
    tid: u64,
    etype: u16,
    nparams: usize,
    info: Option<&'static abi::EventInfo>,
    /// Start offset (in `raw`) of each parameter's payload, plus the end.
    offs: [u32; MAX_PARAMS + 1],
}

fn rd_u16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn rd_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn rd_u64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Reads only the timestamp and length of the record at the start of
/// `buf`, for merging, without validating parameters.
pub fn peek_ts_len(buf: &[u8]) -> Option<(u64, u32)> {
    if buf.len() < HDR_LEN {
        return None;
    }
    Some((rd_u64(buf, 0), rd_u32(buf, 16)))
}

impl<'a> Event<'a> {
    /// Decodes the record at the start of `buf`. `buf` may extend past the
    /// record; the record's own length is `event.len()`.
    #[inline]
    pub fn parse(buf: &'a [u8]) -> Result<Event<'a>, DecodeError> {
        if buf.len() < HDR_LEN {
            return Err(DecodeError::ShortHeader { have: buf.len() });
        }
        let len = rd_u32(buf, 16);
        let ulen = len as usize;
        if ulen < HDR_LEN || ulen > buf.len() {
            return Err(DecodeError::BadLength {
                len,
                have: buf.len(),
            });
        }
        let raw = &buf[..ulen];
        let etype = rd_u16(raw, 20);
        let np = rd_u32(raw, 22);
        if np as usize > MAX_PARAMS {
            return Err(DecodeError::TooManyParams { nparams: np });
        }
        let nparams = np as usize;
        let info = abi::event_info(etype);
        if let Some(info) = info {
            if info.params.len() != nparams {
                return Err(DecodeError::ParamCount {
                    code: etype,
                    name: info.name,
                    got: np,
                    want: info.params.len(),
                });
            }
        }
        let lens_end = HDR_LEN + nparams * LEN_SIZE;
        if lens_end > ulen {
            return Err(DecodeError::ParamOverflow { sum: lens_end, len });
        }
        let mut offs = [0u32; MAX_PARAMS + 1];
        let mut at = lens_end;
        // The length array, checked once above: no per-parameter bounds
        // checks (this loop runs for every parameter of every record).
        let lens = raw[HDR_LEN..lens_end].chunks_exact(LEN_SIZE);
        for (off, l) in offs.iter_mut().zip(lens) {
            *off = at as u32;
            at += usize::from(u16::from_le_bytes([l[0], l[1]]));
        }
        if at > ulen {
            return Err(DecodeError::ParamOverflow { sum: at, len });
        }
        offs[nparams] = at as u32;
        Ok(Event {
            raw,
            ts: rd_u64(raw, 0),
            tid: rd_u64(raw, 8),
            etype,
            nparams,
            info,
            offs,
        })
    }

    /// Timestamp, ns since the epoch.
    pub fn ts(&self) -> u64 {
        self.ts
    }

    /// Thread id (initial pid namespace).
    pub fn tid(&self) -> i64 {
        self.tid as i64
    }

    /// Event code (`PPME_*`).
    pub fn code(&self) -> u16 {
        self.etype
    }

    /// Record length in bytes.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Always false: a record has at least a header.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The record's bytes.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The shared table's description, if lanner knows this event code.
    pub fn info(&self) -> Option<&'static abi::EventInfo> {
        self.info
    }

    /// Falco's event name (`evt.type`), e.g. "openat"; a generic record is
    /// named after its syscall ("getppid"); "unknown" otherwise.
    pub fn name(&self) -> &'static str {
        let code = u32::from(self.code());
        if code == abi::PPME_GENERIC_X || code == abi::PPME_GENERIC_E {
            // The syscall id (PPM_SC_*) is the first parameter of both halves.
            let id = self.param(0).and_then(|b| <[u8; 2]>::try_from(b).ok());
            if let Some(n) = id.and_then(|b| abi::sc_name(u64::from(u16::from_le_bytes(b)))) {
                return n;
            }
        }
        // Codes lanner does not emit (enter events, old versions, other
        // syscalls) reach the decoder from replayed captures: the full
        // schema names them.
        self.info
            .map(|i| i.name)
            .or_else(|| crate::capture::schema::name(self.etype))
            .unwrap_or("unknown")
    }

    /// Number of parameters.
    pub fn nparams(&self) -> usize {
        self.nparams
    }

    /// Raw bytes of parameter `i` (empty slice for an absent value).
    pub fn param(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.nparams {
            return None;
        }
        Some(&self.raw[self.offs[i] as usize..self.offs[i + 1] as usize])
    }

    /// `layout.kind().int(self.param(i)?)` (an absent, empty or
    /// wrong-length parameter is None), read with one fixed 8-byte load
    /// and a shift instead of a dispatch on the kind and width (the
    /// exec/clone state update reads a score of integers per record).
    #[inline(always)]
    pub fn int_at(&self, i: usize, layout: IntLayout) -> Option<i64> {
        // No `nparams` check: past the last parameter `offs` holds the
        // record's end, then zeros, so the length found there (0, or a
        // wrapped-around huge one) is never a width (1 to 8).
        let &[s, e] = self.offs.get(i..)?.first_chunk::<2>()?;
        let (s, e) = (s as usize, e as usize);
        let w = usize::from(layout.width);
        if e.wrapping_sub(s) != w {
            return None;
        }
        // The 8 bytes from the parameter's start; past the record's end
        // (its last parameters) the bytes are copied instead.
        let v = match self.raw.get(s..).and_then(|r| r.first_chunk::<8>()) {
            Some(a) => u64::from_le_bytes(*a),
            None => {
                let mut a = [0u8; 8];
                a[..w].copy_from_slice(self.raw.get(s..e)?);
                u64::from_le_bytes(a)
            }
        };
        // Only the parameter's own bytes: shifted up to the top, then back
        // down (sign-extending a signed kind). Width 1..=8: shift 0..=56.
        let sh = u32::from(layout.shift);
        let top = v << sh;
        Some(if layout.signed {
            (top as i64) >> sh
        } else {
            (top >> sh) as i64
        })
    }

    /// Index of the parameter called `name` in the event table.
    pub fn param_index(&self, name: &str) -> Option<usize> {
        match self.info {
            Some(info) => info.params.iter().position(|p| p.name == name),
            // Replayed codes outside lanner's table: the full schema's names.
            None => crate::capture::schema::lookup(self.etype)?
                .params
                .iter()
                .position(|p| p.0 == name)
                .filter(|i| *i < self.nparams),
        }
    }

    /// Typed value of parameter `i`, per the event table.
    #[inline]
    pub fn value(&self, i: usize) -> Option<Value<'a>> {
        let bytes = self.param(i)?;
        let ptype = match self.info {
            Some(e) => e.params[i].ptype,
            None => crate::capture::schema::lookup(self.etype)
                .and_then(|e| e.params.get(i))
                .map_or(abi::PT_BYTEBUF, |p| u32::from(p.1)),
        };
        Some(Value::decode(ptype, bytes))
    }

    /// Typed value of the parameter `key` names (a name, or a cached
    /// [`super::param::Param`]).
    pub fn value_of<K: ParamKey + ?Sized>(&self, key: &K) -> Option<Value<'a>> {
        self.value(key.index_in(self)?)
    }

    /// Integer value of the parameter `key` names (None if absent).
    #[inline]
    pub fn int_of<K: ParamKey + ?Sized>(&self, key: &K) -> Option<i64> {
        self.int_param(key.index_in(self)?)
    }

    /// `self.value(i)?.as_int()` (a test compares them), read straight
    /// from the bytes without building a [`Value`]: the fd, res and flags
    /// reads of every event. The parameter's type gives its layout by a
    /// table lookup ([`INT_LAYOUTS`], built from [`ParamKind::of`]).
    #[inline(always)]
    pub fn int_param(&self, i: usize) -> Option<i64> {
        match self.info {
            Some(e) => {
                let ptype = e.params.get(i)?.ptype;
                let layout = INT_LAYOUTS.get(ptype as usize).copied().flatten()?;
                self.int_at(i, layout)
            }
            None => self.value(i)?.as_int(),
        }
    }

    /// String value (NUL stripped) of the parameter `key` names.
    pub fn str_of<K: ParamKey + ?Sized>(&self, key: &K) -> Option<&'a [u8]> {
        self.value_of(key)?.as_bytes()
    }
}

impl fmt::Debug for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct(self.name());
        d.field("ts", &self.ts).field("tid", &self.tid);
        for i in 0..self.nparams {
            let name = self.info.map_or("?", |e| e.params[i].name);
            d.field(name, &self.value(i));
        }
        d.finish()
    }
}

/// A parameter value, typed by the event table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// Zero-length parameter: the driver could not or did not fill it.
    Empty,
    Int(i64),
    Uint(u64),
    /// NUL-terminated string parameter, without its NUL.
    Str(&'a [u8]),
    /// Raw bytes (args/env are NUL-separated strings).
    Bytes(&'a [u8]),
    /// Bytes whose length does not fit the declared type.
    Malformed(&'a [u8]),
}

/// How the bytes of a parameter type are read: the `ptype` match of
/// [`Value::decode`] done once (same answers; a test compares them for
/// every type), so a caller that decodes the same
/// parameter of many records (the exec/clone state update) resolves each
/// parameter's kind from the event table once, not per record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A little-endian integer of this many bytes, sign-extended.
    Int(u8),
    /// A little-endian integer of this many bytes.
    Uint(u8),
    /// A NUL-terminated string (the NUL is stripped).
    Str,
    /// Raw bytes.
    Bytes,
}

impl ParamKind {
    /// The kind of `ptype` (`enum ppm_param_type`).
    pub const fn of(ptype: u32) -> ParamKind {
        match ptype {
            abi::PT_INT8 => ParamKind::Int(1),
            abi::PT_INT16 => ParamKind::Int(2),
            abi::PT_INT32 | abi::PT_FD32 | abi::PT_PID32 => ParamKind::Int(4),
            abi::PT_INT64 | abi::PT_ERRNO | abi::PT_FD | abi::PT_PID => ParamKind::Int(8),
            abi::PT_UINT8 | abi::PT_FLAGS8 | abi::PT_ENUMFLAGS8 | abi::PT_SIGTYPE => {
                ParamKind::Uint(1)
            }
            abi::PT_UINT16 | abi::PT_FLAGS16 | abi::PT_ENUMFLAGS16 | abi::PT_SYSCALLID => {
                ParamKind::Uint(2)
            }
            abi::PT_UINT32
            | abi::PT_FLAGS32
            | abi::PT_ENUMFLAGS32
            | abi::PT_UID
            | abi::PT_GID
            | abi::PT_MODE
            | abi::PT_BOOL
            | abi::PT_SIGSET => ParamKind::Uint(4),
            abi::PT_UINT64 | abi::PT_RELTIME | abi::PT_ABSTIME => ParamKind::Uint(8),
            abi::PT_CHARBUF | abi::PT_FSPATH | abi::PT_FSRELPATH => ParamKind::Str,
            _ => ParamKind::Bytes,
        }
    }

    /// Interprets `b` as a parameter of this kind.
    #[inline]
    pub fn decode(self, b: &[u8]) -> Value<'_> {
        if b.is_empty() {
            return Value::Empty;
        }
        match self {
            ParamKind::Int(n) => match le_uint(b, n) {
                Some(v) => {
                    let shift = 64 - 8 * u32::from(n);
                    Value::Int(((v << shift) as i64) >> shift)
                }
                None => Value::Malformed(b),
            },
            ParamKind::Uint(n) => le_uint(b, n).map_or(Value::Malformed(b), Value::Uint),
            ParamKind::Str => Value::Str(b.strip_suffix(&[0]).unwrap_or(b)),
            ParamKind::Bytes => Value::Bytes(b),
        }
    }

    /// `self.decode(b).as_int()`, without building the [`Value`] (the
    /// exec/clone state update's integers).
    #[inline]
    pub fn int(self, b: &[u8]) -> Option<i64> {
        let (n, signed) = match self {
            ParamKind::Int(n) => (n, true),
            ParamKind::Uint(n) => (n, false),
            ParamKind::Str | ParamKind::Bytes => return None,
        };
        let v = le_uint(b, n)?;
        let shift = 64 - 8 * u32::from(n);
        Some(if signed {
            ((v << shift) as i64) >> shift
        } else {
            v as i64
        })
    }
}

/// An integer [`ParamKind`] as [`Event::int_at`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntLayout {
    /// Bytes (1, 2, 4 or 8).
    width: u8,
    /// `64 - 8 * width`: the bits above the value in a `u64`.
    shift: u8,
    signed: bool,
}

impl IntLayout {
    /// The layout of an integer kind (`None` for text and bytes).
    pub const fn of(kind: ParamKind) -> Option<IntLayout> {
        let (width, signed) = match kind {
            ParamKind::Int(n) => (n, true),
            ParamKind::Uint(n) => (n, false),
            ParamKind::Str | ParamKind::Bytes => return None,
        };
        // Other widths never read as a number (see `le_uint`).
        if matches!(width, 1 | 2 | 4 | 8) {
            Some(IntLayout {
                width,
                shift: 64 - 8 * width,
                signed,
            })
        } else {
            None
        }
    }

    /// The kind this layout reads (tests check layouts against kinds).
    #[cfg(test)]
    pub fn kind(self) -> ParamKind {
        if self.signed {
            ParamKind::Int(self.width)
        } else {
            ParamKind::Uint(self.width)
        }
    }
}

/// The integer layout of each parameter type (`None`: not an integer),
/// computed from [`ParamKind::of`] at build time, so an integer read costs
/// a table load, not a match on the type.
static INT_LAYOUTS: [Option<IntLayout>; abi::PT_MAX as usize] = {
    let mut out = [None; abi::PT_MAX as usize];
    let mut t = 0;
    while t < out.len() {
        out[t] = IntLayout::of(ParamKind::of(t as u32));
        t += 1;
    }
    out
};

/// `b` as a little-endian integer, if it is exactly `n` (1, 2, 4, 8) bytes.
#[inline]
fn le_uint(b: &[u8], n: u8) -> Option<u64> {
    if b.len() != usize::from(n) {
        return None;
    }
    Some(match *b {
        [x] => u64::from(x),
        [x, y] => u64::from(u16::from_le_bytes([x, y])),
        [x, y, z, w] => u64::from(u32::from_le_bytes([x, y, z, w])),
        _ => u64::from_le_bytes(b.try_into().ok()?),
    })
}

impl<'a> Value<'a> {
    /// Interprets `b` according to `ptype` (`enum ppm_param_type`); the
    /// same as `ParamKind::of(ptype).decode(b)` (a test compares them),
    /// kept as one match for the per-field path of the rules.
    pub fn decode(ptype: u32, b: &'a [u8]) -> Value<'a> {
        if b.is_empty() {
            return Value::Empty;
        }
        let signed = |n: usize| -> Value<'a> {
            if b.len() != n {
                return Value::Malformed(b);
            }
            let mut a = [0u8; 8];
            a[..n].copy_from_slice(b);
            let v = u64::from_le_bytes(a);
            let shift = 64 - 8 * n as u32;
            Value::Int(((v << shift) as i64) >> shift)
        };
        let unsigned = |n: usize| -> Value<'a> {
            if b.len() != n {
                return Value::Malformed(b);
            }
            let mut a = [0u8; 8];
            a[..n].copy_from_slice(b);
            Value::Uint(u64::from_le_bytes(a))
        };
        match ptype {
            abi::PT_INT8 => signed(1),
            abi::PT_INT16 => signed(2),
            abi::PT_INT32 | abi::PT_FD32 | abi::PT_PID32 => signed(4),
            abi::PT_INT64 | abi::PT_ERRNO | abi::PT_FD | abi::PT_PID => signed(8),
            abi::PT_UINT8 | abi::PT_FLAGS8 | abi::PT_ENUMFLAGS8 | abi::PT_SIGTYPE => unsigned(1),
            abi::PT_UINT16 | abi::PT_FLAGS16 | abi::PT_ENUMFLAGS16 | abi::PT_SYSCALLID => {
                unsigned(2)
            }
            abi::PT_UINT32
            | abi::PT_FLAGS32
            | abi::PT_ENUMFLAGS32
            | abi::PT_UID
            | abi::PT_GID
            | abi::PT_MODE
            | abi::PT_BOOL
            | abi::PT_SIGSET => unsigned(4),
            abi::PT_UINT64 | abi::PT_RELTIME | abi::PT_ABSTIME => unsigned(8),
            abi::PT_CHARBUF | abi::PT_FSPATH | abi::PT_FSRELPATH => {
                Value::Str(b.strip_suffix(&[0]).unwrap_or(b))
            }
            _ => Value::Bytes(b),
        }
    }

    /// The value as a signed integer, if numeric.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Value::Int(v) => Some(v),
            Value::Uint(v) => Some(v as i64),
            _ => None,
        }
    }

    /// The value as bytes, if a string or byte buffer.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match *self {
            Value::Str(b) | Value::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// Splits a NUL-separated byte buffer (args, env) into its strings.
pub fn split_nul(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    let b = b.strip_suffix(&[0]).unwrap_or(b);
    b.split(|c| *c == 0).filter(move |_| !b.is_empty())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a record the way the drivers do, for tests.
    pub(crate) fn record(code: u32, ts: u64, tid: u64, params: &[&[u8]]) -> Vec<u8> {
        let mut v = Vec::new();
        let plen: usize = params.iter().map(|p| p.len()).sum();
        let len = HDR_LEN + 2 * params.len() + plen;
        v.extend_from_slice(&ts.to_le_bytes());
        v.extend_from_slice(&tid.to_le_bytes());
        v.extend_from_slice(&(len as u32).to_le_bytes());
        v.extend_from_slice(&(code as u16).to_le_bytes());
        v.extend_from_slice(&(params.len() as u32).to_le_bytes());
        for p in params {
            v.extend_from_slice(&(p.len() as u16).to_le_bytes());
        }
        for p in params {
            v.extend_from_slice(p);
        }
        v
    }

    pub(crate) fn openat(ts: u64, tid: u64, fd: i64, name: &str, flags: u32) -> Vec<u8> {
        let mut n = name.as_bytes().to_vec();
        n.push(0);
        record(
            abi::PPME_SYSCALL_OPENAT_2_X,
            ts,
            tid,
            &[
                &fd.to_le_bytes(),
                &(-100i64).to_le_bytes(),
                &n,
                &flags.to_le_bytes(),
                &0u32.to_le_bytes(),
                &[],
                &[],
            ],
        )
    }

    #[test]
    fn decodes_openat_fields() {
        let r = openat(7, 42, 3, "/etc/shadow", abi::PPM_O_RDONLY);
        let e = Event::parse(&r).unwrap();
        assert_eq!(
            (e.ts(), e.tid(), e.name(), e.len()),
            (7, 42, "openat", r.len())
        );
        assert_eq!(e.int_of("fd"), Some(3));
        assert_eq!(e.int_of("dirfd"), Some(-100));
        assert_eq!(e.str_of("name"), Some(&b"/etc/shadow"[..]));
        assert_eq!(e.int_of("flags"), Some(abi::PPM_O_RDONLY as i64));
        assert_eq!(e.value_of("dev"), Some(Value::Empty));
        assert_eq!(e.value_of("nope"), None);
        for i in 0..=e.nparams() {
            assert_eq!(e.int_param(i), e.value(i).and_then(|v| v.as_int()), "{i}");
        }
    }

    #[test]
    fn negative_values_sign_extend() {
        let r = openat(1, 1, -2, "/x", 0);
        assert_eq!(Event::parse(&r).unwrap().int_of("fd"), Some(-2));
    }

    #[test]
    fn rejects_wrong_param_count_for_known_event() {
        let r = record(abi::PPME_SYSCALL_OPENAT_2_X, 0, 0, &[&3i64.to_le_bytes()]);
        assert!(matches!(
            Event::parse(&r),
            Err(DecodeError::ParamCount {
                want: 7,
                got: 1,
                ..
            })
        ));
    }

    #[test]
    fn rejects_lengths_past_the_record() {
        let mut r = openat(1, 1, 3, "/etc/shadow", 0);
        // Grow the name's declared length by one byte.
        let at = HDR_LEN + 2 * 2;
        let l = rd_u16(&r, at) + 1;
        r[at..at + 2].copy_from_slice(&l.to_le_bytes());
        assert!(matches!(
            Event::parse(&r),
            Err(DecodeError::ParamOverflow { .. })
        ));
    }

    #[test]
    fn rejects_short_and_overlong() {
        assert!(matches!(
            Event::parse(&[0u8; 10]),
            Err(DecodeError::ShortHeader { have: 10 })
        ));
        let mut r = openat(1, 1, 3, "/a", 0);
        let n = r.len() as u32 + 1;
        r[16..20].copy_from_slice(&n.to_le_bytes());
        assert!(matches!(
            Event::parse(&r),
            Err(DecodeError::BadLength { .. })
        ));
    }

    #[test]
    fn unknown_events_still_frame() {
        let r = record(999, 1, 2, &[b"ab", b""]);
        let e = Event::parse(&r).unwrap();
        assert_eq!(e.name(), "unknown");
        assert_eq!(e.value(0), Some(Value::Bytes(b"ab")));
        // A code outside lanner's table but in Falco's schema is named.
        let w = record(9, 1, 2, &[b"ab", b""]);
        assert_eq!(Event::parse(&w).unwrap().name(), "write");
        // ... and its parameters are found by name and typed.
        let r = record(6, 1, 2, &[&3i64.to_le_bytes(), &8u32.to_le_bytes()]);
        let e = Event::parse(&r).unwrap();
        assert_eq!(
            (e.name(), e.int_of("fd"), e.int_of("size")),
            ("read", Some(3), Some(8))
        );
        assert_eq!((e.int_param(0), e.int_param(2)), (Some(3), None));
        assert_eq!(e.value_of("data"), None);
    }

    #[test]
    fn kinds_read_integers_by_width_and_sign() {
        for ptype in 0..64u32 {
            let k = ParamKind::of(ptype);
            // The layout table int_param reads agrees with the kind.
            let layout = INT_LAYOUTS.get(ptype as usize).copied().flatten();
            assert_eq!(layout, IntLayout::of(k), "type {ptype}");
            assert_eq!(
                layout.map(IntLayout::kind),
                IntLayout::of(k).map(IntLayout::kind)
            );
            for b in [
                &[0xffu8][..],
                &[0xff; 2],
                &[0xff; 4],
                &[0x7f; 8],
                &[0xff; 8],
                &[0x80; 4],
                &[1, 2, 3],
                b"ab\0",
                b"",
            ] {
                let v = k.decode(b);
                assert_eq!(v, Value::decode(ptype, b), "type {ptype} {b:?}");
                assert_eq!(k.int(b), v.as_int(), "type {ptype} {b:?}");
            }
        }
        assert_eq!(Value::decode(abi::PT_INT8, &[0xff]), Value::Int(-1));
        assert_eq!(Value::decode(abi::PT_INT16, &[0xfe, 0xff]), Value::Int(-2));
        assert_eq!(
            Value::decode(abi::PT_PID, &(-3i64).to_le_bytes()),
            Value::Int(-3)
        );
        assert_eq!(
            Value::decode(abi::PT_UID, &[0xff; 4]),
            Value::Uint(u64::from(u32::MAX))
        );
        assert_eq!(
            Value::decode(abi::PT_UINT64, &[1, 0, 0, 0, 0, 0, 0, 0]),
            Value::Uint(1)
        );
        assert_eq!(
            Value::decode(abi::PT_UINT32, &[1, 2]),
            Value::Malformed(&[1, 2])
        );
        assert_eq!(Value::decode(abi::PT_FSPATH, b"/x\0"), Value::Str(b"/x"));
        assert_eq!(
            Value::decode(abi::PT_BYTEBUF, b"/x\0"),
            Value::Bytes(b"/x\0")
        );
        assert_eq!(Value::decode(abi::PT_UID, b""), Value::Empty);
    }

    #[test]
    fn splits_args() {
        let v: Vec<&[u8]> = split_nul(b"-l\0/tmp\0").collect();
        assert_eq!(v, vec![&b"-l"[..], &b"/tmp"[..]]);
        assert_eq!(split_nul(b"").count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(buf in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            if let Ok(e) = Event::parse(&buf) {
                for i in 0..e.nparams() {
                    let _ = e.value(i);
                }
                let _ = format!("{e:?}");
                proptest::prop_assert!(e.len() <= buf.len());
            }
        }

        #[test]
        fn int_at_reads_as_the_kind_does(
            params in proptest::collection::vec(
                proptest::collection::vec(proptest::num::u8::ANY, 0..10),
                0..6,
            ),
            tail in 0usize..3,
        ) {
            // A code outside the table: any parameter count parses. The
            // record may sit at the start of a longer buffer.
            let p: Vec<&[u8]> = params.iter().map(|v| &v[..]).collect();
            let mut r = record(u32::from(abi::PPM_EVENT_MAX as u16) + 7, 1, 2, &p);
            let len = r.len();
            r.extend(std::iter::repeat_n(0xa5, tail * 4));
            let e = Event::parse(&r).unwrap();
            proptest::prop_assert_eq!(e.len(), len);
            for w in 0..=9u8 {
                for k in [ParamKind::Int(w), ParamKind::Uint(w)] {
                    for i in 0..=p.len() + 1 {
                        let want = e.param(i).and_then(|b| k.int(b));
                        match IntLayout::of(k) {
                            Some(l) => {
                                proptest::prop_assert_eq!(l.kind(), k);
                                proptest::prop_assert_eq!(e.int_at(i, l), want, "{:?} {}", k, i);
                            }
                            None => proptest::prop_assert_eq!(want, None),
                        }
                    }
                }
            }
        }

        #[test]
        fn mutated_records_never_panic(
            pos in 0usize..80,
            byte in proptest::num::u8::ANY,
            cut in 0usize..80,
        ) {
            let mut r = openat(1, 2, 3, "/etc/shadow", 1);
            let p = pos % r.len();
            r[p] = byte;
            r.truncate(r.len() - cut % r.len());
            if let Ok(e) = Event::parse(&r) {
                for i in 0..e.nparams() {
                    let _ = e.value(i);
                }
            }
        }
    }
}
