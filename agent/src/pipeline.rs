//! The running agent: threads and bounded channels between the stages.
//!
//! Owns: the reader thread (source -> ordered batches), the processing loop
//! (decode -> process table -> rules -> alerts to outputs), back-pressure
//! (a full batch queue blocks the reader; the kernel then drops and counts),
//! periodic loss reports, and orderly shutdown.
//! Must never: drop a batch or an alert without counting it, or let one
//! malformed record stop processing.

use crate::event::decode::Event;
use crate::fields::EventFields;
use crate::output::alert::Alert;
use crate::source::{Batch, Source, SourceStats};
use crate::state::proc::{ProcStats, ProcTable};
use crossbeam_channel::{bounded, Receiver, Sender};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where alerts go. Implemented by the output fan-out.
pub trait AlertSink {
    /// Hands one alert over; must not block the caller.
    fn send(&self, alert: Alert);
}

/// Decides whether an event raises an alert.
pub trait Detector {
    /// Event types any rule can match (`None` = every type).
    fn interesting(&self, evt_type: &str) -> bool;
    /// [`Detector::interesting`] for a decoded event (a detector may
    /// answer from the event code without looking at the name).
    fn interesting_event(&self, ev: &Event<'_>) -> bool {
        self.interesting(ev.name())
    }
    /// The alert raised by this event, if any.
    fn detect(&self, fields: &EventFields<'_, '_>) -> Option<Alert>;
    /// Every alert this event raises (more than one with
    /// `rule_matching: all`); by default the one `detect` raises.
    fn detect_all(&self, fields: &EventFields<'_, '_>, out: &mut Vec<Alert>) {
        out.extend(self.detect(fields));
    }
}

/// One record through the processing stage: decode, process-table
/// update around rule evaluation (additions before, removals after), and
/// the alert it raises. Shared by the pipeline and by tests that replay
/// captured records.
pub fn process_record(
    rec: &[u8],
    detector: &dyn Detector,
    procs: &mut ProcTable,
) -> Result<Option<Alert>, crate::event::decode::DecodeError> {
    let ev = Event::parse(rec)?;
    procs.apply_pre(&ev);
    let mut alert = None;
    if detector.interesting_event(&ev) {
        let f = EventFields::new(&ev, procs);
        alert = detector.detect(&f);
    }
    procs.apply_post(&ev);
    Ok(alert)
}

/// Like [`process_record`], with every alert the event raises appended to
/// `out` (`rule_matching: all`).
pub fn process_record_all(
    rec: &[u8],
    detector: &dyn Detector,
    procs: &mut ProcTable,
    out: &mut Vec<Alert>,
) -> Result<(), crate::event::decode::DecodeError> {
    let ev = Event::parse(rec)?;
    procs.apply_pre(&ev);
    if detector.interesting_event(&ev) {
        let f = EventFields::new(&ev, procs);
        detector.detect_all(&f, out);
    }
    procs.apply_post(&ev);
    Ok(())
}

/// Tuning of the pipeline.
#[derive(Debug, Clone)]
pub struct PipelineConfig {
    /// Bytes per batch handed from the reader to the processing loop.
    pub batch_bytes: usize,
    /// Batches in flight between the two.
    pub queue_batches: usize,
    /// How often loss counters are checked and reported.
    pub report_every: Duration,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            batch_bytes: 1 << 20,
            queue_batches: 8,
            report_every: Duration::from_secs(10),
        }
    }
}

/// Counters of one run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunStats {
    pub source: SourceStats,
    pub procs: ProcStats,
    /// Records processed.
    pub events: u64,
    /// Records that failed to decode (counted, skipped).
    pub decode_errors: u64,
    /// Alerts raised.
    pub alerts: u64,
}

impl std::fmt::Display for RunStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.source;
        write!(
            f,
            "events={} delivered={} processed={} kernel_drops={} (ring_full={} too_large={} reentrant={} compat={} internal={}) \
             user_faults={} corrupt_bytes={} decode_errors={} alerts={} threads={} evicted={} unknown_threads={} fd_refused={}",
            s.events,
            s.delivered,
            self.events,
            s.dropped(),
            s.drops[lanner_abi::LANNER_DROP_RING_FULL as usize],
            s.drops[lanner_abi::LANNER_DROP_TOO_LARGE as usize],
            s.drops[lanner_abi::LANNER_DROP_REENTRANT as usize],
            s.drops[lanner_abi::LANNER_DROP_COMPAT as usize],
            s.drops[lanner_abi::LANNER_DROP_INTERNAL as usize],
            s.user_faults,
            s.corrupt_bytes,
            self.decode_errors,
            self.alerts,
            self.procs.threads,
            self.procs.evicted,
            self.procs.unknown,
            self.procs.fd_refused,
        )
    }
}

/// How often the reader refreshes the shared source counters.
const STATS_EVERY: Duration = Duration::from_millis(100);

fn reader<S: Source + ?Sized>(
    src: &mut S,
    full: Sender<Batch>,
    free: Receiver<Batch>,
    stop: &AtomicBool,
    shared: &Mutex<SourceStats>,
    cfg: &PipelineConfig,
) -> std::io::Result<()> {
    let mut idle = Duration::from_micros(500);
    let max_idle = Duration::from_millis(10);
    // Counters are for reports: read them a few times a second, not per
    // batch (the eBPF source's cost a bpf(2) call and a copy per CPU).
    let mut stats_at: Option<Instant> = None;
    loop {
        let stopping = stop.load(Ordering::Relaxed);
        let mut batch = free
            .try_recv()
            .unwrap_or_else(|_| Batch::with_capacity(cfg.batch_bytes));
        batch.clear();
        src.fill(&mut batch)?;
        let last = batch.is_empty() && stopping;
        if last || stats_at.is_none_or(|t| t.elapsed() >= STATS_EVERY) {
            *shared.lock().unwrap_or_else(|p| p.into_inner()) = src.stats();
            stats_at = Some(Instant::now());
        }
        if batch.is_empty() {
            if stopping {
                return Ok(());
            }
            std::thread::sleep(idle);
            idle = (idle * 2).min(max_idle);
            continue;
        }
        idle = Duration::from_micros(500);
        // Blocking send is the back-pressure: while the processing loop is
        // behind, the rings fill and the kernel counts its drops.
        if full.send(batch).is_err() {
            return Ok(());
        }
    }
}

/// Runs until `stop` is set, then drains what the rings hold and returns.
pub fn run<S: Source + ?Sized>(
    src: &mut S,
    detector: &dyn Detector,
    procs: &mut ProcTable,
    sink: &dyn AlertSink,
    stop: &AtomicBool,
    cfg: &PipelineConfig,
) -> std::io::Result<RunStats> {
    let (full_tx, full_rx) = bounded::<Batch>(cfg.queue_batches);
    let (free_tx, free_rx) = bounded::<Batch>(cfg.queue_batches + 1);
    let shared = Arc::new(Mutex::new(SourceStats::default()));
    let mut stats = RunStats::default();
    let result = std::thread::scope(|scope| {
        let shared_r = Arc::clone(&shared);
        let rd = scope.spawn(move || reader(src, full_tx, free_rx, stop, &shared_r, cfg));
        let mut last_report = Instant::now();
        let mut reported_drops = 0u64;
        let mut alerts: Vec<Alert> = Vec::new();
        for batch in full_rx.iter() {
            for rec in batch.iter() {
                stats.events += 1;
                match process_record_all(rec, detector, procs, &mut alerts) {
                    Ok(()) => {
                        for alert in alerts.drain(..) {
                            stats.alerts += 1;
                            sink.send(alert);
                        }
                    }
                    Err(_) => stats.decode_errors += 1,
                }
            }
            let _ = free_tx.try_send(batch);
            if last_report.elapsed() >= cfg.report_every {
                last_report = Instant::now();
                let s = *shared.lock().unwrap_or_else(|p| p.into_inner());
                if s.dropped() + s.corrupt_bytes > reported_drops {
                    reported_drops = s.dropped() + s.corrupt_bytes;
                    eprintln!(
                        "lanner: events lost so far: {}",
                        RunStats {
                            source: s,
                            procs: procs.stats(),
                            ..stats
                        }
                    );
                }
            }
        }
        rd.join()
            .unwrap_or_else(|_| Err(std::io::Error::other("reader thread panicked")))
    });
    stats.source = *shared.lock().unwrap_or_else(|p| p.into_inner());
    stats.procs = procs.stats();
    result.map(|()| stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::tests::openat;
    use crate::state::proc::ThreadInfo;
    use std::sync::atomic::AtomicU64;

    /// A source replaying fixed records, then stopping the run.
    struct Replay {
        recs: Vec<Vec<u8>>,
        stop: Arc<AtomicBool>,
        delivered: u64,
    }

    impl Source for Replay {
        fn fill(&mut self, batch: &mut Batch) -> std::io::Result<()> {
            for r in self.recs.drain(..) {
                batch.push(&r);
                self.delivered += 1;
            }
            self.stop.store(true, Ordering::Relaxed);
            Ok(())
        }
        fn stats(&self) -> SourceStats {
            SourceStats {
                delivered: self.delivered,
                ..SourceStats::default()
            }
        }
    }

    struct ShadowDetector;
    impl Detector for ShadowDetector {
        fn interesting(&self, t: &str) -> bool {
            t == "openat"
        }
        fn detect(&self, f: &EventFields<'_, '_>) -> Option<Alert> {
            (f.fd_name().as_deref() == Some("/etc/shadow")).then(|| Alert {
                time_ns: f.event().ts(),
                rule: "shadow".into(),
                priority: crate::engine::priority::Priority::Warning,
                output: format!("proc={}", f.thread().map_or("?", |t| t.comm.as_str())),
                tags: vec![],
                source: "syscall".into(),
                output_fields: vec![],
            })
        }
    }

    struct Collect(Mutex<Vec<Alert>>, AtomicU64);
    impl AlertSink for Collect {
        fn send(&self, a: Alert) {
            self.1.fetch_add(1, Ordering::Relaxed);
            self.0.lock().unwrap().push(a);
        }
    }

    #[test]
    fn records_flow_to_alerts_with_process_context() {
        let stop = Arc::new(AtomicBool::new(false));
        let mut bad = openat(3, 5, 3, "/x", 0);
        bad.truncate(30);
        bad[16..20].copy_from_slice(&30u32.to_le_bytes());
        let mut src = Replay {
            recs: vec![
                openat(1, 5, 3, "/etc/hostname", 0),
                openat(2, 5, 3, "/etc/shadow", 0),
                bad,
            ],
            stop: Arc::clone(&stop),
            delivered: 0,
        };
        let mut procs = ProcTable::new(10);
        procs.seed([ThreadInfo {
            tid: 5,
            pid: 5,
            comm: "cat".into(),
            ..Default::default()
        }]);
        let sink = Collect(Mutex::new(vec![]), AtomicU64::new(0));
        let st = run(
            &mut src,
            &ShadowDetector,
            &mut procs,
            &sink,
            &stop,
            &PipelineConfig::default(),
        )
        .unwrap();
        let alerts = sink.0.lock().unwrap();
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].output, "proc=cat");
        assert_eq!((st.events, st.decode_errors, st.alerts), (3, 1, 1));
        assert_eq!(st.source.delivered, 3);
    }
}
