//! Text rendering of record parameters the way Falco prints them.
//!
//! Owns: turning a parameter's wire bytes into Falco's text: flag and enum
//! names from the ABI header's name tables (`O_RDONLY|O_CLOEXEC`,
//! `AF_INET`, `PTRACE_ATTACH`), socket addresses and tuples
//! (`10.0.0.1:80`, `10.0.0.1:4242->10.0.0.2:80`, unix paths), `PT_DYN`
//! values, signal names and syscall ids of generic events.
//! Must never: know a flag value or name itself; every name comes from
//! `lanner_abi`, every signal name from the C library's numbering.

use crate::event::decode::{Event, Value};
use lanner_abi as abi;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Names of the PPM_* bits set in `v`, joined by `|`, in table order.
///
/// An entry whose value is 0 is printed only when `v` is 0 (e.g.
/// `O_NONE`); bits no name covers are ignored, as Falco does.
pub fn flag_names(names: &[(&str, u64)], v: u64) -> String {
    let mut out = String::new();
    for (name, bits) in names {
        let hit = if *bits == 0 {
            v == 0
        } else {
            v & bits == *bits
        };
        if hit {
            if !out.is_empty() {
                out.push('|');
            }
            out.push_str(name);
        }
    }
    out
}

/// The name of an enumerated value, if the table has it.
pub fn enum_name<'n>(names: &[(&'n str, u64)], v: u64) -> Option<&'n str> {
    names.iter().find(|(_, x)| *x == v).map(|(n, _)| *n)
}

/// The name of signal `n` (`SIGKILL`), as the C library numbers them.
pub fn signal_name(n: u64) -> Option<&'static str> {
    let n = i32::try_from(n).ok()?;
    nix::sys::signal::Signal::try_from(n)
        .ok()
        .map(|s| s.as_str())
}

fn port(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

fn v4(b: &[u8]) -> Ipv4Addr {
    Ipv4Addr::new(b[0], b[1], b[2], b[3])
}

/// Appends `n` in decimal.
fn push_dec(out: &mut String, n: u32) {
    if n >= 10 {
        push_dec(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Appends `a.b.c.d:port` from 4 address bytes and a little-endian port,
/// as `format!("{}:{}", v4(b), port(&b[4..]))` would.
fn push_v4_port(out: &mut String, b: &[u8]) {
    for (i, o) in b[..4].iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        push_dec(out, u32::from(*o));
    }
    out.push(':');
    push_dec(out, u32::from(port(&b[4..])));
}

fn v6(b: &[u8]) -> String {
    let mut a = [0u8; 16];
    a.copy_from_slice(&b[..16]);
    let ip = Ipv6Addr::from(a);
    match ip.to_ipv4_mapped() {
        Some(m) => m.to_string(),
        None => ip.to_string(),
    }
}

fn unix_path(b: &[u8]) -> String {
    let b = b.split(|c| *c == 0).next().unwrap_or_default();
    String::from_utf8_lossy(b).into_owned()
}

/// A `PT_SOCKADDR`: family byte, then the address in scap's layout
/// (IPv4: addr, port; IPv6: addr, port; unix: path).
pub fn sockaddr(b: &[u8]) -> Option<String> {
    let (fam, rest) = b.split_first()?;
    match u32::from(*fam) {
        abi::PPM_AF_INET if rest.len() >= 6 => Some(format!("{}:{}", v4(rest), port(&rest[4..]))),
        abi::PPM_AF_INET6 if rest.len() >= 18 => {
            Some(format!("{}:{}", v6(rest), port(&rest[16..])))
        }
        abi::PPM_AF_UNIX => Some(unix_path(rest)),
        _ => None,
    }
}

/// A `PT_SOCKTUPLE`: family byte, then source and destination in scap's
/// layout (IPv4: saddr, sport, daddr, dport; IPv6 likewise; unix: two
/// u64 socket ids, then the path).
pub fn socktuple(b: &[u8]) -> Option<String> {
    let (fam, r) = b.split_first()?;
    match u32::from(*fam) {
        abi::PPM_AF_INET if r.len() >= 12 => {
            // Written by hand: `format!` was a fifth of a connect's cost.
            let mut s = String::with_capacity(43);
            push_v4_port(&mut s, r);
            s.push_str("->");
            push_v4_port(&mut s, &r[6..]);
            Some(s)
        }
        abi::PPM_AF_INET6 if r.len() >= 36 => Some(format!(
            "{}:{}->{}:{}",
            v6(r),
            port(&r[16..]),
            v6(&r[18..]),
            port(&r[34..])
        )),
        abi::PPM_AF_UNIX if r.len() >= 16 => {
            let id = |o: usize| u64::from_le_bytes(r[o..o + 8].try_into().unwrap_or_default());
            Some(format!("{:x}->{:x} {}", id(0), id(8), unix_path(&r[16..])))
        }
        _ => None,
    }
}

fn number(p: &abi::ParamInfo, v: u64, signed: Option<i64>) -> String {
    match (p.fmt, signed) {
        (abi::PF_HEX, _) => format!("{v:#x}"),
        (abi::PF_OCT, _) => format!("{v:o}"),
        (_, Some(s)) => s.to_string(),
        _ => v.to_string(),
    }
}

/// Parameter `i` of `ev` as Falco's `evt.arg.<name>` text.
pub fn param_text(ev: &Event<'_>, i: usize) -> Option<String> {
    let p = ev.info()?.params.get(i)?;
    let raw = ev.param(i)?;
    if raw.is_empty() {
        return Some(String::new());
    }
    Some(value_text(p, raw))
}

fn value_text(p: &abi::ParamInfo, raw: &[u8]) -> String {
    match p.ptype {
        abi::PT_SOCKADDR => sockaddr(raw).unwrap_or_default(),
        abi::PT_SOCKTUPLE => socktuple(raw).unwrap_or_default(),
        abi::PT_DYN => match raw.split_first() {
            Some((idx, rest)) => match p.dyn_params.get(usize::from(*idx)) {
                Some(d) => value_text(d, rest),
                None => String::new(),
            },
            None => String::new(),
        },
        t => match Value::decode(t, raw) {
            Value::Int(s) => number(p, s as u64, Some(s)),
            Value::Uint(v) => match t {
                abi::PT_FLAGS8 | abi::PT_FLAGS16 | abi::PT_FLAGS32 | abi::PT_MODE => {
                    let names = flag_names(p.names, v);
                    if names.is_empty() {
                        number(p, v, None)
                    } else {
                        names
                    }
                }
                abi::PT_ENUMFLAGS8 | abi::PT_ENUMFLAGS16 | abi::PT_ENUMFLAGS32 => {
                    enum_name(p.names, v).map_or_else(|| v.to_string(), str::to_string)
                }
                abi::PT_SIGTYPE => signal_name(v).map_or_else(|| v.to_string(), str::to_string),
                abi::PT_SYSCALLID => abi::sc_name(v).map_or_else(|| v.to_string(), str::to_string),
                _ => number(p, v, None),
            },
            Value::Str(b) => String::from_utf8_lossy(b).into_owned(),
            Value::Bytes(b) | Value::Malformed(b) => String::from_utf8_lossy(b).into_owned(),
            Value::Empty => String::new(),
        },
    }
}

/// Falco's `evt.args`: `name=value` pairs, numbers with their names in
/// parentheses (`flags=4097(O_RDONLY|O_CLOEXEC)`).
pub fn args_text(ev: &Event<'_>) -> String {
    let mut out = String::new();
    let Some(info) = ev.info() else {
        return out;
    };
    for (i, p) in info.params.iter().enumerate() {
        let text = param_text(ev, i).unwrap_or_default();
        let named = !p.names.is_empty() || p.ptype == abi::PT_SIGTYPE;
        let raw = ev.value(i).and_then(|v| v.as_int());
        if !out.is_empty() {
            out.push(' ');
        }
        match raw {
            Some(n) if named && !text.is_empty() && text != n.to_string() => {
                let _ = write!(out, "{}={}({})", p.name, n, text);
            }
            _ => {
                let _ = write!(out, "{}={}", p.name, text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_tuples_match_std_formatting() {
        let cases: [([u8; 4], u16, [u8; 4], u16); 4] = [
            ([0, 0, 0, 0], 0, [255, 255, 255, 255], 65535),
            ([10, 0, 0, 1], 40000, [10, 1, 2, 3], 443),
            ([192, 168, 100, 9], 9, [1, 20, 199, 200], 10),
            ([127, 0, 0, 1], 100, [8, 8, 8, 8], 53),
        ];
        for (sa, sp, da, dp) in cases {
            let mut b = vec![abi::PPM_AF_INET as u8];
            b.extend_from_slice(&sa);
            b.extend_from_slice(&sp.to_le_bytes());
            b.extend_from_slice(&da);
            b.extend_from_slice(&dp.to_le_bytes());
            let want = format!(
                "{}:{}->{}:{}",
                Ipv4Addr::from(sa),
                sp,
                Ipv4Addr::from(da),
                dp
            );
            assert_eq!(socktuple(&b).as_deref(), Some(want.as_str()));
        }
    }
    use crate::event::decode::tests::record;

    fn info(code: u32) -> &'static abi::EventInfo {
        abi::event_info(code as u16).unwrap()
    }

    fn param(code: u32, name: &str) -> &'static abi::ParamInfo {
        info(code).params.iter().find(|p| p.name == name).unwrap()
    }

    #[test]
    fn open_flags_by_name() {
        let p = param(abi::PPME_SYSCALL_OPENAT_2_X, "flags");
        let v = u64::from(abi::PPM_O_WRONLY | abi::PPM_O_TRUNC | abi::PPM_O_CREAT);
        let s = value_text(p, &(v as u32).to_le_bytes());
        let mut got: Vec<&str> = s.split('|').collect();
        got.sort_unstable();
        assert_eq!(got, ["O_CREAT", "O_TRUNC", "O_WRONLY"]);
    }

    #[test]
    fn enums_by_name() {
        let dom = param(abi::PPME_SOCKET_SOCKET_X, "domain");
        assert_eq!(value_text(dom, &abi::PPM_AF_INET.to_le_bytes()), "AF_INET");
        let req = param(abi::PPME_SYSCALL_PTRACE_X, "request");
        let v = abi::PPM_PTRACE_ATTACH as u16;
        assert_eq!(value_text(req, &v.to_le_bytes()), "PTRACE_ATTACH");
        let sig = param(abi::PPME_SYSCALL_KILL_X, "sig");
        assert_eq!(value_text(sig, &[9u8]), "SIGKILL");
    }

    #[test]
    fn ptrace_dyn_selects_the_type() {
        let data = param(abi::PPME_SYSCALL_PTRACE_X, "data");
        let mut b = vec![abi::PPM_PTRACE_IDX_SIGTYPE as u8];
        b.push(15);
        assert_eq!(value_text(data, &b), "SIGTERM");
        let mut b = vec![abi::PPM_PTRACE_IDX_UINT64 as u8];
        b.extend_from_slice(&0x1000u64.to_le_bytes());
        assert_eq!(value_text(data, &b), "0x1000");
    }

    #[test]
    fn socket_addresses_and_tuples() {
        let mut a = vec![abi::PPM_AF_INET as u8, 10, 0, 0, 1];
        a.extend_from_slice(&80u16.to_le_bytes());
        assert_eq!(sockaddr(&a).unwrap(), "10.0.0.1:80");
        let mut t = vec![abi::PPM_AF_INET as u8, 127, 0, 0, 1];
        t.extend_from_slice(&4242u16.to_le_bytes());
        t.extend_from_slice(&[127, 0, 0, 2]);
        t.extend_from_slice(&443u16.to_le_bytes());
        assert_eq!(socktuple(&t).unwrap(), "127.0.0.1:4242->127.0.0.2:443");
        let mut u = vec![abi::PPM_AF_UNIX as u8];
        u.extend_from_slice(b"/dev/log\0");
        assert_eq!(sockaddr(&u).unwrap(), "/dev/log");
        let mut six = vec![abi::PPM_AF_INET6 as u8];
        six.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
        six.extend_from_slice(&22u16.to_le_bytes());
        assert_eq!(sockaddr(&six).unwrap(), "::1:22");
        assert_eq!(sockaddr(&[abi::PPM_AF_INET as u8, 1]), None);
        assert_eq!(socktuple(&[]), None);
    }

    #[test]
    fn generic_ids_and_args_line() {
        let id = (abi::PPM_SC_GETPPID as u16).to_le_bytes();
        let r = record(abi::PPME_GENERIC_X, 1, 2, &[&id, &110u16.to_le_bytes()]);
        let ev = Event::parse(&r).unwrap();
        assert_eq!(param_text(&ev, 0).unwrap(), "getppid");
        let args = args_text(&ev);
        assert!(args.starts_with("ID="), "{args}");
        assert!(args.contains("nativeID=110"), "{args}");
    }

    proptest::proptest! {
        /// Any bytes, as any parameter of any event: rendering never
        /// panics (addresses, tuples, PT_DYN indexes come from the wire).
        #[test]
        fn rendering_random_bytes_never_panics(
            raw in proptest::collection::vec(proptest::num::u8::ANY, 0..160),
            pick in proptest::num::usize::ANY,
        ) {
            let evs: Vec<_> = abi::events().collect();
            let ev = evs[pick % evs.len()];
            let p = &ev.params[pick % ev.params.len()];
            let _ = value_text(p, &raw);
            let _ = sockaddr(&raw);
            let _ = socktuple(&raw);
        }

        /// Whole records of any known event with random parameter bytes:
        /// the `evt.args` line always renders.
        #[test]
        fn args_line_of_random_records(
            params in proptest::collection::vec(
                proptest::collection::vec(proptest::num::u8::ANY, 0..40), 0..32),
            pick in proptest::num::usize::ANY,
        ) {
            let evs: Vec<_> = abi::events().collect();
            let ev = evs[pick % evs.len()];
            let n = ev.params.len();
            let mut ps: Vec<&[u8]> = params.iter().map(Vec::as_slice).take(n).collect();
            while ps.len() < n {
                ps.push(&[]);
            }
            let r = record(u32::from(ev.code), 1, 2, &ps);
            if let Ok(e) = Event::parse(&r) {
                let _ = args_text(&e);
            }
        }
    }
}
