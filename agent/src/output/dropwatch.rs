//! The "alerts dropped" alert: when an output's `dropped` or `failed`
//! counter grows, lanner raises its own alert (rule [`DROP_RULE`],
//! priority Critical, source [`INTERNAL_SOURCE`]) saying how many, on which
//! output and why, to every output through the normal fan-out. A spooled
//! output gets it too once its destination is back (the spool keeps room
//! for lanner's own alerts).
//!
//! Owns: [`DropAlertConfig`], the watcher thread, the rate limit (at most
//! one alert per output per `interval_ms`) and the alert's content.
//! Must never: block an output or the processing loop (it sends like the
//! processing loop does: try, or drop and count), or keep an output's
//! queue open after [`DropWatch`] is dropped (its taps go with the thread).
//!
//! An "alerts dropped" alert that is itself dropped shows in the counters
//! like any other; the next one (an interval later) carries the totals,
//! so the SIEM learns the full count from whichever one arrives.

use super::alert::{Alert, FieldValue};
use super::worker::{DropReason, OutputStats, OutputTap};
use super::{OutputError, Outputs};
use crate::engine::priority::Priority;
use crossbeam_channel::{bounded, RecvTimeoutError, Sender};
use serde::Deserialize;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

/// `source` of alerts lanner raises about itself.
pub const INTERNAL_SOURCE: &str = "internal";
/// Rule name of the "alerts dropped" alert (in the style of Falco's
/// "Falco internal: syscall event drop").
pub const DROP_RULE: &str = "Lanner internal: alerts dropped";
/// Bounds of [`DropAlertConfig::interval_ms`].
pub const MIN_INTERVAL_MS: u64 = 100;
pub const MAX_INTERVAL_MS: u64 = 86_400_000;

/// The `outputs.drop_alert` settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RawDropAlertConfig")]
pub struct DropAlertConfig {
    /// Default true.
    pub enabled: bool,
    /// At most one alert per output per interval; default 10000 ms,
    /// 100..=86400000.
    pub interval_ms: u64,
}

impl Default for DropAlertConfig {
    fn default() -> Self {
        DropAlertConfig {
            enabled: true,
            interval_ms: 10_000,
        }
    }
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawDropAlertConfig {
    enabled: bool,
    interval_ms: u64,
}

impl Default for RawDropAlertConfig {
    fn default() -> Self {
        let d = DropAlertConfig::default();
        RawDropAlertConfig {
            enabled: d.enabled,
            interval_ms: d.interval_ms,
        }
    }
}

/// An invalid [`DropAlertConfig`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("drop_alert: interval_ms {0} must be in {MIN_INTERVAL_MS}..={MAX_INTERVAL_MS}")]
pub struct BadInterval(pub u64);

impl TryFrom<RawDropAlertConfig> for DropAlertConfig {
    type Error = BadInterval;

    fn try_from(r: RawDropAlertConfig) -> Result<Self, BadInterval> {
        let c = DropAlertConfig {
            enabled: r.enabled,
            interval_ms: r.interval_ms,
        };
        c.validate()?;
        Ok(c)
    }
}

impl DropAlertConfig {
    pub fn validate(&self) -> Result<(), BadInterval> {
        if (MIN_INTERVAL_MS..=MAX_INTERVAL_MS).contains(&self.interval_ms) {
            Ok(())
        } else {
            Err(BadInterval(self.interval_ms))
        }
    }
}

/// The "alerts dropped" alert for output `name`, whose counters went from
/// `prev` to `now` over `elapsed`; None if nothing was lost meanwhile.
pub fn drop_alert(
    name: &str,
    prev: &OutputStats,
    now: &OutputStats,
    elapsed: Duration,
) -> Option<Alert> {
    let dropped = now.dropped.saturating_sub(prev.dropped);
    let failed = now.failed.saturating_sub(prev.failed);
    if dropped + failed == 0 {
        return None;
    }
    let mut why: Vec<String> = DropReason::ALL
        .iter()
        .filter_map(|&r| {
            let n = now.dropped_for(r).saturating_sub(prev.dropped_for(r));
            (n > 0).then(|| format!("{}: {n}", r.describe()))
        })
        .collect();
    if failed > 0 {
        why.push(format!("delivery failed: {failed}"));
    }
    let output = format!(
        "lanner lost {} alerts on output {name} in the last {:.1}s ({}); totals since start: \
         dropped={} failed={}",
        dropped + failed,
        elapsed.as_secs_f64(),
        why.join(", "),
        now.dropped,
        now.failed
    );
    let int = |n: u64| FieldValue::Int(i64::try_from(n).unwrap_or(i64::MAX));
    let mut fields = vec![
        ("lanner.output".to_string(), FieldValue::from(name)),
        ("lanner.lost".to_string(), int(dropped + failed)),
        ("lanner.dropped".to_string(), int(dropped)),
        ("lanner.failed".to_string(), int(failed)),
    ];
    for r in DropReason::ALL {
        let n = now.dropped_for(r).saturating_sub(prev.dropped_for(r));
        fields.push((format!("lanner.dropped.{}", r.name()), int(n)));
    }
    fields.push(("lanner.dropped.total".to_string(), int(now.dropped)));
    fields.push(("lanner.failed.total".to_string(), int(now.failed)));
    fields.push((
        "lanner.interval_ms".to_string(),
        int(elapsed.as_millis() as u64),
    ));
    let time_ns = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    Some(Alert {
        time_ns,
        rule: DROP_RULE.to_string(),
        priority: Priority::Critical,
        output,
        tags: vec!["lanner".into(), "internal".into()],
        source: INTERNAL_SOURCE.to_string(),
        output_fields: fields,
    })
}

/// The running watcher; stops (and lets go of the outputs) when dropped.
#[derive(Debug)]
pub struct DropWatch {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

struct Watched {
    tap: OutputTap,
    reported: OutputStats,
    since: Instant,
    last_alert: Option<Instant>,
}

impl DropWatch {
    /// Starts watching `taps` (each output's counters, and the way to send
    /// to it).
    pub fn start(cfg: &DropAlertConfig, taps: Vec<OutputTap>) -> std::io::Result<DropWatch> {
        // Configs built in code skip serde's check: keep the rate bounded.
        let interval = Duration::from_millis(cfg.interval_ms.max(MIN_INTERVAL_MS));
        let tick = (interval / 4).clamp(Duration::from_millis(25), Duration::from_secs(1));
        let (stop, stopped) = bounded::<()>(0);
        let now = Instant::now();
        let mut watched: Vec<Watched> = taps
            .into_iter()
            .map(|tap| Watched {
                tap,
                reported: OutputStats::default(),
                since: now,
                last_alert: None,
            })
            .collect();
        let thread = std::thread::Builder::new()
            .name("out-dropwatch".into())
            .spawn(move || loop {
                match stopped.recv_timeout(tick) {
                    Err(RecvTimeoutError::Timeout) => {}
                    _ => return,
                }
                let now = Instant::now();
                for i in 0..watched.len() {
                    let w = &watched[i];
                    if w.last_alert.is_some_and(|t| now - t < interval) {
                        continue;
                    }
                    let stats = w.tap.stats();
                    let Some(a) = drop_alert(w.tap.name(), &w.reported, &stats, now - w.since)
                    else {
                        continue;
                    };
                    let a = Arc::new(a);
                    for o in &watched {
                        o.tap.send_shared(a.clone());
                    }
                    let w = &mut watched[i];
                    w.reported = stats;
                    w.since = now;
                    w.last_alert = Some(now);
                }
            })?;
        Ok(DropWatch {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for DropWatch {
    fn drop(&mut self) {
        self.stop = None; // disconnects: the thread returns within a tick
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Outputs {
    /// (Re)starts the "alerts dropped" watcher over every output pushed so
    /// far; a disabled config just stops it.
    pub fn start_drop_watch(&mut self, cfg: &DropAlertConfig) -> Result<(), OutputError> {
        self.drop_watch = None;
        if !cfg.enabled || self.outputs.is_empty() {
            return Ok(());
        }
        let taps = self.outputs.iter().filter_map(|o| o.tap()).collect();
        let w = DropWatch::start(cfg, taps).map_err(|source| OutputError::Spawn {
            name: "drop-watch".into(),
            source,
        })?;
        self.drop_watch = Some(w);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_defaults_and_bounds() {
        let c: DropAlertConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(c, DropAlertConfig::default());
        let c: DropAlertConfig = serde_json::from_str(r#"{"interval_ms":500}"#).unwrap();
        assert_eq!(c.interval_ms, 500);
        for (j, want) in [
            (r#"{"interval_ms":5}"#, "interval_ms 5 must be"),
            (r#"{"every":1}"#, "unknown field"),
        ] {
            let e = serde_json::from_str::<DropAlertConfig>(j).unwrap_err();
            assert!(e.to_string().contains(want), "{e}");
        }
    }

    /// Never delivers until the test ends.
    struct Stuck(crossbeam_channel::Receiver<()>);
    impl crate::output::worker::Deliver for Stuck {
        fn deliver(
            &mut self,
            _: &Alert,
            _: &crate::output::worker::DeliveryContext<'_>,
        ) -> Result<(), crate::output::worker::DeliveryError> {
            let _ = self.0.recv();
            Ok(())
        }
    }

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn one_alert_per_interval_to_every_output() {
        let (release, gate) = bounded::<()>(0);
        let mut outs = Outputs::new();
        let stuck = crate::output::worker::OutputHandle::spawn(
            "stuck".into(),
            1,
            Duration::from_secs(1),
            Stuck(gate),
        )
        .unwrap();
        outs.push(stuck);
        let seen = Shared::default();
        outs.push(crate::output::stdout::LineOutput::spawn("lines", seen.clone(), 4096).unwrap());
        let cfg = DropAlertConfig {
            enabled: true,
            interval_ms: 300,
        };
        outs.start_drop_watch(&cfg).unwrap();
        let alert = Alert {
            time_ns: 1,
            rule: "r".into(),
            priority: Priority::Notice,
            output: "o".into(),
            tags: vec![],
            source: "syscall".into(),
            output_fields: vec![],
        };
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_millis(1500) {
            outs.send(alert.clone());
            std::thread::sleep(Duration::from_millis(5));
        }
        let took = t0.elapsed();
        let text = String::from_utf8(seen.0.lock().unwrap().clone()).unwrap();
        let reports: Vec<&str> = text.lines().filter(|l| l.contains("lanner lost")).collect();
        // The first report comes within a tick; then at most one per 300 ms
        // (whatever the machine's load, never more).
        let most = (took.as_millis() / 300) as usize + 1;
        assert!(!reports.is_empty() && reports.len() <= most, "{reports:#?}");
        assert!(
            reports.iter().all(|l| l.contains("on output stuck ")),
            "{reports:#?}"
        );
        assert!(
            reports.iter().all(|l| l.contains("queue full: ")),
            "{reports:#?}"
        );
        let stats = outs.stats();
        assert_eq!(stats[1].1.dropped, 0, "the healthy output lost nothing");
        drop(release);
        let rep = outs.shutdown(Duration::from_secs(2));
        assert!(rep.0.iter().all(|r| r.joined), "{rep}");
    }

    #[test]
    fn alert_says_how_many_where_and_why() {
        let prev = OutputStats {
            dropped: 2,
            dropped_by: [2, 0, 0, 0, 0],
            ..Default::default()
        };
        let now = OutputStats {
            dropped: 12,
            dropped_by: [3, 9, 0, 0, 0],
            failed: 1,
            ..Default::default()
        };
        assert!(drop_alert("o", &now, &now, Duration::from_secs(1)).is_none());
        let a = drop_alert("syslog-tcp:h:514", &prev, &now, Duration::from_secs(10)).unwrap();
        assert_eq!(a.rule, DROP_RULE);
        assert_eq!(a.priority, Priority::Critical);
        assert_eq!(a.source, INTERNAL_SOURCE);
        assert_eq!(
            a.output,
            "lanner lost 11 alerts on output syslog-tcp:h:514 in the last 10.0s (queue full: 1, \
             spool full: 9, delivery failed: 1); totals since start: dropped=12 failed=1"
        );
        let f = |k: &str| {
            a.output_fields
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(f("lanner.output"), FieldValue::from("syslog-tcp:h:514"));
        assert_eq!(f("lanner.lost"), FieldValue::Int(11));
        assert_eq!(f("lanner.dropped.spool_full"), FieldValue::Int(9));
        assert_eq!(f("lanner.dropped.queue_full"), FieldValue::Int(1));
        assert_eq!(f("lanner.dropped.total"), FieldValue::Int(12));
        assert_eq!(f("lanner.failed"), FieldValue::Int(1));
        assert!(a.time_ns > 0);
    }
}
