//! The syslog output over TLS (RFC 5425) into a real rsyslogd (imtcp with
//! the gtls driver) using a CA and server certificate generated here:
//! every parsed field of RFC 5424 and RFC 3164 messages, the server name
//! from the address (IP SAN) and from `tls_server_name` (DNS SAN), LF
//! framing, client certificates when rsyslog requires them, and JSON, CEF
//! and LEEF bodies parsed back from what rsyslog received, and a restart
//! of rsyslogd survived with every alert accounted for.
//!
//! The rsyslogd harness lives in `common/rsyslog.rs`, the test PKI in
//! `common/certs.rs`.

mod common;

use common::certs::Ca;
use common::rsyslog::{Line, Rsyslog, WAIT};
use lanner::engine::priority::Priority;
use lanner::output::alert::{Alert, FieldValue};
use lanner::output::json::falco_json;
use lanner::output::syslog::{
    BodyFormat, Facility, Framing, MessageFormat, SyslogConfig, SyslogOutput, TransportKind,
};
use lanner::output::worker::{OutputHandle, OutputStats};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const HOST: &str = "lanner-tls-host";

fn alert(priority: Priority, output: &str) -> Alert {
    Alert {
        time_ns: 1_700_000_000_123_456_789,
        rule: "Terminal shell in container".into(),
        priority,
        output: output.into(),
        tags: vec!["container".into(), "mitre_execution".into()],
        source: "syscall".into(),
        output_fields: vec![
            ("user.name".into(), "root".into()),
            ("proc.aname[2]".into(), r#"x"y\z]w=v"#.into()),
            ("proc.pid".into(), FieldValue::Int(4242)),
        ],
    }
}

const EXPECTED_SD: &str = r#"[lanner@32473 rule="Terminal shell in container" priority="PRIO" source="syscall" tags="container,mitre_execution" user.name="root" proc.aname.2="x\"y\\z\]w=v" proc.pid="4242"]"#;

/// A CA, a server certificate for `localhost` and 127.0.0.1 in
/// `dir/tls/`, where the rsyslog harness expects them; returns the CA.
fn pki(dir: &Path) -> (Ca, PathBuf) {
    let ca = Ca::new("lanner test CA");
    let tls = dir.join("tls");
    std::fs::create_dir_all(&tls).unwrap();
    let ca_file = ca.write(&tls.join("ca.pem"));
    ca.issue(&tls, "server", &["localhost", "127.0.0.1"], false);
    (ca, ca_file)
}

fn tls_cfg(r: &Rsyslog, ca_file: &Path) -> SyslogConfig {
    SyslogConfig {
        transport: TransportKind::Tls,
        address: Some(format!("127.0.0.1:{}", r.tls_port)),
        tls_ca_file: Some(ca_file.to_path_buf()),
        hostname: Some(HOST.into()),
        facility: Facility::Local4,
        connect_timeout_ms: 5000,
        write_timeout_ms: 5000,
        max_attempts: 2,
        backoff_initial_ms: 50,
        backoff_max_ms: 100,
        ..SyslogConfig::default()
    }
}

fn wait_stats(h: &OutputHandle, what: &str, pred: impl Fn(&OutputStats) -> bool) -> OutputStats {
    let t0 = Instant::now();
    loop {
        let s = h.stats();
        if pred(&s) {
            return s;
        }
        assert!(
            t0.elapsed() < WAIT,
            "{what}: stats {s}, last error {:?}",
            h.counters().last_error()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn check_5424(l: &Line, p: Priority) {
    assert_eq!(l.pri, (20 * 8 + p.syslog_severity()).to_string(), "{l:?}");
    assert_eq!(l.timestamp, "2023-11-14T22:13:20.123456Z", "{l:?}");
    assert_eq!(l.hostname, HOST, "{l:?}");
    assert_eq!(l.app_name, "lanner", "{l:?}");
    assert_eq!(l.procid, std::process::id().to_string(), "{l:?}");
    assert_eq!(l.msgid, "Terminal_shell_in_container", "{l:?}");
    assert_eq!(l.sd, EXPECTED_SD.replace("PRIO", p.name()), "{l:?}");
}

fn done(h: OutputHandle, sent: u64) {
    let rep = h.shutdown(Duration::from_secs(5));
    assert!(rep.joined, "{rep}");
    let s = rep.stats;
    assert_eq!((s.sent, s.failed, s.dropped), (sent, 0, 0), "{rep}");
}

#[test]
fn rfc5424_and_rfc3164_over_tls() {
    let tmp = tempfile::tempdir().unwrap();
    let (_ca, ca_file) = pki(tmp.path());
    let r = Rsyslog::start_tls(tmp.path(), "anon", 0);

    // Server name from the address: the certificate's IP SAN.
    let h5424 = SyslogOutput::spawn(tls_cfg(&r, &ca_file)).unwrap();
    // Server name given: the certificate's DNS SAN; LF framing.
    let hlf = SyslogOutput::spawn(SyslogConfig {
        tls_server_name: Some("localhost".into()),
        framing: Some(Framing::Lf),
        ..tls_cfg(&r, &ca_file)
    })
    .unwrap();
    let h3164 = SyslogOutput::spawn(SyslogConfig {
        format: MessageFormat::Rfc3164,
        ..tls_cfg(&r, &ca_file)
    })
    .unwrap();

    let prios = [Priority::Critical, Priority::Warning, Priority::Debug];
    for p in prios {
        h5424.send(alert(p, &format!("via=tls5424 ünï prio={p}")));
        hlf.send(alert(p, &format!("via=tlslf prio={p}\nsecond line")));
        h3164.send(alert(p, &format!("via=tls3164 prio={p}")));
    }

    let got = r.wait_lines("via=tls5424", 3);
    assert_eq!(got.len(), 3, "{got:?}");
    for (l, p) in got.iter().zip(prios) {
        check_5424(l, p);
        assert_eq!(l.msg, format!("via=tls5424 ünï prio={p}"));
    }
    // LF framing: one message each, the embedded LF sent as a space.
    let got = r.wait_lines("via=tlslf", 3);
    assert_eq!(got.len(), 3, "{got:?}");
    for (l, p) in got.iter().zip(prios) {
        check_5424(l, p);
        assert_eq!(l.msg, format!("via=tlslf prio={p} second line"));
    }
    assert!(r.lines("second line").len() == 3, "{}", r.diagnostics());

    let got = r.wait_lines("via=tls3164", 3);
    assert_eq!(got.len(), 3, "{got:?}");
    for (l, p) in got.iter().zip(prios) {
        assert_eq!(l.pri, (20 * 8 + p.syslog_severity()).to_string(), "{l:?}");
        // RFC 3164 has no year; the receiver supplies its own.
        assert!(l.timestamp.contains("-11-14T22:13:20"), "{l:?}");
        assert_eq!(l.hostname, HOST, "{l:?}");
        assert_eq!(l.app_name, "lanner", "{l:?}");
        assert_eq!(l.procid, std::process::id().to_string(), "{l:?}");
        assert_eq!(
            l.msg,
            format!(" {} via=tls3164 prio={p}", p.name()),
            "{l:?}"
        );
    }
    for h in [h5424, hlf, h3164] {
        assert_eq!(h.stats().reconnects, 0);
        done(h, 3);
    }
}

#[test]
fn client_certificate_required_by_rsyslog() {
    let tmp = tempfile::tempdir().unwrap();
    let (ca, ca_file) = pki(tmp.path());
    let good = ca.issue(
        &tmp.path().join("client"),
        "client",
        &["lanner-client"],
        true,
    );
    let other = Ca::new("some other CA");
    let foreign = other.issue(
        &tmp.path().join("foreign"),
        "client",
        &["lanner-client"],
        true,
    );
    let r = Rsyslog::start_tls(tmp.path(), "x509/certvalid", 0);

    let with_cert = SyslogOutput::spawn(SyslogConfig {
        tls_cert_file: Some(good.cert.clone()),
        tls_key_file: Some(good.key.clone()),
        ..tls_cfg(&r, &ca_file)
    })
    .unwrap();
    with_cert.send(alert(Priority::Error, "via=client-cert"));
    let got = r.wait_lines("via=client-cert", 1);
    check_5424(&got[0], Priority::Error);
    done(with_cert, 1);

    let without = SyslogOutput::spawn(tls_cfg(&r, &ca_file)).unwrap();
    let untrusted = SyslogOutput::spawn(SyslogConfig {
        tls_cert_file: Some(foreign.cert.clone()),
        tls_key_file: Some(foreign.key.clone()),
        ..tls_cfg(&r, &ca_file)
    })
    .unwrap();
    for i in 0..3 {
        without.send(alert(Priority::Error, &format!("via=no-cert {i}")));
        untrusted.send(alert(Priority::Error, &format!("via=foreign-cert {i}")));
    }
    for (h, why) in [
        (&without, "requires a client certificate"),
        (&untrusted, "rejected our client certificate"),
    ] {
        let s = wait_stats(h, "rejected client", |s| s.failed == 3);
        assert_eq!(s.sent, 0, "{s}");
        let e = h.counters().last_error().unwrap();
        eprintln!("rejected client: {e}");
        assert!(
            e.starts_with(&format!("TLS with tls:127.0.0.1:{}", r.tls_port)),
            "{e}"
        );
        assert!(e.contains(why), "{e}");
    }
    // Given time to arrive, neither did.
    std::thread::sleep(Duration::from_millis(500));
    assert!(r.lines("via=no-cert").is_empty(), "{}", r.diagnostics());
    assert!(
        r.lines("via=foreign-cert").is_empty(),
        "{}",
        r.diagnostics()
    );
    for h in [without, untrusted] {
        let rep = h.shutdown(Duration::from_secs(5));
        assert_eq!((rep.stats.sent, rep.stats.failed), (0, 3), "{rep}");
    }
}

/// Splits `s` on `sep` not preceded by a backslash escape.
fn split_unescaped(s: &str, sep: char, max: usize) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let last = parts.last_mut().unwrap();
            last.push(c);
            if let Some(n) = chars.next() {
                last.push(n);
            }
        } else if c == sep && parts.len() < max {
            parts.push(String::new());
        } else {
            parts.last_mut().unwrap().push(c);
        }
    }
    parts
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// A CEF record: the seven header fields and the extension pairs.
fn parse_cef(s: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let parts = split_unescaped(s, '|', 8);
    assert_eq!(parts.len(), 8, "{s:?}");
    let header = parts[..7].iter().map(|p| unescape(p)).collect();
    let ext = &parts[7];
    // A key is [A-Za-z0-9]+ before an unescaped '=', at the start or after
    // a space; its value runs to the space before the next key.
    let b = ext.as_bytes();
    let mut keys = Vec::new(); // (key start, '=' index)
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'=' {
            let mut k = i;
            while k > 0 && b[k - 1].is_ascii_alphanumeric() {
                k -= 1;
            }
            if k < i && (k == 0 || b[k - 1] == b' ') {
                keys.push((k, i));
            }
        }
        i += 1;
    }
    let mut map = BTreeMap::new();
    for (n, &(k, eq)) in keys.iter().enumerate() {
        let end = keys.get(n + 1).map_or(ext.len(), |&(next, _)| next - 1);
        map.insert(ext[k..eq].to_string(), unescape(&ext[eq + 1..end]));
    }
    (header, map)
}

/// A LEEF 2.0 record: the six header fields and the attributes.
fn parse_leef(s: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let parts = split_unescaped(s, '|', 7);
    assert_eq!(parts.len(), 7, "{s:?}");
    let header = parts[..6].iter().map(|p| unescape(p)).collect();
    let attrs = parts[6]
        .split('\t')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), unescape(v))
        })
        .collect();
    (header, attrs)
}

#[test]
fn json_cef_and_leef_bodies_arrive_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let (_ca, ca_file) = pki(tmp.path());
    let r = Rsyslog::start_tls(tmp.path(), "anon", 0);
    let out = |via: &str| format!("body-{via} a=b|c\\d tab\there ünï\nline2");
    let p = Priority::Critical;

    let spawn = |body, format| {
        SyslogOutput::spawn(SyslogConfig {
            body,
            format,
            ..tls_cfg(&r, &ca_file)
        })
        .unwrap()
    };
    let json = spawn(BodyFormat::Json, MessageFormat::Rfc5424);
    let cef = spawn(BodyFormat::Cef, MessageFormat::Rfc5424);
    let leef = spawn(BodyFormat::Leef, MessageFormat::Rfc5424);
    let json3164 = spawn(BodyFormat::Json, MessageFormat::Rfc3164);
    json.send(alert(p, &out("json")));
    cef.send(alert(p, &out("cef")));
    leef.send(alert(p, &out("leef")));
    json3164.send(alert(p, &out("json3164")));

    // JSON: Falco's alert object, exactly.
    let l = r.wait_lines("body-json a", 1).remove(0);
    check_5424(&l, p);
    let got: serde_json::Value = serde_json::from_str(&l.msg).unwrap();
    assert_eq!(got, falco_json(&alert(p, &out("json")), HOST));
    let l = r.wait_lines("body-json3164", 1).remove(0);
    assert_eq!(l.app_name, "lanner");
    let got: serde_json::Value = serde_json::from_str(l.msg.trim_start()).unwrap();
    assert_eq!(got, falco_json(&alert(p, &out("json3164")), HOST));

    // CEF: header and extension unescaped back to the alert.
    let l = r.wait_lines("body-cef", 1).remove(0);
    check_5424(&l, p);
    let (h, ext) = parse_cef(&l.msg);
    assert_eq!(
        h,
        [
            "CEF:0",
            "lanner",
            "lanner",
            env!("CARGO_PKG_VERSION"),
            "Terminal shell in container",
            "Terminal shell in container",
            "8"
        ]
    );
    let want: BTreeMap<String, String> = [
        ("rt", "1700000000123"),
        ("dvchost", HOST),
        ("cat", "syscall"),
        ("lannerPriority", "Critical"),
        ("lannerTags", "container,mitre_execution"),
        ("suser", "root"),
        ("cs1Label", "user.name"),
        ("cs1", "root"),
        ("cs2Label", "proc.aname[2]"),
        ("cs2", r#"x"y\z]w=v"#),
        ("cs3Label", "proc.pid"),
        ("cs3", "4242"),
        ("msg", &out("cef")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(ext, want);

    // LEEF: tab-delimited attributes unescaped back to the alert.
    let l = r.wait_lines("body-leef", 1).remove(0);
    check_5424(&l, p);
    let (h, attrs) = parse_leef(&l.msg);
    assert_eq!(
        h,
        [
            "LEEF:2.0",
            "lanner",
            "lanner",
            env!("CARGO_PKG_VERSION"),
            "Terminal shell in container",
            "x09"
        ]
    );
    let want: BTreeMap<String, String> = [
        ("devTime", "Nov 14 2023 22:13:20.123 UTC"),
        ("devTimeFormat", "MMM dd yyyy HH:mm:ss.SSS z"),
        ("sev", "8"),
        ("cat", "syscall"),
        ("usrName", "root"),
        ("lannerPriority", "Critical"),
        ("lannerTags", "container,mitre_execution"),
        ("user.name", "root"),
        ("proc.aname.2", r#"x"y\z]w=v"#),
        ("proc.pid", "4242"),
        ("msg", &out("leef")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(attrs, want);

    for h in [json, cef, leef, json3164] {
        done(h, 1);
    }
}

/// Kills rsyslogd, sends while it is down, restarts it on the same TLS
/// port: the output reconnects (new handshake) and every alert is either
/// received or counted failed/dropped, in order.
#[test]
fn tls_survives_rsyslog_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let (_ca, ca_file) = pki(tmp.path());
    let mut r = Rsyslog::start_tls(tmp.path(), "anon", 0);
    let port = r.tls_port;
    let h = SyslogOutput::spawn(SyslogConfig {
        max_attempts: 3,
        backoff_initial_ms: 20,
        backoff_max_ms: 100,
        connect_timeout_ms: 1000,
        ..tls_cfg(&r, &ca_file)
    })
    .unwrap();
    let send = |tag: &str| {
        for i in 0..5 {
            h.send(alert(Priority::Error, &format!("restart-tls {tag}-{i}")));
        }
    };
    send("before");
    r.wait_lines("restart-tls before-", 5);
    wait_stats(&h, "before", |s| s.sent == 5);

    r.kill();
    std::thread::sleep(Duration::from_millis(100));
    send("during");
    let s = wait_stats(&h, "during", |s| s.failed + s.dropped == 5);
    assert_eq!(s.sent, 5, "an alert sent while rsyslogd was dead: {s}");
    assert!(h.counters().last_error().unwrap().contains("connect to"));

    drop(r);
    let r = Rsyslog::start_tls(tmp.path(), "anon", port);
    send("after");
    let after = r.wait_lines("restart-tls after-", 5);
    let texts: Vec<_> = after.iter().map(|l| l.msg.as_str()).collect();
    let want: Vec<_> = (0..5).map(|i| format!("restart-tls after-{i}")).collect();
    assert_eq!(texts, want);
    assert!(r.lines("restart-tls during-").is_empty());
    let rep = h.shutdown(Duration::from_secs(5));
    let s = rep.stats;
    assert!(rep.joined, "{rep}");
    assert_eq!(
        (s.submitted, s.sent, s.failed + s.dropped),
        (15, 10, 5),
        "{rep}"
    );
    assert!(s.reconnects >= 1, "{rep}");
}
