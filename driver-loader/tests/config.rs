//! The `driver_loader:` key: defaults, only that key read, located errors;
//! and the words for insmod errnos.

use lanner_driver_loader::config::{load, parse, Driver, LoaderConfig};
use std::path::{Path, PathBuf};

#[test]
fn only_the_driver_loader_key_is_read() {
    let c = parse(
        "lanner.yaml",
        "rules_files: [a]\nunknown_agent_key: 1\ndriver_loader:\n  allowed: [ebpf, kmod]\n  \
         prebuilt_dir: /opt/lanner/kmod\n  dkms: false\n",
    )
    .unwrap();
    assert_eq!(c.allowed, vec![Driver::Ebpf, Driver::Kmod]);
    assert_eq!(c.prebuilt_dir, PathBuf::from("/opt/lanner/kmod"));
    assert!(!c.dkms);
    assert_eq!(
        parse("f", "rules_files: []\n").unwrap(),
        LoaderConfig::default()
    );
    assert_eq!(parse("f", "").unwrap(), LoaderConfig::default());
    // The agent's name for the fallback is accepted too.
    let c = parse("f", "driver_loader: {allowed: [bpf]}\n").unwrap();
    assert_eq!(c.allowed, vec![Driver::Ebpf]);
}

#[test]
fn bad_values_are_located_file_line_col() {
    let e = parse(
        "/etc/lanner/lanner.yaml",
        "a: 1\ndriver_loader:\n  allowed: [kmod]\n  dkms: maybe\n",
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("/etc/lanner/lanner.yaml:4:"), "{e}");
    let e = parse("c.yaml", "driver_loader:\n  alowed: [kmod]\n")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("c.yaml:2:") && e.contains("alowed"), "{e}");
    let e = parse("c.yaml", "driver_loader:\n  allowed: []\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("at least one driver"), "{e}");
}

#[test]
fn a_missing_default_file_is_the_defaults_an_explicit_one_an_error() {
    let p = Path::new("/nonexistent/lanner.yaml");
    assert_eq!(load(p, false).unwrap(), LoaderConfig::default());
    assert!(load(p, true)
        .unwrap_err()
        .to_string()
        .contains("/nonexistent/lanner.yaml"));
}

#[test]
fn insmod_errnos_are_explained() {
    use lanner_driver_loader::load::insmod_errno_text;
    use nix::errno::Errno;
    assert!(insmod_errno_text(Errno::EEXIST).contains("already loaded"));
    assert!(insmod_errno_text(Errno::EKEYREJECTED).contains("signature"));
    assert!(insmod_errno_text(Errno::ENOKEY).contains("signatures are enforced"));
    assert!(insmod_errno_text(Errno::EPERM).contains("CAP_SYS_MODULE"));
    assert!(insmod_errno_text(Errno::EIO).contains("EIO"));
}
