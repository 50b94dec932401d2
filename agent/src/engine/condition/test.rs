//! Typed tests: one operator with its right-hand side already converted
//! to the field's type (`fd.num < 3`, `fd.name in (...)`,
//! `fd.snet = 10.0.0.0/8`), built once at load and evaluated per event.
//!
//! Owns: which operators each [`FieldType`] accepts (libsinsp's table:
//! numbers `= != < <= > >= in intersects`; booleans, addresses and
//! networks `= != in intersects`; strings everything but `bcontains` and
//! `bstartswith`; byte buffers `= != contains in intersects startswith
//! endswith bcontains bstartswith`), the conversion of constants, and the
//! evaluation of a test on one scalar [`Value`].
//! Must never: allocate or fail while evaluating. A value of another type
//! than the test's is "no match", never a panic.

use super::ast::BinOp;
use super::constant::{parse_bool, parse_double, parse_hex, parse_int, parse_ip, Net};
use super::fxhash::FxHashSet;
use super::glob::Glob;
use super::pmatch::PathSet;
use crate::engine::field::{FieldType, Value};
use memchr::memmem::Finder;
use std::net::IpAddr;

/// `in` lists longer than this are hashed; shorter ones are scanned
/// (a string scan compares a one-word key per item, see [`StrSet`]).
const HASH_THRESHOLD: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn of(op: BinOp) -> Option<Cmp> {
        Some(match op {
            BinOp::Lt => Cmp::Lt,
            BinOp::Le => Cmp::Le,
            BinOp::Gt => Cmp::Gt,
            BinOp::Ge => Cmp::Ge,
            _ => return None,
        })
    }

    pub(super) fn holds<T: PartialOrd + ?Sized>(self, a: &T, b: &T) -> bool {
        match self {
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }
}

/// True if `op` may be used on a value of type `ty`.
pub(super) fn op_allowed(ty: FieldType, op: BinOp) -> bool {
    use BinOp::*;
    match ty {
        FieldType::Str => !matches!(op, BContains | BStartsWith),
        FieldType::Int | FieldType::Double => {
            matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge | In | Intersects)
        }
        FieldType::Bool | FieldType::Ip | FieldType::Net => {
            matches!(op, Eq | EqEq | Ne | In | Intersects)
        }
        FieldType::Bytes => matches!(
            op,
            Eq | EqEq
                | Ne
                | Contains
                | In
                | Intersects
                | StartsWith
                | EndsWith
                | BContains
                | BStartsWith
        ),
    }
}

/// A set of strings: scanned when small, hashed when large.
#[derive(Debug, Clone)]
pub(super) enum StrSet {
    /// Each item with its [`str_key`], compared before the bytes.
    Scan(Box<[(u32, Box<str>)]>),
    Hash(FxHashSet<Box<str>>),
}

/// A cheap summary of a string (length, first and last byte): two strings
/// with different keys differ, so a scan compares bytes only on a key hit.
#[inline]
fn str_key(s: &str) -> u32 {
    let b = s.as_bytes();
    let edge = |x: Option<&u8>| u32::from(x.copied().unwrap_or(0));
    // Lengths beyond 16 bits share their key bits; the bytes decide.
    (b.len() as u32) << 16 | edge(b.first()) << 8 | edge(b.last())
}

impl StrSet {
    pub(super) fn new(items: Vec<Box<str>>) -> StrSet {
        if items.len() > HASH_THRESHOLD {
            StrSet::Hash(items.into_iter().collect())
        } else {
            StrSet::Scan(items.into_iter().map(|s| (str_key(&s), s)).collect())
        }
    }

    #[inline]
    pub(super) fn contains(&self, s: &str) -> bool {
        match self {
            StrSet::Scan(v) => {
                let k = str_key(s);
                v.iter().any(|(xk, x)| *xk == k && &**x == s)
            }
            StrSet::Hash(h) => h.contains(s),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum StrTest {
    Eq(Box<str>),
    Ne(Box<str>),
    Cmp(Cmp, Box<str>),
    Contains(Box<Finder<'static>>),
    /// Needle in ASCII lowercase.
    IContains(Box<[u8]>),
    StartsWith(Box<str>),
    EndsWith(Box<str>),
    In(StrSet),
    Glob(Glob),
    PMatch(PathSet),
    Regex(regex::Regex),
}

#[derive(Debug, Clone)]
pub(super) enum BytesTest {
    Eq(Box<[u8]>),
    Ne(Box<[u8]>),
    Contains(Box<Finder<'static>>),
    StartsWith(Box<[u8]>),
    EndsWith(Box<[u8]>),
    In(Box<[Box<[u8]>]>),
}

#[derive(Debug, Clone)]
pub(super) enum IntSet {
    Scan(Box<[i64]>),
    Hash(FxHashSet<i64>),
}

#[derive(Debug, Clone)]
pub(super) enum IntTest {
    Eq(i64),
    Ne(i64),
    Cmp(Cmp, i64),
    In(IntSet),
}

#[derive(Debug, Clone)]
pub(super) enum DoubleTest {
    Eq(f64),
    Ne(f64),
    Cmp(Cmp, f64),
    In(Box<[f64]>),
}

#[derive(Debug, Clone)]
pub(super) enum BoolTest {
    Eq(bool),
    Ne(bool),
    /// Accepted values: [false, true].
    In([bool; 2]),
}

#[derive(Debug, Clone)]
pub(super) enum IpTest {
    Eq(IpAddr),
    Ne(IpAddr),
    In(Box<[IpAddr]>),
}

#[derive(Debug, Clone)]
pub(super) enum NetTest {
    Eq(Net),
    Ne(Net),
    In(Box<[Net]>),
}

/// One operator and its converted constant(s), for one field type.
#[derive(Debug, Clone)]
pub(super) enum Scalar {
    Str(StrTest),
    Bytes(BytesTest),
    Int(IntTest),
    Double(DoubleTest),
    Bool(BoolTest),
    Ip(IpTest),
    Net(NetTest),
}

/// A constant that does not convert: which item and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BadValue {
    pub item: usize,
    pub message: String,
}

fn bad(item: usize, message: String) -> BadValue {
    BadValue { item, message }
}

fn convert<T>(
    items: &[&str],
    f: impl Fn(&str) -> Option<T>,
    what: &str,
) -> Result<Vec<T>, BadValue> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| f(t).ok_or_else(|| bad(i, format!("'{t}' is not a valid {what}"))))
        .collect()
}

/// Builds the test `op items` for a value of type `ty`. `items` has one
/// element unless `op` is a list operator. The operator must be allowed
/// for the type ([`op_allowed`]).
pub(super) fn build(ty: FieldType, op: BinOp, items: &[&str]) -> Result<Scalar, BadValue> {
    let list = op.is_list_op();
    let one = items.first().copied().unwrap_or("");
    let eq = matches!(op, BinOp::Eq | BinOp::EqEq);
    let cmp = Cmp::of(op);
    Ok(match ty {
        FieldType::Str => Scalar::Str(match op {
            BinOp::PMatch => StrTest::PMatch(PathSet::new(items.iter().copied())),
            _ if list => StrTest::In(StrSet::new(items.iter().map(|s| Box::from(*s)).collect())),
            _ if eq => StrTest::Eq(one.into()),
            BinOp::Ne => StrTest::Ne(one.into()),
            BinOp::Contains => StrTest::Contains(Box::new(Finder::new(one).into_owned())),
            BinOp::IContains => StrTest::IContains(one.to_ascii_lowercase().into_bytes().into()),
            BinOp::StartsWith => StrTest::StartsWith(one.into()),
            BinOp::EndsWith => StrTest::EndsWith(one.into()),
            BinOp::Glob => StrTest::Glob(Glob::new(one, false)),
            BinOp::IGlob => StrTest::Glob(Glob::new(one, true)),
            BinOp::Regex => StrTest::Regex(regex(one).map_err(|m| bad(0, m))?),
            _ => match cmp {
                Some(c) => StrTest::Cmp(c, one.into()),
                None => return Err(bad(0, format!("operator '{op}' is not valid here"))),
            },
        }),
        FieldType::Bytes => Scalar::Bytes(match op {
            _ if list => BytesTest::In(items.iter().map(|s| Box::from(s.as_bytes())).collect()),
            BinOp::BContains | BinOp::BStartsWith => {
                let v = parse_hex(one).ok_or_else(|| {
                    bad(
                        0,
                        format!("'{one}' is not a valid hex string for operator '{op}'"),
                    )
                })?;
                if op == BinOp::BContains {
                    BytesTest::Contains(Box::new(Finder::new(&v).into_owned()))
                } else {
                    BytesTest::StartsWith(v.into())
                }
            }
            _ if eq => BytesTest::Eq(one.as_bytes().into()),
            BinOp::Ne => BytesTest::Ne(one.as_bytes().into()),
            BinOp::Contains => {
                BytesTest::Contains(Box::new(Finder::new(one.as_bytes()).into_owned()))
            }
            BinOp::StartsWith => BytesTest::StartsWith(one.as_bytes().into()),
            _ => BytesTest::EndsWith(one.as_bytes().into()),
        }),
        FieldType::Int => {
            let v = convert(items, parse_int, "integer")?;
            Scalar::Int(if list {
                IntTest::In(if v.len() > HASH_THRESHOLD {
                    IntSet::Hash(v.into_iter().collect())
                } else {
                    IntSet::Scan(v.into())
                })
            } else {
                let x = v.first().copied().unwrap_or_default();
                match (op, cmp) {
                    (BinOp::Ne, _) => IntTest::Ne(x),
                    (_, Some(c)) => IntTest::Cmp(c, x),
                    _ => IntTest::Eq(x),
                }
            })
        }
        FieldType::Double => {
            let v = convert(items, parse_double, "number (an integer)")?;
            Scalar::Double(if list {
                DoubleTest::In(v.into())
            } else {
                let x = v.first().copied().unwrap_or_default();
                match (op, cmp) {
                    (BinOp::Ne, _) => DoubleTest::Ne(x),
                    (_, Some(c)) => DoubleTest::Cmp(c, x),
                    _ => DoubleTest::Eq(x),
                }
            })
        }
        FieldType::Bool => {
            let v = convert(items, parse_bool, "boolean (true or false)")?;
            Scalar::Bool(if list {
                let mut ok = [false; 2];
                for b in v {
                    ok[usize::from(b)] = true;
                }
                BoolTest::In(ok)
            } else if op == BinOp::Ne {
                BoolTest::Ne(v.first().copied().unwrap_or_default())
            } else {
                BoolTest::Eq(v.first().copied().unwrap_or_default())
            })
        }
        FieldType::Ip => {
            let v = convert(items, parse_ip, "IP address")?;
            let v: Vec<IpAddr> = v.into_iter().map(|a| a.to_canonical()).collect();
            let x = v.first().copied().unwrap_or(IpAddr::from([0, 0, 0, 0]));
            Scalar::Ip(if list {
                IpTest::In(v.into())
            } else if op == BinOp::Ne {
                IpTest::Ne(x)
            } else {
                IpTest::Eq(x)
            })
        }
        FieldType::Net => {
            let v = convert(items, Net::parse, "IP network (address/length)")?;
            match (list, v.first().copied()) {
                (true, _) => Scalar::Net(NetTest::In(v.into())),
                (false, Some(x)) if op == BinOp::Ne => Scalar::Net(NetTest::Ne(x)),
                (false, Some(x)) => Scalar::Net(NetTest::Eq(x)),
                (false, None) => return Err(bad(0, "missing network".into())),
            }
        }
    })
}

/// Compiles a Falco regex: anchored at both ends (a full match, as RE2's
/// `FullMatch`), with RE2's literal braces, and a size limit so no
/// pattern can exhaust memory.
pub(super) fn regex(p: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(&format!("^(?:{})$", super::re2::literal_braces(p)))
        .size_limit(1 << 22)
        .dfa_size_limit(1 << 22)
        .build()
        .map_err(|e| format!("invalid regular expression '{p}': {e}"))
}

impl Scalar {
    /// Evaluates the test on one scalar value (not a list). The tests
    /// conditions run most (strings, integers, booleans) are decided here;
    /// the rest out of line, so this stays small enough to inline.
    #[inline]
    pub(super) fn holds(&self, v: &Value) -> bool {
        match (self, v) {
            (Scalar::Str(t), Value::Str(s)) => t.holds(s),
            (Scalar::Int(t), Value::Int(i)) => t.holds(*i),
            (Scalar::Bool(t), Value::Bool(b)) => t.holds(*b),
            _ => self.holds_other(v),
        }
    }

    #[inline(never)]
    fn holds_other(&self, v: &Value) -> bool {
        match (self, v) {
            (Scalar::Str(t), Value::Str(s)) => t.holds(s),
            (Scalar::Bytes(t), Value::Bytes(b)) => t.holds(b),
            (Scalar::Int(t), Value::Int(i)) => t.holds(*i),
            (Scalar::Double(t), Value::Double(d)) => t.holds(*d),
            (Scalar::Double(t), Value::Int(i)) => t.holds(*i as f64),
            (Scalar::Bool(t), Value::Bool(b)) => t.holds(*b),
            (Scalar::Ip(t), Value::Ip(a)) => t.holds(a.to_canonical()),
            (Scalar::Net(t), Value::Ip(a)) => t.holds(*a),
            _ => false,
        }
    }
}

impl StrTest {
    #[inline]
    fn holds(&self, s: &str) -> bool {
        match self {
            StrTest::Eq(x) => s == &**x,
            StrTest::Ne(x) => s != &**x,
            StrTest::StartsWith(x) => s.starts_with(&**x),
            StrTest::EndsWith(x) => s.ends_with(&**x),
            StrTest::In(set) => set.contains(s),
            StrTest::Contains(f) => f.find(s.as_bytes()).is_some(),
            _ => self.holds_other(s),
        }
    }

    #[inline(never)]
    fn holds_other(&self, s: &str) -> bool {
        match self {
            StrTest::Eq(x) => s == &**x,
            StrTest::Ne(x) => s != &**x,
            StrTest::Cmp(c, x) => c.holds(s, x),
            StrTest::Contains(f) => f.find(s.as_bytes()).is_some(),
            StrTest::IContains(n) => icontains(s.as_bytes(), n),
            StrTest::StartsWith(x) => s.starts_with(&**x),
            StrTest::EndsWith(x) => s.ends_with(&**x),
            StrTest::In(set) => set.contains(s),
            StrTest::Glob(g) => g.matches(s),
            StrTest::PMatch(p) => p.matches(s),
            StrTest::Regex(r) => r.is_match(s),
        }
    }
}

impl BytesTest {
    fn holds(&self, b: &[u8]) -> bool {
        match self {
            BytesTest::Eq(x) => b == &**x,
            BytesTest::Ne(x) => b != &**x,
            BytesTest::Contains(f) => f.find(b).is_some(),
            BytesTest::StartsWith(x) => b.starts_with(x),
            BytesTest::EndsWith(x) => b.ends_with(x),
            BytesTest::In(v) => v.iter().any(|x| &**x == b),
        }
    }
}

impl IntTest {
    #[inline]
    fn holds(&self, i: i64) -> bool {
        match self {
            IntTest::Eq(x) => i == *x,
            IntTest::Ne(x) => i != *x,
            IntTest::Cmp(c, x) => c.holds(&i, x),
            IntTest::In(IntSet::Scan(v)) => v.contains(&i),
            IntTest::In(IntSet::Hash(h)) => h.contains(&i),
        }
    }
}

impl DoubleTest {
    fn holds(&self, d: f64) -> bool {
        match self {
            DoubleTest::Eq(x) => d == *x,
            DoubleTest::Ne(x) => d != *x,
            DoubleTest::Cmp(c, x) => c.holds(&d, x),
            DoubleTest::In(v) => v.contains(&d),
        }
    }
}

impl BoolTest {
    #[inline]
    fn holds(&self, b: bool) -> bool {
        match self {
            BoolTest::Eq(x) => b == *x,
            BoolTest::Ne(x) => b != *x,
            BoolTest::In(ok) => ok[usize::from(b)],
        }
    }
}

impl IpTest {
    fn holds(&self, a: IpAddr) -> bool {
        match self {
            IpTest::Eq(x) => a == *x,
            IpTest::Ne(x) => a != *x,
            IpTest::In(v) => v.contains(&a),
        }
    }
}

impl NetTest {
    fn holds(&self, a: IpAddr) -> bool {
        match self {
            NetTest::Eq(n) => n.contains(a),
            NetTest::Ne(n) => !n.contains(a),
            NetTest::In(v) => v.iter().any(|n| n.contains(a)),
        }
    }
}

/// ASCII case-insensitive substring search; `needle` is lowercase.
pub(super) fn icontains(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let last = hay.len() - needle.len();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &hay[..=last])
        .any(|i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn t(ty: FieldType, op: BinOp, items: &[&str], v: Value) -> bool {
        build(ty, op, items).unwrap().holds(&v)
    }

    fn s(x: &'static str) -> Value<'static> {
        Value::Str(Cow::Borrowed(x))
    }

    #[test]
    fn strings() {
        use BinOp::*;
        let ty = FieldType::Str;
        assert!(t(ty, Eq, &["a"], s("a")) && !t(ty, Ne, &["a"], s("a")));
        assert!(t(ty, Lt, &["b"], s("a")) && t(ty, Ge, &["a"], s("a")));
        assert!(t(ty, Contains, &["ell"], s("hello")));
        assert!(t(ty, IContains, &["ELL"], s("hEllo")) && !t(ty, IContains, &["x"], s("hello")));
        assert!(t(ty, IContains, &[""], s("")));
        assert!(t(ty, StartsWith, &["he"], s("hello")) && t(ty, EndsWith, &["lo"], s("hello")));
        assert!(t(ty, Glob, &["h*o"], s("hello")) && t(ty, IGlob, &["H*O"], s("hello")));
        assert!(t(ty, Regex, &["h.*o"], s("hello")) && !t(ty, Regex, &["ell"], s("hello")));
        assert!(
            t(ty, In, &["a", "hello"], s("hello")) && t(ty, Intersects, &["hello"], s("hello"))
        );
        let many: Vec<String> = (0..20).map(|i| format!("x{i}")).collect();
        let many: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
        assert!(t(ty, In, &many, s("x13")) && !t(ty, In, &many, s("x20")));
        assert!(t(ty, PMatch, &["/var/run"], s("/var/run/x")));
        assert!(build(ty, Regex, &["("]).is_err());
        // A value of another type is no match.
        assert!(!t(ty, Ne, &["a"], Value::Int(1)));
    }

    #[test]
    fn bytes() {
        use BinOp::*;
        let ty = FieldType::Bytes;
        let b = || Value::Bytes(Cow::Borrowed(b"HTTP/1.1\x00"));
        assert!(t(ty, BContains, &["2f312e"], b()) && !t(ty, BContains, &["00ff"], b()));
        assert!(t(ty, BStartsWith, &["48545450"], b()) && !t(ty, BStartsWith, &["5454"], b()));
        assert!(t(ty, Contains, &["/1.1"], b()) && t(ty, StartsWith, &["HTTP"], b()));
        assert!(t(ty, EndsWith, &["1\x00"], b()) && !t(ty, Eq, &["HTTP"], b()));
        assert!(t(ty, In, &["x", "HTTP/1.1\x00"], b()));
        for bad in ["g", "123Z", "abc_1"] {
            assert!(build(ty, BContains, &[bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_bools_addresses() {
        use BinOp::*;
        assert!(t(FieldType::Int, Le, &["3"], Value::Int(3)));
        assert!(t(FieldType::Int, Ne, &["3"], Value::Int(-3)));
        assert!(t(FieldType::Int, In, &["1", "2"], Value::Int(2)));
        assert!(build(FieldType::Int, Eq, &["x"]).is_err());
        assert!(t(FieldType::Double, Gt, &["1"], Value::Double(1.5)));
        assert!(build(FieldType::Double, Eq, &["1.0"]).is_err());
        assert!(t(FieldType::Bool, In, &["false"], Value::Bool(false)));
        assert!(!t(FieldType::Bool, Eq, &["true"], Value::Bool(false)));
        let ip = |a: &str| Value::Ip(a.parse().unwrap());
        assert!(t(FieldType::Ip, Eq, &["127.0.0.1"], ip("127.0.0.1")));
        assert!(t(FieldType::Ip, Eq, &["127.0.0.1"], ip("::ffff:127.0.0.1")));
        assert!(t(FieldType::Ip, In, &["::1", "10.0.0.1"], ip("::1")));
        assert!(build(FieldType::Ip, Eq, &["10.0.0.0/8"]).is_err());
        assert!(t(FieldType::Net, Eq, &["10.0.0.0/8"], ip("10.2.3.4")));
        assert!(t(FieldType::Net, Ne, &["10.0.0.0/8"], ip("11.2.3.4")));
        assert!(t(
            FieldType::Net,
            In,
            &["192.168.0.0/16", "10.0.0.0/8"],
            ip("10.2.3.4")
        ));
        assert!(build(FieldType::Net, Eq, &["10.0.0.1"]).is_err());
    }

    #[test]
    fn operator_table() {
        use BinOp::*;
        assert!(op_allowed(FieldType::Str, PMatch) && !op_allowed(FieldType::Str, BContains));
        assert!(!op_allowed(FieldType::Int, Contains) && op_allowed(FieldType::Int, Intersects));
        assert!(!op_allowed(FieldType::Bool, Lt) && !op_allowed(FieldType::Ip, Lt));
        assert!(op_allowed(FieldType::Bytes, BStartsWith) && !op_allowed(FieldType::Bytes, Glob));
        assert!(!op_allowed(FieldType::Bytes, IContains) && !op_allowed(FieldType::Bytes, Regex));
    }
}
