//! `lanner-drivertest storm`: fork/exec/open loops pinned on every online
//! CPU for a few seconds while the reader drains concurrently, then the
//! per-CPU books: records produced by the kernel (written + dropped, from
//! the ring control pages) against records consumed (read back and
//! attributed to the CPU by thread id: each worker and its children are
//! pinned) and drops by reason.
//!
//! Owns: the workers, the concurrent reader and the per-CPU report.
//! Must never: count a record twice or attribute a record it cannot tie
//! to a CPU (those are reported as unattributed).

use crate::harness::{drain, Driver, Report};
use crate::sys::{self, cstr};
use lanner::source::kmod::Filter;
use lanner::source::Batch;
use lanner_abi as abi;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one pinned worker did.
struct Work {
    cpu: usize,
    tids: Vec<i64>,
    /// Records its calls must produce (or have counted as dropped).
    issued: u64,
}

fn online_cpus() -> Vec<usize> {
    // SAFETY: sched_getaffinity into a zeroed set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: as above, for this process.
    unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
    // SAFETY: CPU_ISSET reads the set only.
    (0..libc::CPU_SETSIZE as usize)
        .filter(|&c| unsafe { libc::CPU_ISSET(c, &set) })
        .collect()
}

/// Pins the calling thread to `cpu`.
pub fn pin(cpu: usize) -> bool {
    // SAFETY: a zeroed set with one CPU, applied to the calling thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0
    }
}

fn worker(cpu: usize, stop: Arc<AtomicBool>, exe: String) -> Work {
    let mut w = Work {
        cpu,
        tids: vec![sys::gettid()],
        issued: 0,
    };
    if !pin(cpu) {
        return w;
    }
    let missing = cstr(sys::MISSING);
    let exe = cstr(&exe);
    let (a0, a1) = (cstr("lanner-dt-storm"), cstr("--exec-child"));
    let argv = [a0.as_ptr(), a1.as_ptr(), std::ptr::null()];
    let envp = [std::ptr::null::<libc::c_char>()];
    let mut i = 0u64;
    while !stop.load(Ordering::Relaxed) {
        for _ in 0..4 {
            sys!(libc::SYS_openat, libc::AT_FDCWD, missing.as_ptr(), 0, 0);
        }
        w.issued += 4;
        let exec = i.is_multiple_of(8);
        let pid = sys!(libc::SYS_fork);
        if pid == 0 {
            if exec {
                sys!(libc::SYS_execve, exe.as_ptr(), argv.as_ptr(), envp.as_ptr());
            }
            sys!(libc::SYS_exit_group, 0);
        }
        if pid > 0 {
            w.tids.push(pid);
            sys::wait_status(pid as i32);
            // fork (parent side, child side), procexit, and the exec. The
            // exec'd runtime's own openat of /proc/self/maps is not counted:
            // it shows up as produced - issued.
            w.issued += if exec { 4 } else { 3 };
        }
        i += 1;
    }
    w
}

fn tid_of(r: &[u8]) -> i64 {
    r.get(8..16)
        .map_or(-1, |b| i64::from_le_bytes(b.try_into().unwrap_or_default()))
}

/// Runs the storm for `secs` seconds; one PASS/FAIL line per CPU.
/// The reader drains every `pause_ms` milliseconds, like an agent polling
/// its rings, so a small ring fills up and drops are part of the books.
pub fn run(d: &mut dyn Driver, secs: u64, pause_ms: u64, rep: &mut Report) -> Result<(), String> {
    let cpus = online_cpus();
    let info = d.info();
    println!(
        "info storm: {} CPUs online {:?}, {} rings of {} bytes, {secs} s, reader every {pause_ms} ms",
        cpus.len(),
        cpus,
        info.nr_rings,
        info.ring_size
    );
    let before = d.ring_stats();
    let before_total = d.stats();
    d.set_filter(
        &Filter::default()
            .events(["openat", "fork", "execve"])
            .procexit(),
    )?;
    d.start()?;
    let stop = Arc::new(AtomicBool::new(false));
    let exe = std::fs::read_link("/proc/self/exe")
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| e.to_string())?;
    let handles: Vec<_> = cpus
        .iter()
        .map(|&c| {
            let (s, e) = (stop.clone(), exe.clone());
            std::thread::spawn(move || worker(c, s, e))
        })
        .collect();
    let mut per_tid: HashMap<i64, u64> = HashMap::new();
    let mut batch = Batch::with_capacity(1 << 20);
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        batch.clear();
        d.fill(&mut batch).map_err(|e| e.to_string())?;
        for r in batch.iter() {
            *per_tid.entry(tid_of(r)).or_default() += 1;
        }
        std::thread::sleep(Duration::from_millis(pause_ms.max(1)));
    }
    stop.store(true, Ordering::Relaxed);
    let works: Vec<Work> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
    d.stop()?;
    for r in drain(d) {
        *per_tid.entry(tid_of(&r)).or_default() += 1;
    }
    let after = d.ring_stats();
    let after_total = d.stats();
    let total: u64 = per_tid.values().sum();
    let attributed: u64 = works
        .iter()
        .flat_map(|w| w.tids.iter())
        .filter_map(|t| per_tid.get(t))
        .sum();
    let unattributed = total - attributed;
    for w in &works {
        let (b, a) = (before.get(w.cpu).copied().unwrap_or_default(), after[w.cpu]);
        let written = a.events - b.events;
        let drops: Vec<u64> = a.drops.iter().zip(b.drops).map(|(x, y)| x - y).collect();
        let dropped: u64 = drops.iter().sum();
        let consumed: u64 = w.tids.iter().filter_map(|t| per_tid.get(t)).sum();
        let name = |i: u32| drops[i as usize];
        println!(
            "info storm cpu{}: issued {} produced {} (written {written} + dropped {dropped}: \
             ring_full {} too_large {} reentrant {} compat {} internal {}) consumed {consumed} \
             pending {} bytes, {} threads/children",
            w.cpu,
            w.issued,
            written + dropped,
            name(abi::LANNER_DROP_RING_FULL),
            name(abi::LANNER_DROP_TOO_LARGE),
            name(abi::LANNER_DROP_REENTRANT),
            name(abi::LANNER_DROP_COMPAT),
            name(abi::LANNER_DROP_INTERNAL),
            a.pending,
            w.tids.len()
        );
        // Every record written on this CPU was read: the ones of this CPU's
        // threads, plus at most the few of other processes.
        let ok = a.pending == 0
            && written >= consumed
            && written - consumed <= unattributed
            && w.issued <= consumed + dropped;
        rep.check(
            &format!("storm.cpu{}.produced_equals_consumed_plus_drops", w.cpu),
            if ok && w.issued > 0 {
                Ok(())
            } else {
                Err(format!(
                    "issued {} written {written} consumed {consumed} dropped {dropped} pending {}",
                    w.issued, a.pending
                ))
            },
        );
    }
    let written = after_total.events - before_total.events;
    let read = after_total.delivered - before_total.delivered;
    println!(
        "info storm total: written {written}, read {read}, attributed {attributed}, \
         unattributed {unattributed}"
    );
    rep.check(
        "storm.every_written_record_read",
        if written == read && read == total {
            Ok(())
        } else {
            Err(format!(
                "kernel wrote {written}, reader got {read} ({total} counted)"
            ))
        },
    );
    Ok(())
}
