//! The DKMS step of the real prober against a fake `dkms` script: `add`
//! (only when the version is not registered), `build` and `install` run
//! with the expected arguments, output lands in the log, a failure names
//! the log. Nothing is built or loaded.

use lanner_driver_loader::config::LoaderConfig;
use lanner_driver_loader::facts::gather;
use lanner_driver_loader::load::RealProber;
use lanner_driver_loader::prober::Prober;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn dkms_runs_build_then_install_and_logs_everything() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("node");
    std::fs::create_dir_all(root.join("proc/sys/kernel")).unwrap();
    std::fs::write(
        root.join("proc/sys/kernel/osrelease"),
        "5.14.0-362.el9.x86_64\n",
    )
    .unwrap();
    let mut f = gather(&root, &LoaderConfig::default());
    assert!(!f.dkms.registered, "nothing registered under the fake root");
    let out = t.path().join("built/lanner.ko");
    f.dkms.built = out.clone();
    let dkms = t.path().join("dkms");
    script(
        &dkms,
        &format!(
            "echo \"dkms: $*\"\necho 'stderr line' >&2\n\
             [ \"$1\" = build ] && mkdir -p {0} && : > {0}/lanner.ko\nexit 0",
            out.parent().unwrap().display()
        ),
    );
    f.dkms.binary = Some(dkms.clone());
    let logs = t.path().join("logs");
    let p = RealProber {
        log_dir: logs.clone(),
        params: String::new(),
    };
    assert_eq!(p.dkms_build(&f).unwrap(), out);
    let log = std::fs::read_to_string(logs.join("dkms-5.14.0-362.el9.x86_64.log")).unwrap();
    let ver = env!("CARGO_PKG_VERSION");
    let first = log.lines().find(|l| l.starts_with("dkms: ")).unwrap_or("");
    assert_eq!(first, format!("dkms: add -m lanner -v {ver}"), "{log}");
    for want in [
        format!("dkms: build -m lanner -v {ver} -k 5.14.0-362.el9.x86_64"),
        format!("dkms: install -m lanner -v {ver} -k 5.14.0-362.el9.x86_64"),
        "stderr line".to_string(),
    ] {
        assert!(log.contains(&want), "{log}\nlacks {want}");
    }

    // Registered: no `add`.
    f.dkms.registered = true;
    p.dkms_build(&f).unwrap();
    let log = std::fs::read_to_string(logs.join("dkms-5.14.0-362.el9.x86_64.log")).unwrap();
    assert!(!log.contains("dkms: add"), "{log}");
    assert!(log.contains("dkms: build"), "{log}");

    script(&dkms, "echo 'make: *** [lanner.o] Error 1'\nexit 3");
    std::fs::remove_file(&out).unwrap();
    let e = p.dkms_build(&f).unwrap_err().to_string();
    assert!(
        e.contains("exited with") && e.contains("dkms-5.14.0-362"),
        "{e}"
    );
    let log = std::fs::read_to_string(logs.join("dkms-5.14.0-362.el9.x86_64.log")).unwrap();
    assert!(log.contains("Error 1"), "{log}");

    // Success without the module file is an error too.
    script(&dkms, "exit 0");
    let e = p.dkms_build(&f).unwrap_err().to_string();
    assert!(e.contains("is missing"), "{e}");
}
