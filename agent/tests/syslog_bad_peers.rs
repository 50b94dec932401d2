//! The syslog output against misbehaving peers: a TCP server that accepts
//! and never reads, one that closes every connection at once, destinations
//! that refuse or do not exist. The caller must never block, nothing may
//! panic, and every alert must end up counted (sent, failed or dropped).
//!
//! Owns: the fake peers (plain std sockets on 127.0.0.1 / temp paths).
//! Must never: depend on timing more than loosely (generous bounds only).

use lanner::engine::priority::Priority;
use lanner::output::alert::Alert;
use lanner::output::syslog::{SyslogConfig, SyslogOutput, TransportKind};
use lanner::output::worker::OutputStats;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

fn alert(i: usize, size: usize) -> Alert {
    Alert {
        time_ns: 1_700_000_000_000_000_000 + i as u64,
        rule: "Bad peer test".into(),
        priority: Priority::Warning,
        output: format!("alert {i} {}", "x".repeat(size)),
        tags: vec!["test".into()],
        source: "syscall".into(),
        output_fields: vec![("proc.name".into(), "bash".into())],
    }
}

fn tcp(addr: &str) -> SyslogConfig {
    SyslogConfig {
        transport: TransportKind::Tcp,
        address: Some(addr.to_string()),
        ..SyslogConfig::default()
    }
}

fn accounted(s: &OutputStats) -> bool {
    s.submitted == s.sent + s.failed + s.dropped
}

/// A server that accepts (keeping every connection open) or closes each
/// connection at once, until dropped.
struct Peer {
    addr: String,
    stop: Arc<AtomicBool>,
    accepted: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Peer {
    fn start(keep: bool) -> Peer {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.set_nonblocking(true).unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let accepted = Arc::new(AtomicUsize::new(0));
        let (s, a) = (stop.clone(), accepted.clone());
        let thread = std::thread::spawn(move || {
            let mut held: Vec<TcpStream> = Vec::new();
            while !s.load(Ordering::Relaxed) {
                match l.accept() {
                    Ok((c, _)) => {
                        a.fetch_add(1, Ordering::Relaxed);
                        if keep {
                            held.push(c); // never read
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        Peer {
            addr,
            stop,
            accepted,
            thread: Some(thread),
        }
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[test]
fn never_reading_peer_never_blocks_the_caller() {
    let peer = Peer::start(true);
    // A long write timeout: a send that waited on the peer would show.
    let h = SyslogOutput::spawn(SyslogConfig {
        queue_capacity: 16,
        write_timeout_ms: 2000,
        max_attempts: 2,
        backoff_initial_ms: 10,
        backoff_max_ms: 50,
        ..tcp(&peer.addr)
    })
    .unwrap();

    // ~160 MB offered: far more than any socket buffers hold.
    let n = 20_000;
    let alerts: Vec<Alert> = (0..n).map(|i| alert(i, 8000)).collect();
    let mut slowest = Duration::ZERO;
    let t0 = Instant::now();
    for a in alerts {
        let t = Instant::now();
        h.send(a);
        slowest = slowest.max(t.elapsed());
    }
    let total = t0.elapsed();
    assert!(
        // Far below the 2 s write timeout a blocking send would show.
        slowest < Duration::from_millis(500),
        "one send took {slowest:?}"
    );
    assert!(total < Duration::from_secs(5), "{n} sends took {total:?}");

    let s = h.stats();
    assert_eq!(s.submitted, n as u64);
    // Nothing beyond the queue (16) and the alert in hand is outstanding.
    assert!(s.in_flight() <= 17, "{s}");
    assert!(s.dropped > 0, "queue never filled: {s}");

    // Keep feeding until the socket buffers are full and the writer hits
    // its write timeout at least once.
    let t0 = Instant::now();
    let mut i = n;
    while h.stats().failed + h.stats().retried == 0 && t0.elapsed() < Duration::from_secs(20) {
        h.send(alert(i, 8000));
        i += 1;
        std::thread::sleep(Duration::from_millis(1));
    }
    let s = h.stats();
    assert!(s.retried + s.failed > 0, "write timeout never hit: {s}");
    assert!(
        h.counters()
            .last_error()
            .is_none_or(|e| e.contains("timed out")),
        "{:?}",
        h.counters().last_error()
    );

    // Shutdown is bounded even though the peer still does not read (the
    // thread may be inside a 2 s write: it is then left to finish).
    let t0 = Instant::now();
    let rep = h.shutdown(Duration::from_millis(300));
    eprintln!("never-reading peer: {rep}");
    assert!(
        t0.elapsed() < Duration::from_secs(2),
        "shutdown took {:?}",
        t0.elapsed()
    );
    let s = rep.stats;
    if rep.joined {
        assert!(accounted(&s), "{rep}");
    } else {
        assert_eq!(s.in_flight(), 1, "{rep}");
    }
    assert!(peer.accepted.load(Ordering::Relaxed) >= 1);
}

#[test]
fn peer_closing_every_connection() {
    let peer = Peer::start(false);
    let h = SyslogOutput::spawn(SyslogConfig {
        max_attempts: 3,
        backoff_initial_ms: 5,
        backoff_max_ms: 20,
        ..tcp(&peer.addr)
    })
    .unwrap();
    let t0 = Instant::now();
    for i in 0..50 {
        h.send(alert(i, 100));
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(t0.elapsed() < Duration::from_secs(5));
    let rep = h.shutdown(Duration::from_secs(5));
    eprintln!(
        "closing peer: {rep}, accepted {}",
        peer.accepted.load(Ordering::Relaxed)
    );
    let s = rep.stats;
    assert!(rep.joined, "{rep}");
    assert!(accounted(&s), "{rep}");
    assert_eq!(s.submitted, 50);
    // Every lost connection is visible. (What a peer discards after a
    // successful write is invisible to TCP syslog: see the module docs.)
    assert!(s.reconnects + s.retried + s.failed > 0, "{rep}");
    assert!(peer.accepted.load(Ordering::Relaxed) >= 2, "{rep}");
}

#[test]
fn refused_and_missing_destinations_fail_counted() {
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = free.local_addr().unwrap().to_string();
    drop(free); // nothing listens there now
    let dir = tempfile::tempdir().unwrap();
    let quick = |c: SyslogConfig| SyslogConfig {
        max_attempts: 2,
        backoff_initial_ms: 5,
        backoff_max_ms: 5,
        ..c
    };
    let outs = [
        SyslogOutput::spawn(quick(tcp(&addr))).unwrap(),
        SyslogOutput::spawn(quick(SyslogConfig {
            path: dir.path().join("no-such-socket"),
            ..SyslogConfig::default()
        }))
        .unwrap(),
    ];
    for h in &outs {
        for i in 0..3 {
            h.send(alert(i, 10));
        }
    }
    for h in outs {
        let counters = h.counters();
        let rep = h.shutdown(Duration::from_secs(5));
        let s = rep.stats;
        assert!(rep.joined);
        assert_eq!(
            (s.sent, s.failed, s.retried, s.dropped),
            (0, 3, 3, 0),
            "{rep}"
        );
        let e = counters.last_error().unwrap();
        assert!(e.contains("connect to"), "{e}");
    }
}

#[test]
fn shutdown_cuts_a_long_backoff_short() {
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = free.local_addr().unwrap().to_string();
    drop(free);
    let h = SyslogOutput::spawn(SyslogConfig {
        max_attempts: 10,
        backoff_initial_ms: 30_000,
        backoff_max_ms: 60_000,
        ..tcp(&addr)
    })
    .unwrap();
    for i in 0..5 {
        h.send(alert(i, 10));
    }
    std::thread::sleep(Duration::from_millis(100));
    let t0 = Instant::now();
    let rep = h.shutdown(Duration::from_millis(200));
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    assert!(rep.joined, "{rep}");
    // The alert in backoff failed, the four behind it were dropped.
    assert_eq!((rep.stats.failed, rep.stats.dropped), (1, 4), "{rep}");
}

#[test]
fn dropping_the_handle_flushes_and_counts() {
    let peer = Peer::start(true);
    let h = SyslogOutput::spawn(SyslogConfig {
        shutdown_timeout_ms: 1000,
        ..tcp(&peer.addr)
    })
    .unwrap();
    let counters = h.counters();
    for i in 0..10 {
        h.send(alert(i, 10));
    }
    drop(h);
    let s = counters.snapshot();
    assert!(accounted(&s), "{s}");
    assert_eq!(s.sent, 10, "{s}");
}
