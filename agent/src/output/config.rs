//! The outputs' configuration: lanner's `outputs:` section
//! ([`OutputsConfig`]) and its validation, which names the key path of
//! each bad value ([`InvalidOutput`]: `file[1].filename`) so the config
//! loader can point at its line.
//!
//! Owns: which outputs a config asks for (list entries are on unless
//! `enabled: false`), the global format settings Falco's top-level keys
//! set, and mapping each output's validation error to the key it is about.
//! Must never: start an output or touch the network.

use super::file::{FileConfig, FileConfigError};
use super::http::HttpConfig;
use super::json::JsonOptions;
use super::spool::SpoolConfig;
use super::stdout::StdoutConfig;
use super::syslog::tls_config::TlsConfigError;
use super::syslog::{ConfigError, SyslogConfig};
use super::OutputError;
use serde::Deserialize;

/// Every output of the agent. Default: stdout only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutputsConfig {
    pub stdout: StdoutConfig,
    /// Zero or more syslog destinations.
    pub syslog: Vec<SyslogConfig>,
    /// Zero or more files.
    pub file: Vec<FileConfig>,
    /// Zero or more HTTP(S) endpoints.
    pub http: Vec<HttpConfig>,
    /// The "alerts dropped" alert (`dropwatch`).
    pub drop_alert: super::dropwatch::DropAlertConfig,
    /// Falco's top-level `json_output`: stdout and file outputs without a
    /// `json_output` of their own write JSON. Set by the config loader.
    #[serde(skip)]
    pub json_output: bool,
    /// Falco's `json_include_*` and `time_format_iso_8601`, for every
    /// output that writes Falco JSON or text lines. Set by the config
    /// loader.
    #[serde(skip)]
    pub json: JsonOptions,
}

/// One step of a key path into the configuration document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl PathSeg {
    pub fn key(k: &str) -> PathSeg {
        PathSeg::Key(k.to_string())
    }
}

/// `outputs.file[0].filename`.
pub fn dotted(path: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) if s.is_empty() => s.push_str(k),
            PathSeg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            PathSeg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// A bad output setting and the key path it is at (relative to wherever
/// the validated section sits; the config loader prefixes it).
#[derive(Debug, thiserror::Error)]
#[error("{}: {error}", dotted(path))]
pub struct InvalidOutput {
    pub path: Vec<PathSeg>,
    #[source]
    pub error: OutputError,
}

impl InvalidOutput {
    fn at(path: Vec<PathSeg>, field: Option<&str>, error: OutputError) -> InvalidOutput {
        let mut path = path;
        path.extend(field.map(PathSeg::key));
        InvalidOutput { path, error }
    }

    /// The same error under `prefix` (`outputs`, `file_output`...).
    pub fn under(mut self, prefix: &[PathSeg]) -> InvalidOutput {
        let mut path = prefix.to_vec();
        path.append(&mut self.path);
        self.path = path;
        self
    }
}

/// The key a syslog validation error is about (None: the entry itself).
fn syslog_field(e: &ConfigError) -> Option<&'static str> {
    Some(match e {
        ConfigError::MissingAddress => return None,
        ConfigError::BadAddress(_) => "address",
        ConfigError::EmptyPath => "path",
        ConfigError::BadHostname(_) => "hostname",
        ConfigError::BadAppName(_) => "app_name",
        ConfigError::BadSdId(_) => "sd_id",
        ConfigError::BadMsgId(_) => "msgid",
        ConfigError::MaxMessageSize(_) => "max_message_size",
        ConfigError::QueueCapacity(_) => "queue_capacity",
        ConfigError::Zero(f) => f,
        ConfigError::Backoff { .. } => "backoff_initial_ms",
        ConfigError::TlsKeyWithoutTls { key, .. } => key,
        ConfigError::FramingOnDatagram(_) => "framing",
        ConfigError::Tls(t) => match t {
            TlsConfigError::CaFile { .. } | TlsConfigError::NoSystemBundle => "tls_ca_file",
            TlsConfigError::CertFile { .. } => "tls_cert_file",
            TlsConfigError::KeyFile { .. } => "tls_key_file",
            TlsConfigError::HalfClientIdentity(key, _) => key,
            TlsConfigError::ServerName(_) => "tls_server_name",
            TlsConfigError::Setup(_) => return None,
        },
    })
}

/// Whether a list entry is on: listed entries are unless `enabled: false`.
pub(super) fn listed_enabled(enabled: Option<bool>) -> bool {
    enabled.unwrap_or(true)
}

impl OutputsConfig {
    /// Validates every output without starting any.
    pub fn validate(&self) -> Result<(), OutputError> {
        self.check().map_err(|e| e.error)
    }

    /// Validates every enabled output; the error carries the key path of
    /// the bad value (`file[1].filename`).
    pub fn check(&self) -> Result<(), InvalidOutput> {
        let k = PathSeg::key;
        if self.stdout.enabled && self.stdout.queue_capacity == 0 {
            return Err(InvalidOutput::at(
                vec![k("stdout")],
                Some("queue_capacity"),
                OutputError::StdoutQueueCapacity,
            ));
        }
        for (i, s) in self.syslog.iter().enumerate() {
            s.validate().map_err(|e| {
                InvalidOutput::at(
                    vec![k("syslog"), PathSeg::Index(i)],
                    syslog_field(&e),
                    e.into(),
                )
            })?;
            check_spool(s.spool.as_ref())
                .map_err(|e| e.under(&[k("syslog"), PathSeg::Index(i)]))?;
        }
        for (i, f) in self.file.iter().enumerate() {
            if listed_enabled(f.enabled) {
                check_file(f).map_err(|e| e.under(&[k("file"), PathSeg::Index(i)]))?;
                check_file_unique(f, &self.file[..i])
                    .map_err(|e| e.under(&[k("file"), PathSeg::Index(i)]))?;
            }
        }
        for (i, h) in self.http.iter().enumerate() {
            if listed_enabled(h.enabled) {
                check_http(h).map_err(|e| e.under(&[k("http"), PathSeg::Index(i)]))?;
                check_spool(h.spool.as_ref())
                    .map_err(|e| e.under(&[k("http"), PathSeg::Index(i)]))?;
            }
        }
        Ok(())
    }

    /// Whether stdout writes JSON (its own setting, else `json_output`).
    pub fn stdout_json(&self) -> bool {
        self.stdout.json_output.unwrap_or(self.json_output)
    }
}

/// Validates one file destination; the path is the bad key.
pub fn check_file(f: &FileConfig) -> Result<(), InvalidOutput> {
    f.validate()
        .map_err(|e| InvalidOutput::at(vec![], Some(e.field()), e.into()))
}

/// Two outputs appending to one file would write every alert twice.
pub fn check_file_unique(f: &FileConfig, others: &[FileConfig]) -> Result<(), InvalidOutput> {
    let same = others
        .iter()
        .any(|o| listed_enabled(o.enabled) && o.filename == f.filename);
    if same {
        let e = FileConfigError::Duplicate(f.filename.clone());
        return Err(InvalidOutput::at(vec![], Some("filename"), e.into()));
    }
    Ok(())
}

/// Validates an output's spool settings; the path is `spool.<key>`.
pub fn check_spool(s: Option<&SpoolConfig>) -> Result<(), InvalidOutput> {
    match s {
        Some(s) => s
            .validate()
            .map_err(|e| InvalidOutput::at(vec![PathSeg::key("spool")], Some(e.field()), e.into())),
        None => Ok(()),
    }
}

/// Validates one HTTP destination; the path is the bad key.
pub fn check_http(h: &HttpConfig) -> Result<(), InvalidOutput> {
    h.validate()
        .map_err(|e| InvalidOutput::at(vec![], Some(e.field()), e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::syslog::TransportKind;

    #[test]
    fn check_names_the_bad_key() {
        let c: OutputsConfig = serde_json::from_str(
            r#"{"syslog":[{},{"transport":"tcp","address":"h:0"}],
                "file":[{"filename":"/nonexistent/dir/a.log","enabled":false},
                        {"filename":"/nonexistent/dir/b.log"}],
                "http":[{"url":"ftp://x"}]}"#,
        )
        .unwrap();
        let e = c.check().unwrap_err();
        assert_eq!(dotted(&e.path), "syslog[1].address");
        assert!(
            e.to_string()
                .starts_with("syslog[1].address: syslog: address"),
            "{e}"
        );
        let c = OutputsConfig {
            syslog: vec![],
            ..c
        };
        let e = c.check().unwrap_err();
        // The disabled file[0] is not checked.
        assert_eq!(dotted(&e.path), "file[1].filename");
        assert!(e.to_string().contains("does not exist"), "{e}");
        let c = OutputsConfig { file: vec![], ..c };
        let e = c.check().unwrap_err().under(&[PathSeg::key("outputs")]);
        assert_eq!(dotted(&e.path), "outputs.http[0].url");
        let c = OutputsConfig {
            syslog: vec![SyslogConfig {
                transport: TransportKind::Udp,
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(dotted(&c.check().unwrap_err().path), "syslog[0]");
    }
}
