//! The driver-neutral capture interface `lanner run` and `lanner dump`
//! use: a `Source` that can also be filtered, started and stopped, opened
//! by name (`kmod` or `bpf`).
//!
//! Owns: choosing the source type from the driver name. Which driver a
//! node should use is the driver-loader's decision; this only opens the
//! one it is told. Must never: fall back silently from one driver to the
//! other (a user who asked for kmod and got eBPF would not know).

use crate::source::bpf::{BpfError, BpfSource, LoadOptions};
use crate::source::kmod::{Filter, KmodError, KmodSource};
use crate::source::ring::RingStats;
use crate::source::Source;
use std::path::Path;

/// A record source with capture control.
pub trait Capture: Source {
    fn set_filter(&mut self, f: &Filter) -> Result<(), DriverError>;
    fn start(&mut self) -> Result<(), DriverError>;
    fn stop(&mut self) -> Result<(), DriverError>;
    /// One line: driver, rings, ring size, probed features.
    fn describe(&self) -> String;
    /// (rings, bytes per ring); rings = possible CPUs.
    fn geometry(&self) -> (u32, u32);
    /// Counters of each ring, index = CPU.
    fn ring_stats(&self) -> Vec<RingStats>;
}

/// A driver failed.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error(transparent)]
    Kmod(#[from] KmodError),
    #[error(transparent)]
    Bpf(#[from] BpfError),
    #[error("unknown driver '{0}' (kmod|bpf)")]
    Unknown(String),
}

impl Capture for KmodSource {
    fn set_filter(&mut self, f: &Filter) -> Result<(), DriverError> {
        Ok(KmodSource::set_filter(self, f)?)
    }
    fn start(&mut self) -> Result<(), DriverError> {
        Ok(KmodSource::start(self)?)
    }
    fn stop(&mut self) -> Result<(), DriverError> {
        Ok(KmodSource::stop(self)?)
    }
    fn describe(&self) -> String {
        format!(
            "kernel module, {} rings of {} KiB",
            self.info().nr_rings,
            self.info().ring_size / 1024
        )
    }
    fn geometry(&self) -> (u32, u32) {
        (self.info().nr_rings, self.info().ring_size)
    }
    fn ring_stats(&self) -> Vec<RingStats> {
        KmodSource::ring_stats(self)
    }
}

impl Capture for BpfSource {
    fn set_filter(&mut self, f: &Filter) -> Result<(), DriverError> {
        Ok(BpfSource::set_filter(self, f)?)
    }
    fn start(&mut self) -> Result<(), DriverError> {
        Ok(BpfSource::start(self)?)
    }
    fn stop(&mut self) -> Result<(), DriverError> {
        Ok(BpfSource::stop(self)?)
    }
    fn describe(&self) -> String {
        let (n, size) = self.geometry();
        let r = self.report();
        format!(
            "eBPF fallback ({:?}, {:?} programs), {n} rings of {} KiB",
            r.transport,
            r.flavour,
            size / 1024
        )
    }
    fn geometry(&self) -> (u32, u32) {
        BpfSource::geometry(self)
    }
    fn ring_stats(&self) -> Vec<RingStats> {
        BpfSource::ring_stats(self)
    }
}

/// Opens driver `kind`: the module through `device`, or loads the eBPF
/// fallback with rings of `ring_size` bytes (0: default).
pub fn open(kind: &str, device: &Path, ring_size: u32) -> Result<Box<dyn Capture>, DriverError> {
    match kind {
        "kmod" => Ok(Box::new(KmodSource::open(device)?)),
        "bpf" => Ok(Box::new(BpfSource::open(&LoadOptions {
            ring_size,
            ..LoadOptions::default()
        })?)),
        k => Err(DriverError::Unknown(k.to_string())),
    }
}
