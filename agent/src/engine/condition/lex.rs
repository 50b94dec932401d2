//! Lexical layer of the condition language: a cursor over the condition
//! text with one function per kind of lexeme (blanks, identifiers, field
//! names, numbers, bare and quoted strings, keywords and operators).
//!
//! Falco's grammar is context-sensitive at the lexical level (`a.b` is a
//! field on the left of an operator but a bare string on the right; `-1`
//! is a number after `<` but a bare string after `=`), so there is no
//! separate token stream: the parser asks for the lexeme it expects here.
//! Each function reproduces the matching libsinsp regex or rule exactly
//! (including the quoted-string quirks documented on [`Scanner::quoted`]).
//!
//! Owns: what counts as a blank, an identifier, a field name, a number, a
//! bare or quoted string, and string unescaping.
//! Must never: build syntax trees or decide what may follow what (that is
//! `parse`), and never panic on any input.

/// A lexical error at byte offset `pos` of the condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub message: String,
    pub pos: usize,
}

/// Blanks between tokens: space, tab, backspace, CR, LF (libsinsp
/// `lex_blank`).
pub fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x08 | b'\r' | b'\n')
}

/// POSIX `[:space:]`, which ends bare strings and field arguments.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// A cursor over a condition's text.
#[derive(Debug, Clone)]
pub struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a str) -> Scanner<'a> {
        Scanner { src, pos: 0 }
    }

    /// Byte offset of the cursor.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Moves the cursor back to `pos` (a value returned by [`Self::pos`]).
    pub fn reset(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub fn src(&self) -> &'a str {
        self.src
    }

    pub fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    pub fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Skips blanks; true if there was at least one.
    pub fn skip_blanks(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(is_blank) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Consumes `lit` if the text continues with it.
    pub fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Consumes `word` and the blanks after it, only if at least one blank
    /// follows (libsinsp's operators written with a trailing space, such as
    /// `"contains "`).
    pub fn eat_word_blank(&mut self, word: &str) -> bool {
        let save = self.pos;
        if self.eat(word) && self.skip_blanks() {
            return true;
        }
        self.pos = save;
        false
    }

    /// True if the text continues with `kw` not followed by an
    /// alphanumeric character (libsinsp `bool_keyword_follows`).
    pub fn keyword_follows(&self, kw: &str) -> bool {
        let r = self.rest().as_bytes();
        r.starts_with(kw.as_bytes()) && r.get(kw.len()).is_none_or(|b| !b.is_ascii_alphanumeric())
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn ident_len_at(&self, at: usize) -> usize {
        let b = self.bytes();
        if !b.get(at).is_some_and(|c| c.is_ascii_alphabetic()) {
            return 0;
        }
        let mut i = at + 1;
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            i += 1;
        }
        i - at
    }

    /// `[a-zA-Z]+[a-zA-Z0-9_]*`
    pub fn identifier(&mut self) -> Option<&'a str> {
        let n = self.ident_len_at(self.pos);
        if n == 0 {
            return None;
        }
        let s = &self.src[self.pos..self.pos + n];
        self.pos += n;
        Some(s)
    }

    /// Length of the field name starting at the cursor, 0 if none:
    /// `[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+`.
    pub fn field_name_len(&self) -> usize {
        let first = self.ident_len_at(self.pos);
        if first == 0 {
            return 0;
        }
        let mut end = self.pos + first;
        let mut parts = 1;
        while self.bytes().get(end) == Some(&b'.') {
            let n = self.ident_len_at(end + 1);
            if n == 0 {
                break;
            }
            end += 1 + n;
            parts += 1;
        }
        if parts < 2 {
            0
        } else {
            end - self.pos
        }
    }

    /// A dotted field name (at least two components).
    pub fn field_name(&mut self) -> Option<&'a str> {
        let n = self.field_name_len();
        if n == 0 {
            return None;
        }
        let s = &self.src[self.pos..self.pos + n];
        self.pos += n;
        Some(s)
    }

    /// Unquoted field argument: `[^][\"'[:space:]]+`.
    pub fn field_arg_bare(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let n = self.take_while(|b| !matches!(b, b'[' | b']' | b'"' | b'\'') && !is_space(b));
        (n > 0).then(|| &self.src[start..self.pos])
    }

    /// A number: `0[xX][0-9a-fA-F]+` or
    /// `[+\-]?[0-9]+[\.]?[0-9]*([eE][+\-][0-9]+)?`.
    pub fn number(&mut self) -> Option<&'a str> {
        let b = self.bytes();
        let start = self.pos;
        if b.get(start) == Some(&b'0')
            && matches!(b.get(start + 1), Some(b'x' | b'X'))
            && b.get(start + 2).is_some_and(u8::is_ascii_hexdigit)
        {
            let mut i = start + 2;
            while b.get(i).is_some_and(u8::is_ascii_hexdigit) {
                i += 1;
            }
            self.pos = i;
            return Some(&self.src[start..i]);
        }
        let mut i = start;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return None;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
        }
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if matches!(b.get(i), Some(b'e' | b'E'))
            && matches!(b.get(i + 1), Some(b'+' | b'-'))
            && b.get(i + 2).is_some_and(u8::is_ascii_digit)
        {
            i += 2;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        self.pos = i;
        Some(&self.src[start..i])
    }

    /// A bare (unquoted) string: `[^()"'[:space:]=,]+`.
    pub fn bare_str(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let n = self
            .take_while(|b| !matches!(b, b'(' | b')' | b'"' | b'\'' | b'=' | b',') && !is_space(b));
        (n > 0).then(|| &self.src[start..self.pos])
    }

    /// A single- or double-quoted string, unescaped. `Ok(None)` (nothing
    /// consumed) if the cursor is not on a quote.
    ///
    /// As in libsinsp, the closing quote is the first delimiter that does
    /// not directly follow a backslash, so `'a \\'` does not end at its
    /// last quote; then escapes are decoded: `\b \f \n \r \t \\ \/ \xHH`,
    /// `\"` only in `"..."`, `\'` only in `'...'`, and the legacy `\ `
    /// which yields a single backslash. Any other escape is an error.
    /// lanner also refuses `\xHH` above 0x7f, which would not be UTF-8.
    pub fn quoted(&mut self) -> Result<Option<String>, LexError> {
        let b = self.bytes();
        let start = self.pos;
        let delim = match b.get(start) {
            Some(&d @ (b'"' | b'\'')) => d,
            _ => return Ok(None),
        };
        let mut i = start + 1;
        let mut prev = delim;
        let end = loop {
            match b.get(i) {
                None => {
                    return Err(LexError {
                        message: "unterminated quoted string".into(),
                        pos: start,
                    })
                }
                Some(&c) if c == delim && prev != b'\\' => break i,
                Some(&c) => {
                    prev = c;
                    i += 1;
                }
            }
        };
        let value = unescape(&self.src[start + 1..end], delim, start + 1)?;
        self.pos = end + 1;
        Ok(Some(value))
    }

    /// The token at byte `pos`, for error messages: a word, a quote, a run
    /// of operator characters, or one character. `None` at end of input.
    pub fn token_at(&self, pos: usize) -> Option<&'a str> {
        let b = self.bytes();
        let c = *b.get(pos)?;
        let word =
            |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'/' | b'-' | b'+');
        let op = |c: u8| matches!(c, b'=' | b'!' | b'<' | b'>');
        let mut end = pos + 1;
        if word(c) {
            while b.get(end).is_some_and(|&c| word(c)) {
                end += 1;
            }
        } else if op(c) {
            while b.get(end).is_some_and(|&c| op(c)) {
                end += 1;
            }
        } else {
            // One character, whole even if multi-byte.
            while !self.src.is_char_boundary(end) {
                end += 1;
            }
        }
        Some(&self.src[pos..end])
    }
}

/// Decodes the escapes of a quoted string's content (`raw` starts at byte
/// `offset` of the condition; used for error positions).
fn unescape(raw: &str, delim: u8, offset: usize) -> Result<String, LexError> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let err = |message: String| LexError {
            message,
            pos: offset + i,
        };
        let Some((_, e)) = chars.next() else {
            // Cannot happen: a backslash never directly precedes the
            // closing quote. Kept as an error, not a panic.
            return Err(err("truncated escape sequence".into()));
        };
        match e {
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            ' ' | '\\' => out.push('\\'),
            '/' => out.push('/'),
            '"' if delim == b'"' => out.push('"'),
            '\'' if delim == b'\'' => out.push('\''),
            '"' => return Err(err("invalid \\\" escape in '-quoted string".into())),
            '\'' => return Err(err("invalid \\' escape in \"-quoted string".into())),
            'x' => {
                let hex: String = chars.by_ref().take(2).map(|(_, c)| c).collect();
                if hex.chars().count() < 2 {
                    return Err(err("truncated hex char escape sequence".into()));
                }
                let v = u8::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .ok_or_else(|| err(format!("invalid hex char escape sequence: {hex}")))?;
                if v > 0x7f {
                    return Err(err(format!(
                        "hex escape \\x{hex} above 0x7f is not supported (values must be UTF-8)"
                    )));
                }
                out.push(char::from(v));
            }
            other => {
                return Err(err(format!(
                    "unsupported string escape sequence: \\{other}"
                )));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Result<Option<String>, LexError> {
        Scanner::new(s).quoted()
    }

    #[test]
    fn quoted_strings_follow_libsinsp() {
        assert_eq!(q(r#""a b" rest"#).unwrap().unwrap(), "a b");
        assert_eq!(q(r#"'it\'s'"#).unwrap().unwrap(), "it's");
        assert_eq!(q(r#""tab\there\x41""#).unwrap().unwrap(), "tab\thereA");
        assert_eq!(q(r#""bad escape \ ""#).unwrap().unwrap(), "bad escape \\");
        // The closing quote may not follow a backslash, even an escaped one.
        assert_eq!(q(r"'x \' \\''").unwrap().unwrap(), "x ' \\'");
        assert_eq!(q("x").unwrap(), None);
        assert_eq!(q("'open").unwrap_err().pos, 0);
        let e = q(r#""mixed \'""#).unwrap_err();
        assert_eq!(
            (e.pos, e.message.as_str()),
            (7, "invalid \\' escape in \"-quoted string")
        );
        assert!(q(r#""\q""#).is_err());
        assert!(q(r#""\x4""#).is_err());
        assert!(q(r#""\xff""#).is_err());
    }

    #[test]
    fn lexemes() {
        let mut s = Scanner::new("proc.aname[2]");
        assert_eq!(s.field_name(), Some("proc.aname"));
        let mut s = Scanner::new("a.b.1");
        assert_eq!(s.field_name(), Some("a.b"));
        assert_eq!(Scanner::new("abc").field_name(), None);
        let mut s = Scanner::new("-0.1222e+10x");
        assert_eq!(s.number(), Some("-0.1222e+10"));
        let mut s = Scanner::new("0XaB00AB)");
        assert_eq!(s.number(), Some("0XaB00AB"));
        let mut s = Scanner::new("1e5");
        assert_eq!(s.number(), Some("1"));
        let mut s = Scanner::new("/etc/shadow,x");
        assert_eq!(s.bare_str(), Some("/etc/shadow"));
        let mut s = Scanner::new("containsx");
        assert!(!s.eat_word_blank("contains"));
        assert_eq!(s.pos(), 0);
        assert!(Scanner::new("and(").keyword_follows("and"));
        // As in libsinsp only an alphanumeric character extends the word.
        assert!(Scanner::new("and_x").keyword_follows("and"));
        assert!(!Scanner::new("andx").keyword_follows("and"));
        assert_eq!(Scanner::new("==x").token_at(0), Some("=="));
    }
}
