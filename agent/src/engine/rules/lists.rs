//! Lists, Falco's way: textual substitution before parsing.
//!
//! Each list's items first absorb the items of any *earlier-defined* list
//! they name (one level, as Falco). Then, for every list in definition
//! order, each occurrence of its name in a condition that is delimited by
//! the start/end of the text or one of blank, `(`, `)`, `,`, `=` is
//! replaced by the items joined with `, ` (items with a blank are
//! double-quoted); blanks around the name are consumed, and an empty list
//! also swallows one adjacent comma. There is no quote awareness, and a
//! condition may use a list defined after it.
//!
//! Text and substitution count are bounded per condition, so lists naming
//! later lists (exponential growth) fail fast with an error.
//!
//! Owns: [`compile_lists`] and [`substitute`].
//! Must never: lose the origin of a character: the substituted text maps
//! item characters to the list's definition and the rest to the
//! condition.

use super::collect::{Collector, ListInfo};
use super::text::{Derived, Registry};

/// A list ready for substitution.
#[derive(Debug, Clone)]
pub struct CompiledList {
    pub name: String,
    pub items: Vec<Derived>,
    pub used: bool,
}

/// Expands list-in-list references (earlier-defined lists only).
pub fn compile_lists(col: &Collector) -> Vec<CompiledList> {
    let mut out: Vec<CompiledList> = Vec::with_capacity(col.lists.defs.len());
    let mut used_names: Vec<&str> = Vec::new();
    for l in &col.lists.defs {
        let mut items = Vec::with_capacity(l.items.len());
        for it in &l.items {
            match col
                .lists
                .get(&it.text.text)
                .filter(|r: &&ListInfo| r.index < l.visibility)
            {
                Some(r) => {
                    used_names.push(&r.name);
                    items.extend(r.items.iter().map(|i| i.text.clone()));
                }
                None => items.push(it.text.clone()),
            }
        }
        out.push(CompiledList {
            name: l.name.clone(),
            items,
            used: false,
        });
    }
    for n in used_names {
        if let Some(l) = out.iter_mut().find(|l| l.name == n) {
            l.used = true;
        }
    }
    out
}

const BLANKS: &[u8] = b" \t\n\r";
const DELIMS: &[u8] = b" \t\n\r(),=";

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Upper bound on a condition's text after list substitution (lists
/// naming later lists can grow it exponentially).
pub const MAX_CONDITION_BYTES: usize = 4 << 20;

/// Upper bound on the substitutions made in one condition, all lists
/// together. Real conditions make a few hundred; lists naming later lists
/// double the count at each level, and this bound stops them after a few
/// levels, long before the text reaches [`MAX_CONDITION_BYTES`] (each
/// substitution costs far more than a byte of a long list does).
pub const MAX_SUBSTITUTIONS: usize = 1 << 14;

/// Why a substitution was refused, and at which offset of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    Bytes(usize),
    Substitutions(usize),
}

/// Replaces every delimited occurrence of `list`'s name in `cnd`; true if
/// there was one. `budget` is the number of substitutions still allowed
/// in this condition (decremented). `Err` when the text would exceed
/// [`MAX_CONDITION_BYTES`] or the budget runs out.
///
/// One pass over the text, equivalent to Falco's substitute-and-search-on
/// loop: the text before the current position is already final (`out`),
/// blanks consumed backwards are trimmed from `out`, and the search goes on
/// after the substitution (skipping one character when the substitution
/// began the text, as Falco's does).
pub fn substitute(
    reg: &Registry,
    cnd: &mut Derived,
    list: &CompiledList,
    budget: &mut usize,
) -> Result<bool, Overflow> {
    let name = list.name.as_bytes();
    let t = cnd.text.as_bytes();
    let len = t.len();
    let mut out = Derived::new();
    let mut rest = 0;
    let mut from = 0;
    let mut used = false;
    while let Some(p) = find(t, name, from) {
        let prev = if p > rest {
            Some(t[p - 1])
        } else {
            out.text.as_bytes().last().copied()
        };
        let mut end = p + name.len();
        let delimited =
            prev.is_none_or(|b| DELIMS.contains(&b)) && (end >= len || DELIMS.contains(&t[end]));
        if !delimited {
            from = p + 1;
            continue;
        }
        if *budget == 0 {
            return Err(Overflow::Substitutions(p));
        }
        *budget -= 1;
        let at = cnd.locate(reg, p);
        out.push_derived(&cnd.slice(rest, p));
        let kept = out.text.trim_end_matches([' ', '\t', '\n', '\r']).len();
        out.truncate(kept);
        while end < len && BLANKS.contains(&t[end]) {
            end += 1;
        }
        let mut sub = Derived::new();
        for (i, v) in list.items.iter().enumerate() {
            if i > 0 {
                sub.push_fixed(", ", at);
            }
            if v.text.contains(' ') && !v.text.starts_with(['"', '\'']) {
                sub.push_fixed("\"", at);
                sub.push_derived(v);
                sub.push_fixed("\"", at);
            } else {
                sub.push_derived(v);
            }
        }
        if sub.is_empty() {
            if out.text.ends_with(',') {
                out.truncate(out.len() - 1);
            } else if end < len && t[end] == b',' {
                end += 1;
            }
        }
        let at_start = out.is_empty();
        if !at_start {
            out.push_fixed(" ", at);
        }
        out.push_derived(&sub);
        out.push_fixed(" ", at);
        if out.len() + (len - end) > MAX_CONDITION_BYTES {
            return Err(Overflow::Bytes(p));
        }
        used = true;
        rest = end;
        from = if at_start { end + 1 } else { end };
    }
    if used {
        out.push_derived(&cnd.slice(rest, len));
        *cnd = out;
    }
    Ok(used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::text::Loc;

    fn text(s: &str) -> Derived {
        let mut d = Derived::new();
        d.push_fixed(s, Loc::NOWHERE);
        d
    }

    fn sub(cond: &str, name: &str, items: &[&str]) -> String {
        let reg = Registry::default();
        let l = CompiledList {
            name: name.into(),
            items: items.iter().map(|i| text(i)).collect(),
            used: false,
        };
        let mut d = text(cond);
        substitute(&reg, &mut d, &l, &mut MAX_SUBSTITUTIONS.clone()).unwrap();
        d.text
    }

    #[test]
    fn textual_substitution_like_falco() {
        assert_eq!(sub("a in (l)", "l", &["x", "y z"]), "a in ( x, \"y z\" )");
        assert_eq!(sub("a in (b, l)", "l", &[]), "a in (b  )");
        assert_eq!(sub("a in (l, b)", "l", &[]), "a in (   b)");
        assert_eq!(sub("a in (ll, l2)", "l", &["x"]), "a in (ll, l2)");
        assert_eq!(sub("l", "l", &["x"]), "x ");
        assert_eq!(sub("a=l", "l", &["x"]), "a= x ");
        // Falco's search resumes one character late after a substitution
        // at the very start of the text.
        assert_eq!(sub("l l", "l", &["x"]), "x l");
        assert_eq!(sub("a (l) l", "l", &["x"]), "a ( x ) x ");
    }
}
