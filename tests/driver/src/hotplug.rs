//! `lanner-drivertest hotplug --cpu N`: a CPU that was offline when the
//! device was opened is captured once it comes online.
//!
//! Precondition (set by the guest script): CPU N is offline. The test
//! checks that the driver has a ring for it anyway (rings exist for every
//! possible CPU), starts capture, brings the CPU online through sysfs,
//! runs a child pinned to it that opens a marker path, and requires the
//! marker's record back and the CPU's own ring to have been written.
//!
//! Owns: the sysfs online switch and the pinned marker child.
//! Must never: leave the CPU offline when it brought it online itself
//! (the guest script also restores it), or accept a record it did not
//! tie to the pinned child.

use crate::harness::{drain, Driver, Report};
use crate::storm::pin;
use crate::sys::{self, cstr};
use lanner::event::decode::Event;
use lanner::source::kmod::Filter;
use lanner_abi as abi;
use std::time::{Duration, Instant};

fn online_file(cpu: usize) -> String {
    format!("/sys/devices/system/cpu/cpu{cpu}/online")
}

fn is_online(cpu: usize) -> Option<bool> {
    let s = std::fs::read_to_string(online_file(cpu)).ok()?;
    Some(s.trim() == "1")
}

/// Forks a child pinned to `cpu` that opens `marker`; its pid, if it
/// managed to pin itself and exited cleanly.
fn pinned_marker(cpu: usize, marker: &str) -> Result<i64, String> {
    let path = cstr(marker);
    let pid = sys::fork_child(|| {
        if !pin(cpu) {
            return 3;
        }
        sys!(libc::SYS_openat, libc::AT_FDCWD, path.as_ptr(), 0, 0);
        0
    });
    if pid < 0 {
        return Err("fork failed".into());
    }
    match libc::WEXITSTATUS(sys::wait_status(pid)) {
        0 => Ok(i64::from(pid)),
        3 => Err(format!("child could not pin itself to cpu{cpu}")),
        st => Err(format!("child exited with status {st}")),
    }
}

pub fn run(d: &mut dyn Driver, cpu: usize, rep: &mut Report) -> Result<(), String> {
    rep.check(
        "hotplug.cpu_offline_at_open",
        match is_online(cpu) {
            Some(false) => Ok(()),
            Some(true) => Err(format!(
                "cpu{cpu} is online; the guest script must offline it"
            )),
            None => Err(format!("no {}", online_file(cpu))),
        },
    );
    let rings = d.ring_stats().len();
    rep.check(
        "hotplug.ring_exists_for_offline_cpu",
        if rings > cpu && d.info().nr_rings as usize > cpu {
            Ok(())
        } else {
            Err(format!("{rings} rings, none for cpu{cpu}"))
        },
    );
    d.set_filter(&Filter::default().events(["openat"]))?;
    d.start()?;
    let online = std::fs::write(online_file(cpu), "1")
        .map_err(|e| format!("bringing cpu{cpu} online: {e}"))
        .and_then(|()| {
            let end = Instant::now() + Duration::from_secs(10);
            while is_online(cpu) != Some(true) {
                if Instant::now() > end {
                    return Err(format!("cpu{cpu} not online after 10 s"));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(())
        });
    let came_online = online.is_ok();
    rep.check("hotplug.cpu_brought_online", online);
    if !came_online {
        d.stop()?;
        return Ok(());
    }
    let before = d.ring_stats().get(cpu).map_or(0, |r| r.events);
    let marker = format!("/lanner-hotplug-{}", std::process::id());
    let child = pinned_marker(cpu, &marker);
    d.stop()?;
    let records = drain(d);
    let after = d.ring_stats().get(cpu).map_or(0, |r| r.events);
    let found = child.and_then(|pid| {
        let hit = records
            .iter()
            .filter_map(|r| Event::parse(r).ok())
            .any(|e| {
                u32::from(e.code()) == abi::PPME_SYSCALL_OPENAT_2_X
                    && e.tid() == pid
                    && e.str_of("name") == Some(marker.as_bytes())
            });
        if hit {
            Ok(())
        } else {
            Err(format!(
                "no openat record of {marker} from pid {pid} among {} records",
                records.len()
            ))
        }
    });
    rep.check("hotplug.marker_recorded_from_new_cpu", found);
    rep.check(
        "hotplug.ring_of_new_cpu_written",
        if after > before {
            Ok(())
        } else {
            Err(format!("ring {cpu} events {before} -> {after}"))
        },
    );
    Ok(())
}
