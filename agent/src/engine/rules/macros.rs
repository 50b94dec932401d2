//! Macros, Falco's way: substitution on the syntax tree.
//!
//! A bare identifier in boolean position is a macro reference; it is
//! replaced by a clone of the macro's tree, itself resolved recursively.
//! Which macros are visible is decided by the caller (a macro sees the
//! macros first defined before its own last (re)definition, a rule sees
//! all). A macro met again on its own expansion path is a reference loop.
//!
//! Owns: [`Resolver`] (substitution, loop detection, the list of macros
//! used) and the walk that finds deprecated fields in a resolved tree.
//! Must never: recurse without bound: expansion depth and size are capped.

use crate::engine::condition::ast::{Expr, ExprKind, Operand, Rhs, Span, TransformerArg};

/// Caps on one expanded condition: nesting and node count (evaluation and
/// printing recurse over the tree).
pub const MAX_EXPANDED_DEPTH: usize = 500;
pub const MAX_EXPANDED_NODES: usize = 200_000;

/// What went wrong resolving one condition.
#[derive(Debug, Clone)]
pub enum ResolveError {
    /// A reference loop or an oversized expansion (reported first).
    Error(String, Span),
    /// An identifier that names no visible macro.
    Unknown(String, Span),
}

/// Resolves macro references against `lookup`.
pub struct Resolver<'a> {
    lookup: &'a dyn Fn(&str) -> Option<&'a Expr>,
    path: Vec<String>,
    errors: Vec<(String, Span)>,
    unknown: Vec<(String, Span)>,
    /// Names of the macros substituted (for unused-macro warnings).
    pub resolved: Vec<String>,
    nodes: usize,
}

impl<'a> Resolver<'a> {
    pub fn new(lookup: &'a dyn Fn(&str) -> Option<&'a Expr>) -> Resolver<'a> {
        Resolver {
            lookup,
            path: Vec::new(),
            errors: Vec::new(),
            unknown: Vec::new(),
            resolved: Vec::new(),
            nodes: 0,
        }
    }

    /// Substitutes every reference in `e`; the first error, else the first
    /// unknown macro, is returned.
    pub fn run(&mut self, e: &mut Expr) -> Result<(), ResolveError> {
        self.visit(e, 0);
        if let Some((m, s)) = self.errors.first() {
            return Err(ResolveError::Error(m.clone(), *s));
        }
        if let Some((m, s)) = self.unknown.first() {
            return Err(ResolveError::Unknown(m.clone(), *s));
        }
        Ok(())
    }

    fn visit(&mut self, e: &mut Expr, depth: usize) {
        self.nodes += 1;
        if depth >= MAX_EXPANDED_DEPTH || self.nodes > MAX_EXPANDED_NODES {
            if self.errors.is_empty() {
                self.errors.push((
                    format!("condition too large after macro expansion (limits: depth {MAX_EXPANDED_DEPTH}, {MAX_EXPANDED_NODES} nodes)"),
                    e.span,
                ));
            }
            return;
        }
        match &mut e.kind {
            ExprKind::And(c) | ExprKind::Or(c) => {
                c.iter_mut().for_each(|c| self.visit(c, depth + 1))
            }
            ExprKind::Not(c) => self.visit(c, depth + 1),
            ExprKind::Macro(name) => {
                let name = name.clone();
                let Some(body) = (self.lookup)(&name) else {
                    self.unknown.push((name, e.span));
                    return;
                };
                if self.path.contains(&name) {
                    self.errors
                        .push((format!("reference loop in macro '{name}'"), e.span));
                    self.unknown.push((name, e.span));
                    return;
                }
                let mut new = body.clone();
                self.path.push(name.clone());
                self.visit(&mut new, depth + 1);
                self.path.pop();
                self.resolved.push(name);
                *e = new;
            }
            ExprKind::Exists(_) | ExprKind::Compare(_) => {}
        }
    }
}

/// Calls `f` with every field name of a resolved tree, with whether it is
/// compared for equality with `"<NA>"`.
pub fn for_each_field(e: &Expr, f: &mut dyn FnMut(&str, bool)) {
    fn operand(o: &Operand, na: bool, f: &mut dyn FnMut(&str, bool)) {
        match o {
            Operand::Field(r) => f(&r.name, na),
            Operand::Transformer(t) => t.args.iter().for_each(|a| arg(a, f)),
        }
    }
    fn arg(a: &TransformerArg, f: &mut dyn FnMut(&str, bool)) {
        match a {
            TransformerArg::Operand(o) => operand(o, false, f),
            TransformerArg::Value(_) => {}
            TransformerArg::List(l, _) => l.iter().for_each(|a| arg(a, f)),
        }
    }
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::And(c) | ExprKind::Or(c) => stack.extend(c.iter()),
            ExprKind::Not(c) => stack.push(c),
            ExprKind::Macro(_) => {}
            ExprKind::Exists(o) => operand(o, false, f),
            ExprKind::Compare(c) => {
                let eq = matches!(
                    c.op.as_str(),
                    "=" | "==" | "!=" | "in" | "intersects" | "pmatch"
                );
                let na = eq
                    && match &c.rhs {
                        Rhs::Value(l) => l.text == "<NA>",
                        Rhs::List(items, _) => items.iter().any(|l| l.text == "<NA>"),
                        _ => false,
                    };
                operand(&c.lhs, na, f);
                if let Rhs::Operand(o) = &c.rhs {
                    operand(o, false, f);
                }
            }
        }
    }
}
