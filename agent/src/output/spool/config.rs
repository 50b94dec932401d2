//! The spool's settings: [`SpoolConfig`], its defaults and validation.
//!
//! Owns: what a user may configure about one output's spool and the
//! checks on it (applied by the outputs' config check, which reports a bad
//! value at its file:line:col, and again when a spool is opened).
//! Must never: touch the file system (opening is `Spool::open`'s job).

use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

/// Smallest `max_bytes`: room for a few hundred typical alerts.
pub const MIN_MAX_BYTES: u64 = 64 << 10;
/// Largest `max_bytes` (1 TiB): a typo guard, not a technical limit.
pub const MAX_MAX_BYTES: u64 = 1 << 40;
/// Bounds of an explicit `segment_bytes`.
pub const MIN_SEGMENT_BYTES: u64 = 4 << 10;
pub const MAX_SEGMENT_BYTES: u64 = 64 << 20;
/// Largest `fsync_interval_ms` (one hour).
pub const MAX_FSYNC_INTERVAL_MS: u64 = 3_600_000;

/// One output's on-disk spool. Absent (the default) means no spool: while
/// the destination is down, alerts are retried, then counted as failed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpoolConfig {
    /// Directory of this output's segment files (created if missing; one
    /// directory per output, locked while in use). Absolute path.
    pub dir: PathBuf,
    /// Disk the spool may use, in bytes (segment files, consumed prefix of
    /// the oldest included). When full, new alerts are dropped and counted;
    /// the last 1/16 is kept for lanner's own "alerts dropped" alerts.
    /// Default 64 MiB; 64 KiB..=1 TiB.
    #[serde(default = "default_max_bytes")]
    pub max_bytes: u64,
    /// Size at which a new segment file is started; a fully delivered
    /// segment is deleted. 0 (default) = max_bytes / 8, within
    /// 4 KiB..=64 MiB; explicit values 4 KiB..=min(64 MiB, max_bytes / 2).
    #[serde(default)]
    pub segment_bytes: u64,
    /// How often written records and the read position are fsync'ed; 0 =
    /// after every record. Default 1000 ms. A crash of lanner loses nothing
    /// either way (the data is in the page cache); a crash of the host
    /// loses at most this much of what was spooled last (and may resend
    /// what was delivered in this window).
    #[serde(default = "default_fsync_interval_ms")]
    pub fsync_interval_ms: u64,
}

fn default_max_bytes() -> u64 {
    64 << 20
}

fn default_fsync_interval_ms() -> u64 {
    1000
}

/// An invalid [`SpoolConfig`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpoolConfigError {
    #[error("spool: dir {0:?} must be an absolute path")]
    Dir(PathBuf),
    #[error("spool: max_bytes {0} must be in {MIN_MAX_BYTES}..={MAX_MAX_BYTES}")]
    MaxBytes(u64),
    #[error(
        "spool: segment_bytes {0} must be 0 (automatic) or in \
         {MIN_SEGMENT_BYTES}..={MAX_SEGMENT_BYTES} and at most max_bytes / 2"
    )]
    SegmentBytes(u64),
    #[error("spool: fsync_interval_ms {0} must be at most {MAX_FSYNC_INTERVAL_MS}")]
    FsyncInterval(u64),
}

impl SpoolConfigError {
    /// The key holding the bad value.
    pub fn field(&self) -> &'static str {
        match self {
            SpoolConfigError::Dir(_) => "dir",
            SpoolConfigError::MaxBytes(_) => "max_bytes",
            SpoolConfigError::SegmentBytes(_) => "segment_bytes",
            SpoolConfigError::FsyncInterval(_) => "fsync_interval_ms",
        }
    }
}

impl SpoolConfig {
    /// A spool in `dir` with every other setting at its default.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        SpoolConfig {
            dir: dir.into(),
            max_bytes: default_max_bytes(),
            segment_bytes: 0,
            fsync_interval_ms: default_fsync_interval_ms(),
        }
    }

    pub fn validate(&self) -> Result<(), SpoolConfigError> {
        if !self.dir.is_absolute() {
            return Err(SpoolConfigError::Dir(self.dir.clone()));
        }
        if !(MIN_MAX_BYTES..=MAX_MAX_BYTES).contains(&self.max_bytes) {
            return Err(SpoolConfigError::MaxBytes(self.max_bytes));
        }
        let s = self.segment_bytes;
        if s != 0
            && (!(MIN_SEGMENT_BYTES..=MAX_SEGMENT_BYTES).contains(&s) || s > self.max_bytes / 2)
        {
            return Err(SpoolConfigError::SegmentBytes(s));
        }
        if self.fsync_interval_ms > MAX_FSYNC_INTERVAL_MS {
            return Err(SpoolConfigError::FsyncInterval(self.fsync_interval_ms));
        }
        Ok(())
    }

    /// The segment size in use (resolving 0 = automatic).
    pub fn effective_segment_bytes(&self) -> u64 {
        match self.segment_bytes {
            0 => (self.max_bytes / 8).clamp(MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES),
            s => s,
        }
    }

    pub fn fsync_interval(&self) -> Duration {
        Duration::from_millis(self.fsync_interval_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_rejections() {
        let c: SpoolConfig = serde_json::from_str(r#"{"dir":"/var/spool/lanner/x"}"#).unwrap();
        assert_eq!(c, SpoolConfig::new("/var/spool/lanner/x"));
        assert_eq!(c.effective_segment_bytes(), 8 << 20);
        for (json, want, field) in [
            (r#"{"dir":"rel"}"#, "absolute", "dir"),
            (
                r#"{"dir":"/d","max_bytes":1000}"#,
                "max_bytes 1000",
                "max_bytes",
            ),
            (
                r#"{"dir":"/d","max_bytes":65536,"segment_bytes":65536}"#,
                "segment_bytes",
                "segment_bytes",
            ),
            (
                r#"{"dir":"/d","segment_bytes":100}"#,
                "segment_bytes",
                "segment_bytes",
            ),
            (
                r#"{"dir":"/d","fsync_interval_ms":99999999}"#,
                "fsync_interval_ms",
                "fsync_interval_ms",
            ),
        ] {
            let c: SpoolConfig = serde_json::from_str(json).unwrap();
            let e = c.validate().unwrap_err();
            assert!(e.to_string().contains(want), "{json}: {e}");
            assert_eq!(e.field(), field);
        }
        for (json, want) in [
            (r#"{"dir":"/d","size":1}"#, "unknown field"),
            (r#"{"max_bytes":65536}"#, "missing field `dir`"),
        ] {
            let e = serde_json::from_str::<SpoolConfig>(json).unwrap_err();
            assert!(e.to_string().contains(want), "{json}: {e}");
        }
        // Bad values are found by the outputs' check, which names the key
        // (config.rs turns that into file:line:col).
        let c: crate::output::OutputsConfig = serde_yaml_ng::from_str(
            "syslog:\n  - transport: tcp\n    address: h:514\n    spool:\n      dir: /d\n      max_bytes: 5\n",
        )
        .unwrap();
        let e = c.check().unwrap_err();
        assert!(
            e.error.to_string().contains("max_bytes 5 must be"),
            "{}",
            e.error
        );
        let small = SpoolConfig {
            max_bytes: MIN_MAX_BYTES,
            ..SpoolConfig::new("/d")
        };
        assert_eq!(small.effective_segment_bytes(), 8 << 10);
    }
}
