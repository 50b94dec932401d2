//! Paths as Falco shows them: relative paths made absolute against the
//! directory they are relative to (the cwd for `AT_FDCWD`, else the
//! directory fd), with `.`/`..` and repeated slashes folded.
//!
//! Owns: [`normalize_path`] and [`resolve_at`].
//! Must never: touch the filesystem (symlinks are not followed) or
//! allocate for a path that is already absolute and clean.

use crate::event::decode::Event;
use crate::state::proc::ProcTable;
use lanner_abi as abi;
use std::borrow::Cow;

/// Joins `rel` to `base` and removes `.`/`..` components and repeated
/// slashes, as Falco renders `fd.name`.
pub fn normalize_path(base: &str, rel: &str) -> String {
    let joined = if rel.starts_with('/') || base.is_empty() {
        Cow::Borrowed(rel)
    } else {
        Cow::Owned(format!("{base}/{rel}"))
    };
    let mut parts: Vec<&str> = Vec::new();
    for c in joined.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    if !joined.starts_with('/') {
        return parts.join("/");
    }
    let mut s = String::with_capacity(joined.len());
    for p in &parts {
        s.push('/');
        s.push_str(p);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}

/// Whether `p` is absolute with no `.`, `..` or empty component (one
/// pass over the bytes: this runs on every open).
fn is_clean_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    if b.first() != Some(&b'/') {
        return false;
    }
    if b.len() == 1 {
        return true;
    }
    // What follows each '/' starts a component: none may be "", "." or
    // "..", i.e. end there or at the next '/'. (A plain loop: paths are
    // short, and memchr's call overhead is larger than the scan.)
    for (i, c) in b.iter().enumerate() {
        if *c != b'/' {
            continue;
        }
        if let [] | [b'/', ..] | [b'.'] | [b'.', b'/', ..] | [b'.', b'.'] | [b'.', b'.', b'/', ..] =
            &b[i + 1..]
        {
            return false;
        }
    }
    true
}

/// Path parameter `idx` of `ev` made absolute: against the directory fd
/// the event table names for it (`PT_FSRELPATH`), or the thread's cwd.
/// Invalid UTF-8 is replaced. `None` when the parameter is absent.
pub fn resolve_at<'e>(
    procs: &ProcTable,
    ev: &Event<'e>,
    idx: Option<usize>,
) -> Option<Cow<'e, str>> {
    let idx = idx?;
    let raw = ev.value(idx)?.as_bytes()?;
    Some(resolve_text(procs, ev, idx, crate::event::text::lossy(raw)))
}

/// [`resolve_at`] for a caller that already has parameter `idx` as text
/// (`name`, the parameter's bytes through `text::lossy`).
pub fn resolve_text<'e>(
    procs: &ProcTable,
    ev: &Event<'_>,
    idx: usize,
    name: Cow<'e, str>,
) -> Cow<'e, str> {
    if is_clean_absolute(&name) {
        return name;
    }
    if name.starts_with('/') {
        return Cow::Owned(normalize_path("", &name));
    }
    if name.is_empty() {
        return name;
    }
    let tid = ev.tid();
    let dirfd = ev
        .info()
        .and_then(|i| i.params.get(idx))
        .and_then(|p| p.dirfd)
        .and_then(|d| ev.value(d))
        .and_then(|v| v.as_int());
    let base = match dirfd {
        None => procs.get(tid).map(|t| Cow::Borrowed(t.cwd.as_str())),
        Some(d) if d == i64::from(abi::PPM_AT_FDCWD) => {
            procs.get(tid).map(|t| Cow::Borrowed(t.cwd.as_str()))
        }
        Some(d) => procs.fd(tid, d).map(|f| f.name_text()),
    };
    Cow::Owned(normalize_path(base.as_deref().unwrap_or(""), &name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize_path("/root", "../etc/./shadow"), "/etc/shadow");
        assert_eq!(normalize_path("/", "etc//passwd"), "/etc/passwd");
        assert_eq!(normalize_path("", "a/b"), "a/b");
        assert_eq!(normalize_path("/x", "/.."), "/");
    }

    #[test]
    fn clean_paths_are_recognised() {
        for p in ["/", "/etc/passwd", "/a.b/c"] {
            assert!(is_clean_absolute(p), "{p}");
        }
        for p in ["etc", "/a//b", "/a/./b", "/a/../b", "/a/", "/a/.", "/a/.."] {
            assert!(!is_clean_absolute(p), "{p}");
        }
    }
}
