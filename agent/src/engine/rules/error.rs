//! Load errors with file:line:col, and the registry that maps a position
//! in any text the loader derived from a rules file (a condition, an
//! output, a list item, a condition joined by `append`) back to the file.
//!
//! Owns: [`LoadError`] and its rendering (`file:line:col: reason`, then the
//! source line and a caret under the column), and span -> position
//! mapping through [`ScalarMap`]s.
//! Must never: decide what is an error (callers do), or lose the position
//! of one: every error built here carries the best position known.

use crate::engine::condition::ast::{Span, SrcId};
use crate::engine::yaml::{self, Mark, ScalarMap};
use std::fmt;

/// What kind of problem stopped loading (mirrors Falco's load result
/// codes, plus `Unsupported` for valid Falco that lanner lacks so far).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadErrorKind {
    /// The file could not be read.
    FileRead,
    /// Invalid YAML.
    YamlParse,
    /// Valid YAML, wrong shape: missing or unknown key, bad value.
    YamlValidate,
    /// The condition does not parse or compile.
    CompileCondition,
    /// The output template does not compile.
    CompileOutput,
    /// Undefined macro or list, macro loop, append without a definition.
    Validate,
    /// Falco syntax or feature that lanner does not implement yet.
    Unsupported,
}

/// Why a rules file did not load, and where.
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

/// A location in a loaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub mark: Mark,
}

struct FileText {
    name: String,
    text: String,
}

/// Part of a derived text that came from one YAML scalar.
struct Piece {
    /// Byte offset of the piece in the derived text.
    at: usize,
    len: usize,
    file: usize,
    map: ScalarMap,
}

struct Text {
    text: String,
    pieces: Vec<Piece>,
    /// "condition of rule \"Foo\"": what the text is, for messages.
    what: String,
}

/// Every file and derived text of one load.
#[derive(Default)]
pub struct Registry {
    files: Vec<FileText>,
    texts: Vec<Text>,
}

impl Registry {
    pub fn add_file(&mut self, name: &str, text: &str) -> usize {
        self.files.push(FileText {
            name: name.to_string(),
            text: text.to_string(),
        });
        self.files.len() - 1
    }

    pub fn file_name(&self, file: usize) -> &str {
        self.files.get(file).map_or("<unknown>", |f| &f.name)
    }

    /// Registers a text read from one scalar of `file`.
    pub fn add_text(&mut self, text: String, file: usize, map: ScalarMap, what: String) -> SrcId {
        let len = text.len();
        self.texts.push(Text {
            text,
            pieces: vec![Piece {
                at: 0,
                len,
                file,
                map,
            }],
            what,
        });
        (self.texts.len() - 1) as SrcId
    }

    /// Registers `a + " " + b` (Falco's `append` of conditions).
    pub fn concat(&mut self, a: SrcId, b: SrcId) -> SrcId {
        let (ta, tb) = (&self.texts[a as usize], &self.texts[b as usize]);
        let text = format!("{} {}", ta.text, tb.text);
        let shift = ta.text.len() + 1;
        let mut pieces: Vec<Piece> = ta
            .pieces
            .iter()
            .map(|p| Piece {
                at: p.at,
                len: p.len,
                file: p.file,
                map: p.map.clone(),
            })
            .collect();
        pieces.extend(tb.pieces.iter().map(|p| Piece {
            at: p.at + shift,
            len: p.len,
            file: p.file,
            map: p.map.clone(),
        }));
        let what = ta.what.clone();
        self.texts.push(Text { text, pieces, what });
        (self.texts.len() - 1) as SrcId
    }

    pub fn text(&self, id: SrcId) -> &str {
        self.texts.get(id as usize).map_or("", |t| &t.text)
    }

    pub fn what(&self, id: SrcId) -> &str {
        self.texts.get(id as usize).map_or("", |t| &t.what)
    }

    /// The file position of byte `off` of text `id`.
    pub fn locate(&self, id: SrcId, off: usize) -> Loc {
        let Some(t) = self.texts.get(id as usize) else {
            return Loc {
                file: 0,
                mark: Mark { line: 0, col: 0 },
            };
        };
        // The piece holding `off`; a joining blank and the end of the text
        // belong to the piece before them.
        let i = t.pieces.iter().rposition(|p| p.at <= off).unwrap_or(0);
        let p = &t.pieces[i];
        let rel = off.saturating_sub(p.at);
        let mark = if rel >= p.len {
            p.map.end_of_content(&t.text[p.at..p.at + p.len])
        } else {
            p.map.locate(rel)
        };
        Loc { file: p.file, mark }
    }

    /// An error at `loc`.
    pub fn error(&self, kind: LoadErrorKind, loc: Loc, message: impl Into<String>) -> LoadError {
        let f = self.files.get(loc.file);
        LoadError {
            kind,
            file: self.file_name(loc.file).to_string(),
            line: loc.mark.line,
            col: loc.mark.col,
            message: message.into(),
            source_line: f.and_then(|f| yaml::source_line(&f.text, loc.mark.line)),
        }
    }

    /// An error at the start of `span`, with the text's description:
    /// `"{message} in condition of rule \"Foo\"{suffix}"`.
    pub fn span_error(
        &self,
        kind: LoadErrorKind,
        span: Span,
        message: &str,
        suffix: &str,
    ) -> LoadError {
        let loc = self.locate(span.src, span.start);
        self.error(
            kind,
            loc,
            format!("{message} in {}{suffix}", self.what(span.src)),
        )
    }
}
