//! Delivery guarantees against a real rsyslogd (TCP, octet counting):
//! rsyslogd killed while 10,000 alerts are produced and restarted on the
//! same port: with a spool all 10,000 arrive, in order; with a spool too
//! small, exactly the alerts counted as dropped are missing and the
//! "alerts dropped" alert arrives; and an output whose peer never reads
//! does not slow another output.
//!
//! Duplicates: plain TCP syslog has no acknowledgements. A spooled alert
//! is only taken off the spool once its whole frame was written; if a
//! connection dies after part of a frame, the alert is written again on
//! the next connection. So at most one duplicate per reconnect (the tests
//! count and bound them); octet counting keeps a partial frame from being
//! glued to the next message. Alerts written into a socket whose receiver
//! is killed before reading them are lost without anyone knowing (that
//! needs RELP); these tests kill rsyslogd only while nothing is in flight.
//!
//! The rsyslogd harness lives in `common/rsyslog.rs`.

mod common;

use common::rsyslog::{Line, Rsyslog};
use lanner::engine::priority::Priority;
use lanner::output::alert::Alert;
use lanner::output::dropwatch::{DropAlertConfig, DROP_RULE};
use lanner::output::spool::{record, SpoolConfig};
use lanner::output::stdout::StdoutConfig;
use lanner::output::syslog::{SyslogConfig, SyslogOutput, TransportKind};
use lanner::output::worker::{DropReason, OutputStats};
use lanner::output::{Outputs, OutputsConfig};
use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

const N: u64 = 10_000;
/// Generous: 10,000 alerts through rsyslogd on a loaded 2-core machine.
const LONG: Duration = Duration::from_secs(120);

fn alert(tag: &str, i: u64) -> Alert {
    Alert {
        time_ns: 1_700_000_000_000_000_000 + i,
        rule: "Outage test".into(),
        priority: Priority::Warning,
        output: format!("outage-{tag} #{i}"),
        tags: vec!["test".into()],
        source: "syscall".into(),
        output_fields: vec![("proc.name".into(), "bash".into())],
    }
}

fn tcp_cfg(port: u16, spool: Option<SpoolConfig>) -> SyslogConfig {
    SyslogConfig {
        transport: TransportKind::Tcp,
        address: Some(format!("127.0.0.1:{port}")),
        max_attempts: 2,
        backoff_initial_ms: 20,
        backoff_max_ms: 200,
        connect_timeout_ms: 500,
        write_timeout_ms: 5000,
        // Room for the whole burst: these tests are about the spool, not
        // about the queue.
        queue_capacity: 2 * N as usize,
        spool,
        ..SyslogConfig::default()
    }
}

/// The alert numbers of `tag` in rsyslog's file, in arrival order.
fn numbers(r: &Rsyslog, tag: &str) -> Vec<u64> {
    let marker = format!("outage-{tag} #");
    r.lines(&marker)
        .iter()
        .map(|l| {
            let n = l.msg.rsplit('#').next().unwrap_or_default();
            n.parse()
                .unwrap_or_else(|_| panic!("mangled line {:?}", l.msg))
        })
        .collect()
}

fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>, diag: impl Fn() -> String) -> T {
    let t0 = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(t0.elapsed() < LONG, "{what}: {}", diag());
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Kills rsyslogd and restarts it on the same port, leaving it down while
/// `while_down` runs.
fn outage(r: &mut Rsyslog, dir: &Path, while_down: impl FnOnce()) {
    let port = r.port;
    r.kill();
    while_down();
    *r = Rsyslog::start(dir, port);
    assert_eq!(r.port, port);
}

#[test]
fn all_10000_arrive_in_order_after_rsyslog_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let rdir = tmp.path().join("rsyslog");
    let mut r = Rsyslog::start(&rdir, 0);
    let spool = SpoolConfig::new(tmp.path().join("spool"));
    let h = SyslogOutput::spawn(tcp_cfg(r.port, Some(spool))).unwrap();
    // Connected and delivering before the outage.
    h.send(alert("warmup", 0));
    r.wait_lines("outage-warmup #0", 1);

    outage(&mut r, &rdir, || {
        for i in 0..N {
            h.send(alert("all", i));
        }
        // Every alert went to the spool (none sent into a dead socket).
        let s = wait_for(
            "all spooled while rsyslogd is down",
            || Some(h.stats()).filter(|s| s.spooled == N),
            || format!("{} ({:?})", h.stats(), h.counters().last_error()),
        );
        assert_eq!((s.sent, s.dropped, s.failed), (1, 0, 0), "{s}");
    });

    let got = wait_for(
        "all 10,000 at rsyslogd",
        || {
            let got = numbers(&r, "all");
            (got.iter().collect::<BTreeSet<_>>().len() as u64 == N).then_some(got)
        },
        || format!("{} ({:?})", h.stats(), h.counters().last_error()),
    );
    let s = wait_for(
        "output idle",
        || Some(h.stats()).filter(|s| s.in_flight() == 0),
        || h.stats().to_string(),
    );
    let distinct: BTreeSet<u64> = got.iter().copied().collect();
    assert_eq!(distinct, (0..N).collect::<BTreeSet<_>>());
    assert!(
        got.windows(2).all(|w| w[0] <= w[1]),
        "out of order at rsyslogd"
    );
    let dups = got.len() as u64 - N;
    assert!(dups <= s.reconnects, "{dups} duplicates, {s}");
    assert_eq!((s.sent, s.dropped, s.failed), (N + 1, 0, 0), "{s}");
    assert!(s.reconnects >= 1, "{s}");
    let rep = h.shutdown(Duration::from_secs(5));
    assert!(rep.joined && rep.stats.in_flight() == 0, "{rep}");
}

/// The SD-PARAM `name` of an "alerts dropped" line.
fn sd_param(l: &Line, name: &str) -> Option<u64> {
    let start = l.sd.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + l.sd[start..].find('"')?;
    l.sd[start..end].parse().ok()
}

#[test]
fn too_small_spool_loses_an_exact_count_and_raises_the_drop_alert() {
    let tmp = tempfile::tempdir().unwrap();
    let rdir = tmp.path().join("rsyslog");
    let mut r = Rsyslog::start(&rdir, 0);
    // Room for about 1,000 of the numbered alerts (15/16 of max_bytes;
    // the last 1/16 only takes lanner's own alerts).
    let mut rec = Vec::new();
    record::encode_record(&alert("small", N - 1), &mut rec);
    let max_bytes = (rec.len() as u64 * 1000 * 16 / 15).max(64 << 10);
    let spool = SpoolConfig {
        max_bytes,
        ..SpoolConfig::new(tmp.path().join("spool"))
    };
    let cfg = OutputsConfig {
        stdout: StdoutConfig {
            enabled: false,
            ..Default::default()
        },
        syslog: vec![tcp_cfg(r.port, Some(spool))],
        drop_alert: DropAlertConfig {
            enabled: true,
            interval_ms: 1000,
        },
        ..Default::default()
    };
    let outs = Outputs::spawn(&cfg).unwrap();
    let stats = || outs.stats()[0].1;

    outage(&mut r, &rdir, || {
        for i in 0..N {
            outs.send(alert("small", i));
        }
        let s = wait_for(
            "every alert spooled or dropped",
            || Some(stats()).filter(|s| s.submitted >= N && s.spooled + s.dropped == s.submitted),
            || stats().to_string(),
        );
        assert!(s.dropped_for(DropReason::SpoolFull) > N / 2, "{s}");
        assert_eq!(s.sent, 0, "{s}");
    });

    // Idle, and the last "alerts dropped" alert that arrived reports the
    // final total.
    let (s, drop_lines) = wait_for(
        "drop alert with the final count at rsyslogd",
        || {
            let s: OutputStats = stats();
            let lines = r.lines(DROP_RULE.split(':').next().unwrap_or_default());
            let last = lines
                .last()
                .and_then(|l| sd_param(l, "lanner.dropped.total"));
            (s.in_flight() == 0 && last == Some(s.dropped)).then_some((s, lines))
        },
        || format!("{} {}", stats(), r.diagnostics()),
    );
    let got = numbers(&r, "small");
    let distinct: BTreeSet<u64> = got.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        got.len(),
        "no duplicates without a reconnect mid-drain"
    );
    assert!(got.windows(2).all(|w| w[0] < w[1]), "in order");
    // The oldest were kept: what arrived is 0..kept.
    let kept = got.len() as u64;
    assert_eq!(got, (0..kept).collect::<Vec<_>>());
    assert!((900..=1100).contains(&kept), "spool held {kept}");
    let missing = N - kept;
    // lanner's own alerts: submitted beyond the numbered ones, and those
    // received; the reserve must have held them all.
    let internal = s.submitted - N;
    let internal_received = drop_lines.len() as u64;
    assert_eq!(internal_received, internal, "{s}");
    assert_eq!(
        missing, s.dropped,
        "exactly the dropped ones are missing: {s}"
    );
    assert_eq!(s.dropped, s.dropped_for(DropReason::SpoolFull), "{s}");
    assert_eq!(kept + s.dropped, N, "{s}");
    assert_eq!(s.sent, kept + internal_received, "{s}");
    assert_eq!(s.failed, 0, "{s}");

    let l = drop_lines.last().unwrap();
    assert_eq!(l.pri, "10", "user.crit: {l:?}"); // facility 1 * 8 + severity 2
    assert!(
        l.sd.contains(r#"rule="Lanner internal: alerts dropped""#),
        "{l:?}"
    );
    assert!(l.sd.contains(r#"priority="Critical""#), "{l:?}");
    let name = format!("syslog-tcp:127.0.0.1:{}", r.port);
    assert!(l.msg.starts_with("lanner lost "), "{l:?}");
    assert!(l.msg.contains(&format!("on output {name} ")), "{l:?}");
    assert!(l.msg.contains("spool full: "), "{l:?}");
    assert!(
        l.msg.contains(&format!("dropped={missing} failed=0")),
        "{l:?}"
    );
    let lost: u64 = drop_lines
        .iter()
        .map(|l| sd_param(l, "lanner.dropped.spool_full").unwrap())
        .sum();
    assert_eq!(lost, missing, "the reports add up to the loss");
    let rep = outs.shutdown(Duration::from_secs(5));
    assert!(rep.0[0].joined, "{rep}");
}

#[test]
fn an_output_that_never_reads_does_not_slow_another() {
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start(&tmp.path().join("rsyslog"), 0);
    // Accepts, never reads; a small receive buffer so it fills at once.
    let stall = TcpListener::bind("127.0.0.1:0").unwrap();
    nix::sys::socket::setsockopt(&stall, nix::sys::socket::sockopt::RcvBuf, &4096).unwrap();
    let stall_addr = stall.local_addr().unwrap();
    let holder = std::thread::spawn(move || {
        let (conn, _) = stall.accept().unwrap();
        conn
    });
    let stuck = SyslogConfig {
        address: Some(stall_addr.to_string()),
        queue_capacity: 64,
        max_attempts: 1,
        write_timeout_ms: 60_000,
        ..tcp_cfg(0, None)
    };
    let cfg = OutputsConfig {
        stdout: StdoutConfig {
            enabled: false,
            ..Default::default()
        },
        syslog: vec![stuck, tcp_cfg(r.port, None)],
        ..Default::default()
    };
    let outs = Outputs::spawn(&cfg).unwrap();
    // Fill the stuck peer's socket until its output's thread is blocked in
    // a write (holding an alert, `sent` no longer moving).
    let big = "y".repeat(4000);
    let t0 = Instant::now();
    let mut still = 0;
    let mut prev = outs.stats()[0].1;
    while still < 3 {
        assert!(t0.elapsed() < LONG, "never stalled: {}", outs.stats_line());
        for i in 0..50 {
            let mut a = alert("fill", i);
            a.output.push_str(&big);
            outs.send(a);
        }
        std::thread::sleep(Duration::from_millis(100));
        let s = outs.stats()[0].1;
        still = if s.sent == prev.sent && s.in_flight() > 0 {
            still + 1
        } else {
            0
        };
        prev = s;
    }
    let body = "x".repeat(500);
    let t0 = Instant::now();
    for i in 0..N {
        let mut a = alert("fast", i);
        a.output.insert_str(0, &body);
        outs.send(a);
    }
    // Sending never waits for either output (bound for a loaded machine).
    assert!(t0.elapsed() < Duration::from_secs(10), "{:?}", t0.elapsed());
    let got = wait_for(
        "every alert at rsyslogd",
        || Some(numbers(&r, "fast")).filter(|g| g.len() as u64 >= N),
        || outs.stats_line(),
    );
    assert_eq!(got, (0..N).collect::<Vec<_>>());
    // The healthy one also carries the "alerts dropped" alerts about the
    // stuck one.
    let healthy = wait_for(
        "healthy output idle",
        || Some(outs.stats()[1].1).filter(|s| s.in_flight() == 0),
        || outs.stats_line(),
    );
    let stuck = outs.stats()[0].1;
    // The stalled one really was stalled all along: still holding the
    // alert it was writing before the burst, the rest dropped from its
    // full queue.
    assert_eq!(stuck.sent, prev.sent, "{stuck}");
    assert!(stuck.in_flight() > 0, "{stuck}");
    assert!(stuck.dropped_for(DropReason::QueueFull) > N / 2, "{stuck}");
    assert_eq!(healthy.dropped + healthy.failed, 0, "{healthy}");
    assert!(healthy.sent >= N, "{healthy}");
    let _conn = holder.join().unwrap();
    let rep = outs.shutdown(Duration::from_millis(500));
    assert!(rep.0[1].joined, "{rep}");
}

#[test]
fn spooled_alerts_survive_a_restart_of_the_output() {
    const M: u64 = 2000;
    let tmp = tempfile::tempdir().unwrap();
    let rdir = tmp.path().join("rsyslog");
    let mut r = Rsyslog::start(&rdir, 0);
    let spool = SpoolConfig::new(tmp.path().join("spool"));
    let port = r.port;
    outage(&mut r, &rdir, || {
        // lanner runs, spools while rsyslogd is down, and is stopped.
        let h = SyslogOutput::spawn(tcp_cfg(port, Some(spool.clone()))).unwrap();
        for i in 0..M {
            h.send(alert("restart", i));
        }
        wait_for(
            "all spooled",
            || Some(h.stats()).filter(|s| s.spooled == M),
            || h.stats().to_string(),
        );
        let rep = h.shutdown(Duration::from_secs(1));
        assert!(rep.joined, "{rep}");
        assert_eq!(rep.stats.in_flight(), M, "kept in the spool: {rep}");
        assert!(rep.to_string().contains("(kept in the spool)"), "{rep}");
    });
    // lanner starts again with the same spool: it delivers the old alerts
    // first, then new ones.
    let h = SyslogOutput::spawn(tcp_cfg(port, Some(spool))).unwrap();
    assert_eq!(h.stats().submitted, M, "read back: {}", h.stats());
    h.send(alert("restart", M));
    let got = wait_for(
        "all at rsyslogd",
        || Some(numbers(&r, "restart")).filter(|g| g.len() as u64 > M),
        || h.stats().to_string(),
    );
    assert_eq!(got, (0..=M).collect::<Vec<_>>());
    let rep = h.shutdown(Duration::from_secs(5));
    assert_eq!((rep.stats.sent, rep.stats.in_flight()), (M + 1, 0), "{rep}");
}
