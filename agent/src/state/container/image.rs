//! Image references split the way Falco prints them:
//! `registry:5000/ns/img:tag@sha256:abc` -> repository `registry:5000/ns/img`,
//! tag `tag`, digest `sha256:abc`. The repository is kept as the runtime wrote
//! it (no `docker.io/library/` normalisation), like Falco's container plugin.
//! Must never: panic or allocate beyond the input's size.

/// The parts of one image reference; absent parts are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageRef {
    pub repository: String,
    pub tag: String,
    /// `algo:hex` after `@`.
    pub digest: String,
    /// Set when the reference is an image id (`sha256:<hex>` or 64 hex digits)
    /// rather than a name: the hex digits (Falco's `container.image.id`).
    pub image_id: String,
}

/// True for a non-empty string of lowercase hex digits.
pub(crate) fn is_hex(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// True for a non-empty string of hex digits of either case.
pub(crate) fn is_any_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Splits an image reference into repository, tag and digest.
pub fn split_image_ref(reference: &str) -> ImageRef {
    let r = reference.trim();
    let mut out = ImageRef::default();
    // A bare image id: `sha256:<64 hex>` or `<64 hex>`.
    let id_hex = r.strip_prefix("sha256:").unwrap_or(r);
    if id_hex.len() == 64 && is_hex(id_hex) {
        out.image_id = id_hex.to_string();
        return out;
    }
    let (name, digest) = match r.split_once('@') {
        Some((n, d)) => (n, d),
        None => (r, ""),
    };
    out.digest = digest.to_string();
    // The tag follows the last ':' only when no '/' comes after it
    // (`registry:5000/img` has a port, not a tag).
    let last_slash = name.rfind('/');
    match name.rfind(':') {
        Some(c) if last_slash.is_none_or(|s| c > s) => {
            out.repository = name[..c].to_string();
            out.tag = name[c + 1..].to_string();
        }
        _ => out.repository = name.to_string(),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(r: &str) -> (String, String, String) {
        let i = split_image_ref(r);
        (i.repository, i.tag, i.digest)
    }

    fn own(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn registry_port_namespace_tag_digest() {
        let d = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(
            parts(&format!("registry:5000/ns/img:tag@{d}")),
            own("registry:5000/ns/img", "tag", d)
        );
        assert_eq!(
            parts(&format!("registry:5000/ns/img@{d}")),
            own("registry:5000/ns/img", "", d)
        );
    }

    #[test]
    fn port_is_not_a_tag() {
        assert_eq!(
            parts("localhost:5000/img"),
            own("localhost:5000/img", "", "")
        );
        assert_eq!(
            parts("localhost:5000/img:1.2"),
            own("localhost:5000/img", "1.2", "")
        );
    }

    #[test]
    fn short_names_and_odd_forms() {
        assert_eq!(parts("nginx"), own("nginx", "", ""));
        assert_eq!(parts("nginx:latest"), own("nginx", "latest", ""));
        assert_eq!(
            parts("docker.io/library/nginx:1.25"),
            own("docker.io/library/nginx", "1.25", "")
        );
        assert_eq!(parts("img:"), own("img", "", ""));
        assert_eq!(parts(""), own("", "", ""));
        assert_eq!(parts("@"), own("", "", ""));
        assert_eq!(parts(":tag"), own("", "tag", ""));
        assert_eq!(parts("a/b/c:t@x@y"), own("a/b/c", "t", "x@y"));
    }

    #[test]
    fn image_ids_are_not_names() {
        let hex = "6f7e2741b66b".repeat(6);
        let hex = &hex[..64];
        let i = split_image_ref(&format!("sha256:{hex}"));
        assert_eq!(i.image_id, hex);
        assert_eq!(i.repository, "");
        assert_eq!(split_image_ref(hex).image_id, hex);
        // A 64-hex tag is still a tag of a named repository.
        assert_eq!(split_image_ref(&format!("img:{hex}")).tag, hex);
    }
}
