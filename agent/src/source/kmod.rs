//! The kernel module source: /dev/lanner, its ioctls and its ring mappings.
//!
//! Owns: opening the device, checking ABI/schema versions, mapping every
//! ring (control page read-write, data read-only and double-mapped by the
//! kernel's mmap handler), the capture filter, start/stop, and unmapping.
//! Must never: interpret records (that is `event::decode`) or be used from
//! two threads at once.

use crate::source::merge::{merge_rings, Batch};
use crate::source::ring::Ring;
use crate::source::{Source, SourceStats};
use lanner_abi as abi;
use nix::sys::mman::{mmap, munmap, MapFlags, ProtFlags};
use std::fs::{File, OpenOptions};
use std::num::NonZeroUsize;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::ptr::NonNull;

nix::ioctl_read_bad!(ioc_get_info, abi::LANNER_IOC_GET_INFO, abi::lanner_info);
nix::ioctl_write_ptr_bad!(
    ioc_set_filter,
    abi::LANNER_IOC_SET_FILTER,
    abi::lanner_filter
);
nix::ioctl_none_bad!(ioc_start, abi::LANNER_IOC_START);
nix::ioctl_none_bad!(ioc_stop, abi::LANNER_IOC_STOP);

/// Errors of the kernel module source.
#[derive(Debug, thiserror::Error)]
pub enum KmodError {
    #[error("cannot open {path}: {source} (is the lanner module loaded, and are you root?)")]
    Open {
        path: String,
        source: std::io::Error,
    },
    #[error("{call} failed: {source}")]
    Syscall {
        call: &'static str,
        source: nix::Error,
    },
    #[error("driver {what} version {have} is incompatible with this agent's {want}")]
    Version {
        what: &'static str,
        have: String,
        want: String,
    },
    #[error("driver reports an invalid layout: {0}")]
    Layout(String),
}

/// `/dev/<LANNER_DEVICE_NAME>`.
pub fn default_device() -> std::path::PathBuf {
    let name: &[u8] = &abi::LANNER_DEVICE_NAME[..];
    let name = name.strip_suffix(&[0]).unwrap_or(name);
    Path::new("/dev").join(String::from_utf8_lossy(name).as_ref())
}

fn sys(call: &'static str) -> impl FnOnce(nix::Error) -> KmodError {
    move |source| KmodError::Syscall { call, source }
}

/// The capture filter: native syscall numbers and tracepoints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    raw: abi::lanner_filter,
}

impl Filter {
    /// Enables native syscall `nr` (ignored when out of the mask's range).
    pub fn syscall(mut self, nr: i64) -> Filter {
        let bits = abi::LANNER_SYSCALL_MASK_WORDS as i64 * 64;
        if (0..bits).contains(&nr) {
            self.raw.syscalls[(nr / 64) as usize] |= 1 << (nr % 64);
        }
        self
    }

    /// Enables process-exit records.
    pub fn procexit(mut self) -> Filter {
        self.raw.tracepoints |= abi::LANNER_TP_PROCEXIT;
        self
    }

    /// Skips syscalls that failed (return < 0).
    pub fn drop_failed(mut self) -> Filter {
        self.raw.flags |= abi::LANNER_FILTER_DROP_FAILED;
        self
    }

    /// The ABI struct both drivers take.
    pub fn raw(&self) -> &abi::lanner_filter {
        &self.raw
    }

    /// Whether native syscall `nr` is enabled.
    pub fn has_syscall(&self, nr: i64) -> bool {
        let bits = abi::LANNER_SYSCALL_MASK_WORDS as i64 * 64;
        (0..bits).contains(&nr) && self.raw.syscalls[(nr / 64) as usize] & (1 << (nr % 64)) != 0
    }

    /// Native syscall behind a Falco event type name (x86_64 numbering):
    /// the syscall of the same name; none for tracepoint events.
    pub fn syscall_for_event(name: &str) -> Option<i64> {
        super::syscalls::number(name)
    }

    /// Enables every syscall behind the named event types.
    pub fn events<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Filter {
        for n in names {
            if let Some(nr) = Filter::syscall_for_event(n) {
                self = self.syscall(nr);
            }
        }
        self
    }

    /// The events the process table needs whatever the rules ask for.
    pub fn state_events() -> [&'static str; 6] {
        ["clone", "fork", "vfork", "clone3", "execve", "execveat"]
    }
}

struct Mapping {
    addr: NonNull<std::ffi::c_void>,
    len: usize,
}

/// An open /dev/lanner with all rings mapped.
pub struct KmodSource {
    file: File,
    info: abi::lanner_info,
    rings: Vec<Ring>,
    maps: Vec<Mapping>,
    corrupt_bytes: u64,
    delivered: u64,
    max_batch_bytes: usize,
}

// SAFETY: the mappings are owned by the KmodSource and only reached through
// it; moving it to another thread moves sole access with it.
unsafe impl Send for KmodSource {}

fn semver_ok(have: (u32, u32, u32), want: (u32, u32, u32)) -> bool {
    have.0 == want.0 && (have.1, have.2) >= (want.1, want.2)
}

impl KmodSource {
    /// Opens the device and maps every ring. Capture is not started.
    pub fn open(path: &Path) -> Result<KmodSource, KmodError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_CLOEXEC)
            .open(path)
            .map_err(|source| KmodError::Open {
                path: path.display().to_string(),
                source,
            })?;
        let mut info = abi::lanner_info::default();
        // SAFETY: GET_INFO writes one lanner_info into the pointed-to struct.
        unsafe { ioc_get_info(file.as_raw_fd(), &mut info) }.map_err(sys("ioctl(GET_INFO)"))?;
        let abi_have = (info.abi_major, info.abi_minor, info.abi_patch);
        let abi_want = (
            abi::LANNER_ABI_VERSION_MAJOR,
            abi::LANNER_ABI_VERSION_MINOR,
            abi::LANNER_ABI_VERSION_PATCH,
        );
        let sch_have = (info.schema_major, info.schema_minor, info.schema_patch);
        let sch_want = (
            abi::LANNER_SCHEMA_VERSION_MAJOR,
            abi::LANNER_SCHEMA_VERSION_MINOR,
            abi::LANNER_SCHEMA_VERSION_PATCH,
        );
        for (what, have, want) in [("ABI", abi_have, abi_want), ("schema", sch_have, sch_want)] {
            if !semver_ok(have, want) {
                return Err(KmodError::Version {
                    what,
                    have: format!("{}.{}.{}", have.0, have.1, have.2),
                    want: format!("{}.{}.{}", want.0, want.1, want.2),
                });
            }
        }
        let size = info.ring_size;
        if !size.is_power_of_two()
            || !(abi::LANNER_RING_SIZE_MIN..=abi::LANNER_RING_SIZE_MAX).contains(&size)
        {
            return Err(KmodError::Layout(format!("ring size {size}")));
        }
        if info.ctrl_size as usize != abi::LANNER_CTRL_SIZE as usize || info.nr_rings == 0 {
            return Err(KmodError::Layout(format!(
                "ctrl size {}, {} rings",
                info.ctrl_size, info.nr_rings
            )));
        }
        let mut src = KmodSource {
            file,
            info,
            rings: Vec::new(),
            maps: Vec::new(),
            corrupt_bytes: 0,
            delivered: 0,
            max_batch_bytes: 4 << 20,
        };
        for i in 0..info.nr_rings {
            let base = u64::from(i) * info.mmap_stride;
            let ctrl = src.map(base, abi::LANNER_CTRL_SIZE as usize, true)?;
            let data = src.map(base + info.mmap_data_offset, 2 * size as usize, false)?;
            // SAFETY: ctrl maps one writable control page and data maps the
            // ring's 2 * size bytes, double-mapped by the driver; both stay
            // mapped until `self` drops (after the rings). One Ring per ring.
            let ring = unsafe { Ring::from_raw(ctrl.cast(), data.cast(), size, i) };
            src.rings.push(ring);
        }
        Ok(src)
    }

    fn map(
        &mut self,
        offset: u64,
        len: usize,
        writable: bool,
    ) -> Result<NonNull<std::ffi::c_void>, KmodError> {
        let prot = if writable {
            ProtFlags::PROT_READ | ProtFlags::PROT_WRITE
        } else {
            ProtFlags::PROT_READ
        };
        let off =
            i64::try_from(offset).map_err(|_| KmodError::Layout(format!("offset {offset}")))?;
        let nz = NonZeroUsize::new(len).ok_or_else(|| KmodError::Layout("empty mapping".into()))?;
        // SAFETY: a fresh shared mapping of the device at a kernel-chosen
        // address; nothing else aliases it. Recorded for munmap in Drop.
        let addr = unsafe { mmap(None, nz, prot, MapFlags::MAP_SHARED, &self.file, off) }
            .map_err(sys("mmap"))?;
        self.maps.push(Mapping { addr, len });
        Ok(addr)
    }

    /// What the driver reported at open.
    pub fn info(&self) -> &abi::lanner_info {
        &self.info
    }

    /// Installs the capture filter.
    pub fn set_filter(&self, f: &Filter) -> Result<(), KmodError> {
        // SAFETY: SET_FILTER reads one lanner_filter from the pointer.
        unsafe { ioc_set_filter(self.file.as_raw_fd(), &f.raw) }
            .map_err(sys("ioctl(SET_FILTER)"))?;
        Ok(())
    }

    /// Starts capture.
    pub fn start(&self) -> Result<(), KmodError> {
        // SAFETY: START takes no argument.
        unsafe { ioc_start(self.file.as_raw_fd()) }.map_err(sys("ioctl(START)"))?;
        Ok(())
    }

    /// Stops capture; records already in the rings stay readable.
    pub fn stop(&self) -> Result<(), KmodError> {
        // SAFETY: STOP takes no argument.
        unsafe { ioc_stop(self.file.as_raw_fd()) }.map_err(sys("ioctl(STOP)"))?;
        Ok(())
    }

    /// Per-ring counters (index = CPU).
    pub fn ring_stats(&self) -> Vec<crate::source::ring::RingStats> {
        self.rings.iter().map(Ring::stats).collect()
    }
}

impl Source for KmodSource {
    fn fill(&mut self, batch: &mut Batch) -> std::io::Result<()> {
        let before: u64 = self.rings.iter().map(Ring::resyncs).sum();
        let round = merge_rings(&mut self.rings, batch, self.max_batch_bytes);
        let after: u64 = self.rings.iter().map(Ring::resyncs).sum();
        self.corrupt_bytes += round.corrupt_bytes as u64 + (after - before);
        self.delivered += round.records as u64;
        Ok(())
    }

    fn stats(&self) -> SourceStats {
        let mut s = SourceStats {
            corrupt_bytes: self.corrupt_bytes,
            delivered: self.delivered,
            ..SourceStats::default()
        };
        for r in self.rings.iter().map(Ring::stats) {
            s.events += r.events;
            s.user_faults += r.user_faults;
            s.hits += r.hits;
            for (a, b) in s.drops.iter_mut().zip(r.drops) {
                *a += b;
            }
        }
        s
    }
}

impl Drop for KmodSource {
    fn drop(&mut self) {
        let _ = self.stop();
        self.rings.clear();
        for m in self.maps.drain(..) {
            // SAFETY: unmapping exactly a mapping made in `map`, after the
            // rings that pointed into it were dropped.
            let _ = unsafe { munmap(m.addr, m.len) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_sets_native_bits() {
        let f = Filter::default().events(["openat", "execve"]).procexit();
        assert!(f.has_syscall(libc::SYS_openat));
        assert!(f.has_syscall(libc::SYS_execve));
        assert!(!f.has_syscall(libc::SYS_open));
        assert_eq!(f.raw.tracepoints, abi::LANNER_TP_PROCEXIT);
        assert!(!Filter::default().syscall(9999).has_syscall(9999));
    }

    #[test]
    fn version_rule_is_semver() {
        assert!(semver_ok((1, 2, 0), (1, 0, 0)));
        assert!(!semver_ok((2, 0, 0), (1, 0, 0)));
        assert!(!semver_ok((1, 0, 0), (1, 1, 0)));
    }

    #[test]
    fn missing_device_is_a_clear_error() {
        let e = KmodSource::open(Path::new("/nonexistent/lanner"))
            .err()
            .unwrap();
        assert!(e.to_string().contains("/nonexistent/lanner"), "{e}");
    }
}
