//! An output thread's loop with a spool: while the destination is down (a
//! delivery failed its retry budget, or is waiting between retries) alerts
//! go to the spool; once it works again the spool drains, oldest first,
//! before any newer alert.
//!
//! Owns: the order of delivery between queue and spool, the "down until"
//! retry schedule, and counting spooled and spool-dropped alerts.
//! Must never: deliver an alert before an older one that is still spooled,
//! let the queue fill while the destination is down (arrivals go straight
//! to the spool), or wait past the shutdown deadline.
//!
//! State: spool empty and destination up = alerts are delivered straight
//! from the queue. Otherwise every arrival is appended to the spool and
//! only the spool's head is delivered (when the retry time has come). At
//! the shutdown deadline, what is queued goes to the spool and stays there
//! for the next run.

use super::{Control, Deliver, DeliveryContext, DeliveryError, DropReason, OutputCounters};
use crate::output::alert::Alert;
use crate::output::dropwatch::INTERNAL_SOURCE;
use crate::output::spool::{PushError, Spool};
use crate::output::syslog::transport::Backoff;
use crossbeam_channel::{Receiver, RecvTimeoutError};
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often a wait re-checks the shutdown deadline.
const TICK: Duration = Duration::from_millis(100);

/// The spool plus what it needs to take arrivals during a wait.
pub(crate) struct Spooler<'a> {
    spool: RefCell<Spool>,
    rx: &'a Receiver<Arc<Alert>>,
    counters: &'a OutputCounters,
    control: &'a Control,
    /// The alert being delivered straight from the queue, until a retry
    /// wait puts it at the head of the (then empty) spool.
    current: RefCell<Option<Arc<Alert>>>,
}

impl Spooler<'_> {
    /// Appends one alert, counting it as spooled or dropped.
    fn push(&self, a: &Alert) {
        let reserve = a.source == INTERNAL_SOURCE;
        match self.spool.borrow_mut().push(a, reserve) {
            Ok(()) => OutputCounters::add(&self.counters.spooled, 1),
            Err(PushError::Full) => self.counters.count_dropped(DropReason::SpoolFull, 1),
            Err(PushError::Io(e)) => {
                self.counters.count_dropped(DropReason::SpoolError, 1);
                self.counters.set_last_error(format!("spool write: {e}"));
            }
        }
    }

    /// Moves everything queued right now into the spool.
    fn absorb_queued(&self) {
        while let Ok(a) = self.rx.try_recv() {
            self.push(&a);
        }
    }

    /// Spools arrivals until `until`; false if the shutdown deadline came
    /// first.
    fn absorb_until(&self, until: Instant) -> bool {
        loop {
            if self.control.expired() {
                return false;
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            match self.rx.recv_timeout(left.min(TICK)) {
                Ok(a) => self.push(&a),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return self.control.sleep(left),
            }
            self.maybe_sync();
        }
    }

    /// A retry wait inside `Deliver::deliver`: the alert being delivered
    /// goes first into the spool, then arrivals, so order holds whatever
    /// the retry's outcome.
    pub(crate) fn absorb_for(&self, d: Duration) -> bool {
        let until = Instant::now() + d;
        let current = self.current.borrow_mut().take();
        if let Some(a) = current {
            let reserve = a.source == INTERNAL_SOURCE;
            if self.spool.borrow_mut().push(&a, reserve).is_err() {
                // No room even for it: keep it out of the spool and do not
                // spool newer ones ahead of it.
                *self.current.borrow_mut() = Some(a);
                return self.control.sleep(d);
            }
            OutputCounters::add(&self.counters.spooled, 1);
        }
        self.absorb_until(until)
    }

    /// The spool's head, counting what `peek` skipped as corrupt. A read
    /// error is returned for the caller to back off on.
    fn head(&self) -> Result<Option<Alert>, std::io::Error> {
        let mut sp = self.spool.borrow_mut();
        let r = sp.peek();
        let corrupt = sp.take_corrupt();
        self.counters
            .count_dropped(DropReason::SpoolCorrupt, corrupt);
        r
    }

    /// Consumes the head: the last `head()` (or the current alert, if a
    /// retry wait put it there).
    fn consume_head(&self) {
        let mut sp = self.spool.borrow_mut();
        let r = match self.current.borrow().is_some() {
            true => Ok(()), // never reached the spool
            false => sp.pop(),
        };
        if let Err(e) = r {
            self.counters.set_last_error(format!("spool: {e}"));
        }
    }

    fn maybe_sync(&self) {
        if let Err(e) = self.spool.borrow_mut().maybe_sync() {
            self.counters.set_last_error(format!("spool sync: {e}"));
        }
    }
}

/// What to do after one delivery.
enum Outcome {
    Sent,
    /// Try again later (the alert stays at the spool's head).
    Down(DeliveryError),
    /// Never deliverable: counted failed and skipped.
    Failed(DeliveryError),
}

fn outcome(r: Result<(), DeliveryError>) -> Outcome {
    match r {
        Ok(()) => Outcome::Sent,
        Err(e) if e.is_retryable() => Outcome::Down(e),
        Err(e) => Outcome::Failed(e),
    }
}

/// The thread's loop. Returns when the queue is closed and empty and the
/// spool drained, or at the shutdown deadline (the spool keeps the rest).
pub(super) fn run<D: Deliver>(
    deliver: &mut D,
    rx: &Receiver<Arc<Alert>>,
    counters: &OutputCounters,
    control: &Control,
    spool: Spool,
    mut backoff: Backoff,
) {
    let sp = Spooler {
        spool: RefCell::new(spool),
        rx,
        counters,
        control,
        current: RefCell::new(None),
    };
    let ctx = DeliveryContext {
        control,
        counters,
        spooler: Some(&sp),
    };
    let retry_at: Cell<Option<Instant>> = Cell::new(None);
    let down = |e: DeliveryError, backoff: &mut Backoff| {
        counters.set_last_error(e.to_string());
        retry_at.set(Some(Instant::now() + backoff.next_delay()));
    };
    loop {
        sp.maybe_sync();
        if !sp.spool.borrow().is_empty() {
            sp.absorb_queued();
            if control.expired() {
                break;
            }
            if let Some(t) = retry_at.get().filter(|t| Instant::now() < *t) {
                if !sp.absorb_until(t) {
                    break;
                }
                continue;
            }
            let alert = match sp.head() {
                Ok(Some(a)) => a,
                Ok(None) => continue, // only corrupt records were left
                Err(e) => {
                    down(DeliveryError::Io(e), &mut backoff);
                    continue;
                }
            };
            match outcome(deliver.deliver(&alert, &ctx)) {
                Outcome::Sent => {
                    OutputCounters::add(&counters.sent, 1);
                    sp.consume_head();
                    retry_at.set(None);
                    backoff.reset();
                }
                Outcome::Down(e) => down(e, &mut backoff),
                Outcome::Failed(e) => {
                    OutputCounters::add(&counters.failed, 1);
                    counters.set_last_error(e.to_string());
                    sp.consume_head();
                }
            }
            continue;
        }
        // Spool empty: take the next alert from the queue.
        let next = match sp.spool.borrow().sync_due() {
            Some(t) => rx.recv_deadline(t),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let alert = match next {
            Ok(a) => a,
            Err(RecvTimeoutError::Timeout) => continue, // sync is due
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if control.expired() || retry_at.get().is_some_and(|t| Instant::now() < t) {
            sp.push(&alert);
            continue;
        }
        *sp.current.borrow_mut() = Some(alert.clone());
        let r = outcome(deliver.deliver(&alert, &ctx));
        // Some(_) still: it never went to the spool during a retry wait.
        let in_spool = sp.current.borrow().is_none();
        match r {
            Outcome::Sent => {
                OutputCounters::add(&counters.sent, 1);
                if in_spool {
                    sp.consume_head();
                }
                retry_at.set(None);
                backoff.reset();
            }
            Outcome::Down(e) => {
                if !in_spool {
                    sp.push(&alert);
                }
                down(e, &mut backoff);
            }
            Outcome::Failed(e) => {
                OutputCounters::add(&counters.failed, 1);
                counters.set_last_error(e.to_string());
                if in_spool {
                    sp.consume_head();
                }
            }
        }
        sp.current.borrow_mut().take();
    }
    sp.current.borrow_mut().take();
    // At the deadline: what is still queued is kept for the next run too.
    sp.absorb_queued();
    let synced = sp.spool.borrow_mut().sync();
    if let Err(e) = synced {
        counters.set_last_error(format!("spool sync: {e}"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{OutputHandle, OutputStats, WorkerOptions};
    use super::*;
    use crate::engine::priority::Priority;
    use crate::output::spool::SpoolConfig;
    use std::io;
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    const TOO_LARGE: u64 = u64::MAX;

    /// Sends `n` while keeping the queue short (as a real burst would be
    /// if the producer were no faster than the spool).
    fn paced_send(h: &OutputHandle, a: Alert) {
        let t0 = Instant::now();
        while h.queued() >= 4 {
            assert!(t0.elapsed() < Duration::from_secs(20), "queue stuck");
            std::thread::sleep(Duration::from_micros(100));
        }
        h.send(a);
    }

    fn alert(n: u64) -> Alert {
        Alert {
            time_ns: n,
            rule: "r".into(),
            priority: Priority::Notice,
            output: format!("alert {n}"),
            tags: vec![],
            source: "syscall".into(),
            output_fields: vec![],
        }
    }

    /// Delivers while `up`, retrying 3 times (with `ctx.backoff`) otherwise.
    /// Alerts with time TOO_LARGE are too large (non-retryable).
    #[derive(Clone)]
    struct Flaky {
        up: Arc<AtomicBool>,
        got: Arc<Mutex<Vec<u64>>>,
    }

    impl Deliver for Flaky {
        fn deliver(&mut self, a: &Alert, ctx: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
            if a.time_ns == TOO_LARGE {
                return Err(crate::output::syslog::transport::TransportError::TooLarge {
                    target: "t".into(),
                    len: 1,
                }
                .into());
            }
            for attempt in 0..3 {
                if self.up.load(Ordering::SeqCst) {
                    self.got.lock().unwrap().push(a.time_ns);
                    return Ok(());
                }
                if attempt < 2 && !ctx.backoff(Duration::from_millis(2)) {
                    break;
                }
            }
            Err(io::Error::other("down").into())
        }
    }

    fn flaky(up: bool) -> Flaky {
        Flaky {
            up: Arc::new(AtomicBool::new(up)),
            got: Arc::default(),
        }
    }

    fn spawn(d: Flaky, dir: &Path, max_bytes: u64, capacity: usize) -> OutputHandle {
        let opts = WorkerOptions {
            spool: Some(SpoolConfig {
                max_bytes,
                segment_bytes: 4096,
                ..SpoolConfig::new(dir)
            }),
            retry_initial: Duration::from_millis(5),
            retry_max: Duration::from_millis(20),
        };
        OutputHandle::spawn_with("t".into(), capacity, Duration::from_secs(1), d, opts).unwrap()
    }

    fn wait(h: &OutputHandle, what: &str, pred: impl Fn(&OutputStats) -> bool) -> OutputStats {
        let t0 = Instant::now();
        loop {
            let s = h.stats();
            if pred(&s) {
                return s;
            }
            assert!(t0.elapsed() < Duration::from_secs(20), "{what}: {s}");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn down_spools_then_drains_in_order_before_newer_alerts() {
        let dir = tempfile::tempdir().unwrap();
        let d = flaky(false);
        // A queue of 8: without the spool taking arrivals, most would drop.
        let h = spawn(d.clone(), dir.path(), 1 << 20, 8);
        for n in 0..2000 {
            paced_send(&h, alert(n));
        }
        let s = wait(&h, "all spooled", |s| s.spooled == 2000);
        assert_eq!(s.dropped, 0, "{s}");
        assert!(d.got.lock().unwrap().is_empty());
        d.up.store(true, Ordering::SeqCst);
        for n in 2000..2100 {
            paced_send(&h, alert(n));
        }
        let r = wait(&h, "all sent", |s| s.sent == 2100);
        assert_eq!(r.in_flight(), 0, "{r}");
        assert_eq!(*d.got.lock().unwrap(), (0..2100).collect::<Vec<_>>());
        let rep = h.shutdown(Duration::from_secs(5));
        assert!(rep.joined);
        assert_eq!(rep.stats.sent, 2100);
    }

    #[test]
    fn flapping_destination_keeps_order_and_accounts_everything() {
        let dir = tempfile::tempdir().unwrap();
        let d = flaky(true);
        let h = spawn(d.clone(), dir.path(), 1 << 20, 64);
        let up = d.up.clone();
        let flapper = std::thread::spawn(move || {
            for i in 0..40 {
                up.store(i % 2 == 1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(3));
            }
            up.store(true, Ordering::SeqCst);
        });
        for n in 0..3000 {
            h.send(alert(n));
            if n % 32 == 0 {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        flapper.join().unwrap();
        let s = wait(&h, "idle", |s| s.in_flight() == 0);
        let got = d.got.lock().unwrap().clone();
        assert_eq!(s.sent as usize, got.len(), "{s}");
        assert_eq!(s.sent + s.dropped, 3000, "{s}");
        assert!(got.windows(2).all(|w| w[0] < w[1]), "in order");
        let mut missing = 0;
        let mut i = 0;
        for n in 0..3000 {
            if got.get(i) == Some(&n) {
                i += 1;
            } else {
                missing += 1;
            }
        }
        assert_eq!(missing, s.dropped, "every gap counted: {s}");
        assert_eq!(s.dropped, s.dropped_for(DropReason::QueueFull), "{s}");
    }

    #[test]
    fn full_spool_drops_newest_exactly_and_too_large_fails() {
        let dir = tempfile::tempdir().unwrap();
        let d = flaky(false);
        let h = spawn(d.clone(), dir.path(), 64 << 10, 16);
        for n in 0..3000 {
            paced_send(&h, alert(if n == 5 { TOO_LARGE } else { n }));
        }
        let s = wait(&h, "settled", |s| s.spooled + s.dropped + s.failed == 3000);
        assert!(s.dropped_for(DropReason::SpoolFull) > 1000, "{s}");
        assert_eq!(s.dropped, s.dropped_for(DropReason::SpoolFull), "{s}");
        d.up.store(true, Ordering::SeqCst);
        let s = wait(&h, "drained", |s| s.in_flight() == 0);
        let got = d.got.lock().unwrap().clone();
        // The oldest were kept: a contiguous prefix minus the too-large one.
        let want: Vec<u64> = (0..s.sent + 1).filter(|&n| n != 5).collect();
        assert_eq!(s.dropped, 3000 - 1 - s.sent, "the rest, newest first: {s}");
        assert_eq!(got, want, "{s}");
        assert_eq!(s.failed, 1, "{s}");
        assert_eq!(s.sent + s.failed + s.dropped, 3000, "{s}");
    }

    #[test]
    fn shutdown_keeps_the_spool_and_the_next_run_delivers_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = flaky(false);
        let h = spawn(d.clone(), dir.path(), 1 << 20, 1024);
        for n in 0..500 {
            h.send(alert(n));
        }
        wait(&h, "spooled", |s| s.spooled == 500);
        let r = h.shutdown(Duration::from_millis(100));
        assert!(r.joined);
        assert_eq!(r.stats.in_flight(), 500, "left in the spool: {}", r.stats);
        let d2 = flaky(true);
        let h = spawn(d2.clone(), dir.path(), 1 << 20, 1024);
        h.send(alert(500));
        let s = wait(&h, "drained", |s| s.sent == 501);
        assert_eq!(s.submitted, 501, "read back counts as submitted: {s}");
        assert_eq!(*d2.got.lock().unwrap(), (0..501).collect::<Vec<_>>());
    }
}
