//! `pmatch`: path-prefix matching on `/` component boundaries, as
//! libsinsp's path prefix search. `/var/run` matches `/var/run` and
//! `/var/run/docker.sock`, not `/var` nor `/var/running`; a `*` component
//! matches any one component (`/opt/*/bin` matches `/opt/x/bin/tool`).
//! Empty components (doubled or trailing slashes) are ignored on both
//! sides, so `/var/run/` is the same prefix as `/var/run`.
//!
//! Owns: compiling a list of prefixes once and matching paths against it.
//! Must never: allocate or fail while matching.

use super::fxhash::FxHashSet;

/// Prefix lists up to this length are scanned, longer ones hashed.
const SCAN_MAX: usize = 16;

/// A compiled `pmatch (...)` list.
#[derive(Debug, Clone)]
pub(super) struct PathSet {
    /// Prefixes without wildcards, normalised to `/a/b` (one leading
    /// slash, single separators, no trailing slash).
    exact: Box<[Box<str>]>,
    /// The same, hashed, when there are many.
    hashed: Option<FxHashSet<Box<str>>>,
    /// Prefixes with a `*` component, split into components.
    wild: Box<[Box<[Box<str>]>]>,
    /// Some prefix has no component at all (`/`): everything matches.
    all: bool,
}

fn components(p: &str) -> impl Iterator<Item = &str> {
    p.split('/').filter(|c| !c.is_empty())
}

/// A path already in normal form: absolute, no `//`, no trailing `/`.
fn is_normal(p: &str) -> bool {
    p.starts_with('/') && !p.contains("//") && (p.len() == 1 || !p.ends_with('/'))
}

impl PathSet {
    pub(super) fn new<'a>(prefixes: impl IntoIterator<Item = &'a str>) -> PathSet {
        let (mut exact, mut wild, mut all) = (Vec::new(), Vec::new(), false);
        for p in prefixes {
            let comps: Vec<&str> = components(p).collect();
            if comps.is_empty() {
                all = true;
            } else if comps.contains(&"*") {
                wild.push(comps.into_iter().map(Box::from).collect());
            } else {
                exact.push(Box::from(format!("/{}", comps.join("/"))));
            }
        }
        let hashed = (exact.len() > SCAN_MAX).then(|| exact.iter().cloned().collect());
        PathSet {
            exact: exact.into(),
            hashed,
            wild: wild.into(),
            all,
        }
    }

    pub(super) fn matches(&self, path: &str) -> bool {
        if self.all {
            return true;
        }
        if !is_normal(path) {
            return self
                .exact
                .iter()
                .any(|e| prefix_matches(components(e), path))
                || self.wild_matches(path);
        }
        let hit = match &self.hashed {
            // Every leading run of components: "/var", "/var/run", ...
            Some(h) => path
                .match_indices('/')
                .skip(1)
                .map(|(i, _)| &path[..i])
                .chain(std::iter::once(path))
                .any(|p| h.contains(p)),
            None => self.exact.iter().any(|e| {
                path.starts_with(&**e)
                    && (path.len() == e.len() || path.as_bytes()[e.len()] == b'/')
            }),
        };
        hit || self.wild_matches(path)
    }

    fn wild_matches(&self, path: &str) -> bool {
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

    fn check(s: &PathSet) {
        assert!(s.matches("/var/run"));
        assert!(s.matches("/var/run/docker.sock"));
        assert!(s.matches("/var//run/x"));
        assert!(s.matches("var/run/x"));
        assert!(!s.matches("/var"));
        assert!(!s.matches("/var/running"));
        assert!(!s.matches("/"));
        assert!(s.matches("/opt/x/subdir/file"));
        assert!(s.matches("/opt/y/subdir"));
        assert!(!s.matches("/opt/x/other"));
        assert!(s.matches("/etc/x"));
        assert!(s.matches("/etc/x/"));
        assert!(!s.matches("/etc"));
    }

    #[test]
    fn component_prefixes() {
        check(&PathSet::new(["/var/run", "/opt/*/subdir", "etc//x/"]));
        assert!(!PathSet::new([]).matches("/a"));
        assert!(PathSet::new(["/"]).matches("/anything"));
    }

    #[test]
    fn hashed_lists_agree() {
        let many: Vec<String> = (0..40).map(|i| format!("/d{i}/e")).collect();
        let mut v: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
        v.extend(["/var/run", "/opt/*/subdir", "etc//x/"]);
        let s = PathSet::new(v);
        assert!(s.hashed.is_some());
        check(&s);
        assert!(s.matches("/d7/e/f") && !s.matches("/d7/f"));
    }
}
