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

/// Whether `p` is absolute with no `.`, `..` or empty component (this
/// runs on every open: a word-at-a-time filter first, the exact check only
/// for a path it cannot clear).
fn is_clean_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    match b {
        [] => false,
        [c] => *c == b'/',
        [first, .., last] => {
            *first == b'/' && *last != b'/' && (!may_have_dot_or_empty(b) || components_clean(b))
        }
    }
}

/// Whether some '/' in `b` is followed by '/' or '.' (false positives
/// allowed: the caller then checks exactly). Eight byte pairs per step.
fn may_have_dot_or_empty(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit set in every byte of `v` equal to `c` (and perhaps in a
    // 0x01 byte above one: a false positive, never a miss).
    let eq = |v: u64, c: u8| {
        let x = v ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let pairs_at = |at: usize| {
        let (here, next) = (word(at), word(at + 1));
        eq(here, b'/') & (eq(next, b'/') | eq(next, b'.')) != 0
    };
    if b.len() < 9 {
        return b
            .windows(2)
            .any(|w| w[0] == b'/' && matches!(w[1], b'/' | b'.'));
    }
    // Windows at 0, 8, 16, ... and one ending at the last pair.
    (0..b.len() - 8).step_by(8).any(pairs_at) || pairs_at(b.len() - 9)
}

/// The exact check of [`is_clean_absolute`]'s components.
fn components_clean(b: &[u8]) -> bool {
    // What follows each '/' starts a component: none may be "", "." or
    // "..", i.e. end there or at the next '/'.
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
        // Every placement of a bad component in paths long enough for the
        // word-at-a-time filter, against the exact check alone; hidden
        // names ("/.x", "/..x") are clean.
        for len in 1..40 {
            let base: String = (0..len)
                .map(|i| if i % 5 == 0 { '/' } else { 'x' })
                .collect();
            for at in 0..len {
                for ins in ["/", ".", "/.", "/..", "/.x", "/..x", "//", "x"] {
                    let mut p = base.clone();
                    p.insert_str(at, ins);
                    let want = p.starts_with('/')
                        && (p.len() == 1 || (!p.ends_with('/') && components_clean(p.as_bytes())));
                    assert_eq!(is_clean_absolute(&p), want, "{p}");
                }
            }
        }
        assert!(!is_clean_absolute(""));
    }
}
