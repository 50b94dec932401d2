//! A private rsyslogd for the syslog integration tests: started in a temp
//! dir on an ephemeral port, its parsed output read back line by line.
//!
//! Owns: starting/stopping private rsyslogd instances (temp dir, ephemeral
//! port, no system socket) for these tests.
//! Must never: touch the system's /dev/log or a system rsyslog, leave an
//! rsyslogd running after a test (Drop guard), or skip when rsyslogd is
//! missing (that fails, pointing at the setup script).
#![allow(dead_code)]

use std::fs;
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RSYSLOGD: &str = "/usr/sbin/rsyslogd";
pub const WAIT: Duration = Duration::from_secs(15);
/// The rsyslog config, shared with tests/syslog/run-rsyslog.sh.
pub const CONF_TEMPLATE: &str = include_str!("../../../tests/syslog/rsyslog.conf.in");
/// The TLS input added by [`Rsyslog::start_tls`].
pub const TLS_INPUT: &str = include_str!("../../../tests/syslog/rsyslog-tls-input.conf.in");
/// Where [`Rsyslog::start_tls`] expects the CA and server certificate.
pub const TLS_FILES: [&str; 3] = ["tls/ca.pem", "tls/server.pem", "tls/server-key.pem"];

pub fn rsyslogd() -> PathBuf {
    let p = std::env::var_os("LANNER_RSYSLOGD")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(RSYSLOGD));
    assert!(
        p.exists(),
        "{} not found: the syslog tests need a real rsyslog. Run `make setup` \
         (scripts/setup-host.sh installs the rsyslog package) and rerun.",
        p.display()
    );
    p
}

/// One private rsyslogd; killed on drop.
pub struct Rsyslog {
    pub dir: PathBuf,
    pub child: Option<Child>,
    pub port: u16,
    /// The TLS input's port ([`Rsyslog::start_tls`] only).
    pub tls_port: u16,
}

impl Rsyslog {
    pub fn sock(&self) -> PathBuf {
        self.dir.join("sock/log")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.join("out.log")
    }

    /// `template` (tests/syslog/rsyslog.conf.in or a variant) with its
    /// placeholders filled in.
    pub fn conf(template: &str, dir: &Path, port: u16) -> String {
        template
            .replace("@DIR@", &dir.display().to_string())
            .replace("@PORT@", &port.to_string())
    }

    /// [`CONF_TEMPLATE`] with the TLS input ([`TLS_INPUT`]) after its imtcp
    /// input; `auth_mode` is `anon` or `x509/certvalid`, `tls_port` 0 for
    /// an ephemeral port.
    pub fn tls_template(auth_mode: &str, tls_port: u16) -> String {
        const TCP: &str = "listenPortFileName=\"@DIR@/port\")\n";
        assert!(CONF_TEMPLATE.contains(TCP), "rsyslog.conf.in changed");
        let tls = TLS_INPUT
            .replace("@AUTHMODE@", auth_mode)
            .replace("@TLSPORT@", &tls_port.to_string());
        CONF_TEMPLATE.replace(TCP, &format!("{TCP}{tls}"))
    }

    /// rsyslogd with the usual inputs plus an RFC 5425 TLS input on
    /// `tls_port` (0 = ephemeral; the port is in `tls_port`); the CA and
    /// server certificate must already be in `dir` ([`TLS_FILES`]). Waits
    /// until the TLS input listens.
    pub fn start_tls(dir: &Path, auth_mode: &str, tls_port: u16) -> Rsyslog {
        for f in TLS_FILES {
            assert!(dir.join(f).exists(), "{f} missing in {}", dir.display());
        }
        let _ = fs::remove_file(dir.join("tls-port"));
        let mut r = Self::start_with(&Self::tls_template(auth_mode, tls_port), dir, 0);
        let t0 = Instant::now();
        loop {
            // As for imtcp: a port file only for port 0, else a connect
            // (a session rsyslog drops after a failed handshake).
            let port = if tls_port == 0 {
                fs::read_to_string(dir.join("tls-port"))
                    .ok()
                    .and_then(|s| s.trim().parse::<u16>().ok())
            } else {
                TcpStream::connect(("127.0.0.1", tls_port))
                    .ok()
                    .map(|_| tls_port)
            };
            if let Some(p) = port {
                r.tls_port = p;
                return r;
            }
            assert!(
                t0.elapsed() < WAIT,
                "rsyslogd TLS input not ready (the gtls driver comes with rsyslog-gnutls: \
                 run `make setup`): {}",
                r.diagnostics()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts rsyslogd in `dir` listening on `port` (0 = ephemeral) and
    /// waits until both inputs are up.
    pub fn start(dir: &Path, port: u16) -> Rsyslog {
        Self::start_with(CONF_TEMPLATE, dir, port)
    }

    /// [`Rsyslog::start`] with another config template.
    pub fn start_with(template: &str, dir: &Path, port: u16) -> Rsyslog {
        let bin = rsyslogd();
        fs::create_dir_all(dir.join("work")).unwrap();
        let _ = fs::remove_file(dir.join("port"));
        // A killed instance leaves its pid file; rsyslogd refuses to start
        // if that pid happens to be alive again.
        let _ = fs::remove_file(dir.join("rsyslogd.pid"));
        let conf = dir.join("rsyslog.conf");
        fs::write(&conf, Self::conf(template, dir, port)).unwrap();
        let log = fs::File::create(dir.join("rsyslogd.stderr")).unwrap();
        let mut cmd = Command::new(bin);
        // SAFETY: runs in the forked child before exec, where only
        // async-signal-safe calls are allowed; prctl(2) is a plain syscall
        // that neither allocates nor takes locks. It makes the kernel kill
        // rsyslogd if this test thread dies without running Drop (the test
        // binary SIGKILLed).
        unsafe {
            cmd.pre_exec(|| {
                nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL)
                    .map_err(std::io::Error::from)
            });
        }
        let child = cmd
            .arg("-n")
            .arg("-f")
            .arg(&conf)
            .arg("-i")
            .arg(dir.join("rsyslogd.pid"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("spawn rsyslogd");
        let mut r = Rsyslog {
            dir: dir.to_path_buf(),
            child: Some(child),
            port: 0,
            tls_port: 0,
        };
        let t0 = Instant::now();
        loop {
            if let Some(st) = r.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("rsyslogd exited early ({st}): {}", r.diagnostics());
            }
            // imtcp writes listenPortFileName only for port 0; a fixed port
            // is probed with a connect (an empty session rsyslog ignores).
            let port = if port == 0 {
                fs::read_to_string(dir.join("port"))
                    .ok()
                    .and_then(|s| s.trim().parse::<u16>().ok())
            } else {
                TcpStream::connect(("127.0.0.1", port)).ok().map(|_| port)
            };
            if let (Some(p), true) = (port, r.sock().exists()) {
                r.port = p;
                return r;
            }
            assert!(
                t0.elapsed() < WAIT,
                "rsyslogd not ready: {}",
                r.diagnostics()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL, like a crash.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn diagnostics(&self) -> String {
        let read = |n: &str| fs::read_to_string(self.dir.join(n)).unwrap_or_default();
        format!(
            "\n--- rsyslogd.stderr\n{}\n--- other.log\n{}\n--- out.log\n{}",
            read("rsyslogd.stderr"),
            read("other.log"),
            read("out.log")
        )
    }

    /// Lines of out.log containing `marker`, once there are at least `n`
    /// (panics with diagnostics after the deadline).
    pub fn wait_lines(&self, marker: &str, n: usize) -> Vec<Line> {
        let t0 = Instant::now();
        loop {
            let lines = self.lines(marker);
            if lines.len() >= n {
                return lines;
            }
            assert!(
                t0.elapsed() < WAIT,
                "only {} of {n} lines with {marker:?} arrived: {}",
                lines.len(),
                self.diagnostics()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn lines(&self, marker: &str) -> Vec<Line> {
        fs::read_to_string(self.out())
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains(marker))
            .map(Line::parse)
            .collect()
    }
}

impl Drop for Rsyslog {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One line of the `lannerFields` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub pri: String,
    pub timestamp: String,
    pub hostname: String,
    pub app_name: String,
    pub procid: String,
    pub msgid: String,
    pub sd: String,
    pub msg: String,
}

impl Line {
    pub fn parse(l: &str) -> Line {
        let f: Vec<&str> = l.splitn(8, '|').collect();
        assert_eq!(f.len(), 8, "bad line {l:?}");
        Line {
            pri: f[0].into(),
            timestamp: f[1].into(),
            hostname: f[2].into(),
            app_name: f[3].into(),
            procid: f[4].into(),
            msgid: f[5].into(),
            sd: f[6].into(),
            msg: f[7].into(),
        }
    }
}
