//! Field transformers (`tolower(proc.name)`, `len(...)`, `join(...)`,
//! `getopt(...)`) and `val(field)`: compiling an [`Operand`] into an
//! [`Lhs`] with its result type, and computing its value for an event.
//!
//! Type rules (libsinsp's): `tolower`, `toupper`, `basename` take a
//! string and give a string; `b64` decodes a string or byte buffer into
//! the same type; `len` gives an integer (the byte length, or the number
//! of elements of a list field); `join(sep, (a, b, ...))` and
//! `concat(a, b, ...)` give a string from strings and constants;
//! `getopt(args, "optstring")[o]` gives option `o`'s argument. Fields
//! flagged NO_TRANSFORMER cannot be wrapped; `val()` is only a right-hand
//! side and refuses NO_RHS fields. A missing input makes the result
//! missing; an undecodable `b64` input too.
//! Owns: transformer type checking and evaluation.
//! Must never: panic, or allocate for a plain field (only transformers
//! build new values).

use super::ast::{Operand, Span, TransformerArg, TransformerKind};
use super::compile::{error, CResult, CompileError};
use super::textfn::{b64_decode, getopt};
use crate::engine::field::{Catalog, FieldFlags, FieldRef, FieldSource, FieldType, Value};
use std::borrow::Cow;

/// A compiled operand: a field, or a transformer over operands (what an
/// output template's `%tolower(proc.name)` evaluates too).
#[derive(Debug, Clone)]
pub enum Lhs {
    Field(FieldRef),
    Xf(Box<Xf>),
}

#[derive(Debug, Clone)]
pub struct Xf {
    kind: TransformerKind,
    args: Box<[XArg]>,
    /// getopt's `[o]`.
    key: Option<Box<str>>,
    /// `len` of a list field counts its elements.
    count_list: bool,
}

#[derive(Debug, Clone)]
enum XArg {
    Op(Lhs),
    Const(Box<str>),
}

/// What the compiler knows about an operand's values.
#[derive(Debug, Clone, Copy)]
pub struct OpInfo {
    pub ty: FieldType,
    pub flags: FieldFlags,
    /// The (innermost first) field's name.
    pub name: &'static str,
    /// A plain field reference without an argument or transformer.
    pub plain: bool,
}

fn strip_list(f: FieldFlags) -> FieldFlags {
    FieldFlags(f.0 & !(FieldFlags::IS_LIST.0 | FieldFlags::ANCESTOR.0))
}

/// Compiles an operand. `rhs` allows `val(...)` (and only there).
pub fn compile_operand(
    op: &Operand,
    cat: &dyn Catalog,
    rhs: bool,
) -> Result<(Lhs, OpInfo), CompileError> {
    match op {
        Operand::Field(f) => {
            let r = cat
                .resolve(&f.name, f.arg.as_deref())
                .map_err(|m| error(m, f.span))?;
            let info = *cat.info(r.id);
            let plain = f.arg.is_none() && f.name == info.name;
            Ok((
                Lhs::Field(r),
                OpInfo {
                    ty: info.ty,
                    flags: info.flags,
                    name: info.name,
                    plain,
                },
            ))
        }
        Operand::Transformer(t) => {
            let name = t.kind.name();
            if t.index.is_some() && t.kind != TransformerKind::Getopt {
                return Err(error(
                    format!("transformer '{name}' does not take an index"),
                    t.span,
                ));
            }
            if t.kind == TransformerKind::Val {
                let Some(TransformerArg::Operand(o @ Operand::Field(_))) = t.args.first() else {
                    return Err(error("'val' takes one field", t.span));
                };
                if !rhs {
                    return Err(error(
                        "'val' can only be used on the right-hand side of a comparison",
                        t.span,
                    ));
                }
                let (l, info) = compile_operand(o, cat, false)?;
                if info.flags.has(FieldFlags::NO_RHS) {
                    return Err(error(
                        format!(
                            "field '{}' cannot be used on the right-hand side",
                            info.name
                        ),
                        t.span,
                    ));
                }
                return Ok((
                    l,
                    OpInfo {
                        plain: false,
                        ..info
                    },
                ));
            }
            compile_transformer(t.kind, &t.args, t.index.as_deref(), t.span, cat)
        }
    }
}

fn compile_transformer(
    kind: TransformerKind,
    args: &[TransformerArg],
    index: Option<&str>,
    span: Span,
    cat: &dyn Catalog,
) -> CResult<(Lhs, OpInfo)> {
    use TransformerKind as K;
    let name = kind.name();
    let operand = |a: &TransformerArg| -> CResult<(Lhs, OpInfo)> {
        let TransformerArg::Operand(o) = a else {
            return Err(error(
                format!("transformer '{name}' takes a field or a transformer here"),
                span,
            ));
        };
        let (l, info) = compile_operand(o, cat, false)?;
        if info.flags.has(FieldFlags::NO_TRANSFORMER) {
            return Err(error(
                format!(
                    "field '{}' cannot be used with transformer '{name}'",
                    info.name
                ),
                o.span(),
            ));
        }
        Ok((l, info))
    };
    let type_err = |info: &OpInfo| {
        error(
            format!(
                "transformer '{name}' cannot be applied to field '{}' of type {}",
                info.name,
                info.ty.name()
            ),
            span,
        )
    };
    let arity = |n: usize| -> CResult<()> {
        if args.len() == n {
            Ok(())
        } else {
            Err(error(
                format!(
                    "transformer '{name}' takes {n} argument(s), got {}",
                    args.len()
                ),
                span,
            ))
        }
    };
    let xf = |args: Vec<XArg>, count_list: bool, key: Option<&str>| {
        Lhs::Xf(Box::new(Xf {
            kind,
            args: args.into(),
            key: key.map(Box::from),
            count_list,
        }))
    };
    let string_info = |first: &OpInfo| OpInfo {
        ty: FieldType::Str,
        flags: strip_list(first.flags),
        name: first.name,
        plain: false,
    };
    match kind {
        K::ToLower | K::ToUpper | K::Basename | K::B64 | K::Len => {
            arity(1)?;
            let (l, info) = operand(&args[0])?;
            let ok = match kind {
                K::B64 => matches!(info.ty, FieldType::Str | FieldType::Bytes),
                K::Len => {
                    matches!(info.ty, FieldType::Str | FieldType::Bytes)
                        || info.flags.has(FieldFlags::IS_LIST)
                }
                _ => info.ty == FieldType::Str,
            };
            if !ok {
                return Err(type_err(&info));
            }
            let count_list = info.flags.has(FieldFlags::IS_LIST);
            let out = if kind == K::Len {
                OpInfo {
                    ty: FieldType::Int,
                    flags: if count_list {
                        strip_list(info.flags)
                    } else {
                        info.flags
                    },
                    plain: false,
                    ..info
                }
            } else {
                OpInfo {
                    plain: false,
                    ..info
                }
            };
            Ok((xf(vec![XArg::Op(l)], count_list, None), out))
        }
        K::Concat | K::Join => {
            let items: &[TransformerArg] = if kind == K::Join {
                arity(2)?;
                match &args[1] {
                    TransformerArg::List(items, _) => items,
                    _ => return Err(error("'join' takes a separator and a list", span)),
                }
            } else {
                if args.len() < 2 {
                    return Err(error("'concat' takes at least two arguments", span));
                }
                args
            };
            let mut out = Vec::new();
            if kind == K::Join {
                let TransformerArg::Value(sep) = &args[0] else {
                    return Err(error("'join' takes a constant separator first", span));
                };
                out.push(XArg::Const(sep.text.as_str().into()));
            }
            let mut first: Option<OpInfo> = None;
            for a in items {
                match a {
                    TransformerArg::Value(l) => out.push(XArg::Const(l.text.as_str().into())),
                    TransformerArg::List(..) => {
                        return Err(error(format!("nested list in '{name}'"), span))
                    }
                    TransformerArg::Operand(_) => {
                        let (l, info) = operand(a)?;
                        if info.ty != FieldType::Str {
                            return Err(type_err(&info));
                        }
                        first.get_or_insert(info);
                        out.push(XArg::Op(l));
                    }
                }
            }
            let info = first.map_or(
                OpInfo {
                    ty: FieldType::Str,
                    flags: FieldFlags::NONE,
                    name: "",
                    plain: false,
                },
                |f| string_info(&f),
            );
            Ok((xf(out, false, None), info))
        }
        K::Getopt => {
            arity(2)?;
            let Some(key) = index else {
                return Err(error(
                    "'getopt' needs an option: getopt(field, \"ab:\")[b]",
                    span,
                ));
            };
            let (l, info) = operand(&args[0])?;
            if info.ty != FieldType::Str {
                return Err(type_err(&info));
            }
            let TransformerArg::Value(opts) = &args[1] else {
                return Err(error("'getopt' takes a constant option string", span));
            };
            let v = vec![XArg::Op(l), XArg::Const(opts.text.as_str().into())];
            Ok((xf(v, false, Some(key)), string_info(&info)))
        }
        K::Val => Err(error("'val' cannot be nested in a transformer", span)),
    }
}

impl Lhs {
    /// The operand's value for the current event; `None` when missing.
    #[inline]
    pub fn eval<'a>(&self, src: &'a dyn FieldSource) -> Option<Value<'a>> {
        match self {
            Lhs::Field(f) => src.field(f),
            Lhs::Xf(x) => x.eval(src),
        }
    }
}

/// Applies `f` to a value, element by element for lists.
fn map<'a>(v: Value<'a>, f: &dyn Fn(Value<'a>) -> Option<Value<'a>>) -> Option<Value<'a>> {
    match v {
        Value::List(items) => Some(Value::list(
            items
                .into_vec()
                .into_iter()
                .filter_map(|x| map(x, f))
                .collect(),
        )),
        v => f(v),
    }
}

fn str_map<'a>(v: Value<'a>, f: fn(&str) -> String) -> Option<Value<'a>> {
    map(v, &|x| match x {
        Value::Str(s) => Some(Value::Str(Cow::Owned(f(&s)))),
        _ => None,
    })
}

/// Appends a value's text form (lists element by element, no separator).
fn push_text(out: &mut String, v: &Value) {
    match v {
        Value::Str(s) => out.push_str(s),
        Value::List(items) => items.iter().for_each(|x| push_text(out, x)),
        v => out.push_str(&v.to_string()),
    }
}

impl Xf {
    fn arg<'a>(&self, i: usize, src: &'a dyn FieldSource) -> Option<Value<'a>> {
        match self.args.get(i)? {
            XArg::Op(l) => l.eval(src),
            XArg::Const(c) => Some(Value::Str(Cow::Owned(c.to_string()))),
        }
    }

    // Out of line, so that `Lhs::eval` on a plain field stays small.
    #[inline(never)]
    fn eval<'a>(&self, src: &'a dyn FieldSource) -> Option<Value<'a>> {
        use TransformerKind as K;
        match self.kind {
            K::ToLower => str_map(self.arg(0, src)?, |s| s.to_ascii_lowercase()),
            K::ToUpper => str_map(self.arg(0, src)?, |s| s.to_ascii_uppercase()),
            K::Basename => str_map(self.arg(0, src)?, |s| {
                s.rsplit('/').next().unwrap_or_default().to_string()
            }),
            K::B64 => map(self.arg(0, src)?, &|x| match x {
                Value::Str(s) => {
                    let d = b64_decode(s.as_bytes())?;
                    Some(Value::Str(Cow::Owned(
                        String::from_utf8_lossy(&d).into_owned(),
                    )))
                }
                Value::Bytes(b) => Some(Value::Bytes(Cow::Owned(b64_decode(&b)?))),
                _ => None,
            }),
            K::Len => {
                let v = self.arg(0, src)?;
                if self.count_list {
                    if let Value::List(items) = &v {
                        return Some(Value::Int(items.len() as i64));
                    }
                }
                map(v, &|x| match x {
                    Value::Str(s) => Some(Value::Int(s.len() as i64)),
                    Value::Bytes(b) => Some(Value::Int(b.len() as i64)),
                    _ => None,
                })
            }
            K::Concat => {
                let mut out = String::new();
                for i in 0..self.args.len() {
                    push_text(&mut out, &self.arg(i, src)?);
                }
                Some(Value::Str(Cow::Owned(out)))
            }
            K::Join => {
                let XArg::Const(sep) = self.args.first()? else {
                    return None;
                };
                let mut parts: Vec<String> = Vec::new();
                for i in 1..self.args.len() {
                    match self.arg(i, src)? {
                        Value::List(items) => parts.extend(items.iter().map(|x| {
                            let mut s = String::new();
                            push_text(&mut s, x);
                            s
                        })),
                        v => {
                            let mut s = String::new();
                            push_text(&mut s, &v);
                            parts.push(s);
                        }
                    }
                }
                Some(Value::Str(Cow::Owned(parts.join(sep))))
            }
            K::Getopt => {
                let v = self.arg(0, src)?;
                let XArg::Const(opts) = self.args.get(1)? else {
                    return None;
                };
                let key = self.key.as_deref()?;
                let args: Vec<String> = match &v {
                    Value::List(items) => items.iter().map(|x| x.to_string()).collect(),
                    v => v
                        .to_string()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                };
                getopt(&args, opts, key).map(|s| Value::Str(Cow::Owned(s)))
            }
            K::Val => None,
        }
    }
}
