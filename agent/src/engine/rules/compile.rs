//! Compiling the whole collection, as Falco does after each file: lists
//! (list-in-list), macros (lists substituted, parsed, macros resolved with
//! visibility), then each rule (exceptions appended as text, lists
//! substituted, parsed, macros resolved, compiled; output compiled), with
//! Falco's warnings (unused macros and lists, deprecated fields,
//! `%container.info`, too many event types, unknown filters skipped, the
//! condition compiler's hints as `LOAD_COMPILE_CONDITION`).
//!
//! Owns: the collection -> compiled rules step and its diagnostics.
//! Must never: keep going after an error (compilation stops at the
//! first, like Falco), or evaluate events.

use super::collect::{Collector, RuleInfo, SYSCALL_SOURCE};
use super::error::{Ctx, Diag, LoadErrorKind, WarningCode};
use super::exceptions::build_condition;
use super::lists::{
    compile_lists, substitute, CompiledList, Overflow, MAX_CONDITION_BYTES, MAX_SUBSTITUTIONS,
};
use super::macros::{for_each_field, ResolveError, Resolver};
use super::ruleset::Rule;
use super::text::{Derived, Registry};
use crate::engine::condition::ast::{Expr, SrcId};
use crate::engine::condition::{compile, parse, TypeSet};
use crate::engine::format::OutputFormat;
use std::collections::HashSet;

/// Fields Falco reports as deprecated since enter events were dropped.
const DEPRECATED_FIELDS: &[&str] = &[
    "evt.dir",
    "evt.latency",
    "evt.latency.s",
    "evt.latency.ns",
    "evt.latency.human",
    "evt.wait_latency",
];
const EVT_DIR_DESC: &str = "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and 'evt.dir = >' always evaluates to false. The rule expression can be simplified by removing the condition on 'evt.dir'";
const LATENCY_DESC: &str = "field is not available due to the drop of enter events.";
const CONTAINER_INFO: &str = "%container.info";
/// More event types than this warns `LOAD_NO_EVTTYPE`.
const MAX_EVTTYPES: usize = 100;

type CResult<T> = Result<T, Diag>;

/// Errors that `skip-if-unknown-filter` turns into a warning.
fn is_unknown_filter(msg: &str) -> bool {
    msg.starts_with("unknown field")
        || msg.contains("nonexistent field")
        || msg.contains("unknown event type")
        || msg.contains("invalid formatting token")
        || msg.contains("unknown filter")
}

fn cond_ctx(reg: &Registry, ctx: &Ctx, src: SrcId, off: usize) -> Ctx {
    ctx.with("condition expression", "", reg.locate(src, off))
}

struct Compiler<'a> {
    reg: &'a mut Registry,
    col: &'a Collector,
    warnings: &'a mut Vec<Diag>,
    lists: Vec<CompiledList>,
    macros_used: HashSet<String>,
}

/// Compiles everything collected; the rules in first-definition order.
pub fn compile_all(
    reg: &mut Registry,
    col: &Collector,
    warnings: &mut Vec<Diag>,
) -> CResult<Vec<Rule>> {
    let mut c = Compiler {
        lists: compile_lists(col),
        reg,
        col,
        warnings,
        macros_used: HashSet::new(),
    };
    let macros = c.macros()?;
    let mut rules = Vec::with_capacity(col.rules.defs.len());
    for r in &col.rules.defs {
        if r.unknown_source || r.source != SYSCALL_SOURCE {
            continue;
        }
        if let Some(rule) = c.rule(r, &macros)? {
            rules.push(rule);
        }
    }
    for (m, ast) in col.macros.defs.iter().zip(&macros) {
        if ast.is_some() && !c.macros_used.contains(&m.name) {
            c.warnings.push(Diag::warning(
                WarningCode::UnusedMacro,
                "Macro not referred to by any other rule/macro",
                &m.ctx,
            ));
        }
    }
    for (l, info) in c.lists.iter().zip(&col.lists.defs) {
        if !l.used {
            c.warnings.push(Diag::warning(
                WarningCode::UnusedList,
                "List not referred to by any other rule/macro",
                &info.ctx,
            ));
        }
    }
    Ok(rules)
}

impl Compiler<'_> {
    /// Lists substituted, then parsed; registered for positions.
    fn parse_condition(&mut self, cond: &Derived, ctx: &Ctx) -> CResult<(Expr, SrcId)> {
        let mut text = cond.clone();
        let mut budget = MAX_SUBSTITUTIONS;
        for l in &mut self.lists {
            match substitute(self.reg, &mut text, l, &mut budget) {
                Ok(true) => l.used = true,
                Ok(false) => {}
                Err(over) => {
                    let (at, msg) = match over {
                        Overflow::Bytes(at) => (at, format!(
                            "condition longer than {MAX_CONDITION_BYTES} bytes after substituting list '{}'",
                            l.name
                        )),
                        Overflow::Substitutions(at) => (at, format!(
                            "condition needs more than {MAX_SUBSTITUTIONS} list substitutions (list '{}')",
                            l.name
                        )),
                    };
                    let c = ctx.with("condition expression", "", text.locate(self.reg, at));
                    return Err(Diag::error(LoadErrorKind::CompileCondition, msg, &c));
                }
            }
        }
        let src = self.reg.register(text);
        match parse(self.reg.text(src), src) {
            Ok(e) => Ok((e, src)),
            Err(e) => Err(Diag::error(
                LoadErrorKind::CompileCondition,
                e.to_string(),
                &cond_ctx(self.reg, ctx, src, e.pos),
            )),
        }
    }

    fn resolve_error(&self, e: ResolveError, ctx: &Ctx) -> Diag {
        let (msg, span) = match e {
            ResolveError::Error(m, s) => (m, s),
            ResolveError::Unknown(m, s) => (format!("Undefined macro '{m}' used in filter."), s),
        };
        Diag::error(
            LoadErrorKind::Validate,
            msg,
            &cond_ctx(self.reg, ctx, span.src, span.start),
        )
    }

    /// Each macro parsed, then resolved in first-definition order against
    /// the macros first defined before its last (re)definition.
    fn macros(&mut self) -> CResult<Vec<Option<Expr>>> {
        let col = self.col;
        let mut asts: Vec<Option<Expr>> = Vec::with_capacity(col.macros.defs.len());
        for m in &col.macros.defs {
            asts.push(Some(self.parse_condition(&m.cond, &m.ctx)?.0));
        }
        for (i, m) in col.macros.defs.iter().enumerate() {
            let Some(mut ast) = asts[i].clone() else {
                continue;
            };
            let lookup = |name: &str| -> Option<&Expr> {
                let p = col.macros.position(name)?;
                let d = &col.macros.defs[p];
                (d.index < m.visibility).then(|| asts[p].as_ref()).flatten()
            };
            let mut r = Resolver::new(&lookup);
            let res = r.run(&mut ast);
            let used = std::mem::take(&mut r.resolved);
            drop(r);
            res.map_err(|e| self.resolve_error(e, &m.ctx))?;
            self.macros_used.extend(used);
            asts[i] = Some(ast);
        }
        Ok(asts)
    }

    fn deprecated_field_warnings(&mut self, ast: &Expr, ctx: &Ctx, src: SrcId) {
        let mut found: Vec<&'static str> = Vec::new();
        let mut unsafe_na = false;
        for_each_field(ast, &mut |name, na| {
            if let Some(d) = DEPRECATED_FIELDS.iter().find(|d| **d == name) {
                if !found.contains(d) {
                    found.push(d);
                }
            }
            unsafe_na |= na && (name.starts_with("ka.") || name.starts_with("jevt."));
        });
        let c = cond_ctx(self.reg, ctx, src, 0);
        if unsafe_na {
            self.warnings
                .push(Diag::warning(WarningCode::UnsafeNaCheck, "", &c));
        }
        found.sort_by_key(|d| DEPRECATED_FIELDS.iter().position(|x| x == d));
        for d in found {
            let desc = if d == "evt.dir" {
                EVT_DIR_DESC
            } else {
                LATENCY_DESC
            };
            self.warnings
                .push(Diag::warning(WarningCode::DeprecatedItem, desc, &c));
        }
    }

    /// One rule; `None` when skipped by `skip-if-unknown-filter`.
    fn rule(&mut self, r: &RuleInfo, macros: &[Option<Expr>]) -> CResult<Option<Rule>> {
        let cond = if r.exceptions.is_empty() {
            r.cond.clone()
        } else {
            build_condition(&r.cond, &r.exceptions)?
        };

        // Output: %container.info is deprecated and renders as nothing.
        let mut output = r.output.clone();
        if output.text.contains(CONTAINER_INFO) {
            self.warnings.push(Diag::warning(
                WarningCode::DeprecatedItem,
                "%container.info is deprecated and no more useful, and will be dropped by Falco 1.0.0. The container plugin will automatically add required fields to the output message.",
                &r.ctx,
            ));
            output = remove_all(&output, CONTAINER_INFO);
        }
        let out_src = self.reg.register(output.clone());
        let output_ctx =
            |reg: &Registry, off: usize| r.ctx.with("rule output", "", reg.locate(out_src, off));
        let format = match OutputFormat::parse(&output.text) {
            Ok(f) => f,
            Err(e) if r.skip_if_unknown_filter && is_unknown_filter(&e.message) => {
                let c = output_ctx(self.reg, e.offset);
                self.warnings
                    .push(Diag::warning(WarningCode::UnknownFilter, e.message, &c));
                return Ok(None);
            }
            Err(e) => {
                let kind = if e.unsupported {
                    LoadErrorKind::Unsupported
                } else {
                    LoadErrorKind::CompileOutput
                };
                return Err(Diag::error(
                    kind,
                    e.message,
                    &output_ctx(self.reg, e.offset),
                ));
            }
        };
        for d in DEPRECATED_FIELDS {
            if output.text.contains(d) {
                let c = output_ctx(self.reg, 0);
                self.warnings.push(Diag::warning(
                    WarningCode::DeprecatedItem,
                    format!("usage of deprecated field '{d}' has been detected in the rule output"),
                    &c,
                ));
            }
        }

        // Condition.
        let (mut ast, src) = self.parse_condition(&cond, &r.ctx)?;
        let col = self.col;
        let lookup =
            |name: &str| -> Option<&Expr> { macros.get(col.macros.position(name)?)?.as_ref() };
        let mut res = Resolver::new(&lookup);
        let resolved = res.run(&mut ast);
        let used = std::mem::take(&mut res.resolved);
        drop(res);
        resolved.map_err(|e| self.resolve_error(e, &r.ctx))?;
        self.macros_used.extend(used);
        self.deprecated_field_warnings(&ast, &r.ctx, src);
        let filter = match compile(&ast) {
            Ok(f) => f,
            Err(e) if r.skip_if_unknown_filter && is_unknown_filter(&e.message) => {
                let c = cond_ctx(self.reg, &r.ctx, e.span.src, e.span.start);
                self.warnings
                    .push(Diag::warning(WarningCode::UnknownFilter, e.message, &c));
                return Ok(None);
            }
            Err(e) => {
                let kind = if e.unsupported {
                    LoadErrorKind::Unsupported
                } else {
                    LoadErrorKind::CompileCondition
                };
                let c = cond_ctx(self.reg, &r.ctx, e.span.src, e.span.start);
                return Err(Diag::error(kind, e.message, &c));
            }
        };
        for w in filter.warnings() {
            let c = cond_ctx(self.reg, &r.ctx, w.span.src, w.span.start);
            self.warnings.push(Diag::warning(
                WarningCode::CompileCondition,
                w.message.clone(),
                &c,
            ));
        }
        // A complement ("every type but ...") or more than 100 types; an
        // unsatisfiable condition (`evt.num = 0`, the empty set) does not
        // warn.
        let too_many = match filter.event_type_set() {
            TypeSet::AllBut(_) => true,
            TypeSet::Only(t) => t.len() > MAX_EVTTYPES,
        };
        if r.warn_evttypes && too_many {
            self.warnings.push(Diag::warning(
                WarningCode::NoEvttype,
                "Rule matches too many evt.type values. This has a significant performance penalty.",
                &r.ctx,
            ));
        }
        let loc = r.ctx.loc();
        Ok(Some(Rule::new(
            r,
            self.reg.file_name(loc.file).to_string(),
            loc.mark.line,
            output.text.clone(),
            ast.to_string(),
            filter,
            format,
        )))
    }
}

/// `d` with every occurrence of `pat` removed (origins kept).
fn remove_all(d: &Derived, pat: &str) -> Derived {
    let mut out = Derived::new();
    let mut from = 0;
    while let Some(p) = d.text[from..].find(pat) {
        out.push_derived(&d.slice(from, from + p));
        from += p + pat.len();
    }
    out.push_derived(&d.slice(from, d.len()));
    out
}
