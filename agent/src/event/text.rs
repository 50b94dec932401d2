//! Bytes from records as text: UTF-8 as is, anything else with U+FFFD
//! replacements, as Falco shows it.
//!
//! Owns: the one byte -> string conversion the state and field code use.
//! Must never: allocate for valid UTF-8 (the common case, checked with
//! std's word-at-a-time validator before the slow replacing path).

use std::borrow::Cow;

/// `b` as text, borrowed when it is valid UTF-8.
#[inline]
pub fn lossy(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// [`lossy`], owned.
pub fn lossy_owned(b: &[u8]) -> String {
    lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed_invalid_is_replaced() {
        assert!(matches!(
            lossy(b"/etc/passwd"),
            Cow::Borrowed("/etc/passwd")
        ));
        assert!(matches!(
            lossy("/tmp/é".as_bytes()),
            Cow::Borrowed("/tmp/é")
        ));
        assert_eq!(lossy(b"/tmp/\xffx"), "/tmp/\u{fffd}x");
        assert_eq!(lossy_owned(b"a\xc3"), "a\u{fffd}");
    }
}
