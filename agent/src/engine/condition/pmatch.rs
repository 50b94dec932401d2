//! `pmatch`: path-prefix matching on `/` component boundaries, as
//! libsinsp's path prefix search. `/var/run` matches `/var/run` and
//! `/var/run/docker.sock`, not `/var` nor `/var/running`; a `*` component
//! matches any one component (`/opt/*/bin` matches `/opt/x/bin/tool`).
//! Empty components (doubled or trailing slashes) are ignored on both
//! sides, so `/var/run/` is the same prefix as `/var/run`.
//!
//! Owns: compiling a list of prefixes once and matching paths against it.
//! Must never: allocate or fail while matching.

use std::collections::HashSet;

/// A compiled `pmatch (...)` list.
#[derive(Debug, Clone)]
pub(super) struct PathSet {
    /// Prefixes without wildcards, as their normalised component strings
    /// ("var/run"), hashed: a path matches if one of its leading component
    /// runs is in the set.
    exact: HashSet<Box<str>>,
    /// Prefixes with a `*` component, split into components.
    wild: Box<[Box<[Box<str>]>]>,
    /// Some prefix has no component at all (`/`): everything matches.
    all: bool,
}

fn components(p: &str) -> impl Iterator<Item = &str> {
    p.split('/').filter(|c| !c.is_empty())
}

impl PathSet {
    pub(super) fn new<'a>(prefixes: impl IntoIterator<Item = &'a str>) -> PathSet {
        let mut set = PathSet {
            exact: HashSet::new(),
            wild: Box::new([]),
            all: false,
        };
        let mut wild = Vec::new();
        for p in prefixes {
            let comps: Vec<&str> = components(p).collect();
            if comps.is_empty() {
                set.all = true;
            } else if comps.contains(&"*") {
                wild.push(comps.into_iter().map(Box::from).collect());
            } else {
                set.exact.insert(comps.join("/").into());
            }
        }
        set.wild = wild.into_boxed_slice();
        set
    }

    pub(super) fn matches(&self, path: &str) -> bool {
        if self.all {
            return true;
        }
        if !self.exact.is_empty() {
            // Every leading run of components, as a slice of `path` with
            // the leading slashes cut: "var", "var/run", ... Doubled
            // slashes inside the path fall back to the slow comparison.
            let trimmed = path.trim_start_matches('/');
            if !trimmed.contains("//") {
                for c in components(trimmed) {
                    let end = c.as_ptr() as usize - trimmed.as_ptr() as usize + c.len();
                    if self.exact.contains(&trimmed[..end]) {
                        return true;
                    }
                }
            } else if self
                .exact
                .iter()
                .any(|e| prefix_matches(components(e), path))
            {
                return true;
            }
        }
        self.wild
            .iter()
            .any(|w| prefix_matches(w.iter().map(|c| &**c), path))
    }
}

/// True if the components of `prefix` lead the components of `path`.
fn prefix_matches<'a>(prefix: impl Iterator<Item = &'a str>, path: &str) -> bool {
    let mut p = components(path);
    for want in prefix {
        match p.next() {
            Some(c) if want == "*" || want == c => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_prefixes() {
        let s = PathSet::new(["/var/run", "/opt/*/subdir", "etc//x/"]);
        assert!(s.matches("/var/run"));
        assert!(s.matches("/var/run/docker.sock"));
        assert!(s.matches("/var//run/x"));
        assert!(!s.matches("/var"));
        assert!(!s.matches("/var/running"));
        assert!(s.matches("/opt/x/subdir/file"));
        assert!(s.matches("/opt/y/subdir"));
        assert!(!s.matches("/opt/x/other"));
        assert!(s.matches("/etc/x"));
        assert!(!s.matches("/etc"));
        assert!(!PathSet::new([]).matches("/a"));
        assert!(PathSet::new(["/"]).matches("/anything"));
    }
}
