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
use crate::facts::{LoadedModule, ModuleFile, NodeFacts, MODULE};
use crate::prober::Prober;
use crate::sources::{KernelVersion, Lockdown, SecureBoot};
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

fn want_text() -> String {
    let w = wanted_abi();
    format!("{}.x >= {}.{}.{}", w.0, w.0, w.1, w.2)
}

type Verdict = Result<String, Outcome>;

fn reject(s: impl Into<String>) -> Outcome {
    Outcome::Rejected(s.into())
}

fn no_modules(f: &NodeFacts) -> Option<String> {
    if f.modules.supported() {
        return None;
    }
    let mut why = Vec::new();
    if !f.modules.proc_modules {
        why.push("/proc/modules is missing".to_string());
    }
    if f.modules.config_modules == Some(false) {
        let src = f.kconfig.source.as_deref().unwrap_or("the kernel config");
        why.push(format!("CONFIG_MODULES is not set ({src})"));
    }
    if f.modules.disabled {
        why.push("kernel.modules_disabled=1 (no module loads until reboot)".into());
    }
    Some(format!(
        "kernel {} cannot load modules: {}",
        f.release,
        why.join("; ")
    ))
}

/// A loaded module that is not usable blocks loading another one.
fn stale(f: &NodeFacts) -> Option<String> {
    let m = f.loaded.as_ref()?;
    (!loaded_fits(f, m)).then(|| {
        format!(
            "a lanner module (version {}) is already loaded and insmod of \
             another {MODULE}.ko would fail (EEXIST): run `driver-loader unload` first",
            m.version.as_deref().unwrap_or("unknown")
        )
    })
}

fn loaded_fits(f: &NodeFacts, m: &LoadedModule) -> bool {
    match &m.abi_version {
        Some(v) => abi_fits(v),
        None => m.version.as_deref() == Some(f.dkms_version.as_str()),
    }
}

fn loaded_step(f: &NodeFacts) -> Outcome {
    let Some(m) = &f.loaded else {
        return Outcome::Skipped(format!(
            "no {MODULE} module is loaded (/sys/module/{MODULE} absent)"
        ));
    };
    let ver = m.version.as_deref().unwrap_or("unknown");
    match (&m.abi_version, loaded_fits(f, m)) {
        (Some(abi), true) => Outcome::Chosen(format!(
            "lanner {ver} is loaded with ABI {abi} (its srcversion matches {}); \
             this agent needs ABI {}",
            m.matched_file
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string()),
            want_text()
        )),
        (Some(abi), false) => reject(format!(
            "the loaded lanner module has ABI {abi}; this agent needs ABI {}",
            want_text()
        )),
        (None, true) => Outcome::Chosen(format!(
            "lanner {ver} is loaded, the same version as this package; its ABI is \
             not in sysfs and its srcversion matches no file here, so the agent \
             checks the ABI when it opens the device"
        )),
        (None, false) => reject(format!(
            "a lanner module version {ver} is loaded, not this package's {}, and its \
             ABI is unknown (srcversion {} matches no prebuilt or DKMS file)",
            f.dkms_version,
            m.srcversion.as_deref().unwrap_or("unknown")
        )),
    }
}

fn signature_blocker(f: &NodeFacts, what: &str) -> Option<String> {
    if f.sig_enforce.enforced {
        return Some(format!(
            "module.sig_enforce=1 (from {}) and {what} is unsigned",
            f.sig_enforce.source
        ));
    }
    match f.lockdown {
        Some(l @ (Lockdown::Integrity | Lockdown::Confidentiality)) => Some(format!(
            "lockdown={l} forbids unsigned modules and {what} is unsigned"
        )),
        _ => None,
    }
}

fn check_file(f: &NodeFacts, file: &ModuleFile) -> Verdict {
    let p = file.path.display();
    let info = file
        .info
        .as_ref()
        .map_err(|e| reject(format!("{p} is not a readable module: {e}")))?;
    if info.name.as_deref() != Some(MODULE) {
        return Err(reject(format!(
            "{p} is module {:?}, not {MODULE}",
            info.name.as_deref().unwrap_or("(unnamed)")
        )));
    }
    match info.vermagic_release() {
        Some(r) if r == f.release => {}
        other => {
            return Err(reject(format!(
                "{p} was built for kernel {}, this kernel is {}",
                other.unwrap_or("(no vermagic)"),
                f.release
            )))
        }
    }
    match info.abi_version.as_deref() {
        Some(a) if abi_fits(a) => {}
        other => {
            return Err(reject(format!(
                "{p} has ABI {}; this agent needs ABI {}",
                other.unwrap_or("(none)"),
                want_text()
            )))
        }
    }
    if !info.signed {
        if let Some(b) = signature_blocker(f, &format!("the module {p}")) {
            return Err(reject(b));
        }
        if f.secure_boot == SecureBoot::On {
            return Ok(format!(
                "{p} is unsigned and Secure Boot is on: only loading it tells whether the kernel accepts it"
            ));
        }
        return Ok(format!("{p}: ABI and kernel release match"));
    }
    Ok(format!(
        "{p}: ABI and kernel release match; signed (whether the kernel trusts the key is known by loading it)"
    ))
}

fn prebuilt_step(f: &NodeFacts, p: &dyn Prober) -> Outcome {
    let run = || -> Verdict {
        if let Some(why) = no_modules(f).or_else(|| stale(f)) {
            return Err(reject(why));
        }
        let file = f.prebuilt.as_ref().ok_or_else(|| {
            reject(format!(
                "no prebuilt module for kernel {} at {}",
                f.release,
                f.prebuilt_path.display()
            ))
        })?;
        let facts = check_file(f, file)?;
        let note = p
            .insmod(&file.path)
            .map_err(|e| reject(format!("{facts}; insmod failed: {e}")))?;
        Ok(format!("{facts}; {note}"))
    };
    run().map_or_else(|o| o, Outcome::Chosen)
}

fn dkms_step(f: &NodeFacts, cfg: &LoaderConfig, p: &dyn Prober) -> Outcome {
    if !cfg.dkms {
        return Outcome::Skipped("DKMS builds are off (driver_loader.dkms: false)".into());
    }
    let run = || -> Verdict {
        if let Some(why) = no_modules(f).or_else(|| stale(f)) {
            return Err(reject(why));
        }
        let mut missing = Vec::new();
        if !f.headers_present {
            missing.push(format!(
                "no headers for {} under {}",
                f.release,
                f.headers.display()
            ));
        }
        if f.dkms.binary.is_none() {
            missing.push("dkms is not installed".to_string());
        }
        if f.dkms.source.is_none() {
            missing.push(format!(
                "no DKMS source /usr/src/{MODULE}-{}/dkms.conf",
                f.dkms_version
            ));
        }
        if !missing.is_empty() {
            return Err(reject(missing.join("; ")));
        }
        if !f.dkms.signing_key {
            let what = "a module built here (no DKMS signing key /var/lib/dkms/mok.key)";
            if let Some(b) = signature_blocker(f, what) {
                return Err(reject(b));
            }
        }
        let built = p
            .dkms_build(f)
            .map_err(|e| reject(format!("dkms build failed: {e}")))?;
        let note = p
            .insmod(&built)
            .map_err(|e| reject(format!("built {}; insmod failed: {e}", built.display())))?;
        Ok(format!(
            "headers at {}, dkms at {}; {note}",
            f.headers.display(),
            f.dkms
                .binary
                .as_ref()
                .map_or(String::new(), |b| b.display().to_string())
        ))
    };
    run().map_or_else(|o| o, Outcome::Chosen)
}

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

fn ebpf_step(f: &NodeFacts, p: &dyn Prober) -> Outcome {
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
    for &d in &order {
        for &c in Candidate::of(d) {
            let outcome = if let Some(ch) = &chosen {
                Outcome::Skipped(format!("not needed: {} was chosen", ch.candidate.label()))
            } else {
                match c {
                    Candidate::LoadedModule => loaded_step(f),
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
