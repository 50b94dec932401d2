//! Driver-wide checks: versions, ring coverage, exclusive open, stream
//! ordering and clock, counters, ia32 syscalls, the full-ring behaviour
//! and the root-only device.
//!
//! Owns: the checks that are about the transport and the filter rather
//! than one event.
//! Must never: accept a lost record that no counter accounts for.

use crate::harness::{drain, Capture, Ctx, Driver, Report};
use crate::sys::{self, cstr};
use lanner::event::decode::Event;
use lanner::source::kmod::Filter;
use lanner::source::SourceStats;
use lanner_abi as abi;
use std::path::Path;
use std::time::Instant;

fn ok_if(c: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if c {
        Ok(())
    } else {
        Err(why())
    }
}

/// Version, ring-count and exclusivity checks right after open.
pub fn open_checks(d: &dyn Driver, rep: &mut Report) {
    let info = d.info();
    rep.check(
        "info.versions",
        ok_if(
            info.abi_major == abi::LANNER_ABI_VERSION_MAJOR
                && info.schema_major == abi::LANNER_SCHEMA_VERSION_MAJOR,
            || format!("abi {} schema {}", info.abi_major, info.schema_major),
        ),
    );
    // SAFETY: sysconf has no preconditions.
    let online = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    rep.check(
        "info.rings_cover_online_cpus",
        ok_if(i64::from(info.nr_rings) >= online as i64, || {
            format!("{} rings for {online} online CPUs", info.nr_rings)
        }),
    );
    let Some(dev) = d.device() else {
        return rep.skip("device.second_open_refused", "driver has no device node");
    };
    let second = std::fs::OpenOptions::new().read(true).write(true).open(dev);
    rep.check(
        "device.second_open_refused",
        match second {
            Ok(_) => Err("second open succeeded".into()),
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) => Ok(()),
            Err(e) => Err(format!("second open: {e}, want EBUSY")),
        },
    );
}

/// Ordering, clock and decoding of a mixed stream (opens, forks, exits).
pub fn stream_checks(ctx: &mut Ctx<'_>) {
    let missing = cstr(sys::MISSING);
    let r = ctx.capture(&["openat", "fork"], true, || {
        for _ in 0..50 {
            sys!(libc::SYS_openat, libc::AT_FDCWD, missing.as_ptr(), 0, 0);
            let pid = sys!(libc::SYS_fork);
            if pid == 0 {
                sys!(libc::SYS_exit_group, 0);
            }
            sys::wait_status(pid as i32);
        }
    });
    let cap = match r {
        Ok(((), cap)) => cap,
        Err(e) => return ctx.check("stream.setup", Err(e)),
    };
    let ts: Vec<u64> = cap.events().map(|e| e.ts()).collect();
    ctx.check(
        "stream.enough_records",
        ok_if(ts.len() >= 50, || {
            format!("{} records for 50 openat calls", ts.len())
        }),
    );
    ctx.check(
        "stream.timestamps_ordered",
        ts.windows(2).position(|w| w[0] > w[1]).map_or(Ok(()), |i| {
            Err(format!("ts[{i}]={} > ts[{}]={}", ts[i], i + 1, ts[i + 1]))
        }),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    ctx.check(
        "stream.timestamps_are_wall_clock",
        ok_if(
            ts.iter().all(|&t| t <= now && now - t < 60_000_000_000),
            || format!("first ts {:?}, now {now}", ts.first()),
        ),
    );
    let bad = cap
        .records
        .iter()
        .filter(|r| Event::parse(r).is_err())
        .count();
    ctx.check(
        "stream.all_records_decode",
        ok_if(bad == 0, || {
            format!("{bad} of {} records fail to decode", cap.records.len())
        }),
    );
}

/// After the event tests: nothing dropped, every written record read.
pub fn counter_checks(ctx: &mut Ctx<'_>, before: &SourceStats) {
    let st = ctx.drv.stats();
    let drops: Vec<u64> = st
        .drops
        .iter()
        .zip(before.drops)
        .map(|(a, b)| a - b)
        .collect();
    ctx.check(
        "stream.no_drops",
        ok_if(
            drops.iter().all(|&d| d == 0) && st.corrupt_bytes == 0,
            || {
                format!(
                    "drops by reason {drops:?}, corrupt bytes {}",
                    st.corrupt_bytes
                )
            },
        ),
    );
    ctx.check(
        "stream.written_equals_read",
        ok_if(
            st.events - before.events == st.delivered - before.delivered,
            || {
                format!(
                    "kernel wrote {} records, reader got {}",
                    st.events - before.events,
                    st.delivered - before.delivered
                )
            },
        ),
    );
}

/// LANNER_FILTER_DROP_FAILED: a failed call leaves no record, a
/// successful one still does.
pub fn drop_failed(ctx: &mut Ctx<'_>) {
    let (ok, bad) = (cstr("/"), cstr(sys::MISSING));
    let f = Filter::default().events(["openat"]).drop_failed();
    if let Err(e) = ctx.drv.set_filter(&f).and_then(|()| ctx.drv.start()) {
        return ctx.check("filter.drop_failed", Err(e));
    }
    let a = sys!(
        libc::SYS_openat,
        libc::AT_FDCWD,
        ok.as_ptr(),
        libc::O_RDONLY,
        0
    );
    let b = sys!(
        libc::SYS_openat,
        libc::AT_FDCWD,
        bad.as_ptr(),
        libc::O_RDONLY,
        0
    );
    let stopped = ctx.drv.stop();
    sys::close(a);
    let cap = Capture {
        records: drain(ctx.drv),
    };
    let res: Vec<i64> = cap
        .events()
        .filter(|e| e.tid() == ctx.me && u32::from(e.code()) == abi::PPME_SYSCALL_OPENAT_2_X)
        .filter_map(|e| e.int_of("fd"))
        .collect();
    ctx.check(
        "filter.drop_failed",
        stopped.and_then(|()| {
            ok_if(a >= 0 && b < 0 && res == [a], || {
                format!("calls returned {a} and {b}; records carry fds {res:?}, want [{a}]")
            })
        }),
    );
}

/// A path the kernel cannot read: the record must still come, with the
/// parameter empty and the user-fault counter raised, or the record must
/// be counted as dropped - never lost silently.
pub fn user_fault(ctx: &mut Ctx<'_>) {
    let before = ctx.drv.stats();
    let r = ctx.capture(&["open"], false, || {
        sys!(libc::SYS_open, 1usize, libc::O_RDONLY, 0)
    });
    let (res, cap) = match r {
        Ok(v) => v,
        Err(e) => return ctx.check("stream.unreadable_user_memory_counted", Err(e)),
    };
    let after = ctx.drv.stats();
    let faults = after.user_faults - before.user_faults;
    let drops = after.dropped() - before.dropped();
    let recs: Vec<_> = cap
        .events()
        .filter(|e| e.tid() == ctx.me && u32::from(e.code()) == abi::PPME_SYSCALL_OPEN_X)
        .collect();
    let empty_name = recs.len() == 1
        && recs[0].int_of("fd") == Some(res)
        && recs[0]
            .value_of("name")
            .is_some_and(|v| v == lanner::event::decode::Value::Empty);
    ctx.check(
        "stream.unreadable_user_memory_counted",
        ok_if(
            res == sys::err(libc::EFAULT)
                && ((empty_name && faults >= 1) || (recs.is_empty() && drops >= 1)),
            || {
                format!(
                "open((char *)1) = {res}; {} records (name empty: {empty_name}), {faults} user \
                 faults, {drops} drops",
                recs.len()
            )
            },
        ),
    );
}

/// A 32-bit syscall (int $0x80, ia32 open = 5) from this 64-bit process
/// must be decoded or counted as LANNER_DROP_COMPAT, never lost.
pub fn ia32(ctx: &mut Ctx<'_>) {
    let before = ctx.drv.stats();
    let r = ctx.capture(&["open"], false, || {
        let pid = sys::fork_child(|| {
            let ret: u64;
            // SAFETY: the ia32 open syscall with a NULL path: the kernel
            // fails it with EFAULT. rbx (LLVM-reserved) is swapped in and
            // restored around the trap; int 0x80 clobbers r8-r11.
            unsafe {
                std::arch::asm!(
                    "xchg {b}, rbx",
                    "int 0x80",
                    "xchg {b}, rbx",
                    b = inout(reg) 0u64 => _,
                    inlateout("rax") 5u64 => ret,
                    in("rcx") 0u64, in("rdx") 0u64,
                    out("r8") _, out("r9") _, out("r10") _, out("r11") _,
                );
            }
            if ret as u32 as i32 == -libc::EFAULT {
                0
            } else {
                2
            }
        });
        (pid, sys::wait_status(pid))
    });
    let ((pid, st), cap) = match r {
        Ok(v) => v,
        Err(e) => return ctx.check("ia32.setup", Err(e)),
    };
    if libc::WIFSIGNALED(st) {
        return ctx.rep.skip(
            "ia32.open_counted_or_decoded",
            "no ia32 emulation in this kernel",
        );
    }
    let after = ctx.drv.stats();
    let compat = abi::LANNER_DROP_COMPAT as usize;
    let counted = after.drops[compat] - before.drops[compat];
    let decoded = cap.count(abi::PPME_SYSCALL_OPEN_X, i64::from(pid));
    ctx.check(
        "ia32.open_counted_or_decoded",
        ok_if(
            libc::WEXITSTATUS(st) == 0 && counted + decoded as u64 == 1,
            || {
                format!(
                    "child status {st:#x}; {counted} LANNER_DROP_COMPAT, {decoded} records: want \
                 exactly one of them"
                )
            },
        ),
    );
    println!("info ia32: int $0x80 open -> {counted} compat drops, {decoded} decoded records");
}

/// Overfills one ring without reading it: the kernel must drop and count,
/// never block, and every record it reports written must be readable.
pub fn full_ring(d: &mut dyn Driver, me: i64) -> Result<(), String> {
    let ring_size = u64::from(d.info().ring_size);
    let before = d.stats();
    // SAFETY: a zeroed cpu_set_t with one bit set, for this thread only.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(0, &mut set);
        if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            return Err("sched_setaffinity failed".into());
        }
    }
    d.set_filter(&Filter::default().events(["openat"]))?;
    d.start()?;
    let path = cstr("/nonexistent-lanner/ring-full-probe");
    // Each failed-openat record is well over 64 bytes: this is more than
    // twice what the ring holds.
    let calls = 2 * ring_size / 64;
    let t0 = Instant::now();
    for _ in 0..calls {
        sys!(libc::SYS_openat, libc::AT_FDCWD, path.as_ptr(), 0, 0);
    }
    let elapsed = t0.elapsed();
    d.stop()?;
    let cap = Capture { records: drain(d) };
    let mine = cap.events().filter(|e| e.tid() == me).count() as u64;
    let after = d.stats();
    let rf = abi::LANNER_DROP_RING_FULL as usize;
    let full = after.drops[rf] - before.drops[rf];
    let written = after.events - before.events;
    let read = after.delivered - before.delivered;
    println!(
        "info ring.full_ring: {calls} calls in {:.2}s, {mine} records read, {full} counted drops",
        elapsed.as_secs_f64()
    );
    if full == 0 {
        return Err(format!(
            "{calls} calls into a {ring_size}-byte ring, no RING_FULL drop"
        ));
    }
    if written != read {
        return Err(format!("kernel wrote {written} records, reader got {read}"));
    }
    ok_if(mine + full >= calls, || {
        format!("{calls} calls, {mine} records + {full} drops: some lost uncounted")
    })
}

/// A child that drops to uid 65534 must not be able to open the device.
pub fn non_root_open(device: &Path) -> Result<(), String> {
    let cpath = cstr(&device.to_string_lossy());
    let pid = sys::fork_child(|| {
        // SAFETY: dropping privileges, then one open, in the child.
        unsafe {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                return 2;
            }
            let fd = libc::open(cpath.as_ptr(), libc::O_RDWR);
            let e = *libc::__errno_location();
            if fd >= 0 {
                1
            } else if e == libc::EACCES || e == libc::EPERM {
                0
            } else {
                3
            }
        }
    });
    match libc::WEXITSTATUS(sys::wait_status(pid)) {
        0 => Ok(()),
        1 => Err("uid 65534 opened the device".into()),
        2 => Err("could not drop privileges".into()),
        c => Err(format!("unexpected errno class {c}")),
    }
}
