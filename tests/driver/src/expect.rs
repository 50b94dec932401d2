//! Expected parameter values and the comparison of a whole record with
//! them.
//!
//! Owns: `Want` (what one parameter must hold) and `expect`, which checks
//! that a test names EVERY parameter of the event, in the order of
//! lanner-abi's table, and that each value matches. Also the byte layouts
//! of scap socket addresses, tuples and PT_DYN values, built from what the
//! test passed to the kernel.
//! Must never: take an expected value from the record under test, or copy
//! a PPM_* constant (they come from lanner-abi).

use lanner::event::decode::{split_nul, Event, Value};
use lanner_abi as abi;

/// What one parameter must hold.
pub enum Want {
    /// Any integer type, compared as i64 (unsigned values bit-cast).
    Int(i64),
    /// A string parameter (compared without its NUL).
    Str(String),
    /// Exact bytes (sockaddr, tuple, PT_DYN, byte buffers).
    Bytes(Vec<u8>),
    /// Zero-length parameter.
    Empty,
    /// NUL-separated list (args), exactly these entries.
    List(Vec<String>),
    /// A value the test can only bound: description and predicate.
    Pred(&'static str, Box<dyn Fn(&Value<'_>) -> bool>),
}

pub fn int(v: impl Into<i64>) -> Want {
    Want::Int(v.into())
}

pub fn uint(v: u64) -> Want {
    Want::Int(v as i64)
}

pub fn s(v: impl Into<String>) -> Want {
    Want::Str(v.into())
}

pub fn bytes(v: impl Into<Vec<u8>>) -> Want {
    Want::Bytes(v.into())
}

/// Open flags of a call that created its file: `base | PPM_O_F_CREATED`.
/// Kernels before 4.19 have no FMODE_CREATED, so a driver cannot know
/// there; on those (only) `base` alone is accepted too.
pub fn created_flags(base: u32) -> Want {
    let with = i64::from(base | lanner_abi::PPM_O_F_CREATED);
    if crate::sys::kernel_at_least(4, 19) {
        return Want::Int(with);
    }
    pred(
        "base flags, with PPM_O_F_CREATED or not (kernel < 4.19)",
        move |v| {
            v.as_int()
                .is_some_and(|x| x == with || x == i64::from(base))
        },
    )
}

pub fn pred(what: &'static str, f: impl Fn(&Value<'_>) -> bool + 'static) -> Want {
    Want::Pred(what, Box::new(f))
}

/// A non-negative integer (counters the test cannot know exactly).
pub fn any_uint() -> Want {
    pred("an integer >= 0", |v| v.as_int().is_some_and(|i| i >= 0))
}

/// A positive integer.
pub fn positive() -> Want {
    pred("an integer > 0", |v| v.as_int().is_some_and(|i| i > 0))
}

fn shown(v: Option<Value<'_>>) -> String {
    match v {
        Some(Value::Str(b)) => format!("{:?}", String::from_utf8_lossy(b)),
        Some(Value::Bytes(b)) | Some(Value::Malformed(b)) => format!("{b:02x?}"),
        Some(Value::Empty) => "empty".into(),
        Some(Value::Int(i)) => format!("{i} ({i:#x})"),
        Some(Value::Uint(u)) => format!("{u} ({u:#x})"),
        None => "missing".into(),
    }
}

fn wanted(w: &Want) -> String {
    match w {
        Want::Int(i) => format!("{i} ({i:#x})"),
        Want::Str(s) => format!("{s:?}"),
        Want::Bytes(b) => format!("{b:02x?}"),
        Want::Empty => "empty".into(),
        Want::List(l) => format!("{l:?}"),
        Want::Pred(d, _) => (*d).into(),
    }
}

fn matches(w: &Want, v: &Value<'_>) -> bool {
    match (w, v) {
        (Want::Int(i), v) => v.as_int() == Some(*i),
        (Want::Str(s), Value::Str(b)) => *b == s.as_bytes(),
        (Want::Bytes(x), Value::Bytes(b)) => *b == x.as_slice(),
        (Want::Empty, Value::Empty) => true,
        // Falco sends "" as a lone NUL; an empty parameter reads the same.
        (Want::Str(s), Value::Empty) => s.is_empty(),
        (Want::List(l), Value::Bytes(b)) => split_nul(b).eq(l.iter().map(|s| s.as_bytes())),
        (Want::List(l), Value::Empty) => l.is_empty(),
        (Want::Pred(_, f), v) => f(v),
        _ => false,
    }
}

/// Checks every parameter of `e`: the test's list must name all of them
/// in table order (so a parameter nobody checks is a test bug, reported),
/// and each value must match.
pub fn expect(e: &Event<'_>, wants: Vec<(&str, Want)>) -> Result<(), String> {
    let info = e
        .info()
        .ok_or_else(|| format!("event code {} is not in lanner-abi's table", e.code()))?;
    let table: Vec<&str> = info.params.iter().map(|p| p.name).collect();
    let named: Vec<&str> = wants.iter().map(|(n, _)| *n).collect();
    if table != named {
        return Err(format!(
            "test names parameters {named:?} but lanner-abi's {} table has {table:?}",
            info.name
        ));
    }
    if e.nparams() != table.len() {
        return Err(format!(
            "{} parameters, lanner-abi's table has {}",
            e.nparams(),
            table.len()
        ));
    }
    let mut errs = Vec::new();
    for (i, (name, want)) in wants.iter().enumerate() {
        let got = e.value(i);
        if !got.as_ref().is_some_and(|v| matches(want, v)) {
            errs.push(format!("{name}={}, want {}", shown(got), wanted(want)));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

/// scap PT_SOCKADDR of an IPv4 address: family, address (network order),
/// port (host order).
pub fn sockaddr_in(ip: [u8; 4], port: u16) -> Vec<u8> {
    let mut v = vec![abi::PPM_AF_INET as u8];
    v.extend_from_slice(&ip);
    v.extend_from_slice(&port.to_ne_bytes());
    v
}

/// scap PT_SOCKTUPLE of an IPv4 connection: family, source ip, source
/// port, destination ip, destination port.
pub fn tuple_in(sip: [u8; 4], sport: u16, dip: [u8; 4], dport: u16) -> Vec<u8> {
    let mut v = vec![abi::PPM_AF_INET as u8];
    v.extend_from_slice(&sip);
    v.extend_from_slice(&sport.to_ne_bytes());
    v.extend_from_slice(&dip);
    v.extend_from_slice(&dport.to_ne_bytes());
    v
}

/// PT_DYN value of ptrace's addr/data: index byte, then the value in the
/// width of the type that index selects in lanner-abi's table.
pub fn ptrace_dyn(idx: u32, value: u64) -> Vec<u8> {
    let mut v = vec![idx as u8];
    if idx == abi::PPM_PTRACE_IDX_SIGTYPE {
        v.push(value as u8);
    } else {
        v.extend_from_slice(&value.to_le_bytes());
    }
    v
}
