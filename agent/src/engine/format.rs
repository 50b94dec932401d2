//! Rule output templates: `"... file=%fd.name pid=%proc.pid"`.
//!
//! Syntax as libsinsp's formatter: `%` optionally followed by a width
//! (`%20proc.name` pads or truncates to 20 bytes) and then either a
//! transformer (`%tolower(proc.name)`, `%basename(fd.name)`) or the
//! longest prefix that names a known field, optionally with an argument
//! (`%proc.aname[2]`, `%evt.arg[flags]`, `%evt.arg.flags`), so
//! `%proc.name)` and `%fd.names` (field `fd.name` then `s`) work. There is
//! no escape for a literal `%`. A missing value renders as `<NA>`, as
//! Falco does with its `*` format prefix.
//!
//! Owns: parsing templates once at load (unknown fields are load errors)
//! and rendering them with the values of one event, plus the
//! `output_fields` list (token as written -> value; typed for JSON, where
//! transformer tokens are left out as Falco does).
//! Must never: fail at render time or know about alert transport.

use super::catalog;
use super::condition::lex::Scanner;
use super::condition::parse::parse_operand_prefix;
use super::condition::transform::{compile_operand, Lhs};
use super::field::{Catalog, FieldFlags, FieldRef, FieldSource, Value};
use std::fmt::Write as _;

/// What Falco prints for a field without a value.
pub const NOT_AVAILABLE: &str = "<NA>";

/// A template error at byte `offset` of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub message: String,
    pub offset: usize,
    pub unsupported: bool,
}

fn ferr(message: String, offset: usize) -> FormatError {
    FormatError {
        message,
        offset,
        unsupported: false,
    }
}

#[derive(Debug, Clone)]
enum Part {
    Lit(Box<str>),
    /// Index into `fields`, and the width (0 = as is).
    Field(usize, usize),
}

#[derive(Debug, Clone)]
struct Token {
    /// As written after `%` and the width.
    text: Box<str>,
    value: Lhs,
    /// A transformer: left out of JSON `output_fields`.
    transformed: bool,
    /// A field Falco prints in hex or octal ([`FieldFlags::HEX`]): JSON
    /// carries its text, not a number.
    as_text: bool,
}

/// A parsed output template.
#[derive(Debug, Clone)]
pub struct OutputFormat {
    parts: Box<[Part]>,
    /// Distinct tokens in order of first use.
    fields: Box<[Token]>,
}

const TRANSFORMERS: &[&str] = &[
    "tolower(",
    "toupper(",
    "b64(",
    "basename(",
    "len(",
    "join(",
    "concat(",
    "getopt(",
];

/// The field token at the start of `rest`: (token length, reference).
fn field_token(rest: &str, cat: &dyn Catalog) -> Result<(usize, FieldRef), String> {
    let n = Scanner::new(rest).field_name_len();
    if n == 0 {
        let shown = rest.split_whitespace().next().unwrap_or("");
        return Err(format!("expected a field name after '%', found '{shown}'"));
    }
    if let Some(after) = rest[n..].strip_prefix('[') {
        if let Some(close) = after.find(']') {
            let arg = &after[..close];
            let r = cat.resolve(&rest[..n], Some(arg))?;
            return Ok((n + 1 + close + 1, r));
        }
    }
    // Longest prefix that is a known field (libsinsp shrinks the token
    // one character at a time until it compiles).
    (1..=n)
        .rev()
        .find_map(|len| {
            let cand = &rest[..len];
            (Scanner::new(cand).field_name_len() == len)
                .then(|| cat.resolve(cand, None).ok())
                .flatten()
                .map(|f| (len, f))
        })
        .ok_or_else(|| format!("unknown field '{}'", &rest[..n]))
}

impl OutputFormat {
    /// Parses a template against the syscall fields.
    pub fn parse(text: &str) -> Result<OutputFormat, FormatError> {
        OutputFormat::parse_with(text, catalog::syscall())
    }

    /// Parses a template against the fields of `cat`.
    pub fn parse_with(text: &str, cat: &dyn Catalog) -> Result<OutputFormat, FormatError> {
        let mut parts = Vec::new();
        let mut fields: Vec<Token> = Vec::new();
        let mut lit = String::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'%' {
                let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
                lit.push(ch);
                i += ch.len_utf8().max(1);
                continue;
            }
            let pct = i;
            i += 1;
            if i >= b.len() {
                return Err(ferr("output cannot end with '%'".into(), pct));
            }
            let wstart = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let width = if i > wstart {
                text[wstart..i]
                    .parse::<usize>()
                    .unwrap_or(usize::MAX)
                    .min(1 << 16)
            } else {
                0
            };
            let rest = &text[i..];
            let (len, value, transformed, as_text) =
                if TRANSFORMERS.iter().any(|t| rest.starts_with(t)) {
                    let (op, used) = parse_operand_prefix(rest, 0)
                        .map_err(|e| ferr(e.to_string(), i + e.pos))?;
                    let (lhs, _) = compile_operand(&op, cat, false)
                        .map_err(|e| ferr(e.message, i + e.span.start))?;
                    (used, lhs, true, false)
                } else {
                    let (len, r) = field_token(rest, cat).map_err(|m| ferr(m, i))?;
                    let hex = cat.info(r.id).flags.has(FieldFlags::HEX);
                    (len, Lhs::Field(r), false, hex)
                };
            let token = &rest[..len];
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(&mut lit).into_boxed_str()));
            }
            let idx = match fields.iter().position(|t| &*t.text == token) {
                Some(p) => p,
                None => {
                    fields.push(Token {
                        text: token.into(),
                        value,
                        transformed,
                        as_text,
                    });
                    fields.len() - 1
                }
            };
            parts.push(Part::Field(idx, width));
            i += len;
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit.into_boxed_str()));
        }
        Ok(OutputFormat {
            parts: parts.into_boxed_slice(),
            fields: fields.into_boxed_slice(),
        })
    }

    /// The distinct plain-field tokens of the template (transformers
    /// left out), as written, in order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &FieldRef)> {
        self.fields.iter().filter_map(|t| match &t.value {
            Lhs::Field(f) if !t.transformed => Some((&*t.text, f)),
            _ => None,
        })
    }

    fn text<'a>(&self, values: &[Option<Value<'a>>]) -> (String, Vec<String>) {
        let rendered: Vec<String> = values
            .iter()
            .map(|v| match v {
                Some(v) => v.to_string(),
                None => NOT_AVAILABLE.to_string(),
            })
            .collect();
        let mut out = String::new();
        for p in self.parts.iter() {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Field(i, 0) => out.push_str(&rendered[*i]),
                Part::Field(i, w) => {
                    let v = &rendered[*i];
                    let mut cut = v.len().min(*w);
                    while !v.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    let _ = write!(out, "{:<w$}", &v[..cut], w = *w);
                }
            }
        }
        (out, rendered)
    }

    /// Renders the template for one event: the text, and each distinct
    /// token with its rendered value (`<NA>` when missing).
    pub fn render(&self, src: &dyn FieldSource) -> (String, Vec<(String, String)>) {
        let values: Vec<Option<Value>> = self.fields.iter().map(|t| t.value.eval(src)).collect();
        let (out, rendered) = self.text(&values);
        let fields = self
            .fields
            .iter()
            .zip(rendered)
            .map(|(t, v)| (t.text.to_string(), v))
            .collect();
        (out, fields)
    }

    /// Renders the template for one event: the text, and the typed value
    /// of each distinct plain-field token for JSON `output_fields`
    /// (`None` when missing; fields Falco prints in hex as their text;
    /// transformer tokens left out, as Falco).
    pub fn render_typed(
        &self,
        src: &dyn FieldSource,
    ) -> (String, Vec<(String, Option<Value<'static>>)>) {
        let values: Vec<Option<Value>> = self.fields.iter().map(|t| t.value.eval(src)).collect();
        let (out, rendered) = self.text(&values);
        let fields = self
            .fields
            .iter()
            .zip(values.into_iter().zip(rendered))
            .filter(|(t, _)| !t.transformed)
            .map(|(t, (v, text))| {
                let v = match v {
                    Some(_) if t.as_text => Some(Value::Str(text.into())),
                    v => v.map(Value::into_owned),
                };
                (t.text.to_string(), v)
            })
            .collect();
        (out, fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Field;
    use crate::engine::field::FieldArg;
    use std::borrow::Cow;

    struct S;
    impl FieldSource for S {
        fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
            match Field::from_id(f.id)? {
                Field::ProcName => Some(Value::Str(Cow::Borrowed("Cat"))),
                Field::ProcPid => Some(Value::Int(42)),
                Field::EvtIsOpenRead => Some(Value::Bool(true)),
                Field::FdName => Some(Value::Str(Cow::Borrowed("/etc/shadow"))),
                Field::EvtArg => match &f.arg {
                    FieldArg::Key(k) if &**k == "flags" => {
                        Some(Value::Str(Cow::Borrowed("O_RDONLY")))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
    }

    #[test]
    fn renders_like_falco() {
        let f = OutputFormat::parse("x (%proc.name) pid=%proc.pid r=%evt.is_open_read fd=%fd.directory %proc.names %5proc.pid|%2proc.name|").unwrap();
        let (text, fields) = f.render(&S);
        assert_eq!(text, "x (Cat) pid=42 r=true fd=<NA> Cats 42   |Ca|");
        assert_eq!(
            fields,
            vec![
                ("proc.name".to_string(), "Cat".to_string()),
                ("proc.pid".to_string(), "42".to_string()),
                ("evt.is_open_read".to_string(), "true".to_string()),
                ("fd.directory".to_string(), "<NA>".to_string()),
            ]
        );
    }

    #[test]
    fn arguments_and_transformers() {
        let f = OutputFormat::parse(
            "%evt.arg.flags %evt.arg[flags] %evt.arg[mode] %tolower(proc.name) %basename(fd.name)) %toupper(proc.name)",
        )
        .unwrap();
        let (text, fields) = f.render_typed(&S);
        assert_eq!(text, "O_RDONLY O_RDONLY <NA> cat shadow) CAT");
        let s = |x: &'static str| Some(Value::Str(Cow::Borrowed(x)));
        assert_eq!(
            fields,
            vec![
                ("evt.arg.flags".to_string(), s("O_RDONLY")),
                ("evt.arg[flags]".to_string(), s("O_RDONLY")),
                ("evt.arg[mode]".to_string(), None),
            ]
        );
        let names: Vec<&str> = f.fields().map(|(t, _)| t).collect();
        assert_eq!(names, ["evt.arg.flags", "evt.arg[flags]", "evt.arg[mode]"]);
    }

    #[test]
    fn typed_values() {
        let f =
            OutputFormat::parse("%proc.pid %evt.is_open_read %fd.directory %proc.name").unwrap();
        let (_, fields) = f.render_typed(&S);
        let v: Vec<Option<Value>> = fields.into_iter().map(|(_, v)| v).collect();
        assert_eq!(
            v,
            vec![
                Some(Value::Int(42)),
                Some(Value::Bool(true)),
                None,
                Some(Value::Str(Cow::Borrowed("Cat")))
            ]
        );
    }

    /// A catalogue with one hex-printed integer field.
    struct HexCat;
    const HEX_FIELDS: &[crate::engine::field::FieldInfo] = &[crate::engine::field::FieldInfo {
        name: "t.dev",
        ty: crate::engine::field::FieldType::Int,
        flags: FieldFlags::HEX,
        desc: "",
    }];
    impl Catalog for HexCat {
        fn resolve(&self, name: &str, _: Option<&str>) -> Result<FieldRef, String> {
            (name == "t.dev")
                .then_some(FieldRef {
                    id: crate::engine::field::FieldId(0),
                    arg: FieldArg::None,
                })
                .ok_or_else(|| format!("unknown field '{name}'"))
        }
        fn info(&self, _: crate::engine::field::FieldId) -> &crate::engine::field::FieldInfo {
            &HEX_FIELDS[0]
        }
        fn fields(&self) -> &[crate::engine::field::FieldInfo] {
            HEX_FIELDS
        }
    }
    struct HexSrc;
    impl FieldSource for HexSrc {
        fn field(&self, _: &FieldRef) -> Option<Value<'_>> {
            Some(Value::Int(8))
        }
    }

    #[test]
    fn hex_fields_are_text_in_json() {
        let f = OutputFormat::parse_with("dev=%t.dev", &HexCat).unwrap();
        let (text, fields) = f.render_typed(&HexSrc);
        assert_eq!(text, "dev=8");
        assert_eq!(
            fields,
            vec![("t.dev".to_string(), Some(Value::Str("8".into())))]
        );
    }

    #[test]
    fn errors() {
        let e = OutputFormat::parse("a %proc.nme b").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (3, "unknown field 'proc.nme'")
        );
        assert_eq!(OutputFormat::parse("100%").unwrap_err().offset, 3);
        assert_eq!(OutputFormat::parse("a % b").unwrap_err().offset, 3);
        assert_eq!(
            OutputFormat::parse("%tolower(proc.nme)")
                .unwrap_err()
                .offset,
            9
        );
        assert!(OutputFormat::parse("%tolower(proc.name").is_err());
        assert!(OutputFormat::parse("%len(proc.pid)").is_err());
        assert!(OutputFormat::parse("%proc.name[1]").is_err());
        assert!(OutputFormat::parse("%val(proc.name)").is_err());
    }
}
