//! Glob patterns for `glob` and `iglob`: fnmatch(3) without
//! `FNM_PATHNAME` (`*` also matches `/`), as Falco's.
//!
//! Owns: pattern compilation (once, at load) and matching.
//! Must never: allocate or fail while matching.

/// A glob pattern with fnmatch(3) semantics without `FNM_PATHNAME`
/// (`*` also matches `/`), as Falco's `glob`; optionally ASCII
/// case-insensitive (`iglob`).
#[derive(Debug, Clone)]
pub(super) struct Glob {
    toks: Box<[GlobTok]>,
    fold: bool,
}

#[derive(Debug, Clone)]
enum GlobTok {
    Lit(char),
    Any,
    Star,
    Class {
        negated: bool,
        ranges: Box<[(char, char)]>,
    },
}

/// A POSIX character class after `[:` (`alpha:]`): its ASCII ranges and
/// how many characters the name and `:]` use.
fn named_class(cs: &[char]) -> Option<(&'static [(char, char)], usize)> {
    let end = cs.windows(2).position(|w| w == [':', ']'])?;
    let name: String = cs[..end].iter().collect();
    let set: &'static [(char, char)] = match name.as_str() {
        "alpha" => &[('a', 'z'), ('A', 'Z')],
        "digit" => &[('0', '9')],
        "alnum" => &[('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => &[('A', 'Z')],
        "lower" => &[('a', 'z')],
        "space" => &[(' ', ' '), ('\t', '\r')],
        "blank" => &[(' ', ' '), ('\t', '\t')],
        "xdigit" => &[('0', '9'), ('a', 'f'), ('A', 'F')],
        "punct" => &[('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "cntrl" => &[('\0', '\x1f'), ('\x7f', '\x7f')],
        "print" => &[(' ', '~')],
        "graph" => &[('!', '~')],
        _ => return None,
    };
    Some((set, end + 2))
}

/// `fnmatch(pattern, s, 0)` (no FNM_PATHNAME: `*` crosses `/`), compiling
/// the pattern on the spot: for callers outside conditions (container
/// mount lookups) that match rarely.
pub fn glob_match(pattern: &str, s: &str) -> bool {
    Glob::new(pattern, false).matches(s)
}

impl Glob {
    pub(super) fn new(pat: &str, fold: bool) -> Glob {
        let f = |c: char| if fold { c.to_ascii_lowercase() } else { c };
        let cs: Vec<char> = pat.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            match cs[i] {
                '*' => {
                    if !matches!(toks.last(), Some(GlobTok::Star)) {
                        toks.push(GlobTok::Star);
                    }
                }
                '?' => toks.push(GlobTok::Any),
                '\\' if i + 1 < cs.len() => {
                    i += 1;
                    toks.push(GlobTok::Lit(f(cs[i])));
                }
                '[' => match Glob::class(&cs[i + 1..], &f) {
                    Some((tok, used)) => {
                        toks.push(tok);
                        i += used;
                    }
                    // No closing bracket: a literal '['.
                    None => toks.push(GlobTok::Lit('[')),
                },
                c => toks.push(GlobTok::Lit(f(c))),
            }
            i += 1;
        }
        Glob {
            toks: toks.into_boxed_slice(),
            fold,
        }
    }

    /// Parses a bracket expression after '['; returns the token and how
    /// many characters it used (up to and including ']').
    fn class(cs: &[char], f: &impl Fn(char) -> char) -> Option<(GlobTok, usize)> {
        let mut i = 0;
        let negated = matches!(cs.first(), Some('!' | '^'));
        if negated {
            i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = *cs.get(i)?;
            if c == ']' && !first {
                return Some((
                    GlobTok::Class {
                        negated,
                        ranges: ranges.into_boxed_slice(),
                    },
                    i + 1,
                ));
            }
            first = false;
            if c == '[' && cs.get(i + 1) == Some(&':') {
                if let Some((set, used)) = named_class(&cs[i + 2..]) {
                    ranges.extend(set.iter().map(|&(lo, hi)| (f(lo), f(hi))));
                    i += 2 + used;
                    continue;
                }
            }
            let lo = if c == '\\' {
                i += 1;
                *cs.get(i)?
            } else {
                c
            };
            if cs.get(i + 1) == Some(&'-') && cs.get(i + 2).is_some_and(|c| *c != ']') {
                let hi = cs[i + 2];
                ranges.push((f(lo), f(hi)));
                i += 3;
            } else {
                ranges.push((f(lo), f(lo)));
                i += 1;
            }
        }
    }

    fn tok_matches(&self, t: &GlobTok, c: char) -> bool {
        let c = if self.fold { c.to_ascii_lowercase() } else { c };
        match t {
            GlobTok::Lit(l) => *l == c,
            GlobTok::Any => true,
            GlobTok::Star => false,
            GlobTok::Class { negated, ranges } => {
                ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi) != *negated
            }
        }
    }

    /// Iterative matching with single-star backtracking: linear in
    /// practice, no allocation.
    pub(super) fn matches(&self, s: &str) -> bool {
        let toks = &self.toks;
        let (mut ti, mut si) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        loop {
            let c = s[si..].chars().next();
            match (toks.get(ti), c) {
                (Some(GlobTok::Star), _) => {
                    star = Some((ti, si));
                    ti += 1;
                    continue;
                }
                (Some(t), Some(ch)) if self.tok_matches(t, ch) => {
                    ti += 1;
                    si += ch.len_utf8();
                    continue;
                }
                (None, None) => return true,
                _ => {}
            }
            match star {
                Some((st, ss)) => match s[ss..].chars().next() {
                    Some(ch) => {
                        let next = ss + ch.len_utf8();
                        star = Some((st, next));
                        ti = st + 1;
                        si = next;
                    }
                    None => return false,
                },
                None => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_edge_cases() {
        let g = |p: &str, s: &str| Glob::new(p, false).matches(s);
        assert!(g("*", ""));
        assert!(g("a*b*c", "aXXbYYbc"));
        assert!(!g("a*b*c", "aXXbYYb"));
        assert!(g("[", "["));
        assert!(g("[]x]", "]"));
        assert!(g("\\*", "*"));
        assert!(!g("\\*", "a"));
        assert!(g("/usr/*/bin", "/usr/local/x/bin"));
        assert!(g("é?", "éü"));
        assert!(g("lib[[:digit:]].so", "lib7.so") && !g("lib[[:digit:]].so", "libx.so"));
        assert!(g("[![:space:]]*", "ab") && !g("[![:space:]]*", " ab"));
        assert!(g("[[:alpha:]_]x", "_x") && g("[[:alpha:]_]x", "Qx"));
        // An unknown class name is plain characters, as fnmatch.
        assert!(g("[[:bogus:]]", "b]") && !g("[[:bogus:]]", "b"));
        assert!(Glob::new("[[:upper:]]", true).matches("a"));
    }
}
