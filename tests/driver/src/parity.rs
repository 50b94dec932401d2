//! `lanner-drivertest parity`: one scripted scenario under the kernel
//! module and under the eBPF fallback, in the same guest, compared field
//! by field, and the alerts the default rules raise on each compared.
//!
//! Owns: the scenario (file, directory, socket, identity, signal and
//! process syscalls whose results are the same on every run), the
//! normalization that sets aside what differs between two runs by nature
//! (timestamps, thread and process ids, file descriptors, inode numbers of
//! files the scenario creates, kernel socket addresses in unix tuples,
//! page-fault and memory counters), and the comparison.
//! Must never: compare anything that the scenario does not produce
//! identically twice, or hide a record one driver has and the other lacks.

use crate::harness::{drain, open_driver, Driver, Report};
use crate::sys::{self, cstr, path, scratch};
use lanner::detect::RulesDetector;
use lanner::engine::Ruleset;
use lanner::event::decode::Event;
use lanner::source::kmod::Filter;
use lanner::state::proc::ProcTable;
use lanner_abi as abi;
use std::path::Path;

const EVENTS: [&str; 24] = [
    "open", "openat", "close", "fcntl", "dup", "dup3", "creat", "chmod", "rename", "link",
    "unlink", "mkdir", "chdir", "rmdir", "socket", "bind", "sendto", "recvfrom", "getpid",
    "setuid", "kill", "prctl", "clone", "execve",
];

/// The scripted syscalls; returns the child's pid.
fn scenario() -> i32 {
    let f = path("parity-f");
    let (f2, f3, d) = (path("parity-g"), path("parity-h"), path("parity-d"));
    let (cf, cf2, cf3, cd) = (cstr(&f), cstr(&f2), cstr(&f3), cstr(&d));
    let sock = path("parity-sock");
    let csock = cstr(&sock);
    let (shadow, host) = (cstr("/etc/shadow"), cstr("/etc/hostname"));
    // SAFETY: plain syscalls on valid C strings and fds this function
    // owns; buffers outlive the calls.
    unsafe {
        let fd = libc::open(shadow.as_ptr(), libc::O_RDONLY);
        libc::close(fd);
        let fd = libc::openat(
            libc::AT_FDCWD,
            host.as_ptr(),
            libc::O_RDONLY | libc::O_CLOEXEC,
        );
        libc::fcntl(fd, libc::F_GETFD);
        let d1 = libc::dup(fd);
        let d3 = libc::dup3(fd, 100, libc::O_CLOEXEC);
        libc::close(d1);
        libc::close(d3);
        libc::close(fd);
        let fd = libc::creat(cf.as_ptr(), 0o640);
        libc::close(fd);
        libc::chmod(cf.as_ptr(), 0o600);
        libc::rename(cf.as_ptr(), cf2.as_ptr());
        libc::link(cf2.as_ptr(), cf3.as_ptr());
        libc::unlink(cf3.as_ptr());
        libc::unlink(cf2.as_ptr());
        libc::mkdir(cd.as_ptr(), 0o755);
        libc::chdir(cd.as_ptr());
        let sc = cstr(&scratch());
        libc::chdir(sc.as_ptr());
        libc::rmdir(cd.as_ptr());
        libc::unlink(csock.as_ptr());
        let mut sa: libc::sockaddr_un = std::mem::zeroed();
        sa.sun_family = libc::AF_UNIX as libc::sa_family_t;
        for (i, b) in sock.bytes().enumerate().take(sa.sun_path.len() - 1) {
            sa.sun_path[i] = b as libc::c_char;
        }
        let salen = std::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t;
        let rx = libc::socket(libc::AF_UNIX, libc::SOCK_DGRAM, 0);
        libc::bind(rx, (&sa as *const libc::sockaddr_un).cast(), salen);
        let tx = libc::socket(libc::AF_UNIX, libc::SOCK_DGRAM, 0);
        let msg = b"lanner parity";
        libc::sendto(
            tx,
            msg.as_ptr().cast(),
            msg.len(),
            0,
            (&sa as *const libc::sockaddr_un).cast(),
            salen,
        );
        let mut buf = [0u8; 64];
        libc::recvfrom(
            rx,
            buf.as_mut_ptr().cast(),
            buf.len(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        libc::close(tx);
        libc::close(rx);
        libc::unlink(csock.as_ptr());
        libc::getpid();
        libc::setuid(0);
        libc::kill(libc::getpid(), 0);
        let mut name = [0u8; 16];
        libc::prctl(libc::PR_GET_NAME, name.as_mut_ptr());
    }
    sys::fork_child(|| {
        let t = cstr("/bin/true");
        let argv = [
            t.as_ptr(),
            cstr("parity").into_raw().cast_const(),
            std::ptr::null(),
        ];
        let envp = [
            cstr("LANNER=parity").into_raw().cast_const(),
            std::ptr::null(),
        ];
        // SAFETY: execve with NULL-terminated argv/envp of valid C strings.
        unsafe { libc::execve(t.as_ptr(), argv.as_ptr(), envp.as_ptr()) };
        127
    })
}

/// One record with what differs by nature between runs set aside.
#[derive(Debug, PartialEq, Eq)]
struct Norm {
    event: &'static str,
    /// (parameter, bytes), None where the value is an id.
    params: Vec<(&'static str, Option<Vec<u8>>)>,
}

const ID_NAMES: [&str; 6] = [
    "ino", "pgft_maj", "pgft_min", "vm_size", "vm_rss", "vm_swap",
];

fn normalize(ev: &Event<'_>) -> Norm {
    let info = abi::event_info(ev.code());
    let params = info
        .map(|i| i.params)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let raw = ev.param(k).map(<[u8]>::to_vec);
            let id = matches!(p.ptype, abi::PT_FD | abi::PT_PID) || ID_NAMES.contains(&p.name);
            let v = match raw {
                _ if id => None,
                // unix tuples: family, two kernel socket addresses, path
                Some(t)
                    if p.ptype == abi::PT_SOCKTUPLE
                        && t.first() == Some(&(abi::PPM_AF_UNIX as u8)) =>
                {
                    Some([&t[..1], t.get(17..).unwrap_or(&[])].concat())
                }
                r => r,
            };
            (p.name, v)
        })
        .collect();
    Norm {
        event: ev.name(),
        params,
    }
}

/// (rule, output with digits masked) of one alert.
type AlertKey = (String, String);

/// The scenario's records under one driver: main thread's, child's, and
/// the alerts the embedded rules raise on them.
struct RunResult {
    main: Vec<Norm>,
    child: Vec<Norm>,
    alerts: Vec<AlertKey>,
}

/// The scenario's records under one driver (main thread, then child)
/// and the alerts the embedded rules raise on them.
fn run_one(d: &mut dyn Driver) -> Result<RunResult, String> {
    let me = i64::from(std::process::id());
    d.set_filter(&Filter::default().events(EVENTS).procexit())?;
    d.start()?;
    let child = scenario();
    sys::wait_status(child);
    d.stop()?;
    let recs = drain(d);
    let child = i64::from(child);
    let evs: Vec<Event<'_>> = recs.iter().filter_map(|r| Event::parse(r).ok()).collect();
    let main: Vec<Norm> = evs
        .iter()
        .filter(|e| e.tid() == me)
        .map(normalize)
        .collect();
    let kid: Vec<Norm> = evs
        .iter()
        .filter(|e| e.tid() == child)
        .map(normalize)
        .collect();
    let rules = Ruleset::load_str(
        "<embedded>/lanner_rules.yaml",
        lanner::config::EMBEDDED_RULES,
    )
    .map_err(|e| e.to_string())?;
    let det = RulesDetector::new(rules);
    let procfs = lanner::state::procfs::Procfs::new("/proc");
    let mut procs = ProcTable::new(4096);
    procs.seed(procfs.scan());
    let digits = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
    };
    let mut alerts = Vec::new();
    for r in recs
        .iter()
        .filter(|r| Event::parse(r).is_ok_and(|e| e.tid() == me || e.tid() == child))
    {
        if let Ok(Some(a)) = lanner::pipeline::process_record(r, &det, &mut procs) {
            alerts.push((a.rule, digits(&a.output)));
        }
    }
    alerts.sort();
    Ok(RunResult {
        main,
        child: kid,
        alerts,
    })
}

fn compare(what: &str, a: &[Norm], b: &[Norm]) -> Result<(), String> {
    if a.is_empty() {
        return Err(format!("{what}: no records under kmod"));
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        if x.event != y.event {
            return Err(format!(
                "{what} record {i}: kmod {} vs bpf {}",
                x.event, y.event
            ));
        }
        for ((n, va), (_, vb)) in x.params.iter().zip(&y.params) {
            if va != vb {
                return Err(format!(
                    "{what} record {i} ({}) {n}: kmod {va:?} vs bpf {vb:?}",
                    x.event
                ));
            }
        }
    }
    if a.len() != b.len() {
        let names = |v: &[Norm]| v.iter().map(|n| n.event).collect::<Vec<_>>().join(",");
        return Err(format!(
            "{what}: kmod {} records [{}], bpf {} [{}]",
            a.len(),
            names(a),
            b.len(),
            names(b)
        ));
    }
    println!(
        "info parity {what}: {} records equal field by field",
        a.len()
    );
    Ok(())
}

/// Runs the scenario under kmod (device `dev`) and bpf, one check each
/// for the main thread's records, the child's, and the alert sets.
pub fn run(dev: &Path, rep: &mut Report) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(scratch());
    std::fs::create_dir_all(scratch()).map_err(|e| format!("{}: {e}", scratch()))?;
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    std::env::set_current_dir(scratch()).map_err(|e| e.to_string())?;
    let k = {
        let mut d = open_driver("kmod", dev, 0)?;
        run_one(d.as_mut())?
    };
    let b = {
        let mut d = open_driver("bpf", dev, 0)?;
        run_one(d.as_mut())?
    };
    let _ = std::env::set_current_dir(cwd);
    let _ = std::fs::remove_dir_all(scratch());
    rep.check(
        "parity.main_thread_records",
        compare("main thread", &k.main, &b.main),
    );
    rep.check("parity.child_records", compare("child", &k.child, &b.child));
    let alerts = if k.alerts.is_empty() {
        Err("the scenario raised no alert under kmod".to_string())
    } else if k.alerts != b.alerts {
        Err(format!("kmod alerts {:?} vs bpf {:?}", k.alerts, b.alerts))
    } else {
        println!(
            "info parity alerts: {} equal: {:?}",
            k.alerts.len(),
            k.alerts
        );
        Ok(())
    };
    rep.check("parity.alerts", alerts);
    Ok(())
}
