//! The file output against a real file system: logrotate's two styles
//! (move the file away, with or without `create`), reopen requests racing
//! with writes, JSON lines, and write errors that are counted, not fatal.

use lanner::engine::priority::Priority;
use lanner::output::alert::{Alert, FieldValue};
use lanner::output::file::{FileConfig, FileOutput, Reopen};
use lanner::output::json::JsonOptions;
use lanner::output::stdout::LineFormat;
use lanner::output::worker::OutputHandle;
use lanner::output::{Outputs, OutputsConfig};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

fn alert(n: u64) -> Alert {
    Alert {
        time_ns: 1_700_000_000_000_000_000 + n,
        rule: "Write below etc".into(),
        priority: Priority::Error,
        output: format!("alert #{n} (file=/etc/x{n})"),
        tags: vec!["filesystem".into()],
        source: "syscall".into(),
        output_fields: vec![("proc.pid".into(), FieldValue::Int(n as i64))],
    }
}

fn text() -> LineFormat {
    LineFormat::Text { iso8601: false }
}

fn spawn(path: &Path, keep_alive: bool, reopen: &Reopen) -> OutputHandle {
    let cfg = FileConfig {
        filename: path.to_path_buf(),
        keep_alive,
        queue_capacity: 100_000,
        ..Default::default()
    };
    FileOutput::spawn(&cfg, text(), reopen.clone()).unwrap()
}

/// Waits (generously) until the output has dealt with `n` alerts.
fn wait_done(h: &OutputHandle, n: u64) {
    let t0 = Instant::now();
    loop {
        let s = h.stats();
        if s.sent + s.failed + s.dropped >= n {
            return;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "stuck: {s}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The alert numbers in a file of text lines, in file order.
fn numbers(path: &Path) -> Vec<u64> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| {
            let n = l.split("alert #").nth(1).expect(l);
            n.split(' ').next().unwrap().parse().unwrap()
        })
        .collect()
}

#[test]
fn logrotate_move_then_reopen_splits_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alerts.log");
    let reopen = Reopen::default();
    let h = spawn(&path, true, &reopen);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "created at start, private");
    for n in 0..50 {
        h.send(alert(n));
    }
    wait_done(&h, 50);
    let rotated = dir.path().join("alerts.log.1");
    std::fs::rename(&path, &rotated).unwrap();
    // Without a reopen the kept-open file still gets the lines.
    h.send(alert(50));
    wait_done(&h, 51);
    assert!(!path.exists());
    reopen.request(); // what SIGHUP does
    for n in 51..120 {
        h.send(alert(n));
    }
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed, r.stats.dropped), (120, 0, 0));
    assert_eq!(numbers(&rotated), (0..51).collect::<Vec<_>>());
    assert_eq!(numbers(&path), (51..120).collect::<Vec<_>>());
    let line = std::fs::read_to_string(&path).unwrap();
    assert!(
        line.starts_with("22:13:20.000000051: Error alert #51 (file=/etc/x51)\n"),
        "{line}"
    );
}

#[test]
fn logrotate_create_style_keeps_the_new_files_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alerts.log");
    let reopen = Reopen::default();
    let h = spawn(&path, true, &reopen);
    h.send(alert(1));
    wait_done(&h, 1);
    // logrotate `create 0640`: move away, create an empty file, signal.
    std::fs::rename(&path, dir.path().join("alerts.log.1")).unwrap();
    std::fs::write(&path, "").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    reopen.request();
    h.send(alert(2));
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!(r.stats.sent, 2);
    assert_eq!(numbers(&path), [2]);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn reopen_requests_racing_with_writes_lose_and_duplicate_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alerts.log");
    let reopen = Reopen::default();
    let h = spawn(&path, true, &reopen);
    const N: u64 = 3000;
    let mut rotated = Vec::new();
    for n in 0..N {
        h.send(alert(n));
        if n % 500 == 250 {
            // Rotate while the output is writing: wait only until the last
            // reopen created the file again, not for the queue to drain.
            let t0 = Instant::now();
            while !path.exists() {
                assert!(t0.elapsed() < Duration::from_secs(30), "never reopened");
                std::thread::yield_now();
            }
            let to = dir.path().join(format!("alerts.log.{}", rotated.len()));
            std::fs::rename(&path, &to).unwrap();
            rotated.push(to);
            reopen.request();
        }
    }
    let r = h.shutdown(Duration::from_secs(30));
    assert_eq!((r.stats.sent, r.stats.failed, r.stats.dropped), (N, 0, 0));
    assert_eq!(rotated.len(), 6);
    let mut all = Vec::new();
    for f in rotated.iter().chain([&path]) {
        let nums = numbers(f);
        // Each file holds one contiguous, ordered run.
        assert!(nums.windows(2).all(|w| w[1] == w[0] + 1), "{f:?}: {nums:?}");
        all.extend(nums);
    }
    assert_eq!(all, (0..N).collect::<Vec<_>>(), "lost or duplicated lines");
}

#[test]
fn without_keep_alive_every_alert_opens_the_current_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.txt");
    let h = spawn(&path, false, &Reopen::default());
    h.send(alert(1));
    wait_done(&h, 1);
    std::fs::rename(&path, dir.path().join("events.txt.1")).unwrap();
    h.send(alert(2)); // no reopen request needed
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!(r.stats.sent, 2);
    assert_eq!(numbers(&path), [2]);
    assert_eq!(numbers(&dir.path().join("events.txt.1")), [1]);
}

#[test]
fn json_output_and_options_from_the_outputs_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alerts.json");
    let text_path = dir.path().join("alerts.txt");
    let yaml = format!(
        "json_output: true\njson_include_tags_property: false\nstdout_output:\n  enabled: false\n\
         file_output:\n  enabled: true\n  filename: {}\n\
         outputs:\n  file:\n    - filename: {}\n      json_output: false\n",
        path.display(),
        text_path.display()
    );
    let cfg = lanner::config::Config::parse("t.yaml", &yaml).unwrap();
    let outs = Outputs::spawn(&cfg.outputs).unwrap();
    assert_eq!(outs.len(), 2);
    outs.send(alert(7));
    let report = outs.shutdown(Duration::from_secs(10));
    assert!(report.0.iter().all(|r| r.stats.sent == 1), "{report}");
    let line = std::fs::read_to_string(&path).unwrap();
    assert_eq!(line.lines().count(), 1);
    let j: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
    assert_eq!(j["rule"], "Write below etc");
    assert_eq!(j["priority"], "Error");
    assert_eq!(j["time"], "2023-11-14T22:13:20.000000007Z");
    assert_eq!(j["output_fields"]["proc.pid"], 7);
    assert!(j.get("tags").is_none(), "json_include_tags_property: false");
    // The lanner-style entry set its own format.
    assert_eq!(numbers(&text_path), [7]);
    let d = OutputsConfig::default();
    assert!(d.file.is_empty() && d.json == JsonOptions::default());
}

#[test]
fn disk_full_is_counted_per_alert_and_never_fatal() {
    let cfg = FileConfig {
        filename: "/dev/full".into(),
        keep_alive: true,
        ..Default::default()
    };
    let h = FileOutput::spawn(&cfg, text(), Reopen::default()).unwrap();
    let counters = h.counters();
    for n in 0..5 {
        h.send(alert(n));
    }
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (0, 5), "{}", r.stats);
    let e = counters.last_error().unwrap();
    assert!(
        e.contains("/dev/full") && e.contains("No space left"),
        "{e}"
    );
}

#[test]
fn a_vanished_directory_fails_alerts_until_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    let path = logs.join("alerts.log");
    let reopen = Reopen::default();
    let h = spawn(&path, true, &reopen);
    let counters = h.counters();
    std::fs::rename(&logs, dir.path().join("logs.old")).unwrap();
    reopen.request();
    h.send(alert(1));
    h.send(alert(2));
    wait_done(&h, 2);
    assert_eq!(h.stats().failed, 2);
    let e = counters.last_error().unwrap();
    assert!(
        e.contains("alerts.log") && e.contains("No such file"),
        "{e}"
    );
    std::fs::create_dir(&logs).unwrap();
    h.send(alert(3));
    let r = h.shutdown(Duration::from_secs(10));
    assert_eq!((r.stats.sent, r.stats.failed), (1, 2));
    assert_eq!(numbers(&path), [3]);
}

#[test]
fn a_file_that_cannot_be_opened_fails_at_start() {
    let dir = tempfile::tempdir().unwrap();
    // A dangling symlink into a missing directory: validation sees the
    // directory, the open fails.
    let path = dir.path().join("link.log");
    std::os::unix::fs::symlink(dir.path().join("gone/x.log"), &path).unwrap();
    let cfg = FileConfig {
        filename: path,
        ..Default::default()
    };
    let e = FileOutput::spawn(&cfg, text(), Reopen::default()).unwrap_err();
    assert!(e.to_string().contains("open:"), "{e}");
}
