//! A small YAML tree with file positions, built from yaml-rust2's marked
//! events, for rules files and the agent's configuration file alike.
//!
//! [`parse`] turns a file's text into one [`Node`] per document; every
//! node (mapping, sequence, scalar) knows the 1-based line:col it starts
//! at, and scalars keep their [`ScalarStyle`]. Scalars stay strings, as in
//! yaml-cpp (Falco's parser): `true`, `42` or `=` are only converted when a
//! caller asks ([`Node::as_bool`], [`Node::as_i64`]), so values such as
//! `=` or `yes` never change meaning behind the reader's back.
//!
//! [`YamlError`] is the one located error type: `file:line:col: reason`,
//! then the source line and a caret. YAML syntax errors come out of
//! [`parse`] that way, and callers validating a tree build theirs with
//! [`YamlError::at`] from a node's [`Node::mark`].
//!
//! [`ScalarMap`] maps a scalar's value back to the file positions its
//! characters came from, so an error at byte N of a rule condition can
//! point at the right character even when the condition is a quoted,
//! folded (`>`) or literal (`|`) scalar.
//!
//! Owns: YAML text -> positioned tree (aliases expanded, size and nesting
//! bounded), located YAML errors, scalar -> file position maps.
//! Must never: interpret what keys mean (rules files and config do), and
//! never trust its own reconstruction blindly: a scalar map is only exact
//! if re-reading the scalar from the source reproduced the parser's value
//! character for character; otherwise it degrades to the scalar's start.

use std::collections::HashMap;
use std::fmt;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mark {
    pub line: usize,
    pub col: usize,
}

impl Mark {
    fn from_marker(m: &Marker) -> Mark {
        // yaml-rust2: line is 1-based, col 0-based (in characters).
        Mark {
            line: m.line().max(1),
            col: m.col() + 1,
        }
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    /// Unquoted (`a`, `evt.type = open`).
    Plain,
    /// `'...'`.
    SingleQuoted,
    /// `"..."`.
    DoubleQuoted,
    /// Block `|`.
    Literal,
    /// Block `>`.
    Folded,
}

impl ScalarStyle {
    fn from_yaml(s: TScalarStyle) -> ScalarStyle {
        match s {
            TScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            TScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            TScalarStyle::Literal => ScalarStyle::Literal,
            TScalarStyle::Folded => ScalarStyle::Folded,
            _ => ScalarStyle::Plain,
        }
    }
}

/// What a [`Node`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar's value (escapes decoded, lines folded) and style.
    Scalar(String, ScalarStyle),
    Seq(Vec<Node>),
    /// Entries in file order; duplicate keys are kept (see
    /// [`Node::duplicate_key`]).
    Map(Vec<(Node, Node)>),
}

/// A YAML node and where it starts: for a mapping, its first key; for a
/// block scalar, its first content character; for a quoted scalar, the
/// opening quote; for an alias, the alias.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub mark: Mark,
}

impl Node {
    /// Where the node starts.
    pub fn mark(&self) -> Mark {
        self.mark
    }

    pub fn kind(&self) -> &NodeKind {
        &self.kind
    }

    /// The scalar's value; `None` for a sequence or mapping.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// The scalar's style; `None` for a sequence or mapping.
    pub fn style(&self) -> Option<ScalarStyle> {
        match &self.kind {
            NodeKind::Scalar(_, st) => Some(*st),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(v) => Some(v),
            _ => None,
        }
    }

    /// The (key, value) entries of a mapping, in file order.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(v) => Some(v),
            _ => None,
        }
    }

    /// The value of the first entry whose key is the scalar `key`;
    /// `None` if there is none or this is not a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// Like [`Node::get`], with the key node (to point errors at the key).
    pub fn get_entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// The first key of a mapping that repeats an earlier scalar key.
    pub fn duplicate_key(&self) -> Option<&Node> {
        let entries = self.as_map()?;
        entries.iter().enumerate().find_map(|(i, (k, _))| {
            let name = k.as_str()?;
            entries[..i]
                .iter()
                .any(|(p, _)| p.as_str() == Some(name))
                .then_some(k)
        })
    }

    /// A null scalar: plain `~`, `null` (also `Null`, `NULL`) or empty.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar(s, ScalarStyle::Plain)
            if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A boolean the way yaml-cpp converts one: `true/false`, `yes/no`,
    /// `on/off`, `y/n`, each lowercase, Capitalised or UPPERCASE, in any
    /// scalar style. `None` for anything else.
    pub fn as_bool(&self) -> Option<bool> {
        parse_bool(self.as_str()?)
    }

    /// A decimal integer (optional sign, surrounding blanks ignored).
    pub fn as_i64(&self) -> Option<i64> {
        let s = self.as_str()?.trim();
        s.strip_prefix('+').unwrap_or(s).parse().ok()
    }

    /// "a scalar", "a sequence", "a mapping": for error messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(..) => "a scalar",
            NodeKind::Seq(_) => "a sequence",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// yaml-cpp's boolean spellings (`convert<bool>`).
pub fn parse_bool(s: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "on", "y"];
    const FALSE: [&str; 4] = ["false", "no", "off", "n"];
    // lowercase, UPPERCASE or Capitalised (first letter upper, rest lower).
    let lower = s.to_ascii_lowercase();
    let capitalised = lower
        .char_indices()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
        .collect::<String>();
    if s != lower && s != lower.to_ascii_uppercase() && s != capitalised {
        return None;
    }
    if TRUE.contains(&lower.as_str()) {
        Some(true)
    } else if FALSE.contains(&lower.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// A located error in a YAML file: a syntax error from [`parse`], or a
/// caller's complaint about a node ([`YamlError::at`]).
///
/// `Display` is `file:line:col: message`, then the source line and a
/// caret under the column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The name the file was parsed under.
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub message: String,
    /// The file's line `line`, if it exists.
    pub source_line: Option<String>,
}

impl YamlError {
    /// An error at `mark` of the file `file` whose text is `text`.
    pub fn at(file: &str, text: &str, mark: Mark, message: impl Into<String>) -> YamlError {
        YamlError {
            file: file.to_string(),
            line: mark.line,
            col: mark.col,
            message: message.into(),
            source_line: source_line(text, mark.line),
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            line: self.line,
            col: self.col,
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(
            f,
            &self.file,
            self.mark(),
            &self.message,
            self.source_line.as_deref(),
        )
    }
}

impl std::error::Error for YamlError {}

/// Line `line` (1-based) of `text`, without its line break.
pub fn source_line(text: &str, line: usize) -> Option<String> {
    text.split('\n')
        .nth(line.checked_sub(1)?)
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
}

/// `file:line:col: message`, then (if known) the source line and a caret
/// under the column; just `file: message` when `line` is 0.
pub fn write_located(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    at: Mark,
    message: &str,
    source_line: Option<&str>,
) -> fmt::Result {
    if at.line == 0 {
        return write!(f, "{file}: {message}");
    }
    write!(f, "{file}:{}:{}: {message}", at.line, at.col)?;
    if let Some(src) = source_line {
        // Tabs stay tabs so the caret lines up however they are shown.
        let pad: String = src
            .chars()
            .take(at.col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "\n  {src}\n  {pad}^")?;
    }
    Ok(())
}

/// Upper bound on nodes per file, aliases expanded (guards against alias
/// bombs). The stable Falco ruleset has about 5,000.
const MAX_NODES: usize = 1_000_000;
/// Upper bound on nesting of sequences and mappings (rules files use 3).
const MAX_NESTING: usize = 64;

enum Open {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// A sequence or mapping being built: its children, start, anchor and
/// the number of nodes in it so far.
struct Frame {
    open: Open,
    mark: Mark,
    anchor: usize,
    size: usize,
}

/// An error before it is given a file name.
struct RawError {
    message: String,
    mark: Mark,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    docs: Vec<Node>,
    anchors: HashMap<usize, (Node, usize)>,
    error: Option<RawError>,
    nodes: usize,
}

impl Builder {
    fn fail(&mut self, message: String, mark: Mark) {
        if self.error.is_none() {
            self.error = Some(RawError { message, mark });
        }
    }

    /// Adds a finished node of `size` nodes to its parent.
    fn add(&mut self, node: Node, anchor: usize, size: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(f) => {
                f.size += size;
                match &mut f.open {
                    Open::Seq(v) => v.push(node),
                    Open::Map(v, key) => match key.take() {
                        None => *key = Some(node),
                        Some(k) => v.push((k, node)),
                    },
                }
            }
        }
    }

    /// Accounts for `n` new nodes; false (and an error) past the limit.
    fn count(&mut self, n: usize, mark: Mark) -> bool {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            self.fail(
                format!("document too large (more than {MAX_NODES} nodes with aliases expanded)"),
                mark,
            );
            return false;
        }
        true
    }

    fn open(&mut self, open: Open, mark: Mark, anchor: usize) {
        if self.stack.len() >= MAX_NESTING {
            return self.fail(
                format!("YAML nested too deeply (limit {MAX_NESTING})"),
                mark,
            );
        }
        if self.count(1, mark) {
            self.stack.push(Frame {
                open,
                mark,
                anchor,
                size: 1,
            });
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, marker: Marker) {
        if self.error.is_some() {
            return;
        }
        let mark = Mark::from_marker(&marker);
        match ev {
            Event::Scalar(v, style, anchor, _) => {
                if self.count(1, mark) {
                    let node = Node {
                        kind: NodeKind::Scalar(v, ScalarStyle::from_yaml(style)),
                        mark,
                    };
                    self.add(node, anchor, 1);
                }
            }
            Event::SequenceStart(anchor, _) => self.open(Open::Seq(Vec::new()), mark, anchor),
            Event::MappingStart(anchor, _) => self.open(Open::Map(Vec::new(), None), mark, anchor),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(f) = self.stack.pop() else {
                    return self.fail("unbalanced YAML events".into(), mark);
                };
                let node = match f.open {
                    Open::Seq(v) => Node {
                        kind: NodeKind::Seq(v),
                        mark: f.mark,
                    },
                    // A mapping's mark is where its first key starts.
                    Open::Map(v, _) => Node {
                        mark: v.first().map_or(f.mark, |(k, _)| k.mark),
                        kind: NodeKind::Map(v),
                    },
                };
                self.add(node, f.anchor, f.size);
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some((mut node, size)) => {
                    if self.count(size, mark) {
                        node.mark = mark;
                        self.add(node, 0, size);
                    }
                }
                None => self.fail("alias to an unknown anchor".into(), mark),
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

/// Parses every document of `text`, a file called `name` (used in
/// errors). An empty file has no documents; an empty document is a null
/// scalar.
///
/// yaml-cpp (Falco's parser) accepts a flow collection whose closing
/// bracket sits alone on a line at its parent's indentation:
///
/// ```yaml
///   items: [
///     "a",
///   ]
/// ```
///
/// which YAML 1.2 and yaml-rust2 reject ("invalid indentation"), and which
/// upstream Falco rules files contain. When yaml-rust2 reports exactly that
/// on a line holding only `]` or `}`, the line is re-indented like the line
/// before it and parsing is retried. Only that line changes, so every
/// position reported elsewhere stays exact.
pub fn parse(name: &str, text: &str) -> Result<Vec<Node>, YamlError> {
    let located = |e: RawError| YamlError::at(name, text, e.mark, e.message);
    let mut fixed: Option<String> = None;
    // Each retry fixes a different line, so this terminates; the bound is
    // a second guard.
    for _ in 0..=text.len().min(100_000) {
        let current = fixed.as_deref().unwrap_or(text);
        match parse_once(current) {
            Err((e, true)) => match reindent_closer(current, e.mark.line) {
                Some(t) => fixed = Some(t),
                None => return Err(located(e)),
            },
            Err((e, false)) => return Err(located(e)),
            Ok(docs) => return Ok(docs),
        }
    }
    parse_once(fixed.as_deref().unwrap_or(text)).map_err(|(e, _)| located(e))
}

/// One parse; the flag tells whether the error was yaml-rust2's
/// "invalid indentation".
fn parse_once(text: &str) -> Result<Vec<Node>, (RawError, bool)> {
    let mut b = Builder::default();
    let mut p = Parser::new_from_str(text);
    if let Err(e) = p.load(&mut b, true) {
        let indentation = e.info() == "invalid indentation";
        return Err((
            RawError {
                message: e.info().to_string(),
                mark: Mark::from_marker(e.marker()),
            },
            indentation,
        ));
    }
    if let Some(e) = b.error {
        return Err((e, false));
    }
    Ok(b.docs)
}

/// If 1-based `line` of `text` is a lone `]` or `}` indented less than the
/// previous non-blank line, returns `text` with it indented like that line.
fn reindent_closer(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let idx = line.checked_sub(1)?;
    let target = lines.get(idx)?;
    let body = target.trim_start_matches(' ');
    let closer = body.trim_end();
    let after = closer.get(1..).map(str::trim_start);
    let lone = matches!(closer.chars().next(), Some(']' | '}'))
        && after.is_some_and(|a| a.is_empty() || a.starts_with([',', '#']));
    if !lone {
        return None;
    }
    let indent = target.len() - body.len();
    let prev = lines[..idx].iter().rev().find(|l| !l.trim().is_empty())?;
    let want = prev.len() - prev.trim_start_matches(' ').len();
    if want <= indent {
        return None;
    }
    let mut out = String::with_capacity(text.len() + want);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == idx {
            out.extend(std::iter::repeat_n(' ', want - indent));
        }
        out.push_str(l);
    }
    Some(out)
}

/// The lines of a file as characters, for re-reading scalars.
pub struct SourceLines {
    lines: Vec<Vec<char>>,
}

impl SourceLines {
    pub fn new(text: &str) -> SourceLines {
        SourceLines {
            lines: text
                .split('\n')
                .map(|l| l.strip_suffix('\r').unwrap_or(l).chars().collect())
                .collect(),
        }
    }

    fn line(&self, l: usize) -> &[char] {
        self.lines.get(l).map_or(&[], |v| v.as_slice())
    }

    fn at(&self, l: usize, c: usize) -> Option<char> {
        self.line(l).get(c).copied()
    }

    /// True if line `l` from column `c` on holds only blanks.
    fn rest_blank(&self, l: usize, c: usize) -> bool {
        self.line(l)
            .get(c..)
            .is_none_or(|r| r.iter().all(|ch| matches!(ch, ' ' | '\t')))
    }
}

/// Where each character of a scalar's value came from.
#[derive(Debug, Clone)]
pub struct ScalarMap {
    /// (byte offset in the value, position), one per character, in order.
    /// Empty if the scalar could not be re-read exactly.
    chars: Vec<(usize, Mark)>,
    /// The scalar's start.
    start: Mark,
}

impl ScalarMap {
    /// A map that only knows where the scalar starts.
    pub fn start_only(start: Mark) -> ScalarMap {
        ScalarMap {
            chars: Vec::new(),
            start,
        }
    }

    /// Builds the map of `node` (a scalar) by re-reading it in `src`.
    pub fn build(src: &SourceLines, node: &Node) -> ScalarMap {
        let NodeKind::Scalar(value, style) = &node.kind else {
            return ScalarMap::start_only(node.mark);
        };
        let vchars: Vec<(usize, char)> = value.char_indices().collect();
        let mapped = match style {
            ScalarStyle::Literal | ScalarStyle::Folded => map_block(src, node.mark, &vchars),
            _ => map_flow(src, node.mark, *style, &vchars),
        };
        match mapped {
            Some(marks) if marks.len() == vchars.len() => ScalarMap {
                chars: vchars.iter().map(|(o, _)| *o).zip(marks).collect(),
                start: node.mark,
            },
            _ => ScalarMap::start_only(node.mark),
        }
    }

    /// True if positions inside the value are exact.
    pub fn is_exact(&self) -> bool {
        !self.chars.is_empty()
    }

    /// The position of byte `off` of the value. Past the end: one column
    /// after the last character that is not a line break.
    pub fn locate(&self, off: usize) -> Mark {
        if self.chars.is_empty() {
            return self.start;
        }
        match self.chars.binary_search_by_key(&off, |(o, _)| *o) {
            Ok(i) => self.chars[i].1,
            Err(i) if i < self.chars.len() => self.chars[i.saturating_sub(1)].1,
            Err(_) => {
                let last = self.chars.last().map_or(self.start, |(_, m)| *m);
                Mark {
                    line: last.line,
                    col: last.col + 1,
                }
            }
        }
    }

    /// Position just after the last non-blank character of the value.
    pub fn end_of_content(&self, value: &str) -> Mark {
        let trimmed = value.trim_end();
        if trimmed.is_empty() {
            return self.start;
        }
        let last = trimmed.char_indices().last().map_or(0, |(o, _)| o);
        let m = self.locate(last);
        Mark {
            line: m.line,
            col: m.col + 1,
        }
    }
}

/// Plain, single- and double-quoted scalars: walk value and source
/// together, decoding quotes/escapes and line folding.
fn map_flow(
    src: &SourceLines,
    start: Mark,
    style: ScalarStyle,
    v: &[(usize, char)],
) -> Option<Vec<Mark>> {
    let mut l = start.line - 1;
    let mut c = start.col - 1;
    if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
        c += 1;
    }
    let mut out = Vec::with_capacity(v.len());
    let mark = |l: usize, c: usize| Mark {
        line: l + 1,
        col: c + 1,
    };
    let mut i = 0;
    while i < v.len() {
        let vc = v[i].1;
        let sc = src.at(l, c);
        // Quoting and escapes.
        if style == ScalarStyle::SingleQuoted && sc == Some('\'') {
            if vc == '\'' && src.at(l, c + 1) == Some('\'') {
                out.push(mark(l, c));
                c += 2;
                i += 1;
                continue;
            }
            return None;
        }
        if style == ScalarStyle::DoubleQuoted && sc == Some('\\') {
            let Some(e) = src.at(l, c + 1) else {
                // Escaped line break: joins lines without a space.
                l += 1;
                c = src
                    .line(l)
                    .iter()
                    .take_while(|ch| matches!(ch, ' ' | '\t'))
                    .count();
                continue;
            };
            let (decoded, len) = match e {
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = (0..n).filter_map(|k| src.at(l, c + 2 + k)).collect();
                    let ch = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)?;
                    (ch, 2 + n)
                }
                _ => (
                    match e {
                        '0' => '\0',
                        'a' => '\u{7}',
                        'b' => '\u{8}',
                        't' | '\t' => '\t',
                        'n' => '\n',
                        'v' => '\u{b}',
                        'f' => '\u{c}',
                        'r' => '\r',
                        'e' => '\u{1b}',
                        ' ' => ' ',
                        '"' => '"',
                        '/' => '/',
                        '\\' => '\\',
                        'N' => '\u{85}',
                        '_' => '\u{a0}',
                        'L' => '\u{2028}',
                        'P' => '\u{2029}',
                        _ => return None,
                    },
                    2,
                ),
            };
            if decoded != vc {
                return None;
            }
            out.push(mark(l, c));
            c += len;
            i += 1;
            continue;
        }
        let folding = matches!(vc, ' ' | '\n') && src.rest_blank(l, c);
        if sc == Some(vc) && !folding {
            out.push(mark(l, c));
            c += 1;
            i += 1;
            continue;
        }
        if !folding {
            return None;
        }
        // Line folding: one break -> ' ', k empty lines -> k '\n'.
        let break_at = mark(l, src.line(l).len());
        l += 1;
        let mut empty = 0;
        while l < src.lines.len() && src.rest_blank(l, 0) {
            empty += 1;
            l += 1;
        }
        if l >= src.lines.len() {
            return None;
        }
        if empty == 0 {
            if vc != ' ' {
                return None;
            }
            out.push(break_at);
            i += 1;
        } else {
            for k in 0..empty {
                if v.get(i).map(|x| x.1) != Some('\n') {
                    return None;
                }
                out.push(if k == 0 {
                    break_at
                } else {
                    mark(l - empty + k, 0)
                });
                i += 1;
            }
        }
        c = src
            .line(l)
            .iter()
            .take_while(|ch| matches!(ch, ' ' | '\t'))
            .count();
    }
    Some(out)
}

/// Literal and folded block scalars: each content line (indentation
/// removed) appears verbatim in the value, separated by ' ' or '\n'.
fn map_block(src: &SourceLines, start: Mark, v: &[(usize, char)]) -> Option<Vec<Mark>> {
    let indent = start.col - 1;
    let mut l = start.line - 1;
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    let mut prev_end = Mark {
        line: start.line,
        col: start.col,
    };
    while i < v.len() {
        if l >= src.lines.len() {
            // Trailing line breaks kept by chomping.
            if v[i..].iter().all(|(_, ch)| *ch == '\n') {
                out.extend(std::iter::repeat_n(prev_end, v.len() - i));
                return Some(out);
            }
            return None;
        }
        let line = src.line(l);
        let blank = line.iter().all(|ch| *ch == ' ');
        if blank {
            l += 1;
            continue;
        }
        if line.len() < indent || line[..indent].iter().any(|ch| *ch != ' ') {
            // The block ended before the value was consumed.
            if v[i..].iter().all(|(_, ch)| *ch == '\n') {
                out.extend(std::iter::repeat_n(prev_end, v.len() - i));
                return Some(out);
            }
            return None;
        }
        let content = &line[indent..];
        let mut k = 0;
        loop {
            let rest = &v[i + k..];
            if rest.len() >= content.len() && rest.iter().zip(content).all(|((_, a), b)| a == b) {
                break;
            }
            match rest.first() {
                Some((_, ' ' | '\n')) => k += 1,
                _ => return None,
            }
        }
        out.extend(std::iter::repeat_n(prev_end, k));
        i += k;
        for (j, _) in content.iter().enumerate() {
            out.push(Mark {
                line: l + 1,
                col: indent + j + 1,
            });
        }
        i += content.len();
        prev_end = Mark {
            line: l + 1,
            col: indent + content.len() + 1,
        };
        l += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finds the scalar `value` of `key` in the first mapping of the first
    /// document.
    fn scalar<'a>(docs: &'a [Node], key: &str) -> &'a Node {
        let NodeKind::Seq(items) = &docs[0].kind else {
            panic!()
        };
        for it in items {
            let NodeKind::Map(kv) = &it.kind else {
                continue;
            };
            for (k, v) in kv {
                if k.as_str() == Some(key) {
                    return v;
                }
            }
        }
        panic!("no {key}")
    }

    /// Asserts that every character of the value maps to the same
    /// character in the source.
    fn check_exact(text: &str, key: &str) -> ScalarMap {
        let docs = parse("t.yaml", text).unwrap();
        let node = scalar(&docs, key);
        let src = SourceLines::new(text);
        let map = ScalarMap::build(&src, node);
        assert!(map.is_exact(), "{key}: not exact");
        let value = node.as_str().unwrap();
        for (off, ch) in value.char_indices() {
            let m = map.locate(off);
            let got = src.at(m.line - 1, m.col - 1);
            // Folded line breaks map to the end of the line; escapes
            // (`\t`, `''`) to their first character.
            if ch != ' ' && ch != '\n' && got != Some('\\') && got != Some('\'') {
                assert_eq!(got, Some(ch), "{key}: char {ch:?} at {off} mapped to {m:?}");
            }
        }
        map
    }

    const DOC: &str = r#"# c é
- rule: R
  plain: evt.type = open and
    fd.name = x

    and y
  single: 'it''s  a
    b'
  double: "a\tb\"c \
     d"
  folded: >
    evt.type = open and
      more

    and z
  literal: |-
    line1
      line2
    line3
  flow: [a, b]
"#;

    #[test]
    fn scalars_map_back_exactly() {
        for key in ["plain", "single", "double", "folded", "literal"] {
            check_exact(DOC, key);
        }
        let m = check_exact(DOC, "folded");
        // "and z" is on line 15, column 5.
        let docs = parse("t.yaml", DOC).unwrap();
        let v = scalar(&docs, "folded").as_str().unwrap().to_string();
        let off = v.find("and z").unwrap();
        assert_eq!(m.locate(off), Mark { line: 15, col: 5 });
        let m = check_exact(DOC, "plain");
        let docs = parse("t.yaml", DOC).unwrap();
        let v = scalar(&docs, "plain").as_str().unwrap().to_string();
        assert_eq!(m.locate(v.find("and y").unwrap()), Mark { line: 6, col: 5 });
        assert_eq!(m.locate(v.len()), Mark { line: 6, col: 10 });
    }

    #[test]
    fn closing_brackets_at_parent_indentation_are_accepted() {
        let text = "- list: a\n  items: [\n    \"x\",\n    \"y\"\n  ]\n- list: b\n  items: {\n    k: \"v\"\n  }\n- list: c\n  items: [\"z\"]\n";
        let docs = parse("t.yaml", text).unwrap();
        let NodeKind::Seq(items) = &docs[0].kind else {
            panic!()
        };
        assert_eq!(items.len(), 3);
        // Positions after the re-indented lines are unchanged.
        assert_eq!(items[2].mark, Mark { line: 10, col: 3 });
        // A real indentation error is still one.
        assert!(parse("t.yaml", "a:\n  b: 1\n c: 2\n").is_err());
    }

    #[test]
    fn yaml_errors_have_positions() {
        let e = parse("t.yaml", "- rule: a\n  x: [\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        let e = parse("t.yaml", "- *nope\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn aliases_expand_and_bombs_stop() {
        let docs = parse("t.yaml", "- &a [x, y]\n- *a\n").unwrap();
        let NodeKind::Seq(v) = &docs[0].kind else {
            panic!()
        };
        assert!(matches!(&v[1].kind, NodeKind::Seq(s) if s.len() == 2));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(parse("t.yaml", &bomb)
            .unwrap_err()
            .message
            .contains("too large"));
    }
}
