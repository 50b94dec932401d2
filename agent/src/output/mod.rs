//! Outputs: alert delivery from the processing loop to every destination.
//!
//! Owns: the fan-out [`Outputs`] (one alert to every configured output),
//! the outputs' configuration ([`OutputsConfig`]) and its validation with
//! the key path of each bad value ([`InvalidOutput`]), the file outputs'
//! shared reopen requests, and the outputs' stats. Each output runs on its
//! own thread behind a bounded queue (`worker`); the syslog output lives
//! in `syslog`, the line outputs in `stdout` and `file`, HTTP in `http`.
//! Must never: block the processing loop (a slow or dead destination drops
//! and counts), or lose an alert without it showing in an output's
//! counters.

pub mod alert;
pub mod file;
pub mod http;
pub mod json;
pub mod stdout;
pub mod syslog;
pub mod timefmt;
pub mod worker;

use self::alert::Alert;
use self::file::{FileConfig, FileConfigError, FileOutput, Reopen};
use self::http::{HttpConfig, HttpConfigError, HttpOutput, TlsError};
use self::json::JsonOptions;
use self::stdout::{LineFormat, StdoutConfig, StdoutOutput};
use self::syslog::{ConfigError, SyslogConfig, SyslogOutput};
use self::worker::{OutputHandle, OutputStats, ShutdownReport};
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Setting up an output failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    File(#[from] FileConfigError),
    #[error(transparent)]
    Http(#[from] HttpConfigError),
    #[error("stdout: queue_capacity must be greater than 0")]
    StdoutQueueCapacity,
    #[error("{name}: open: {source}")]
    Open {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{name}: {source}")]
    Tls {
        name: String,
        #[source]
        source: TlsError,
    },
    #[error("start output thread {name}: {source}")]
    Spawn {
        name: String,
        #[source]
        source: std::io::Error,
    },
}

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
        ConfigError::MaxMessageSize(_) => "max_message_size",
        ConfigError::QueueCapacity(_) => "queue_capacity",
        ConfigError::Zero(f) => f,
        ConfigError::Backoff { .. } => "backoff_initial_ms",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

/// Whether a list entry is on: listed entries are unless `enabled: false`.
fn listed_enabled(enabled: Option<bool>) -> bool {
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

/// Validates one HTTP destination; the path is the bad key.
pub fn check_http(h: &HttpConfig) -> Result<(), InvalidOutput> {
    h.validate()
        .map_err(|e| InvalidOutput::at(vec![], Some(e.field()), e.into()))
}

/// Fan-out to several outputs.
#[derive(Debug, Default)]
pub struct Outputs {
    outputs: Vec<OutputHandle>,
    reopen: Reopen,
}

impl Outputs {
    pub fn new() -> Self {
        Outputs::default()
    }

    /// Validates the whole config, then starts every enabled output.
    pub fn spawn(config: &OutputsConfig) -> Result<Self, OutputError> {
        config.validate()?;
        let mut outs = Outputs::new();
        if config.stdout.enabled {
            outs.push(StdoutOutput::spawn(
                &config.stdout,
                config.json_output,
                &config.json,
            )?);
        }
        for s in &config.syslog {
            outs.push(SyslogOutput::spawn(s.clone())?);
        }
        for f in config.file.iter().filter(|f| listed_enabled(f.enabled)) {
            let format = LineFormat::new(f.json_output.unwrap_or(config.json_output), &config.json);
            outs.push(FileOutput::spawn(f, format, outs.reopen.clone())?);
        }
        let hostname = stdout::local_hostname();
        for h in config.http.iter().filter(|h| listed_enabled(h.enabled)) {
            outs.push(HttpOutput::spawn(h, &config.json, hostname.clone())?);
        }
        Ok(outs)
    }

    /// The reopen requests file outputs follow: [`Reopen::request`] (on
    /// SIGHUP) makes each reopen its file before its next write.
    pub fn reopen(&self) -> Reopen {
        self.reopen.clone()
    }

    pub fn push(&mut self, output: OutputHandle) {
        self.outputs.push(output);
    }

    pub fn len(&self) -> usize {
        self.outputs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }

    /// Hands `alert` to every output; never blocks.
    pub fn send(&self, alert: Alert) {
        let alert = Arc::new(alert);
        for o in &self.outputs {
            o.send_shared(alert.clone());
        }
    }

    /// Live counters of every output, in configuration order. Printable:
    /// `stdout: submitted=.. sent=.. failed=.. ...; syslog-tcp:h:514: ...`.
    pub fn counters(&self) -> OutputsCounters {
        OutputsCounters(
            self.outputs
                .iter()
                .map(|o| (o.name().to_string(), o.stats()))
                .collect(),
        )
    }

    /// Current counters of every output, by name.
    pub fn stats(&self) -> Vec<(String, OutputStats)> {
        self.counters().0
    }

    /// [`Outputs::counters`] as one line, for the agent's periodic report.
    pub fn stats_line(&self) -> String {
        self.counters().to_string()
    }

    /// Shuts every output down in parallel with one shared deadline: each
    /// flushes its queue until then; what is left is counted as dropped.
    pub fn shutdown(mut self, timeout: Duration) -> OutputsReport {
        let deadline = Instant::now() + timeout;
        for o in &mut self.outputs {
            o.begin_shutdown(deadline);
        }
        OutputsReport(
            self.outputs
                .iter_mut()
                .map(|o| o.finish_shutdown(deadline))
                .collect(),
        )
    }
}

/// Live counters of every output, by name, in configuration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputsCounters(pub Vec<(String, OutputStats)>);

impl fmt::Display for OutputsCounters {
    /// `name: submitted=.. sent=.. ...` per output, `; `-separated;
    /// `none` without outputs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        for (i, (name, stats)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{name}: {stats}")?;
        }
        Ok(())
    }
}

/// Final counters of every output, in configuration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputsReport(pub Vec<ShutdownReport>);

impl fmt::Display for OutputsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        for (i, r) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl crate::pipeline::AlertSink for Outputs {
    fn send(&self, alert: Alert) {
        Outputs::send(self, alert);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;
    use crate::output::syslog::TransportKind;

    #[test]
    fn config_from_json_and_validation() {
        let c: OutputsConfig = serde_json::from_str(
            r#"{"stdout":{"enabled":false},
                "syslog":[{},{"transport":"tcp","address":"127.0.0.1:514"}]}"#,
        )
        .unwrap();
        assert!(!c.stdout.enabled);
        assert_eq!(c.syslog.len(), 2);
        assert_eq!(c.syslog[1].transport, TransportKind::Tcp);
        c.validate().unwrap();
        let d = OutputsConfig::default();
        assert!(d.stdout.enabled && d.syslog.is_empty());
        let bad: OutputsConfig =
            serde_json::from_str(r#"{"syslog":[{"transport":"tcp"}]}"#).unwrap();
        assert!(matches!(
            bad.validate(),
            Err(OutputError::Config(ConfigError::MissingAddress))
        ));
        assert!(Outputs::spawn(&bad).is_err());
    }

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

    #[test]
    fn fan_out_counts_per_output() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = OutputsConfig {
            stdout: StdoutConfig {
                enabled: false,
                ..Default::default()
            },
            syslog: vec![SyslogConfig {
                path: dir.path().join("missing"),
                max_attempts: 1,
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut outs = Outputs::spawn(&cfg).unwrap();
        outs.push(stdout::LineOutput::spawn("sink", std::io::sink(), 8).unwrap());
        assert_eq!(outs.len(), 2);
        for _ in 0..3 {
            crate::pipeline::AlertSink::send(
                &outs,
                Alert {
                    time_ns: 1,
                    rule: "r".into(),
                    priority: Priority::Error,
                    output: "o".into(),
                    tags: vec![],
                    source: "syscall".into(),
                    output_fields: vec![],
                },
            );
        }
        let live = outs.counters();
        assert_eq!(live.0.len(), 2);
        assert_eq!(live.0[1].0, "sink");
        assert!(live.0.iter().all(|(_, s)| s.submitted == 3));
        let text = live.to_string();
        assert!(text.starts_with("syslog-unix:"), "{text}");
        assert!(text.contains("; sink: submitted=3 "), "{text}");
        // Compare once both outputs are idle (the syslog one is still
        // failing its alerts in the background until then).
        let t0 = std::time::Instant::now();
        while outs
            .counters()
            .0
            .iter()
            .any(|(_, s)| s.sent + s.failed + s.dropped < 3)
        {
            assert!(
                t0.elapsed() < Duration::from_secs(5),
                "outputs never went idle"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(outs.stats_line(), outs.counters().to_string());
        assert_eq!(Outputs::new().counters().to_string(), "none");
        let report = outs.shutdown(Duration::from_secs(2));
        let line = report.to_string();
        assert!(line.contains("; sink: submitted=3 sent=3"), "{line}");
        let reports = report.0;
        assert_eq!(reports.len(), 2);
        let syslog = &reports[0];
        assert!(syslog.name.starts_with("syslog-unix:"));
        assert_eq!(syslog.stats.submitted, 3);
        assert_eq!(syslog.stats.failed, 3, "{}", syslog.stats);
        assert_eq!(reports[1].stats.sent, 3);
        assert!(reports.iter().all(|r| r.joined && r.stats.in_flight() == 0));
    }
}
