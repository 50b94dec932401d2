//! Text functions behind the `b64` and `getopt` transformers: standard
//! base64 decoding and POSIX getopt option lookup.
//!
//! Owns: those two algorithms.
//! Must never: panic on any input (malformed input gives `None`).

/// POSIX getopt over `args` (the program's arguments, without argv[0])
/// with option string `opts`: the argument of option `key` ("" for an
/// option without argument), the last occurrence winning; `None` when
/// the option is absent. Scanning stops at `--` or the first non-option.
pub(super) fn getopt(args: &[String], opts: &str, key: &str) -> Option<String> {
    let mut key_chars = key.chars();
    let (Some(want), None) = (key_chars.next(), key_chars.next()) else {
        return None;
    };
    let takes_arg = |c: char| -> Option<bool> {
        let i = opts.find(c)?;
        Some(opts[i + c.len_utf8()..].starts_with(':'))
    };
    let mut found = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" || !a.starts_with('-') || a.len() < 2 {
            break;
        }
        let body = &a[1..];
        for (pos, c) in body.char_indices() {
            match takes_arg(c) {
                Some(true) => {
                    let rest = &body[pos + c.len_utf8()..];
                    let val = if !rest.is_empty() {
                        Some(rest.to_string())
                    } else {
                        i += 1;
                        args.get(i).cloned()
                    };
                    if c == want {
                        found = val;
                    }
                    break;
                }
                Some(false) if c == want => found = Some(String::new()),
                _ => {}
            }
        }
        i += 1;
    }
    found
}

/// Standard base64 (with or without padding); `None` if malformed.
pub(super) fn b64_decode(s: &[u8]) -> Option<Vec<u8>> {
    let s = s
        .strip_suffix(b"==")
        .or_else(|| s.strip_suffix(b"="))
        .unwrap_or(s);
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(b64_decode(b"aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(b64_decode(b"aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(b64_decode(b"aGk="), Some(b"hi".to_vec()));
        assert_eq!(b64_decode(b""), Some(vec![]));
        assert_eq!(b64_decode(b"a"), None);
        assert_eq!(b64_decode(b"a*=="), None);
    }

    #[test]
    fn getopt_like_posix() {
        let a = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(getopt(&a("-n 3 -t x"), "n:t:", "t"), Some("x".into()));
        assert_eq!(getopt(&a("-tx -v"), "t:v", "t"), Some("x".into()));
        assert_eq!(getopt(&a("-vt y"), "t:v", "v"), Some(String::new()));
        assert_eq!(getopt(&a("-vt y"), "t:v", "t"), Some("y".into()));
        assert_eq!(getopt(&a("file -t x"), "t:", "t"), None);
        assert_eq!(getopt(&a("-- -t x"), "t:", "t"), None);
        assert_eq!(getopt(&a("-t"), "t:", "t"), None);
        assert_eq!(getopt(&a("-t x"), "t:", "tt"), None);
    }
}
