//! Alerts per second through each output on loopback: the text line output
//! into a sink, syslog (RFC 5424) over a unix datagram socket, UDP and TCP
//! (each to a reader thread in this process that drains its socket), the
//! file output (JSON lines), the HTTP output (a POST per alert to a
//! loopback server answering 200), a
//! spooled backlog drained over TCP at start, and the spool's write + read
//! path alone. Results are recorded in BENCHMARKS.md.
//!
//! One iteration = a batch of 1000 alerts handed to the output (never
//! overflowing its queue) and waited for until the output counted them all
//! as sent: the time covers formatting, the output thread and the socket
//! write, not the receiver's parsing. UDP counts what was written; the
//! kernel may drop datagrams the reader could not keep up with.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lanner::engine::priority::Priority;
use lanner::output::alert::Alert;
use lanner::output::file::{FileConfig, FileOutput, Reopen};
use lanner::output::http::{HttpConfig, HttpOutput};
use lanner::output::json::JsonOptions;
use lanner::output::spool::{Spool, SpoolConfig};
use lanner::output::stdout::{LineFormat, LineOutput};
use lanner::output::syslog::{SyslogConfig, SyslogOutput, TransportKind};
use lanner::output::worker::OutputHandle;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::os::unix::net::UnixDatagram;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const BATCH: u64 = 1000;
const QUEUE: usize = 4096;

/// A typical alert: Falco's "Terminal shell in container" with its fields.
fn alert() -> Alert {
    Alert {
        time_ns: 1_700_000_000_123_456_789,
        rule: "Terminal shell in container".into(),
        priority: Priority::Notice,
        output: "A shell was spawned in a container with an attached terminal \
                 (evt_type=execve user=root user_uid=0 process=bash \
                 proc_exepath=/usr/bin/bash parent=runc command=bash -i \
                 terminal=34816 container_id=3ad7b26ded6d container_name=web)"
            .into(),
        tags: vec![
            "maturity_stable".into(),
            "container".into(),
            "shell".into(),
            "mitre_execution".into(),
            "T1059".into(),
        ],
        source: "syscall".into(),
        output_fields: vec![
            ("evt.type".into(), "execve".into()),
            ("user.name".into(), "root".into()),
            ("proc.name".into(), "bash".into()),
            ("proc.cmdline".into(), "bash -i".into()),
            ("proc.pname".into(), "runc".into()),
            ("container.id".into(), "3ad7b26ded6d".into()),
        ],
    }
}

/// Sends `iters` batches through `h` and waits until all were delivered.
fn run(h: &OutputHandle, a: &Arc<Alert>, iters: u64) -> Duration {
    let done = |h: &OutputHandle| {
        let s = h.stats();
        s.sent + s.failed + s.dropped
    };
    let target = done(h) + iters * BATCH;
    let t0 = Instant::now();
    for _ in 0..iters {
        for _ in 0..BATCH {
            while h.queued() >= QUEUE - 1 {
                std::thread::yield_now();
            }
            h.send_shared(a.clone());
        }
    }
    while done(h) < target {
        std::thread::yield_now();
    }
    let took = t0.elapsed();
    let s = h.stats();
    assert_eq!(
        s.failed + s.dropped,
        0,
        "{s} {:?}",
        h.counters().last_error()
    );
    took
}

/// A thread draining a socket until `stop`.
struct Drain {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drain {
    fn start(mut read: impl FnMut(&mut [u8]) -> bool + Send + 'static) -> Drain {
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = vec![0u8; 256 << 10];
            while !s.load(Ordering::Relaxed) && read(&mut buf) {}
        });
        Drain {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Drain {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers every HTTP/1.1 request on `s` with an empty 200 until EOF.
fn answer_posts(s: TcpStream) {
    let mut r = BufReader::new(s);
    loop {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let ok = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        if r.get_mut().write_all(ok).is_err() {
            return;
        }
    }
}

fn syslog(cfg: SyslogConfig) -> OutputHandle {
    SyslogOutput::spawn(SyslogConfig {
        queue_capacity: QUEUE,
        hostname: Some("bench-host".into()),
        ..cfg
    })
    .expect("syslog output")
}

fn outputs(c: &mut Criterion) {
    let a = Arc::new(alert());
    let mut g = c.benchmark_group("outputs");
    g.throughput(Throughput::Elements(BATCH));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));

    let h = LineOutput::spawn("sink", std::io::sink(), QUEUE).expect("line output");
    g.bench_function("line_to_sink", |b| b.iter_custom(|n| run(&h, &a, n)));
    drop(h);

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log");
    let rx = UnixDatagram::bind(&path).expect("bind unix");
    rx.set_read_timeout(Some(Duration::from_millis(100))).ok();
    let drain = Drain::start(move |buf| {
        let _ = rx.recv(buf);
        true
    });
    let h = syslog(SyslogConfig {
        transport: TransportKind::Unix,
        path,
        ..SyslogConfig::default()
    });
    g.bench_function("syslog_unix_datagram", |b| {
        b.iter_custom(|n| run(&h, &a, n))
    });
    drop(h);
    drop(drain);

    let rx = UdpSocket::bind("127.0.0.1:0").expect("bind udp");
    let addr = rx.local_addr().expect("udp addr").to_string();
    rx.set_read_timeout(Some(Duration::from_millis(100))).ok();
    let drain = Drain::start(move |buf| {
        let _ = rx.recv(buf);
        true
    });
    let h = syslog(SyslogConfig {
        transport: TransportKind::Udp,
        address: Some(addr),
        ..SyslogConfig::default()
    });
    g.bench_function("syslog_udp", |b| b.iter_custom(|n| run(&h, &a, n)));
    drop(h);
    drop(drain);

    let l = TcpListener::bind("127.0.0.1:0").expect("bind tcp");
    let addr = l.local_addr().expect("tcp addr").to_string();
    let reader = std::thread::spawn(move || {
        let (mut s, _) = l.accept().expect("accept");
        let mut buf = vec![0u8; 256 << 10];
        while s.read(&mut buf).is_ok_and(|n| n > 0) {}
    });
    let h = syslog(SyslogConfig {
        transport: TransportKind::Tcp,
        address: Some(addr),
        ..SyslogConfig::default()
    });
    g.bench_function("syslog_tcp", |b| b.iter_custom(|n| run(&h, &a, n)));
    drop(h); // closes the connection: the reader sees EOF
    let _ = reader.join();

    // File output: Falco JSON lines appended to a file kept open.
    let dir = tempfile::tempdir().expect("tempdir");
    let h = FileOutput::spawn(
        &FileConfig {
            filename: dir.path().join("alerts.json"),
            keep_alive: true,
            queue_capacity: QUEUE,
            ..FileConfig::default()
        },
        LineFormat::new(true, &JsonOptions::default()),
        Reopen::default(),
    )
    .expect("file output");
    g.bench_function("file_json", |b| b.iter_custom(|n| run(&h, &a, n)));
    drop(h);

    // HTTP output: one POST of Falco JSON per alert, kept-alive
    // connection, to a loopback server answering 200.
    let l = TcpListener::bind("127.0.0.1:0").expect("bind http");
    let url = format!("http://{}/", l.local_addr().expect("http addr"));
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            std::thread::spawn(move || answer_posts(s));
        }
    });
    let h = HttpOutput::spawn(
        &HttpConfig {
            url,
            keep_alive: true,
            queue_capacity: QUEUE,
            ..HttpConfig::default()
        },
        &JsonOptions::default(),
        "bench-host".into(),
    )
    .expect("http output");
    g.bench_function("http_post", |b| b.iter_custom(|n| run(&h, &a, n)));
    drop(h);

    // Backlog after an outage: a spool holding one batch is read back at
    // start and drained over TCP (the time includes opening the spool and
    // connecting).
    let l = TcpListener::bind("127.0.0.1:0").expect("bind tcp");
    let addr = l.local_addr().expect("tcp addr").to_string();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 256 << 10];
        while let Ok((mut s, _)) = l.accept() {
            let mut got = 0;
            while let Ok(n) = s.read(&mut buf) {
                if n == 0 {
                    break;
                }
                got += n;
            }
            if got == 0 {
                return; // the closing probe below
            }
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let spool_cfg = SpoolConfig {
        max_bytes: 64 << 20,
        ..SpoolConfig::new(dir.path().join("spool"))
    };
    g.bench_function("syslog_tcp_spool_backlog_drain", |b| {
        b.iter_custom(|n| {
            let mut total = Duration::ZERO;
            for _ in 0..n {
                {
                    let (mut sp, _) = Spool::open(&spool_cfg).expect("spool");
                    for _ in 0..BATCH {
                        sp.push(&a, false).expect("push");
                    }
                }
                let t0 = Instant::now();
                let h = syslog(SyslogConfig {
                    transport: TransportKind::Tcp,
                    address: Some(addr.clone()),
                    spool: Some(spool_cfg.clone()),
                    ..SyslogConfig::default()
                });
                while h.stats().sent < BATCH {
                    std::thread::yield_now();
                }
                total += t0.elapsed();
                let rep = h.shutdown(Duration::from_secs(5));
                assert_eq!(rep.stats.in_flight(), 0, "{rep}");
            }
            total
        })
    });
    drop(std::net::TcpStream::connect(&addr)); // ends the reader
    let _ = reader.join();

    let dir = tempfile::tempdir().expect("tempdir");
    let (mut spool, _) = Spool::open(&SpoolConfig {
        max_bytes: 256 << 20,
        ..SpoolConfig::new(dir.path())
    })
    .expect("spool");
    g.bench_function("spool_write_then_read", |b| {
        b.iter_custom(|n| {
            let t0 = Instant::now();
            for _ in 0..n {
                for _ in 0..BATCH {
                    spool.push(&a, false).expect("push");
                }
                for _ in 0..BATCH {
                    let got = spool.peek().expect("peek");
                    assert!(got.is_some());
                    spool.commit().expect("commit");
                }
            }
            t0.elapsed()
        })
    });
    g.finish();
}

criterion_group!(benches, outputs);
criterion_main!(benches);
