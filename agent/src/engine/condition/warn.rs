//! Compiler hints (Falco's `LOAD_COMPILE_CONDITION` warnings): conditions
//! that compile but probably do not mean what was written.
//!
//! - A `regex` whose pattern is a plain string with at most one anchor or
//!   `.*`/`.+`/`.?` at each end (`^syscall`, `.*syscall.*`) could be
//!   `=`, `startswith`, `endswith` or `contains`, which are much cheaper.
//! - A string constant that is itself a valid field or transformer
//!   (`evt.source = evt.plugininfo`, `'tolower(proc.name)'`) is compared
//!   as text; `val(...)` was probably meant.
//!
//! Owns: detecting these cases and wording the hint.
//! Must never: turn a hint into an error.

use super::ast::{Literal, Operand, Span};
use super::parse::parse_operand_prefix;
use super::transform::compile_operand;
use crate::engine::field::Catalog;
use std::fmt;

/// A compile warning: what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileWarning {
    pub message: String,
    pub span: Span,
}

impl fmt::Display for CompileWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

const REGEX_META: &[char] = &[
    '.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\',
];

/// The simpler operator a regex pattern could be replaced with, if any.
pub(super) fn simpler_than_regex(p: &str) -> Option<&'static str> {
    let (core, head) = match p {
        _ if p.starts_with('^') => (&p[1..], true),
        _ if p.starts_with(".*") || p.starts_with(".+") || p.starts_with(".?") => (&p[2..], false),
        _ => (p, true),
    };
    let (core, tail) = if core.ends_with('$') && !core.ends_with("\\$") {
        (&core[..core.len() - 1], true)
    } else if core.ends_with(".*") || core.ends_with(".+") || core.ends_with(".?") {
        (&core[..core.len() - 2], false)
    } else {
        (core, true)
    };
    if core.is_empty() || core.contains(REGEX_META) {
        return None;
    }
    Some(match (head, tail) {
        (true, true) => "=",
        (true, false) => "startswith",
        (false, true) => "endswith",
        (false, false) => "contains",
    })
}

pub(super) fn regex_hint(l: &Literal) -> Option<CompileWarning> {
    let op = simpler_than_regex(&l.text)?;
    Some(CompileWarning {
        message: format!(
            "regex '{}' matches a plain string: operator '{op}' (or a similar string operator) \
             does the same much faster",
            l.text
        ),
        span: l.span,
    })
}

/// A string constant that names a field or a transformer of `cat`
/// (surrounding blanks ignored). The message is Falco's.
pub(super) fn field_lookalike(l: &Literal, cat: &dyn Catalog) -> Option<CompileWarning> {
    let text = l.text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (op, used) = parse_operand_prefix(text, l.span.src).ok()?;
    if used != text.len() {
        return None;
    }
    compile_operand(&op, cat, false).ok()?;
    let what = match op {
        Operand::Field(_) => "field",
        Operand::Transformer(_) => "field transformer",
    };
    Some(CompileWarning {
        message: format!(
            "'{}' may be a valid {what} misused as a const string value",
            l.text
        ),
        span: l.span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regexes() {
        for (p, want) in [
            ("syscall", Some("=")),
            ("^syscall$", Some("=")),
            ("^syscall", Some("=")),
            ("syscall.*", Some("startswith")),
            (".*syscall", Some("endswith")),
            (".+syscall.+", Some("contains")),
            (".?syscall.?", Some("contains")),
            ("syscall.{1}", None),
            ("syscall\\.*", None),
            ("s.*l", None),
            ("syscal[l]?", None),
            (".*", None),
            ("", None),
        ] {
            assert_eq!(simpler_than_regex(p), want, "{p}");
        }
    }
}
