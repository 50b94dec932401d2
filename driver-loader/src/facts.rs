//! `NodeFacts`: everything the decision looks at, gathered from one node
//! (or a fake tree) through a root prefix.
//!
//! Owns: where each fact is read and how absent sources are represented
//! (unknown stays unknown). Must never: write, load, build or execute
//! anything: gathering facts is read-only and safe on any host.

use crate::config::LoaderConfig;
use crate::kconfig::{self, KernelConfig};
use crate::modinfo::{self, ModInfo};
use crate::sources::{self, at, read_trim, Distro, KernelVersion, Lockdown, SecureBoot};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The module's name (`lanner.ko`, `/sys/module/lanner`).
pub const MODULE: &str = "lanner";
/// The DKMS module version this loader expects (the package version).
pub const DKMS_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Module signature enforcement and where it was seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SigEnforce {
    pub enforced: bool,
    /// "sysfs", "cmdline", "CONFIG_MODULE_SIG_FORCE", or empty.
    pub source: String,
}

/// Whether this kernel can load modules at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ModuleSupport {
    /// `/proc/modules` exists.
    pub proc_modules: bool,
    /// `CONFIG_MODULES`, when the config is known.
    pub config_modules: Option<bool>,
    /// `/proc/sys/kernel/modules_disabled` is 1.
    pub disabled: bool,
}

impl ModuleSupport {
    pub fn supported(&self) -> bool {
        self.proc_modules && self.config_modules != Some(false) && !self.disabled
    }
}

/// A module file found on disk and what its `.modinfo` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleFile {
    /// The node path (without the root prefix).
    pub path: PathBuf,
    /// The parsed `.modinfo`, or why it could not be read.
    pub info: Result<ModInfo, String>,
}

/// The `lanner` module as `/sys/module/lanner` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadedModule {
    pub version: Option<String>,
    pub srcversion: Option<String>,
    pub refcnt: Option<u32>,
    /// The ABI version: from `/sys/module/lanner/parameters/abi_version`
    /// (modules since 0.1.0 publish it there), else from the `.modinfo`
    /// of a known file with the same srcversion.
    pub abi_version: Option<String>,
    /// The ABI version came from sysfs.
    pub abi_in_sysfs: bool,
    /// The file whose srcversion matched.
    pub matched_file: Option<PathBuf>,
}

/// DKMS on this node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dkms {
    /// The `dkms` program, if installed.
    pub binary: Option<PathBuf>,
    /// `/usr/src/lanner-<version>/dkms.conf`, if shipped.
    pub source: Option<PathBuf>,
    /// DKMS's signing key (`/var/lib/dkms/mok.key`) exists.
    pub signing_key: bool,
    /// Where `dkms build` leaves the module for this kernel.
    pub built: PathBuf,
    /// The module already there (built earlier: lanner-dkms's install,
    /// DKMS's autoinstall, an earlier `load`).
    pub built_file: Option<ModuleFile>,
    /// This version is registered with DKMS (`dkms add` was run:
    /// `/var/lib/dkms/lanner/<version>/source` exists).
    pub registered: bool,
}

/// Everything the decision looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeFacts {
    pub release: String,
    pub kernel_version: Option<KernelVersion>,
    pub arch: String,
    pub distro: Option<Distro>,
    /// `None`: no lockdown file (no lockdown LSM, or securityfs unmounted).
    pub lockdown: Option<Lockdown>,
    pub secure_boot: SecureBoot,
    pub sig_enforce: SigEnforce,
    pub modules: ModuleSupport,
    pub kconfig: KernelConfig,
    /// `/sys/kernel/btf/vmlinux` exists.
    pub btf: bool,
    pub loaded: Option<LoadedModule>,
    /// `/lib/modules/<release>/build`, and whether it resolves.
    pub headers: PathBuf,
    pub headers_present: bool,
    pub dkms: Dkms,
    /// `<prebuilt_dir>/<release>/lanner.ko`, if present.
    pub prebuilt_path: PathBuf,
    pub prebuilt: Option<ModuleFile>,
    /// This loader's DKMS module version.
    pub dkms_version: String,
}

fn release(root: &Path) -> String {
    if let Some(r) = read_trim(root, "/proc/sys/kernel/osrelease") {
        return r;
    }
    nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sig_enforce(root: &Path, kc: &KernelConfig) -> SigEnforce {
    let param = read_trim(root, "/sys/module/module/parameters/sig_enforce");
    let cmdline = read_trim(root, "/proc/cmdline").unwrap_or_default();
    let (enforced, source) = if param.as_deref().is_some_and(sources::truthy) {
        (true, "/sys/module/module/parameters/sig_enforce")
    } else if sources::cmdline_sig_enforce(&cmdline) == Some(true) {
        (true, "/proc/cmdline")
    } else if kc.enabled("CONFIG_MODULE_SIG_FORCE") == Some(true) {
        (true, "CONFIG_MODULE_SIG_FORCE")
    } else {
        (false, "")
    };
    SigEnforce {
        enforced,
        source: source.into(),
    }
}

fn module_file(root: &Path, path: PathBuf) -> Option<ModuleFile> {
    let real = at(root, &path);
    real.is_file().then(|| ModuleFile {
        info: modinfo::read(&real).map_err(|e| e.to_string()),
        path,
    })
}

fn find_dkms(root: &Path) -> Option<PathBuf> {
    ["/usr/sbin/dkms", "/usr/bin/dkms", "/sbin/dkms", "/bin/dkms"]
        .iter()
        .map(PathBuf::from)
        .find(|p| at(root, p).is_file())
}

fn loaded(root: &Path, known: &[&ModuleFile]) -> Option<LoadedModule> {
    let sys = format!("/sys/module/{MODULE}");
    if !at(root, &sys).is_dir() {
        return None;
    }
    let mut m = LoadedModule {
        version: read_trim(root, &format!("{sys}/version")),
        srcversion: read_trim(root, &format!("{sys}/srcversion")),
        refcnt: read_trim(root, &format!("{sys}/refcnt")).and_then(|s| s.parse().ok()),
        abi_version: read_trim(root, &format!("{sys}/parameters/abi_version")),
        ..LoadedModule::default()
    };
    m.abi_in_sysfs = m.abi_version.is_some();
    if let Some(src) = &m.srcversion {
        for f in known {
            if let Ok(i) = &f.info {
                if i.srcversion.as_ref() == Some(src) {
                    if !m.abi_in_sysfs {
                        m.abi_version = i.abi_version.clone();
                    }
                    m.matched_file = Some(f.path.clone());
                    break;
                }
            }
        }
    }
    Some(m)
}

/// Gathers the facts of the node under `root` ("/" for this node).
pub fn gather(root: &Path, cfg: &LoaderConfig) -> NodeFacts {
    let release = release(root);
    let kc = kconfig::read(root, &release);
    let arch = std::env::consts::ARCH.to_string();
    let modules = ModuleSupport {
        proc_modules: at(root, "/proc/modules").exists(),
        config_modules: kc.enabled("CONFIG_MODULES"),
        disabled: read_trim(root, "/proc/sys/kernel/modules_disabled").as_deref() == Some("1"),
    };
    let headers = PathBuf::from(format!("/lib/modules/{release}/build"));
    let prebuilt_path = cfg.prebuilt_dir.join(&release).join(format!("{MODULE}.ko"));
    let prebuilt = module_file(root, prebuilt_path.clone());
    let built = PathBuf::from(format!(
        "/var/lib/dkms/{MODULE}/{DKMS_VERSION}/{release}/{arch}/module/{MODULE}.ko"
    ));
    let dkms_file = module_file(root, built.clone());
    let src = PathBuf::from(format!("/usr/src/{MODULE}-{DKMS_VERSION}/dkms.conf"));
    let registered = at(
        root,
        format!("/var/lib/dkms/{MODULE}/{DKMS_VERSION}/source"),
    )
    .exists();
    let known: Vec<&ModuleFile> = prebuilt.iter().chain(dkms_file.iter()).collect();
    let loaded = loaded(root, &known);
    let dkms = Dkms {
        binary: find_dkms(root),
        source: at(root, &src).is_file().then_some(src),
        signing_key: at(root, "/var/lib/dkms/mok.key").is_file(),
        built,
        built_file: dkms_file,
        registered,
    };
    NodeFacts {
        kernel_version: sources::parse_release(&release),
        distro: sources::read_distro(root),
        lockdown: read_trim(root, "/sys/kernel/security/lockdown")
            .and_then(|t| sources::parse_lockdown(&t)),
        secure_boot: sources::read_secure_boot(root),
        sig_enforce: sig_enforce(root, &kc),
        btf: at(root, "/sys/kernel/btf/vmlinux").exists(),
        loaded,
        headers_present: sources::exists_under(root, &headers),
        headers,
        dkms,
        prebuilt_path,
        prebuilt,
        modules,
        kconfig: kc,
        arch,
        release,
        dkms_version: DKMS_VERSION.into(),
    }
}
