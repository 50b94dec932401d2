//! The `driver_loader:` key of `/etc/lanner/lanner.yaml`.
//!
//! Owns: that key's schema, defaults and `file:line:col` errors. Only this
//! key is read; the rest of the file belongs to the agent and is ignored
//! here. Must never: reject a file for keys outside `driver_loader:`.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The shared config file.
pub const DEFAULT_CONFIG: &str = "/etc/lanner/lanner.yaml";

/// A capture driver the loader may pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Driver {
    /// The kernel module `lanner.ko`.
    Kmod,
    /// The eBPF fallback (the agent's `driver: bpf`).
    #[serde(alias = "bpf")]
    Ebpf,
}

impl std::fmt::Display for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Driver::Kmod => "kmod",
            Driver::Ebpf => "ebpf",
        })
    }
}

fn default_allowed() -> Vec<Driver> {
    vec![Driver::Kmod, Driver::Ebpf]
}
fn default_prebuilt_dir() -> PathBuf {
    PathBuf::from("/usr/lib/lanner/kmod")
}
fn default_true() -> bool {
    true
}
fn default_log_dir() -> PathBuf {
    PathBuf::from("/var/log/lanner")
}

/// `driver_loader:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoaderConfig {
    /// Drivers to consider, in order of preference.
    #[serde(default = "default_allowed")]
    pub allowed: Vec<Driver>,
    /// Prebuilt modules: `<prebuilt_dir>/<kernel release>/lanner.ko`.
    #[serde(default = "default_prebuilt_dir")]
    pub prebuilt_dir: PathBuf,
    /// Build the module with DKMS when no prebuilt one fits.
    #[serde(default = "default_true")]
    pub dkms: bool,
    /// Where DKMS build logs go (`dkms-<release>.log`).
    #[serde(default = "default_log_dir")]
    pub log_dir: PathBuf,
}

impl Default for LoaderConfig {
    fn default() -> Self {
        LoaderConfig {
            allowed: default_allowed(),
            prebuilt_dir: default_prebuilt_dir(),
            dkms: true,
            log_dir: default_log_dir(),
        }
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    driver_loader: Option<LoaderConfig>,
}

/// A bad config, located.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{col}: {reason}")]
    Invalid {
        path: String,
        line: usize,
        col: usize,
        reason: String,
    },
}

/// Parses the file's text (`path` names it in errors).
pub fn parse(path: &str, text: &str) -> Result<LoaderConfig, ConfigError> {
    let f: File = serde_yaml_ng::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let reason = e.to_string();
        let reason = reason.split(" at line ").next().unwrap_or(&reason);
        ConfigError::Invalid {
            path: path.to_string(),
            line,
            col,
            reason: reason.to_string(),
        }
    })?;
    let cfg = f.driver_loader.unwrap_or_default();
    if cfg.allowed.is_empty() {
        return Err(ConfigError::Invalid {
            path: path.to_string(),
            line: 1,
            col: 1,
            reason: "driver_loader.allowed: name at least one driver (kmod, ebpf)".into(),
        });
    }
    Ok(cfg)
}

/// Reads `path`; a missing file is the defaults only when `required` is
/// false (the default path), an error otherwise.
pub fn load(path: &Path, required: bool) -> Result<LoaderConfig, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(t) => parse(&path.display().to_string(), &t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            Ok(LoaderConfig::default())
        }
        Err(source) => Err(ConfigError::Io {
            path: path.display().to_string(),
            source,
        }),
    }
}
