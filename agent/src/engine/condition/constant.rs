//! Right-hand-side constants converted once, at load, into the type of
//! the field they are compared with (libsinsp's value parser): integers
//! in decimal, booleans `true`/`false`, IP addresses, CIDR networks, and
//! hex strings for `bcontains`/`bstartswith`.
//!
//! Owns: the accepted spelling of each type's constants.
//! Must never: panic on any text (every function answers `None` instead).

use std::net::IpAddr;

/// A decimal integer, optionally signed (libsinsp parses with `%ld` /
/// `%lu`; unsigned values above `i64::MAX` wrap like the fields do).
pub(super) fn parse_int(t: &str) -> Option<i64> {
    let d = t.strip_prefix(['+', '-']).unwrap_or(t);
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let u = t.strip_prefix('+').unwrap_or(t);
    u.parse::<i64>()
        .ok()
        .or_else(|| u.parse::<u64>().ok().map(|v| v as i64))
}

/// A double-typed field's constant. libsinsp's filter compiler refuses a
/// decimal point here (`thread.cpu = 1.0` does not compile while
/// `thread.cpu = 1` does), so only integers are accepted.
pub(super) fn parse_double(t: &str) -> Option<f64> {
    parse_int(t).map(|i| i as f64)
}

pub(super) fn parse_bool(t: &str) -> Option<bool> {
    match t {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// An IPv4 address in dotted form or an IPv6 address.
pub(super) fn parse_ip(t: &str) -> Option<IpAddr> {
    t.parse().ok()
}

/// A network: an address and a prefix length (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Net {
    addr: IpAddr,
    prefix: u8,
}

impl Net {
    /// `addr/len`; the length is required, as in libsinsp.
    pub(super) fn parse(t: &str) -> Option<Net> {
        let (a, l) = t.split_once('/')?;
        let addr: IpAddr = a.parse().ok()?;
        if l.is_empty() || !l.bytes().all(|b| b.is_ascii_digit()) || l.len() > 3 {
            return None;
        }
        let prefix: u8 = l.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Net { addr, prefix })
    }

    /// True if `ip` is in this network (IPv4-mapped IPv6 addresses count
    /// as their IPv4 address).
    pub(super) fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

/// A non-empty even-length string of hex digits, as bytes.
pub(super) fn parse_hex(t: &str) -> Option<Vec<u8>> {
    let b = t.as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(2) {
        return None;
    }
    let nib = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    b.chunks(2)
        .map(|p| Some(nib(p[0])? << 4 | nib(p[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants() {
        assert_eq!(parse_int("+42"), Some(42));
        assert_eq!(parse_int("-1"), Some(-1));
        assert_eq!(parse_int("18446744073709551615"), Some(-1));
        for bad in ["", "-", "0x10", "1.5", "1e3", " 1"] {
            assert_eq!(parse_int(bad), None, "{bad}");
        }
        assert_eq!(parse_double("1"), Some(1.0));
        assert_eq!(parse_double("1.0"), None);
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("True"), None);
        assert_eq!(parse_hex("48545450"), Some(b"HTTP".to_vec()));
        for bad in ["", "g", "123Z", "abc_1", "123"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn networks() {
        let n = Net::parse("10.0.0.0/8").unwrap();
        assert!(n.contains("10.1.2.3".parse().unwrap()));
        assert!(n.contains("::ffff:10.1.2.3".parse().unwrap()));
        assert!(!n.contains("11.0.0.1".parse().unwrap()));
        assert!(Net::parse("0.0.0.0/0")
            .unwrap()
            .contains("1.2.3.4".parse().unwrap()));
        assert!(Net::parse("127.0.0.1/32")
            .unwrap()
            .contains("127.0.0.1".parse().unwrap()));
        let v6 = Net::parse("fd00::/8").unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!(!v6.contains("fe80::1".parse().unwrap()));
        for bad in [
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0/8",
            "x/8",
            "::/129",
            "1.2.3.4/",
        ] {
            assert_eq!(Net::parse(bad), None, "{bad}");
        }
    }
}
