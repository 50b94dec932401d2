//! From an expanded syntax tree (macros and lists already substituted) to
//! an evaluable [`Filter`], and the set of event types a filter can match.
//!
//! Owns: type checking (operator vs field type), conversion of constants to
//! the field's type once at load (integers parsed, `in` sets hashed, glob
//! patterns compiled, `icontains` needles lowercased), the evaluation
//! semantics (Falco's: a field without a value makes every comparison
//! false, `!=` included; `exists` tests presence), and the event-type
//! index algebra (libsinsp `ppm_codes`: `and` intersects, `or` unites,
//! `not` pushed down by De Morgan).
//! Must never: allocate or fail while evaluating. Every error is found
//! here, at load time; evaluation only borrows the values the
//! [`FieldSource`] hands out.

use super::ast::{BinOp, Compare, Expr, ExprKind, Literal, Operand, Rhs, Span};
use crate::engine::catalog;
use crate::engine::field::{Catalog, FieldRef, FieldSource, FieldType, Value};
use std::collections::{BTreeSet, HashSet};
use std::fmt;

/// A compile error: what and where (a span in the expanded tree, which the
/// rules loader maps back to a file position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    pub span: Span,
    /// True for valid Falco that lanner does not implement yet.
    pub unsupported: bool,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

type CResult<T> = Result<T, CompileError>;

fn error(message: impl Into<String>, span: Span) -> CompileError {
    CompileError {
        message: message.into(),
        span,
        unsupported: false,
    }
}

fn unsupported(what: impl fmt::Display, span: Span) -> CompileError {
    CompileError {
        message: format!("{what} not supported yet"),
        span,
        unsupported: true,
    }
}

/// `in`-lists longer than this are hashed; shorter ones are scanned.
const HASH_THRESHOLD: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn holds<T: Ord + ?Sized>(self, a: &T, b: &T) -> bool {
        match self {
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }
}

#[derive(Debug, Clone)]
enum StrSet {
    Scan(Box<[Box<str>]>),
    Hash(HashSet<Box<str>>),
}

impl StrSet {
    fn new(items: Vec<Box<str>>) -> StrSet {
        if items.len() > HASH_THRESHOLD {
            StrSet::Hash(items.into_iter().collect())
        } else {
            StrSet::Scan(items.into_boxed_slice())
        }
    }

    fn contains(&self, s: &str) -> bool {
        match self {
            StrSet::Scan(v) => v.iter().any(|x| &**x == s),
            StrSet::Hash(h) => h.contains(s),
        }
    }

    fn iter(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            StrSet::Scan(v) => Box::new(v.iter().map(|s| &**s)),
            StrSet::Hash(h) => Box::new(h.iter().map(|s| &**s)),
        }
    }
}

#[derive(Debug, Clone)]
enum IntSet {
    Scan(Box<[i64]>),
    Hash(HashSet<i64>),
}

impl IntSet {
    fn new(items: Vec<i64>) -> IntSet {
        if items.len() > HASH_THRESHOLD {
            IntSet::Hash(items.into_iter().collect())
        } else {
            IntSet::Scan(items.into_boxed_slice())
        }
    }

    fn contains(&self, i: i64) -> bool {
        match self {
            IntSet::Scan(v) => v.contains(&i),
            IntSet::Hash(h) => h.contains(&i),
        }
    }
}

#[derive(Debug, Clone)]
enum StrTest {
    Eq(Box<str>),
    Ne(Box<str>),
    Cmp(Cmp, Box<str>),
    Contains(Box<str>),
    /// Needle in ASCII lowercase.
    IContains(Box<str>),
    StartsWith(Box<str>),
    EndsWith(Box<str>),
    In(StrSet),
    Glob(Glob),
}

#[derive(Debug, Clone)]
enum IntTest {
    Eq(i64),
    Ne(i64),
    Cmp(Cmp, i64),
    In(IntSet),
}

#[derive(Debug, Clone)]
enum BoolTest {
    Eq(bool),
    Ne(bool),
    /// Accepted values: [false, true].
    In([bool; 2]),
}

#[derive(Debug, Clone)]
enum Test {
    Exists,
    Str(StrTest),
    Int(IntTest),
    Bool(BoolTest),
}

#[derive(Debug, Clone)]
struct Check {
    field: FieldRef,
    /// The field is `evt.type` (the event-type index reads these checks).
    evt_type: bool,
    test: Test,
}

#[derive(Debug, Clone)]
enum Node {
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Not(Box<Node>),
    Check(Check),
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub struct Filter {
    root: Node,
}

impl Filter {
    /// Evaluates the condition for one event. Never allocates, never fails.
    pub fn eval(&self, src: &dyn FieldSource) -> bool {
        self.root.eval(src)
    }

    /// The event types (`evt.type` values) this condition can match;
    /// `None` when it is not restricted to a finite set.
    pub fn event_types(&self) -> Option<BTreeSet<String>> {
        match self.root.types().0 {
            TypeSet::Only(s) => Some(s.into_iter().map(str::to_string).collect()),
            TypeSet::AllBut(_) => None,
        }
    }
}

impl Node {
    fn eval(&self, src: &dyn FieldSource) -> bool {
        match self {
            Node::And(c) => c.iter().all(|n| n.eval(src)),
            Node::Or(c) => c.iter().any(|n| n.eval(src)),
            Node::Not(n) => !n.eval(src),
            Node::Check(c) => c.eval(src),
        }
    }
}

impl Check {
    fn eval(&self, src: &dyn FieldSource) -> bool {
        let v = src.field(&self.field);
        match (&self.test, v) {
            (Test::Exists, v) => v.is_some(),
            // Falco: no value, no match, whatever the operator.
            (_, None) => false,
            (Test::Str(t), Some(Value::Str(s))) => t.eval(&s),
            (Test::Int(t), Some(Value::Int(i))) => t.eval(i),
            (Test::Bool(t), Some(Value::Bool(b))) => t.eval(b),
            // A source handing out the wrong type: treated as missing.
            _ => false,
        }
    }
}

impl StrTest {
    fn eval(&self, s: &str) -> bool {
        match self {
            StrTest::Eq(x) => s == &**x,
            StrTest::Ne(x) => s != &**x,
            StrTest::Cmp(c, x) => c.holds(s, x),
            StrTest::Contains(x) => s.contains(&**x),
            StrTest::IContains(x) => contains_ignore_ascii_case(s, x),
            StrTest::StartsWith(x) => s.starts_with(&**x),
            StrTest::EndsWith(x) => s.ends_with(&**x),
            StrTest::In(set) => set.contains(s),
            StrTest::Glob(g) => g.matches(s),
        }
    }
}

impl IntTest {
    fn eval(&self, i: i64) -> bool {
        match self {
            IntTest::Eq(x) => i == *x,
            IntTest::Ne(x) => i != *x,
            IntTest::Cmp(c, x) => c.holds(&i, x),
            IntTest::In(set) => set.contains(i),
        }
    }
}

impl BoolTest {
    fn eval(&self, b: bool) -> bool {
        match self {
            BoolTest::Eq(x) => b == *x,
            BoolTest::Ne(x) => b != *x,
            BoolTest::In(ok) => ok[usize::from(b)],
        }
    }
}

/// `needle` must be ASCII-lowercased already.
fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    h.windows(n.len())
        .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// A glob pattern with fnmatch(3) semantics without `FNM_PATHNAME`
/// (`*` also matches `/`), as Falco's `glob`; optionally ASCII
/// case-insensitive (`iglob`).
#[derive(Debug, Clone)]
struct Glob {
    toks: Box<[GlobTok]>,
    fold: bool,
}

#[derive(Debug, Clone)]
enum GlobTok {
    Lit(char),
    Any,
    Star,
    Class {
        negated: bool,
        ranges: Box<[(char, char)]>,
    },
}

impl Glob {
    fn new(pat: &str, fold: bool) -> Glob {
        let f = |c: char| if fold { c.to_ascii_lowercase() } else { c };
        let cs: Vec<char> = pat.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            match cs[i] {
                '*' => {
                    if !matches!(toks.last(), Some(GlobTok::Star)) {
                        toks.push(GlobTok::Star);
                    }
                }
                '?' => toks.push(GlobTok::Any),
                '\\' if i + 1 < cs.len() => {
                    i += 1;
                    toks.push(GlobTok::Lit(f(cs[i])));
                }
                '[' => match Glob::class(&cs[i + 1..], &f) {
                    Some((tok, used)) => {
                        toks.push(tok);
                        i += used;
                    }
                    // No closing bracket: a literal '['.
                    None => toks.push(GlobTok::Lit('[')),
                },
                c => toks.push(GlobTok::Lit(f(c))),
            }
            i += 1;
        }
        Glob {
            toks: toks.into_boxed_slice(),
            fold,
        }
    }

    /// Parses a bracket expression after '['; returns the token and how
    /// many characters it used (up to and including ']').
    fn class(cs: &[char], f: &impl Fn(char) -> char) -> Option<(GlobTok, usize)> {
        let mut i = 0;
        let negated = matches!(cs.first(), Some('!' | '^'));
        if negated {
            i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = *cs.get(i)?;
            if c == ']' && !first {
                return Some((
                    GlobTok::Class {
                        negated,
                        ranges: ranges.into_boxed_slice(),
                    },
                    i + 1,
                ));
            }
            first = false;
            let lo = if c == '\\' {
                i += 1;
                *cs.get(i)?
            } else {
                c
            };
            if cs.get(i + 1) == Some(&'-') && cs.get(i + 2).is_some_and(|c| *c != ']') {
                let hi = cs[i + 2];
                ranges.push((f(lo), f(hi)));
                i += 3;
            } else {
                ranges.push((f(lo), f(lo)));
                i += 1;
            }
        }
    }

    fn tok_matches(&self, t: &GlobTok, c: char) -> bool {
        let c = if self.fold { c.to_ascii_lowercase() } else { c };
        match t {
            GlobTok::Lit(l) => *l == c,
            GlobTok::Any => true,
            GlobTok::Star => false,
            GlobTok::Class { negated, ranges } => {
                ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi) != *negated
            }
        }
    }

    /// Iterative matching with single-star backtracking: linear in
    /// practice, no allocation.
    fn matches(&self, s: &str) -> bool {
        let toks = &self.toks;
        let (mut ti, mut si) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        loop {
            let c = s[si..].chars().next();
            match (toks.get(ti), c) {
                (Some(GlobTok::Star), _) => {
                    star = Some((ti, si));
                    ti += 1;
                    continue;
                }
                (Some(t), Some(ch)) if self.tok_matches(t, ch) => {
                    ti += 1;
                    si += ch.len_utf8();
                    continue;
                }
                (None, None) => return true,
                _ => {}
            }
            match star {
                Some((st, ss)) => match s[ss..].chars().next() {
                    Some(ch) => {
                        let next = ss + ch.len_utf8();
                        star = Some((st, next));
                        ti = st + 1;
                        si = next;
                    }
                    None => return false,
                },
                None => return false,
            }
        }
    }
}

/// Compiles an expanded condition. Macro references or list names left in
/// the tree are reported as errors (the loader substitutes them first).
pub fn compile(expr: &Expr) -> CResult<Filter> {
    compile_with(expr, catalog::syscall())
}

/// Compiles an expanded condition against the fields of `cat`.
pub fn compile_with(expr: &Expr, cat: &dyn Catalog) -> CResult<Filter> {
    Ok(Filter {
        root: compile_node(expr, cat)?,
    })
}

fn compile_node(e: &Expr, cat: &dyn Catalog) -> CResult<Node> {
    let sub = |c: &Expr| compile_node(c, cat);
    Ok(match &e.kind {
        ExprKind::And(c) => Node::And(c.iter().map(sub).collect::<CResult<_>>()?),
        ExprKind::Or(c) => Node::Or(c.iter().map(sub).collect::<CResult<_>>()?),
        ExprKind::Not(c) => Node::Not(Box::new(sub(c)?)),
        ExprKind::Macro(name) => return Err(error(format!("undefined macro '{name}'"), e.span)),
        ExprKind::Exists(lhs) => {
            let (field, info) = resolve_field(lhs, cat)?;
            Node::Check(Check {
                field,
                evt_type: info.name == "evt.type",
                test: Test::Exists,
            })
        }
        ExprKind::Compare(c) => {
            let Compare {
                lhs,
                op,
                modifier,
                rhs,
            } = &**c;
            let (field, info) = resolve_field(lhs, cat)?;
            if let Some(m) = modifier {
                return Err(unsupported(
                    format_args!("operator modifier '{}' is", m.as_str()),
                    e.span,
                ));
            }
            Node::Check(Check {
                field,
                evt_type: info.name == "evt.type",
                test: compile_test(info, *op, rhs, e.span)?,
            })
        }
    })
}

fn resolve_field<'c>(
    op: &Operand,
    cat: &'c dyn Catalog,
) -> CResult<(FieldRef, &'c crate::engine::field::FieldInfo)> {
    let f = match op {
        Operand::Field(f) => f,
        Operand::Transformer(t) => {
            return Err(unsupported(
                format_args!("field transformer '{}' is", t.kind.name()),
                t.span,
            ))
        }
    };
    let field = cat
        .resolve(&f.name, f.arg.as_deref())
        .map_err(|m| error(m, f.span))?;
    let info = cat.info(field.id);
    Ok((field, info))
}

fn op_allowed(ty: FieldType, op: BinOp) -> bool {
    use BinOp::*;
    match ty {
        FieldType::Str => !matches!(op, BContains | BStartsWith),
        FieldType::Int => matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge | In | Intersects),
        FieldType::Bool | FieldType::Ip | FieldType::Net => {
            matches!(op, Eq | EqEq | Ne | In | Intersects)
        }
        FieldType::Bytes => matches!(
            op,
            Eq | EqEq
                | Ne
                | Contains
                | In
                | StartsWith
                | EndsWith
                | Intersects
                | BContains
                | BStartsWith
        ),
        FieldType::Double => matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge | In | Intersects),
    }
}

fn parse_int(field: &str, l: &Literal) -> CResult<i64> {
    let t = l.text.strip_prefix('+').unwrap_or(&l.text);
    t.parse::<i64>().map_err(|_| {
        error(
            format!("'{}' is not a valid integer for field '{field}'", l.text),
            l.span,
        )
    })
}

fn parse_bool(field: &str, l: &Literal) -> CResult<bool> {
    match l.text.as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(error(
            format!(
                "'{}' is not a valid boolean for field '{field}' (expected true or false)",
                l.text
            ),
            l.span,
        )),
    }
}

fn compile_test(
    info: &crate::engine::field::FieldInfo,
    op: BinOp,
    rhs: &Rhs,
    span: Span,
) -> CResult<Test> {
    let (ty, field) = (info.ty, info.name);
    if matches!(op, BinOp::Regex | BinOp::PMatch) {
        return Err(unsupported(format_args!("operator '{op}' is"), span));
    }
    if !op_allowed(ty, op) {
        return Err(error(
            format!(
                "operator '{op}' cannot be used with field '{field}' of type {}",
                ty.name()
            ),
            span,
        ));
    }
    let items: &[Literal] = match rhs {
        Rhs::Operand(o) => {
            return Err(unsupported(
                "comparing with another field or a transformer (val(), tolower(), ...) is",
                o.span(),
            ))
        }
        Rhs::ListRef(l) => return Err(error(format!("undefined list '{}'", l.text), l.span)),
        Rhs::List(items, lspan) => {
            if !op.is_list_op() {
                return Err(error(
                    format!("operator '{op}' takes a single value, not a list"),
                    *lspan,
                ));
            }
            items
        }
        Rhs::Value(v) => {
            if op.is_list_op() {
                return Err(error(format!("operator '{op}' takes a list"), v.span));
            }
            std::slice::from_ref(v)
        }
    };
    let cmp = match op {
        BinOp::Lt => Some(Cmp::Lt),
        BinOp::Le => Some(Cmp::Le),
        BinOp::Gt => Some(Cmp::Gt),
        BinOp::Ge => Some(Cmp::Ge),
        _ => None,
    };
    Ok(match ty {
        FieldType::Str => {
            if op.is_list_op() {
                let v: Vec<Box<str>> = items.iter().map(|l| l.text.as_str().into()).collect();
                return Ok(Test::Str(StrTest::In(StrSet::new(v))));
            }
            let x: Box<str> = items[0].text.as_str().into();
            Test::Str(match op {
                BinOp::Eq | BinOp::EqEq => StrTest::Eq(x),
                BinOp::Ne => StrTest::Ne(x),
                BinOp::Contains => StrTest::Contains(x),
                BinOp::IContains => StrTest::IContains(x.to_ascii_lowercase().into()),
                BinOp::StartsWith => StrTest::StartsWith(x),
                BinOp::EndsWith => StrTest::EndsWith(x),
                BinOp::Glob => StrTest::Glob(Glob::new(&x, false)),
                BinOp::IGlob => StrTest::Glob(Glob::new(&x, true)),
                _ => match cmp {
                    Some(c) => StrTest::Cmp(c, x),
                    None => return Err(unsupported(format_args!("operator '{op}' is"), span)),
                },
            })
        }
        FieldType::Int => {
            if op.is_list_op() {
                let v = items
                    .iter()
                    .map(|l| parse_int(field, l))
                    .collect::<CResult<Vec<_>>>()?;
                return Ok(Test::Int(IntTest::In(IntSet::new(v))));
            }
            let x = parse_int(field, &items[0])?;
            Test::Int(match (op, cmp) {
                (BinOp::Ne, _) => IntTest::Ne(x),
                (_, Some(c)) => IntTest::Cmp(c, x),
                _ => IntTest::Eq(x),
            })
        }
        FieldType::Bool => {
            if op.is_list_op() {
                let mut ok = [false; 2];
                for l in items {
                    ok[usize::from(parse_bool(field, l)?)] = true;
                }
                return Ok(Test::Bool(BoolTest::In(ok)));
            }
            let x = parse_bool(field, &items[0])?;
            Test::Bool(if op == BinOp::Ne {
                BoolTest::Ne(x)
            } else {
                BoolTest::Eq(x)
            })
        }
        other => {
            return Err(unsupported(
                format_args!("fields of type {}", other.name()),
                span,
            ))
        }
    })
}

/// A set of event types: a finite set, or everything but a finite set.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TypeSet<'a> {
    Only(BTreeSet<&'a str>),
    AllBut(BTreeSet<&'a str>),
}

impl<'a> TypeSet<'a> {
    fn all() -> Self {
        TypeSet::AllBut(BTreeSet::new())
    }

    fn and(self, o: Self) -> Self {
        use TypeSet::*;
        match (self, o) {
            (Only(a), Only(b)) => Only(a.intersection(&b).copied().collect()),
            (Only(a), AllBut(b)) | (AllBut(b), Only(a)) => {
                Only(a.difference(&b).copied().collect())
            }
            (AllBut(a), AllBut(b)) => AllBut(a.union(&b).copied().collect()),
        }
    }

    fn or(self, o: Self) -> Self {
        use TypeSet::*;
        match (self, o) {
            (Only(a), Only(b)) => Only(a.union(&b).copied().collect()),
            (Only(a), AllBut(b)) | (AllBut(b), Only(a)) => {
                AllBut(b.difference(&a).copied().collect())
            }
            (AllBut(a), AllBut(b)) => AllBut(a.intersection(&b).copied().collect()),
        }
    }
}

impl Node {
    /// (types where this node can be true, types where it can be false).
    fn types(&self) -> (TypeSet<'_>, TypeSet<'_>) {
        match self {
            Node::Not(n) => {
                let (t, f) = n.types();
                (f, t)
            }
            Node::And(c) | Node::Or(c) => {
                let and = matches!(self, Node::And(_));
                let mut it = c.iter().map(Node::types);
                let first = it.next().unwrap_or((TypeSet::all(), TypeSet::all()));
                it.fold(first, |(t, f), (t2, f2)| {
                    if and {
                        (t.and(t2), f.or(f2))
                    } else {
                        (t.or(t2), f.and(f2))
                    }
                })
            }
            Node::Check(Check {
                evt_type: true,
                test: Test::Str(t),
                ..
            }) => match t {
                StrTest::Eq(x) => {
                    let s = BTreeSet::from([&**x]);
                    (TypeSet::Only(s.clone()), TypeSet::AllBut(s))
                }
                StrTest::Ne(x) => {
                    let s = BTreeSet::from([&**x]);
                    (TypeSet::AllBut(s.clone()), TypeSet::Only(s))
                }
                StrTest::In(items) => {
                    let s: BTreeSet<&str> = items.iter().collect();
                    (TypeSet::Only(s.clone()), TypeSet::AllBut(s))
                }
                _ => (TypeSet::all(), TypeSet::all()),
            },
            Node::Check(_) => (TypeSet::all(), TypeSet::all()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;
    use std::borrow::Cow;
    use std::collections::HashMap;

    use crate::engine::catalog::Field;

    struct Src(HashMap<Field, Value<'static>>);

    impl FieldSource for Src {
        fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
            self.0.get(&Field::from_id(f.id)?).cloned()
        }
    }

    fn src() -> Src {
        Src(HashMap::from([
            (Field::EvtType, Value::Str(Cow::Borrowed("openat"))),
            (Field::ProcName, Value::Str(Cow::Borrowed("Cat"))),
            (Field::FdName, Value::Str(Cow::Borrowed("/etc/shadow"))),
            (Field::FdNum, Value::Int(3)),
            (Field::EvtIsOpenRead, Value::Bool(true)),
        ]))
    }

    fn eval(c: &str) -> bool {
        let f = compile(&parse(c, 0).unwrap()).unwrap_or_else(|e| panic!("{c}: {e}"));
        f.eval(&src())
    }

    fn cerr(c: &str) -> CompileError {
        compile(&parse(c, 0).unwrap()).expect_err(c)
    }

    fn types(c: &str) -> Option<Vec<String>> {
        let f = compile(&parse(c, 0).unwrap()).unwrap();
        f.event_types().map(|s| s.into_iter().collect())
    }

    #[test]
    fn operators() {
        assert!(eval("fd.name = /etc/shadow"));
        assert!(eval("fd.name != /etc/passwd"));
        assert!(eval("fd.name startswith /etc/ and fd.name endswith dow"));
        assert!(eval("fd.name contains sha"));
        assert!(eval("proc.name icontains CA and not proc.name contains ca"));
        assert!(eval("fd.num >= 0 and fd.num < 4 and fd.num in (1, 2, 3)"));
        assert!(eval("fd.num > -1 and not fd.num <= 2 and fd.num != 4"));
        assert!(eval(
            "evt.is_open_read = true and evt.is_open_read != false"
        ));
        assert!(eval("evt.is_open_read in (true)"));
        assert!(eval(
            "fd.name in (a, b, c, d, e, f, g, h, i, j, /etc/shadow)"
        ));
        assert!(eval("fd.name intersects (/etc/shadow)"));
        assert!(eval(
            "fd.name glob '/etc/*ad?w' and fd.name glob '/[a-f]tc/[!x]*'"
        ));
        assert!(!eval("fd.name glob '/etc/*x'"));
        assert!(eval("proc.name iglob 'c*T'"));
        // Strings compare in byte order; the parser only takes numbers here.
        assert!(eval(
            "proc.name > 1 and proc.name > 99 and not proc.name <= 1.5"
        ));
        assert!(eval("fd.name exists and not fd.directory exists"));
    }

    #[test]
    fn missing_values_are_false_for_every_operator() {
        for c in [
            "fd.directory = x",
            "fd.directory != x",
            "fd.directory contains x",
            "fd.directory in (x)",
            "user.uid != 0",
            "user.uid < 0",
            "evt.is_open_write != true",
        ] {
            assert!(!eval(c), "{c}");
            assert!(eval(&format!("not {c}")), "not {c}");
        }
    }

    #[test]
    fn compile_errors() {
        let e = cerr("evt.type = open and proc.nme = x");
        assert_eq!(
            (e.message.as_str(), e.span.start, e.span.end),
            ("unknown field 'proc.nme'", 20, 28)
        );
        assert_eq!(cerr("fd.num = abc").span.start, 9);
        assert!(cerr("fd.num contains 1").message.contains("cannot be used"));
        assert!(cerr("evt.is_open_read = yes").message.contains("boolean"));
        assert!(cerr("proc.name[1] = x").message.contains("argument"));
        assert!(cerr("proc.name regex x").unsupported);
        assert!(cerr("tolower(proc.name) = x").unsupported);
        assert!(cerr("proc.name = oneof (a)").unsupported);
        assert!(cerr("proc.name bcontains 00")
            .message
            .contains("cannot be used"));
        assert_eq!(cerr("some_macro").message, "undefined macro 'some_macro'");
    }

    #[test]
    fn event_type_sets() {
        let v = |s: &[&str]| Some(s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(types("evt.type = open"), v(&["open"]));
        assert_eq!(
            types("evt.type in (open, openat) and proc.name = x"),
            v(&["open", "openat"])
        );
        assert_eq!(types("not evt.type != openat"), v(&["openat"]));
        assert_eq!(
            types("evt.type = open or evt.type = execve"),
            v(&["execve", "open"])
        );
        assert_eq!(
            types("evt.type in (open, openat) and not evt.type = open"),
            v(&["openat"])
        );
        assert_eq!(types("evt.type = open and evt.type = execve"), v(&[]));
        assert_eq!(types("proc.name = x"), None);
        assert_eq!(types("evt.type = open or proc.name = x"), None);
        assert_eq!(types("evt.type != open"), None);
        assert_eq!(types("not (evt.type = open and proc.name = x)"), None);
        assert_eq!(
            types("not (evt.type != open or proc.name = x)"),
            v(&["open"])
        );
    }

    #[test]
    fn glob_edge_cases() {
        let g = |p: &str, s: &str| Glob::new(p, false).matches(s);
        assert!(g("*", ""));
        assert!(g("a*b*c", "aXXbYYbc"));
        assert!(!g("a*b*c", "aXXbYYb"));
        assert!(g("[", "["));
        assert!(g("[]x]", "]"));
        assert!(g("\\*", "*"));
        assert!(!g("\\*", "a"));
        assert!(g("/usr/*/bin", "/usr/local/x/bin"));
        assert!(g("é?", "éü"));
    }
}
