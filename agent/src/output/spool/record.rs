//! The spool's on-disk record: framing, checksum and the alert encoding.
//!
//! Owns: turning one [`Alert`] into one self-checking record and back.
//! Must never: panic or allocate without bound on any input (the bytes come
//! from a file that a crash may have torn or a disk may have corrupted).
//!
//! Record layout (little endian):
//!
//! ```text
//! len: u32 | crc: u32 | payload: len bytes
//! crc = CRC-32 (IEEE) of the 4 len bytes followed by the payload
//! payload = version u8 (1) | time_ns u64 | priority u8 | rule str |
//!           output str | source str | tags: u32 n, n * str |
//!           fields: u32 n, n * (name str, kind u8, value)
//! str = u32 byte length | UTF-8 bytes
//! value = kind 0: none | 1: str | 2: i64 | 3: u8 bool
//! ```
//!
//! The checksum covers the length, so a torn or flipped length is detected
//! too; a record that fails it ends the readable part of its segment.

use crate::engine::priority::Priority;
use crate::output::alert::{Alert, FieldValue};

/// Bytes before the payload.
pub const HEADER_LEN: usize = 8;
/// Largest payload accepted when reading (a larger length is corruption).
pub const MAX_PAYLOAD: usize = 16 << 20;
const VERSION: u8 = 1;

/// What the bytes at a record boundary hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A whole record whose checksum matches: payload at
    /// `HEADER_LEN..HEADER_LEN + len`, next record at `HEADER_LEN + len`.
    Record { len: usize },
    /// Fewer bytes than the header or the payload needs (a torn tail).
    Incomplete,
    /// A length above [`MAX_PAYLOAD`] or a checksum mismatch.
    Corrupt,
}

/// Why a payload is not an alert.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("spool record: unknown version {0}")]
    Version(u8),
    #[error("spool record: truncated payload")]
    Truncated,
    #[error("spool record: bad {0}")]
    Bad(&'static str),
    #[error("spool record: {0} trailing bytes")]
    Trailing(usize),
}

fn crc(len: [u8; 4], payload: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(&len);
    c.update(payload);
    c.sum()
}

/// Classifies the bytes at the start of `buf` (a record boundary).
pub fn parse_frame(buf: &[u8]) -> Frame {
    if buf.len() < HEADER_LEN {
        return Frame::Incomplete;
    }
    let len_bytes = [buf[0], buf[1], buf[2], buf[3]];
    let len = u32::from_le_bytes(len_bytes) as usize;
    if len > MAX_PAYLOAD {
        return Frame::Corrupt;
    }
    let want = u32::from_le_bytes([buf[4], buf[5], buf[6], buf[7]]);
    let Some(payload) = buf.get(HEADER_LEN..HEADER_LEN + len) else {
        return Frame::Incomplete;
    };
    if crc(len_bytes, payload) == want {
        Frame::Record { len }
    } else {
        Frame::Corrupt
    }
}

/// Appends one framed record holding `alert` to `out`.
pub fn encode_record(alert: &Alert, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0; HEADER_LEN]);
    encode_alert(alert, out);
    let payload_len = out.len() - start - HEADER_LEN;
    // An alert above 4 GiB cannot exist (its strings come from bounded
    // event fields); saturate so the reader sees it as corrupt, not wrapped.
    let len = u32::try_from(payload_len).unwrap_or(u32::MAX).to_le_bytes();
    let sum = crc(len, &out[start + HEADER_LEN..]);
    out[start..start + 4].copy_from_slice(&len);
    out[start + 4..start + HEADER_LEN].copy_from_slice(&sum.to_le_bytes());
}

fn put_str(s: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn encode_alert(a: &Alert, out: &mut Vec<u8>) {
    out.push(VERSION);
    out.extend_from_slice(&a.time_ns.to_le_bytes());
    out.push(a.priority.syslog_severity());
    put_str(&a.rule, out);
    put_str(&a.output, out);
    put_str(&a.source, out);
    out.extend_from_slice(&(a.tags.len() as u32).to_le_bytes());
    for t in &a.tags {
        put_str(t, out);
    }
    out.extend_from_slice(&(a.output_fields.len() as u32).to_le_bytes());
    for (name, v) in &a.output_fields {
        put_str(name, out);
        match v {
            FieldValue::Null => out.push(0),
            FieldValue::Str(s) => {
                out.push(1);
                put_str(s, out);
            }
            FieldValue::Int(i) => {
                out.push(2);
                out.extend_from_slice(&i.to_le_bytes());
            }
            FieldValue::Bool(b) => {
                out.push(3);
                out.push(u8::from(*b));
            }
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        if self.0.len() < n {
            return Err(DecodeError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, DecodeError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| DecodeError::Bad("UTF-8"))
    }

    /// A count of items each at least `min` bytes long: bounded by what is
    /// left, so a corrupt count cannot make us reserve gigabytes.
    fn count(&mut self, min: usize) -> Result<usize, DecodeError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min) > self.0.len() {
            return Err(DecodeError::Truncated);
        }
        Ok(n)
    }
}

fn priority(sev: u8) -> Result<Priority, DecodeError> {
    Ok(match sev {
        0 => Priority::Emergency,
        1 => Priority::Alert,
        2 => Priority::Critical,
        3 => Priority::Error,
        4 => Priority::Warning,
        5 => Priority::Notice,
        6 => Priority::Informational,
        7 => Priority::Debug,
        _ => return Err(DecodeError::Bad("priority")),
    })
}

/// Decodes a payload written by [`encode_record`].
pub fn decode_alert(payload: &[u8]) -> Result<Alert, DecodeError> {
    let mut r = Reader(payload);
    let v = r.u8()?;
    if v != VERSION {
        return Err(DecodeError::Version(v));
    }
    let time_ns = r.u64()?;
    let priority = priority(r.u8()?)?;
    let rule = r.string()?;
    let output = r.string()?;
    let source = r.string()?;
    let n = r.count(4)?;
    let mut tags = Vec::with_capacity(n);
    for _ in 0..n {
        tags.push(r.string()?);
    }
    let n = r.count(5)?;
    let mut output_fields = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let value = match r.u8()? {
            0 => FieldValue::Null,
            1 => FieldValue::Str(r.string()?),
            2 => FieldValue::Int(r.u64()? as i64),
            3 => match r.u8()? {
                0 => FieldValue::Bool(false),
                1 => FieldValue::Bool(true),
                _ => return Err(DecodeError::Bad("bool")),
            },
            _ => return Err(DecodeError::Bad("field kind")),
        };
        output_fields.push((name, value));
    }
    if !r.0.is_empty() {
        return Err(DecodeError::Trailing(r.0.len()));
    }
    Ok(Alert {
        time_ns,
        rule,
        priority,
        output,
        tags,
        source,
        output_fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Alert {
        Alert {
            time_ns: 1_700_000_000_123_456_789,
            rule: "Terminal shell".into(),
            priority: Priority::Warning,
            output: "shell é".into(),
            tags: vec!["a".into(), "".into()],
            source: "syscall".into(),
            output_fields: vec![
                ("proc.name".into(), "bash".into()),
                ("proc.pid".into(), FieldValue::Int(-4)),
                ("fd.name".into(), FieldValue::Null),
                ("x".into(), FieldValue::Bool(true)),
            ],
        }
    }

    #[test]
    fn roundtrip_and_checksum() {
        let mut buf = Vec::new();
        encode_record(&sample(), &mut buf);
        let Frame::Record { len } = parse_frame(&buf) else {
            panic!("not a record")
        };
        assert_eq!(len + HEADER_LEN, buf.len());
        assert_eq!(decode_alert(&buf[HEADER_LEN..]).unwrap(), sample());
        for cut in 0..buf.len() {
            assert_eq!(parse_frame(&buf[..cut]), Frame::Incomplete, "cut {cut}");
        }
        for i in 0..buf.len() {
            let mut b = buf.clone();
            b[i] ^= 0x40;
            // A flipped length may ask for more bytes than there are.
            assert!(
                matches!(parse_frame(&b), Frame::Corrupt | Frame::Incomplete),
                "flip at {i}"
            );
        }
    }

    fn field_value() -> impl Strategy<Value = FieldValue> {
        prop_oneof![
            Just(FieldValue::Null),
            ".{0,12}".prop_map(FieldValue::Str),
            any::<i64>().prop_map(FieldValue::Int),
            any::<bool>().prop_map(FieldValue::Bool),
        ]
    }

    prop_compose! {
        fn any_alert()(
            time_ns in any::<u64>(),
            sev in 0u8..8,
            rule in ".{0,20}",
            output in ".{0,60}",
            source in ".{0,8}",
            tags in proptest::collection::vec(".{0,8}", 0..4),
            output_fields in proptest::collection::vec((".{0,10}", field_value()), 0..5),
        ) -> Alert {
            Alert { time_ns, rule, priority: priority(sev).unwrap(), output, tags, source,
                    output_fields }
        }
    }

    proptest! {
        #[test]
        fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode_alert(&bytes);
            if let Frame::Record { len } = parse_frame(&bytes) {
                prop_assert!(HEADER_LEN + len <= bytes.len());
                let _ = decode_alert(&bytes[HEADER_LEN..HEADER_LEN + len]);
            }
        }

        #[test]
        fn any_alert_roundtrips(a in any_alert()) {
            let mut buf = Vec::new();
            encode_record(&a, &mut buf);
            prop_assert_eq!(parse_frame(&buf), Frame::Record { len: buf.len() - HEADER_LEN });
            prop_assert_eq!(decode_alert(&buf[HEADER_LEN..]).unwrap(), a);
        }

        /// A stream of records cut anywhere and damaged anywhere yields only
        /// whole, correct alerts (a prefix of what was written) before it
        /// stops at an incomplete or corrupt frame.
        #[test]
        fn damaged_stream_yields_a_correct_prefix(
            alerts in proptest::collection::vec(any_alert(), 1..6),
            cut in any::<prop::sample::Index>(),
            flip in proptest::option::of((any::<prop::sample::Index>(), 1u8..=255)),
        ) {
            let mut buf = Vec::new();
            for a in &alerts {
                encode_record(a, &mut buf);
            }
            buf.truncate(cut.index(buf.len() + 1));
            if let Some((at, x)) = flip {
                if !buf.is_empty() {
                    let i = at.index(buf.len());
                    buf[i] ^= x;
                }
            }
            let mut off = 0;
            let mut got = Vec::new();
            while let Frame::Record { len } = parse_frame(&buf[off..]) {
                got.push(decode_alert(&buf[off + HEADER_LEN..off + HEADER_LEN + len]).unwrap());
                off += HEADER_LEN + len;
            }
            prop_assert!(got.len() <= alerts.len());
            prop_assert_eq!(&got[..], &alerts[..got.len()]);
        }
    }
}
