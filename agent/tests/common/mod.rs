//! Helpers shared by the integration tests: running the `lanner` binary,
//! and a private rsyslogd (`rsyslog`).
#![allow(dead_code)]

pub mod certs;
pub mod rsyslog;

use std::process::Command;

/// Runs `lanner ARGS`: (exit code, stdout, stderr).
pub fn lanner(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lanner"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
