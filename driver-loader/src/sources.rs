//! Readers of single node facts, each a parser of one file's text plus a
//! read through the root prefix.
//!
//! Owns: the formats of os-release, /etc/redhat-release, the lockdown file,
//! the SecureBoot EFI variable, sig_enforce (parameter and command line)
//! and kernel release strings. Parsers are pure functions of text or bytes.
//! Must never: write anything, or read a path that is not under the root
//! prefix it was given.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// `abs` (an absolute node path) seen under `root`.
pub fn at(root: &Path, abs: impl AsRef<Path>) -> PathBuf {
    let abs = abs.as_ref();
    root.join(abs.strip_prefix("/").unwrap_or(abs))
}

/// Whether `abs` exists on the node under `root`, following symlinks as
/// the node would: an absolute link target is taken under `root` too
/// (`/lib/modules/<release>/build` -> `/usr/src/linux-headers-...`), not
/// on the machine running the loader. At most 40 links, as the kernel.
pub fn exists_under(root: &Path, abs: impl AsRef<Path>) -> bool {
    let mut node = abs.as_ref().to_path_buf();
    for _ in 0..40 {
        let host = at(root, &node);
        match std::fs::symlink_metadata(&host) {
            Err(_) => return false,
            Ok(m) if !m.file_type().is_symlink() => return true,
            Ok(_) => {}
        }
        let Ok(target) = std::fs::read_link(&host) else {
            return false;
        };
        node = if target.is_absolute() {
            target
        } else {
            node.parent().unwrap_or(Path::new("/")).join(target)
        };
    }
    false
}

/// A file's text under `root`, trimmed; `None` when it cannot be read.
pub fn read_trim(root: &Path, abs: &str) -> Option<String> {
    std::fs::read_to_string(at(root, abs))
        .ok()
        .map(|s| s.trim().to_string())
}

/// The distribution, as os-release (or redhat-release) names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Distro {
    /// `ID` (`rhel`, `centos`, `debian`, ...).
    pub id: String,
    /// `VERSION_ID` (`7.9`, `12`, ...).
    pub version_id: String,
    /// `PRETTY_NAME`, or the redhat-release line.
    pub pretty: String,
    /// The file it came from.
    pub source: String,
}

/// One os-release value: unquoted, with shell escapes undone.
fn unquote(v: &str) -> String {
    let v = v.trim();
    let inner = if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        &v[1..v.len() - 1]
    } else {
        v
    };
    let mut out = String::with_capacity(inner.len());
    let mut esc = false;
    for c in inner.chars() {
        if esc || c != '\\' {
            out.push(c);
            esc = false;
        } else {
            esc = true;
        }
    }
    out
}

/// Parses os-release text (os-release(5)).
pub fn parse_os_release(text: &str) -> Distro {
    let mut d = Distro::default();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        match k.trim() {
            "ID" => d.id = unquote(v),
            "VERSION_ID" => d.version_id = unquote(v),
            "PRETTY_NAME" => d.pretty = unquote(v),
            _ => {}
        }
    }
    d
}

/// Parses `/etc/redhat-release` ("CentOS Linux release 7.9.2009 (Core)",
/// "Red Hat Enterprise Linux Server release 6.10 (Santiago)").
pub fn parse_redhat_release(text: &str) -> Distro {
    let line = text.lines().next().unwrap_or("").trim();
    let lower = line.to_ascii_lowercase();
    let id = if lower.starts_with("centos") {
        "centos"
    } else if lower.starts_with("red hat") {
        "rhel"
    } else if lower.starts_with("rocky") {
        "rocky"
    } else if lower.starts_with("almalinux") {
        "almalinux"
    } else if lower.starts_with("oracle") {
        "ol"
    } else if lower.starts_with("fedora") {
        "fedora"
    } else {
        "redhat-family"
    };
    let version_id = line
        .split_whitespace()
        .skip_while(|w| *w != "release")
        .nth(1)
        .unwrap_or("")
        .to_string();
    Distro {
        id: id.into(),
        version_id,
        pretty: line.into(),
        source: "/etc/redhat-release".into(),
    }
}

/// os-release (`/etc`, then `/usr/lib`), else redhat-release (EL6 and
/// early EL7 hosts have no os-release).
pub fn read_distro(root: &Path) -> Option<Distro> {
    for p in ["/etc/os-release", "/usr/lib/os-release"] {
        if let Ok(t) = std::fs::read_to_string(at(root, p)) {
            let mut d = parse_os_release(&t);
            if !d.id.is_empty() {
                d.source = p.into();
                return Some(d);
            }
        }
    }
    std::fs::read_to_string(at(root, "/etc/redhat-release"))
        .ok()
        .map(|t| parse_redhat_release(&t))
}

/// The kernel lockdown mode (`/sys/kernel/security/lockdown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lockdown {
    None,
    Integrity,
    Confidentiality,
}

impl std::fmt::Display for Lockdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Lockdown::None => "none",
            Lockdown::Integrity => "integrity",
            Lockdown::Confidentiality => "confidentiality",
        })
    }
}

/// Parses "none [integrity] confidentiality": the bracketed word is active.
pub fn parse_lockdown(text: &str) -> Option<Lockdown> {
    let active = text
        .split_whitespace()
        .find(|w| w.starts_with('[') && w.ends_with(']'))?;
    match active.trim_matches(|c| c == '[' || c == ']') {
        "none" => Some(Lockdown::None),
        "integrity" => Some(Lockdown::Integrity),
        "confidentiality" => Some(Lockdown::Confidentiality),
        _ => None,
    }
}

/// Secure Boot state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecureBoot {
    On,
    Off,
    /// Booted without EFI (no `/sys/firmware/efi`): no Secure Boot.
    NotEfi,
    /// EFI, but the variable could not be read.
    Unknown,
}

/// The SecureBoot EFI variable (global variable GUID).
pub const SECURE_BOOT_VAR: &str =
    "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

/// efivarfs content: 4 attribute bytes, then the value; 1 = enabled.
pub fn parse_secure_boot(bytes: &[u8]) -> SecureBoot {
    match bytes.get(4) {
        Some(1) => SecureBoot::On,
        Some(_) => SecureBoot::Off,
        None => SecureBoot::Unknown,
    }
}

pub fn read_secure_boot(root: &Path) -> SecureBoot {
    if !at(root, "/sys/firmware/efi").exists() {
        return SecureBoot::NotEfi;
    }
    match std::fs::read(at(root, SECURE_BOOT_VAR)) {
        Ok(b) => parse_secure_boot(&b),
        // EFI without the variable: firmware without Secure Boot support.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => SecureBoot::Off,
        Err(_) => SecureBoot::Unknown,
    }
}

/// Whether a boolean parameter value is true ("Y", "1", "y", "on").
pub fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "y" | "1" | "yes" | "on" | "true"
    )
}

/// `module.sig_enforce` on the kernel command line, if present.
pub fn cmdline_sig_enforce(cmdline: &str) -> Option<bool> {
    cmdline
        .split_whitespace()
        .filter_map(|w| w.strip_prefix("module.sig_enforce"))
        .map(|rest| rest.strip_prefix('=').is_none_or(truthy))
        .next_back()
}

/// A kernel release's numeric prefix: "3.10.0-1160.el7.x86_64" -> 3.10.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct KernelVersion(pub u32, pub u32, pub u32);

impl std::fmt::Display for KernelVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

pub fn parse_release(release: &str) -> Option<KernelVersion> {
    let head: String = release
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut it = head.split('.').filter(|s| !s.is_empty());
    let a = it.next()?.parse().ok()?;
    let b = it.next()?.parse().ok()?;
    let c = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    Some(KernelVersion(a, b, c))
}
