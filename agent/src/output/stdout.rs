//! The line output `lanner run` prints: one line per alert in Falco's text
//! format, `HH:MM:SS.nnnnnnnnn: Priority Output`, or with `json_output:
//! true` one JSON object per line in Falco's alert schema (`json.rs`).
//!
//! Owns: the text line format and writing lines to stdout (or any writer).
//! Must never: write from the caller's thread (a stalled terminal or pipe
//! would stall rule processing) or lose a line without counting it.
//!
//! The time of day is UTC. Falco prints local time; reading the local
//! offset safely in a multi-threaded process is not possible with `time`,
//! and agents mostly run with TZ=UTC anyway.

use super::alert::Alert;
use super::json::JsonOptions;
use super::worker::{Deliver, DeliveryContext, DeliveryError, OutputHandle};
use super::OutputError;
use serde::Deserialize;
use std::io::Write;
use std::time::Duration;

/// The stdout output's settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StdoutConfig {
    /// Default true.
    pub enabled: bool,
    /// Default 1024; a full queue drops and counts.
    pub queue_capacity: usize,
    /// JSON lines (true) or text lines (false). Default: unset, which
    /// follows Falco's top-level `json_output` (itself default false).
    pub json_output: Option<bool>,
}

impl Default for StdoutConfig {
    fn default() -> Self {
        StdoutConfig {
            enabled: true,
            queue_capacity: 1024,
            json_output: None,
        }
    }
}

/// `HH:MM:SS.nnnnnnnnn: Priority Output` (no newline), Falco's text line
/// (time in UTC).
pub fn text_line(alert: &Alert) -> String {
    text_line_with(alert, false)
}

/// The text line; with `iso8601` the time is Falco's `evt.time.iso8601`
/// form, `2023-11-14T22:13:20.123456789+0000`.
pub fn text_line_with(alert: &Alert, iso8601: bool) -> String {
    if iso8601 {
        let t = super::timefmt::rfc3339(alert.time_ns, 9);
        let t = t.strip_suffix('Z').unwrap_or(&t);
        return format!("{t}+0000: {} {}", alert.priority.name(), alert.output);
    }
    let day_ns = alert.time_ns % 86_400_000_000_000;
    let secs = day_ns / 1_000_000_000;
    format!(
        "{:02}:{:02}:{:02}.{:09}: {} {}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        day_ns % 1_000_000_000,
        alert.priority.name(),
        alert.output
    )
}

/// The machine's hostname as Falco puts it in JSON alerts (empty if it
/// cannot be read).
pub fn local_hostname() -> String {
    nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// How a line output (stdout, file) renders one alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineFormat {
    /// Falco's text line; `iso8601` is Falco's `time_format_iso_8601`.
    Text { iso8601: bool },
    /// Falco's JSON alert object carrying `hostname`.
    Json {
        hostname: String,
        options: JsonOptions,
    },
}

impl LineFormat {
    /// JSON (with the local hostname) if `json`, else text; both follow
    /// `options` (`iso8601` applies to the text line in either).
    pub fn new(json: bool, options: &JsonOptions) -> LineFormat {
        if json {
            LineFormat::Json {
                hostname: local_hostname(),
                options: *options,
            }
        } else {
            LineFormat::Text {
                iso8601: options.iso8601,
            }
        }
    }

    /// Appends the alert's line, newline included, to `buf`.
    pub fn render(&self, alert: &Alert, buf: &mut String) {
        match self {
            LineFormat::Text { iso8601 } => buf.push_str(&text_line_with(alert, *iso8601)),
            LineFormat::Json { hostname, options } => {
                buf.push_str(&super::json::falco_json_with(alert, hostname, options).to_string())
            }
        }
        buf.push('\n');
    }
}

/// Writes text (or JSON) lines to any writer, one flush per alert.
pub struct LineOutput<W: Write + Send + 'static> {
    out: W,
    buf: String,
    format: LineFormat,
}

impl<W: Write + Send + 'static> Deliver for LineOutput<W> {
    fn deliver(&mut self, alert: &Alert, _: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
        self.buf.clear();
        self.format.render(alert, &mut self.buf);
        self.out.write_all(self.buf.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }
}

impl<W: Write + Send + 'static> LineOutput<W> {
    /// Starts a text line output writing to `out`.
    pub fn spawn(name: &str, out: W, queue_capacity: usize) -> Result<OutputHandle, OutputError> {
        Self::spawn_format(
            name,
            out,
            queue_capacity,
            LineFormat::Text { iso8601: false },
        )
    }

    /// Like [`LineOutput::spawn`]; `json_host: Some(h)` writes Falco JSON
    /// alerts (default options) with hostname `h` instead of text lines.
    pub fn spawn_with(
        name: &str,
        out: W,
        queue_capacity: usize,
        json_host: Option<String>,
    ) -> Result<OutputHandle, OutputError> {
        let format = match json_host {
            Some(hostname) => LineFormat::Json {
                hostname,
                options: JsonOptions::default(),
            },
            None => LineFormat::Text { iso8601: false },
        };
        Self::spawn_format(name, out, queue_capacity, format)
    }

    /// A line output writing `format` lines to `out`.
    pub fn spawn_format(
        name: &str,
        out: W,
        queue_capacity: usize,
        format: LineFormat,
    ) -> Result<OutputHandle, OutputError> {
        let deliver = LineOutput {
            out,
            buf: String::new(),
            format,
        };
        OutputHandle::spawn(
            name.to_string(),
            queue_capacity,
            Duration::from_secs(2),
            deliver,
        )
        .map_err(|source| OutputError::Spawn {
            name: name.to_string(),
            source,
        })
    }
}

/// Entry point of the stdout output.
#[derive(Debug)]
pub struct StdoutOutput;

impl StdoutOutput {
    /// Starts the stdout output; `json_output` and `json` are the global
    /// (Falco top-level) format settings, `config.json_output` wins.
    pub fn spawn(
        config: &StdoutConfig,
        json_output: bool,
        json: &JsonOptions,
    ) -> Result<OutputHandle, OutputError> {
        if config.queue_capacity == 0 {
            return Err(OutputError::StdoutQueueCapacity);
        }
        let format = LineFormat::new(config.json_output.unwrap_or(json_output), json);
        LineOutput::spawn_format("stdout", std::io::stdout(), config.queue_capacity, format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;
    use std::sync::{Arc, Mutex};

    fn alert(time_ns: u64) -> Alert {
        Alert {
            time_ns,
            rule: "r".into(),
            priority: Priority::Warning,
            output: "Shell spawned (user=root)".into(),
            tags: vec![],
            source: "syscall".into(),
            output_fields: vec![],
        }
    }

    #[test]
    fn falco_text_line() {
        assert_eq!(
            text_line(&alert(1_700_000_000_123_456_789)),
            "22:13:20.123456789: Warning Shell spawned (user=root)"
        );
        assert_eq!(
            text_line(&alert(5)),
            "00:00:00.000000005: Warning Shell spawned (user=root)"
        );
    }

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn writes_lines_on_its_thread() {
        let buf = Shared::default();
        let h = LineOutput::spawn("mem", buf.clone(), 16).unwrap();
        h.send(alert(1_000_000_001));
        h.send(alert(2_000_000_002));
        let r = h.shutdown(Duration::from_secs(2));
        assert!(r.joined);
        assert_eq!(r.stats.sent, 2);
        assert_eq!(
            String::from_utf8(buf.0.lock().unwrap().clone()).unwrap(),
            "00:00:01.000000001: Warning Shell spawned (user=root)\n\
             00:00:02.000000002: Warning Shell spawned (user=root)\n"
        );
    }

    #[test]
    fn json_lines_in_falco_schema() {
        let buf = Shared::default();
        let h = LineOutput::spawn_with("mem", buf.clone(), 16, Some("node-7".into())).unwrap();
        h.send(alert(1_700_000_000_123_456_789));
        assert!(h.shutdown(Duration::from_secs(2)).joined);
        let out = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out.lines().count(), 1);
        let j: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(j["time"], "2023-11-14T22:13:20.123456789Z");
        assert_eq!(j["hostname"], "node-7");
        assert_eq!(
            j["output"],
            "22:13:20.123456789: Warning Shell spawned (user=root)"
        );
    }

    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn broken_writer_counts_failures() {
        let h = LineOutput::spawn("broken", Broken, 16).unwrap();
        let counters = h.counters();
        h.send(alert(1));
        let r = h.shutdown(Duration::from_secs(2));
        assert_eq!((r.stats.sent, r.stats.failed), (0, 1));
        assert!(counters.last_error().unwrap().contains("roken pipe"));
    }
}
