//! Comparisons whose right-hand side is computed per event:
//! `proc.name = val(proc.pname)`, `evt.source = tolower(evt.plugininfo)`.
//!
//! The compiler has already checked that both sides have the same type
//! and that the operator suits it; here the two values meet. `in` and
//! `intersects` against a list value test membership.
//! Owns: operator semantics between two runtime values.
//! Must never: panic; values of mismatched types simply do not match.

use super::ast::BinOp;
use super::glob::Glob as Pattern;
use super::test::{icontains, Cmp};
use crate::engine::field::Value;

/// `l op r` for two runtime values.
pub(super) fn holds(op: BinOp, l: &Value, r: &Value) -> bool {
    match (op, r) {
        (BinOp::In | BinOp::Intersects, Value::List(items)) => {
            items.iter().any(|x| scalar(BinOp::Eq, l, x))
        }
        (BinOp::In | BinOp::Intersects, r) => scalar(BinOp::Eq, l, r),
        (_, Value::List(_)) => false,
        (op, r) => scalar(op, l, r),
    }
}

fn cmp_of(op: BinOp) -> Option<Cmp> {
    Some(match op {
        BinOp::Lt => Cmp::Lt,
        BinOp::Le => Cmp::Le,
        BinOp::Gt => Cmp::Gt,
        BinOp::Ge => Cmp::Ge,
        _ => return None,
    })
}

fn scalar(op: BinOp, l: &Value, r: &Value) -> bool {
    use BinOp::*;
    match (l, r) {
        (Value::Str(a), Value::Str(b)) => match op {
            Eq | EqEq => a == b,
            Ne => a != b,
            Contains => a.contains(&**b),
            IContains => icontains(a.as_bytes(), b.to_ascii_lowercase().as_bytes()),
            StartsWith => a.starts_with(&**b),
            EndsWith => a.ends_with(&**b),
            Glob => Pattern::new(b, false).matches(a),
            IGlob => Pattern::new(b, true).matches(a),
            _ => cmp_of(op).is_some_and(|c| c.holds(&**a, &**b)),
        },
        (Value::Bytes(a), Value::Bytes(b)) => match op {
            Eq | EqEq => a == b,
            Ne => a != b,
            Contains | BContains => memchr::memmem::find(a, b).is_some(),
            StartsWith | BStartsWith => a.starts_with(b),
            EndsWith => a.ends_with(b),
            _ => false,
        },
        (Value::Int(a), Value::Int(b)) => num(op, a, b),
        (Value::Double(a), Value::Double(b)) => num(op, a, b),
        (Value::Int(a), Value::Double(b)) => num(op, &(*a as f64), b),
        (Value::Double(a), Value::Int(b)) => num(op, a, &(*b as f64)),
        (Value::Bool(a), Value::Bool(b)) => num(op, a, b),
        (Value::Ip(a), Value::Ip(b)) => match op {
            Eq | EqEq => a.to_canonical() == b.to_canonical(),
            Ne => a.to_canonical() != b.to_canonical(),
            _ => false,
        },
        _ => false,
    }
}

fn num<T: PartialOrd>(op: BinOp, a: &T, b: &T) -> bool {
    match op {
        BinOp::Eq | BinOp::EqEq => a == b,
        BinOp::Ne => a != b,
        _ => cmp_of(op).is_some_and(|c| c.holds(a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn runtime_values() {
        let s = |x: &'static str| Value::Str(Cow::Borrowed(x));
        assert!(holds(BinOp::Eq, &s("a"), &s("a")));
        assert!(holds(BinOp::Ne, &s("a"), &s("b")));
        assert!(holds(BinOp::IContains, &s("xABy"), &s("ab")));
        assert!(holds(BinOp::Glob, &s("bash"), &s("b*")));
        assert!(holds(
            BinOp::In,
            &s("b"),
            &Value::list(vec![s("a"), s("b")])
        ));
        assert!(holds(BinOp::Lt, &Value::Int(1), &Value::Int(2)));
        assert!(holds(BinOp::Ge, &Value::Double(2.0), &Value::Int(2)));
        assert!(!holds(BinOp::Eq, &s("1"), &Value::Int(1)));
        assert!(!holds(BinOp::Eq, &s("1"), &Value::list(vec![s("1")])));
    }
}
