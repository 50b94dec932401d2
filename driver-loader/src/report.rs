//! What `explain` and `load` print: the decision, each step with its
//! reason, then the facts; as text for people or JSON for machines.
//!
//! Owns: the output layout. Must never: decide anything.

use crate::decide::Decision;
use crate::facts::NodeFacts;
use crate::sources::SecureBoot;
use std::fmt::Write;

fn yn(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn opt(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// The decision line.
pub fn decision_line(d: &Decision) -> String {
    match &d.chosen {
        Some(c) => format!(
            "decision: {} ({}){}",
            c.driver,
            c.candidate.label(),
            if d.dry_run {
                " [dry run: nothing loaded]"
            } else {
                ""
            }
        ),
        None => "decision: no driver can run on this node".to_string(),
    }
}

/// The facts, one per line.
pub fn facts_text(f: &NodeFacts) -> String {
    let mut s = String::new();
    let distro = f.distro.as_ref().map_or("unknown".to_string(), |d| {
        format!(
            "{} {} ({}, from {})",
            d.id, d.version_id, d.pretty, d.source
        )
    });
    let _ = writeln!(s, "  kernel release: {} ({})", f.release, f.arch);
    let _ = writeln!(s, "  distro: {distro}");
    let lockdown = f.lockdown.map_or("unknown (/sys/kernel/security/lockdown absent: no lockdown LSM, or securityfs not mounted)".to_string(), |l| l.to_string());
    let _ = writeln!(s, "  lockdown: {lockdown}");
    let sb = match f.secure_boot {
        SecureBoot::On => "on",
        SecureBoot::Off => "off",
        SecureBoot::NotEfi => "off (not booted with EFI)",
        SecureBoot::Unknown => "unknown (EFI variable unreadable)",
    };
    let _ = writeln!(s, "  secure boot: {sb}");
    let se = if f.sig_enforce.enforced {
        format!("yes (from {})", f.sig_enforce.source)
    } else {
        "no".into()
    };
    let _ = writeln!(s, "  module signatures enforced: {se}");
    let m = &f.modules;
    let _ = writeln!(
        s,
        "  loadable modules: {} (/proc/modules {}, CONFIG_MODULES {}, modules_disabled {})",
        yn(m.supported()),
        if m.proc_modules { "present" } else { "missing" },
        opt(m.config_modules),
        yn(m.disabled)
    );
    let kc = f
        .kconfig
        .source
        .as_deref()
        .unwrap_or("not found (/boot/config-*, /proc/config.gz)");
    let _ = writeln!(s, "  kernel config: {kc}");
    for (k, v) in &f.kconfig.options {
        let _ = writeln!(s, "    {k}={v}");
    }
    let _ = writeln!(s, "  BTF (/sys/kernel/btf/vmlinux): {}", yn(f.btf));
    let loaded = f.loaded.as_ref().map_or("no".to_string(), |l| {
        format!(
            "yes (version {}, srcversion {}, ABI {}, refcnt {})",
            l.version.as_deref().unwrap_or("?"),
            l.srcversion.as_deref().unwrap_or("?"),
            l.abi_version.as_deref().unwrap_or("unknown"),
            l.refcnt.map_or("?".into(), |r| r.to_string())
        )
    });
    let _ = writeln!(s, "  lanner module loaded: {loaded}");
    let _ = writeln!(
        s,
        "  kernel headers: {} ({})",
        f.headers.display(),
        if f.headers_present {
            "present"
        } else {
            "missing"
        }
    );
    let dk = &f.dkms;
    let _ = writeln!(
        s,
        "  dkms: {}; source {}; signing key {}",
        dk.binary
            .as_ref()
            .map_or("not installed".into(), |p| p.display().to_string()),
        dk.source
            .as_ref()
            .map_or("missing".into(), |p| p.display().to_string()),
        yn(dk.signing_key)
    );
    let pre = match &f.prebuilt {
        None => "missing".to_string(),
        Some(m) => match &m.info {
            Ok(i) => format!(
                "present (ABI {}, vermagic {}, {})",
                i.abi_version.as_deref().unwrap_or("?"),
                i.vermagic.as_deref().unwrap_or("?"),
                if i.signed { "signed" } else { "unsigned" }
            ),
            Err(e) => format!("unreadable: {e}"),
        },
    };
    let _ = writeln!(
        s,
        "  prebuilt module: {} ({pre})",
        f.prebuilt_path.display()
    );
    s
}

/// The whole human report.
pub fn text(f: &NodeFacts, d: &Decision) -> String {
    format!(
        "{}\nsteps:\n{}facts:\n{}",
        decision_line(d),
        d.steps_text(),
        facts_text(f)
    )
}

/// The machine report.
pub fn json(f: &NodeFacts, d: &Decision) -> serde_json::Value {
    serde_json::json!({ "decision": d, "facts": f })
}
