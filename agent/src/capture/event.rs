//! Event blocks: one event each, in any of the block versions.
//!
//! Owns: the event header inside a block (V1: 22 bytes without `nparams`,
//! whose parameter count is inferred from the lengths as libscap does; V2:
//! the 26-byte header; LARGE: u32 parameter lengths) and splitting the
//! parameters.
//! Must never: read past the block, or accept a parameter layout whose
//! lengths do not add up to the event length.

use super::block::{self, Block, Cursor};
use super::schema;
use super::ReadError;

/// Most parameters an event may carry.
pub const MAX_PARAMS: usize = 32;

/// One event as stored in the capture (old layouts included), borrowing
/// the capture's bytes. Integers inside parameters are in the section's
/// byte order (`big_endian`).
#[derive(Debug, Clone)]
pub struct ScapEvent<'a> {
    /// Offset of the event's block in the decompressed capture.
    pub offset: u64,
    pub cpu: u16,
    pub flags: u32,
    pub ts: u64,
    pub tid: u64,
    pub code: u16,
    pub params: Vec<&'a [u8]>,
    pub big_endian: bool,
}

fn fail(b: &Block<'_>, what: &'static str) -> ReadError {
    ReadError::BadEvent {
        offset: b.offset,
        what,
    }
}

/// Splits `n` parameters whose lengths (each `lsize` bytes) start the
/// `rest` slice; `None` unless they exactly fill it.
fn split(rest: &[u8], n: usize, lsize: usize, be: bool) -> Option<Vec<&[u8]>> {
    let mut lens = Cursor::new(rest.get(..n.checked_mul(lsize)?)?, be);
    let mut data = Cursor::new(rest.get(n * lsize..)?, be);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let l = if lsize == 4 {
            lens.u32()? as usize
        } else {
            lens.u16()? as usize
        };
        out.push(data.bytes(l)?);
    }
    (data.remaining() == 0).then_some(out)
}

/// Decodes the event in an event block.
pub fn parse<'a>(b: &Block<'a>) -> Result<ScapEvent<'a>, ReadError> {
    let be = b.big_endian;
    let mut c = Cursor::new(b.body, be);
    let cpu = c.u16().ok_or_else(|| fail(b, "cpu id"))?;
    let flags = if matches!(b.btype, block::EVF | block::EVF_V2 | block::EVF_V2_LARGE) {
        c.u32().ok_or_else(|| fail(b, "flags"))?
    } else {
        0
    };
    let v2 = matches!(
        b.btype,
        block::EV_V2 | block::EV_V2_LARGE | block::EVF_V2 | block::EVF_V2_LARGE
    );
    let large = matches!(b.btype, block::EV_V2_LARGE | block::EVF_V2_LARGE);
    let hdr_at = c.pos;
    let ts = c.u64().ok_or_else(|| fail(b, "header"))?;
    let tid = c.u64().ok_or_else(|| fail(b, "header"))?;
    let len = c.u32().ok_or_else(|| fail(b, "header"))? as usize;
    let code = c.u16().ok_or_else(|| fail(b, "header"))?;
    let hdr_len = if v2 { 26 } else { 22 };
    let declared = if v2 {
        Some(c.u32().ok_or_else(|| fail(b, "header"))? as usize)
    } else {
        None
    };
    // The event occupies `len` bytes from its header; the rest is padding.
    let end = hdr_at
        .checked_add(len)
        .filter(|e| len >= hdr_len && *e <= b.body.len())
        .ok_or_else(|| fail(b, "event length outside its block"))?;
    let rest = &b.body[hdr_at + hdr_len..end];
    let lsize = if large { 4 } else { 2 };
    let params = match declared {
        Some(n) if n > MAX_PARAMS => return Err(fail(b, "too many parameters")),
        Some(n) => split(rest, n, lsize, be).ok_or_else(|| fail(b, "parameter lengths"))?,
        None => {
            // No count on file: try the schema's count, then fewer, until
            // the lengths exactly fill the event (older versions had fewer).
            let max = schema::lookup(code).map_or(MAX_PARAMS, |e| e.params.len());
            (0..=max.min(MAX_PARAMS))
                .rev()
                .find_map(|n| split(rest, n, 2, be))
                .ok_or_else(|| fail(b, "cannot infer the parameter count"))?
        }
    };
    Ok(ScapEvent {
        offset: b.offset,
        cpu,
        flags,
        ts,
        tid,
        code,
        params,
        big_endian: be,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::capture::block::tests::block;

    /// An event block body in the given version and byte order.
    pub(crate) fn ev_block(
        btype: u32,
        ts: u64,
        tid: u64,
        code: u16,
        params: &[&[u8]],
        be: bool,
    ) -> Vec<u8> {
        let v2 = btype != block::EV && btype != block::EVF;
        let hdr = if v2 { 26 } else { 22 };
        let plen: usize = params.iter().map(|p| p.len()).sum();
        let len = hdr + 2 * params.len() + plen;
        let mut v = Vec::new();
        macro_rules! w {
            ($x:expr) => {
                if be {
                    v.extend_from_slice(&$x.to_be_bytes())
                } else {
                    v.extend_from_slice(&$x.to_le_bytes())
                }
            };
        }
        w!(3u16);
        if btype == block::EVF || btype == block::EVF_V2 {
            w!(0u32);
        }
        w!(ts);
        w!(tid);
        w!(len as u32);
        w!(code);
        if v2 {
            w!(params.len() as u32);
        }
        for p in params {
            w!(p.len() as u16);
        }
        for p in params {
            v.extend_from_slice(p);
        }
        block(btype, &v, be)
    }

    fn parse_one(raw: &[u8], be: bool) -> Result<ScapEvent<'_>, ReadError> {
        let b = Block {
            offset: 0,
            btype: u32::from_le_bytes(raw[..4].try_into().unwrap()),
            body: &raw[8..raw.len() - 4],
            big_endian: be,
        };
        let b = Block {
            btype: if be {
                u32::from_be_bytes(raw[..4].try_into().unwrap())
            } else {
                b.btype
            },
            ..b
        };
        parse(&b)
    }

    #[test]
    fn v1_infers_fewer_params_than_the_schema() {
        // open exit of 2016: fd, name, flags, mode (schema today: 6).
        let raw = ev_block(
            block::EV,
            5,
            7,
            3,
            &[
                &3i64.to_le_bytes(),
                b"/dev/null\0",
                &1u32.to_le_bytes(),
                &0u32.to_le_bytes(),
            ],
            false,
        );
        let e = parse_one(&raw, false).unwrap();
        assert_eq!((e.ts, e.tid, e.code, e.cpu), (5, 7, 3, 3));
        assert_eq!(e.params.len(), 4);
        assert_eq!(e.params[1], b"/dev/null\0");
    }

    #[test]
    fn v2_and_evf_in_both_orders() {
        for be in [false, true] {
            for bt in [block::EV_V2, block::EVF_V2] {
                let raw = ev_block(bt, 9, 1, 7, &[b"ab", b""], be);
                let e = parse_one(&raw, be).unwrap();
                assert_eq!((e.ts, e.tid, e.code), (9, 1, 7));
                assert_eq!(e.params, vec![&b"ab"[..], &b""[..]]);
            }
        }
    }

    #[test]
    fn lengths_that_do_not_add_up_are_errors() {
        let mut raw = ev_block(block::EV_V2, 1, 1, 7, &[b"abc"], false);
        // declared param length 3 -> 9
        raw[8 + 2 + 26] = 9;
        assert!(matches!(
            parse_one(&raw, false),
            Err(ReadError::BadEvent { .. })
        ));
    }
}
