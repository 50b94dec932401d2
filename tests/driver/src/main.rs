//! lanner-drivertest: the record-level driver test suite, run inside a
//! guest as root.
//!
//!   lanner-drivertest [--driver kmod|bpf|bpf-perf] [--device PATH] [--only GLOB]... [--list]
//!   lanner-drivertest storm [--seconds N] [--reader-pause-ms MS] [--driver D] [--ring-size B]
//!   lanner-drivertest hotplug [--cpu N] [--driver D] [--device PATH]
//!   lanner-drivertest parity [--device PATH]   (module loaded; compares it with eBPF)
//!
//! `--ring-size` sizes the eBPF fallback's rings (the module's come from
//! its `ring_size` parameter).
//!
//! The suite performs real syscalls whose results it knows (one test per
//! event type, success and failure paths), reads the records back through
//! the driver's `Source` and checks every parameter. It prints one
//! `PASS <check>` / `FAIL <check>: <why>` line per check (`SKIP` when a
//! check cannot run) and a final `drivertest: N passed, M failed`; the
//! exit status is 0 iff all pass. `storm` runs the multi-CPU accounting
//! test instead and ends with `storm: N passed, M failed`; `hotplug` the
//! CPU-online test (CPU N offline beforehand), ending `hotplug: ...`.
//!
//! Must never: decide a check from anything but the records and counters
//! read back; hold driver-specific expected values.

#[macro_use]
mod sys;
mod events;
mod expect;
mod harness;
mod hotplug;
mod parity;
mod procinfo;
mod storm;
mod stream;

use harness::{open_driver, Ctx, Report};
use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    driver: String,
    device: PathBuf,
    only: Vec<String>,
    list: bool,
    storm: bool,
    hotplug: bool,
    parity: bool,
    cpu: usize,
    seconds: u64,
    pause_ms: u64,
    ring_size: u32,
}

fn usage(why: &str) -> ! {
    eprintln!(
        "lanner-drivertest: {why}\nusage: lanner-drivertest [storm|hotplug|parity] [--driver {}] \
         [--device PATH] [--only GLOB]... [--list] [--seconds N] [--reader-pause-ms MS] [--cpu N] \
         [--ring-size BYTES]",
        harness::DRIVERS
    );
    std::process::exit(2)
}

fn parse() -> Args {
    let mut a = Args {
        driver: "kmod".into(),
        device: lanner::source::kmod::default_device(),
        only: Vec::new(),
        list: false,
        storm: false,
        hotplug: false,
        parity: false,
        cpu: 1,
        seconds: 4,
        pause_ms: 500,
        ring_size: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = |what: &str| {
            it.next()
                .unwrap_or_else(|| usage(&format!("{what} needs a value")))
        };
        match arg.as_str() {
            "storm" => a.storm = true,
            "hotplug" => a.hotplug = true,
            "parity" => a.parity = true,
            "--cpu" => a.cpu = val("--cpu").parse().unwrap_or_else(|_| usage("bad --cpu")),
            "--driver" => a.driver = val("--driver"),
            "--device" => a.device = PathBuf::from(val("--device")),
            "--only" => a.only.push(val("--only")),
            "--seconds" => {
                a.seconds = val("--seconds")
                    .parse()
                    .unwrap_or_else(|_| usage("bad --seconds"))
            }
            "--reader-pause-ms" => {
                a.pause_ms = val("--reader-pause-ms")
                    .parse()
                    .unwrap_or_else(|_| usage("bad --reader-pause-ms"))
            }
            "--ring-size" => {
                a.ring_size = val("--ring-size")
                    .parse()
                    .unwrap_or_else(|_| usage("bad --ring-size"))
            }
            "--list" => a.list = true,
            other => usage(&format!("unknown argument '{other}'")),
        }
    }
    a
}

/// `*` any run, `?` any one character.
fn glob(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob(&p[1..], s) || (!s.is_empty() && glob(p, &s[1..])),
        (Some(b'?'), Some(_)) => glob(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => glob(&p[1..], &s[1..]),
        _ => false,
    }
}

/// Whether test `name` (e.g. "file.open") is selected; a pattern may also
/// match the part after the family ("open", "open*").
fn selected(only: &[String], name: &str) -> bool {
    let short = name.split_once('.').map_or(name, |(_, s)| s);
    only.is_empty()
        || only
            .iter()
            .any(|p| glob(p.as_bytes(), name.as_bytes()) || glob(p.as_bytes(), short.as_bytes()))
}

/// Driver-wide checks, in the order they run around the event tests.
const BUILTIN: [&str; 8] = [
    "driver.open_checks",
    "stream.ordering",
    "stream.counters",
    "filter.drop_failed",
    "stream.user_fault",
    "ia32.compat",
    "ring.full",
    "device.non_root",
];

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--exec-child") {
        return ExitCode::SUCCESS;
    }
    let args = parse();
    if args.list {
        for t in events::all() {
            println!("{}", t.name);
        }
        for b in BUILTIN {
            println!("{b}");
        }
        return ExitCode::SUCCESS;
    }
    let mut rep = Report::default();
    let res = if args.storm {
        storm(&args, &mut rep)
    } else if args.parity {
        parity::run(&args.device, &mut rep)
    } else if args.hotplug {
        open_driver(&args.driver, &args.device, args.ring_size)
            .and_then(|mut d| hotplug::run(d.as_mut(), args.cpu, &mut rep))
    } else {
        suite(&args, &mut rep)
    };
    if let Err(e) = &res {
        rep.check("driver.open", Err(e.clone()));
    }
    let sub = args.storm || args.hotplug || args.parity;
    if !sub && rep.failed > 0 {
        rep.summary();
    }
    let what = match (args.storm, args.hotplug, args.parity) {
        (true, _, _) => "storm",
        (_, true, _) => "hotplug",
        (_, _, true) => "parity",
        _ => "drivertest",
    };
    println!("{what}: {} passed, {} failed", rep.passed, rep.failed);
    if rep.failed > 0 || rep.passed == 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn storm(args: &Args, rep: &mut Report) -> Result<(), String> {
    let mut d = open_driver(&args.driver, &args.device, args.ring_size)?;
    storm::run(d.as_mut(), args.seconds, args.pause_ms, rep)
}

fn suite(args: &Args, rep: &mut Report) -> Result<(), String> {
    let mut drv = open_driver(&args.driver, &args.device, args.ring_size)?;
    println!("info driver: {} via {}", drv.kind(), args.device.display());
    let on = |n: &str| selected(&args.only, n);
    if on(BUILTIN[0]) {
        stream::open_checks(drv.as_ref(), rep);
    }
    let _ = std::fs::remove_dir_all(sys::scratch());
    std::fs::create_dir_all(sys::scratch()).map_err(|e| format!("{}: {e}", sys::scratch()))?;
    let before = drv.stats();
    let me = i64::from(std::process::id());
    let mut ctx = Ctx {
        drv: drv.as_mut(),
        rep,
        me,
    };
    for t in events::all().into_iter().filter(|t| on(t.name)) {
        (t.run)(&mut ctx);
    }
    if on(BUILTIN[1]) {
        stream::stream_checks(&mut ctx);
    }
    if on(BUILTIN[2]) {
        stream::counter_checks(&mut ctx, &before);
    }
    if on(BUILTIN[3]) {
        stream::drop_failed(&mut ctx);
    }
    if on(BUILTIN[4]) {
        stream::user_fault(&mut ctx);
    }
    if on(BUILTIN[5]) {
        stream::ia32(&mut ctx);
    }
    if on(BUILTIN[6]) {
        let r = stream::full_ring(ctx.drv, me);
        ctx.check("ring.full_ring_drops_and_counts", r);
    }
    let device = drv.device().map(PathBuf::from);
    drop(drv);
    let _ = std::fs::remove_dir_all(sys::scratch());
    if on(BUILTIN[7]) {
        match device {
            Some(d) => rep.check("device.non_root_open_refused", stream::non_root_open(&d)),
            None => rep.skip("device.non_root_open_refused", "driver has no device node"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_names() {
        assert!(glob(b"net.*", b"net.accept4"));
        assert!(glob(b"open*", b"openat2"));
        assert!(glob(b"?pen", b"open"));
        assert!(!glob(b"open", b"openat"));
        let only = vec!["open".to_string()];
        assert!(selected(&only, "file.open"));
        assert!(!selected(&only, "file.openat"));
        assert!(selected(&[], "anything"));
    }

    #[test]
    fn scap_address_layouts() {
        let t = expect::tuple_in([127, 0, 0, 1], 0x1234, [10, 0, 0, 2], 80);
        assert_eq!(t.len(), 1 + 4 + 2 + 4 + 2);
        assert_eq!(t[0], lanner_abi::PPM_AF_INET as u8);
        assert_eq!(&t[1..5], &[127, 0, 0, 1]);
        assert_eq!(u16::from_ne_bytes([t[5], t[6]]), 0x1234);
        assert_eq!(expect::sockaddr_in([1, 2, 3, 4], 5).len(), 7);
        let d = expect::ptrace_dyn(lanner_abi::PPM_PTRACE_IDX_SIGTYPE, 9);
        assert_eq!(d, vec![lanner_abi::PPM_PTRACE_IDX_SIGTYPE as u8, 9]);
        assert_eq!(
            expect::ptrace_dyn(lanner_abi::PPM_PTRACE_IDX_UINT64, 1).len(),
            9
        );
    }
}
