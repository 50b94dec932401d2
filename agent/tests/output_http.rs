//! The HTTP(S) output against test servers on loopback: what a
//! Falcosidekick-style receiver gets (method, headers, Falco's JSON alert
//! with priority, rule, non-zero time and output fields), HTTPS with a
//! test CA (rcgen) and mutual TLS, and bad peers (5xx, 4xx, garbage, a
//! server that never answers, one that never accepts, a wrong or
//! misnamed certificate): each failure is counted with its reason, the
//! caller never waits, and the output keeps delivering afterwards.

use lanner::config::Config;
use lanner::engine::priority::Priority;
use lanner::output::alert::{Alert, FieldValue};
use lanner::output::http::{HttpConfig, HttpOutput};
use lanner::output::json::JsonOptions;
use lanner::output::worker::OutputHandle;
use lanner::output::Outputs;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, ServerConnection, StreamOwned};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

fn alert(n: u64) -> Alert {
    Alert {
        time_ns: 1_700_000_000_123_456_789 + n,
        rule: "Read sensitive file untrusted".into(),
        priority: Priority::Warning,
        output: format!("Sensitive file opened (file=/etc/shadow n={n})"),
        tags: vec!["mitre_credential_access".into(), "filesystem".into()],
        source: "syscall".into(),
        output_fields: vec![
            ("fd.name".into(), "/etc/shadow".into()),
            ("proc.pid".into(), FieldValue::Int(4242)),
            ("proc.tty".into(), FieldValue::Null),
        ],
    }
}

// ---- a minimal HTTP/1.1 server --------------------------------------------

#[derive(Debug)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("body is JSON")
    }
}

#[derive(Debug, Clone, Copy)]
enum Reply {
    Status(u16, &'static str),
    /// Reads the request, never answers.
    Hang,
    /// Not HTTP at all.
    Garbage,
    /// Reads the request, closes the connection without a word.
    Close,
}

struct Server {
    addr: SocketAddr,
    requests: Receiver<Request>,
    reply: Arc<Mutex<Reply>>,
}

impl Server {
    fn start(tls: Option<Arc<ServerConfig>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, requests) = channel();
        let reply = Arc::new(Mutex::new(Reply::Status(200, "")));
        let r = reply.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (tx, r, tls) = (tx.clone(), r.clone(), tls.clone());
                std::thread::spawn(move || handle(stream, tls, tx, r));
            }
        });
        Server {
            addr,
            requests,
            reply,
        }
    }

    fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}/alerts", self.addr)
    }

    fn set(&self, r: Reply) {
        *self.reply.lock().unwrap() = r;
    }

    fn next(&self) -> Request {
        self.requests
            .recv_timeout(WAIT)
            .expect("no request arrived")
    }

    fn received(&self) -> usize {
        self.requests.try_iter().count()
    }
}

fn handle(
    stream: TcpStream,
    tls: Option<Arc<ServerConfig>>,
    tx: Sender<Request>,
    reply: Arc<Mutex<Reply>>,
) {
    stream.set_read_timeout(Some(WAIT)).unwrap();
    match tls {
        Some(cfg) => {
            let conn = ServerConnection::new(cfg).unwrap();
            serve(StreamOwned::new(conn, stream), &tx, &reply);
        }
        None => serve(stream, &tx, &reply),
    }
}

/// Serves requests on one connection until the peer closes or errs.
fn serve<S: Read + Write>(s: S, tx: &Sender<Request>, reply: &Mutex<Reply>) {
    let mut r = BufReader::new(s);
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return; // closed, or a TLS handshake that failed
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if r.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':').expect("header line");
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        let len = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse::<usize>().unwrap());
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let _ = tx.send(Request {
            method: method.to_string(),
            path: path.to_string(),
            headers,
            body,
        });
        let answer = *reply.lock().unwrap();
        let out = match answer {
            Reply::Status(code, text) => format!(
                "HTTP/1.1 {code} Test\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{text}",
                text.len()
            ),
            Reply::Garbage => "SSH-2.0-OpenSSH_9.6\r\n\r\n".to_string(),
            Reply::Close => return,
            Reply::Hang => {
                // Hold the connection until the client gives up.
                let mut sink = Vec::new();
                let _ = r.read_to_end(&mut sink);
                return;
            }
        };
        let s = r.get_mut();
        if s.write_all(out.as_bytes())
            .and_then(|()| s.flush())
            .is_err()
        {
            return;
        }
    }
}

// ---- test certificates ----------------------------------------------------

struct Ca {
    cert: rcgen::Certificate,
    key: KeyPair,
}

impl Ca {
    fn new(name: &str) -> Ca {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.distinguished_name.push(DnType::CommonName, name);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        Ca {
            cert: p.self_signed(&key).unwrap(),
            key,
        }
    }

    /// A leaf for `names`, for a server or (with `client`) a client.
    fn leaf(&self, names: &[&str], client: bool) -> (rcgen::Certificate, KeyPair) {
        let key = KeyPair::generate().unwrap();
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let mut p = CertificateParams::new(names).unwrap();
        p.distinguished_name.push(DnType::CommonName, "leaf");
        p.extended_key_usages = vec![if client {
            ExtendedKeyUsagePurpose::ClientAuth
        } else {
            ExtendedKeyUsagePurpose::ServerAuth
        }];
        (p.signed_by(&key, &self.cert, &self.key).unwrap(), key)
    }

    fn write_pem(&self, dir: &Path) -> PathBuf {
        let p = dir.join("ca.pem");
        std::fs::write(&p, self.cert.pem()).unwrap();
        p
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A TLS server presenting a leaf of `ca` for `names`; with `client_ca`
/// it requires a client certificate from that CA.
fn tls_server(ca: &Ca, names: &[&str], client_ca: Option<&Ca>) -> Arc<ServerConfig> {
    let (cert, key) = ca.leaf(names, false);
    let b = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap();
    let b = match client_ca {
        Some(c) => {
            let mut roots = RootCertStore::empty();
            roots.add(c.cert.der().clone()).unwrap();
            let v = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
                .build()
                .unwrap();
            b.with_client_cert_verifier(v)
        }
        None => b.with_no_client_auth(),
    };
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    Arc::new(b.with_single_cert(vec![cert.der().clone()], key).unwrap())
}

// ---- helpers --------------------------------------------------------------

fn spawn(cfg: &HttpConfig) -> OutputHandle {
    HttpOutput::spawn(cfg, &JsonOptions::default(), "node-7".into()).unwrap()
}

/// Waits until the output has dealt with `n` alerts (sent, failed or
/// dropped).
fn wait_done(h: &OutputHandle, n: u64) {
    let t0 = Instant::now();
    loop {
        let s = h.stats();
        if s.sent + s.failed + s.dropped >= n {
            return;
        }
        assert!(t0.elapsed() < Duration::from_secs(60), "stuck: {s}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn quick(url: String) -> HttpConfig {
    HttpConfig {
        url,
        max_attempts: 1,
        connect_timeout_ms: 2000,
        timeout_ms: 5000,
        ..Default::default()
    }
}

// ---- tests ----------------------------------------------------------------

#[test]
fn posts_what_falcosidekick_accepts_with_configured_headers() {
    let srv = Server::start(None);
    let yaml = format!(
        "stdout_output:\n  enabled: false\nhttp_output:\n  enabled: true\n  url: {}\n  \
         user_agent: falcosecurity/falco\n  keep_alive: true\n  headers:\n    X-Token: s3cret\n",
        srv.url("http")
    );
    let cfg = Config::parse("t.yaml", &yaml).unwrap();
    let outs = Outputs::spawn(&cfg.outputs).unwrap();
    assert_eq!(outs.len(), 1);
    for n in 0..3 {
        outs.send(alert(n));
    }
    for n in 0..3u64 {
        let req = srv.next();
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            ("POST", "/alerts")
        );
        assert_eq!(req.header("content-type"), Some("application/json"));
        assert_eq!(req.header("user-agent"), Some("falcosecurity/falco"));
        assert_eq!(req.header("x-token"), Some("s3cret"));
        let j = req.json();
        assert_eq!(j["priority"], "Warning");
        assert_eq!(j["rule"], "Read sensitive file untrusted");
        assert_eq!(j["source"], "syscall");
        // `time`: RFC 3339 with nanoseconds, not the epoch.
        let time = j["time"].as_str().unwrap();
        assert_eq!(time, format!("2023-11-14T22:13:20.{:09}Z", 123_456_789 + n));
        let fields = j["output_fields"].as_object().unwrap();
        assert!(!fields.is_empty());
        assert_eq!(fields["fd.name"], "/etc/shadow");
        assert_eq!(fields["proc.pid"], 4242);
        assert!(fields["proc.tty"].is_null());
        assert_eq!(fields["evt.time"], 1_700_000_000_123_456_789u64 + n);
        assert_eq!(j["tags"][0], "filesystem");
        assert!(!j["hostname"].as_str().unwrap().is_empty());
        let output = j["output"].as_str().unwrap();
        assert!(output.ends_with(&format!("n={n})")), "{output}");
    }
    let report = outs.shutdown(Duration::from_secs(10));
    let s = report.0[0].stats;
    assert_eq!((s.sent, s.failed, s.dropped), (3, 0, 0), "{report}");
}

#[test]
fn https_with_a_test_ca_and_mutual_tls() {
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::new("lanner test CA");
    let ca_pem = ca.write_pem(dir.path());
    let srv = Server::start(Some(tls_server(&ca, &["127.0.0.1"], None)));
    let h = spawn(&HttpConfig {
        ca_cert: ca_pem.clone(),
        ..quick(srv.url("https"))
    });
    h.send(alert(1));
    h.send(alert(2));
    assert_eq!(srv.next().json()["rule"], "Read sensitive file untrusted");
    assert_eq!(
        srv.next().json()["output_fields"]["evt.time"],
        1_700_000_000_123_456_791u64
    );
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (2, 0), "{}", r.stats);

    // A server that requires a client certificate.
    let clients = Ca::new("lanner client CA");
    let mtls = Server::start(Some(tls_server(&ca, &["localhost"], Some(&clients))));
    let (cert, key) = clients.leaf(&["lanner-agent"], true);
    let (cert_pem, key_pem) = (dir.path().join("client.pem"), dir.path().join("client.key"));
    std::fs::write(&cert_pem, cert.pem()).unwrap();
    std::fs::write(&key_pem, key.serialize_pem()).unwrap();
    let url = format!("https://localhost:{}/", mtls.addr.port());
    let with_cert = HttpConfig {
        ca_bundle: ca_pem.clone(),
        mtls: true,
        client_cert: cert_pem,
        client_key: key_pem,
        ..quick(url.clone())
    };
    let h = spawn(&with_cert);
    h.send(alert(3));
    assert_eq!(mtls.next().json()["priority"], "Warning");
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (1, 0), "{}", r.stats);
    // Without it the server refuses; counted, with the reason.
    let h = spawn(&HttpConfig {
        ca_bundle: ca_pem,
        ..quick(url)
    });
    let counters = h.counters();
    h.send(alert(4));
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (0, 1), "{}", r.stats);
    // With TLS 1.3 the refusal arrives after the client's handshake is
    // done: the client reads the server's alert or, when the server was
    // quicker to close, a broken pipe. Either way a failure at that URL.
    let e = counters.last_error().unwrap();
    assert!(
        e.contains(&format!("localhost:{}", mtls.addr.port())),
        "{e}"
    );
    assert_eq!(mtls.received(), 0, "the server never accepted a request");
}

#[test]
fn wrong_server_certificates_are_refused_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let trusted = Ca::new("trusted CA");
    let ca_pem = trusted.write_pem(dir.path());
    // Signed by a CA lanner does not trust.
    let rogue = Server::start(Some(tls_server(&Ca::new("rogue CA"), &["127.0.0.1"], None)));
    // Trusted CA, but issued for another name.
    let misnamed = Server::start(Some(tls_server(&trusted, &["other.example"], None)));
    for (srv, want) in [(&rogue, "UnknownIssuer"), (&misnamed, "not valid for name")] {
        let h = spawn(&HttpConfig {
            ca_cert: ca_pem.clone(),
            ..quick(srv.url("https"))
        });
        let counters = h.counters();
        h.send(alert(1));
        h.send(alert(2));
        let r = h.shutdown(Duration::from_secs(10));
        assert_eq!((r.stats.sent, r.stats.failed), (0, 2), "{}", r.stats);
        let e = counters.last_error().unwrap();
        assert!(e.contains(want), "{e}");
        assert_eq!(srv.received(), 0, "no alert may reach an unverified server");
    }
}

#[test]
fn error_statuses_are_retried_counted_and_recovered_from() {
    let srv = Server::start(None);
    srv.set(Reply::Status(500, "boom"));
    let h = spawn(&HttpConfig {
        max_attempts: 3,
        backoff_initial_ms: 10,
        backoff_max_ms: 20,
        ..quick(srv.url("http"))
    });
    let counters = h.counters();
    h.send(alert(1));
    h.send(alert(2));
    wait_done(&h, 2);
    let s = h.stats();
    assert_eq!((s.sent, s.failed, s.retried), (0, 2, 4), "{s}");
    let e = counters.last_error().unwrap();
    assert!(e.contains("HTTP status 500: boom"), "{e}");
    assert_eq!(srv.received(), 6, "3 attempts per alert");
    // A client error is not retried.
    srv.set(Reply::Status(400, "bad alert"));
    h.send(alert(3));
    wait_done(&h, 3);
    assert_eq!((h.stats().failed, h.stats().retried), (3, 4));
    assert!(counters.last_error().unwrap().contains("400"));
    // The same output delivers once the server is healthy.
    srv.set(Reply::Status(204, ""));
    h.send(alert(4));
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (1, 3), "{}", r.stats);
    assert_eq!(srv.received(), 2, "the 400 and the 204");
}

#[test]
fn garbage_and_closed_connections_are_failures_and_the_output_goes_on() {
    let srv = Server::start(None);
    let h = spawn(&quick(srv.url("http")));
    let counters = h.counters();
    for (n, reply) in [Reply::Garbage, Reply::Close].into_iter().enumerate() {
        srv.set(reply);
        h.send(alert(n as u64));
        wait_done(&h, n as u64 + 1);
        assert_eq!(h.stats().failed, n as u64 + 1, "{reply:?}");
        let e = counters.last_error().unwrap();
        assert!(e.contains(&srv.url("http")), "{reply:?}: {e}");
    }
    srv.set(Reply::Status(200, "ok"));
    h.send(alert(9));
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (1, 2), "{}", r.stats);
    assert_eq!(srv.received(), 3);
}

#[test]
fn silent_peers_time_out_and_never_block_the_caller() {
    // A server that reads the request and never answers.
    let srv = Server::start(None);
    srv.set(Reply::Hang);
    let h = spawn(&HttpConfig {
        timeout_ms: 1500,
        queue_capacity: 2,
        ..quick(srv.url("http"))
    });
    let counters = h.counters();
    let t0 = Instant::now();
    for n in 0..10 {
        h.send(alert(n));
    }
    // Each POST takes 1.5 s to time out; handing over ten takes no POST's
    // time at all (the bound only allows for a loaded machine).
    assert!(t0.elapsed() < Duration::from_secs(1), "{:?}", t0.elapsed());
    wait_done(&h, 10);
    let s = h.stats();
    assert_eq!(s.sent, 0);
    assert!(s.failed >= 1 && s.dropped >= 7, "{s}");
    assert_eq!(s.failed + s.dropped, 10, "{s}");
    let e = counters.last_error().unwrap();
    assert!(e.contains("timed out"), "{e}");
    drop(h);

    // A listener that never accepts: the kernel completes the handshake,
    // nobody ever reads.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", silent.local_addr().unwrap());
    let h = spawn(&HttpConfig {
        timeout_ms: 1000,
        ..quick(url)
    });
    let counters = h.counters();
    h.send(alert(1));
    wait_done(&h, 1);
    assert_eq!(h.stats().failed, 1);
    assert!(counters.last_error().unwrap().contains("timed out"));
}

#[test]
fn tls_material_problems_fail_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(
        &junk,
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let cfg = HttpConfig {
        ca_cert: junk,
        ..quick("https://127.0.0.1:1/".into())
    };
    let e = HttpOutput::spawn(&cfg, &JsonOptions::default(), "h".into()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("http:https://127.0.0.1:1/: ca_cert "),
        "{e}"
    );
}

#[test]
fn a_stuck_http_output_stalls_neither_the_caller_nor_a_file_output() {
    let srv = Server::start(None);
    srv.set(Reply::Hang);
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("alerts.log");
    let yaml = format!(
        "stdout_output:\n  enabled: false\noutputs:\n  http:\n    - url: {}\n      \
         timeout_ms: 20000\n      queue_capacity: 8\n  file:\n    - filename: {}\n      \
         keep_alive: true\n",
        srv.url("http"),
        log.display()
    );
    let cfg = Config::parse("t.yaml", &yaml).unwrap();
    let outs = Outputs::spawn(&cfg.outputs).unwrap();
    for n in 0..100 {
        outs.send(alert(n));
    }
    srv.next(); // the HTTP output is now inside its first, endless POST
    let t0 = Instant::now();
    while std::fs::read_to_string(&log).unwrap().lines().count() < 100 {
        assert!(t0.elapsed() < WAIT, "the file output was held up");
        std::thread::sleep(Duration::from_millis(5));
    }
    let counters = outs.counters().0;
    // Started in kind order: stdout, syslog, file, http.
    let (file, http) = (&counters[0], &counters[1]);
    assert!(http.0.starts_with("http:") && file.0.starts_with("file:"));
    assert_eq!((file.1.sent, file.1.dropped), (100, 0));
    assert_eq!(http.1.sent, 0);
    assert!(http.1.dropped >= 91, "{}", http.1); // 8 queued + 1 in flight
                                                 // Shutdown gives up on the stuck POST at its deadline.
    let report = outs.shutdown(Duration::from_millis(500));
    let h = &report.0[1];
    assert!(!h.joined, "{report}");
    assert_eq!(h.stats.dropped + h.stats.in_flight(), 100, "{report}");
}

#[test]
fn a_token_in_the_query_stays_out_of_errors_and_stats() {
    let srv = Server::start(None);
    let url = format!("http://{}/hook?token=s3cret", srv.addr);
    let h = spawn(&quick(url));
    assert_eq!(h.name(), format!("http:http://{}/hook?...", srv.addr));
    let counters = h.counters();
    for reply in [Reply::Status(503, "down"), Reply::Close] {
        srv.set(reply);
        let before = h.stats().failed;
        h.send(alert(1));
        wait_done(&h, before + 1);
        let e = counters.last_error().unwrap();
        assert!(e.contains("/hook?...") && !e.contains("s3cret"), "{e}");
    }
    // The server itself got the whole URL.
    assert_eq!(srv.next().path, "/hook?token=s3cret");
}

#[test]
fn a_failing_endpoint_spools_and_drains_in_order_but_refusals_are_not_spooled() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Server::start(None);
    srv.set(Reply::Status(503, "down for maintenance"));
    let h = spawn(&HttpConfig {
        max_attempts: 1,
        backoff_initial_ms: 20,
        backoff_max_ms: 50,
        spool: Some(lanner::output::spool::SpoolConfig {
            dir: dir.path().join("spool"),
            max_bytes: 1 << 20,
            segment_bytes: 0,
            fsync_interval_ms: 1000,
        }),
        ..quick(srv.url("http"))
    });
    for n in 0..50 {
        h.send(alert(n));
    }
    // While the endpoint answers 503 the alerts wait in the spool.
    let t0 = Instant::now();
    while h.stats().spooled < 49 {
        assert!(t0.elapsed() < WAIT, "not spooled: {}", h.stats());
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(h.stats().sent, 0, "{}", h.stats());
    srv.set(Reply::Status(200, ""));
    wait_done(&h, 50);
    let s = h.stats();
    assert_eq!((s.sent, s.failed, s.dropped), (50, 0, 0), "{s}");
    // Every alert arrived, in order (a 503'd attempt may precede each).
    let numbers: Vec<u64> = srv
        .requests
        .try_iter()
        .map(|r| {
            let out = r.json()["output"].as_str().unwrap().to_string();
            let n = out.rsplit_once("n=").unwrap().1.trim_end_matches(')');
            n.parse().unwrap()
        })
        .collect();
    let mut delivered = numbers.clone();
    delivered.dedup();
    let want: Vec<u64> = (0..50).collect();
    assert!(delivered.ends_with(&want), "order: {delivered:?}");
    // A refusal (4xx) is final: counted as failed, never spooled.
    srv.set(Reply::Status(400, "bad alert"));
    let spooled = h.stats().spooled;
    h.send(alert(99));
    wait_done(&h, 51);
    let s = h.stats();
    assert_eq!((s.failed, s.spooled), (1, spooled), "{s}");
    assert!(h.counters().last_error().unwrap().contains("400"));
}
