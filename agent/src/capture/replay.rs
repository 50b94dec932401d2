//! Replaying a capture through the rule engine (`lanner replay`).
//!
//! Owns: seeding a process table from the capture's process list (never
//! from this host's /proc), the synchronous loop capture event -> record
//! -> `pipeline::process_record`, a `Source` over converted records for the
//! threaded pipeline, and the replay summary.
//! Must never: skip an event without counting it by reason.

use super::convert::{ConvertStats, Converter, Mode};
use super::meta::ProcEntry;
pub use super::options::ReplayOptions;
use super::Capture;
use crate::event::decode::Event;
use crate::output::alert::Alert;
use crate::pipeline::{process_record_all, Detector};
use crate::source::{Batch, Source, SourceStats};
use crate::state::proc::{ProcTable, ThreadInfo};
use std::collections::BTreeMap;

/// EVF block flag: the event updates state but is not shown to rules.
pub const STATE_ONLY: u32 = 1;
use std::fmt;

/// The process-table seed of one process-list entry.
// The struct update keeps this compiling while `ThreadInfo` gains fields.
#[allow(clippy::needless_update)]
pub fn thread_info(p: &ProcEntry) -> ThreadInfo {
    ThreadInfo {
        tid: p.tid,
        pid: p.pid,
        ptid: p.ptid,
        comm: p.comm.clone(),
        exe: p.exe.clone(),
        exepath: p.exepath.clone(),
        args: p.args.clone(),
        cwd: p.cwd.clone(),
        uid: p.uid,
        gid: p.gid,
        ..Default::default()
    }
}

/// A process table holding the capture's threads.
pub fn seeded_table(cap: &Capture, capacity: usize) -> ProcTable {
    let mut t = ProcTable::new(capacity.max(cap.procs.len()));
    t.seed(cap.procs.iter().map(thread_info));
    t
}

/// What a replay did.
#[derive(Debug, Clone, Default)]
pub struct ReplaySummary {
    /// Event blocks in the file.
    pub events: u64,
    /// Events that could not be read, by reason.
    pub read_errors: BTreeMap<&'static str, u64>,
    /// Conversion counters (records, enters, failures by reason).
    pub convert: ConvertStats,
    /// Records the decoder rejected.
    pub decode_errors: u64,
    /// Events flagged state-only in the file (EVF flags): applied to the
    /// process table, not evaluated by rules.
    pub state_only: u64,
    /// Threads seeded from the process list.
    pub seeded: usize,
    /// Alerts by rule.
    pub alerts: BTreeMap<String, u64>,
    /// Located problems outside events (metadata blocks, truncation).
    pub file_errors: Vec<String>,
}

impl ReplaySummary {
    /// Events read but not turned into records, all reasons.
    pub fn skipped(&self) -> u64 {
        self.read_errors.values().sum::<u64>() + self.convert.failed.values().sum::<u64>()
    }

    /// All alerts.
    pub fn alert_count(&self) -> u64 {
        self.alerts.values().sum()
    }
}

impl fmt::Display for ReplaySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.convert;
        write!(
            f,
            "events={} records={} enters={} (delivered {}, unmatched {}) recoded={} outside_lanner_table={} \
             params_from_enter={} params_empty={} skipped={} state_only={} decode_errors={} threads_seeded={} alerts={}",
            self.events,
            c.records,
            c.enters,
            c.enters_delivered,
            c.enters_unmatched,
            c.recoded,
            c.outside_lanner_table,
            c.params_from_enter,
            c.params_empty,
            self.skipped(),
            self.state_only,
            self.decode_errors,
            self.seeded,
            self.alert_count()
        )?;
        for (why, n) in &self.read_errors {
            write!(f, " read_error[{why}]={n}")?;
        }
        for (why, n) in &c.failed {
            write!(f, " convert_error[{why}]={n}")?;
        }
        if !self.file_errors.is_empty() {
            write!(f, " file_errors={}", self.file_errors.len())?;
        }
        Ok(())
    }
}

/// Replays every event of `cap` through `detector` with `procs`, calling
/// `on_alert` for each alert in event order (every matching rule's with
/// `rule_matching: all`, see `RulesDetector::with_matching`).
pub fn replay(
    cap: &Capture,
    detector: &dyn Detector,
    procs: &mut ProcTable,
    mode: Mode,
    mut on_alert: impl FnMut(Alert),
) -> ReplaySummary {
    let mut sum = ReplaySummary {
        seeded: procs.stats().seeded,
        file_errors: cap.errors.iter().map(|e| e.to_string()).collect(),
        ..Default::default()
    };
    let mut conv = Converter::new(mode);
    let mut alerts = Vec::new();
    for ev in cap.events() {
        sum.events += 1;
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => {
                *sum.read_errors.entry(e.reason()).or_default() += 1;
                continue;
            }
        };
        let Ok(Some(rec)) = conv.convert(&ev) else {
            continue;
        };
        if ev.flags & STATE_ONLY != 0 {
            // Kept in the file for state only: the process table sees it,
            // rules do not (as libsinsp treats such events).
            sum.state_only += 1;
            match Event::parse(&rec) {
                Ok(e) => {
                    procs.apply_pre(&e);
                    procs.apply_post(&e);
                }
                Err(_) => sum.decode_errors += 1,
            }
            continue;
        }
        alerts.clear();
        match process_record_all(&rec, detector, procs, &mut alerts) {
            Ok(()) => {
                for a in alerts.drain(..) {
                    *sum.alerts.entry(a.rule.clone()).or_default() += 1;
                    on_alert(a);
                }
            }
            Err(_) => sum.decode_errors += 1,
        }
    }
    sum.convert = conv.stats;
    sum
}

/// A `Source` handing out a capture's converted records once, for the
/// threaded pipeline (`pipeline::run`); its stats count them. The pipeline
/// has no state-only path: events flagged state-only are delivered like
/// the others and counted in `state_only` (use `replay` to honour them).
pub struct CaptureSource {
    records: std::vec::IntoIter<Vec<u8>>,
    delivered: u64,
    /// Events that produced no record (read or conversion failures).
    pub skipped: u64,
    /// Delivered events the file flags as state-only.
    pub state_only: u64,
}

impl CaptureSource {
    pub fn new(cap: &Capture, mode: Mode) -> CaptureSource {
        let mut conv = Converter::new(mode);
        let mut recs = Vec::new();
        let (mut skipped, mut state_only) = (0, 0);
        for ev in cap.events() {
            let Ok(ev) = ev else {
                skipped += 1;
                continue;
            };
            match conv.convert(&ev) {
                Ok(Some(r)) => {
                    state_only += u64::from(ev.flags & STATE_ONLY != 0);
                    recs.push(r);
                }
                Ok(None) => {}
                Err(_) => skipped += 1,
            }
        }
        CaptureSource {
            records: recs.into_iter(),
            delivered: 0,
            skipped,
            state_only,
        }
    }

    /// Whether every record was handed out.
    pub fn is_done(&self) -> bool {
        self.records.len() == 0
    }
}

impl Source for CaptureSource {
    fn fill(&mut self, batch: &mut Batch) -> std::io::Result<()> {
        for r in self.records.by_ref().take(4096) {
            batch.push(&r);
            self.delivered += 1;
        }
        Ok(())
    }

    fn stats(&self) -> SourceStats {
        SourceStats {
            events: self.delivered,
            delivered: self.delivered,
            ..SourceStats::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::RulesDetector;
    use crate::engine::Ruleset;
    use crate::pipeline::{run, AlertSink, PipelineConfig};
    use std::sync::atomic::AtomicBool;
    use std::sync::Mutex;

    struct Collect(Mutex<Vec<Alert>>);
    impl AlertSink for Collect {
        fn send(&self, a: Alert) {
            self.0.lock().unwrap().push(a);
        }
    }

    /// The threaded pipeline over `CaptureSource` raises what the
    /// synchronous replay raises, in the same order.
    #[test]
    fn capture_source_through_the_pipeline_matches_replay() {
        let Some(p) = crate::testdata::upstream("captures/cat_write.scap") else {
            return;
        };
        let cap = Capture::open(&p).unwrap();
        let Some(r) = crate::testdata::upstream("testing-rules/SingleRule__single_rule.yaml")
        else {
            return;
        };
        let rules = Ruleset::load_files(&[r]).unwrap();
        let det = RulesDetector::new(rules);
        let mut procs = seeded_table(&cap, 1000);
        let mut sync = Vec::new();
        let sum = replay(&cap, &det, &mut procs, Mode::EnterAndExit, |a| sync.push(a));
        assert_eq!(sum.alerts.get("open_from_cat"), Some(&8));

        let mut src = CaptureSource::new(&cap, Mode::EnterAndExit);
        assert_eq!(src.skipped, 0);
        let mut procs = seeded_table(&cap, 1000);
        let sink = Collect(Mutex::new(Vec::new()));
        // Stopped from the start: the reader drains the source, then ends.
        let stop = AtomicBool::new(true);
        let st = run(
            &mut src,
            &det,
            &mut procs,
            &sink,
            &stop,
            &PipelineConfig::default(),
        )
        .unwrap();
        assert!(src.is_done());
        assert_eq!((st.events, st.decode_errors), (345, 0));
        assert_eq!(st.source.delivered, 345);
        assert_eq!(*sink.0.lock().unwrap(), sync);
    }

    /// An event flagged state-only updates the table but raises nothing.
    #[test]
    fn state_only_events_are_not_evaluated() {
        use crate::capture::block::tests::shb;
        use crate::capture::event::tests::ev_block;
        let rules = "- rule: shadow\n  desc: d\n  condition: evt.type=openat and evt.arg.name=/etc/shadow\n  output: o\n  priority: WARNING\n";
        let det = RulesDetector::new(Ruleset::load_str("r.yaml", rules).unwrap());
        let fd = 3i64.to_le_bytes();
        let dirfd = (-100i64).to_le_bytes();
        let z = 0u32.to_le_bytes();
        let params: [&[u8]; 7] = [&fd, &dirfd, b"/etc/shadow\0", &z, &z, &[], &[]];
        for (flags, alerts, state_only) in [(0u32, 1u64, 0u64), (STATE_ONLY, 0, 1)] {
            let mut f = shb(false);
            let mut b = ev_block(crate::capture::block::EVF_V2, 1, 7, 307, &params, false);
            // The flags word follows the cpu id in the block body.
            b[10..14].copy_from_slice(&flags.to_le_bytes());
            f.extend(b);
            let cap = Capture::from_bytes(f).unwrap();
            let mut procs = seeded_table(&cap, 10);
            let sum = replay(&cap, &det, &mut procs, Mode::EnterAndExit, |_| {});
            assert_eq!(
                (sum.alert_count(), sum.state_only),
                (alerts, state_only),
                "{sum}"
            );
            assert_eq!(
                CaptureSource::new(&cap, Mode::EnterAndExit).state_only,
                state_only
            );
        }
    }
}
