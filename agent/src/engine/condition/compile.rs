//! From an expanded syntax tree (macros and lists already substituted) to
//! an evaluable [`Filter`].
//!
//! Owns: the tree of checks, type checking of each check (operator vs
//! field type, list fields, modifiers, right-hand-side fields), the
//! `evt.type` name check, collecting compiler hints, and evaluation with
//! Falco's semantics: a field without a value makes every comparison
//! false, `!=` included (`exists` tests presence); a list value (an
//! ancestor field without index, a list field) matches when one element
//! does, except `in` on a list field (`fd.types in (...)`), which needs
//! every element in the set, as libsinsp.
//! Must never: fail while evaluating, or allocate for checks on plain
//! fields. Every error is found here, at load time.

use super::ast::{BinOp, Compare, Expr, ExprKind, Literal, Modifier, Rhs, Span};
use super::dynamic;
use super::evttypes::{event_type_set, is_known_event_type, TypeSet};
use super::memo::{Memo, MemoSlots, NO_MEMO};
use super::program::Program;
use super::test::{build, op_allowed, Scalar};
use super::transform::{compile_operand, Lhs, OpInfo};
use super::warn::{field_lookalike, regex_hint, CompileWarning};
use crate::engine::catalog;
use crate::engine::field::{Catalog, FieldFlags, FieldSource, FieldType, Value};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

/// A compile error: what and where (a span in the expanded tree, which the
/// rules loader maps back to a file position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    pub span: Span,
    /// True for valid Falco that lanner does not implement.
    pub unsupported: bool,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

pub(super) type CResult<T> = Result<T, CompileError>;

pub(super) fn error(message: impl Into<String>, span: Span) -> CompileError {
    CompileError {
        message: message.into(),
        span,
        unsupported: false,
    }
}

#[derive(Debug, Clone)]
enum Test {
    Exists,
    One(Scalar),
    /// `op oneof|anyof|allof (a, b)`: one test per element.
    Modified(Modifier, Box<[Scalar]>),
    /// The right-hand side is computed per event (`val()`, transformers).
    Dynamic(BinOp, Lhs),
}

#[derive(Debug, Clone)]
pub(super) struct Check {
    lhs: Lhs,
    test: Test,
    /// `in` on a list field: every element must be in the set.
    every: bool,
    /// A constant test on plain `evt.type`: [`Filter::specialize`] folds it.
    evt_type: bool,
    /// The check's canonical text (what makes two checks the same).
    key: Option<Arc<str>>,
    /// Its slot in a per-event [`Memo`] ([`NO_MEMO`]: evaluated every time).
    pub(super) memo: u16,
}

#[derive(Debug, Clone)]
pub(super) enum Node {
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Not(Box<Node>),
    Check(Check),
    /// A check folded to its result by [`Filter::specialize`].
    Const(bool),
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub struct Filter {
    root: Node,
    /// `root` as a jump program, what evaluation runs; rebuilt whenever
    /// `root` changes.
    program: Program,
    types: TypeSet,
    warnings: Vec<CompileWarning>,
}

impl Filter {
    fn new(root: Node, types: TypeSet, warnings: Vec<CompileWarning>) -> Filter {
        Filter {
            program: Program::build(&root),
            root,
            types,
            warnings,
        }
    }

    /// The condition tree (what the program was built from).
    #[cfg(test)]
    pub(super) fn root(&self) -> &Node {
        &self.root
    }

    /// Evaluates the condition for one event. Never fails; allocates only
    /// for transformers and `val()`.
    pub fn eval(&self, src: &dyn FieldSource) -> bool {
        self.program.eval(src, &mut Memo::new())
    }

    /// [`Filter::eval`] sharing check results with the other filters
    /// evaluated on the same event: `memo` must be new for each event, and
    /// the slots must come from one [`MemoSlots`] for all those filters
    /// ([`Filter::assign_memo`]).
    pub fn eval_memo(&self, src: &dyn FieldSource, memo: &mut Memo) -> bool {
        self.program.eval(src, memo)
    }

    /// Numbers this filter's checks in `slots`, so that checks with the
    /// same canonical text share one result per event.
    pub fn assign_memo(&mut self, slots: &mut MemoSlots) {
        self.root.assign_memo(slots);
        self.program = Program::build(&self.root);
    }

    /// The event types (`evt.type` values) this condition can match;
    /// `None` when it is not restricted to a finite set.
    pub fn event_types(&self) -> Option<BTreeSet<String>> {
        self.types.finite().cloned()
    }

    /// The exact set of event types this condition can match, complements
    /// included ("every type but openat").
    pub fn event_type_set(&self) -> &TypeSet {
        &self.types
    }

    /// True when the condition can never hold (e.g. a [`Filter::specialize`]d
    /// filter whose `evt.type` checks all failed).
    pub fn is_const_false(&self) -> bool {
        matches!(self.root, Node::Const(false))
    }

    /// Compiler hints (Falco's `LOAD_COMPILE_CONDITION` warnings).
    pub fn warnings(&self) -> &[CompileWarning] {
        &self.warnings
    }

    /// This filter for events of type `evt_type` only: every constant
    /// check on `evt.type` is replaced by its result and the boolean
    /// structure simplified, so a ruleset indexed by event type can skip
    /// re-testing the type it already dispatched on. Evaluating the result
    /// on an event of that type gives the same answer as the original.
    pub fn specialize(&self, evt_type: &str) -> Filter {
        Filter::new(
            self.root.fold(evt_type),
            self.types.clone(),
            self.warnings.clone(),
        )
    }
}

impl Node {
    fn assign_memo(&mut self, slots: &mut MemoSlots) {
        match self {
            Node::And(c) | Node::Or(c) => c.iter_mut().for_each(|n| n.assign_memo(slots)),
            Node::Not(n) => n.assign_memo(slots),
            Node::Check(c) => {
                if let Some(k) = &c.key {
                    c.memo = slots.slot(k);
                }
            }
            Node::Const(_) => {}
        }
    }

    fn fold(&self, t: &str) -> Node {
        let fold_all = |c: &[Node], and: bool| {
            let mut kept = Vec::new();
            for n in c.iter().map(|n| n.fold(t)) {
                match n {
                    // `and` with false / `or` with true decides the node.
                    Node::Const(b) if b != and => return Node::Const(b),
                    Node::Const(_) => {}
                    n => kept.push(n),
                }
            }
            match kept.len() {
                0 => Node::Const(and),
                1 => kept.pop().unwrap_or(Node::Const(and)),
                _ if and => Node::And(kept.into()),
                _ => Node::Or(kept.into()),
            }
        };
        match self {
            Node::And(c) => fold_all(c, true),
            Node::Or(c) => fold_all(c, false),
            Node::Not(n) => match n.fold(t) {
                Node::Const(b) => Node::Const(!b),
                n => Node::Not(Box::new(n)),
            },
            Node::Check(c) if c.evt_type => {
                Node::Const(c.holds(&Value::Str(Cow::Borrowed(t)), None))
            }
            n => n.clone(),
        }
    }
}

/// `f` on a value: on each element of a list (all of them when `every`,
/// else any), on the value itself otherwise.
#[inline]
fn each(v: &Value, every: bool, f: impl Fn(&Value) -> bool) -> bool {
    match v {
        Value::List(items) if every => items.iter().all(f),
        Value::List(items) => items.iter().any(f),
        v => f(v),
    }
}

/// Drops `v`, skipping the out-of-line drop glue for the values checks
/// see most (borrowed strings, numbers), which own nothing.
#[inline]
fn release(v: Value) {
    match v {
        Value::Str(Cow::Borrowed(_))
        | Value::Bytes(Cow::Borrowed(_))
        | Value::Int(_)
        | Value::Bool(_)
        | Value::Ip(_)
        | Value::Double(_) => std::mem::forget(v),
        v => drop(v),
    }
}

impl Check {
    /// The check with its canonical text `e` as its memo key.
    fn keyed(mut self, e: &Expr) -> Check {
        self.key = Some(e.to_string().into());
        self
    }

    #[inline]
    pub(super) fn eval(&self, src: &dyn FieldSource) -> bool {
        match self.lhs.eval(src) {
            Some(v) => {
                let r = self.holds(&v, Some(src));
                release(v);
                r
            }
            // Falco: no value, no match, whatever the operator.
            None => false,
        }
    }

    /// The test on the left-hand side's value `v` (`src` for a right-hand
    /// side computed per event; without it such a test fails).
    #[inline]
    fn holds(&self, v: &Value, src: Option<&dyn FieldSource>) -> bool {
        // The common case first, without the frame the other tests need:
        // one test on a scalar value (`each` would apply it to `v` itself).
        match (&self.test, v) {
            (Test::One(t), v) if !matches!(v, Value::List(_)) => t.holds(v),
            _ => self.holds_other(v, src),
        }
    }

    #[inline(never)]
    fn holds_other(&self, v: &Value, src: Option<&dyn FieldSource>) -> bool {
        match &self.test {
            Test::Exists => true,
            Test::One(t) => each(v, self.every, |x| t.holds(x)),
            Test::Modified(m, tests) => each(v, false, |x| {
                let mut n = tests.iter().filter(|t| t.holds(x));
                match m {
                    Modifier::AnyOf => n.next().is_some(),
                    Modifier::OneOf => n.next().is_some() && n.next().is_none(),
                    Modifier::AllOf => n.count() == tests.len(),
                }
            }),
            Test::Dynamic(op, rhs) => match src.and_then(|s| rhs.eval(s)) {
                Some(r) => each(v, self.every, |x| dynamic::holds(*op, x, &r)),
                None => false,
            },
        }
    }
}

/// Compiles an expanded condition against the syscall fields. Macro
/// references or list names left in the tree are errors (the loader
/// substitutes them first).
pub fn compile(expr: &Expr) -> CResult<Filter> {
    compile_with(expr, catalog::syscall())
}

/// Compiles an expanded condition against the fields of `cat`.
pub fn compile_with(expr: &Expr, cat: &dyn Catalog) -> CResult<Filter> {
    let mut warnings = Vec::new();
    let root = compile_node(expr, cat, &mut warnings)?;
    Ok(Filter::new(root, event_type_set(expr), warnings))
}

fn compile_node(e: &Expr, cat: &dyn Catalog, w: &mut Vec<CompileWarning>) -> CResult<Node> {
    let mut all = |c: &[Expr]| -> CResult<Box<[Node]>> {
        c.iter().map(|x| compile_node(x, cat, w)).collect()
    };
    Ok(match &e.kind {
        ExprKind::And(c) => Node::And(all(c)?),
        ExprKind::Or(c) => Node::Or(all(c)?),
        ExprKind::Not(c) => Node::Not(Box::new(compile_node(c, cat, w)?)),
        ExprKind::Macro(name) => return Err(error(format!("undefined macro '{name}'"), e.span)),
        ExprKind::Exists(lhs) => Node::Check(
            Check {
                lhs: compile_operand(lhs, cat, false)?.0,
                test: Test::Exists,
                every: false,
                evt_type: false,
                key: None,
                memo: NO_MEMO,
            }
            .keyed(e),
        ),
        ExprKind::Compare(c) => Node::Check(compile_compare(c, e.span, cat, w)?.keyed(e)),
    })
}

fn compile_compare(
    c: &Compare,
    span: Span,
    cat: &dyn Catalog,
    w: &mut Vec<CompileWarning>,
) -> CResult<Check> {
    let Compare {
        lhs,
        op,
        modifier,
        rhs,
    } = c;
    let op = *op;
    let (lhs, info) = compile_operand(lhs, cat, false)?;
    let is_list = info.flags.has(FieldFlags::IS_LIST);
    let allowed = if is_list {
        matches!(op, BinOp::In | BinOp::Intersects)
    } else {
        op_allowed(info.ty, op)
    };
    if !allowed {
        return Err(error(
            format!(
                "operator '{op}' cannot be used with field '{}' of type {}{}",
                info.name,
                info.ty.name(),
                if is_list { " (a list)" } else { "" }
            ),
            span,
        ));
    }
    let every = is_list && op == BinOp::In && modifier.is_none();
    let (items, lspan): (&[Literal], Span) = match rhs {
        Rhs::ListRef(l) => return Err(error(format!("undefined list '{}'", l.text), l.span)),
        Rhs::Operand(o) => {
            let test = compile_dynamic(op, *modifier, &info, o, cat, span)?;
            return Ok(Check {
                lhs,
                test,
                every,
                evt_type: false,
                key: None,
                memo: NO_MEMO,
            });
        }
        Rhs::List(items, lspan) => (items, *lspan),
        Rhs::Value(v) => (std::slice::from_ref(v), v.span),
    };
    let is_list_rhs = matches!(rhs, Rhs::List(..));
    if modifier.is_none() && is_list_rhs != op.is_list_op() {
        return Err(error(
            if is_list_rhs {
                format!("operator '{op}' takes a single value, not a list")
            } else {
                format!("operator '{op}' takes a list")
            },
            lspan,
        ));
    }
    if let Some(m) = modifier {
        if !is_list_rhs || op.is_list_op() {
            return Err(error(
                format!(
                    "modifier '{}' needs a single-value operator and a list",
                    m.as_str()
                ),
                span,
            ));
        }
    }
    if info.plain
        && info.name == "evt.type"
        && matches!(
            op,
            BinOp::Eq | BinOp::EqEq | BinOp::Ne | BinOp::In | BinOp::Intersects
        )
    {
        if let Some(l) = items.iter().find(|l| !is_known_event_type(&l.text)) {
            return Err(error(format!("unknown event type {}", l.text), l.span));
        }
    }
    for l in items {
        if op == BinOp::Regex {
            w.extend(regex_hint(l));
        }
        // Single values only: list items are names, not meant as fields.
        if info.ty == FieldType::Str && !is_list_rhs {
            w.extend(field_lookalike(l, cat));
        }
    }
    let texts: Vec<&str> = items.iter().map(|l| l.text.as_str()).collect();
    let bad = |b: super::test::BadValue| {
        let at = items.get(b.item).map_or(lspan, |l| l.span);
        error(format!("{} for field '{}'", b.message, info.name), at)
    };
    let test = match modifier {
        Some(m) => Test::Modified(
            *m,
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    build(info.ty, op, std::slice::from_ref(t)).map_err(|mut b| {
                        b.item = i;
                        bad(b)
                    })
                })
                .collect::<CResult<_>>()?,
        ),
        None => Test::One(build(info.ty, op, &texts).map_err(bad)?),
    };
    Ok(Check {
        lhs,
        test,
        every,
        evt_type: info.plain && info.name == "evt.type",
        key: None,
        memo: NO_MEMO,
    })
}

fn compile_dynamic(
    op: BinOp,
    modifier: Option<Modifier>,
    info: &OpInfo,
    o: &super::ast::Operand,
    cat: &dyn Catalog,
    span: Span,
) -> CResult<Test> {
    if modifier.is_some() || matches!(op, BinOp::Regex | BinOp::PMatch) || info.ty == FieldType::Net
    {
        return Err(error(
            format!(
                "operator '{op}' on field '{}' cannot take a field or transformer on the \
                 right-hand side",
                info.name
            ),
            span,
        ));
    }
    let (r, rinfo) = compile_operand(o, cat, true)?;
    let numeric = |t: FieldType| matches!(t, FieldType::Int | FieldType::Double);
    if rinfo.ty != info.ty && !(numeric(rinfo.ty) && numeric(info.ty)) {
        return Err(error(
            format!(
                "cannot compare field '{}' of type {} with '{}' of type {}",
                info.name,
                info.ty.name(),
                rinfo.name,
                rinfo.ty.name()
            ),
            o.span(),
        ));
    }
    Ok(Test::Dynamic(op, r))
}
