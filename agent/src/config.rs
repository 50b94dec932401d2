//! The agent's configuration file (YAML) and its embedded default.
//!
//! Owns: the config schema (Falco's output keys beside lanner's; how they
//! merge is in `outputs`), defaults, and errors located as
//! `file:line:col: reason` (unknown keys are errors, not ignored; a value
//! that parses but fails validation is located at its key through the
//! document's positioned tree, `engine::yaml`).
//! Must never: touch the device or the network, or write anything;
//! loading only reads the file (and checks that the paths the outputs
//! name exist).

use crate::engine::priority::Priority;
use crate::engine::rules::{RuleMatching, RuleSelect, SelectBy};
use crate::output::file::FileConfig;
use crate::output::http::HttpConfig;
use crate::output::{OutputsConfig, PathSeg};
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod outputs;

/// The embedded default configuration.
pub const EMBEDDED_CONFIG: &str = include_str!("../config/lanner.yaml");
/// lanner's default rules, embedded for `lanner run` without rules files.
pub const EMBEDDED_RULES: &str = include_str!("../../rules/lanner_rules.yaml");

fn default_device() -> PathBuf {
    crate::source::kmod::default_device()
}

fn default_max_threads() -> usize {
    262_144
}

fn yes() -> bool {
    true
}

/// Falco's `stdout_output` / `syslog_output`: `{enabled: BOOL}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enabled {
    /// Default true (Falco's default for both sections).
    #[serde(default = "yes")]
    pub enabled: bool,
}

/// lanner.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rules files or directories (*.yaml, *.yml), loaded in order.
    #[serde(default)]
    pub rules_files: Vec<PathBuf>,
    /// The kernel module's device.
    #[serde(default = "default_device")]
    pub device: PathBuf,
    /// Capture driver: `kmod` (the kernel module) or `bpf` (the eBPF
    /// fallback). The driver-loader picks one per node; this only names it.
    #[serde(default)]
    pub driver: Driver,
    /// Most threads the process table holds (older entries are evicted
    /// and counted beyond it).
    #[serde(default = "default_max_threads")]
    pub max_threads: usize,
    /// Alert destinations.
    #[serde(default)]
    pub outputs: OutputsConfig,
    /// Falco's top-level `json_output`: stdout and file outputs write
    /// alerts as JSON in Falco's schema unless they set `json_output`
    /// themselves (HTTP always sends JSON).
    #[serde(default)]
    pub json_output: bool,
    /// Falco's `json_include_output_property` (default true).
    #[serde(default = "yes")]
    pub json_include_output_property: bool,
    /// Falco's `json_include_message_property` (default false).
    #[serde(default)]
    pub json_include_message_property: bool,
    /// Falco's `json_include_output_fields_property` (default true).
    #[serde(default = "yes")]
    pub json_include_output_fields_property: bool,
    /// Falco's `json_include_tags_property` (default true).
    #[serde(default = "yes")]
    pub json_include_tags_property: bool,
    /// Falco's `time_format_iso_8601`: text lines (and JSON `output`)
    /// with an ISO 8601 time (default false).
    #[serde(default)]
    pub time_format_iso_8601: bool,
    /// The driver-loader's settings (`allowed`, `prebuilt_dir`, `dkms`,
    /// `log_dir`): one config file for both programs. `driver-loader`
    /// reads and validates them (it runs before the agent); the agent
    /// only lets the key through.
    #[serde(default)]
    pub driver_loader: Option<serde_yaml_ng::Value>,
    /// Falco's `stdout_output: {enabled}`; the same as
    /// `outputs.stdout.enabled` (giving both is an error).
    #[serde(default)]
    pub stdout_output: Option<Enabled>,
    /// Falco's `syslog_output: {enabled}`: `enabled: true` adds what
    /// Falco's syslog(3) does, RFC 3164 to the unix socket `/dev/log`
    /// (unless `outputs.syslog` already has that destination).
    #[serde(default)]
    pub syslog_output: Option<Enabled>,
    /// Falco's `file_output`; with `enabled: true` one more file output.
    #[serde(default)]
    pub file_output: Option<FileConfig>,
    /// Falco's `http_output`; with `enabled: true` one more HTTP output.
    #[serde(default)]
    pub http_output: Option<HttpConfig>,
    /// Falco's `rules:` selection, applied in order after loading:
    /// `[{disable: {rule: "*"}}, {enable: {tag: network}}]` (rule names
    /// take `*` wildcards; tags match exactly).
    #[serde(default)]
    pub rules: Vec<RuleSelectEntry>,
    /// Falco's `rule_matching`: `first` (default) or `all`.
    #[serde(default)]
    pub rule_matching: RuleMatching,
    /// Falco's `priority`: rules less severe than this stay disabled.
    #[serde(default)]
    pub priority: Option<MinPriority>,
}

/// One entry of `rules:`: `{enable: TARGET}` or `{disable: TARGET}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawEntry")]
pub enum RuleSelectEntry {
    Enable(SelectTarget),
    Disable(SelectTarget),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    enable: Option<SelectTarget>,
    disable: Option<SelectTarget>,
}

impl TryFrom<RawEntry> for RuleSelectEntry {
    type Error = String;

    fn try_from(r: RawEntry) -> Result<Self, String> {
        match (r.enable, r.disable) {
            (Some(t), None) => Ok(RuleSelectEntry::Enable(t)),
            (None, Some(t)) => Ok(RuleSelectEntry::Disable(t)),
            _ => Err("each entry must be exactly one of 'enable' or 'disable'".into()),
        }
    }
}

impl RuleSelectEntry {
    /// The engine's form of the entry.
    pub fn to_select(&self) -> RuleSelect {
        let (enable, t) = match self {
            RuleSelectEntry::Enable(t) => (true, t),
            RuleSelectEntry::Disable(t) => (false, t),
        };
        RuleSelect {
            enable,
            by: t.0.clone(),
        }
    }
}

/// `{rule: NAME}` or `{tag: TAG}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawTarget")]
pub struct SelectTarget(pub SelectBy);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    rule: Option<String>,
    tag: Option<String>,
}

impl TryFrom<RawTarget> for SelectTarget {
    type Error = String;

    fn try_from(r: RawTarget) -> Result<Self, String> {
        match (r.rule, r.tag) {
            (Some(rule), None) => Ok(SelectTarget(SelectBy::Rule(rule))),
            (None, Some(tag)) => Ok(SelectTarget(SelectBy::Tag(tag))),
            _ => Err("exactly one of 'rule' or 'tag' must be given".into()),
        }
    }
}

/// A priority name (`warning`, `INFO`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct MinPriority(pub Priority);

impl TryFrom<String> for MinPriority {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        s.parse::<Priority>()
            .map(MinPriority)
            .map_err(|e| e.to_string())
    }
}

/// The capture drivers lanner has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Driver {
    #[default]
    Kmod,
    Bpf,
}

impl Driver {
    /// The name `--driver` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Driver::Kmod => "kmod",
            Driver::Bpf => "bpf",
        }
    }
}

/// A config file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Read {
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

impl Config {
    /// Parses `text` (named `path` in errors) and validates it.
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        let mut cfg: Config = serde_yaml_ng::from_str(text).map_err(|e| {
            let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            // serde_yaml_ng appends " at line L column C"; we print it first.
            let reason = e.to_string();
            let reason = reason
                .split(" at line ")
                .next()
                .unwrap_or(&reason)
                .to_string();
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                col,
                reason,
            }
        })?;
        cfg.check().map_err(|(key_path, reason)| {
            let (line, col) = outputs::locate(path, text, &key_path);
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                col,
                reason,
            }
        })?;
        Ok(cfg)
    }

    /// Checks what serde cannot and merges Falco's output keys into
    /// `outputs`. Err: the bad key's path and the reason.
    fn check(&mut self) -> Result<(), (Vec<PathSeg>, String)> {
        if self.max_threads == 0 {
            return Err((
                vec![PathSeg::key("max_threads")],
                "max_threads must be at least 1".into(),
            ));
        }
        self.apply_outputs()
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: name.clone(),
            source,
        })?;
        Config::parse(&name, &text)
    }

    /// The `rules:` entries in the engine's form.
    pub fn rule_selection(&self) -> Vec<RuleSelect> {
        self.rules.iter().map(RuleSelectEntry::to_select).collect()
    }

    /// The embedded default.
    pub fn embedded() -> Config {
        Config::parse("<embedded>/lanner.yaml", EMBEDDED_CONFIG)
            .expect("the embedded config is valid (tested)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn driver_loader_section_is_accepted_for_the_loader() {
        let c = Config::parse(
            "t.yaml",
            "driver_loader:\n  allowed: [kmod, ebpf]\n  dkms: false\n",
        )
        .unwrap();
        assert!(c.driver_loader.is_some());
        assert!(Config::parse("t.yaml", "driver_loaderr: {}\n").is_err());
    }

    #[test]
    fn embedded_config_and_rules_load() {
        let c = Config::embedded();
        assert!(c.rules_files.is_empty());
        assert_eq!(c.device, Path::new("/dev/lanner"));
        let rs = crate::engine::Ruleset::load_str("embedded", EMBEDDED_RULES).unwrap();
        assert!(!rs.rules().is_empty());
    }

    #[test]
    fn unknown_key_is_located() {
        let e = Config::parse("c.yaml", "device: /dev/x\nrules_file: [a]\n").unwrap_err();
        let s = e.to_string();
        assert!(
            s.starts_with("c.yaml:2:1: unknown field `rules_file`"),
            "{s}"
        );
    }

    #[test]
    fn wrong_type_is_located() {
        let e = Config::parse("c.yaml", "max_threads: lots\n").unwrap_err();
        assert!(e.to_string().starts_with("c.yaml:1:14: "), "{e}");
    }

    #[test]
    fn rule_selection_matching_and_priority() {
        let c = Config::parse(
            "c.yaml",
            "rules:\n  - disable:\n      rule: \"*\"\n  - enable:\n      tag: network\nrule_matching: all\npriority: notice\n",
        )
        .unwrap();
        assert_eq!(
            c.rule_selection(),
            [
                RuleSelect {
                    enable: false,
                    by: SelectBy::Rule("*".into())
                },
                RuleSelect {
                    enable: true,
                    by: SelectBy::Tag("network".into())
                }
            ]
        );
        assert_eq!(c.rule_matching, RuleMatching::All);
        assert_eq!(c.priority, Some(MinPriority(Priority::Notice)));
        let e = Config::parse(
            "c.yaml",
            "rules:\n  - enable:\n      rule: a\n      tag: b\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("c.yaml:2:5:"), "{e}");
        assert!(e.to_string().contains("exactly one of"), "{e}");
        let e = Config::parse("c.yaml", "rule_matching: some\n").unwrap_err();
        assert!(e.to_string().starts_with("c.yaml:1:16"), "{e}");
        let e = Config::parse("c.yaml", "\npriority: loud\n").unwrap_err();
        assert!(e.to_string().starts_with("c.yaml:2:"), "{e}");
        assert!(e.to_string().contains("unknown priority \"loud\""), "{e}");
        let e = Config::parse("c.yaml", "rules:\n  - toggle:\n      rule: a\n").unwrap_err();
        assert!(e.to_string().starts_with("c.yaml:2:"), "{e}");
    }

    #[test]
    fn missing_file_names_the_path() {
        let e = Config::load(Path::new("/nonexistent/lanner.yaml")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/lanner.yaml"));
    }
}
