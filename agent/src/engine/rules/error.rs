//! Falco's load result codes (errors and warnings), located diagnostics,
//! and [`LoadError`], the first error of a failed load.
//!
//! Owns: the code tables (`LOAD_ERR_*`, `LOAD_*`) with Falco's names and
//! descriptions, the context chain of a diagnostic (rules content -> item
//! -> value), and its rendering (`file:line:col: CODE: message`, then the
//! source line and a caret).
//! Must never: decide what is an error (the reader, collector and compiler
//! do), or lose a position: every diagnostic built here carries the best
//! position known.

use super::text::{Loc, Registry};
use crate::engine::yaml::{self, Mark};
use std::fmt;

/// Falco's load error codes (`falco::load_result::error_code`), plus
/// `Unsupported` for valid Falco that lanner does not implement yet
/// (reported as `LOAD_ERR_COMPILE_CONDITION`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadErrorKind {
    /// `LOAD_ERR_FILE_READ`: the file could not be read.
    FileRead,
    /// `LOAD_ERR_YAML_PARSE`: invalid YAML.
    YamlParse,
    /// `LOAD_ERR_YAML_VALIDATE`: valid YAML, wrong shape.
    YamlValidate,
    /// `LOAD_ERR_COMPILE_CONDITION`: the condition does not parse or compile.
    CompileCondition,
    /// `LOAD_ERR_COMPILE_OUTPUT`: the output does not compile.
    CompileOutput,
    /// `LOAD_ERR_VALIDATE`: undefined macro, loop, append without a
    /// definition, version mismatch, exception structure.
    Validate,
    /// `LOAD_ERR_EXTENSION`.
    Extension,
    /// Falco syntax or feature lanner does not implement yet.
    Unsupported,
}

impl LoadErrorKind {
    /// Falco's code name.
    pub fn code(self) -> &'static str {
        match self {
            LoadErrorKind::FileRead => "LOAD_ERR_FILE_READ",
            LoadErrorKind::YamlParse => "LOAD_ERR_YAML_PARSE",
            LoadErrorKind::YamlValidate => "LOAD_ERR_YAML_VALIDATE",
            LoadErrorKind::CompileCondition | LoadErrorKind::Unsupported => {
                "LOAD_ERR_COMPILE_CONDITION"
            }
            LoadErrorKind::CompileOutput => "LOAD_ERR_COMPILE_OUTPUT",
            LoadErrorKind::Validate => "LOAD_ERR_VALIDATE",
            LoadErrorKind::Extension => "LOAD_ERR_EXTENSION",
        }
    }

    /// Falco's short description (what its JSON calls `codedesc`).
    pub fn desc(self) -> &'static str {
        match self {
            LoadErrorKind::FileRead => "File read error",
            LoadErrorKind::YamlParse => "YAML parse error",
            LoadErrorKind::YamlValidate => "Error validating internal structure of YAML file",
            LoadErrorKind::CompileCondition | LoadErrorKind::Unsupported => {
                "Error compiling condition"
            }
            LoadErrorKind::CompileOutput => "Error compiling output",
            LoadErrorKind::Validate => "Error validating rule/macro/list/exception objects",
            LoadErrorKind::Extension => "Error in extension item",
        }
    }
}

/// Falco's load warning codes (`falco::load_result::warning_code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningCode {
    UnknownSource,
    UnsafeNaCheck,
    NoEvttype,
    UnknownFilter,
    UnusedMacro,
    UnusedList,
    UnknownItem,
    DeprecatedItem,
    WarningExtension,
    AppendNoValues,
    ExceptionNameNotUnique,
    InvalidMacroName,
    InvalidListName,
    CompileCondition,
    UnknownKey,
}

impl WarningCode {
    pub fn code(self) -> &'static str {
        use WarningCode::*;
        match self {
            UnknownSource => "LOAD_UNKNOWN_SOURCE",
            UnsafeNaCheck => "LOAD_UNSAFE_NA_CHECK",
            NoEvttype => "LOAD_NO_EVTTYPE",
            UnknownFilter => "LOAD_UNKNOWN_FILTER",
            UnusedMacro => "LOAD_UNUSED_MACRO",
            UnusedList => "LOAD_UNUSED_LIST",
            UnknownItem => "LOAD_UNKNOWN_ITEM",
            DeprecatedItem => "LOAD_DEPRECATED_ITEM",
            WarningExtension => "LOAD_WARNING_EXTENSION",
            AppendNoValues => "LOAD_APPEND_NO_VALUES",
            ExceptionNameNotUnique => "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
            InvalidMacroName => "LOAD_INVALID_MACRO_NAME",
            InvalidListName => "LOAD_INVALID_LIST_NAME",
            CompileCondition => "LOAD_COMPILE_CONDITION",
            UnknownKey => "LOAD_UNKNOWN_KEY",
        }
    }

    pub fn desc(self) -> &'static str {
        use WarningCode::*;
        match self {
            UnknownSource => "Unknown event source",
            UnsafeNaCheck => "Unsafe <NA> comparison in condition",
            NoEvttype => "Condition has no event-type restriction",
            UnknownFilter => "Unknown field or event-type in condition or output",
            UnusedMacro => "Unused macro",
            UnusedList => "Unused list",
            UnknownItem => "Unknown rules file item",
            DeprecatedItem => "Used deprecated item",
            WarningExtension => "Warning in extension item",
            AppendNoValues => "Overriding/appending with no values",
            ExceptionNameNotUnique => "Multiple exceptions defined with the same name",
            InvalidMacroName => "Invalid macro name",
            InvalidListName => "Invalid list name",
            CompileCondition => "Warning in rule condition",
            UnknownKey => "Unknown key in item definition",
        }
    }
}

/// An error or a warning code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Error(LoadErrorKind),
    Warning(WarningCode),
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Error(k) => k.code(),
            Code::Warning(w) => w.code(),
        }
    }

    pub fn desc(self) -> &'static str {
        match self {
            Code::Error(k) => k.desc(),
            Code::Warning(w) => w.desc(),
        }
    }
}

/// One step of a diagnostic's context ("rule 'Foo'", "value for 'tags'").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Falco's item type: "rules content", "rule", "macro", "list",
    /// "value for", "rule condition", "exception", ...
    pub item_type: &'static str,
    pub item_name: String,
    /// File name.
    pub file: String,
    /// 1-based (0 when the whole file is meant).
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    /// Byte offset in the file.
    pub offset: usize,
}

/// A located error or warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Outermost first; the last one is the precise position.
    pub locations: Vec<Location>,
    /// The source line of the position and a caret line (may be empty).
    pub snippet: String,
}

impl Diagnostic {
    /// The precise position.
    pub fn position(&self) -> Option<&Location> {
        self.locations.last()
    }

    /// The item (rule, macro, list...) the diagnostic is about, if any.
    pub fn item(&self) -> Option<&Location> {
        self.locations.get(1)
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: CODE: message (in rule 'x')`, then the snippet.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position() {
            Some(p) if p.line > 0 => write!(f, "{}:{}:{}: ", p.file, p.line, p.col)?,
            Some(p) => write!(f, "{}: ", p.file)?,
            None => {}
        }
        write!(f, "{}: {}", self.code.as_str(), self.message)?;
        if let Some(it) = self.item() {
            if !it.item_name.is_empty() {
                write!(f, " ({} '{}')", it.item_type, it.item_name)?;
            }
        }
        for l in self.snippet.lines() {
            write!(f, "\n  {l}")?;
        }
        Ok(())
    }
}

/// Where a diagnostic points: a chain of (item type, item name, location).
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    locs: Vec<(&'static str, String, Loc)>,
}

impl Ctx {
    /// The whole of `file`.
    pub fn file(file: usize) -> Ctx {
        Ctx {
            locs: vec![(
                "rules content",
                String::new(),
                Loc {
                    file,
                    mark: Mark { line: 0, col: 0 },
                },
            )],
        }
    }

    /// A narrower context inside this one.
    pub fn with(&self, item_type: &'static str, name: &str, loc: Loc) -> Ctx {
        let mut c = self.clone();
        c.locs.push((item_type, name.to_string(), loc));
        c
    }

    /// The precise location.
    pub fn loc(&self) -> Loc {
        self.locs.last().map_or(Loc::NOWHERE, |l| l.2)
    }
}

/// A diagnostic not yet resolved against the registry.
#[derive(Debug, Clone)]
pub struct Diag {
    pub code: Code,
    pub message: String,
    pub ctx: Ctx,
}

impl Diag {
    pub fn error(kind: LoadErrorKind, message: impl Into<String>, ctx: &Ctx) -> Diag {
        Diag {
            code: Code::Error(kind),
            message: message.into(),
            ctx: ctx.clone(),
        }
    }

    pub fn warning(code: WarningCode, message: impl Into<String>, ctx: &Ctx) -> Diag {
        Diag {
            code: Code::Warning(code),
            message: message.into(),
            ctx: ctx.clone(),
        }
    }

    /// Resolves file names, offsets and the snippet.
    pub fn resolve(&self, reg: &Registry) -> Diagnostic {
        let locations = self
            .ctx
            .locs
            .iter()
            .map(|(t, n, l)| Location {
                item_type: t,
                item_name: n.clone(),
                file: reg.file_name(l.file).to_string(),
                line: l.mark.line,
                col: l.mark.col,
                offset: reg.offset(*l),
            })
            .collect();
        Diagnostic {
            code: self.code,
            message: self.message.clone(),
            locations,
            snippet: reg.snippet(self.ctx.loc()),
        }
    }
}

/// Why a set of rules files did not load (the first error), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    pub file: String,
    /// 1-based; 0 when there is no position (unreadable file).
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub message: String,
    /// The source line the position is on.
    pub source_line: Option<String>,
}

impl LoadError {
    /// The first error of a diagnostic list, as a `LoadError`.
    pub fn from_diagnostic(d: &Diagnostic) -> LoadError {
        let kind = match d.code {
            Code::Error(k) => k,
            Code::Warning(_) => LoadErrorKind::Validate,
        };
        let (file, line, col) = d
            .position()
            .map_or((String::new(), 0, 0), |p| (p.file.clone(), p.line, p.col));
        LoadError {
            kind,
            source_line: d
                .snippet
                .lines()
                .next()
                .filter(|_| line > 0)
                .map(str::to_string),
            file,
            line,
            col,
            message: d.message.clone(),
        }
    }
}

impl fmt::Display for LoadError {
    /// `file:line:col: reason`, then the source line and a caret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        yaml::write_located(
            f,
            &self.file,
            Mark {
                line: self.line,
                col: self.col,
            },
            &self.message,
            self.source_line.as_deref(),
        )
    }
}

impl std::error::Error for LoadError {}
