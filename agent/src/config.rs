//! The agent's configuration file (YAML) and its embedded default.
//!
//! Owns: the config schema, defaults, Falco's output keys (`json_output`,
//! `json_include_*`, `time_format_iso_8601`, `stdout_output`,
//! `syslog_output`, `file_output`, `http_output`) merged into lanner's
//! `outputs:` section, and errors located as `file:line:col: reason`
//! (unknown keys are errors, not ignored; a value that parses but fails
//! validation is located at its key through the document's positioned
//! tree, `engine::yaml`).
//! Must never: touch the device or the network, or write anything;
//! loading only reads the file (and checks that the paths the outputs
//! name exist).

use crate::engine::priority::Priority;
use crate::engine::rules::{RuleMatching, RuleSelect, SelectBy};
use crate::engine::yaml;
use crate::output::file::FileConfig;
use crate::output::http::HttpConfig;
use crate::output::json::JsonOptions;
use crate::output::syslog::{MessageFormat, SyslogConfig, TransportKind};
use crate::output::{
    check_file, check_file_unique, check_http, InvalidOutput, OutputsConfig, PathSeg,
};
use serde::Deserialize;
use std::path::{Path, PathBuf};

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
        cfg.apply_outputs().map_err(|(key_path, reason)| {
            let (line, col) = locate(path, text, &key_path);
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                col,
                reason,
            }
        })?;
        Ok(cfg)
    }

    /// Validates the output settings (lanner's and Falco's keys) and merges
    /// Falco's into `outputs`. Err: the bad key's path and the reason.
    fn apply_outputs(&mut self) -> Result<(), (Vec<PathSeg>, String)> {
        let k = PathSeg::key;
        let located = |e: InvalidOutput| (e.path.clone(), e.to_string());
        if self.max_threads == 0 {
            return Err((
                vec![k("max_threads")],
                "max_threads must be at least 1".into(),
            ));
        }
        self.outputs
            .check()
            .map_err(|e| located(e.under(&[k("outputs")])))?;
        if let Some(f) = self
            .file_output
            .as_ref()
            .filter(|f| f.enabled == Some(true))
        {
            check_file(f)
                .and_then(|()| check_file_unique(f, &self.outputs.file))
                .map_err(|e| located(e.under(&[k("file_output")])))?;
        }
        if let Some(h) = self
            .http_output
            .as_ref()
            .filter(|h| h.enabled == Some(true))
        {
            check_http(h).map_err(|e| located(e.under(&[k("http_output")])))?;
        }
        let o = &mut self.outputs;
        o.json_output = self.json_output;
        o.json = JsonOptions {
            include_output: self.json_include_output_property,
            include_message: self.json_include_message_property,
            include_output_fields: self.json_include_output_fields_property,
            include_tags: self.json_include_tags_property,
            iso8601: self.time_format_iso_8601,
        };
        if let Some(s) = self.stdout_output {
            if o.stdout != Default::default() {
                return Err((
                    vec![k("stdout_output")],
                    "stdout_output and outputs.stdout both configure stdout; keep one".into(),
                ));
            }
            o.stdout.enabled = s.enabled;
        }
        if self.syslog_output.is_some_and(|s| s.enabled) {
            let dev_log = SyslogConfig {
                transport: TransportKind::Unix,
                path: "/dev/log".into(),
                format: MessageFormat::Rfc3164,
                ..SyslogConfig::default()
            };
            let present = o
                .syslog
                .iter()
                .any(|s| s.transport == TransportKind::Unix && s.path == dev_log.path);
            if !present {
                o.syslog.push(dev_log);
            }
        }
        if let Some(f) = self
            .file_output
            .as_ref()
            .filter(|f| f.enabled == Some(true))
        {
            o.file.push(f.clone());
        }
        if let Some(h) = self
            .http_output
            .as_ref()
            .filter(|h| h.enabled == Some(true))
        {
            o.http.push(h.clone());
        }
        Ok(())
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

/// The 1-based line:col of the value at `key_path` in `text` (of its key
/// when the value is empty); of the deepest part of the path that exists
/// when the rest does not (a key left out); 1:1 without a document.
fn locate(path: &str, text: &str, key_path: &[PathSeg]) -> (usize, usize) {
    let Some(root) = yaml::parse(path, text)
        .ok()
        .and_then(|d| d.into_iter().next())
    else {
        return (1, 1);
    };
    let mut at = (root.mark().line, root.mark().col);
    let mut node = &root;
    for seg in key_path {
        let next = match seg {
            PathSeg::Key(key) => node.get_entry(key).map(|(k, v)| {
                // An empty value (`url:`) has no position of its own.
                let m = if v.is_null() { k.mark() } else { v.mark() };
                (v, (m.line, m.col))
            }),
            PathSeg::Index(i) => node
                .as_seq()
                .and_then(|s| s.get(*i))
                .map(|v| (v, (v.mark().line, v.mark().col))),
        };
        match next {
            Some((n, m)) => {
                node = n;
                at = m;
            }
            None => break,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falco_json_output_key_switches_stdout_to_json() {
        let c = Config::parse("t.yaml", "json_output: true\n").unwrap();
        assert!(c.outputs.stdout_json());
        assert!(!Config::embedded().outputs.stdout_json());
        let c = Config::parse(
            "t.yaml",
            "json_output: true\noutputs:\n  stdout:\n    json_output: false\n",
        )
        .unwrap();
        assert!(!c.outputs.stdout_json(), "an output's own format wins");
    }

    #[test]
    fn falco_output_keys_merge_into_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("events.txt");
        let text = format!(
            "json_output: true\njson_include_tags_property: false\n\
             json_include_output_fields_property: false\ntime_format_iso_8601: true\n\
             stdout_output:\n  enabled: false\nsyslog_output:\n  enabled: true\n\
             file_output:\n  enabled: true\n  keep_alive: true\n  filename: {}\n\
             http_output:\n  enabled: true\n  url: http://127.0.0.1:2801/\n  \
             user_agent: falcosecurity/falco\n  insecure: false\n  ca_path: /etc/falco/certs/\n\
             outputs:\n  http:\n    - url: https://siem.example/a\n      \
             headers: {{Authorization: Bearer x}}\n",
            log.display()
        );
        let c = Config::parse("c.yaml", &text).unwrap();
        let o = &c.outputs;
        assert!(!o.stdout.enabled);
        assert!(o.json_output && o.json.iso8601);
        assert!(!o.json.include_tags && !o.json.include_output_fields);
        assert!(o.json.include_output && !o.json.include_message);
        assert_eq!(o.syslog.len(), 1);
        assert_eq!(o.syslog[0].format, MessageFormat::Rfc3164);
        assert_eq!(o.syslog[0].path, Path::new("/dev/log"));
        assert_eq!(o.file.len(), 1);
        assert_eq!(o.file[0].filename, log);
        assert!(o.file[0].keep_alive);
        // lanner's list first, then Falco's section.
        assert_eq!(o.http.len(), 2);
        assert_eq!(o.http[0].url, "https://siem.example/a");
        assert_eq!(o.http[0].headers["Authorization"], "Bearer x");
        assert_eq!(o.http[1].user_agent, "falcosecurity/falco");
        // syslog_output does not double an existing /dev/log destination.
        let e = Config::embedded();
        let text = format!("{EMBEDDED_CONFIG}syslog_output:\n  enabled: true\n");
        let c = Config::parse("c.yaml", &text).unwrap();
        assert_eq!(c.outputs.syslog, e.outputs.syslog);
        // Falco's disabled defaults are not validated (url "" is Falco's).
        let c = Config::parse(
            "c.yaml",
            "http_output:\n  enabled: false\n  url: \"\"\nfile_output:\n  filename: /nonexistent/x\n",
        )
        .unwrap();
        assert!(c.outputs.http.is_empty() && c.outputs.file.is_empty());
    }

    fn err(text: &str) -> String {
        Config::parse("c.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn bad_output_values_are_located_at_their_key() {
        let e = err("http_output:\n  enabled: true\n  url: ftp://x/\n");
        assert!(
            e.starts_with("c.yaml:3:8: http_output.url: http: url \"ftp://x/\""),
            "{e}"
        );
        // A left-out key: at the section that lacks it.
        let e = err("\nhttp_output:\n  enabled: true\n");
        assert!(
            e.starts_with("c.yaml:3:3: http_output.url: http: url is required"),
            "{e}"
        );
        let e = err("http_output:\n  enabled: true\n  url: https://h/\n  insecure: true\n");
        assert!(e.starts_with("c.yaml:4:13: http_output.insecure: "), "{e}");
        let e = err(
            "outputs:\n  file:\n    - filename: /tmp/ok.log\n    - keep_alive: true\n      filename: /nonexistent/d/a.log\n",
        );
        assert!(e.starts_with("c.yaml:5:17: outputs.file[1].filename: file: directory \"/nonexistent/d\" of filename does not exist"), "{e}");
        let e = err("outputs:\n  syslog:\n    - transport: tcp\n      address: nowhere\n");
        assert!(
            e.starts_with("c.yaml:4:16: outputs.syslog[0].address: "),
            "{e}"
        );
        let e = err("outputs:\n  syslog:\n    - transport: udp\n");
        assert!(e.starts_with("c.yaml:3:7: outputs.syslog[0]: "), "{e}");
        let e = err("outputs:\n  http:\n    - url: http://h/\n      timeout_ms: 0\n");
        assert!(
            e.starts_with("c.yaml:4:19: outputs.http[0].timeout_ms: "),
            "{e}"
        );
        let e = err("outputs:\n  http:\n    - url:\n");
        assert!(e.starts_with("c.yaml:3:7: outputs.http[0].url: "), "{e}");
        let e = err("outputs:\n  stdout:\n    enabled: false\nstdout_output:\n  enabled: true\n");
        assert!(
            e.starts_with("c.yaml:5:3: stdout_output and outputs.stdout"),
            "{e}"
        );
        let e = err(
            "outputs:\n  file:\n    - filename: /tmp/a.log\nfile_output:\n  enabled: true\n  filename: /tmp/a.log\n",
        );
        assert!(
            e.starts_with("c.yaml:6:13: file_output.filename: file: \"/tmp/a.log\" is already"),
            "{e}"
        );
        let e = err("outputs:\n  file:\n    - filename: /tmp/a.log\n    - filename: /tmp/a.log\n");
        assert!(
            e.starts_with("c.yaml:4:17: outputs.file[1].filename: "),
            "{e}"
        );
        let e = err("device: /dev/x\nmax_threads: 0\n");
        assert!(
            e.starts_with("c.yaml:2:14: max_threads must be at least 1"),
            "{e}"
        );
        // Serde-level errors in the new sections keep serde's location.
        let e = err("file_output:\n  enabled: true\n  rotate: daily\n");
        assert!(
            e.starts_with("c.yaml:3:3: file_output: unknown field `rotate`"),
            "{e}"
        );
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
