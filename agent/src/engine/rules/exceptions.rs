//! Rule exceptions: reading them, validating them, and compiling them the
//! way Falco does, by building condition text before it is parsed:
//! `(<condition>) and not (( f1 c1 v1 and f2 c2 v2) or ( ... ))`, one
//! `and not (...)` per exception, in order. A value containing a blank
//! and not starting with a quote is double-quoted, anything else is
//! inserted verbatim (so `toupper(proc.pname)` becomes a transformer
//! comparison); a scalar value for a list comparison (`in`, `pmatch`,
//! `intersects`, `startswith oneof`...) is parenthesised.
//!
//! Owns: [`ExceptionInfo`], its YAML decoding, its validation (Falco's
//! messages), and [`build_condition`].
//! Must never: parse or evaluate the conditions it builds.

use super::error::{Ctx, Diag, LoadErrorKind, WarningCode};
use super::text::{Derived, Loc, Registry};
use crate::engine::condition;
use crate::engine::yaml::{Node, NodeKind};

/// `fields`, `comps` or one value: a string or a list of entries.
#[derive(Debug, Clone, Default)]
pub struct ExEntry {
    pub is_list: bool,
    pub item: Derived,
    pub items: Vec<ExEntry>,
    /// Where the entry is written (for text the loader adds around it).
    pub loc: Option<Loc>,
}

impl ExEntry {
    pub fn is_valid(&self) -> bool {
        (self.is_list && !self.items.is_empty()) || (!self.is_list && !self.item.is_empty())
    }

    fn fixed(s: &str, loc: Loc) -> ExEntry {
        let mut item = Derived::new();
        item.push_fixed(s, loc);
        ExEntry {
            is_list: false,
            item,
            items: Vec::new(),
            loc: Some(loc),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExceptionInfo {
    pub name: String,
    pub fields: ExEntry,
    pub comps: ExEntry,
    pub values: Vec<ExEntry>,
    pub ctx: Ctx,
}

fn yaml_err(msg: impl Into<String>, ctx: &Ctx) -> Diag {
    Diag::error(LoadErrorKind::YamlValidate, msg, ctx)
}

fn validate_err(msg: impl Into<String>, ctx: &Ctx) -> Diag {
    Diag::error(LoadErrorKind::Validate, msg, ctx)
}

/// Reads rule items' `exceptions:` sequences.
pub struct ExceptionReader<'a> {
    pub reg: &'a mut Registry,
    pub file: usize,
    pub warnings: &'a mut Vec<Diag>,
}

impl ExceptionReader<'_> {
    fn loc(&self, n: &Node) -> Loc {
        Loc {
            file: self.file,
            mark: n.mark,
        }
    }

    /// An entry: a non-empty scalar, or a sequence of entries. Mappings
    /// and nulls give an invalid (empty) entry, as in Falco.
    fn entry(&mut self, n: &Node, ctx: &Ctx) -> Result<ExEntry, Diag> {
        let mut out = ExEntry {
            loc: Some(self.loc(n)),
            ..ExEntry::default()
        };
        match &n.kind {
            NodeKind::Scalar(s, _) if !n.is_null() => {
                if s.is_empty() {
                    return Err(yaml_err("Value must be non-empty", ctx));
                }
                out.item = self.reg.scalar(self.file, n);
            }
            NodeKind::Seq(items) => {
                out.is_list = true;
                for it in items {
                    let c = ctx.with("exception", "", self.loc(it));
                    if it.is_null() {
                        // yaml-cpp: a null element is neither scalar nor
                        // sequence, so an invalid entry.
                        out.items.push(ExEntry {
                            loc: Some(self.loc(it)),
                            ..ExEntry::default()
                        });
                        continue;
                    }
                    out.items.push(self.entry(it, &c)?);
                }
            }
            _ => {}
        }
        Ok(out)
    }

    /// The exceptions of a rule item (`append`: fields may be omitted).
    pub fn read(
        &mut self,
        exs: Option<&Node>,
        parent: &Ctx,
        append: bool,
    ) -> Result<Vec<ExceptionInfo>, Diag> {
        let mut out: Vec<ExceptionInfo> = Vec::new();
        let Some(exs) = exs.filter(|n| !n.is_null()) else {
            return Ok(out);
        };
        let exes_ctx = parent.with("exceptions", "", self.loc(exs));
        let NodeKind::Seq(list) = &exs.kind else {
            return Err(yaml_err("Rule exceptions must be a sequence", &exes_ctx));
        };
        for ex in list {
            let tmp = exes_ctx.with("exception", "", self.loc(ex));
            if ex.as_map().is_none() {
                return Err(yaml_err("Rule exception must be a mapping", &tmp));
            }
            let name = required_scalar(ex, "name", &tmp, |n| self.loc(n))?;
            let ctx = parent.with("exception", &name, self.loc(ex));
            if out.iter().any(|e| e.name == name) {
                self.warnings.push(Diag::warning(
                    WarningCode::ExceptionNameNotUnique,
                    format!("Multiple definitions of exception '{name}' in the same rule"),
                    &ctx,
                ));
            }
            let fields = match ex.get("fields") {
                None if append => ExEntry::default(),
                None => return Err(yaml_err("Item has no mapping for key 'fields'", &ctx)),
                Some(f) => {
                    let c = ctx.with("value for", "fields", self.loc(f));
                    self.entry(f, &c)?
                }
            };
            let comps = match ex.get("comps") {
                None => ExEntry::default(),
                Some(f) => {
                    let c = ctx.with("value for", "comps", self.loc(f));
                    self.entry(f, &c)?
                }
            };
            let mut values = Vec::new();
            match ex.get("values") {
                Some(vals) => {
                    let vctx = ctx.with("exception values", "", self.loc(vals));
                    let NodeKind::Seq(vs) = &vals.kind else {
                        return Err(yaml_err("Rule exception values must be a sequence", &vctx));
                    };
                    for v in vs {
                        let c = vctx.with("exception value", "", self.loc(v));
                        values.push(self.entry(v, &c)?);
                    }
                }
                None if append => self.warnings.push(Diag::warning(
                    WarningCode::AppendNoValues,
                    "Overriding/appending exception with no values",
                    &ctx,
                )),
                None => {}
            }
            out.push(ExceptionInfo {
                name,
                fields,
                comps,
                values,
                ctx,
            });
        }
        Ok(out)
    }
}

/// A required non-empty scalar key of a mapping (Falco's `decode_val`).
pub fn required_scalar(
    item: &Node,
    key: &str,
    ctx: &Ctx,
    loc: impl Fn(&Node) -> Loc,
) -> Result<String, Diag> {
    let Some(v) = item.get(key) else {
        return Err(yaml_err(
            format!("Item has no mapping for key '{key}'"),
            ctx,
        ));
    };
    if v.is_null() {
        return Err(yaml_err(format!("Mapping for key '{key}' is empty"), ctx));
    }
    let vctx = ctx.with("value for", key, loc(v));
    match v.as_str() {
        None => Err(yaml_err("Value is not a scalar value", &vctx)),
        Some("") => Err(yaml_err("Value must be non-empty", &vctx)),
        Some(s) => Ok(s.to_string()),
    }
}

const OPERATORS: &[&str] = &[
    "exists",
    "=",
    "==",
    "!=",
    "<=",
    ">=",
    "<",
    ">",
    "contains",
    "icontains",
    "bcontains",
    "glob",
    "iglob",
    "bstartswith",
    "startswith",
    "endswith",
    "regex",
    "in",
    "intersects",
    "pmatch",
];

const LIST_OPERATORS: &[&str] = &["in", "intersects", "pmatch"];

/// String operators that take a modifier (`startswith oneof`).
const MODIFIABLE: &[&str] = &[
    "=",
    "==",
    "!=",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "glob",
    "iglob",
    "regex",
];

/// `op oneof|anyof|allof` with a string operator.
pub fn is_str_operator_with_modifier(op: &str) -> bool {
    let mut parts = op.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(base), Some(m), None) => {
            MODIFIABLE.contains(&base) && matches!(m, "oneof" | "anyof" | "allof")
        }
        _ => false,
    }
}

fn is_operator_for_list(op: &str) -> bool {
    LIST_OPERATORS.contains(&op) || is_str_operator_with_modifier(op)
}

/// Falco's `is_valid_lhs_field`: `<field> exists` parses and compiles.
/// A construct the compiler reports as not supported yet is let through,
/// so compiling the rule reports it as such.
fn is_valid_lhs_field(field: &str) -> bool {
    let text = format!("{field} exists");
    condition::parse(&text, 0)
        .ok()
        .is_some_and(|e| condition::compile(&e).map_or_else(|e| e.unsupported, |_| true))
}

fn trim_entry(e: &mut ExEntry) {
    let t = &e.item.text;
    let start = t.len() - t.trim_start_matches([' ', '\t', '\r', '\n']).len();
    let end = t.trim_end_matches([' ', '\t', '\r', '\n']).len().max(start);
    if start > 0 || end < t.len() {
        e.item = e.item.slice(start, end);
    }
}

/// Falco's `validate_exception_info`: default comps, equal lengths, known
/// operators and (for a known source) known fields. Comps are trimmed.
pub fn validate_exception(known_source: bool, ex: &mut ExceptionInfo) -> Result<(), Diag> {
    let anchor = ex.ctx.loc();
    if ex.fields.is_list {
        if !ex.comps.is_valid() {
            ex.comps = ExEntry {
                is_list: true,
                items: ex
                    .fields
                    .items
                    .iter()
                    .map(|f| ExEntry::fixed("=", f.loc.unwrap_or(anchor)))
                    .collect(),
                ..ExEntry::default()
            };
        }
        if ex.fields.items.len() != ex.comps.items.len() {
            return Err(validate_err(
                "Fields and comps lists must have equal length",
                &ex.ctx,
            ));
        }
        for c in &mut ex.comps.items {
            trim_entry(c);
            let op = c.item.text.as_str();
            if !OPERATORS.contains(&op) && !is_str_operator_with_modifier(op) {
                return Err(validate_err(
                    format!("'{op}' is not a supported comparison operator"),
                    &ex.ctx,
                ));
            }
        }
        if known_source {
            for f in &ex.fields.items {
                if !is_valid_lhs_field(&f.item.text) {
                    return Err(validate_err(
                        format!("'{}' is not a supported filter field", f.item.text),
                        &ex.ctx,
                    ));
                }
            }
        }
    } else {
        if !ex.comps.is_valid() {
            ex.comps = ExEntry::fixed("in", ex.fields.loc.unwrap_or(anchor));
        }
        if ex.comps.is_list {
            return Err(validate_err(
                "Fields and comps must both be strings",
                &ex.ctx,
            ));
        }
        trim_entry(&mut ex.comps);
        let op = ex.comps.item.text.as_str();
        if !matches!(op, "in" | "pmatch" | "intersects") && !is_str_operator_with_modifier(op) {
            return Err(validate_err(
                "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)",
                &ex.ctx,
            ));
        }
        if known_source && !is_valid_lhs_field(&ex.fields.item.text) {
            return Err(validate_err(
                format!("'{}' is not a supported filter field", ex.fields.item.text),
                &ex.ctx,
            ));
        }
    }
    Ok(())
}

/// Appends `e`, double-quoted if it has a blank and no leading quote.
fn push_quoted(out: &mut Derived, e: &ExEntry, anchor: Loc) {
    let t = &e.item.text;
    let at = e.loc.unwrap_or(anchor);
    if t.contains(' ') && !t.starts_with(['"', '\'']) {
        out.push_fixed("\"", at);
        out.push_derived(&e.item);
        out.push_fixed("\"", at);
    } else {
        out.push_derived(&e.item);
    }
}

/// `(<cond>)` followed by one `and not (...)` per exception.
pub fn build_condition(cond: &Derived, exceptions: &[ExceptionInfo]) -> Result<Derived, Diag> {
    let mut out = Derived::new();
    let first = exceptions.first().map_or(Loc::NOWHERE, |e| e.ctx.loc());
    out.push_fixed("(", first);
    out.push_derived(cond);
    out.push_fixed(")", first);
    for ex in exceptions {
        let at = ex.ctx.loc();
        let mut icond = Derived::new();
        if !ex.fields.is_list {
            for v in &ex.values {
                if v.is_list {
                    return Err(validate_err(
                        "Expected values array to contain a list of strings",
                        &ex.ctx,
                    ));
                }
                if icond.is_empty() {
                    icond.push_fixed("(", at);
                    icond.push_derived(&ex.fields.item);
                    icond.push_fixed(" ", at);
                    icond.push_derived(&ex.comps.item);
                    icond.push_fixed(" (", at);
                } else {
                    icond.push_fixed(", ", at);
                }
                push_quoted(&mut icond, v, at);
            }
            if !icond.is_empty() {
                icond.push_fixed("))", at);
            }
        } else {
            icond.push_fixed("(", at);
            let mut first_tuple = true;
            for values in &ex.values {
                if ex.fields.items.len() != values.items.len() {
                    return Err(validate_err(
                        "Fields and values lists must have equal length",
                        &ex.ctx,
                    ));
                }
                if !first_tuple {
                    icond.push_fixed(" or ", at);
                }
                first_tuple = false;
                icond.push_fixed("(", at);
                for (k, field) in ex.fields.items.iter().enumerate() {
                    if k > 0 {
                        icond.push_fixed(" and ", at);
                    }
                    let comp = ex.comps.items.get(k).cloned().unwrap_or_default();
                    let val = &values.items[k];
                    let mut istr = Derived::new();
                    let vat = val.loc.unwrap_or(at);
                    if val.is_list {
                        istr.push_fixed("(", vat);
                        for (i, v) in val.items.iter().enumerate() {
                            if i > 0 {
                                istr.push_fixed(", ", vat);
                            }
                            push_quoted(&mut istr, v, vat);
                        }
                        istr.push_fixed(")", vat);
                    } else if is_operator_for_list(&comp.item.text) {
                        if val.item.text.starts_with('(') {
                            istr.push_derived(&val.item);
                        } else {
                            istr.push_fixed("(", vat);
                            istr.push_derived(&val.item);
                            istr.push_fixed(")", vat);
                        }
                    } else {
                        push_quoted(&mut istr, val, vat);
                    }
                    icond.push_fixed(" ", at);
                    icond.push_derived(&field.item);
                    icond.push_fixed(" ", at);
                    icond.push_derived(&comp.item);
                    icond.push_fixed(" ", at);
                    icond.push_derived(&istr);
                }
                icond.push_fixed(")", at);
            }
            icond.push_fixed(")", at);
            if icond.text == "()" {
                icond = Derived::new();
            }
        }
        if !icond.is_empty() {
            out.push_fixed(" and not ", at);
            out.push_derived(&icond);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifiers_are_recognised() {
        assert!(is_str_operator_with_modifier("startswith oneof"));
        assert!(is_str_operator_with_modifier("=  allof"));
        assert!(!is_str_operator_with_modifier("in oneof"));
        assert!(!is_str_operator_with_modifier(">= oneof"));
        assert!(!is_str_operator_with_modifier("oneof"));
        assert!(!is_str_operator_with_modifier("frobulate oneof"));
        assert!(is_operator_for_list("pmatch"));
        assert!(!is_operator_for_list("="));
    }
}
