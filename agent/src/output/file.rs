//! The file output: one alert per line (Falco text or Falco JSON) appended
//! to a file, reopened after log rotation.
//!
//! Owns: [`FileConfig`] (Falco's `file_output` keys plus lanner's), opening
//! the file (`O_APPEND`, created `0600`), and reopening it once after each
//! [`Reopen::request`] (what `lanner run` does on SIGHUP), so logrotate can
//! `create` or move the file away and the next line lands in a new one.
//! Must never: block the caller (writes run on the output's thread), panic
//! on a write or open error (ENOSPC, EACCES after rotation: the alert is
//! counted as failed and the next alert opens the file again), or write
//! part of a line into one file and the rest into another.
//!
//! Rotation: the generation is checked before each write, so the first
//! alert after a reopen request goes to the new file and every earlier one
//! to the old. An idle output keeps the old file open until its next alert
//! (logrotate's `delaycompress` or `copytruncate` cover that window). With
//! `keep_alive: false` (Falco's default) the file is opened and closed for
//! every alert, which needs no signal at all.

use super::alert::Alert;
use super::stdout::LineFormat;
use super::worker::{Deliver, DeliveryContext, DeliveryError, OutputHandle};
use super::OutputError;
use serde::Deserialize;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Upper bound of [`FileConfig::queue_capacity`].
pub const MAX_QUEUE_CAPACITY: usize = 1_000_000;

/// One file destination (Falco's `file_output` section, or one entry of
/// lanner's `outputs.file` list).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileConfig {
    /// Falco's `enabled`. Unset means enabled in `outputs.file` (listing
    /// an entry asks for it) and disabled in `file_output` (Falco's
    /// default).
    pub enabled: Option<bool>,
    /// The file; relative paths are relative to lanner's working directory.
    /// Its directory must exist. Default `./events.txt` (Falco's).
    pub filename: PathBuf,
    /// Falco's `keep_alive`: keep the file open between alerts (reopened
    /// on SIGHUP). Default false: open and close it for every alert.
    pub keep_alive: bool,
    /// JSON lines (true) or text lines (false); unset follows Falco's
    /// top-level `json_output`.
    pub json_output: Option<bool>,
    /// Alerts waiting for this output; when full, new ones are dropped and
    /// counted. Default 1024.
    pub queue_capacity: usize,
}

impl Default for FileConfig {
    fn default() -> Self {
        FileConfig {
            enabled: None,
            filename: PathBuf::from("./events.txt"),
            keep_alive: false,
            json_output: None,
            queue_capacity: 1024,
        }
    }
}

/// An invalid [`FileConfig`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileConfigError {
    #[error("file: filename must not be empty")]
    EmptyFilename,
    #[error("file: directory {0:?} of filename does not exist")]
    MissingDirectory(PathBuf),
    #[error("file: filename {0:?} is a directory")]
    IsDirectory(PathBuf),
    #[error("file: queue_capacity {0} must be in 1..={MAX_QUEUE_CAPACITY}")]
    QueueCapacity(usize),
    #[error("file: {0:?} is already the filename of another file output")]
    Duplicate(PathBuf),
}

impl FileConfigError {
    /// The key the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            FileConfigError::QueueCapacity(_) => "queue_capacity",
            _ => "filename",
        }
    }
}

impl FileConfig {
    /// Checks every field (looking at the file system only to see that the
    /// directory exists and the filename is not a directory).
    pub fn validate(&self) -> Result<(), FileConfigError> {
        let f = &self.filename;
        if f.as_os_str().is_empty() {
            return Err(FileConfigError::EmptyFilename);
        }
        if f.is_dir() {
            return Err(FileConfigError::IsDirectory(f.clone()));
        }
        let dir = match f.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(FileConfigError::MissingDirectory(dir.to_path_buf()));
        }
        if !(1..=MAX_QUEUE_CAPACITY).contains(&self.queue_capacity) {
            return Err(FileConfigError::QueueCapacity(self.queue_capacity));
        }
        Ok(())
    }

    /// The output's name in stats lines: `file:/var/log/lanner.log`.
    pub fn name(&self) -> String {
        format!("file:{}", self.filename.display())
    }
}

/// Reopen requests shared by every file output: a generation counter each
/// output compares with the one it opened its file at.
#[derive(Debug, Clone, Default)]
pub struct Reopen(Arc<AtomicU64>);

impl Reopen {
    /// Asks every file output to reopen its file before its next write.
    pub fn request(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    pub fn generation(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Turns a signal flag (set by a `signal_hook::flag` handler, which
    /// does nothing else) into reopen requests: a thread polls `flag`
    /// every `poll` and ends once `stop` is set.
    pub fn watch_flag(
        &self,
        flag: Arc<AtomicBool>,
        stop: Arc<AtomicBool>,
        poll: Duration,
    ) -> io::Result<JoinHandle<()>> {
        let reopen = self.clone();
        std::thread::Builder::new()
            .name("reopen-watch".into())
            .spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if flag.swap(false, Ordering::AcqRel) {
                        reopen.request();
                    }
                    std::thread::sleep(poll);
                }
            })
    }
}

fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| with_path(path, e))
}

fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Renders and appends; owns the open file.
struct FileDeliver {
    path: PathBuf,
    keep_alive: bool,
    format: LineFormat,
    reopen: Reopen,
    file: Option<File>,
    /// The reopen generation `file` was opened at.
    opened_at: u64,
    buf: String,
}

impl FileDeliver {
    fn file(&mut self) -> io::Result<&mut File> {
        let generation = self.reopen.generation();
        if generation != self.opened_at {
            self.file = None;
        }
        let file = match self.file.take() {
            Some(f) => f,
            None => {
                // Read the generation first: a request arriving while
                // opening makes the next write open again, not be missed.
                let f = open_append(&self.path)?;
                self.opened_at = generation;
                f
            }
        };
        Ok(self.file.insert(file))
    }
}

impl Deliver for FileDeliver {
    fn deliver(&mut self, alert: &Alert, _: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        self.format.render(alert, &mut buf);
        let path = self.path.clone();
        // One write per line: with O_APPEND a line is never split between
        // the old and the new file.
        let r = self
            .file()
            .and_then(|f| f.write_all(buf.as_bytes()).map_err(|e| with_path(&path, e)));
        self.buf = buf;
        if r.is_err() || !self.keep_alive {
            // After an error the next alert opens the file again (it may
            // have been rotated away or the disk freed).
            self.file = None;
        }
        Ok(r?)
    }

    fn close(&mut self) {
        self.file = None;
    }
}

/// Entry point of the file output.
#[derive(Debug)]
pub struct FileOutput;

impl FileOutput {
    /// Validates `config`, opens the file once (so a file that cannot be
    /// created fails at start) and starts the output's thread.
    pub fn spawn(
        config: &FileConfig,
        format: LineFormat,
        reopen: Reopen,
    ) -> Result<OutputHandle, OutputError> {
        config.validate()?;
        let name = config.name();
        let opened_at = reopen.generation();
        let file = open_append(&config.filename).map_err(|source| OutputError::Open {
            name: name.clone(),
            source,
        })?;
        let deliver = FileDeliver {
            path: config.filename.clone(),
            keep_alive: config.keep_alive,
            format,
            reopen,
            file: config.keep_alive.then_some(file),
            opened_at,
            buf: String::new(),
        };
        OutputHandle::spawn(
            name.clone(),
            config.queue_capacity,
            Duration::from_secs(2),
            deliver,
        )
        .map_err(|source| OutputError::Spawn { name, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn validation_names_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let ok = FileConfig {
            filename: dir.path().join("a.log"),
            ..Default::default()
        };
        ok.validate().unwrap();
        FileConfig::default().validate().unwrap(); // ./events.txt
        let bad = |c: FileConfig| c.validate().unwrap_err();
        let e = bad(FileConfig {
            filename: PathBuf::new(),
            ..Default::default()
        });
        assert_eq!(
            (e.clone(), e.field()),
            (FileConfigError::EmptyFilename, "filename")
        );
        let missing = dir.path().join("nope");
        let e = bad(FileConfig {
            filename: missing.join("a.log"),
            ..Default::default()
        });
        assert_eq!(e, FileConfigError::MissingDirectory(missing));
        let e = bad(FileConfig {
            filename: dir.path().to_path_buf(),
            ..Default::default()
        });
        assert!(matches!(e, FileConfigError::IsDirectory(_)));
        let e = bad(FileConfig {
            queue_capacity: 0,
            ..ok
        });
        assert_eq!(e.field(), "queue_capacity");
    }

    #[test]
    fn creates_0600_and_appends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        open_append(&path).unwrap().write_all(b"new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\nnew\n");
        // An existing file keeps its mode; a new one is private.
        let fresh = dir.path().join("b.log");
        open_append(&fresh).unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn watch_flag_turns_flags_into_generations() {
        let reopen = Reopen::default();
        let (flag, stop) = (Arc::new(AtomicBool::new(false)), Arc::default());
        let t = reopen
            .watch_flag(flag.clone(), Arc::clone(&stop), Duration::from_millis(1))
            .unwrap();
        flag.store(true, Ordering::Release);
        let t0 = std::time::Instant::now();
        while reopen.generation() == 0 {
            assert!(t0.elapsed() < Duration::from_secs(10), "never seen");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(!flag.load(Ordering::Acquire));
        stop.store(true, Ordering::Release);
        t.join().unwrap();
        assert_eq!(reopen.generation(), 1);
    }
}
