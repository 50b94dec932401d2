//! Whether BPF works here, by trying: libbpf's feature probes create and
//! free tiny maps and programs of the kinds the fallback uses.
//!
//! Owns: the loader's eBPF check. The full object (verifier on every
//! filler) is loaded by the agent when it starts with `driver: bpf`; an
//! agent calling this library can pass its own `Prober` whose `bpf_load`
//! does that. Must never: attach anything or leave an object behind.

use crate::prober::ProbeError;
use libbpf_rs::{MapType, ProgramType};

/// Probes raw tracepoint programs (required) and ring buffer / perf buffer
/// maps. tp_btf programs need an attach target, so only the agent's load
/// of the real object tells whether they or the raw_tp twins are used.
pub fn probe() -> Result<String, ProbeError> {
    let raw = ProgramType::RawTracepoint.is_supported().map_err(|e| {
        ProbeError(format!(
            "cannot create a BPF program ({e}): needs root with CAP_BPF/CAP_SYS_ADMIN, bpf(2) allowed"
        ))
    })?;
    if !raw {
        return Err(ProbeError(
            "the kernel refused a raw tracepoint program (needs 4.17+)".into(),
        ));
    }
    let ring = MapType::RingBuf.is_supported().unwrap_or(false);
    let perf = MapType::PerfEventArray.is_supported().unwrap_or(false);
    if !ring && !perf {
        return Err(ProbeError(
            "neither a BPF ring buffer nor a perf event array could be created".into(),
        ));
    }
    Ok(format!(
        "probed: raw_tp programs load, transport {} (tp_btf or raw_tp: the agent's load decides)",
        if ring {
            "BPF ring buffer"
        } else {
            "perf buffer"
        }
    ))
}
