//! Rule selection from configuration, Falco's `rules:` list:
//! `[{disable: {rule: "*"}}, {enable: {tag: network}}]`, applied in order,
//! and `rule_matching: first|all`.
//!
//! Owns: the selection types and Falco's wildcard match (`*` matches any
//! run of characters, everything else is literal).
//! Must never: read configuration files (config.rs does) or change rules
//! itself (the ruleset applies a selection).

use serde::Deserialize;

/// What one selection entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectBy {
    /// A rule name; `*` is a wildcard.
    Rule(String),
    /// A tag, exactly.
    Tag(String),
}

/// One `enable:` or `disable:` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSelect {
    pub enable: bool,
    pub by: SelectBy,
}

/// Falco's `rule_matching`: stop at the first matching rule (default) or
/// raise an alert for every matching rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleMatching {
    #[default]
    First,
    All,
}

/// `*` matches any (possibly empty) run of characters.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative glob with backtracking to the last '*'.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if i < p.len() && p[i] == n[j] {
            i += 1;
            j += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*", "Read sensitive file untrusted"));
        assert!(wildcard_match("Read*", "Read sensitive file untrusted"));
        assert!(wildcard_match("*file*", "Read sensitive file untrusted"));
        assert!(!wildcard_match("Read", "Read sensitive file untrusted"));
        assert!(wildcard_match("a*b*c", "axxbyyc"));
        assert!(!wildcard_match("a*b*c", "axxbyy"));
        assert!(wildcard_match("", ""));
        assert!(!wildcard_match("", "a"));
    }
}
