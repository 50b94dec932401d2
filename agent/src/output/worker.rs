//! One output = one thread behind a bounded queue.
//!
//! Owns: the queue between the processing loop and an output's thread, the
//! per-output counters, and orderly shutdown (flush with a deadline, then
//! join). Every alert handed to [`OutputHandle::send`] ends up counted in
//! exactly one of `sent`, `failed` or `dropped` (with its [`DropReason`]),
//! or, with a spool, stays in it for the next run. With a spool
//! ([`OutputHandle::spawn_with`]) the thread's loop is `worker/spooling.rs`;
//! the counters themselves are in `worker/counters.rs`.
//! Must never: block the caller of `send`, drop an alert without counting
//! it, or let shutdown wait past its deadline (plus a short grace) for a
//! thread stuck on a peer.

mod counters;
mod spooling;

pub use self::counters::{DropReason, OutputCounters, OutputStats, ShutdownReport};

use super::alert::Alert;
use super::spool::{Spool, SpoolConfig, SpoolError};
use super::syslog::transport::{Backoff, TransportError};
use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender, TrySendError};
use std::fmt;
use std::io;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long `shutdown` waits past its deadline for a thread that is inside
/// one last bounded operation (a write with its own timeout).
const SHUTDOWN_GRACE: Duration = Duration::from_millis(250);

/// Why one alert could not be delivered.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("write: {0}")]
    Io(#[from] io::Error),
    /// The destination answered and refused this alert (an HTTP 4xx):
    /// sending it again cannot help, so it is not spooled.
    #[error("{0}")]
    Rejected(String),
    /// The destination is unreachable or failing (an HTTP 5xx or a
    /// network error): worth spooling and retrying.
    #[error("{0}")]
    Unavailable(String),
}

impl DeliveryError {
    /// Whether the same alert may succeed later (the destination may come
    /// back); a message too large for it never will, and is not spooled.
    pub fn is_retryable(&self) -> bool {
        match self {
            DeliveryError::Transport(e) => e.is_retryable(),
            DeliveryError::Io(_) | DeliveryError::Unavailable(_) => true,
            DeliveryError::Rejected(_) => false,
        }
    }
}

/// Shutdown signalling shared between a handle and its thread.
#[derive(Debug, Default)]
pub struct Control {
    deadline: Mutex<Option<Instant>>,
    cv: Condvar,
}

impl Control {
    fn begin_shutdown(&self, deadline: Instant) {
        let mut d = self.deadline.lock().unwrap_or_else(PoisonError::into_inner);
        *d = Some(d.map_or(deadline, |old| old.min(deadline)));
        self.cv.notify_all();
    }

    /// Whether the shutdown deadline has passed.
    pub fn expired(&self) -> bool {
        self.deadline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some_and(|d| Instant::now() >= d)
    }

    /// Sleeps `d`, or less if a shutdown deadline comes first. Returns
    /// false if the deadline has passed.
    pub fn sleep(&self, d: Duration) -> bool {
        let until = Instant::now() + d;
        let mut guard = self.deadline.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let now = Instant::now();
            let wake = match *guard {
                Some(dl) if dl <= now => return false,
                Some(dl) => dl.min(until),
                None => until,
            };
            if now >= wake {
                return true;
            }
            guard = self
                .cv
                .wait_timeout(guard, wake - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

/// What an output thread gets besides the alert.
pub struct DeliveryContext<'a> {
    control: &'a Control,
    counters: &'a OutputCounters,
    spooler: Option<&'a spooling::Spooler<'a>>,
}

impl DeliveryContext<'_> {
    /// Waits before a retry; false if the shutdown deadline passed (give up).
    /// With a spool, the alert being delivered and whatever arrives
    /// meanwhile go to the spool while waiting (so the queue never fills
    /// behind a retrying output).
    pub fn backoff(&self, d: Duration) -> bool {
        match self.spooler {
            Some(s) => s.absorb_for(d),
            None => self.control.sleep(d),
        }
    }

    pub fn count_retry(&self) {
        OutputCounters::add(&self.counters.retried, 1);
    }

    pub fn count_truncated(&self) {
        OutputCounters::add(&self.counters.truncated, 1);
    }

    pub fn count_reconnects(&self, n: u64) {
        OutputCounters::add(&self.counters.reconnects, n);
    }

    pub fn deadline_passed(&self) -> bool {
        self.control.expired()
    }
}

/// The destination-specific part of an output.
pub trait Deliver: Send + 'static {
    /// Delivers one alert, retrying within its own budget. `Ok` counts as
    /// sent, `Err` as failed.
    fn deliver(&mut self, alert: &Alert, ctx: &DeliveryContext<'_>) -> Result<(), DeliveryError>;
    /// Called once after the queue is drained.
    fn close(&mut self) {}
}

/// The caller's side of one output.
pub struct OutputHandle {
    name: String,
    tx: Option<Sender<Arc<Alert>>>,
    /// Kept so alerts left in the queue by a dead or detached thread can
    /// still be counted at shutdown.
    rx: Receiver<Arc<Alert>>,
    counters: Arc<OutputCounters>,
    control: Arc<Control>,
    done: Receiver<()>,
    thread: Option<JoinHandle<()>>,
    shutdown_timeout: Duration,
}

impl fmt::Debug for OutputHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutputHandle")
            .field("name", &self.name)
            .field("stats", &self.stats())
            .finish()
    }
}

/// Optional behaviour of an output's thread.
#[derive(Debug, Clone, Default)]
pub struct WorkerOptions {
    /// Spool alerts while the destination is down; None = no spool.
    pub spool: Option<SpoolConfig>,
    /// Delay before the destination is tried again after a delivery failed
    /// (doubling up to `retry_max`); only used with a spool.
    pub retry_initial: Duration,
    pub retry_max: Duration,
}

/// Starting an output thread failed.
#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error(transparent)]
    Spool(#[from] SpoolError),
    #[error("start thread: {0}")]
    Thread(#[from] io::Error),
}

impl From<SpawnError> for io::Error {
    fn from(e: SpawnError) -> io::Error {
        match e {
            SpawnError::Thread(e) => e,
            e => io::Error::other(e),
        }
    }
}

/// Queues one alert for `tx`, counting it; never blocks.
fn enqueue(tx: Option<&Sender<Arc<Alert>>>, counters: &OutputCounters, alert: Arc<Alert>) {
    OutputCounters::add(&counters.submitted, 1);
    let queued = match tx {
        Some(tx) => match tx.try_send(alert) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => false,
        },
        None => false,
    };
    if !queued {
        counters.count_dropped(DropReason::QueueFull, 1);
    }
}

/// A second way into one output's queue (for lanner's own alerts, see
/// `dropwatch`). Must be dropped before the output is shut down: while a
/// tap lives, the output's thread keeps waiting for alerts.
#[derive(Debug, Clone)]
pub struct OutputTap {
    name: String,
    tx: Sender<Arc<Alert>>,
    counters: Arc<OutputCounters>,
}

impl OutputTap {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Like [`OutputHandle::send_shared`].
    pub fn send_shared(&self, alert: Arc<Alert>) {
        enqueue(Some(&self.tx), &self.counters, alert);
    }

    pub fn stats(&self) -> OutputStats {
        self.counters.snapshot()
    }
}

impl OutputHandle {
    /// Starts `deliver` on its own thread behind a queue of `capacity`.
    /// `shutdown_timeout` is what dropping the handle without calling
    /// [`OutputHandle::shutdown`] waits for.
    pub fn spawn<D: Deliver>(
        name: String,
        capacity: usize,
        shutdown_timeout: Duration,
        deliver: D,
    ) -> io::Result<OutputHandle> {
        Ok(Self::spawn_with(
            name,
            capacity,
            shutdown_timeout,
            deliver,
            WorkerOptions::default(),
        )?)
    }

    /// [`OutputHandle::spawn`] with options: with a spool, it is opened
    /// (and what a previous run left in it counted) before the thread
    /// starts.
    pub fn spawn_with<D: Deliver>(
        name: String,
        capacity: usize,
        shutdown_timeout: Duration,
        mut deliver: D,
        options: WorkerOptions,
    ) -> Result<OutputHandle, SpawnError> {
        let (tx, rx) = bounded::<Arc<Alert>>(capacity.max(1));
        let (done_tx, done) = bounded::<()>(1);
        let counters = Arc::new(OutputCounters::default());
        let control = Arc::new(Control::default());
        let spool = match &options.spool {
            Some(cfg) => {
                let (spool, rec) = Spool::open(cfg)?;
                OutputCounters::add(&counters.submitted, rec.records + rec.corrupt);
                counters.count_dropped(DropReason::SpoolCorrupt, rec.corrupt);
                Some(spool)
            }
            None => None,
        };
        let (wrx, wcounters, wcontrol) = (rx.clone(), counters.clone(), control.clone());
        let thread = std::thread::Builder::new()
            .name(format!("out-{}", truncate_name(&name)))
            .spawn(move || {
                match spool {
                    Some(spool) => {
                        let backoff = Backoff::new(options.retry_initial, options.retry_max);
                        spooling::run(&mut deliver, &wrx, &wcounters, &wcontrol, spool, backoff);
                    }
                    None => plain_loop(&mut deliver, &wrx, &wcounters, &wcontrol),
                }
                deliver.close();
                let _ = done_tx.send(());
            })?;
        Ok(OutputHandle {
            name,
            tx: Some(tx),
            rx,
            counters,
            control,
            done,
            thread: Some(thread),
            shutdown_timeout,
        })
    }

    /// Queues one alert; never blocks. A full queue drops and counts it.
    pub fn send(&self, alert: Alert) {
        self.send_shared(Arc::new(alert));
    }

    /// [`OutputHandle::send`] for an alert shared between outputs.
    pub fn send_shared(&self, alert: Arc<Alert>) {
        enqueue(self.tx.as_ref(), &self.counters, alert);
    }

    /// Another way into this output's queue (None once shutting down).
    pub fn tap(&self) -> Option<OutputTap> {
        Some(OutputTap {
            name: self.name.clone(),
            tx: self.tx.clone()?,
            counters: self.counters.clone(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Shared live counters (for a periodic stats line).
    pub fn counters(&self) -> Arc<OutputCounters> {
        self.counters.clone()
    }

    pub fn stats(&self) -> OutputStats {
        self.counters.snapshot()
    }

    /// Alerts waiting in the queue right now.
    pub fn queued(&self) -> usize {
        self.rx.len()
    }

    /// Stops accepting alerts and lets the thread deliver what is queued
    /// until `timeout`; whatever is left then is counted as dropped. Joins
    /// the thread unless it is still stuck in a bounded write after the
    /// deadline plus a short grace.
    pub fn shutdown(mut self, timeout: Duration) -> ShutdownReport {
        let deadline = Instant::now() + timeout;
        self.begin_shutdown(deadline);
        self.finish_shutdown(deadline)
    }

    pub(crate) fn begin_shutdown(&mut self, deadline: Instant) {
        self.control.begin_shutdown(deadline);
        self.tx = None;
    }

    pub(crate) fn finish_shutdown(&mut self, deadline: Instant) -> ShutdownReport {
        let wait = (deadline + SHUTDOWN_GRACE).saturating_duration_since(Instant::now());
        let joined = match self.done.recv_timeout(wait) {
            // Disconnected: the thread ended without signalling (it panicked).
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                if let Some(t) = self.thread.take() {
                    let _ = t.join();
                }
                true
            }
            Err(RecvTimeoutError::Timeout) => {
                self.thread = None; // detach
                false
            }
        };
        let left = self.rx.try_iter().count() as u64;
        self.counters.count_dropped(DropReason::Shutdown, left);
        ShutdownReport {
            name: self.name.clone(),
            stats: self.counters.snapshot(),
            joined,
        }
    }
}

impl Drop for OutputHandle {
    fn drop(&mut self) {
        if self.tx.is_some() {
            let deadline = Instant::now() + self.shutdown_timeout;
            self.begin_shutdown(deadline);
            self.finish_shutdown(deadline);
        }
    }
}

/// The thread's loop without a spool. Ends when the handle dropped its
/// sender and the queue is empty.
fn plain_loop<D: Deliver>(
    deliver: &mut D,
    rx: &Receiver<Arc<Alert>>,
    counters: &OutputCounters,
    control: &Control,
) {
    let ctx = DeliveryContext {
        control,
        counters,
        spooler: None,
    };
    while let Ok(alert) = rx.recv() {
        if control.expired() {
            counters.count_dropped(DropReason::Shutdown, 1);
            continue;
        }
        match deliver.deliver(&alert, &ctx) {
            Ok(()) => OutputCounters::add(&counters.sent, 1),
            Err(e) => {
                OutputCounters::add(&counters.failed, 1);
                counters.set_last_error(e.to_string());
            }
        }
    }
}

/// Thread names are limited to 15 bytes by Linux.
fn truncate_name(name: &str) -> &str {
    let mut end = name.len().min(11);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;

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

    /// Blocks until released, then succeeds for even and fails for odd times.
    struct Gate(Receiver<()>);
    impl Deliver for Gate {
        fn deliver(&mut self, a: &Alert, _: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
            let _ = self.0.recv();
            if a.time_ns & 1 == 0 {
                Ok(())
            } else {
                Err(io::Error::other("odd").into())
            }
        }
    }

    #[test]
    fn full_queue_drops_and_counts_and_shutdown_accounts_everything() {
        let (open, gate) = bounded(0);
        let h = OutputHandle::spawn("t".into(), 4, Duration::from_secs(1), Gate(gate)).unwrap();
        let t0 = Instant::now();
        for n in 0..100 {
            h.send(alert(n));
        }
        // 100 try_sends take microseconds; the bound only allows for a
        // loaded machine, not for any blocking on the stuck thread.
        assert!(t0.elapsed() < Duration::from_secs(1));
        let s = h.stats();
        assert_eq!(s.submitted, 100);
        // 4 queued + at most 1 taken by the thread.
        assert!(s.dropped >= 95 && s.dropped <= 96, "{s}");
        std::thread::spawn(move || while open.send(()).is_ok() {});
        let r = h.shutdown(Duration::from_secs(5));
        assert!(r.joined);
        assert_eq!(r.stats.in_flight(), 0, "{}", r.stats);
        assert_eq!(r.stats.sent + r.stats.failed + r.stats.dropped, 100);
        assert!(r.stats.failed >= 2, "{}", r.stats);
    }

    /// Signals that it holds an alert, then blocks until released.
    struct Stuck {
        entered: Sender<()>,
        gate: Receiver<()>,
    }
    impl Deliver for Stuck {
        fn deliver(&mut self, _: &Alert, _: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
            let _ = self.entered.send(());
            let _ = self.gate.recv();
            Ok(())
        }
    }

    #[test]
    fn shutdown_deadline_counts_the_rest_as_dropped() {
        let (_open, gate) = bounded::<()>(0); // never opens
        let (entered, entered_rx) = bounded::<()>(1);
        let h = OutputHandle::spawn(
            "t".into(),
            8,
            Duration::from_secs(1),
            Stuck { entered, gate },
        )
        .unwrap();
        for n in 0..8 {
            h.send(alert(n));
        }
        // The thread holds alert 0 before the deadline is set (however
        // loaded the machine is).
        entered_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let t0 = Instant::now();
        let r = h.shutdown(Duration::from_millis(100));
        // Deadline + grace is 350 ms; the stuck thread would be forever.
        assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
        assert!(!r.joined);
        assert_eq!(r.stats.in_flight(), 1, "{}", r.stats); // the one stuck
        assert_eq!(r.stats.dropped, 7);
    }

    #[test]
    fn control_sleep_is_cut_by_shutdown() {
        let c = Arc::new(Control::default());
        assert!(c.sleep(Duration::from_millis(1)));
        let c2 = c.clone();
        let t = std::thread::spawn(move || {
            let t0 = Instant::now();
            (c2.sleep(Duration::from_secs(30)), t0.elapsed())
        });
        std::thread::sleep(Duration::from_millis(50));
        c.begin_shutdown(Instant::now() + Duration::from_millis(50));
        let (ok, took) = t.join().unwrap();
        assert!(!ok);
        assert!(took < Duration::from_secs(5));
    }
}
