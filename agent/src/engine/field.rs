//! The fields rule conditions and outputs can name (`proc.name`, `fd.num`,
//! ...), their value types, and the interface through which the rest of
//! the agent supplies their values for one event.
//!
//! Owns: the catalogue of supported fields (name <-> [`Field`] variant and
//! [`FieldType`]), the [`Value`] a field yields and how a value is rendered
//! in alert text (Falco's spelling: ints in decimal, bools `true`/`false`).
//! Must never: compute a field's value from an event or from process
//! state. That is the job of whoever implements [`FieldSource`]; the
//! engine only asks.

use std::borrow::Cow;
use std::fmt;

/// The type a field's values have. Conditions are type-checked against it
/// when rules load, and right-hand-side values are converted to it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Text (Falco's CHARBUF, FSPATH, FSRELPATH).
    Str,
    /// Signed integer (Falco's INT*/UINT*/PID/FD/ERRNO).
    Int,
    /// Boolean.
    Bool,
}

impl FieldType {
    /// Lowercase name used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Str => "string",
            FieldType::Int => "integer",
            FieldType::Bool => "boolean",
        }
    }
}

macro_rules! fields {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal : $ty:ident, )*) => {
        /// A field the engine knows. Resolved from its name when rules load,
        /// so evaluation never looks at names.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
        }

        impl Field {
            /// Every supported field, in catalogue order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The field's name as written in rules (`proc.name`).
            pub fn name(self) -> &'static str {
                match self {
                    $( Field::$variant => $name, )*
                }
            }

            /// The type of the field's values.
            pub fn field_type(self) -> FieldType {
                match self {
                    $( Field::$variant => FieldType::$ty, )*
                }
            }

            /// The field called `name`, if supported.
            pub fn from_name(name: &str) -> Option<Field> {
                match name {
                    $( $name => Some(Field::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

fields! {
    /// Event (syscall) name: `open`, `openat`, `execve`, ...
    EvtType = "evt.type": Str,
    /// `SUCCESS` for a non-negative return value, otherwise the errno name
    /// (`ENOENT`), as Falco renders it.
    EvtRes = "evt.res": Str,
    /// The raw return value.
    EvtRawres = "evt.rawres": Int,
    /// An open-family event (open, openat, openat2) that asked for read access.
    EvtIsOpenRead = "evt.is_open_read": Bool,
    /// An open-family event that asked for write access.
    EvtIsOpenWrite = "evt.is_open_write": Bool,
    /// Process name: the kernel comm (at most 15 bytes).
    ProcName = "proc.name": Str,
    /// First command-line argument (`argv[0]`) of the process.
    ProcExe = "proc.exe": Str,
    /// Full path of the executable.
    ProcExepath = "proc.exepath": Str,
    /// `proc.name` followed by the arguments, space-joined (Falco's form).
    ProcCmdline = "proc.cmdline": Str,
    /// The arguments (`argv[1..]`) space-joined.
    ProcArgs = "proc.args": Str,
    /// Process id (thread group id).
    ProcPid = "proc.pid": Int,
    /// Parent process id.
    ProcPpid = "proc.ppid": Int,
    /// Parent process name.
    ProcPname = "proc.pname": Str,
    /// Effective user id.
    UserUid = "user.uid": Int,
    /// Full name of the file descriptor's target (absolute path for files).
    FdName = "fd.name": Str,
    /// File descriptor number (negative = the call failed).
    FdNum = "fd.num": Int,
    /// Directory part of `fd.name`.
    FdDirectory = "fd.directory": Str,
    /// File name part of `fd.name`.
    FdFilename = "fd.filename": Str,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One field value of one event. Strings borrow from the event or the
/// process table where possible, so evaluation does not allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
}

impl Value<'_> {
    /// The type of this value.
    pub fn value_type(&self) -> FieldType {
        match self {
            Value::Str(_) => FieldType::Str,
            Value::Int(_) => FieldType::Int,
            Value::Bool(_) => FieldType::Bool,
        }
    }
}

impl fmt::Display for Value<'_> {
    /// Falco's text rendering: strings verbatim, integers in decimal,
    /// booleans `true`/`false`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
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
/// A value of a type other than [`Field::field_type`] is treated like a
/// missing one by conditions (never a panic); outputs still print it.
pub trait FieldSource {
    fn field(&self, f: Field) -> Option<Value<'_>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
        assert_eq!(Field::from_name("proc.nam"), None);
        assert_eq!(Field::FdNum.field_type(), FieldType::Int);
    }

    #[test]
    fn values_render_like_falco() {
        assert_eq!(Value::Int(-2).to_string(), "-2");
        assert_eq!(Value::Bool(true).to_string(), "true");
        assert_eq!(Value::Str("a b".into()).to_string(), "a b");
    }
}
