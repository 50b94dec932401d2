//! `required_engine_version` and `required_plugin_versions`: versions,
//! compatibility, and what lanner reports itself as.
//!
//! lanner reports Falco engine version [`ENGINE_VERSION`] = 0.63.0, the
//! version of the Falco engine whose loader tests (the 103 cases lanner
//! reproduces, including `oneof`/`anyof`/`allof` exception comps) and
//! rule files it matches; stable 5.1.0 needs 0.57.0, 3.2.0 needs 0.31.0,
//! 1.0.1 needs 17 (= 0.17.0). A requirement holds when the major versions
//! are equal and the engine is not older (Falco's `compatible_with`).
//!
//! Plugins: lanner provides the `container` plugin's fields natively, so
//! it reports `container` at [`CONTAINER_PLUGIN_VERSION`] (what stable
//! 5.1.0 asks for); any other plugin is absent and its requirement fails
//! like Falco's ("Plugin requirement not satisfied, must load one of:
//! ...").
//!
//! Owns: version parsing and comparison.
//! Must never: accept a malformed version silently.

use std::fmt;

/// A `major.minor.patch` version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

/// The Falco engine version lanner implements.
pub const ENGINE_VERSION: Version = Version {
    major: 0,
    minor: 63,
    patch: 0,
};

/// The version lanner reports for its built-in `container` plugin fields.
pub const CONTAINER_PLUGIN_VERSION: Version = Version {
    major: 0,
    minor: 4,
    patch: 0,
};

/// Plugins lanner provides natively, with their versions.
pub const PROVIDED_PLUGINS: &[(&str, Version)] = &[("container", CONTAINER_PLUGIN_VERSION)];

impl Version {
    /// `x.y.z` (leading digits of each part, like libsinsp's parser; text
    /// after the patch number such as `-rc1` is ignored).
    pub fn parse(s: &str) -> Option<Version> {
        let mut it = s.trim().splitn(3, '.');
        let num = |p: &str| -> Option<u64> {
            let digits: &str = &p[..p.bytes().take_while(u8::is_ascii_digit).count()];
            digits.parse().ok()
        };
        let major = it.next().and_then(|p| {
            // The major part must be all digits.
            p.bytes().all(|b| b.is_ascii_digit()).then(|| num(p))?
        })?;
        let minor = it
            .next()
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(num)?;
        let patch = it.next().and_then(num)?;
        Some(Version {
            major,
            minor,
            patch,
        })
    }

    /// Falco's implicit form: an integer N means `0.N.0`.
    pub fn implicit(n: u64) -> Version {
        Version {
            major: 0,
            minor: n,
            patch: 0,
        }
    }

    /// True if something at this version satisfies a requirement `req`.
    pub fn compatible_with(self, req: Version) -> bool {
        self.major == req.major && self >= req
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version of plugin `name` lanner provides, if any.
pub fn provided_plugin(name: &str) -> Option<Version> {
    PROVIDED_PLUGINS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares() {
        let v = |s| Version::parse(s);
        assert_eq!(v("0.57.0"), Some(Version::implicit(57)));
        assert_eq!(v("1.2.3-rc1").map(|v| v.patch), Some(3));
        assert_eq!(v("seven"), None);
        assert_eq!(v("1.2"), None);
        assert_eq!(v(""), None);
        assert!(ENGINE_VERSION.compatible_with(Version::implicit(17)));
        assert!(ENGINE_VERSION.compatible_with(v("0.57.0").unwrap()));
        assert!(!ENGINE_VERSION.compatible_with(Version::implicit(9_999_999)));
        assert!(!ENGINE_VERSION.compatible_with(v("1.0.0").unwrap()));
        assert!(provided_plugin("container")
            .unwrap()
            .compatible_with(v("0.4.0").unwrap()));
        assert_eq!(provided_plugin("cloudtrail"), None);
    }
}
