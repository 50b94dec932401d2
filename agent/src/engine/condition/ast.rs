//! The syntax tree of a Falco condition, with a span on every node, and its
//! canonical printer.
//!
//! Owns: the shape of parsed conditions (boolean structure, checks, fields,
//! values, lists, transformers, macro references) and `Display`, which
//! prints libsinsp's canonical form (`(a and (b or c))`, values re-escaped)
//! so parses can be compared with Falco's expected strings.
//! Must never: resolve anything. Names of fields, macros and lists stay
//! strings here; meaning is given by `compile` and the rules loader.

use std::fmt;

/// Identifies the text a span points into (a rule's or macro's condition,
/// a list item). The rules loader maps it back to file:line:col.
pub type SrcId = u32;

/// A byte range in the text `src`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub src: SrcId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(src: SrcId, start: usize, end: usize) -> Span {
        Span { src, start, end }
    }
}

/// A boolean expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Two or more children, evaluated left to right.
    And(Vec<Expr>),
    /// Two or more children, evaluated left to right.
    Or(Vec<Expr>),
    Not(Box<Expr>),
    /// A bare identifier in boolean position: a macro reference.
    Macro(String),
    /// `lhs exists`.
    Exists(Box<Operand>),
    /// `lhs op [modifier] rhs`.
    Compare(Box<Compare>),
}

/// `lhs op [modifier] rhs`. Boxed in [`ExprKind`] to keep trees (and the
/// parser's stack frames) small.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    pub lhs: Operand,
    pub op: BinOp,
    pub modifier: Option<Modifier>,
    pub rhs: Rhs,
}

/// Something that yields a value for an event: a field, possibly wrapped
/// in transformers.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Field(FieldRef),
    Transformer(Transformer),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Field(f) => f.span,
            Operand::Transformer(t) => t.span,
        }
    }
}

/// `name` or `name[arg]`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRef {
    pub name: String,
    pub arg: Option<String>,
    /// The whole reference, argument included.
    pub span: Span,
}

/// `tolower(proc.name)`, `join("-", (a.b, c.d))`, `val(proc.pname)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Transformer {
    pub kind: TransformerKind,
    pub args: Vec<TransformerArg>,
    /// Optional `[index]` after the closing parenthesis.
    pub index: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransformerKind {
    ToLower,
    ToUpper,
    B64,
    Basename,
    Len,
    Join,
    Concat,
    Getopt,
    /// `val(field)`: another field's value as the right-hand side.
    Val,
}

impl TransformerKind {
    /// Transformers that may start an operand (every one but `val`).
    pub const OPERAND: &'static [TransformerKind] = &[
        TransformerKind::ToLower,
        TransformerKind::ToUpper,
        TransformerKind::B64,
        TransformerKind::Basename,
        TransformerKind::Len,
        TransformerKind::Join,
        TransformerKind::Concat,
        TransformerKind::Getopt,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TransformerKind::ToLower => "tolower",
            TransformerKind::ToUpper => "toupper",
            TransformerKind::B64 => "b64",
            TransformerKind::Basename => "basename",
            TransformerKind::Len => "len",
            TransformerKind::Join => "join",
            TransformerKind::Concat => "concat",
            TransformerKind::Getopt => "getopt",
            TransformerKind::Val => "val",
        }
    }
}

/// An argument of a transformer.
#[derive(Debug, Clone, PartialEq)]
pub enum TransformerArg {
    Operand(Operand),
    /// A quoted string or a number.
    Value(Literal),
    /// `(a.b, "x", tolower(c.d))`.
    List(Vec<TransformerArg>, Span),
}

/// A constant as written: a quoted string (unescaped), a bare word or a
/// number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub text: String,
    pub quoted: bool,
    pub span: Span,
}

/// Right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Rhs {
    Value(Literal),
    /// `(a, b, "c d")`; the span covers the parentheses.
    List(Vec<Literal>, Span),
    /// A bare identifier after a list operator (`in my_list`): a list name.
    ListRef(Literal),
    /// `val(field)` or a transformer.
    Operand(Operand),
}

/// Comparison operators, spelled as in Falco.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Eq,
    EqEq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Glob,
    IGlob,
    Contains,
    IContains,
    BContains,
    StartsWith,
    BStartsWith,
    EndsWith,
    Regex,
    In,
    Intersects,
    PMatch,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Eq => "=",
            BinOp::EqEq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Glob => "glob",
            BinOp::IGlob => "iglob",
            BinOp::Contains => "contains",
            BinOp::IContains => "icontains",
            BinOp::BContains => "bcontains",
            BinOp::StartsWith => "startswith",
            BinOp::BStartsWith => "bstartswith",
            BinOp::EndsWith => "endswith",
            BinOp::Regex => "regex",
            BinOp::In => "in",
            BinOp::Intersects => "intersects",
            BinOp::PMatch => "pmatch",
        }
    }

    /// Operators whose right-hand side is a list (`in`, `intersects`,
    /// `pmatch`).
    pub fn is_list_op(self) -> bool {
        matches!(self, BinOp::In | BinOp::Intersects | BinOp::PMatch)
    }
}

impl fmt::Display for BinOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `oneof`, `anyof`, `allof` after a string operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    OneOf,
    AnyOf,
    AllOf,
}

impl Modifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::OneOf => "oneof",
            Modifier::AnyOf => "anyof",
            Modifier::AllOf => "allof",
        }
    }
}

/// libsinsp's `escape_str`: a value containing a blank, `=`, a quote, a
/// backslash or a control character is printed double-quoted with escapes.
pub fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    let mut quote = false;
    for c in v.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            ' ' | '=' | '\'' | '\0' => out.push(c),
            c => {
                out.push(c);
                continue;
            }
        }
        quote = true;
    }
    if quote {
        format!("\"{out}\"")
    } else {
        out
    }
}

fn write_joined<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: &[T],
    sep: &str,
) -> fmt::Result {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{it}")?;
    }
    Ok(())
}

impl fmt::Display for Expr {
    /// libsinsp's canonical form (`ast::as_string`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::And(c) => {
                f.write_str("(")?;
                write_joined(f, c, " and ")?;
                f.write_str(")")
            }
            ExprKind::Or(c) => {
                f.write_str("(")?;
                write_joined(f, c, " or ")?;
                f.write_str(")")
            }
            ExprKind::Not(c) => write!(f, "not {c}"),
            ExprKind::Macro(name) => f.write_str(name),
            ExprKind::Exists(lhs) => write!(f, "{lhs} exists"),
            ExprKind::Compare(c) => {
                let Compare {
                    lhs,
                    op,
                    modifier,
                    rhs,
                } = &**c;
                write!(f, "{lhs} {op} ")?;
                if let Some(m) = modifier {
                    write!(f, "{} ", m.as_str())?;
                }
                write!(f, "{rhs}")
            }
        }
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Field(fr) => write!(f, "{fr}"),
            Operand::Transformer(t) => write!(f, "{t}"),
        }
    }
}

impl fmt::Display for FieldRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(a) = &self.arg {
            write!(f, "[{a}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for Transformer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.kind.name())?;
        write_joined(f, &self.args, ",")?;
        f.write_str(")")?;
        if let Some(a) = &self.index {
            write!(f, "[{a}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for TransformerArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransformerArg::Operand(o) => write!(f, "{o}"),
            TransformerArg::Value(l) => write!(f, "{l}"),
            TransformerArg::List(items, _) => {
                f.write_str("(")?;
                write_joined(f, items, ",")?;
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_value(&self.text))
    }
}

impl fmt::Display for Rhs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rhs::Value(l) | Rhs::ListRef(l) => write!(f, "{l}"),
            Rhs::List(items, _) => {
                f.write_str("(")?;
                write_joined(f, items, ", ")?;
                f.write_str(")")
            }
            Rhs::Operand(o) => write!(f, "{o}"),
        }
    }
}
