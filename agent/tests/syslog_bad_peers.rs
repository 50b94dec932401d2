//! The syslog output against misbehaving peers: a TCP server that accepts
//! and never reads, one that closes every connection at once, one that
//! answers with garbage, destinations that refuse or do not exist, TLS
//! servers with a certificate from another CA or for another name, or that
//! never answer the handshake. The caller must never block, nothing may
//! panic, every alert must end up counted (sent, failed or dropped), and
//! the last error must say why.
//!
//! Owns: the fake peers (plain std sockets on 127.0.0.1 / temp paths).
//! Must never: depend on timing more than loosely (generous bounds only).

mod common;

use common::certs::{Ca, Leaf};
use lanner::engine::priority::Priority;
use lanner::output::alert::Alert;
use lanner::output::syslog::{SyslogConfig, SyslogOutput, TransportKind};
use lanner::output::worker::OutputStats;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
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

// ---- TLS peers and peers that talk back ----

fn tls(addr: &str, ca_file: &Path) -> SyslogConfig {
    SyslogConfig {
        transport: TransportKind::Tls,
        address: Some(addr.to_string()),
        tls_ca_file: Some(ca_file.to_path_buf()),
        max_attempts: 2,
        backoff_initial_ms: 5,
        backoff_max_ms: 20,
        connect_timeout_ms: 1000,
        write_timeout_ms: 1000,
        ..SyslogConfig::default()
    }
}

/// A TLS server (rustls) presenting `leaf` that reads every connection to
/// its end; the handshake is all the client gets to judge it by.
fn tls_peer(leaf: &Leaf) -> Peer {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain = CertificateDer::pem_file_iter(&leaf.cert)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(&leaf.key).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap(),
    );
    Peer::serve(move |sock| {
        sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let conn = rustls::ServerConnection::new(config.clone()).unwrap();
        let mut tls = rustls::StreamOwned::new(conn, sock);
        let mut sink = Vec::new();
        let _ = tls.read_to_end(&mut sink);
    })
}

impl Peer {
    /// Runs `handle` on its own thread for every accepted connection.
    fn serve(handle: impl Fn(TcpStream) + Send + Sync + 'static) -> Peer {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.set_nonblocking(true).unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let accepted = Arc::new(AtomicUsize::new(0));
        let (s, a) = (stop.clone(), accepted.clone());
        let handle = Arc::new(handle);
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                match l.accept() {
                    Ok((c, _)) => {
                        a.fetch_add(1, Ordering::Relaxed);
                        c.set_nonblocking(false).unwrap();
                        let h = handle.clone();
                        std::thread::spawn(move || h(c));
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

/// Sends `n` alerts, none of which may hold the caller up, then waits
/// until all are counted failed; returns the last error.
fn all_fail(h: &lanner::output::worker::OutputHandle, n: usize) -> String {
    for i in 0..n {
        let t = Instant::now();
        h.send(alert(i, 50));
        assert!(
            t.elapsed() < Duration::from_millis(200),
            "{:?}",
            t.elapsed()
        );
    }
    let t0 = Instant::now();
    while h.stats().failed < n as u64 {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "{}: {:?}",
            h.stats(),
            h.counters().last_error()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let s = h.stats();
    assert_eq!(
        (s.sent, s.failed, s.retried),
        (0, n as u64, n as u64),
        "{s}"
    );
    h.counters().last_error().unwrap()
}

#[test]
fn tls_server_with_a_certificate_from_another_ca() {
    let dir = tempfile::tempdir().unwrap();
    let trusted = Ca::new("trusted CA");
    let ca_file = trusted.write(&dir.path().join("ca.pem"));
    let rogue = Ca::new("rogue CA").issue(dir.path(), "rogue", &["127.0.0.1"], false);
    let peer = tls_peer(&rogue);
    let h = SyslogOutput::spawn(tls(&peer.addr, &ca_file)).unwrap();
    let e = all_fail(&h, 5);
    assert!(
        e.starts_with(&format!("TLS with tls:{}: ", peer.addr)),
        "{e}"
    );
    assert!(e.contains("invalid peer certificate: UnknownIssuer"), "{e}");
    // Still running: a later alert is taken and counted the same way.
    h.send(alert(99, 10));
    let rep = h.shutdown(Duration::from_secs(5));
    assert!(rep.joined && accounted(&rep.stats), "{rep}");
    assert_eq!(rep.stats.failed, 6, "{rep}");
    assert!(peer.accepted.load(Ordering::Relaxed) >= 10);
}

#[test]
fn tls_server_whose_name_does_not_match() {
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::new("trusted CA");
    let ca_file = ca.write(&dir.path().join("ca.pem"));
    let leaf = ca.issue(dir.path(), "other", &["other.example", "10.9.9.9"], false);
    let peer = tls_peer(&leaf);
    // Name from the address (127.0.0.1), then a configured DNS name.
    for server_name in [None, Some("siem.example")] {
        let h = SyslogOutput::spawn(SyslogConfig {
            tls_server_name: server_name.map(str::to_string),
            ..tls(&peer.addr, &ca_file)
        })
        .unwrap();
        let e = all_fail(&h, 3);
        assert!(e.contains("invalid peer certificate"), "{e}");
        assert!(e.contains("not valid for name"), "{e}");
        assert!(e.contains(server_name.unwrap_or("127.0.0.1")), "{e}");
        let rep = h.shutdown(Duration::from_secs(5));
        assert!(rep.joined && accounted(&rep.stats), "{rep}");
    }
}

#[test]
fn tls_peer_that_never_answers_the_handshake() {
    let dir = tempfile::tempdir().unwrap();
    let ca_file = Ca::new("CA").write(&dir.path().join("ca.pem"));
    let peer = Peer::start(true); // accepts, never reads or writes
    let h = SyslogOutput::spawn(SyslogConfig {
        connect_timeout_ms: 300,
        ..tls(&peer.addr, &ca_file)
    })
    .unwrap();
    let t0 = Instant::now();
    let e = all_fail(&h, 2);
    assert!(e.contains("handshake timed out"), "{e}");
    // 2 alerts x 2 attempts, each bounded by the 300 ms connect timeout.
    assert!(t0.elapsed() < Duration::from_secs(10), "{:?}", t0.elapsed());
    let t0 = Instant::now();
    h.send(alert(7, 10));
    let rep = h.shutdown(Duration::from_millis(200));
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    assert!(accounted(&rep.stats) || !rep.joined, "{rep}");
}

/// A peer that answers every connection with garbage (and keeps reading
/// what it is sent, into `got`).
fn garbage_peer(got: Arc<std::sync::Mutex<Vec<u8>>>) -> Peer {
    Peer::serve(move |mut sock| {
        // Written while reading, so neither side waits on the other. (A
        // client that closes with garbage still unread sends RST, which
        // discards what this peer had not read yet: keep it small.)
        let mut w = sock.try_clone().unwrap();
        std::thread::spawn(move || {
            let junk: Vec<u8> = (0..8 * 1024u32).map(|i| (i * 7 + 13) as u8).collect();
            let _ = w.write_all(&junk);
        });
        sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 4096];
        while let Ok(n) = sock.read(&mut buf) {
            if n == 0 {
                break;
            }
            got.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    })
}

#[test]
fn tcp_peer_sending_garbage_back() {
    let got = Arc::new(std::sync::Mutex::new(Vec::new()));
    let peer = garbage_peer(got.clone());
    let h = SyslogOutput::spawn(tcp(&peer.addr)).unwrap();
    h.send(alert(0, 100));
    std::thread::sleep(Duration::from_millis(200)); // the garbage arrives
    let n = 200;
    for i in 1..n {
        let t = Instant::now();
        h.send(alert(i, 100));
        assert!(t.elapsed() < Duration::from_millis(200));
    }
    let rep = h.shutdown(Duration::from_secs(10));
    assert!(rep.joined && accounted(&rep.stats), "{rep}");
    // Stray bytes from a receiver are read and ignored: every alert went
    // out on the one connection, whole and in order.
    assert_eq!(
        (rep.stats.sent, rep.stats.reconnects),
        (n as u64, 0),
        "{rep}"
    );
    let t0 = Instant::now();
    loop {
        let text = String::from_utf8_lossy(&got.lock().unwrap()).into_owned();
        let seen = (0..n)
            .filter(|i| text.contains(&format!("alert {i} ")))
            .count();
        if seen == n {
            let first = text.find("alert 0 ").unwrap();
            let last = text.find(&format!("alert {} ", n - 1)).unwrap();
            assert!(first < last);
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "{seen} of {n} arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn tls_to_a_peer_that_answers_with_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let ca_file = Ca::new("CA").write(&dir.path().join("ca.pem"));
    let peer = garbage_peer(Arc::new(std::sync::Mutex::new(Vec::new())));
    let h = SyslogOutput::spawn(tls(&peer.addr, &ca_file)).unwrap();
    let e = all_fail(&h, 3);
    assert!(
        e.starts_with(&format!("TLS with tls:{}: ", peer.addr)),
        "{e}"
    );
    assert!(e.contains("during the handshake"), "{e}");
    let rep = h.shutdown(Duration::from_secs(5));
    assert!(rep.joined && accounted(&rep.stats), "{rep}");
}

/// A peer that reads the first bytes of a message and then closes the
/// connection (a relay crashing mid-frame): the output reconnects, never
/// blocks the caller, and every alert ends up counted.
#[test]
fn peer_closing_mid_message() {
    use std::io::Read;
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let cuts = Arc::new(AtomicUsize::new(0));
    let c = cuts.clone();
    std::thread::spawn(move || {
        for mut s in l.incoming().flatten() {
            let mut first = [0u8; 64];
            let _ = s.read_exact(&mut first);
            c.fetch_add(1, Ordering::Relaxed);
            drop(s); // closes with the rest of the frame unread
        }
    });
    let h = SyslogOutput::spawn(SyslogConfig {
        max_attempts: 3,
        backoff_initial_ms: 5,
        backoff_max_ms: 20,
        ..tcp(&addr)
    })
    .unwrap();
    for i in 0..40 {
        let t0 = Instant::now();
        h.send(alert(i, 4000));
        assert!(
            t0.elapsed() < Duration::from_millis(50),
            "send blocked the caller"
        );
        // Paced, so a cut connection is noticed (reset) before the next
        // write: TCP cannot report what a peer drops after accepting it.
        std::thread::sleep(Duration::from_millis(10));
    }
    let rep = h.shutdown(Duration::from_secs(10));
    let s = rep.stats;
    assert!(rep.joined, "{rep}");
    assert!(accounted(&s), "{rep}");
    assert_eq!(s.submitted, 40);
    assert!(cuts.load(Ordering::Relaxed) >= 2, "{rep}");
    // Connections cut mid-frame are visible as reconnects, retries or
    // failures (what the kernel had already accepted counts as sent).
    assert!(s.reconnects + s.retried + s.failed > 0, "{rep}");
}
