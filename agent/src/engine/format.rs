//! Rule output templates: `"... file=%fd.name pid=%proc.pid"`.
//!
//! Syntax as libsinsp's formatter: `%` optionally followed by a width
//! (`%20proc.name` pads or truncates to 20 bytes) and then the longest
//! prefix that names a known field, so `%proc.name)` and `%fd.names` (field
//! `fd.name` then `s`) work. There is no escape for a literal `%`. A missing
//! value renders as `<NA>`, as Falco does with its `*` format prefix.
//!
//! Owns: parsing templates once at load (unknown fields are load errors)
//! and rendering them with the values of one event, plus the
//! `output_fields` list (token as written -> rendered value).
//! Must never: fail at render time or know about alert transport.

use super::catalog;
use super::condition::lex::Scanner;
use super::field::{Catalog, FieldRef, FieldSource};
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

#[derive(Debug, Clone)]
enum Part {
    Lit(Box<str>),
    /// Index into `fields`, and the width (0 = as is).
    Field(usize, usize),
}

/// A parsed output template.
#[derive(Debug, Clone)]
pub struct OutputFormat {
    parts: Box<[Part]>,
    /// Distinct fields in order of first use, with the token as written.
    fields: Box<[(Box<str>, FieldRef)]>,
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
    "val(",
];

impl OutputFormat {
    pub fn parse(text: &str) -> Result<OutputFormat, FormatError> {
        let mut parts = Vec::new();
        let mut fields: Vec<(Box<str>, FieldRef)> = Vec::new();
        let cat = catalog::syscall();
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
                return Err(FormatError {
                    message: "output cannot end with '%'".into(),
                    offset: pct,
                    unsupported: false,
                });
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
            if let Some(t) = TRANSFORMERS.iter().find(|t| text[i..].starts_with(**t)) {
                return Err(FormatError {
                    message: format!("transformer '{}' not supported yet", &t[..t.len() - 1]),
                    offset: i,
                    unsupported: true,
                });
            }
            let rest = &text[i..];
            let n = Scanner::new(rest).field_name_len();
            // Longest prefix that is a known field (libsinsp shrinks the
            // token one character at a time until it compiles).
            let found = (1..=n).rev().find_map(|len| {
                let cand = &rest[..len];
                (Scanner::new(cand).field_name_len() == len)
                    .then(|| cat.resolve(cand, None).ok())
                    .flatten()
                    .map(|f| (cand, f))
            });
            let Some((token, field)) = found else {
                let shown = if n > 0 {
                    &rest[..n]
                } else {
                    rest.split_whitespace().next().unwrap_or("")
                };
                return Err(FormatError {
                    message: if n > 0 {
                        format!("unknown field '{shown}'")
                    } else {
                        format!("expected a field name after '%', found '{shown}'")
                    },
                    offset: i,
                    unsupported: false,
                });
            };
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(&mut lit).into_boxed_str()));
            }
            let idx = match fields.iter().position(|(t, _)| &**t == token) {
                Some(p) => p,
                None => {
                    fields.push((token.into(), field));
                    fields.len() - 1
                }
            };
            parts.push(Part::Field(idx, width));
            i += token.len();
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit.into_boxed_str()));
        }
        Ok(OutputFormat {
            parts: parts.into_boxed_slice(),
            fields: fields.into_boxed_slice(),
        })
    }

    /// The distinct fields of the template, as written, in order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &FieldRef)> {
        self.fields.iter().map(|(t, f)| (&**t, f))
    }

    /// Renders the template for one event: the text, and each distinct
    /// field token with its rendered value (`<NA>` when missing).
    pub fn render(&self, src: &dyn FieldSource) -> (String, Vec<(String, String)>) {
        let values: Vec<String> = self
            .fields
            .iter()
            .map(|(_, f)| match src.field(f) {
                Some(v) => v.to_string(),
                None => NOT_AVAILABLE.to_string(),
            })
            .collect();
        let mut out = String::new();
        for p in self.parts.iter() {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Field(i, 0) => out.push_str(&values[*i]),
                Part::Field(i, w) => {
                    let v = &values[*i];
                    let mut cut = v.len().min(*w);
                    while !v.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    let _ = write!(out, "{:<w$}", &v[..cut], w = *w);
                }
            }
        }
        let fields = self
            .fields
            .iter()
            .zip(values)
            .map(|((t, _), v)| (t.to_string(), v))
            .collect();
        (out, fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Field;
    use crate::engine::field::Value;
    use std::borrow::Cow;

    struct S;
    impl FieldSource for S {
        fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
            match Field::from_id(f.id)? {
                Field::ProcName => Some(Value::Str(Cow::Borrowed("cat"))),
                Field::ProcPid => Some(Value::Int(42)),
                Field::EvtIsOpenRead => Some(Value::Bool(true)),
                _ => None,
            }
        }
    }

    #[test]
    fn renders_like_falco() {
        let f = OutputFormat::parse("x (%proc.name) pid=%proc.pid r=%evt.is_open_read fd=%fd.name %proc.names %5proc.pid|%2proc.name|").unwrap();
        let (text, fields) = f.render(&S);
        assert_eq!(text, "x (cat) pid=42 r=true fd=<NA> cats 42   |ca|");
        assert_eq!(
            fields,
            vec![
                ("proc.name".to_string(), "cat".to_string()),
                ("proc.pid".to_string(), "42".to_string()),
                ("evt.is_open_read".to_string(), "true".to_string()),
                ("fd.name".to_string(), "<NA>".to_string()),
            ]
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
        assert!(
            OutputFormat::parse("%tolower(proc.name)")
                .unwrap_err()
                .unsupported
        );
    }
}
