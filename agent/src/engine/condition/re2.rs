//! RE2 syntax differences the `regex` crate does not share: in RE2 (which
//! libsinsp's `regex` operator uses) a `{` that does not start a valid
//! repetition (`{n}`, `{n,}`, `{n,m}`) is a literal brace, and so is a
//! `}` that closes nothing; the `regex` crate rejects both. Falco rules
//! rely on this without meaning to: a list value `pentest-[0-9]{2,4}` is
//! split at its comma by the condition lexer, so RE2 compiles
//! `pentest-[0-9]{2` and `4}`.
//!
//! Owns: rewriting such braces as escaped literals.
//! Must never: change any other part of a pattern (escapes, classes,
//! `\p{..}`/`\x{..}` and valid repetitions are copied as written).

use std::borrow::Cow;

/// Length of a valid repetition `{n}`, `{n,}` or `{n,m}` at the start of
/// `s` (which starts with `{`), if any.
fn repetition_len(s: &[u8]) -> Option<usize> {
    let digits = |from: usize| s[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let n = digits(1);
    if n == 0 {
        return None;
    }
    let mut i = 1 + n;
    if s.get(i) == Some(&b',') {
        i += 1;
        i += digits(i);
    }
    (s.get(i) == Some(&b'}')).then_some(i + 1)
}

/// `p` with RE2's literal braces escaped for the `regex` crate.
pub(super) fn literal_braces(p: &str) -> Cow<'_, str> {
    let b = p.as_bytes();
    if !b.iter().any(|c| matches!(c, b'{' | b'}')) {
        return Cow::Borrowed(p);
    }
    let mut out = String::with_capacity(p.len() + 4);
    let (mut i, mut start, mut in_class) = (0, 0, false);
    while i < b.len() {
        match b[i] {
            b'\\' => {
                // `\p{Greek}`, `\x{263a}`: the braces belong to the escape.
                let next = b.get(i + 1).copied();
                if matches!(next, Some(b'p' | b'P' | b'x')) && b.get(i + 2) == Some(&b'{') {
                    i += b[i..]
                        .iter()
                        .position(|&c| c == b'}')
                        .map_or(b.len() - i, |e| e + 1);
                } else {
                    i += 2;
                }
                continue;
            }
            b'[' if !in_class => {
                in_class = true;
                i += 1;
                // A `]` first in a class (after an optional `^`) is literal.
                if b.get(i) == Some(&b'^') {
                    i += 1;
                }
                if b.get(i) == Some(&b']') {
                    i += 1;
                }
                continue;
            }
            b'[' if b.get(i + 1) == Some(&b':') => {
                // `[:alpha:]` inside a class.
                i += b[i..]
                    .windows(2)
                    .position(|w| w == b":]")
                    .map_or(1, |e| e + 2);
                continue;
            }
            b']' if in_class => in_class = false,
            b'{' if !in_class => match repetition_len(&b[i..]) {
                Some(n) => {
                    i += n;
                    continue;
                }
                None => {
                    out.push_str(&p[start..i]);
                    out.push_str("\\{");
                    start = i + 1;
                }
            },
            b'}' if !in_class => {
                out.push_str(&p[start..i]);
                out.push_str("\\}");
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start == 0 {
        return Cow::Borrowed(p);
    }
    out.push_str(&p[start.min(p.len())..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces() {
        for (p, want) in [
            ("pentest-[0-9]{2", "pentest-[0-9]\\{2"),
            ("4}", "4\\}"),
            ("a{2,4}", "a{2,4}"),
            ("a{2}b{3,}", "a{2}b{3,}"),
            ("a{,2}", "a\\{,2\\}"),
            ("a{x}", "a\\{x\\}"),
            ("[{}]", "[{}]"),
            ("[]{]{", "[]{]\\{"),
            ("[[:alpha:]{]{1}", "[[:alpha:]{]{1}"),
            ("\\{\\}", "\\{\\}"),
            ("\\p{Greek}{", "\\p{Greek}\\{"),
            ("\\x{263a}", "\\x{263a}"),
            ("plain", "plain"),
            ("{", "\\{"),
            ("\\", "\\"),
        ] {
            assert_eq!(literal_braces(p), want, "{p}");
        }
    }
}
