//! The kernel module's three candidates: already loaded, prebuilt, DKMS.
//!
//! Owns: the reasons a module cannot load here (no module support, a stale
//! module in the way, wrong file, signatures) and the insmod/DKMS
//! attempts through the prober. Must never: read files (facts only).

use super::{abi_fits, reject, want_text, Outcome, Verdict};
use crate::config::LoaderConfig;
use crate::facts::{LoadedModule, ModuleFile, NodeFacts, MODULE};
use crate::prober::Prober;
use crate::sources::{Lockdown, SecureBoot};

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

/// The loaded module's step. The flag is true when a module that does not
/// fit was unloaded (nobody used it), so the next candidates can load one.
pub(super) fn loaded_step(f: &NodeFacts, p: &dyn Prober) -> (Outcome, bool) {
    let Some(m) = &f.loaded else {
        return (
            Outcome::Skipped(format!(
                "no {MODULE} module is loaded (/sys/module/{MODULE} absent)"
            )),
            false,
        );
    };
    let verdict = loaded_verdict(f, m);
    let Outcome::Rejected(why) = &verdict else {
        return (verdict, false);
    };
    match m.refcnt {
        Some(0) => match p.unload() {
            Ok(note) => (
                reject(format!(
                    "{why}; nothing uses it: {note}, so a fitting module can load"
                )),
                true,
            ),
            Err(e) => (reject(format!("{why}; unloading it failed: {e}")), false),
        },
        Some(n) => (
            reject(format!(
                "{why}; it is in use (refcnt {n}): stop what holds /dev/{MODULE} \
                 (an older agent), then `driver-loader unload`"
            )),
            false,
        ),
        None => (verdict, false),
    }
}

fn loaded_verdict(f: &NodeFacts, m: &LoadedModule) -> Outcome {
    let ver = m.version.as_deref().unwrap_or("unknown");
    match (&m.abi_version, loaded_fits(f, m)) {
        (Some(abi), true) => Outcome::Chosen(format!(
            "lanner {ver} is loaded with ABI {abi} ({}); this agent needs ABI {}",
            if m.abi_in_sysfs {
                format!("/sys/module/{MODULE}/parameters/abi_version")
            } else {
                format!(
                    "its srcversion matches {}",
                    m.matched_file
                        .as_ref()
                        .map_or(String::new(), |p| p.display().to_string())
                )
            },
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

pub(super) fn prebuilt_step(f: &NodeFacts, p: &dyn Prober) -> Outcome {
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

pub(super) fn dkms_step(f: &NodeFacts, cfg: &LoaderConfig, p: &dyn Prober) -> Outcome {
    if !cfg.dkms {
        return Outcome::Skipped("DKMS builds are off (driver_loader.dkms: false)".into());
    }
    let run = || -> Verdict {
        if let Some(why) = no_modules(f).or_else(|| stale(f)) {
            return Err(reject(why));
        }
        // Built before (the package's install, DKMS's autoinstall): load
        // it; `dkms build` of a built module fails with DKMS 2 (EL7, EL8).
        let mut earlier = String::new();
        if let Some(file) = &f.dkms.built_file {
            match check_file(f, file) {
                Ok(facts) => {
                    let note = p.insmod(&file.path).map_err(|e| {
                        reject(format!(
                            "built earlier by DKMS: {facts}; insmod failed: {e}"
                        ))
                    })?;
                    return Ok(format!("built earlier by DKMS: {facts}; {note}"));
                }
                Err(Outcome::Rejected(r) | Outcome::Skipped(r) | Outcome::Chosen(r)) => {
                    earlier = format!("the earlier DKMS build is unusable ({r}); ");
                }
            }
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
            return Err(reject(format!("{earlier}{}", missing.join("; "))));
        }
        if !f.dkms.signing_key {
            let what = "a module built here (no DKMS signing key /var/lib/dkms/mok.key)";
            if let Some(b) = signature_blocker(f, what) {
                return Err(reject(b));
            }
        }
        let built = p
            .dkms_build(f)
            .map_err(|e| reject(format!("{earlier}dkms build failed: {e}")))?;
        let note = p
            .insmod(&built)
            .map_err(|e| reject(format!("built {}; insmod failed: {e}", built.display())))?;
        Ok(format!(
            "{earlier}built now: headers at {}, dkms at {}; {note}",
            f.headers.display(),
            f.dkms
                .binary
                .as_ref()
                .map_or(String::new(), |b| b.display().to_string())
        ))
    };
    run().map_or_else(|o| o, Outcome::Chosen)
}
