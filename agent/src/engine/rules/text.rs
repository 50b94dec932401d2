//! Texts the loader derives from rules files (conditions with lists
//! substituted and exceptions appended, outputs, list items), and the map
//! from any byte of such a text back to the file position it came from.
//!
//! Falco builds conditions as strings (exceptions are appended as text,
//! lists are substituted textually) before parsing them; lanner does the
//! same, but every piece of the derived text remembers its origin: a YAML
//! scalar (exact character positions through a [`ScalarMap`]) or a fixed
//! location for text the loader wrote itself (`" and not "`, quotes).
//!
//! Owns: [`Registry`] (files, scalar maps, derived texts) and [`Derived`]
//! (a text under construction with its pieces).
//! Must never: panic on any offset (out-of-range offsets clamp to the
//! nearest known position) or interpret what the texts mean.

use crate::engine::condition::ast::SrcId;
use crate::engine::yaml::{Mark, Node, ScalarMap, SourceLines};

/// A location in a loaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub mark: Mark,
}

impl Loc {
    pub const NOWHERE: Loc = Loc {
        file: usize::MAX,
        mark: Mark { line: 0, col: 0 },
    };
}

/// Where a piece of a derived text came from.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// Bytes `base..` of scalar `map` of `file`.
    Scalar {
        file: usize,
        map: usize,
        base: usize,
    },
    /// Text the loader wrote: every byte maps to one location.
    Fixed(Loc),
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Byte offset of the piece in the derived text.
    at: usize,
    len: usize,
    origin: Origin,
}

/// A text being built, with the origin of each of its bytes.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub text: String,
    pieces: Vec<Piece>,
}

impl Derived {
    pub fn new() -> Derived {
        Derived::default()
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn push_piece(&mut self, s: &str, origin: Origin) {
        if s.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            at: self.text.len(),
            len: s.len(),
            origin,
        });
        self.text.push_str(s);
    }

    /// Appends text the loader wrote, located at `loc`.
    pub fn push_fixed(&mut self, s: &str, loc: Loc) {
        self.push_piece(s, Origin::Fixed(loc));
    }

    /// Appends all of `other`.
    pub fn push_derived(&mut self, other: &Derived) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.pieces.extend(other.pieces.iter().map(|p| Piece {
            at: p.at + shift,
            ..*p
        }));
    }

    /// Bytes `start..end` of this text (clamped), with their origins.
    pub fn slice(&self, start: usize, end: usize) -> Derived {
        let end = end.min(self.text.len());
        let start = start.min(end);
        let mut out = Derived {
            text: String::from_utf8_lossy(&self.text.as_bytes()[start..end]).into_owned(),
            pieces: Vec::new(),
        };
        // Pieces are sorted by offset: start at the one holding `start`.
        let first = self
            .pieces
            .partition_point(|p| p.at + p.len <= start)
            .saturating_sub(1);
        for p in &self.pieces[first..] {
            if p.at >= end && p.len > 0 {
                break;
            }
            let (a, b) = (p.at.max(start), (p.at + p.len).min(end));
            if a >= b {
                continue;
            }
            let origin = match p.origin {
                Origin::Scalar { file, map, base } => Origin::Scalar {
                    file,
                    map,
                    base: base + (a - p.at),
                },
                f @ Origin::Fixed(_) => f,
            };
            out.pieces.push(Piece {
                at: a - start,
                len: b - a,
                origin,
            });
        }
        out
    }

    /// Shortens the text to `len` bytes (which must be a character
    /// boundary; callers only cut ASCII).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() || !self.text.is_char_boundary(len) {
            return;
        }
        self.text.truncate(len);
        while self.pieces.last().is_some_and(|p| p.at >= len && p.len > 0) {
            self.pieces.pop();
        }
        if let Some(p) = self.pieces.last_mut() {
            p.len = p.len.min(len - p.at.min(len));
        }
    }

    /// Where byte `off` came from. The end of the text is one column
    /// after its last non-blank character.
    pub fn locate(&self, reg: &Registry, off: usize) -> Loc {
        if off >= self.text.len() {
            if let Some((last, _)) = self.text.trim_end().char_indices().last() {
                let mut l = self.locate_byte(reg, last);
                l.mark.col += 1;
                return l;
            }
        }
        self.locate_byte(reg, off)
    }

    fn locate_byte(&self, reg: &Registry, off: usize) -> Loc {
        if self.pieces.is_empty() {
            return Loc::NOWHERE;
        }
        // The last piece starting at or before `off` (pieces are sorted).
        let i = self
            .pieces
            .partition_point(|p| p.at <= off)
            .saturating_sub(1);
        let p = self.pieces[i];
        let rel = off.saturating_sub(p.at);
        match p.origin {
            Origin::Fixed(l) => l,
            Origin::Scalar { file, map, base } => Loc {
                file,
                mark: reg
                    .maps
                    .get(map)
                    .map_or(Mark { line: 0, col: 0 }, |m| m.locate(base + rel)),
            },
        }
    }
}

struct FileText {
    name: String,
    text: String,
    lines: SourceLines,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

/// Every file, scalar map and registered text of one load.
#[derive(Default)]
pub struct Registry {
    files: Vec<FileText>,
    maps: Vec<ScalarMap>,
    texts: Vec<Derived>,
}

impl Registry {
    pub fn add_file(&mut self, name: &str, text: &str) -> usize {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        self.files.push(FileText {
            name: name.to_string(),
            text: text.to_string(),
            lines: SourceLines::new(text),
            line_starts,
        });
        self.files.len() - 1
    }

    pub fn file_name(&self, file: usize) -> &str {
        self.files.get(file).map_or("<unknown>", |f| &f.name)
    }

    pub fn file_text(&self, file: usize) -> &str {
        self.files.get(file).map_or("", |f| &f.text)
    }

    /// Byte offset of a position in its file (0 when unknown).
    pub fn offset(&self, loc: Loc) -> usize {
        let Some(f) = self.files.get(loc.file) else {
            return 0;
        };
        let Some(&ls) = loc
            .mark
            .line
            .checked_sub(1)
            .and_then(|l| f.line_starts.get(l))
        else {
            return 0;
        };
        let line = &f.text[ls..];
        let col = loc.mark.col.saturating_sub(1);
        ls + line
            .char_indices()
            .nth(col)
            .map_or(line.find('\n').unwrap_or(line.len()), |(i, _)| i)
    }

    /// The derived text of scalar `node` of `file` (its value, each
    /// character located exactly when the scalar could be re-read).
    pub fn scalar(&mut self, file: usize, node: &Node) -> Derived {
        let value = node.as_str().unwrap_or("");
        let map = match self.files.get(file) {
            Some(f) => ScalarMap::build(&f.lines, node),
            None => ScalarMap::start_only(node.mark),
        };
        self.maps.push(map);
        let mut d = Derived::new();
        let id = self.maps.len() - 1;
        if value.is_empty() {
            // Keep a zero-length anchor so the empty text still locates.
            d.pieces.push(Piece {
                at: 0,
                len: 0,
                origin: Origin::Fixed(Loc {
                    file,
                    mark: node.mark,
                }),
            });
            return d;
        }
        d.push_piece(
            value,
            Origin::Scalar {
                file,
                map: id,
                base: 0,
            },
        );
        d
    }

    /// Registers a finished text; spans of parses of it use the id.
    pub fn register(&mut self, d: Derived) -> SrcId {
        self.texts.push(d);
        (self.texts.len() - 1) as SrcId
    }

    pub fn text(&self, id: SrcId) -> &str {
        self.texts.get(id as usize).map_or("", |t| &t.text)
    }

    /// Where byte `off` of registered text `id` came from.
    pub fn locate(&self, id: SrcId, off: usize) -> Loc {
        self.texts
            .get(id as usize)
            .map_or(Loc::NOWHERE, |t| t.locate(self, off))
    }

    /// The source line of `loc` and the caret line under it (Falco's
    /// snippet), or an empty string when there is no position.
    pub fn snippet(&self, loc: Loc) -> String {
        let Some(f) = self.files.get(loc.file) else {
            return String::new();
        };
        let Some(line) = crate::engine::yaml::source_line(&f.text, loc.mark.line) else {
            return String::new();
        };
        let pad: String = line
            .chars()
            .take(loc.mark.col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        format!("{line}\n{pad}^\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_keep_origins_and_out_of_range_clamps() {
        let reg = Registry::default();
        let a = Loc {
            file: 0,
            mark: Mark { line: 1, col: 1 },
        };
        let b = Loc {
            file: 0,
            mark: Mark { line: 2, col: 5 },
        };
        let mut d = Derived::new();
        d.push_fixed("abc", a);
        d.push_fixed("def", b);
        assert_eq!(d.locate(&reg, 4), b);
        // The end of the text is just after its last character.
        let after = Loc {
            file: 0,
            mark: Mark { line: 2, col: 6 },
        };
        assert_eq!(d.locate(&reg, 99), after);
        let s = d.slice(2, 100);
        assert_eq!(s.text, "cdef");
        assert_eq!(s.locate(&reg, 0), a);
        assert_eq!(s.locate(&reg, 1), b);
        assert_eq!(Derived::new().locate(&reg, 3), Loc::NOWHERE);
    }
}
