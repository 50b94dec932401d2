//! Recursive-descent parser from condition text to [`Expr`].
//!
//! The grammar is libsinsp's (filter/parser.cpp), reproduced decision for
//! decision so that exactly the same strings are accepted:
//!
//! ```text
//! Or      := And ("or" (blank And | "(" Or ")"))*
//! And     := Not ("and" (blank Not | "(" Or ")"))*
//! Not     := ("not" blank)* ("not(" Or ")" | Check)
//! Check   := "(" Or ")" | Field Cond | Transformer Cond | Identifier
//! Cond    := "exists" | NumOp NumValue | StrOp [Modifier] StrValue | ListOp ListValue
//! ```
//!
//! so precedence is `not` > `and` > `or`, keywords are lowercase, `and`/`or`
//! need a blank or `(` after them, and the whole input must be consumed.
//!
//! Owns: syntax, operator precedence, spans, and syntax error messages with
//! the byte offset of the offending token.
//! Must never: look up fields, macros or lists, or evaluate anything; and
//! never panic or recurse without bound (nesting is capped at
//! [`MAX_NESTING`]).

use super::ast::*;
use super::lex::{LexError, Scanner};
use std::fmt;

/// Maximum nesting of parentheses and transformers. Falco counts parser
/// recursion instead (limit 1000, about 200 levels of parentheses); lanner
/// allows 100 levels, which keeps the parser within 1 MiB of stack even in
/// debug builds (real rules nest fewer than 10).
pub const MAX_NESTING: usize = 100;

/// A syntax error at byte offset `pos` of the condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What was wrong: "unexpected token ')'", "unterminated quoted string".
    pub message: String,
    /// What the parser expected instead, if it is worth saying.
    pub expected: Option<String>,
    pub pos: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(e) = &self.expected {
            write!(f, ": expected {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

impl From<LexError> for ParseError {
    fn from(e: LexError) -> Self {
        ParseError {
            message: e.message,
            expected: None,
            pos: e.pos,
        }
    }
}

type PResult<T> = Result<T, ParseError>;

/// Parses a whole condition. Spans refer to `src`.
pub fn parse(text: &str, src: SrcId) -> PResult<Expr> {
    let mut p = Parser::new(text, src);
    if text.is_empty() {
        return Err(ParseError {
            message: "empty condition".into(),
            expected: None,
            pos: 0,
        });
    }
    let e = p.or()?;
    p.s.skip_blanks();
    if !p.s.at_end() {
        return Err(p.unexpected(p.s.pos(), "'and', 'or' or the end of the condition"));
    }
    Ok(e)
}

/// Parses a field or a transformer (not `val`) at the start of `text`,
/// returning it and how many bytes it used: output templates
/// (`%tolower(proc.name)`) and the compiler's "looks like a field"
/// warning use it.
pub fn parse_operand_prefix(text: &str, src: SrcId) -> PResult<(Operand, usize)> {
    let mut p = Parser::new(text, src);
    let start = p.s.pos();
    if let Some(name) = p.s.field_name() {
        let f = p.field_remainder(name, start)?;
        return Ok((Operand::Field(f), p.s.pos()));
    }
    if let Some(kind) = p.transformer_kind() {
        p.s.skip_blanks();
        let t = p.transformer_remainder(kind, start)?;
        return Ok((Operand::Transformer(t), p.s.pos()));
    }
    Err(p.unexpected(start, "a field or a transformer"))
}

/// Parses a list item written in a rules file `items:` sequence the way
/// Falco's textual list substitution would see it: a quoted string is
/// unquoted, anything else is taken verbatim.
pub fn parse_list_item(text: &str, src: SrcId) -> PResult<Literal> {
    let span = Span::new(src, 0, text.len());
    if text.starts_with(['"', '\'']) {
        let mut s = Scanner::new(text);
        let v = s.quoted()?.unwrap_or_default();
        if !s.at_end() {
            return Err(ParseError {
                message: "unexpected text after the closing quote of a list item".into(),
                expected: None,
                pos: s.pos(),
            });
        }
        return Ok(Literal {
            text: v,
            quoted: true,
            span,
        });
    }
    Ok(Literal {
        text: text.to_string(),
        quoted: false,
        span,
    })
}

const TRANSFORMERS_EXPECTED: &str =
    "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'";

struct Parser<'a> {
    s: Scanner<'a>,
    src: SrcId,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, src: SrcId) -> Parser<'a> {
        Parser {
            s: Scanner::new(text),
            src,
            depth: 0,
        }
    }

    fn span(&self, start: usize) -> Span {
        Span::new(self.src, start, self.s.pos())
    }

    fn unexpected(&self, pos: usize, expected: &str) -> ParseError {
        let message = match self.s.token_at(pos) {
            Some(t) => format!("unexpected token '{}'", t.escape_debug()),
            None => "unexpected end of condition".to_string(),
        };
        ParseError {
            message,
            expected: Some(expected.to_string()),
            pos,
        }
    }

    /// Enters one nesting level (parenthesis, transformer), failing
    /// beyond [`MAX_NESTING`]. Paired with `self.depth -= 1`.
    fn enter(&mut self) -> PResult<()> {
        if self.depth >= MAX_NESTING {
            return Err(ParseError {
                message: format!("condition nested too deeply (limit {MAX_NESTING} levels)"),
                expected: None,
                pos: self.s.pos(),
            });
        }
        self.depth += 1;
        Ok(())
    }

    /// `And ("or" ...)*` (`kw` = "or") or `Not ("and" ...)*` (`kw` = "and").
    fn logical(&mut self, kw: &str) -> PResult<Expr> {
        let or = kw == "or";
        self.s.skip_blanks();
        let start = self.s.pos();
        let first = if or { self.and()? } else { self.not()? };
        let mut children = vec![first];
        self.s.skip_blanks();
        while self.s.eat(kw) {
            let child = if self.s.skip_blanks() {
                if or {
                    self.and()?
                } else {
                    self.not()?
                }
            } else if self.s.eat("(") {
                self.embedded_remainder()?
            } else {
                return Err(ParseError {
                    message: format!("expected a blank or '(' after '{kw}'"),
                    expected: None,
                    pos: self.s.pos(),
                });
            };
            children.push(child);
            self.s.skip_blanks();
        }
        if children.len() == 1 {
            return Ok(children.pop().expect("one child"));
        }
        let end = children.last().map_or(start, |c| c.span.end);
        let kind = if or {
            ExprKind::Or(children)
        } else {
            ExprKind::And(children)
        };
        Ok(Expr {
            kind,
            span: Span::new(self.src, start, end),
        })
    }

    fn or(&mut self) -> PResult<Expr> {
        self.logical("or")
    }

    fn and(&mut self) -> PResult<Expr> {
        self.logical("and")
    }

    fn eat_not_blank(&mut self) -> bool {
        // RGX_NOTBLANK: "not" followed by POSIX spaces.
        let save = self.s.pos();
        if self.s.eat("not") {
            let after = self.s.pos();
            while matches!(
                self.s.peek(),
                Some(b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
            ) {
                self.s.reset(self.s.pos() + 1);
            }
            if self.s.pos() > after {
                return true;
            }
        }
        self.s.reset(save);
        false
    }

    fn not(&mut self) -> PResult<Expr> {
        self.s.skip_blanks();
        let start = self.s.pos();
        let mut negate = false;
        while self.eat_not_blank() {
            negate = !negate;
        }
        let child = if self.s.eat("not(") {
            negate = !negate;
            self.embedded_remainder()?
        } else {
            self.check()?
        };
        if !negate {
            return Ok(child);
        }
        let span = Span::new(self.src, start, child.span.end);
        Ok(Expr {
            kind: ExprKind::Not(Box::new(child)),
            span,
        })
    }

    /// After a "(": an expression and the closing ")".
    fn embedded_remainder(&mut self) -> PResult<Expr> {
        self.enter()?;
        self.s.skip_blanks();
        let e = self.or();
        self.depth -= 1;
        let e = e?;
        self.s.skip_blanks();
        if !self.s.eat(")") {
            return Err(self.unexpected(self.s.pos(), "')'"));
        }
        Ok(e)
    }

    fn transformer_kind(&mut self) -> Option<TransformerKind> {
        for &k in TransformerKind::OPERAND {
            let save = self.s.pos();
            if self.s.eat(k.name()) && self.s.eat("(") {
                return Some(k);
            }
            self.s.reset(save);
        }
        None
    }

    fn check(&mut self) -> PResult<Expr> {
        self.s.skip_blanks();
        if self.s.eat("(") {
            return self.embedded_remainder();
        }
        self.check_leaf()
    }

    /// A check that is not parenthesised. Kept out of `check` so the
    /// recursive path's stack frames stay small.
    #[inline(never)]
    fn check_leaf(&mut self) -> PResult<Expr> {
        let start = self.s.pos();
        if let Some(name) = self.s.field_name() {
            let f = self.field_remainder(name, start)?;
            return self.condition(Operand::Field(f), start);
        }
        if let Some(kind) = self.transformer_kind() {
            self.s.skip_blanks();
            let t = self.transformer_remainder(kind, start)?;
            return self.condition(Operand::Transformer(t), start);
        }
        if let Some(id) = self.s.identifier() {
            return Ok(Expr {
                kind: ExprKind::Macro(id.to_string()),
                span: self.span(start),
            });
        }
        Err(self.unexpected(start, "'(', 'not', a field check or a macro name"))
    }

    fn field_remainder(&mut self, name: &str, start: usize) -> PResult<FieldRef> {
        let arg = self.optional_field_arg()?;
        Ok(FieldRef {
            name: name.to_string(),
            arg,
            span: self.span(start),
        })
    }

    fn optional_field_arg(&mut self) -> PResult<Option<String>> {
        if !self.s.eat("[") {
            return Ok(None);
        }
        let pos = self.s.pos();
        let arg = if let Some(q) = self.s.quoted()? {
            q
        } else if let Some(b) = self.s.field_arg_bare() {
            b.to_string()
        } else {
            return Err(ParseError {
                message: "expected a valid field argument: a quoted string or a bare string".into(),
                expected: None,
                pos,
            });
        };
        if !self.s.eat("]") {
            return Err(self.unexpected(self.s.pos(), "']'"));
        }
        Ok(Some(arg))
    }

    /// After `name(`: arguments, ")" and an optional `[index]`.
    fn transformer_remainder(
        &mut self,
        kind: TransformerKind,
        start: usize,
    ) -> PResult<Transformer> {
        self.enter()?;
        let r = self.transformer_args(kind, start);
        self.depth -= 1;
        r
    }

    fn transformer_args(&mut self, kind: TransformerKind, start: usize) -> PResult<Transformer> {
        self.s.skip_blanks();
        let mut args = Vec::new();
        loop {
            args.push(self.transformer_arg()?);
            self.s.skip_blanks();
            if !self.s.eat(",") {
                break;
            }
        }
        self.s.skip_blanks();
        if !self.s.eat(")") {
            return Err(self.unexpected(self.s.pos(), "')' closing the transformer"));
        }
        let index = self.optional_field_arg()?;
        Ok(Transformer {
            kind,
            args,
            index,
            span: self.span(start),
        })
    }

    fn number_literal(&mut self) -> Option<Literal> {
        let start = self.s.pos();
        let n = self.s.number()?;
        Some(Literal {
            text: n.to_string(),
            quoted: false,
            span: self.span(start),
        })
    }

    fn quoted_literal(&mut self) -> PResult<Option<Literal>> {
        let start = self.s.pos();
        Ok(self.s.quoted()?.map(|text| Literal {
            text,
            quoted: true,
            span: self.span(start),
        }))
    }

    fn transformer_arg(&mut self) -> PResult<TransformerArg> {
        self.s.skip_blanks();
        let start = self.s.pos();
        if let Some(n) = self.number_literal() {
            return Ok(TransformerArg::Value(n));
        }
        if let Some(q) = self.quoted_literal()? {
            return Ok(TransformerArg::Value(q));
        }
        if self.s.eat("(") {
            return self.transformer_list(start);
        }
        if let Some(kind) = self.transformer_kind() {
            return Ok(TransformerArg::Operand(Operand::Transformer(
                self.transformer_remainder(kind, start)?,
            )));
        }
        if let Some(name) = self.s.field_name() {
            return Ok(TransformerArg::Operand(Operand::Field(
                self.field_remainder(name, start)?,
            )));
        }
        Err(self.unexpected(
            start,
            "a transformer argument: a field, a transformer, a quoted string, a number or a list",
        ))
    }

    /// After "(" inside a transformer's arguments.
    fn transformer_list(&mut self, start: usize) -> PResult<TransformerArg> {
        let mut items = Vec::new();
        self.s.skip_blanks();
        if !self.s.eat(")") {
            items.push(self.transformer_list_arg()?);
            self.s.skip_blanks();
            while self.s.eat(",") {
                self.s.skip_blanks();
                items.push(self.transformer_list_arg()?);
                self.s.skip_blanks();
            }
            if !self.s.eat(")") {
                return Err(self.unexpected(self.s.pos(), "')'"));
            }
        }
        Ok(TransformerArg::List(items, self.span(start)))
    }

    fn transformer_list_arg(&mut self) -> PResult<TransformerArg> {
        let start = self.s.pos();
        if let Some(name) = self.s.field_name() {
            return Ok(TransformerArg::Operand(Operand::Field(
                self.field_remainder(name, start)?,
            )));
        }
        if let Some(kind) = self.transformer_kind() {
            self.s.skip_blanks();
            return Ok(TransformerArg::Operand(Operand::Transformer(
                self.transformer_remainder(kind, start)?,
            )));
        }
        if let Some(q) = self.quoted_literal()? {
            return Ok(TransformerArg::Value(q));
        }
        if let Some(n) = self.number_literal() {
            return Ok(TransformerArg::Value(n));
        }
        Err(self.unexpected(
            start,
            "a transformer list argument: a field, a transformer, a quoted string or a number",
        ))
    }

    fn num_op(&mut self) -> Option<BinOp> {
        [
            ("<=", BinOp::Le),
            ("<", BinOp::Lt),
            (">=", BinOp::Ge),
            (">", BinOp::Gt),
        ]
        .into_iter()
        .find(|(t, _)| self.s.eat(t))
        .map(|(_, op)| op)
    }

    fn str_op(&mut self) -> Option<BinOp> {
        for (t, op) in [("==", BinOp::EqEq), ("=", BinOp::Eq), ("!=", BinOp::Ne)] {
            if self.s.eat(t) {
                return Some(op);
            }
        }
        [
            ("glob", BinOp::Glob),
            ("iglob", BinOp::IGlob),
            ("contains", BinOp::Contains),
            ("icontains", BinOp::IContains),
            ("bcontains", BinOp::BContains),
            ("startswith", BinOp::StartsWith),
            ("bstartswith", BinOp::BStartsWith),
            ("endswith", BinOp::EndsWith),
            ("regex", BinOp::Regex),
        ]
        .into_iter()
        .find(|(t, _)| self.s.eat_word_blank(t))
        .map(|(_, op)| op)
    }

    fn list_op(&mut self) -> Option<BinOp> {
        [
            ("intersects", BinOp::Intersects),
            ("in", BinOp::In),
            ("pmatch", BinOp::PMatch),
        ]
        .into_iter()
        .find(|(t, _)| self.s.eat(t))
        .map(|(_, op)| op)
    }

    fn modifier(&mut self) -> Option<Modifier> {
        [
            ("oneof", Modifier::OneOf),
            ("anyof", Modifier::AnyOf),
            ("allof", Modifier::AllOf),
        ]
        .into_iter()
        .find(|(t, _)| self.s.eat_word_blank(t))
        .map(|(_, m)| m)
    }

    fn list_value_follows(&self) -> bool {
        self.s.peek() == Some(b'(') || self.s.clone().identifier().is_some()
    }

    fn condition(&mut self, lhs: Operand, start: usize) -> PResult<Expr> {
        self.s.skip_blanks();
        if self.s.eat("exists") {
            return Ok(Expr {
                kind: ExprKind::Exists(Box::new(lhs)),
                span: self.span(start),
            });
        }
        let mut modifier = None;
        let rhs;
        let op;
        if let Some(o) = self.num_op() {
            op = o;
            rhs = self.num_value_or_transformer()?;
        } else if let Some(o) = self.str_op() {
            op = o;
            // Word operators consumed their blank already.
            let had_blank =
                !matches!(o, BinOp::Eq | BinOp::EqEq | BinOp::Ne) || self.s.skip_blanks();
            let save = self.s.pos();
            let m = if had_blank { self.modifier() } else { None };
            let bool_kw = ["and", "or", "not"]
                .iter()
                .any(|k| self.s.keyword_follows(k));
            if m.is_some() && self.list_value_follows() && !bool_kw {
                modifier = m;
                rhs = self.list_value(false)?;
            } else {
                self.s.reset(save);
                rhs = self.str_value_or_transformer()?;
            }
        } else if let Some(o) = self.list_op() {
            op = o;
            rhs = self.list_value(true)?;
        } else {
            return Err(self.unexpected(
                self.s.pos(),
                "an operator: 'exists', '=', '==', '!=', '<', '<=', '>', '>=', 'glob', 'iglob', \
                 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', \
                 'regex', 'in', 'intersects' or 'pmatch'",
            ));
        }
        Ok(Expr {
            kind: ExprKind::Compare(Box::new(Compare {
                lhs,
                op,
                modifier,
                rhs,
            })),
            span: self.span(start),
        })
    }

    fn try_transformer_or_val(&mut self) -> PResult<Option<Operand>> {
        self.s.skip_blanks();
        let start = self.s.pos();
        if self.s.eat("val(") {
            self.s.skip_blanks();
            let fstart = self.s.pos();
            let Some(name) = self.s.field_name() else {
                return Err(self.unexpected(fstart, "a field within 'val'"));
            };
            let f = self.field_remainder(name, fstart)?;
            self.s.skip_blanks();
            if !self.s.eat(")") {
                return Err(self.unexpected(self.s.pos(), "')' closing the transformer"));
            }
            let index = self.optional_field_arg()?;
            return Ok(Some(Operand::Transformer(Transformer {
                kind: TransformerKind::Val,
                args: vec![TransformerArg::Operand(Operand::Field(f))],
                index,
                span: self.span(start),
            })));
        }
        if let Some(kind) = self.transformer_kind() {
            self.s.skip_blanks();
            return Ok(Some(Operand::Transformer(
                self.transformer_remainder(kind, start)?,
            )));
        }
        Ok(None)
    }

    fn num_value_or_transformer(&mut self) -> PResult<Rhs> {
        self.s.skip_blanks();
        if let Some(o) = self.try_transformer_or_val()? {
            return Ok(Rhs::Operand(o));
        }
        if let Some(n) = self.number_literal() {
            return Ok(Rhs::Value(n));
        }
        Err(self.unexpected(
            self.s.pos(),
            &format!("a number or a field with a transformer ({TRANSFORMERS_EXPECTED})"),
        ))
    }

    fn str_value(&mut self) -> PResult<Option<Literal>> {
        self.s.skip_blanks();
        if let Some(q) = self.quoted_literal()? {
            return Ok(Some(q));
        }
        let start = self.s.pos();
        Ok(self.s.bare_str().map(|b| Literal {
            text: b.to_string(),
            quoted: false,
            span: self.span(start),
        }))
    }

    fn str_value_or_transformer(&mut self) -> PResult<Rhs> {
        self.s.skip_blanks();
        if let Some(o) = self.try_transformer_or_val()? {
            return Ok(Rhs::Operand(o));
        }
        if let Some(v) = self.str_value()? {
            return Ok(Rhs::Value(v));
        }
        Err(self.unexpected(
            self.s.pos(),
            &format!("a string value or a field with a transformer ({TRANSFORMERS_EXPECTED})"),
        ))
    }

    /// `(v, ...)`, a list name, or (for list operators) a transformer.
    fn list_value(&mut self, allow_transformer: bool) -> PResult<Rhs> {
        self.s.skip_blanks();
        let start = self.s.pos();
        if self.s.eat("(") {
            let mut items = Vec::new();
            self.s.skip_blanks();
            if self.s.peek() != Some(b')') {
                loop {
                    match self.str_value()? {
                        Some(v) => items.push(v),
                        None => return Err(self.unexpected(self.s.pos(), "a string value")),
                    }
                    self.s.skip_blanks();
                    if !self.s.eat(",") {
                        break;
                    }
                }
            }
            if !self.s.eat(")") {
                return Err(self.unexpected(self.s.pos(), "',' or ')' in a list"));
            }
            return Ok(Rhs::List(items, self.span(start)));
        }
        if allow_transformer {
            if let Some(o) = self.try_transformer_or_val()? {
                return Ok(Rhs::Operand(o));
            }
        }
        if let Some(id) = self.s.identifier() {
            return Ok(Rhs::ListRef(Literal {
                text: id.to_string(),
                quoted: false,
                span: self.span(start),
            }));
        }
        Err(self.unexpected(start, "a list '(...)' or a list name"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        parse(s, 0)
            .unwrap_or_else(|e| panic!("{s:?}: {e}"))
            .to_string()
    }

    fn err(s: &str) -> (usize, String) {
        let e = parse(s, 0).expect_err(s);
        (e.pos, e.to_string())
    }

    #[test]
    fn precedence_not_and_or() {
        assert_eq!(canon("a or b and c"), "(a or (b and c))");
        assert_eq!(canon("a and b or c and d"), "((a and b) or (c and d))");
        assert_eq!(canon("not a and b"), "(not a and b)");
        assert_eq!(canon("not (a and b)"), "not (a and b)");
        assert_eq!(canon("not not a"), "a");
        assert_eq!(canon("a or not b and not c"), "(a or (not b and not c))");
        assert_eq!(canon("(a or b) and c"), "((a or b) and c)");
        assert_eq!(canon("a and(b)and(c)"), "(a and b and c)");
        assert_eq!(canon("notz and not_macro"), "(notz and not_macro)");
    }

    #[test]
    fn checks_values_and_lists() {
        assert_eq!(canon("fd.name=/etc/shadow"), "fd.name = /etc/shadow");
        assert_eq!(
            canon("proc.name in (cat, 'c d', \"e\")"),
            "proc.name in (cat, \"c d\", e)"
        );
        assert_eq!(canon("proc.name in ()"), "proc.name in ()");
        assert_eq!(canon("proc.name in(a)"), "proc.name in (a)");
        assert_eq!(canon("proc.name in my_list"), "proc.name in my_list");
        assert_eq!(
            canon("evt.arg[0] contains /bin"),
            "evt.arg[0] contains /bin"
        );
        assert_eq!(canon("proc.aname['a b'] exists"), "proc.aname[a b] exists");
        assert_eq!(canon("fd.num >= -1"), "fd.num >= -1");
        assert_eq!(canon("a.b = not"), "a.b = not");
        assert_eq!(
            canon("proc.cmdline contains \"a=b\""),
            "proc.cmdline contains \"a=b\""
        );
        assert_eq!(
            canon("proc.name == oneof (a, b)"),
            "proc.name == oneof (a, b)"
        );
        assert_eq!(
            canon("proc.name == oneof and x"),
            "(proc.name == oneof and x)"
        );
        assert_eq!(
            canon("tolower(proc.name) = val(proc.pname)"),
            "tolower(proc.name) = val(proc.pname)"
        );
        assert_eq!(
            canon("join(\"-\", (fd.name, 1)) = x"),
            "join(-,(fd.name,1)) = x"
        );
    }

    #[test]
    fn spans_cover_source() {
        let text = "evt.type = open and not proc.name in (a, b)";
        let e = parse(text, 7).unwrap();
        assert_eq!((e.span.src, e.span.start, e.span.end), (7, 0, text.len()));
        let ExprKind::And(c) = &e.kind else { panic!() };
        assert_eq!(
            &text[c[1].span.start..c[1].span.end],
            "not proc.name in (a, b)"
        );
        let ExprKind::Not(inner) = &c[1].kind else {
            panic!()
        };
        let ExprKind::Compare(cmp) = &inner.kind else {
            panic!()
        };
        let Compare {
            lhs,
            rhs: Rhs::List(items, _),
            ..
        } = &**cmp
        else {
            panic!()
        };
        assert_eq!(&text[lhs.span().start..lhs.span().end], "proc.name");
        assert_eq!((items[1].span.start, items[1].span.end), (41, 42));
    }

    #[test]
    fn errors_point_at_the_offending_token() {
        assert_eq!(
            err("a and b)"),
            (
                7,
                "unexpected token ')': expected 'and', 'or' or the end of the condition".into()
            )
        );
        assert_eq!(
            err("(a"),
            (2, "unexpected end of condition: expected ')'".into())
        );
        assert_eq!(err("a andb").0, 5);
        assert_eq!(err("fd.name = "), (10, "unexpected end of condition: expected a string value or a field with a transformer ('val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt')".into()));
        assert_eq!(err("proc.name in (a,,b)").0, 16);
        assert_eq!(err("fd.num > x").0, 9);
        assert_eq!(err("proc.name ~ x").0, 10);
        assert_eq!(
            err("a.b = 'unterminated"),
            (6, "unterminated quoted string".into())
        );
        assert_eq!(err("").1, "empty condition");
        assert_eq!(err("   ").0, 3);
        let nest = |n: usize| "(".repeat(n) + "a" + &")".repeat(n);
        assert!(parse(&nest(MAX_NESTING), 0).is_ok());
        assert_eq!(
            err(&nest(MAX_NESTING + 1)),
            (
                MAX_NESTING + 1,
                format!("condition nested too deeply (limit {MAX_NESTING} levels)")
            )
        );
        assert!(err(&nest(100_000)).1.contains("nested too deeply"));
    }
}
