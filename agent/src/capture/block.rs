//! pcapng-style block framing of scap files, and a bounds-checked cursor.
//!
//! Owns: splitting a (decompressed) capture into blocks: `u32 type, u32
//! total length, body, u32 total length`, with the section header's
//! byte-order magic deciding the byte order of everything in its section.
//! Must never: index past the buffer, trust a length before checking it
//! against what is left, or panic on any byte sequence.

use super::ReadError;

/// Section header block type ("\r\n\n\r", a palindrome in both orders).
pub const SHB: u32 = 0x0A0D0D0A;
/// Byte-order magic of the section header, as written by the producer.
pub const SHB_MAGIC: u32 = 0x1A2B3C4D;
/// Machine info (and its pre-release number).
pub const MI: [u32; 2] = [0x201, 0x8002ABCD];
/// Process list blocks V1..V9 (and pre-release numbers of V1..V3).
pub const PL: [u32; 12] = [
    0x202, 0x8000ABCD, 0x207, 0x8013ABCD, 0x209, 0x8014ABCD, 0x210, 0x211, 0x212, 0x213, 0x214,
    0x215,
];
/// Fd list blocks (V1, pre-release V1, V2 with per-entry lengths).
pub const FDL: [u32; 3] = [0x203, 0x8001ABCD, 0x218];
pub const FDL_V2: u32 = 0x218;
/// Event blocks: V1 (22-byte headers, no nparams), V2, V2 with u32 lengths.
pub const EV: u32 = 0x204;
pub const EV_INT: u32 = 0x8010ABCD;
pub const EV_V2: u32 = 0x216;
pub const EV_V2_LARGE: u32 = 0x221;
/// Event blocks with a u32 flags word after the cpu id.
pub const EVF: u32 = 0x208;
pub const EVF_V2: u32 = 0x217;
pub const EVF_V2_LARGE: u32 = 0x222;
/// Interface lists (V2 prefixes each entry with its length).
pub const IL: [u32; 3] = [0x205, 0x8011ABCD, 0x219];
pub const IL_V2: u32 = 0x219;
/// User/group lists (V2 prefixes each entry with its length).
pub const UL: [u32; 3] = [0x206, 0x8012ABCD, 0x220];
pub const UL_V2: u32 = 0x220;

/// Whether a block type carries one event.
pub fn is_event(btype: u32) -> bool {
    matches!(
        btype,
        EV | EV_INT | EV_V2 | EV_V2_LARGE | EVF | EVF_V2 | EVF_V2_LARGE
    )
}

/// Largest block accepted (libscap reads non-large event blocks into a
/// 64 KiB buffer; metadata blocks of big hosts reach a few MiB).
pub const MAX_BLOCK_LEN: u32 = 256 << 20;

/// One block: its offset in the file, type and body (padding included).
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub offset: u64,
    pub btype: u32,
    pub body: &'a [u8],
    /// Byte order of the section the block belongs to.
    pub big_endian: bool,
}

/// Iterates the blocks of a capture. After an error it stops (framing is
/// lost), except that a short trailing block is reported as truncation.
pub struct Blocks<'a> {
    buf: &'a [u8],
    at: usize,
    big_endian: bool,
    started: bool,
    done: bool,
}

impl<'a> Blocks<'a> {
    pub fn new(buf: &'a [u8]) -> Blocks<'a> {
        Blocks {
            buf,
            at: 0,
            big_endian: false,
            started: false,
            done: false,
        }
    }

    fn u32_at(&self, at: usize, be: bool) -> Option<u32> {
        let b: [u8; 4] = self.buf.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if be {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    fn next_block(&mut self) -> Result<Option<Block<'a>>, ReadError> {
        let at = self.at;
        let left = self.buf.len() - at;
        if left == 0 {
            return Ok(None);
        }
        let offset = at as u64;
        if left < 12 {
            return Err(ReadError::Truncated {
                offset,
                need: 12,
                have: left,
            });
        }
        // The type reads the same in both orders for a section header; its
        // magic then fixes the order of this section.
        let raw_type = self.u32_at(at, false).unwrap_or(0);
        if raw_type == SHB {
            let magic = self.u32_at(at + 8, false).unwrap_or(0);
            self.big_endian = if magic == SHB_MAGIC {
                false
            } else if magic.swap_bytes() == SHB_MAGIC {
                true
            } else {
                return Err(ReadError::BadMagic { offset, magic });
            };
        } else if !self.started {
            return Err(ReadError::NotScap {
                offset,
                btype: raw_type,
            });
        }
        self.started = true;
        let be = self.big_endian;
        let btype = self.u32_at(at, be).unwrap_or(0);
        let len = self.u32_at(at + 4, be).unwrap_or(0);
        if len < 12 || len & 3 != 0 || len > MAX_BLOCK_LEN {
            return Err(ReadError::BadBlockLength { offset, btype, len });
        }
        let ulen = len as usize;
        if ulen > left {
            return Err(ReadError::Truncated {
                offset,
                need: ulen,
                have: left,
            });
        }
        let trailer = self.u32_at(at + ulen - 4, be).unwrap_or(0);
        if trailer != len {
            return Err(ReadError::TrailerMismatch {
                offset,
                len,
                trailer,
            });
        }
        self.at = at + ulen;
        Ok(Some(Block {
            offset,
            btype,
            body: &self.buf[at + 8..at + ulen - 4],
            big_endian: be,
        }))
    }
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Result<Block<'a>, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_block() {
            Ok(Some(b)) => Some(Ok(b)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// A bounds-checked reader over one block body in its section's byte order.
/// Every read returns `None` past the end instead of panicking.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    buf: &'a [u8],
    pub pos: usize,
    be: bool,
}

impl<'a> Cursor<'a> {
    pub fn new(buf: &'a [u8], big_endian: bool) -> Cursor<'a> {
        Cursor {
            buf,
            pos: 0,
            be: big_endian,
        }
    }

    pub fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let b: [u8; N] = self.bytes(N)?.try_into().ok()?;
        Some(if self.be {
            let mut r = b;
            r.reverse();
            r
        } else {
            b
        })
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }
    pub fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }
    pub fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    pub fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    pub fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_le_bytes)
    }

    /// A u16-length-prefixed string (not NUL-terminated on file), lossy UTF-8.
    pub fn str16(&mut self) -> Option<String> {
        let n = self.u16()? as usize;
        let b = self.bytes(n)?;
        let b = b.split(|c| *c == 0).next().unwrap_or(b);
        Some(String::from_utf8_lossy(b).into_owned())
    }

    /// A u16-length-prefixed NUL-separated list.
    pub fn list16(&mut self) -> Option<Vec<String>> {
        let n = self.u16()? as usize;
        Some(split_list(self.bytes(n)?))
    }
}

/// Splits NUL-separated strings, dropping one trailing NUL.
pub fn split_list(b: &[u8]) -> Vec<String> {
    let b = b.strip_suffix(&[0]).unwrap_or(b);
    if b.is_empty() {
        return Vec::new();
    }
    b.split(|c| *c == 0)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds one block in the given byte order (body padded to 4 bytes).
    pub(crate) fn block(btype: u32, body: &[u8], be: bool) -> Vec<u8> {
        let pad = (4 - body.len() % 4) % 4;
        let len = (12 + body.len() + pad) as u32;
        let w = |v: u32| if be { v.to_be_bytes() } else { v.to_le_bytes() };
        let mut v = Vec::new();
        v.extend_from_slice(&w(btype));
        v.extend_from_slice(&w(len));
        v.extend_from_slice(body);
        v.extend(std::iter::repeat_n(0u8, pad));
        v.extend_from_slice(&w(len));
        v
    }

    pub(crate) fn shb(be: bool) -> Vec<u8> {
        let mut body = Vec::new();
        if be {
            body.extend_from_slice(&SHB_MAGIC.to_be_bytes());
            body.extend_from_slice(&1u16.to_be_bytes());
            body.extend_from_slice(&2u16.to_be_bytes());
            body.extend_from_slice(&u64::MAX.to_be_bytes());
        } else {
            body.extend_from_slice(&SHB_MAGIC.to_le_bytes());
            body.extend_from_slice(&1u16.to_le_bytes());
            body.extend_from_slice(&2u16.to_le_bytes());
            body.extend_from_slice(&u64::MAX.to_le_bytes());
        }
        block(SHB, &body, be)
    }

    #[test]
    fn frames_blocks_in_both_orders() {
        for be in [false, true] {
            let mut f = shb(be);
            f.extend(block(0x201, &[1, 2, 3, 4, 5], be));
            let bs: Vec<_> = Blocks::new(&f).collect::<Result<_, _>>().unwrap();
            assert_eq!(bs.len(), 2);
            assert_eq!(bs[1].btype, 0x201);
            assert_eq!(bs[1].offset, 28);
            assert_eq!(&bs[1].body[..5], &[1, 2, 3, 4, 5]);
            assert_eq!(bs[1].big_endian, be);
        }
    }

    #[test]
    fn reports_truncation_with_offset() {
        let mut f = shb(false);
        let b = block(0x201, &[0; 40], false);
        f.extend_from_slice(&b[..30]);
        let r: Vec<_> = Blocks::new(&f).collect();
        assert!(r[0].is_ok());
        assert!(matches!(
            r[1],
            Err(ReadError::Truncated {
                offset: 28,
                need: 52,
                have: 30
            })
        ));
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn rejects_non_scap_and_bad_trailers() {
        let f = block(0x201, &[0; 4], false);
        assert!(matches!(
            Blocks::new(&f).next(),
            Some(Err(ReadError::NotScap { offset: 0, .. }))
        ));
        let mut f = shb(false);
        let mut b = block(0x201, &[0; 4], false);
        let n = b.len();
        b[n - 1] = 9;
        f.extend(b);
        let r: Vec<_> = Blocks::new(&f).collect();
        assert!(matches!(
            r[1],
            Err(ReadError::TrailerMismatch { offset: 28, .. })
        ));
    }

    #[test]
    fn cursor_stops_at_the_end() {
        let mut c = Cursor::new(&[1, 0, 2], false);
        assert_eq!(c.u16(), Some(1));
        assert_eq!(c.u16(), None);
        assert_eq!(c.u8(), Some(2));
        let mut c = Cursor::new(&[0, 1], true);
        assert_eq!(c.u16(), Some(1));
        let mut c = Cursor::new(&[3, 0, b'a', b'b', 0], false);
        assert_eq!(c.str16().as_deref(), Some("ab"));
    }
}
