//! lanner-drivertest: the record-level driver test, run inside a guest.
//!
//! It opens the driver through the agent's own source code, performs real
//! syscalls whose results it knows (openat success and failure, open, fork,
//! clone, execve success and failure, exit), then reads the records back
//! from the rings and checks them field by field. It prints one
//! `PASS <check>` / `FAIL <check>: <why>` line per check and a final
//! `drivertest: N passed, M failed` line; the exit status is 0 iff all pass.
//!
//! Must never: decide a check from anything but the records read back.

use lanner::event::decode::{split_nul, Event, Value};
use lanner::source::kmod::{Filter, KmodSource};
use lanner::source::{Batch, Source};
use lanner_abi as abi;
use std::ffi::{CStr, CString};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Report {
    passed: u32,
    failed: u32,
}

impl Report {
    fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.passed += 1;
                println!("PASS {name}");
            }
            Err(why) => {
                self.failed += 1;
                println!("FAIL {name}: {why}");
            }
        }
    }
}

/// Expected value of one parameter.
enum Want<'a> {
    Int(i64),
    Str(&'a str),
    Args(&'a [&'a str]),
    /// A NUL-separated buffer containing this entry.
    Contains(&'a str),
}

/// Compares the named parameters of `ev` with `wants`.
fn fields(ev: &Event<'_>, wants: &[(&str, Want<'_>)]) -> Result<(), String> {
    let mut errs = Vec::new();
    for (name, want) in wants {
        let got = ev.value_of(name);
        let ok = match (want, got) {
            (Want::Int(w), Some(v)) => v.as_int() == Some(*w),
            (Want::Str(w), Some(Value::Str(b))) => b == w.as_bytes(),
            (Want::Args(w), Some(Value::Bytes(b))) => {
                split_nul(b).eq(w.iter().map(|s| s.as_bytes()))
            }
            (Want::Contains(w), Some(Value::Bytes(b))) => split_nul(b).any(|s| s == w.as_bytes()),
            _ => false,
        };
        if !ok {
            let shown = match got {
                Some(Value::Str(b)) | Some(Value::Bytes(b)) => {
                    format!("{:?}", String::from_utf8_lossy(b))
                }
                Some(v) => format!("{v:?}"),
                None => "missing".into(),
            };
            let wanted = match want {
                Want::Int(w) => w.to_string(),
                Want::Str(w) => format!("{w:?}"),
                Want::Args(w) => format!("{w:?}"),
                Want::Contains(w) => format!("contains {w:?}"),
            };
            errs.push(format!("{name}={shown}, want {wanted}"));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

/// All records captured, owned.
struct Capture {
    records: Vec<Vec<u8>>,
}

impl Capture {
    fn events(&self) -> impl Iterator<Item = Event<'_>> {
        self.records.iter().filter_map(|r| Event::parse(r).ok())
    }

    /// The single record of `code` from thread `tid` that satisfies `pick`.
    fn find(
        &self,
        code: u32,
        tid: i64,
        pick: impl Fn(&Event<'_>) -> bool,
    ) -> Result<Event<'_>, String> {
        let all: Vec<Event<'_>> = self
            .events()
            .filter(|e| u32::from(e.code()) == code && e.tid() == tid && pick(e))
            .collect();
        match all.len() {
            1 => Ok(all[0]),
            0 => Err(format!(
                "no {} record from tid {tid} ({} records captured in all)",
                abi::event_info(code as u16).map_or("?", |i| i.name),
                self.records.len()
            )),
            n => Err(format!("{n} matching records, want exactly 1")),
        }
    }
}

fn errno() -> i64 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0) as i64
}

fn raw_openat(path: &CStr, flags: i32, mode: u32) -> i64 {
    // SAFETY: a plain syscall with a valid NUL-terminated path.
    let r = unsafe { libc::syscall(libc::SYS_openat, libc::AT_FDCWD, path.as_ptr(), flags, mode) };
    if r < 0 {
        -errno()
    } else {
        r
    }
}

fn raw_open(path: &CStr, flags: i32) -> i64 {
    // SAFETY: a plain syscall with a valid NUL-terminated path.
    let r = unsafe { libc::syscall(libc::SYS_open, path.as_ptr(), flags, 0) };
    if r < 0 {
        -errno()
    } else {
        r
    }
}

fn close(fd: i64) {
    // SAFETY: closing an fd this program opened.
    unsafe { libc::close(fd as i32) };
}

fn wait_status(pid: i32) -> i32 {
    let mut st = 0;
    // SAFETY: waiting for our own child.
    unsafe { libc::waitpid(pid, &mut st, 0) };
    st
}

/// Raw fork(2): the child only makes raw syscalls before exiting.
fn raw_fork_exit(code: i32) -> i64 {
    // SAFETY: SYS_fork duplicates this single-threaded process; the child
    // runs no Rust code that could observe the duplicated state, only the
    // exit_group syscall.
    let r = unsafe { libc::syscall(libc::SYS_fork) };
    if r == 0 {
        // SAFETY: terminating the child immediately.
        unsafe { libc::syscall(libc::SYS_exit_group, code) };
    }
    r
}

/// fork (glibc: the clone syscall) + execve in the child. Returns the pid.
fn fork_exec(path: &CStr, argv: &[CString], envp: &[CString], cwd: &CStr) -> i32 {
    let mut av: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    av.push(std::ptr::null());
    let mut ev: Vec<*const libc::c_char> = envp.iter().map(|a| a.as_ptr()).collect();
    ev.push(std::ptr::null());
    // SAFETY: the child only calls async-signal-safe functions (chdir,
    // execve, _exit) on memory prepared before the fork.
    unsafe {
        let pid = libc::fork();
        if pid == 0 {
            libc::chdir(cwd.as_ptr());
            libc::execve(path.as_ptr(), av.as_ptr(), ev.as_ptr());
            libc::_exit(3);
        }
        pid
    }
}

fn drain(src: &mut KmodSource) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut batch = Batch::with_capacity(1 << 20);
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut idle = 0;
    while Instant::now() < deadline && idle < 5 {
        batch.clear();
        if src.fill(&mut batch).is_err() {
            break;
        }
        if batch.is_empty() {
            idle += 1;
            std::thread::sleep(Duration::from_millis(20));
        }
        out.extend(batch.iter().map(<[u8]>::to_vec));
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--exec-child") {
        return ExitCode::SUCCESS;
    }
    let device = args
        .iter()
        .position(|a| a == "--device")
        .and_then(|i| args.get(i + 1))
        .map_or("/dev/lanner", String::as_str);
    let mut rep = Report {
        passed: 0,
        failed: 0,
    };
    let code = run(Path::new(device), &mut rep);
    println!("drivertest: {} passed, {} failed", rep.passed, rep.failed);
    if code.is_err() || rep.failed > 0 || rep.passed == 0 {
        if let Err(e) = code {
            println!("drivertest: aborted: {e}");
        }
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn run(device: &Path, rep: &mut Report) -> Result<(), String> {
    let me = std::process::id() as i64;
    let self_exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let self_path =
        CString::new(self_exe.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
    let tmpfile = format!("/tmp/lanner-dt-{me}");
    std::fs::write(&tmpfile, b"x").map_err(|e| e.to_string())?;
    let ctmp = CString::new(tmpfile.clone()).map_err(|e| e.to_string())?;
    let created = format!("/tmp/lanner-dt-{me}-new");
    let ccreated = CString::new(created.clone()).map_err(|e| e.to_string())?;
    let missing = c"/nonexistent-lanner/file";
    let missing_exe = c"/nonexistent-lanner/prog";

    let mut src = KmodSource::open(device).map_err(|e| e.to_string())?;
    let info = *src.info();
    rep.check(
        "info.versions",
        (info.abi_major == abi::LANNER_ABI_VERSION_MAJOR
            && info.schema_major == abi::LANNER_SCHEMA_VERSION_MAJOR)
            .then_some(())
            .ok_or_else(|| format!("abi {} schema {}", info.abi_major, info.schema_major)),
    );
    rep.check("info.rings_cover_online_cpus", {
        // SAFETY: sysconf has no preconditions.
        let online = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
        (i64::from(info.nr_rings) >= online as i64)
            .then_some(())
            .ok_or_else(|| format!("{} rings for {online} online CPUs", info.nr_rings))
    });
    rep.check(
        "device.second_open_refused",
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(device)
        {
            Ok(_) => Err("second open succeeded".into()),
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) => Ok(()),
            Err(e) => Err(format!("second open: {e}, want EBUSY")),
        },
    );

    let filter = Filter::default()
        .events([
            "open", "openat", "openat2", "execve", "execveat", "clone", "fork", "vfork", "clone3",
        ])
        .procexit();
    src.set_filter(&filter).map_err(|e| e.to_string())?;
    src.start().map_err(|e| e.to_string())?;

    // --- the scenario: every value below is what the program knows ---
    let fd_ok = raw_openat(&ctmp, libc::O_RDONLY | libc::O_CLOEXEC, 0);
    let fd_missing = raw_openat(missing, libc::O_RDONLY, 0);
    let fd_created = raw_openat(
        &ccreated,
        libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC,
        0o640,
    );
    let fd_open = raw_open(&ctmp, libc::O_RDWR | libc::O_APPEND);
    for fd in [fd_ok, fd_created, fd_open] {
        if fd >= 0 {
            close(fd);
        }
    }
    let fork_child = raw_fork_exit(7);
    let fork_status = wait_status(fork_child as i32);
    let argv = [
        CString::new("lanner-dt-child").unwrap(),
        CString::new("--exec-child").unwrap(),
        CString::new("arg two").unwrap(),
    ];
    let envp = [CString::new("LANNER_DT=1").unwrap()];
    let exec_child = fork_exec(&self_path, &argv, &envp, c"/tmp");
    let exec_status = wait_status(exec_child);
    let bad_exec_child = fork_exec(missing_exe, &argv, &envp, c"/");
    let bad_exec_status = wait_status(bad_exec_child);

    std::thread::sleep(Duration::from_millis(100));
    src.stop().map_err(|e| e.to_string())?;
    let cap = Capture {
        records: drain(&mut src),
    };
    let _ = std::fs::remove_file(&tmpfile);
    let _ = std::fs::remove_file(&created);

    rep.check(
        "scenario.syscalls_behaved",
        (fd_ok >= 0
            && fd_missing == -(libc::ENOENT as i64)
            && fd_created >= 0
            && fd_open >= 0
            && fork_child > 0
            && libc::WEXITSTATUS(fork_status) == 7
            && libc::WEXITSTATUS(exec_status) == 0
            && libc::WEXITSTATUS(bad_exec_status) == 3)
            .then_some(())
            .ok_or_else(|| {
                format!(
                    "openat {fd_ok}/{fd_missing}/{fd_created} open {fd_open} fork {fork_child} st {fork_status:#x} exec st {exec_status:#x}/{bad_exec_status:#x}"
                )
            }),
    );

    let openat = abi::PPME_SYSCALL_OPENAT_2_X;
    let name_is = |p: &'static str| move |e: &Event<'_>| e.str_of("name") == Some(p.as_bytes());
    let tmp_name: &'static str = Box::leak(tmpfile.clone().into_boxed_str());
    let created_name: &'static str = Box::leak(created.clone().into_boxed_str());
    rep.check(
        "openat.success",
        cap.find(openat, me, name_is(tmp_name)).and_then(|e| {
            fields(
                &e,
                &[
                    ("fd", Want::Int(fd_ok)),
                    ("dirfd", Want::Int(i64::from(abi::PPM_AT_FDCWD))),
                    ("name", Want::Str(tmp_name)),
                    (
                        "flags",
                        Want::Int(i64::from(abi::PPM_O_RDONLY | abi::PPM_O_CLOEXEC)),
                    ),
                    ("mode", Want::Int(0)),
                ],
            )
        }),
    );
    rep.check(
        "openat.failure_enoent",
        cap.find(openat, me, name_is("/nonexistent-lanner/file"))
            .and_then(|e| {
                fields(
                    &e,
                    &[
                        ("fd", Want::Int(-(libc::ENOENT as i64))),
                        ("dirfd", Want::Int(i64::from(abi::PPM_AT_FDCWD))),
                        ("flags", Want::Int(i64::from(abi::PPM_O_RDONLY))),
                    ],
                )
            }),
    );
    rep.check(
        "openat.create_flags_and_mode",
        cap.find(openat, me, name_is(created_name)).and_then(|e| {
            fields(
                &e,
                &[
                    ("fd", Want::Int(fd_created)),
                    (
                        "flags",
                        Want::Int(i64::from(
                            abi::PPM_O_WRONLY | abi::PPM_O_CREAT | abi::PPM_O_TRUNC,
                        )),
                    ),
                    (
                        "mode",
                        Want::Int(i64::from(
                            abi::PPM_S_IRUSR | abi::PPM_S_IWUSR | abi::PPM_S_IRGRP,
                        )),
                    ),
                ],
            )
        }),
    );
    rep.check(
        "open.success",
        cap.find(abi::PPME_SYSCALL_OPEN_X, me, name_is(tmp_name))
            .and_then(|e| {
                fields(
                    &e,
                    &[
                        ("fd", Want::Int(fd_open)),
                        (
                            "flags",
                            Want::Int(i64::from(abi::PPM_O_RDWR | abi::PPM_O_APPEND)),
                        ),
                    ],
                )
            }),
    );

    let fork = abi::PPME_SYSCALL_FORK_20_X;
    rep.check(
        "fork.parent_side",
        cap.find(fork, me, |e| e.int_of("res") == Some(fork_child))
            .and_then(|e| fields(&e, &[("tid", Want::Int(me)), ("pid", Want::Int(me))])),
    );
    rep.check(
        "fork.child_side",
        cap.find(fork, fork_child, |e| e.int_of("res") == Some(0))
            .and_then(|e| {
                fields(
                    &e,
                    &[
                        ("tid", Want::Int(fork_child)),
                        ("pid", Want::Int(fork_child)),
                        ("ptid", Want::Int(me)),
                    ],
                )
            }),
    );
    rep.check(
        "procexit.fork_child",
        cap.find(abi::PPME_PROCEXIT_1_E, fork_child, |_| true)
            .and_then(|e| {
                fields(
                    &e,
                    &[
                        ("status", Want::Int(i64::from(fork_status))),
                        ("ret", Want::Int(7)),
                        ("sig", Want::Int(0)),
                    ],
                )
            }),
    );
    let clone = abi::PPME_SYSCALL_CLONE_20_X;
    let exec_pid = i64::from(exec_child);
    rep.check(
        "clone.parent_side_of_glibc_fork",
        cap.find(clone, me, |e| e.int_of("res") == Some(exec_pid))
            .and_then(|e| {
                let f = e.int_of("flags").unwrap_or(0) as u32;
                let want = abi::PPM_CL_CLONE_CHILD_SETTID | abi::PPM_CL_CLONE_CHILD_CLEARTID;
                fields(&e, &[("tid", Want::Int(me))])?;
                (f & want == want)
                    .then_some(())
                    .ok_or_else(|| format!("flags {f:#x} lack CHILD_SETTID|CHILD_CLEARTID"))
            }),
    );
    rep.check(
        "clone.child_side_of_glibc_fork",
        cap.find(clone, exec_pid, |e| e.int_of("res") == Some(0))
            .and_then(|e| fields(&e, &[("pid", Want::Int(exec_pid)), ("ptid", Want::Int(me))])),
    );

    let execve = abi::PPME_SYSCALL_EXECVE_19_X;
    let self_str: &'static str =
        Box::leak(self_exe.to_string_lossy().into_owned().into_boxed_str());
    let base = self_exe
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let comm: &'static str = Box::leak(base.chars().take(15).collect::<String>().into_boxed_str());
    rep.check(
        "execve.success",
        cap.find(execve, exec_pid, |e| e.int_of("res") == Some(0))
            .and_then(|e| {
                fields(
                    &e,
                    &[
                        ("exe", Want::Str("lanner-dt-child")),
                        ("args", Want::Args(&["--exec-child", "arg two"])),
                        ("tid", Want::Int(exec_pid)),
                        ("pid", Want::Int(exec_pid)),
                        ("ptid", Want::Int(me)),
                        ("cwd", Want::Str("/tmp")),
                        ("comm", Want::Str(comm)),
                        ("env", Want::Contains("LANNER_DT=1")),
                        ("uid", Want::Int(0)),
                        ("gid", Want::Int(0)),
                        ("filename", Want::Str(self_str)),
                        ("trusted_exepath", Want::Str(self_str)),
                    ],
                )
            }),
    );
    rep.check(
        "execve.failure_enoent",
        cap.find(execve, i64::from(bad_exec_child), |e| {
            e.int_of("res") == Some(-(libc::ENOENT as i64))
        })
        .and_then(|e| {
            fields(
                &e,
                &[
                    ("filename", Want::Str("/nonexistent-lanner/prog")),
                    ("tid", Want::Int(i64::from(bad_exec_child))),
                ],
            )
        }),
    );

    // Whole-stream properties.
    let ts: Vec<u64> = cap.events().map(|e| e.ts()).collect();
    rep.check(
        "stream.timestamps_ordered",
        ts.windows(2).position(|w| w[0] > w[1]).map_or(Ok(()), |i| {
            Err(format!("ts[{i}]={} > ts[{}]={}", ts[i], i + 1, ts[i + 1]))
        }),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    rep.check(
        "stream.timestamps_are_wall_clock",
        ts.iter()
            .all(|&t| t <= now && now - t < 60_000_000_000)
            .then_some(())
            .ok_or_else(|| format!("first ts {:?}, now {now}", ts.first())),
    );
    let undecodable = cap
        .records
        .iter()
        .filter(|r| Event::parse(r).is_err())
        .count();
    rep.check(
        "stream.all_records_decode",
        (undecodable == 0)
            .then_some(())
            .ok_or_else(|| format!("{undecodable} records fail to decode")),
    );
    let st = src.stats();
    rep.check(
        "stream.no_drops",
        (st.dropped() == 0 && st.corrupt_bytes == 0)
            .then_some(())
            .ok_or_else(|| format!("drops {:?}, corrupt bytes {}", st.drops, st.corrupt_bytes)),
    );
    rep.check(
        "stream.counters_account_for_records",
        (st.events >= cap.records.len() as u64 && st.delivered == cap.records.len() as u64)
            .then_some(())
            .ok_or_else(|| {
                format!(
                    "events {} delivered {} captured {}",
                    st.events,
                    st.delivered,
                    cap.records.len()
                )
            }),
    );
    rep.check("ring.full_ring_drops_and_counts", full_ring(&mut src));
    drop(src);
    rep.check("device.non_root_open_refused", non_root_open(device));
    Ok(())
}

/// Overfills one ring without reading it: the kernel must drop and count,
/// never block, and every record it reports written must be readable.
fn full_ring(src: &mut KmodSource) -> Result<(), String> {
    let ring_size = u64::from(src.info().ring_size);
    let before = src.stats();
    // Pin to CPU 0 so every record goes to one ring.
    // SAFETY: a zeroed cpu_set_t with one bit set, for this thread only.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(0, &mut set);
        if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            return Err(format!("sched_setaffinity: errno {}", errno()));
        }
    }
    src.set_filter(&Filter::default().events(["openat"]))
        .map_err(|e| e.to_string())?;
    src.start().map_err(|e| e.to_string())?;
    let path = c"/nonexistent-lanner/ring-full-probe";
    // Each failed-openat record is well over 64 bytes: this is more than
    // twice what the ring holds.
    let calls = 2 * ring_size / 64;
    let t0 = Instant::now();
    for _ in 0..calls {
        raw_openat(path, libc::O_RDONLY, 0);
    }
    let elapsed = t0.elapsed();
    src.stop().map_err(|e| e.to_string())?;
    let me = std::process::id() as i64;
    let mine = drain(src)
        .iter()
        .filter_map(|r| Event::parse(r).ok().map(|e| e.tid()))
        .filter(|&t| t == me)
        .count() as u64;
    let after = src.stats();
    let full = after.drops[abi::LANNER_DROP_RING_FULL as usize]
        - before.drops[abi::LANNER_DROP_RING_FULL as usize];
    let written = after.events - before.events;
    let read = after.delivered - before.delivered;
    if full == 0 {
        return Err(format!(
            "{calls} calls into a {ring_size}-byte ring, no RING_FULL drop"
        ));
    }
    if written != read {
        return Err(format!("kernel wrote {written} records, reader got {read}"));
    }
    if mine + full < calls {
        return Err(format!(
            "{calls} calls, {mine} records + {full} drops: some lost uncounted"
        ));
    }
    println!(
        "info ring.full_ring: {calls} calls in {:.2}s, {mine} records read, {full} counted drops",
        elapsed.as_secs_f64()
    );
    Ok(())
}

/// A child that drops to uid 65534 must not be able to open the device.
fn non_root_open(device: &Path) -> Result<(), String> {
    let cpath = CString::new(device.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: the child only makes raw syscalls and exits.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // SAFETY: async-signal-safe calls only, then _exit.
        unsafe {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                libc::_exit(2);
            }
            let fd = libc::open(cpath.as_ptr(), libc::O_RDWR);
            let e = *libc::__errno_location();
            libc::_exit(if fd >= 0 {
                1
            } else if e == libc::EACCES || e == libc::EPERM {
                0
            } else {
                3
            });
        }
    }
    match libc::WEXITSTATUS(wait_status(pid)) {
        0 => Ok(()),
        1 => Err("uid 65534 opened the device".into()),
        2 => Err("could not drop privileges".into()),
        c => Err(format!("unexpected errno class {c}")),
    }
}
