//! The syslog output against a real rsyslogd: RFC 5424 over a unix datagram
//! socket (imuxsock) and over TCP with octet counting or LF framing
//! (imtcp), every parsed field checked, and both transports surviving an
//! rsyslogd crash+restart with every alert accounted for. TLS is in
//! `syslog_tls.rs`.
//!
//! The rsyslogd harness lives in `common/rsyslog.rs`.

mod common;

use common::rsyslog::{Line, Rsyslog, CONF_TEMPLATE, WAIT};
use lanner::engine::priority::Priority;
use lanner::output::alert::Alert;
use lanner::output::syslog::{
    BodyFormat, Facility, Framing, MessageFormat, SyslogConfig, SyslogOutput, TransportKind,
};
use lanner::output::worker::{OutputHandle, OutputStats};
use std::fs;
use std::time::{Duration, Instant};

fn alert(rule: &str, priority: Priority, output: &str) -> Alert {
    Alert {
        time_ns: 1_700_000_000_123_456_789,
        rule: rule.into(),
        priority,
        output: output.into(),
        tags: vec!["container".into(), "mitre_execution".into()],
        source: "syscall".into(),
        output_fields: vec![
            ("user.name".into(), "root".into()),
            ("proc.aname[2]".into(), r#"x"y\z]w"#.into()),
            ("container.id".into(), "<NA>".into()),
            // No legal SD-NAME: in MSG only, never in the SD.
            ("proc.env[A=B]".into(), "left-out".into()),
        ],
    }
}

fn unix_cfg(r: &Rsyslog) -> SyslogConfig {
    SyslogConfig {
        transport: TransportKind::Unix,
        path: r.sock(),
        ..SyslogConfig::default()
    }
}

fn tcp_cfg(port: u16) -> SyslogConfig {
    SyslogConfig {
        transport: TransportKind::Tcp,
        address: Some(format!("127.0.0.1:{port}")),
        ..SyslogConfig::default()
    }
}

fn fast_retry(c: SyslogConfig) -> SyslogConfig {
    SyslogConfig {
        max_attempts: 3,
        backoff_initial_ms: 20,
        backoff_max_ms: 100,
        connect_timeout_ms: 500,
        write_timeout_ms: 1000,
        queue_capacity: 64,
        ..c
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

const EXPECTED_SD: &str = r#"[lanner@32473 rule="Terminal shell in container" priority="PRIO" source="syscall" tags="container,mitre_execution" user.name="root" proc.aname.2="x\"y\\z\]w" container.id="<NA>"]"#;

fn check_line(l: &Line, pri: u8, hostname: &str, prio: Priority, msg: &str) {
    assert_eq!(l.pri, pri.to_string(), "{l:?}");
    assert_eq!(l.timestamp, "2023-11-14T22:13:20.123456Z", "{l:?}");
    assert_eq!(l.hostname, hostname, "{l:?}");
    assert_eq!(l.app_name, "lanner", "{l:?}");
    assert_eq!(l.procid, std::process::id().to_string(), "{l:?}");
    assert_eq!(l.msgid, "Terminal_shell_in_container", "{l:?}");
    assert_eq!(l.sd, EXPECTED_SD.replace("PRIO", prio.name()), "{l:?}");
    assert_eq!(l.msg, msg, "{l:?}");
}

#[test]
fn rfc5424_fields_arrive_over_unix_and_tcp() {
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start(tmp.path(), 0);

    let unix = SyslogOutput::spawn(SyslogConfig {
        facility: Facility::Local3,
        hostname: Some("lanner-it-host".into()),
        ..unix_cfg(&r)
    })
    .unwrap();
    // TCP: default facility (user) and the machine's own hostname.
    let tcp = SyslogOutput::spawn(tcp_cfg(r.port)).unwrap();

    let prios = [Priority::Emergency, Priority::Warning, Priority::Debug];
    for p in prios {
        let m = format!("Shell spawned ünïcode via=unix prio={p} (user=root)");
        unix.send(alert("Terminal shell in container", p, &m));
        let m = format!("Shell spawned ünïcode via=tcp prio={p} (user=root)");
        tcp.send(alert("Terminal shell in container", p, &m));
    }

    let got = r.wait_lines("via=unix", 3);
    assert_eq!(got.len(), 3, "{got:?}");
    for (l, p) in got.iter().zip(prios) {
        let msg = format!("Shell spawned ünïcode via=unix prio={p} (user=root)");
        check_line(l, 19 * 8 + p.syslog_severity(), "lanner-it-host", p, &msg);
    }

    let host = SyslogConfig::default().effective_hostname();
    let kernel_host = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(host, kernel_host.trim());
    let got = r.wait_lines("via=tcp", 3);
    assert_eq!(got.len(), 3, "{got:?}");
    for (l, p) in got.iter().zip(prios) {
        let msg = format!("Shell spawned ünïcode via=tcp prio={p} (user=root)");
        check_line(l, 8 + p.syslog_severity(), &host, p, &msg);
    }

    for h in [unix, tcp] {
        let rep = h.shutdown(Duration::from_secs(5));
        assert!(rep.joined);
        let s = rep.stats;
        assert_eq!(
            (s.submitted, s.sent, s.failed, s.dropped),
            (3, 3, 0, 0),
            "{rep}"
        );
    }
}

#[test]
fn oversized_alert_is_truncated_with_marker() {
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start(tmp.path(), 0);
    for (via, cfg) in [("unix", unix_cfg(&r)), ("tcp", tcp_cfg(r.port))] {
        let h = SyslogOutput::spawn(SyslogConfig {
            max_message_size: 1024,
            ..cfg
        })
        .unwrap();
        let body = format!("big via={via} {}", "é".repeat(3000));
        h.send(alert(
            "Terminal shell in container",
            Priority::Notice,
            &body,
        ));
        let l = r.wait_lines(&format!("big via={via}"), 1).remove(0);
        assert!(l.msg.ends_with("é...[truncated]"), "{l:?}");
        assert!(body.starts_with(l.msg.trim_end_matches("...[truncated]")));
        // The SD survived whole.
        assert_eq!(l.sd, EXPECTED_SD.replace("PRIO", "Notice"));
        let rep = h.shutdown(Duration::from_secs(5));
        assert_eq!((rep.stats.sent, rep.stats.truncated), (1, 1), "{rep}");
    }
}

/// The default `max_message_size` fits what a stock rsyslog accepts
/// (`maxMessageSize` unset): an alert far over it arrives as exactly one
/// message ending in the truncation marker, whole SD included, and nothing
/// is cut or split on the receiver's side.
#[test]
fn default_size_fits_a_stock_rsyslog() {
    const BIG: &str = r#"global(workDirectory="@DIR@/work" maxMessageSize="64k""#;
    assert!(CONF_TEMPLATE.contains(BIG), "rsyslog.conf.in changed");
    let stock = CONF_TEMPLATE.replace(BIG, r#"global(workDirectory="@DIR@/work""#);
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start_with(&stock, tmp.path(), 0);
    for (via, cfg) in [("unix", unix_cfg(&r)), ("tcp", tcp_cfg(r.port))] {
        let h = SyslogOutput::spawn(cfg).unwrap();
        let body = format!("stock via={via} {}", "é".repeat(10_000));
        h.send(alert(
            "Terminal shell in container",
            Priority::Notice,
            &body,
        ));
        h.send(alert(
            "Terminal shell in container",
            Priority::Notice,
            &format!("stock-after via={via}"),
        ));
        // The small one arrives after the big one on the same transport.
        r.wait_lines(&format!("stock-after via={via}"), 1);
        let big = r.lines(&format!("stock via={via}"));
        assert_eq!(big.len(), 1, "{big:?}");
        let l = &big[0];
        assert!(l.msg.ends_with("é...[truncated]"), "{}", r.diagnostics());
        assert!(body.starts_with(l.msg.trim_end_matches("...[truncated]")));
        assert_eq!(l.sd, EXPECTED_SD.replace("PRIO", "Notice"));
        let rep = h.shutdown(Duration::from_secs(5));
        assert_eq!((rep.stats.sent, rep.stats.truncated), (2, 1), "{rep}");
    }
    // No fragment of a split frame, no oversize complaint from rsyslog.
    let other = fs::read_to_string(tmp.path().join("other.log")).unwrap_or_default();
    assert!(!other.contains("éé"), "{}", r.diagnostics());
    assert!(!other.contains("oversize"), "{}", r.diagnostics());
}

/// Kills rsyslogd (SIGKILL), sends while it is down, restarts it on the
/// same socket/port, sends again. Every alert is either in rsyslog's file
/// (sent) or counted failed/dropped; none is sent into the void.
fn survives_restart(via: &str, cfg: impl Fn(&Rsyslog) -> SyslogConfig) {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = Rsyslog::start(tmp.path(), 0);
    let port = r.port;
    let h = SyslogOutput::spawn(fast_retry(cfg(&r))).unwrap();
    let send = |tag: &str, n: usize| {
        for i in 0..n {
            let m = format!("restart-{via} {tag}-{i}");
            h.send(alert("Terminal shell in container", Priority::Error, &m));
        }
    };

    send("before", 5);
    assert_eq!(r.wait_lines(&format!("restart-{via} before-"), 5).len(), 5);
    wait_stats(&h, "before", |s| s.sent == 5);

    r.kill();
    std::thread::sleep(Duration::from_millis(100));
    send("during", 5);
    let s = wait_stats(&h, "during", |s| s.failed + s.dropped == 5);
    assert_eq!(s.sent, 5, "an alert sent while rsyslogd was dead: {s}");
    assert!(s.retried >= 5, "{s}");

    drop(r);
    let r = Rsyslog::start(tmp.path(), port);
    assert_eq!(r.port, port);
    send("after", 5);
    let after = r.wait_lines(&format!("restart-{via} after-"), 5);
    let texts: Vec<_> = after.iter().map(|l| l.msg.as_str()).collect();
    let want: Vec<_> = (0..5).map(|i| format!("restart-{via} after-{i}")).collect();
    assert_eq!(texts, want);
    assert!(r.lines(&format!("restart-{via} during-")).is_empty());

    let rep = h.shutdown(Duration::from_secs(5));
    let s = rep.stats;
    assert!(rep.joined);
    assert_eq!(s.submitted, 15, "{rep}");
    assert_eq!(s.sent, 10, "{rep}");
    assert_eq!(s.failed + s.dropped, 5, "{rep}");
    assert!(s.reconnects >= 1, "{rep}");
}

#[test]
fn tcp_survives_rsyslog_restart() {
    survives_restart("tcp", |r| tcp_cfg(r.port));
}

#[test]
fn unix_survives_rsyslog_restart() {
    survives_restart("unix", unix_cfg);
}

/// RFC 3164 to a stock rsyslog: imuxsock with its default special parser
/// (what owns /dev/log on every distro) and imtcp's parser chain. The local
/// message carries no HOSTNAME, like syslog(3); TAG[PID] become app-name
/// and procid; MSG is the priority name and the output.
#[test]
fn rfc3164_arrives_at_a_stock_rsyslog_over_unix_and_tcp() {
    const TUNED: &str = r#"UseSpecialParser="off" ParseHostname="on"
      IgnoreTimestamp="off" UseSysTimeStamp="off""#;
    assert!(CONF_TEMPLATE.contains(TUNED), "rsyslog.conf.in changed");
    let stock = CONF_TEMPLATE.replace(TUNED, "");
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start_with(&stock, tmp.path(), 0);
    let bsd = |c: SyslogConfig| SyslogConfig {
        format: MessageFormat::Rfc3164,
        facility: Facility::Local3,
        hostname: Some("lanner-bsd-host".into()),
        ..c
    };
    let unix = SyslogOutput::spawn(bsd(unix_cfg(&r))).unwrap();
    let tcp = SyslogOutput::spawn(bsd(tcp_cfg(r.port))).unwrap();
    unix.send(alert(
        "Read sensitive file",
        Priority::Warning,
        "via=unix file=/etc/shadow",
    ));
    tcp.send(alert(
        "Read sensitive file",
        Priority::Critical,
        "via=tcp file=/etc/shadow",
    ));

    let local_host = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    for (via, prio, host) in [
        ("via=unix", Priority::Warning, local_host.trim()),
        ("via=tcp", Priority::Critical, "lanner-bsd-host"),
    ] {
        let got = r.wait_lines(via, 1);
        assert_eq!(got.len(), 1, "{got:?}");
        let l = &got[0];
        assert_eq!(
            l.pri,
            (19 * 8 + prio.syslog_severity()).to_string(),
            "{l:?}"
        );
        // rsyslog assigns its own host to local messages (none was sent).
        assert_eq!(l.hostname, host, "{l:?}");
        assert_eq!(l.app_name, "lanner", "{l:?}");
        assert_eq!(l.procid, std::process::id().to_string(), "{l:?}");
        assert_eq!(
            l.msg,
            // rsyslog's MSG of a BSD message keeps the space after "TAG:".
            format!(" {} {via} file=/etc/shadow", prio.name()),
            "{l:?}"
        );
        if via == "via=tcp" {
            // Only the network path keeps the sender's timestamp (UTC);
            // RFC 3164 has no year, the receiver supplies its own.
            assert!(l.timestamp.contains("-11-14T22:13:20"), "{l:?}");
        }
    }
    for h in [unix, tcp] {
        let rep = h.shutdown(Duration::from_secs(5));
        assert_eq!((rep.stats.sent, rep.stats.failed), (1, 0));
    }
}

/// UDP (RFC 5426) into rsyslog's imudp: every field of an RFC 5424
/// message and an RFC 3164 one arrive.
#[test]
fn udp_delivers_rfc5424_and_rfc3164_to_imudp() {
    const TCP_INPUT: &str = r#"input(type="imtcp""#;
    assert!(CONF_TEMPLATE.contains(TCP_INPUT), "rsyslog.conf.in changed");
    // imudp has no port file: take a free port, then wait until rsyslog
    // holds it.
    let port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = CONF_TEMPLATE.replace(
        TCP_INPUT,
        &format!(
            "module(load=\"imudp\")\ninput(type=\"imudp\" address=\"127.0.0.1\" port=\"{port}\")\n{TCP_INPUT}"
        ),
    );
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start_with(&conf, tmp.path(), 0);
    let t0 = Instant::now();
    while std::net::UdpSocket::bind(("127.0.0.1", port)).is_ok() {
        assert!(
            t0.elapsed() < WAIT,
            "imudp never bound {port}: {}",
            r.diagnostics()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let udp = |format| SyslogConfig {
        transport: TransportKind::Udp,
        address: Some(format!("127.0.0.1:{port}")),
        facility: Facility::Local3,
        hostname: Some("lanner-udp-host".into()),
        format,
        ..SyslogConfig::default()
    };
    let h5424 = SyslogOutput::spawn(udp(MessageFormat::Rfc5424)).unwrap();
    let h3164 = SyslogOutput::spawn(udp(MessageFormat::Rfc3164)).unwrap();
    let p = Priority::Error;
    h5424.send(alert(
        "Terminal shell in container",
        p,
        "via=udp5424 user=root",
    ));
    h3164.send(alert(
        "Terminal shell in container",
        p,
        "via=udp3164 user=root",
    ));

    let got = r.wait_lines("via=udp5424", 1);
    assert_eq!(got.len(), 1, "{got:?}");
    check_line(
        &got[0],
        19 * 8 + p.syslog_severity(),
        "lanner-udp-host",
        p,
        "via=udp5424 user=root",
    );
    let got = r.wait_lines("via=udp3164", 1);
    assert_eq!(got.len(), 1, "{got:?}");
    let l = &got[0];
    assert_eq!(
        (l.hostname.as_str(), l.app_name.as_str()),
        ("lanner-udp-host", "lanner"),
        "{l:?}"
    );
    assert_eq!(
        l.msg,
        format!(" {} via=udp3164 user=root", p.name()),
        "{l:?}"
    );
    for h in [h5424, h3164] {
        let rep = h.shutdown(Duration::from_secs(5));
        assert_eq!((rep.stats.sent, rep.stats.failed), (1, 0));
    }
}

/// LF framing over TCP: each alert arrives as its own message, an LF
/// inside one (the text body, and a CEF body whose extension escapes it
/// anyway) sent as a space, the SD intact.
#[test]
fn lf_framing_over_tcp_arrives_as_separate_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let r = Rsyslog::start(tmp.path(), 0);
    let lf = |body| SyslogConfig {
        framing: Some(Framing::Lf),
        body,
        facility: Facility::Local3,
        hostname: Some("lanner-it-host".into()),
        ..tcp_cfg(r.port)
    };
    let text = SyslogOutput::spawn(lf(BodyFormat::Text)).unwrap();
    let cef = SyslogOutput::spawn(lf(BodyFormat::Cef)).unwrap();
    let p = Priority::Notice;
    for i in 0..3 {
        let m = format!("lf-text {i} (user=root)\nsecond line");
        text.send(alert("Terminal shell in container", p, &m));
    }
    cef.send(alert("Terminal shell in container", p, "lf-cef one\ntwo"));
    let got = r.wait_lines("lf-text", 3);
    assert_eq!(got.len(), 3, "{got:?}");
    for (i, l) in got.iter().enumerate() {
        let msg = format!("lf-text {i} (user=root) second line");
        check_line(l, 19 * 8 + p.syslog_severity(), "lanner-it-host", p, &msg);
    }
    let l = r.wait_lines("lf-cef", 1).remove(0);
    assert_eq!(l.sd, EXPECTED_SD.replace("PRIO", "Notice"), "{l:?}");
    assert!(l.msg.starts_with("CEF:0|lanner|lanner|"), "{l:?}");
    assert!(l.msg.ends_with(" msg=lf-cef one\\ntwo"), "{l:?}");
    // Nothing else: no message split at an LF.
    assert_eq!(r.lines("second line").len(), 3, "{}", r.diagnostics());
    let other = fs::read_to_string(tmp.path().join("other.log")).unwrap_or_default();
    assert!(other.is_empty(), "{}", r.diagnostics());
    for (h, n) in [(text, 3), (cef, 1)] {
        let rep = h.shutdown(Duration::from_secs(5));
        assert_eq!((rep.stats.sent, rep.stats.failed), (n, 0), "{rep}");
    }
}
