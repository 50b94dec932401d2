//! Fact gathering against fake /proc, /sys, /etc, /boot trees in tempdirs:
//! every source, old (EL7) and new (BTF, lockdown, Secure Boot) layouts.

mod common;

use flate2::write::GzEncoder;
use lanner_driver_loader::config::LoaderConfig;
use lanner_driver_loader::facts::gather;
use lanner_driver_loader::sources::*;
use lanner_driver_loader::unload::{check, UnloadError, Unloaded};
use lanner_driver_loader::{explain, Candidate};
use std::io::Write;
use std::path::Path;

fn put(root: &Path, path: &str, data: impl AsRef<[u8]>) {
    let p = root.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

const EL7: &str = "3.10.0-1160.el7.x86_64";

fn modinfo_for(release: &str, srcversion: &str) -> Vec<u8> {
    let s = format!(
        "version=0.1.0\0abi_version=1.0.0\0srcversion={srcversion}\0name=lanner\0\
         vermagic={release} SMP mod_unload modversions \0"
    );
    common::elf(s.as_bytes(), true, true)
}

fn el7_tree(root: &Path) {
    put(root, "/proc/sys/kernel/osrelease", format!("{EL7}\n"));
    put(
        root,
        "/etc/redhat-release",
        "CentOS Linux release 7.9.2009 (Core)\n",
    );
    put(
        root,
        "/proc/modules",
        "xfs 997727 1 - Live 0xffffffffc0000000\n",
    );
    put(
        root,
        "/proc/cmdline",
        "BOOT_IMAGE=/vmlinuz ro crashkernel=auto\n",
    );
    put(root, "/sys/module/module/parameters/sig_enforce", "N\n");
    put(
        root,
        &format!("/boot/config-{EL7}"),
        "CONFIG_MODULES=y\nCONFIG_MODULE_SIG=y\n# CONFIG_MODULE_SIG_FORCE is not set\n\
         CONFIG_BPF_SYSCALL=y\n# CONFIG_DEBUG_INFO_BTF is not set\nCONFIG_OTHER=\"x\"\n",
    );
    std::fs::create_dir_all(root.join(format!("lib/modules/{EL7}/build"))).unwrap();
    put(root, "/usr/sbin/dkms", "#!/bin/sh\n");
    put(
        root,
        "/usr/src/lanner-0.1.0/dkms.conf",
        "PACKAGE_NAME=lanner\n",
    );
    put(
        root,
        &format!("/usr/lib/lanner/kmod/{EL7}/lanner.ko"),
        modinfo_for(EL7, "SRC7"),
    );
}

#[test]
fn an_el7_tree_gives_every_fact() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    el7_tree(r);
    let f = gather(r, &LoaderConfig::default());
    assert_eq!(f.release, EL7);
    assert_eq!(f.kernel_version, Some(KernelVersion(3, 10, 0)));
    let d = f.distro.as_ref().unwrap();
    assert_eq!(
        (d.id.as_str(), d.version_id.as_str()),
        ("centos", "7.9.2009")
    );
    assert_eq!(d.source, "/etc/redhat-release");
    assert_eq!(f.lockdown, None);
    assert_eq!(f.secure_boot, SecureBoot::NotEfi);
    assert!(!f.sig_enforce.enforced);
    assert!(f.modules.supported());
    assert_eq!(
        f.kconfig.source.as_deref(),
        Some(&*format!("/boot/config-{EL7}"))
    );
    assert_eq!(f.kconfig.enabled("CONFIG_DEBUG_INFO_BTF"), Some(false));
    assert_eq!(f.kconfig.enabled("CONFIG_MODULE_SIG"), Some(true));
    assert!(!f.kconfig.options.contains_key("CONFIG_OTHER"));
    assert!(!f.btf);
    assert!(f.headers_present);
    assert_eq!(f.dkms.binary.as_deref(), Some(Path::new("/usr/sbin/dkms")));
    assert!(f.dkms.source.is_some());
    let pre = f.prebuilt.as_ref().unwrap();
    assert_eq!(
        pre.info.as_ref().unwrap().abi_version.as_deref(),
        Some("1.0.0")
    );
    assert!(f.loaded.is_none());
    let (_, d) = explain(r, &LoaderConfig::default());
    assert_eq!(d.chosen.unwrap().candidate, Candidate::PrebuiltModule);
}

#[test]
fn a_loaded_module_publishing_its_abi_in_sysfs_needs_no_file() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    el7_tree(r);
    put(r, "/sys/module/lanner/version", "0.1.0\n");
    put(r, "/sys/module/lanner/srcversion", "NOFILEHASTHIS\n");
    put(r, "/sys/module/lanner/refcnt", "0\n");
    put(r, "/sys/module/lanner/parameters/abi_version", "1.0.0\n");
    let f = gather(r, &LoaderConfig::default());
    let m = f.loaded.as_ref().unwrap();
    assert_eq!(m.abi_version.as_deref(), Some("1.0.0"));
    assert!(m.abi_in_sysfs && m.matched_file.is_none());
    let (_, d) = explain(r, &LoaderConfig::default());
    let text = d.steps_text();
    assert_eq!(
        d.chosen.unwrap().candidate,
        Candidate::LoadedModule,
        "{text}"
    );
    assert!(
        text.contains("ABI 1.0.0 (/sys/module/lanner/parameters/abi_version)"),
        "{text}"
    );
    // An ABI this agent does not speak: unused, so `load` would unload it.
    put(r, "/sys/module/lanner/parameters/abi_version", "2.0.0\n");
    let (_, d) = explain(r, &LoaderConfig::default());
    let text = d.steps_text();
    assert!(
        text.contains("has ABI 2.0.0; this agent needs ABI 1.x >= 1.0.0; nothing uses it: dry run: `load` would unload it"),
        "{text}"
    );
}

#[test]
fn a_loaded_module_gets_its_abi_from_the_file_with_its_srcversion() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    el7_tree(r);
    put(r, "/sys/module/lanner/version", "0.1.0\n");
    put(r, "/sys/module/lanner/srcversion", "SRC7\n");
    put(r, "/sys/module/lanner/refcnt", "1\n");
    let f = gather(r, &LoaderConfig::default());
    let m = f.loaded.as_ref().unwrap();
    assert_eq!(m.abi_version.as_deref(), Some("1.0.0"));
    assert_eq!(m.refcnt, Some(1));
    let (_, d) = explain(r, &LoaderConfig::default());
    assert_eq!(d.chosen.unwrap().candidate, Candidate::LoadedModule);
    // In use: unload refuses before trying, naming the holder.
    std::fs::create_dir_all(r.join("sys/module/lanner/holders/other")).unwrap();
    match check(r) {
        Err(e @ UnloadError::Busy { .. }) => {
            let e = e.to_string();
            assert!(e.contains("refcnt 1") && e.contains("held by other"), "{e}");
            assert!(e.contains("stop the agent"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    put(r, "/sys/module/lanner/refcnt", "0\n");
    assert!(matches!(check(r), Ok(None)));
    std::fs::remove_dir_all(r.join("sys/module/lanner")).unwrap();
    assert!(matches!(check(r), Ok(Some(Unloaded::NotLoaded))));
}

#[test]
fn a_modern_tree_with_config_gz_btf_lockdown_and_secure_boot() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    let rel = "6.1.0-18-amd64";
    put(r, "/proc/sys/kernel/osrelease", rel);
    put(
        r,
        "/etc/os-release",
        "# comment\nNAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID='12'\n\
         PRETTY_NAME=\"Debian \\\"bookworm\\\" 12\"\n",
    );
    put(r, "/etc/redhat-release", "must not be read\n");
    put(r, "/proc/modules", "");
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"CONFIG_MODULES=y\nCONFIG_BPF_SYSCALL=y\nCONFIG_DEBUG_INFO_BTF=y\nCONFIG_MODULE_SIG_FORCE=y\n")
        .unwrap();
    put(r, "/proc/config.gz", gz.finish().unwrap());
    put(r, "/sys/kernel/btf/vmlinux", "BTF");
    put(
        r,
        "/sys/kernel/security/lockdown",
        "none [integrity] confidentiality\n",
    );
    put(r, SECURE_BOOT_VAR, [6u8, 0, 0, 0, 1]);
    put(r, "/sys/module/module/parameters/sig_enforce", "Y\n");
    let f = gather(r, &LoaderConfig::default());
    let d = f.distro.as_ref().unwrap();
    assert_eq!(d.id, "debian");
    assert_eq!(d.version_id, "12");
    assert_eq!(d.pretty, "Debian \"bookworm\" 12");
    assert_eq!(d.source, "/etc/os-release");
    assert_eq!(f.kconfig.source.as_deref(), Some("/proc/config.gz"));
    assert_eq!(f.kconfig.enabled("CONFIG_DEBUG_INFO_BTF"), Some(true));
    assert_eq!(f.lockdown, Some(Lockdown::Integrity));
    assert_eq!(f.secure_boot, SecureBoot::On);
    assert!(f.sig_enforce.enforced);
    assert_eq!(
        f.sig_enforce.source,
        "/sys/module/module/parameters/sig_enforce"
    );
    assert!(f.btf);
    assert!(!f.headers_present);
    assert!(f.dkms.binary.is_none());
    // The same node, with sig_enforce only from the config or the cmdline.
    put(r, "/sys/module/module/parameters/sig_enforce", "N\n");
    assert_eq!(
        gather(r, &LoaderConfig::default()).sig_enforce.source,
        "CONFIG_MODULE_SIG_FORCE"
    );
    put(r, "/proc/cmdline", "quiet module.sig_enforce=1\n");
    assert_eq!(
        gather(r, &LoaderConfig::default()).sig_enforce.source,
        "/proc/cmdline"
    );
    let (_, dec) = explain(r, &LoaderConfig::default());
    assert_eq!(dec.chosen.unwrap().candidate, Candidate::Ebpf);
}

#[test]
fn efi_without_the_variable_and_modules_disabled() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    put(r, "/proc/sys/kernel/osrelease", "5.14.0-362.el9.x86_64");
    std::fs::create_dir_all(r.join("sys/firmware/efi/efivars")).unwrap();
    put(r, "/proc/modules", "");
    put(r, "/proc/sys/kernel/modules_disabled", "1\n");
    let f = gather(r, &LoaderConfig::default());
    assert_eq!(f.secure_boot, SecureBoot::Off);
    assert!(f.modules.disabled && !f.modules.supported());
    assert_eq!(f.kconfig.source, None);
    assert_eq!(f.kconfig.enabled("CONFIG_MODULES"), None);
    let (_, d) = explain(r, &LoaderConfig::default());
    let text = d.steps_text();
    assert!(text.contains("kernel.modules_disabled=1"), "{text}");
    assert!(text.contains("no BTF"), "{text}");
    assert!(d.chosen.is_none());
}

#[test]
fn parsers_of_single_sources() {
    assert_eq!(parse_secure_boot(&[6, 0, 0, 0, 0]), SecureBoot::Off);
    assert_eq!(parse_secure_boot(&[6, 0, 0, 0, 1]), SecureBoot::On);
    assert_eq!(parse_secure_boot(&[6, 0]), SecureBoot::Unknown);
    assert_eq!(
        parse_lockdown("[none] integrity confidentiality"),
        Some(Lockdown::None)
    );
    assert_eq!(
        parse_lockdown("none integrity [confidentiality]"),
        Some(Lockdown::Confidentiality)
    );
    assert_eq!(parse_lockdown("garbage"), None);
    assert_eq!(cmdline_sig_enforce("ro quiet"), None);
    assert_eq!(cmdline_sig_enforce("module.sig_enforce"), Some(true));
    assert_eq!(
        cmdline_sig_enforce("module.sig_enforce=1 module.sig_enforce=0"),
        Some(false)
    );
    assert_eq!(cmdline_sig_enforce("module.sig_enforce=y"), Some(true));
    let rh = parse_redhat_release("Red Hat Enterprise Linux Server release 6.10 (Santiago)");
    assert_eq!((rh.id.as_str(), rh.version_id.as_str()), ("rhel", "6.10"));
    let rk = parse_redhat_release("Rocky Linux release 8.9 (Green Obsidian)\n");
    assert_eq!((rk.id.as_str(), rk.version_id.as_str()), ("rocky", "8.9"));
    let os = parse_os_release("ID=\"centos\"\nVERSION_ID=\"7\"\nPRETTY_NAME=CentOS\\ Linux\n");
    assert_eq!(
        (os.id.as_str(), os.version_id.as_str(), os.pretty.as_str()),
        ("centos", "7", "CentOS Linux")
    );
    assert_eq!(
        parse_release("4.18.0-513.5.1.el8_9.x86_64"),
        Some(KernelVersion(4, 18, 0))
    );
    assert_eq!(
        parse_release("6.18.44-fc-v1147"),
        Some(KernelVersion(6, 18, 44))
    );
    assert_eq!(parse_release("5.4"), Some(KernelVersion(5, 4, 0)));
    assert_eq!(parse_release("x"), None);
}

#[test]
fn the_headers_link_resolves_inside_the_root_not_on_this_machine() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    el7_tree(r);
    let build = r.join(format!("lib/modules/{EL7}/build"));
    let _ = std::fs::remove_file(&build);
    let _ = std::fs::remove_dir_all(&build);
    // As the kernel-devel / linux-headers packages install it: an
    // absolute link into /usr/src of the node.
    std::os::unix::fs::symlink(format!("/usr/src/kernels/{EL7}"), &build).unwrap();
    assert!(!gather(r, &LoaderConfig::default()).headers_present);
    std::fs::create_dir_all(r.join(format!("usr/src/kernels/{EL7}"))).unwrap();
    assert!(gather(r, &LoaderConfig::default()).headers_present);
    // A target that exists on this machine but not on the node: absent.
    std::fs::remove_file(&build).unwrap();
    std::os::unix::fs::symlink("/usr/bin/env", &build).unwrap();
    assert!(!gather(r, &LoaderConfig::default()).headers_present);
    // A relative chain inside the node.
    std::fs::remove_file(&build).unwrap();
    std::os::unix::fs::symlink(format!("../../../usr/src/kernels/{EL7}"), &build).unwrap();
    assert!(gather(r, &LoaderConfig::default()).headers_present);
}
