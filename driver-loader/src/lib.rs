//! lanner's driver loader: decides per node which capture driver to use
//! (the kernel module or the eBPF fallback) and loads it.
//!
//! Owns: fact gathering (`facts`, `sources`, `kconfig`, `modinfo`), the
//! pure decision (`decide`), the probers (`prober`: dry run; `load`: real),
//! `unload`, the `driver_loader:` config key and the report. Must never:
//! load anything when asked to explain, or reach the network.
//!
//! An agent calls [`explain`] to know the choice, or [`decide::decide`]
//! with its own [`prober::Prober`] (e.g. one whose `bpf_load` loads the
//! full eBPF object).

pub mod bpfprobe;
pub mod config;
pub mod decide;
pub mod facts;
pub mod kconfig;
pub mod load;
pub mod modinfo;
pub mod prober;
pub mod report;
pub mod sources;
pub mod unload;

pub use config::{Driver, LoaderConfig};
pub use decide::{decide, Candidate, Decision, Outcome, Step};
pub use facts::NodeFacts;

use std::path::Path;

/// The facts of the node under `root` and the decision a dry run makes:
/// nothing is loaded, built or probed in the kernel.
pub fn explain(root: &Path, cfg: &LoaderConfig) -> (NodeFacts, Decision) {
    let facts = facts::gather(root, cfg);
    let d = decide(&facts, cfg, &prober::DryRun);
    (facts, d)
}

/// Decides and acts on this node (needs root): loads the module, builds it
/// with DKMS, or checks that eBPF can load. `params` go to the module.
pub fn load_here(cfg: &LoaderConfig, params: &str) -> (NodeFacts, Decision) {
    let facts = facts::gather(Path::new("/"), cfg);
    let prober = load::RealProber {
        log_dir: cfg.log_dir.clone(),
        params: params.to_string(),
    };
    let d = decide(&facts, cfg, &prober);
    (facts, d)
}
