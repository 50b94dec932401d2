//! The eBPF fallback's candidate.
//!
//! Owns: what rules the fallback out from facts (BTF, CONFIG_BPF_SYSCALL,
//! lockdown=confidentiality) with version hints, and the prober's BPF
//! check. Must never: decide from the kernel version alone (backports).

use super::{reject, Outcome, Verdict};
use crate::facts::NodeFacts;
use crate::prober::Prober;
use crate::sources::{KernelVersion, Lockdown};

/// What the kernel version suggests about the fallback's needs (hints:
/// distributions backport, so only the probe decides).
fn bpf_version_gaps(v: Option<KernelVersion>) -> Vec<&'static str> {
    let Some(v) = v else { return Vec::new() };
    let mut gaps = Vec::new();
    if v < KernelVersion(4, 17, 0) {
        gaps.push("raw tracepoints (4.17+)");
    }
    if v < KernelVersion(5, 6, 0) {
        gaps.push("BPF global functions (5.6+, RHEL 8.2+ backports)");
    }
    gaps
}

pub(super) fn ebpf_step(f: &NodeFacts, p: &dyn Prober) -> Outcome {
    let run = || -> Verdict {
        let gaps = bpf_version_gaps(f.kernel_version);
        let mut why = Vec::new();
        if !f.btf {
            why.push(
                "no BTF: /sys/kernel/btf/vmlinux is missing (needs CONFIG_DEBUG_INFO_BTF=y)"
                    .to_string(),
            );
        }
        if f.kconfig.enabled("CONFIG_BPF_SYSCALL") == Some(false) {
            why.push("CONFIG_BPF_SYSCALL is not set".into());
        }
        if f.lockdown == Some(Lockdown::Confidentiality) {
            why.push(
                "lockdown=confidentiality forbids BPF reads of kernel memory, which every filler does"
                    .into(),
            );
        }
        if !why.is_empty() {
            if !gaps.is_empty() {
                why.push(format!(
                    "kernel {} predates {}",
                    f.release,
                    gaps.join(" and ")
                ));
            }
            return Err(reject(format!(
                "{}; the eBPF fallback needs BTF, raw tracepoints and BPF global functions (5.6+)",
                why.join("; ")
            )));
        }
        let transport = match f.kernel_version {
            Some(v) if v >= KernelVersion(5, 8, 0) => "BPF ring buffer expected (5.8+)",
            Some(_) => "perf buffer expected (no BPF ring buffer before 5.8)",
            None => "transport chosen by probing",
        };
        let note = p
            .bpf_load(f)
            .map_err(|e| reject(format!("BTF present; BPF probe failed: {e}")))?;
        Ok(format!(
            "BTF present (/sys/kernel/btf/vmlinux); {transport}; {note}"
        ))
    };
    run().map_or_else(|o| o, Outcome::Chosen)
}
