//! The actions the decision tries, behind a trait: the real ones (`load`)
//! or a dry run that answers from facts and loads nothing (`explain`).
//!
//! Owns: the `Prober` trait, `ProbeError`, and `DryRun`. Must never: let
//! `DryRun` touch the kernel, the module tree or any process.

use crate::facts::NodeFacts;
use std::path::{Path, PathBuf};

/// Why an attempt failed, in words for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ProbeError(pub String);

/// Tries the candidates for real, or pretends to.
pub trait Prober {
    /// Loads the module at `path` (an explicit path, never a search).
    /// `Ok` carries a note for the step's reason.
    fn insmod(&self, path: &Path) -> Result<String, ProbeError>;
    /// Builds (and installs) the module with DKMS for this node's kernel;
    /// `Ok` is the built module's path.
    fn dkms_build(&self, facts: &NodeFacts) -> Result<PathBuf, ProbeError>;
    /// Checks that the eBPF fallback can load here. `Ok` carries a note.
    fn bpf_load(&self, facts: &NodeFacts) -> Result<String, ProbeError>;
    /// Unloads the loaded lanner module (one nobody uses, whose ABI does
    /// not fit) so that a fitting one can load. `Ok` carries a note.
    fn unload(&self) -> Result<String, ProbeError>;
    /// True when nothing is really tried.
    fn dry_run(&self) -> bool;
}

/// Answers from facts only: every attempt the facts allow "would work".
#[derive(Debug, Default, Clone, Copy)]
pub struct DryRun;

impl Prober for DryRun {
    fn insmod(&self, path: &Path) -> Result<String, ProbeError> {
        Ok(format!(
            "dry run: `load` would insmod {} (nothing loaded)",
            path.display()
        ))
    }
    fn dkms_build(&self, facts: &NodeFacts) -> Result<PathBuf, ProbeError> {
        Ok(facts.dkms.built.clone())
    }
    fn bpf_load(&self, _facts: &NodeFacts) -> Result<String, ProbeError> {
        Ok("dry run: no BPF object created; `load` probes the BPF features".into())
    }
    fn unload(&self) -> Result<String, ProbeError> {
        Ok("dry run: `load` would unload it (nothing unloaded)".into())
    }
    fn dry_run(&self) -> bool {
        true
    }
}
