//! The decision as a pure function: a table of fake nodes (no files, no
//! kernel), with the dry-run prober and a scripted one whose attempts fail.

use lanner_driver_loader::config::{Driver, LoaderConfig};
use lanner_driver_loader::decide::{abi_fits, decide, Candidate, Decision, Outcome};
use lanner_driver_loader::facts::{
    Dkms, LoadedModule, ModuleFile, ModuleSupport, NodeFacts, SigEnforce,
};
use lanner_driver_loader::kconfig::KernelConfig;
use lanner_driver_loader::modinfo::ModInfo;
use lanner_driver_loader::prober::{DryRun, ProbeError, Prober};
use lanner_driver_loader::sources::{parse_release, Distro, Lockdown, SecureBoot};
use std::path::{Path, PathBuf};

const ABI: &str = "1.0.0";

fn prebuilt(release: &str, signed: bool) -> ModuleFile {
    ModuleFile {
        path: PathBuf::from(format!("/usr/lib/lanner/kmod/{release}/lanner.ko")),
        info: Ok(ModInfo {
            name: Some("lanner".into()),
            version: Some("0.1.0".into()),
            abi_version: Some(ABI.into()),
            vermagic: Some(format!("{release} SMP mod_unload modversions ")),
            srcversion: Some("ABCDEF0123456789".into()),
            signed,
            ..ModInfo::default()
        }),
    }
}

/// A node that can load modules, with nothing installed.
fn node(release: &str, distro: &str, version: &str) -> NodeFacts {
    NodeFacts {
        release: release.into(),
        kernel_version: parse_release(release),
        arch: "x86_64".into(),
        distro: Some(Distro {
            id: distro.into(),
            version_id: version.into(),
            pretty: String::new(),
            source: "/etc/os-release".into(),
        }),
        lockdown: None,
        secure_boot: SecureBoot::NotEfi,
        sig_enforce: SigEnforce::default(),
        modules: ModuleSupport {
            proc_modules: true,
            config_modules: Some(true),
            disabled: false,
        },
        kconfig: KernelConfig::default(),
        btf: false,
        loaded: None,
        headers: PathBuf::from(format!("/lib/modules/{release}/build")),
        headers_present: false,
        dkms: Dkms {
            built: PathBuf::from(format!(
                "/var/lib/dkms/lanner/0.1.0/{release}/x86_64/module/lanner.ko"
            )),
            ..Dkms::default()
        },
        prebuilt_path: PathBuf::from(format!("/usr/lib/lanner/kmod/{release}/lanner.ko")),
        prebuilt: None,
        dkms_version: "0.1.0".into(),
    }
}

fn el7() -> NodeFacts {
    node("3.10.0-1160.el7.x86_64", "centos", "7")
}

fn debian12() -> NodeFacts {
    let mut f = node("6.1.0-18-amd64", "debian", "12");
    f.btf = true;
    f
}

fn with_dkms(mut f: NodeFacts) -> NodeFacts {
    f.headers_present = true;
    f.dkms.binary = Some("/usr/sbin/dkms".into());
    f.dkms.source = Some("/usr/src/lanner-0.1.0/dkms.conf".into());
    f
}

fn allowed(a: &[Driver]) -> LoaderConfig {
    LoaderConfig {
        allowed: a.to_vec(),
        ..LoaderConfig::default()
    }
}

/// Every attempt fails, as on a node where the kernel refuses everything.
struct Refusing;
impl Prober for Refusing {
    fn insmod(&self, _: &Path) -> Result<String, ProbeError> {
        Err(ProbeError(
            "the kernel rejected the module's signature (EKEYREJECTED)".into(),
        ))
    }
    fn dkms_build(&self, _: &NodeFacts) -> Result<PathBuf, ProbeError> {
        Err(ProbeError(
            "make exited with 2 (log: /var/log/lanner/dkms.log)".into(),
        ))
    }
    fn bpf_load(&self, _: &NodeFacts) -> Result<String, ProbeError> {
        Err(ProbeError("verifier rejected fill_open".into()))
    }
    fn unload(&self) -> Result<String, ProbeError> {
        Err(ProbeError("delete_module(lanner): EBUSY".into()))
    }
    fn dry_run(&self) -> bool {
        false
    }
}

fn reason(d: &Decision, c: Candidate) -> (&'static str, String) {
    let st = d
        .steps
        .iter()
        .find(|s| s.candidate == c)
        .expect("step listed");
    match &st.outcome {
        Outcome::Chosen(r) => ("chosen", r.clone()),
        Outcome::Rejected(r) => ("rejected", r.clone()),
        Outcome::Skipped(r) => ("skipped", r.clone()),
    }
}

struct Case {
    name: &'static str,
    facts: NodeFacts,
    cfg: LoaderConfig,
    want: Option<Candidate>,
    /// (candidate, outcome word, text the reason must contain)
    reasons: Vec<(Candidate, &'static str, &'static str)>,
}

fn cases() -> Vec<Case> {
    let kmod_ebpf = allowed(&[Driver::Kmod, Driver::Ebpf]);
    let mut el7_full = with_dkms(el7());
    el7_full.prebuilt = Some(prebuilt(&el7_full.release, false));

    let mut sb_lockdown = debian12();
    sb_lockdown.prebuilt = Some(prebuilt(&sb_lockdown.release, false));
    sb_lockdown.secure_boot = SecureBoot::On;
    sb_lockdown.lockdown = Some(Lockdown::Integrity);

    let mut sig = with_dkms(debian12());
    sig.prebuilt = Some(prebuilt(&sig.release, false));
    sig.sig_enforce = SigEnforce {
        enforced: true,
        source: "/proc/cmdline".into(),
    };

    let mut deb_pre = debian12();
    deb_pre.prebuilt = Some(prebuilt(&deb_pre.release, true));

    let mut loaded_ok = el7();
    loaded_ok.loaded = Some(LoadedModule {
        version: Some("0.1.0".into()),
        srcversion: Some("ABCDEF0123456789".into()),
        refcnt: Some(0),
        abi_version: Some(ABI.into()),
        abi_in_sysfs: false,
        matched_file: Some("/usr/lib/lanner/kmod/x/lanner.ko".into()),
    });

    let mut loaded_old = debian12();
    loaded_old.prebuilt = Some(prebuilt(&loaded_old.release, false));
    loaded_old.loaded = Some(LoadedModule {
        version: Some("0.0.9".into()),
        abi_version: Some("0.9.0".into()),
        ..LoadedModule::default()
    });

    // The same stale module, but nobody holds it: it is unloaded first.
    let mut loaded_old_unused = loaded_old.clone();
    loaded_old_unused.loaded.as_mut().unwrap().refcnt = Some(0);
    let mut loaded_old_busy = loaded_old.clone();
    loaded_old_busy.loaded.as_mut().unwrap().refcnt = Some(2);

    // lanner-dkms's install built the module already; no headers needed to load it.
    let mut dkms_built = el7();
    dkms_built.dkms.binary = Some("/usr/sbin/dkms".into());
    let mut built = prebuilt(&dkms_built.release, false);
    built.path = dkms_built.dkms.built.clone();
    dkms_built.dkms.built_file = Some(built);

    let mut nothing = el7();
    nothing.modules.config_modules = Some(false);
    nothing.modules.proc_modules = false;
    nothing.kconfig.source = Some("/boot/config-3.10.0-1160.el7.x86_64".into());

    let mut wrong_build = debian12();
    wrong_build.prebuilt = Some(prebuilt("6.1.0-17-amd64", false));
    wrong_build.btf = false;

    vec![
        Case {
            name: "EL7 3.10 with headers and a prebuilt module: prebuilt",
            facts: el7_full,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::PrebuiltModule),
            reasons: vec![
                (Candidate::LoadedModule, "skipped", "no lanner module is loaded"),
                (Candidate::PrebuiltModule, "chosen", "ABI and kernel release match"),
                (Candidate::DkmsBuild, "skipped", "not needed"),
            ],
        },
        Case {
            name: "EL7 without prebuilt or headers: error listing both",
            facts: el7(),
            cfg: kmod_ebpf.clone(),
            want: None,
            reasons: vec![
                (Candidate::PrebuiltModule, "rejected", "no prebuilt module for kernel 3.10.0-1160.el7.x86_64 at /usr/lib/lanner/kmod/3.10.0-1160.el7.x86_64/lanner.ko"),
                (Candidate::DkmsBuild, "rejected", "no headers for 3.10.0-1160.el7.x86_64 under /lib/modules/3.10.0-1160.el7.x86_64/build"),
                (Candidate::Ebpf, "rejected", "predates raw tracepoints (4.17+)"),
                (Candidate::Ebpf, "rejected", "no BTF"),
            ],
        },
        Case {
            name: "Secure Boot + lockdown=integrity, unsigned module: eBPF",
            facts: sb_lockdown,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::Ebpf),
            reasons: vec![
                (Candidate::PrebuiltModule, "rejected", "lockdown=integrity forbids unsigned modules"),
                (Candidate::Ebpf, "chosen", "BTF present"),
            ],
        },
        Case {
            name: "module.sig_enforce=1: eBPF with the reason",
            facts: sig,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::Ebpf),
            reasons: vec![
                (Candidate::PrebuiltModule, "rejected", "module.sig_enforce=1 (from /proc/cmdline) and the module /usr/lib/lanner/kmod/6.1.0-18-amd64/lanner.ko is unsigned"),
                (Candidate::DkmsBuild, "rejected", "module.sig_enforce=1 (from /proc/cmdline) and a module built here (no DKMS signing key"),
            ],
        },
        Case {
            name: "modern Debian with BTF, kmod first: kmod",
            facts: deb_pre.clone(),
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::PrebuiltModule),
            reasons: vec![(Candidate::Ebpf, "skipped", "not needed")],
        },
        Case {
            name: "modern Debian with BTF, allowed [ebpf]: ebpf",
            facts: deb_pre,
            cfg: allowed(&[Driver::Ebpf]),
            want: Some(Candidate::Ebpf),
            reasons: vec![
                (Candidate::Ebpf, "chosen", "BPF ring buffer expected (5.8+)"),
                (Candidate::PrebuiltModule, "skipped", "kmod is not in driver_loader.allowed"),
            ],
        },
        Case {
            name: "module already loaded with the right ABI: use it",
            facts: loaded_ok,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::LoadedModule),
            reasons: vec![(Candidate::LoadedModule, "chosen", "loaded with ABI 1.0.0")],
        },
        Case {
            name: "loaded with a wrong ABI: reason, then the next step",
            facts: loaded_old,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::Ebpf),
            reasons: vec![
                (Candidate::LoadedModule, "rejected", "the loaded lanner module has ABI 0.9.0; this agent needs ABI 1.x >= 1.0.0"),
                (Candidate::PrebuiltModule, "rejected", "run `driver-loader unload` first"),
            ],
        },
        Case {
            name: "loaded with a wrong ABI, unused: unloaded, then the prebuilt module",
            facts: loaded_old_unused,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::PrebuiltModule),
            reasons: vec![
                (Candidate::LoadedModule, "rejected", "ABI 0.9.0; this agent needs ABI 1.x >= 1.0.0; nothing uses it: dry run: `load` would unload it"),
                (Candidate::PrebuiltModule, "chosen", "would insmod /usr/lib/lanner/kmod/6.1.0-18-amd64/lanner.ko"),
            ],
        },
        Case {
            name: "loaded with a wrong ABI and in use: left alone, with the reason",
            facts: loaded_old_busy,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::Ebpf),
            reasons: vec![
                (Candidate::LoadedModule, "rejected", "it is in use (refcnt 2)"),
                (Candidate::PrebuiltModule, "rejected", "run `driver-loader unload` first"),
            ],
        },
        Case {
            name: "built earlier by DKMS: loaded as it is, nothing rebuilt",
            facts: dkms_built,
            cfg: kmod_ebpf.clone(),
            want: Some(Candidate::DkmsBuild),
            reasons: vec![(
                Candidate::DkmsBuild,
                "chosen",
                "built earlier by DKMS: /var/lib/dkms/lanner/0.1.0/3.10.0-1160.el7.x86_64/x86_64/module/lanner.ko: ABI and kernel release match; dry run",
            )],
        },
        Case {
            name: "no module support and no BTF: nothing works",
            facts: nothing,
            cfg: kmod_ebpf.clone(),
            want: None,
            reasons: vec![
                (Candidate::PrebuiltModule, "rejected", "cannot load modules: /proc/modules is missing; CONFIG_MODULES is not set (/boot/config-3.10.0-1160.el7.x86_64)"),
                (Candidate::DkmsBuild, "rejected", "cannot load modules"),
                (Candidate::Ebpf, "rejected", "no BTF"),
            ],
        },
        Case {
            name: "prebuilt for another release is not used",
            facts: wrong_build,
            cfg: kmod_ebpf,
            want: None,
            reasons: vec![(Candidate::PrebuiltModule, "rejected", "was built for kernel 6.1.0-17-amd64, this kernel is 6.1.0-18-amd64")],
        },
    ]
}

#[test]
fn the_decision_table_holds() {
    for c in cases() {
        let d = decide(&c.facts, &c.cfg, &DryRun);
        assert_eq!(
            d.chosen.as_ref().map(|ch| ch.candidate),
            c.want,
            "{}:\n{}",
            c.name,
            d.steps_text()
        );
        assert!(d.dry_run);
        for (cand, word, text) in &c.reasons {
            let (w, r) = reason(&d, *cand);
            assert_eq!(w, *word, "{}: {cand:?}: {r}", c.name);
            assert!(
                r.contains(text),
                "{}: {cand:?}: {r:?} lacks {text:?}",
                c.name
            );
        }
        // Every candidate is listed exactly once, whatever the order.
        assert_eq!(d.steps.len(), 4, "{}", c.name);
    }
}

#[test]
fn facts_are_hints_and_a_failed_attempt_falls_through() {
    // Everything looks fine, but the kernel refuses each attempt: the error
    // lists every step with the prober's words.
    let mut f = with_dkms(debian12());
    f.prebuilt = Some(prebuilt(&f.release, true));
    let d = decide(&f, &LoaderConfig::default(), &Refusing);
    assert!(d.chosen.is_none());
    assert!(!d.dry_run);
    let text = d.steps_text();
    for want in [
        "1. kmod: module already loaded: skipped",
        "2. kmod: prebuilt module: rejected: ",
        "insmod failed: the kernel rejected the module's signature (EKEYREJECTED)",
        "3. kmod: DKMS build: rejected: dkms build failed: make exited with 2",
        "4. ebpf: eBPF fallback: rejected: BTF present; BPF probe failed: verifier rejected fill_open",
    ] {
        assert!(text.contains(want), "{text}\nlacks {want}");
    }
}

#[test]
fn a_stale_module_that_will_not_unload_blocks_the_module_steps() {
    let mut f = debian12();
    f.prebuilt = Some(prebuilt(&f.release, false));
    f.loaded = Some(LoadedModule {
        version: Some("0.0.9".into()),
        abi_version: Some("0.9.0".into()),
        refcnt: Some(0),
        ..LoadedModule::default()
    });
    let d = decide(&f, &LoaderConfig::default(), &Refusing);
    let text = d.steps_text();
    for want in [
        "1. kmod: module already loaded: rejected: the loaded lanner module has ABI 0.9.0; \
         this agent needs ABI 1.x >= 1.0.0; unloading it failed: delete_module(lanner): EBUSY",
        "2. kmod: prebuilt module: rejected: a lanner module (version 0.0.9) is already loaded",
    ] {
        assert!(text.contains(want), "{text}\nlacks {want}");
    }
}

#[test]
fn allowed_order_is_followed_and_dkms_can_be_off() {
    let mut f = with_dkms(debian12());
    f.prebuilt = None;
    let cfg = LoaderConfig {
        allowed: vec![Driver::Ebpf, Driver::Kmod],
        dkms: false,
        ..LoaderConfig::default()
    };
    let d = decide(&f, &cfg, &DryRun);
    assert_eq!(d.steps[0].candidate, Candidate::Ebpf);
    assert_eq!(d.chosen.unwrap().driver, Driver::Ebpf);
    let cfg = LoaderConfig {
        allowed: vec![Driver::Kmod],
        dkms: false,
        ..LoaderConfig::default()
    };
    let d = decide(&f, &cfg, &DryRun);
    assert_eq!(
        reason(&d, Candidate::DkmsBuild),
        (
            "skipped",
            "DKMS builds are off (driver_loader.dkms: false)".to_string()
        )
    );
    let cfg = LoaderConfig {
        allowed: vec![Driver::Kmod],
        ..LoaderConfig::default()
    };
    let d = decide(&f, &cfg, &DryRun);
    assert_eq!(d.chosen.unwrap().candidate, Candidate::DkmsBuild);
}

#[test]
fn abi_rule_matches_the_agents() {
    assert!(abi_fits("1.0.0"));
    assert!(abi_fits("1.2.0"));
    assert!(!abi_fits("2.0.0"));
    assert!(!abi_fits("0.9.9"));
    assert!(!abi_fits("garbage"));
}
