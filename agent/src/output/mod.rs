//! Outputs: alert delivery from the processing loop to every destination.
//!
//! Owns: the fan-out [`Outputs`] (starting every output a config asks
//! for, one alert to each), the file outputs' shared reopen requests, and
//! the outputs' stats. The configuration and its located validation are
//! in `config`. Each output runs on its own thread behind a bounded queue
//! (`worker`); the syslog output lives in `syslog`, the line outputs in
//! `stdout` and `file`, HTTP in `http`.
//! Must never: block the processing loop (a slow or dead destination drops
//! and counts), or lose an alert without it showing in an output's
//! counters.

pub mod alert;
pub mod config;
pub mod dropwatch;
pub mod file;
pub mod http;
pub mod json;
pub mod spool;
pub mod stdout;
pub mod syslog;
pub mod timefmt;
pub mod worker;

use self::alert::Alert;
use self::config::listed_enabled;
use self::file::{FileConfigError, FileOutput, Reopen};
use self::http::{HttpConfigError, HttpOutput, TlsError};
use self::stdout::{LineFormat, StdoutOutput};
use self::syslog::{ConfigError, SyslogOutput};
use self::worker::{OutputHandle, OutputStats, ShutdownReport};
use std::fmt;

pub use self::config::{
    check_file, check_file_unique, check_http, dotted, InvalidOutput, OutputsConfig, PathSeg,
};
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
    #[error(transparent)]
    Spool(#[from] spool::SpoolConfigError),
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

/// Settings shared by the outputs that retry and may spool (syslog, HTTP).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delivery<'a> {
    pub queue_capacity: usize,
    pub shutdown_timeout_ms: u64,
    pub backoff_initial_ms: u64,
    pub backoff_max_ms: u64,
    pub spool: Option<&'a spool::SpoolConfig>,
}

/// Starts the thread of an output that retries with backoff and spools
/// while its destination is down.
pub(crate) fn spawn_delivering<D: worker::Deliver>(
    name: String,
    d: Delivery<'_>,
    deliver: D,
) -> Result<OutputHandle, OutputError> {
    let options = worker::WorkerOptions {
        spool: d.spool.cloned(),
        retry_initial: Duration::from_millis(d.backoff_initial_ms),
        retry_max: Duration::from_millis(d.backoff_max_ms),
    };
    OutputHandle::spawn_with(
        name.clone(),
        d.queue_capacity,
        Duration::from_millis(d.shutdown_timeout_ms),
        deliver,
        options,
    )
    .map_err(|e| OutputError::Spawn {
        name,
        source: e.into(),
    })
}

/// Fan-out to several outputs.
#[derive(Debug, Default)]
pub struct Outputs {
    /// First, so it is dropped (letting go of the outputs' queues) first.
    drop_watch: Option<dropwatch::DropWatch>,
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
        outs.start_drop_watch(&config.drop_alert)?;
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
        self.drop_watch = None;
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
    use crate::output::stdout::StdoutConfig;
    use crate::output::syslog::{SyslogConfig, TransportKind};

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
            // Exact counts below: no "alerts dropped" alert about the
            // failing syslog output.
            drop_alert: dropwatch::DropAlertConfig {
                enabled: false,
                ..Default::default()
            },
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
