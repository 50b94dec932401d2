//! The driver-neutral harness: what every test needs from a driver, the
//! capture of one scenario's records, and the PASS/FAIL report.
//!
//! Owns: the `Driver` trait (the agent's `Capture` plus what a test asks
//! of the driver itself), opening either driver through the agent's own
//! code, `Capture` (all records of one scenario, owned) and `Report`. The
//! whole suite runs unchanged against the module and the eBPF fallback.
//! Must never: decide a check from anything but records and counters read
//! back from the driver; hold expected values (the tests do).

use lanner::event::decode::Event;
use lanner::source::bpf::{BpfSource, Flavour, LoadOptions, Transport};
use lanner::source::driver::Capture as Control;
use lanner::source::kmod::{Filter, KmodSource};
use lanner::source::ring::RingStats;
use lanner::source::{Batch, Source, SourceStats};
use lanner_abi as abi;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a driver reports about itself when opened.
#[derive(Debug, Clone, Copy)]
pub struct DriverInfo {
    pub abi_major: u32,
    pub schema_major: u32,
    pub nr_rings: u32,
    pub ring_size: u32,
}

/// A record producer the suite can drive: the agent's `Source` plus the
/// capture control a test needs (errors as text for the report).
pub trait Driver: Source {
    /// "kmod" or "bpf".
    fn kind(&self) -> &'static str;
    fn info(&self) -> DriverInfo;
    /// Installs the syscall mask / tracepoint filter.
    fn set_filter(&mut self, f: &Filter) -> Result<(), String>;
    fn start(&mut self) -> Result<(), String>;
    fn stop(&mut self) -> Result<(), String>;
    /// Counters of each ring, index = CPU.
    fn ring_stats(&self) -> Vec<RingStats>;
    /// The device node, for drivers that have one (exclusivity checks).
    fn device(&self) -> Option<&Path>;
}

/// Either driver, opened and driven through the agent's own `Capture`.
pub struct OpenDriver {
    cap: Box<dyn Control>,
    kind: &'static str,
    device: Option<PathBuf>,
}

impl Source for OpenDriver {
    fn fill(&mut self, batch: &mut Batch) -> std::io::Result<()> {
        self.cap.fill(batch)
    }
    fn stats(&self) -> SourceStats {
        self.cap.stats()
    }
}

impl Driver for OpenDriver {
    fn kind(&self) -> &'static str {
        self.kind
    }
    fn info(&self) -> DriverInfo {
        let (nr_rings, ring_size) = self.cap.geometry();
        DriverInfo {
            abi_major: abi::LANNER_ABI_VERSION_MAJOR,
            schema_major: abi::LANNER_SCHEMA_VERSION_MAJOR,
            nr_rings,
            ring_size,
        }
    }
    fn set_filter(&mut self, f: &Filter) -> Result<(), String> {
        self.cap.set_filter(f).map_err(|e| e.to_string())
    }
    fn start(&mut self) -> Result<(), String> {
        self.cap.start().map_err(|e| e.to_string())
    }
    fn stop(&mut self) -> Result<(), String> {
        self.cap.stop().map_err(|e| e.to_string())
    }
    fn ring_stats(&self) -> Vec<RingStats> {
        self.cap.ring_stats()
    }
    fn device(&self) -> Option<&Path> {
        self.device.as_deref()
    }
}

/// Drivers `--driver` accepts: the module, and the eBPF fallback with its
/// features probed (`bpf`) or forced to the fallbacks older kernels get
/// (`bpf-perf`: perf buffer + raw_tp programs).
pub const DRIVERS: &str = "kmod|bpf|bpf-perf";

/// Opens the driver named on the command line; `ring_size` 0 = default.
pub fn open_driver(kind: &str, device: &Path, ring_size: u32) -> Result<Box<dyn Driver>, String> {
    let bpf = |transport, flavour| -> Result<Box<dyn Control>, String> {
        let src = BpfSource::open(&LoadOptions {
            transport,
            flavour,
            ring_size,
        })
        .map_err(|e| e.to_string())?;
        for n in &src.report().notes {
            println!("info bpf: {n}");
        }
        Ok(Box::new(src))
    };
    let (cap, kind, device): (Box<dyn Control>, _, _) = match kind {
        "kmod" => (
            Box::new(KmodSource::open(device).map_err(|e| e.to_string())?),
            "kmod",
            Some(device.to_path_buf()),
        ),
        "bpf" => (bpf(None, None)?, "bpf", None),
        "bpf-perf" => (
            bpf(Some(Transport::Perf), Some(Flavour::RawTp))?,
            "bpf",
            None,
        ),
        k => return Err(format!("unknown driver '{k}' ({DRIVERS})")),
    };
    Ok(Box::new(OpenDriver { cap, kind, device }))
}

/// Reads every record the driver holds until the rings stay empty. The
/// deadline only guards against a reader that never empties: a full ring
/// of small records takes seconds to copy under TCG emulation.
pub fn drain(d: &mut dyn Driver) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut batch = Batch::with_capacity(1 << 20);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut idle = 0;
    while Instant::now() < deadline && idle < 3 {
        batch.clear();
        if d.fill(&mut batch).is_err() {
            break;
        }
        if batch.is_empty() {
            idle += 1;
            std::thread::sleep(Duration::from_millis(5));
        } else {
            idle = 0;
        }
        out.extend(batch.iter().map(<[u8]>::to_vec));
    }
    out
}

/// All records of one scenario, owned.
pub struct Capture {
    pub records: Vec<Vec<u8>>,
}

fn peek_code_tid(r: &[u8]) -> Option<(u32, i64)> {
    let tid = i64::from_le_bytes(r.get(8..16)?.try_into().ok()?);
    let code = u16::from_le_bytes(r.get(20..22)?.try_into().ok()?);
    Some((u32::from(code), tid))
}

/// Falco's name of an event code, for messages.
pub fn event_name(code: u32) -> &'static str {
    abi::event_info(code as u16).map_or("?", |i| i.name)
}

impl Capture {
    pub fn events(&self) -> impl Iterator<Item = Event<'_>> {
        self.records.iter().filter_map(|r| Event::parse(r).ok())
    }

    /// Number of records of `code` from `tid`.
    pub fn count(&self, code: u32, tid: i64) -> usize {
        self.records
            .iter()
            .filter(|r| peek_code_tid(r) == Some((code, tid)))
            .count()
    }
}

/// PASS/FAIL lines and their tally.
#[derive(Default)]
pub struct Report {
    pub passed: u32,
    pub failed: u32,
    /// (check, reason) of every failure, for the closing summary.
    pub failures: Vec<(String, String)>,
}

impl Report {
    pub fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.passed += 1;
                println!("PASS {name}");
            }
            Err(why) => {
                self.failed += 1;
                println!("FAIL {name}: {why}");
                self.failures.push((name.to_string(), why));
            }
        }
    }

    /// One line naming the events without any record and those whose
    /// records differ from what the tests expect.
    pub fn summary(&self) {
        let mut missing: Vec<&str> = Vec::new();
        let mut differ: Vec<&str> = Vec::new();
        for (check, why) in &self.failures {
            let ev = check.split('.').next().unwrap_or(check);
            let list = if why.starts_with("no record") {
                &mut missing
            } else {
                &mut differ
            };
            if !list.contains(&ev) {
                list.push(ev);
            }
        }
        differ.retain(|e| !missing.contains(e));
        println!("info events without records: {}", missing.join(" "));
        println!("info events with differing values: {}", differ.join(" "));
    }

    /// A check that cannot run here; neither passes nor fails.
    pub fn skip(&mut self, name: &str, why: &str) {
        println!("SKIP {name}: {why}");
    }
}

/// What a test gets: the driver and the report.
pub struct Ctx<'a> {
    pub drv: &'a mut dyn Driver,
    pub rep: &'a mut Report,
    /// This process's pid (= tid of the main thread).
    pub me: i64,
}

impl Ctx<'_> {
    /// Runs `f` with capture of `events` (+ procexit when asked) enabled
    /// and returns its result with every record captured meanwhile.
    pub fn capture<R>(
        &mut self,
        events: &[&str],
        procexit: bool,
        f: impl FnOnce() -> R,
    ) -> Result<(R, Capture), String> {
        let mut filter = Filter::default().events(events.iter().copied());
        for e in events {
            if Filter::syscall_for_event(e).is_none() && *e != "procexit" {
                return Err(format!("no syscall called '{e}'"));
            }
        }
        if procexit {
            filter = filter.procexit();
        }
        self.drv.set_filter(&filter)?;
        self.drv.start()?;
        let r = f();
        self.drv.stop()?;
        let records = drain(self.drv);
        Ok((r, Capture { records }))
    }

    pub fn check(&mut self, name: &str, result: Result<(), String>) {
        self.rep.check(name, result);
    }
}
