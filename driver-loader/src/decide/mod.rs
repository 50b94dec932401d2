//! The decision: which driver this node uses, as a pure function of the
//! node's facts, the allowed drivers and a `Prober`.
//!
//! Order per allowed driver: kmod = module already loaded with a fitting
//! ABI -> prebuilt module for this exact release -> DKMS build; ebpf = the
//! fallback when the kernel has what it needs. Facts that make an attempt
//! certain to fail reject it without trying; otherwise the prober's
//! attempt is the final word. Owns: the order and every reason text.
//! Must never: read files, load anything or depend on the host: all it
//! knows comes from `NodeFacts` and the prober.

use crate::config::{Driver, LoaderConfig};
use crate::facts::NodeFacts;
use crate::prober::Prober;
use serde::Serialize;
use std::path::PathBuf;

/// One way to get a driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Candidate {
    LoadedModule,
    PrebuiltModule,
    DkmsBuild,
    Ebpf,
}

impl Candidate {
    pub fn driver(self) -> Driver {
        match self {
            Candidate::Ebpf => Driver::Ebpf,
            _ => Driver::Kmod,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Candidate::LoadedModule => "kmod: module already loaded",
            Candidate::PrebuiltModule => "kmod: prebuilt module",
            Candidate::DkmsBuild => "kmod: DKMS build",
            Candidate::Ebpf => "ebpf: eBPF fallback",
        }
    }
    fn of(d: Driver) -> &'static [Candidate] {
        match d {
            Driver::Kmod => &[
                Candidate::LoadedModule,
                Candidate::PrebuiltModule,
                Candidate::DkmsBuild,
            ],
            Driver::Ebpf => &[Candidate::Ebpf],
        }
    }
}

/// What happened to a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "lowercase")]
pub enum Outcome {
    Chosen(String),
    Rejected(String),
    Skipped(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub candidate: Candidate,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The driver chosen and, for the module, the file loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub candidate: Candidate,
    pub driver: Driver,
    pub module: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub chosen: Option<Choice>,
    pub steps: Vec<Step>,
    pub dry_run: bool,
}

impl Decision {
    /// Every step and why, one per line (the error when nothing fits).
    pub fn steps_text(&self) -> String {
        let mut s = String::new();
        for (i, st) in self.steps.iter().enumerate() {
            let (word, why) = match &st.outcome {
                Outcome::Chosen(r) => ("chosen", r),
                Outcome::Rejected(r) => ("rejected", r),
                Outcome::Skipped(r) => ("skipped", r),
            };
            s += &format!("  {}. {}: {word}: {why}\n", i + 1, st.candidate.label());
        }
        s
    }
}

/// The ABI this loader's agent speaks (abi/lanner_abi.h).
pub fn wanted_abi() -> (u32, u32, u32) {
    (
        lanner_abi::LANNER_ABI_VERSION_MAJOR,
        lanner_abi::LANNER_ABI_VERSION_MINOR,
        lanner_abi::LANNER_ABI_VERSION_PATCH,
    )
}

fn parse_abi(v: &str) -> Option<(u32, u32, u32)> {
    let mut it = v.trim().split('.').map(|p| p.parse::<u32>().ok());
    Some((it.next()??, it.next()??, it.next().flatten().unwrap_or(0)))
}

/// The agent's rule (source/kmod.rs): same major, minor.patch not older.
pub fn abi_fits(have: &str) -> bool {
    let want = wanted_abi();
    parse_abi(have).is_some_and(|h| h.0 == want.0 && (h.1, h.2) >= (want.1, want.2))
}

pub(crate) fn want_text() -> String {
    let w = wanted_abi();
    format!("{}.x >= {}.{}.{}", w.0, w.0, w.1, w.2)
}

type Verdict = Result<String, Outcome>;

fn reject(s: impl Into<String>) -> Outcome {
    Outcome::Rejected(s.into())
}

mod ebpf;
mod kmod;
use ebpf::ebpf_step;
use kmod::{dkms_step, loaded_step, prebuilt_step};

/// Decides which driver this node uses. Pure apart from what `prober`
/// does (nothing, for `DryRun`).
pub fn decide(f: &NodeFacts, cfg: &LoaderConfig, prober: &dyn Prober) -> Decision {
    let mut order: Vec<Driver> = Vec::new();
    for d in &cfg.allowed {
        if !order.contains(d) {
            order.push(*d);
        }
    }
    let mut steps = Vec::new();
    let mut chosen: Option<Choice> = None;
    // Once a stale module is unloaded the node no longer has one loaded.
    let mut now = f.clone();
    let f = &mut now;
    for &d in &order {
        for &c in Candidate::of(d) {
            let outcome = if let Some(ch) = &chosen {
                Outcome::Skipped(format!("not needed: {} was chosen", ch.candidate.label()))
            } else {
                match c {
                    Candidate::LoadedModule => {
                        let (outcome, unloaded) = loaded_step(f, prober);
                        if unloaded {
                            f.loaded = None;
                        }
                        outcome
                    }
                    Candidate::PrebuiltModule => prebuilt_step(f, prober),
                    Candidate::DkmsBuild => dkms_step(f, cfg, prober),
                    Candidate::Ebpf => ebpf_step(f, prober),
                }
            };
            if matches!(outcome, Outcome::Chosen(_)) {
                chosen = Some(Choice {
                    candidate: c,
                    driver: d,
                    module: match c {
                        Candidate::PrebuiltModule => f.prebuilt.as_ref().map(|m| m.path.clone()),
                        Candidate::DkmsBuild => Some(f.dkms.built.clone()),
                        _ => None,
                    },
                });
            }
            steps.push(Step {
                candidate: c,
                outcome,
            });
        }
    }
    for d in [Driver::Kmod, Driver::Ebpf] {
        if !order.contains(&d) {
            for &c in Candidate::of(d) {
                steps.push(Step {
                    candidate: c,
                    outcome: Outcome::Skipped(format!("{d} is not in driver_loader.allowed")),
                });
            }
        }
    }
    Decision {
        chosen,
        steps,
        dry_run: prober.dry_run(),
    }
}
