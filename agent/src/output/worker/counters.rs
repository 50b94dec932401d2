//! Per-output counters: what happened to every alert handed to an output.
//!
//! Owns: [`OutputCounters`] (live, shared), [`OutputStats`] (a snapshot and
//! its stats-line form), [`DropReason`] and the [`ShutdownReport`].
//! Must never: reset a counter (they only grow; readers take differences).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// Why an alert was dropped (never attempted, or given up unsent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// The output's queue was full (or the output already stopped).
    QueueFull,
    /// The spool had no room left (the newest alert is the one dropped).
    SpoolFull,
    /// Writing or reading the spool failed (disk full, I/O error).
    SpoolError,
    /// A spooled record was found torn or corrupt.
    SpoolCorrupt,
    /// Still queued when the shutdown deadline passed (no spool).
    Shutdown,
}

impl DropReason {
    pub const ALL: [DropReason; 5] = [
        DropReason::QueueFull,
        DropReason::SpoolFull,
        DropReason::SpoolError,
        DropReason::SpoolCorrupt,
        DropReason::Shutdown,
    ];

    /// `queue_full`, `spool_full`, ... (as in stats and alert fields).
    pub fn name(self) -> &'static str {
        match self {
            DropReason::QueueFull => "queue_full",
            DropReason::SpoolFull => "spool_full",
            DropReason::SpoolError => "spool_error",
            DropReason::SpoolCorrupt => "spool_corrupt",
            DropReason::Shutdown => "shutdown",
        }
    }

    /// Words for people ("queue full").
    pub fn describe(self) -> &'static str {
        match self {
            DropReason::QueueFull => "queue full",
            DropReason::SpoolFull => "spool full",
            DropReason::SpoolError => "spool I/O error",
            DropReason::SpoolCorrupt => "spool record corrupt",
            DropReason::Shutdown => "shutdown deadline",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Live counters of one output, shared with whoever reports stats.
#[derive(Debug, Default)]
pub struct OutputCounters {
    /// Alerts handed to `send`, plus those read back at start from a
    /// previous run's spool (a torn one counted as one, and as dropped),
    /// so that `submitted = sent + failed + dropped + in flight` always
    /// holds (in flight: queued, being delivered, or in the spool).
    pub submitted: AtomicU64,
    /// Alerts handed to the destination (for TCP: written to the socket).
    pub sent: AtomicU64,
    /// Alerts given up on after the retry budget (or a non-retryable error).
    pub failed: AtomicU64,
    /// Extra attempts made after a failed one.
    pub retried: AtomicU64,
    /// Alerts written to the spool (destination down or in backoff); they
    /// are counted again as `sent` (or failed/dropped) once drained.
    pub spooled: AtomicU64,
    /// Alerts lost unsent, for any [`DropReason`] (total of `dropped_by`).
    pub dropped: AtomicU64,
    dropped_by: [AtomicU64; DropReason::ALL.len()],
    /// Alerts sent cut to the maximum message size (also counted in `sent`).
    pub truncated: AtomicU64,
    /// Connections re-established after one was lost or failed (a TCP peer
    /// that closed, a syslog daemon that restarted).
    pub reconnects: AtomicU64,
    last_error: Mutex<Option<String>>,
}

impl OutputCounters {
    /// A consistent-enough snapshot (each counter is read once).
    pub fn snapshot(&self) -> OutputStats {
        OutputStats {
            submitted: self.submitted.load(Ordering::Relaxed),
            sent: self.sent.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            retried: self.retried.load(Ordering::Relaxed),
            spooled: self.spooled.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
            dropped_by: std::array::from_fn(|i| self.dropped_by[i].load(Ordering::Relaxed)),
            truncated: self.truncated.load(Ordering::Relaxed),
            reconnects: self.reconnects.load(Ordering::Relaxed),
        }
    }

    /// The most recent delivery error, for diagnostics.
    pub fn last_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn set_last_error(&self, e: String) {
        *self
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(e);
    }

    pub(crate) fn add(c: &AtomicU64, n: u64) {
        c.fetch_add(n, Ordering::Relaxed);
    }

    /// Counts `n` alerts dropped for `reason`.
    pub fn count_dropped(&self, reason: DropReason, n: u64) {
        Self::add(&self.dropped_by[reason.index()], n);
        Self::add(&self.dropped, n);
    }
}

/// Counter values at one moment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OutputStats {
    pub submitted: u64,
    pub sent: u64,
    pub failed: u64,
    pub retried: u64,
    pub spooled: u64,
    pub dropped: u64,
    /// `dropped` by reason, indexed like [`DropReason::ALL`].
    pub dropped_by: [u64; DropReason::ALL.len()],
    pub truncated: u64,
    pub reconnects: u64,
}

impl OutputStats {
    /// Alerts queued or being delivered: submitted minus every outcome.
    pub fn in_flight(&self) -> u64 {
        self.submitted
            .saturating_sub(self.sent + self.failed + self.dropped)
    }

    /// Alerts dropped for `reason`.
    pub fn dropped_for(&self, reason: DropReason) -> u64 {
        self.dropped_by[reason.index()]
    }
}

impl fmt::Display for OutputStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "submitted={} sent={} failed={} retried={} spooled={} dropped={} truncated={} \
             reconnects={}",
            self.submitted,
            self.sent,
            self.failed,
            self.retried,
            self.spooled,
            self.dropped,
            self.truncated,
            self.reconnects
        )
    }
}

/// What a shut-down output reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShutdownReport {
    pub name: String,
    pub stats: OutputStats,
    /// False when the thread was still inside a bounded operation after the
    /// deadline and was left to finish on its own (its alert is then counted
    /// in `stats.in_flight()` and, later, in the live counters).
    pub joined: bool,
}

impl fmt::Display for ShutdownReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.stats)?;
        if !self.joined {
            write!(
                f,
                " in_flight={} (thread still busy)",
                self.stats.in_flight()
            )?;
        } else if self.stats.in_flight() > 0 {
            // Only a spooled output ends with alerts in flight: they stay
            // in its spool for the next start.
            write!(
                f,
                " in_flight={} (kept in the spool)",
                self.stats.in_flight()
            )?;
        }
        Ok(())
    }
}
