//! The interface between the engine and whoever knows field values: field
//! types, field references (a catalogue id plus an optional argument),
//! values, the [`Catalog`] that resolves names, and the [`FieldSource`]
//! that answers one event's field requests.
//!
//! Owns: the shape of a field (name, [`FieldType`], [`FieldFlags`]), of a
//! resolved reference ([`FieldRef`]), of a [`Value`], and how a value is
//! rendered in alert text (Falco's spelling: integers in decimal, booleans
//! `true`/`false`, addresses in their usual text form).
//! Must never: compute a value from an event or from process state (that
//! is the [`FieldSource`] implementor's job), or list the syscall fields
//! themselves (that is [`crate::engine::catalog`]).

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;

/// The type of a field's values. Conditions are type-checked against it
/// when rules load, and right-hand-side values are converted to it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Text (libsinsp CHARBUF, FSPATH, FSRELPATH, DYN).
    Str,
    /// Integer (libsinsp INT*/UINT*, PID, FD, ERRNO, PORT, RELTIME,
    /// ABSTIME; unsigned 64-bit values above `i64::MAX` wrap).
    Int,
    /// Boolean.
    Bool,
    /// Raw bytes (libsinsp BYTEBUF): `bcontains`, `bstartswith`.
    Bytes,
    /// An IPv4 or IPv6 address.
    Ip,
    /// An address compared against networks (`fd.net = 10.0.0.0/8`): the
    /// source yields a [`Value::Ip`], the right-hand side is a CIDR.
    Net,
    /// Floating point.
    Double,
}

impl FieldType {
    /// Lowercase name used in error messages and `lanner list-fields`.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Str => "string",
            FieldType::Int => "integer",
            FieldType::Bool => "boolean",
            FieldType::Bytes => "bytes",
            FieldType::Ip => "ipaddr",
            FieldType::Net => "ipnet",
            FieldType::Double => "double",
        }
    }
}

/// Properties of a field (libsinsp's `EPF_*` flags plus lanner's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FieldFlags(pub u16);

impl FieldFlags {
    pub const NONE: FieldFlags = FieldFlags(0);
    /// The field must have an argument (`evt.arg[flags]`, `evt.arg.flags`).
    pub const ARG_REQUIRED: FieldFlags = FieldFlags(1 << 0);
    /// The field may have an argument (`proc.aname[2]`, `proc.env[HOME]`).
    pub const ARG_ALLOWED: FieldFlags = FieldFlags(1 << 1);
    /// The argument, when present, must be a non-negative integer.
    pub const ARG_INDEX: FieldFlags = FieldFlags(1 << 2);
    /// The field may not appear on a right-hand side (`val(...)`).
    pub const NO_RHS: FieldFlags = FieldFlags(1 << 3);
    /// No transformer may wrap the field.
    pub const NO_TRANSFORMER: FieldFlags = FieldFlags(1 << 4);
    /// The value is a list (`fd.types`): `in`/`intersects` compare sets.
    pub const IS_LIST: FieldFlags = FieldFlags(1 << 5);
    /// Only usable in conditions, not in outputs (`fd.ip`, `fd.port`).
    pub const FILTER_ONLY: FieldFlags = FieldFlags(1 << 6);
    /// Deprecated (loading warns, `LOAD_DEPRECATED_ITEM`).
    pub const DEPRECATED: FieldFlags = FieldFlags(1 << 7);
    /// Without an argument the field means "any ancestor" (`proc.aname`):
    /// the source yields a [`Value::List`] of the ancestors' values and a
    /// check holds when it holds for any of them.
    pub const ANCESTOR: FieldFlags = FieldFlags(1 << 8);
    /// Printed in hex/octal by Falco, so JSON `output_fields` carry a string.
    pub const HEX: FieldFlags = FieldFlags(1 << 9);
    /// libsinsp's EPF_NO_PTR_STABILITY (informational).
    pub const NO_PTR_STABILITY: FieldFlags = FieldFlags(1 << 10);
    /// libsinsp's EPF_TABLE_ONLY (informational).
    pub const TABLE_ONLY: FieldFlags = FieldFlags(1 << 11);
    /// libsinsp's EPF_PRINT_ONLY.
    pub const PRINT_ONLY: FieldFlags = FieldFlags(1 << 12);

    pub const fn has(self, f: FieldFlags) -> bool {
        self.0 & f.0 == f.0
    }
}

impl std::ops::BitOr for FieldFlags {
    type Output = FieldFlags;
    fn bitor(self, o: FieldFlags) -> FieldFlags {
        FieldFlags(self.0 | o.0)
    }
}

/// What a catalogue says about one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// The name as written in rules (`proc.name`).
    pub name: &'static str,
    pub ty: FieldType,
    pub flags: FieldFlags,
    /// One-line description for `lanner list-fields`.
    pub desc: &'static str,
}

/// A field's position in its catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId(pub u16);

/// A field's argument: `proc.aname[2]` -> `Index(2)`, `proc.env[HOME]` and
/// `evt.arg.flags` -> `Key("HOME")`, `Key("flags")`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldArg {
    None,
    Index(u32),
    Key(Box<str>),
}

/// A resolved field reference: what a compiled condition or output asks a
/// [`FieldSource`] for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldRef {
    pub id: FieldId,
    pub arg: FieldArg,
}

/// The fields of one event source (Falco's `source: syscall`), by name.
pub trait Catalog {
    /// Resolves `name` with the argument as written (`[...]` content, or
    /// the dotted tail for forms like `evt.arg.flags`), checking the
    /// argument against the field's flags. The error is a message for
    /// the user ("unknown field 'proc.nme'", "field 'evt.arg' requires an
    /// argument").
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldRef, String>;
    /// What the catalogue says about a resolved field.
    fn info(&self, id: FieldId) -> &FieldInfo;
    /// Every field, in catalogue order.
    fn fields(&self) -> &[FieldInfo];
}

/// One field value of one event. Strings borrow from the event or the
/// process table where possible, so evaluation need not allocate.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    Bytes(Cow<'a, [u8]>),
    Ip(IpAddr),
    Double(f64),
    /// A list-valued field ([`FieldFlags::IS_LIST`]) or the ancestors of
    /// an [`FieldFlags::ANCESTOR`] field without an index. Borrowed when
    /// the source keeps the list (`fd.ip`'s two ends), so a check on it
    /// need not allocate.
    List(Items<'a>),
}

/// A list value's elements: owned, or borrowed from the source.
#[derive(Debug, Clone)]
pub enum Items<'a> {
    Owned(Vec<Value<'a>>),
    Borrowed(&'a [Value<'a>]),
}

impl<'a> std::ops::Deref for Items<'a> {
    type Target = [Value<'a>];
    fn deref(&self) -> &[Value<'a>] {
        match self {
            Items::Owned(v) => v,
            Items::Borrowed(s) => s,
        }
    }
}

impl PartialEq for Items<'_> {
    /// Same elements, owned or not.
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<'a> Items<'a> {
    /// The elements as an owned vector.
    pub fn into_vec(self) -> Vec<Value<'a>> {
        match self {
            Items::Owned(v) => v,
            Items::Borrowed(s) => s.to_vec(),
        }
    }
}

impl<'a> Value<'a> {
    /// A list value that owns its elements.
    pub fn list(items: Vec<Value<'a>>) -> Value<'a> {
        Value::List(Items::Owned(items))
    }

    /// The type of this value (of its first element for a list; `None`
    /// for an empty list).
    pub fn value_type(&self) -> Option<FieldType> {
        Some(match self {
            Value::Str(_) => FieldType::Str,
            Value::Int(_) => FieldType::Int,
            Value::Bool(_) => FieldType::Bool,
            Value::Bytes(_) => FieldType::Bytes,
            Value::Ip(_) => FieldType::Ip,
            Value::Double(_) => FieldType::Double,
            Value::List(v) => return v.first().and_then(Value::value_type),
        })
    }

    /// An owned copy (for values kept beyond the event).
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Str(s) => Value::Str(Cow::Owned(s.into_owned())),
            Value::Int(i) => Value::Int(i),
            Value::Bool(b) => Value::Bool(b),
            Value::Bytes(b) => Value::Bytes(Cow::Owned(b.into_owned())),
            Value::Ip(a) => Value::Ip(a),
            Value::Double(d) => Value::Double(d),
            Value::List(v) => {
                Value::list(v.into_vec().into_iter().map(Value::into_owned).collect())
            }
        }
    }
}

impl fmt::Display for Value<'_> {
    /// Falco's text rendering: strings verbatim, integers in decimal,
    /// booleans `true`/`false`, bytes with non-printables as `.`, lists
    /// as `(a,b)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::Bytes(b) => {
                for &c in b.iter() {
                    let c = if c.is_ascii_graphic() || c == b' ' {
                        c as char
                    } else {
                        '.'
                    };
                    write!(f, "{c}")?;
                }
                Ok(())
            }
            Value::Ip(a) => write!(f, "{a}"),
            Value::Double(d) => write!(f, "{d}"),
            Value::List(v) => {
                f.write_str("(")?;
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{x}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// Supplies field values for the event being evaluated.
///
/// `None` means the field has no value for this event (e.g. `fd.name` on an
/// `execve`, or a thread the process table does not know). The engine then
/// follows Falco: every comparison on that field is false, including `!=`
/// (so `not` of it is true), `exists` is false, and outputs print `<NA>`.
///
/// A value of a type other than the field's is treated like a missing one
/// by conditions (never a panic); outputs still print it.
pub trait FieldSource {
    fn field(&self, f: &FieldRef) -> Option<Value<'_>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_render_like_falco() {
        assert_eq!(Value::Int(-2).to_string(), "-2");
        assert_eq!(Value::Bool(true).to_string(), "true");
        assert_eq!(Value::Str("a b".into()).to_string(), "a b");
        assert_eq!(
            Value::list(vec![Value::Str("a".into()), Value::Int(1)]).to_string(),
            "(a,1)"
        );
        assert_eq!(Value::Bytes(Cow::Borrowed(b"ab\x01")).to_string(), "ab.");
    }

    #[test]
    fn flags() {
        let f = FieldFlags::ARG_ALLOWED | FieldFlags::ANCESTOR;
        assert!(f.has(FieldFlags::ANCESTOR) && !f.has(FieldFlags::IS_LIST));
    }
}
