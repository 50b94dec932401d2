//! The running kernel's build configuration: `/boot/config-<release>`,
//! else `/proc/config.gz` (CONFIG_IKCONFIG_PROC).
//!
//! Owns: finding and parsing the config, keeping the options the decision
//! looks at. Must never: treat a missing config as "option not set": an
//! unknown config leaves every option unknown (`None`).

use crate::sources::at;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The options kept (everything else in the file is ignored).
pub const KEPT: &[&str] = &[
    "CONFIG_MODULES",
    "CONFIG_MODULE_SIG",
    "CONFIG_MODULE_SIG_FORCE",
    "CONFIG_BPF",
    "CONFIG_BPF_SYSCALL",
    "CONFIG_BPF_EVENTS",
    "CONFIG_DEBUG_INFO_BTF",
    "CONFIG_SECURITY_LOCKDOWN_LSM",
];

/// Kept options of the kernel config, and where it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KernelConfig {
    /// The file read; `None` when neither exists.
    pub source: Option<String>,
    /// Option -> value (`y`, `m`, or `n` for "is not set").
    pub options: BTreeMap<String, String>,
}

impl KernelConfig {
    /// `Some(true)` for `=y`/`=m`, `Some(false)` when the config says it
    /// is not set, `None` when there is no config.
    pub fn enabled(&self, opt: &str) -> Option<bool> {
        self.source.as_ref()?;
        Some(matches!(
            self.options.get(opt).map(String::as_str),
            Some("y") | Some("m")
        ))
    }
}

/// Parses config text, keeping `KEPT`.
pub fn parse(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("# ") {
            if let Some(opt) = rest.strip_suffix(" is not set") {
                if KEPT.contains(&opt) {
                    out.insert(opt.to_string(), "n".to_string());
                }
            }
        } else if let Some((k, v)) = line.split_once('=') {
            if KEPT.contains(&k) {
                out.insert(k.to_string(), v.trim_matches('"').to_string());
            }
        }
    }
    out
}

/// Reads the config of kernel `release` under `root`.
pub fn read(root: &Path, release: &str) -> KernelConfig {
    let boot = format!("/boot/config-{release}");
    if let Ok(t) = std::fs::read_to_string(at(root, &boot)) {
        return KernelConfig {
            source: Some(boot),
            options: parse(&t),
        };
    }
    let gz = "/proc/config.gz";
    if let Ok(f) = std::fs::File::open(at(root, gz)) {
        let mut t = String::new();
        if flate2::read::GzDecoder::new(f)
            .read_to_string(&mut t)
            .is_ok()
        {
            return KernelConfig {
                source: Some(gz.into()),
                options: parse(&t),
            };
        }
    }
    KernelConfig::default()
}
