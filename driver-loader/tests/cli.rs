//! The `driver-loader` binary: `explain` on this machine (dry run, loads
//! nothing), on a fake tree, with `--json`, and config errors (exit 2).

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_driver-loader"))
        .args(args)
        .output()
        .expect("driver-loader runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A config with the key absent: defaults, whatever /etc holds here.
fn empty_config(dir: &Path) -> String {
    let p = dir.join("lanner.yaml");
    std::fs::write(
        &p,
        "rules_files: [/etc/lanner/rules.d]\nbuffer: {size: 8}\n",
    )
    .unwrap();
    p.display().to_string()
}

/// The development machine: no module support, BTF present.
fn dev_machine() -> bool {
    !Path::new("/proc/modules").exists() && Path::new("/sys/kernel/btf/vmlinux").exists()
}

#[test]
fn explain_on_this_machine_chooses_ebpf_and_loads_nothing() {
    let t = tempfile::tempdir().unwrap();
    let cfg = empty_config(t.path());
    let out = run(&["explain", "--config", &cfg]);
    let so = text(&out.stdout);
    if !dev_machine() {
        eprintln!("not the development machine kind (module support or no BTF); output:\n{so}");
        assert!(so.starts_with("decision: "), "{so}");
        assert!(matches!(out.status.code(), Some(0 | 1)));
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{so}{}", text(&out.stderr));
    assert!(
        so.starts_with("decision: ebpf (ebpf: eBPF fallback) [dry run: nothing loaded]\n"),
        "{so}"
    );
    for want in [
        "1. kmod: module already loaded: skipped: no lanner module is loaded",
        "2. kmod: prebuilt module: rejected: kernel ",
        "cannot load modules: /proc/modules is missing",
        "3. kmod: DKMS build: rejected: ",
        "4. ebpf: eBPF fallback: chosen: BTF present (/sys/kernel/btf/vmlinux)",
        "dry run: no BPF object created",
        "facts:\n",
        "BTF (/sys/kernel/btf/vmlinux): yes",
        "loadable modules: no (/proc/modules missing",
    ] {
        assert!(so.contains(want), "{so}\nlacks: {want}");
    }
    // Nothing was loaded.
    assert!(!Path::new("/sys/module/lanner").exists());

    let out = run(&["explain", "--config", &cfg, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"]["chosen"]["driver"], "ebpf");
    assert_eq!(v["decision"]["dry_run"], true);
    assert_eq!(v["decision"]["steps"][3]["outcome"], "chosen");
    assert_eq!(v["facts"]["btf"], true);
    assert_eq!(v["facts"]["modules"]["proc_modules"], false);
}

#[test]
fn explain_on_a_fake_el7_tree_lists_every_failure_and_exits_1() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("node");
    let rel = root.join("proc/sys/kernel");
    std::fs::create_dir_all(&rel).unwrap();
    std::fs::write(rel.join("osrelease"), "3.10.0-1160.el7.x86_64\n").unwrap();
    std::fs::write(root.join("proc/modules"), "").unwrap();
    let cfg = empty_config(t.path());
    let out = run(&[
        "explain",
        "--root",
        root.to_str().unwrap(),
        "--config",
        &cfg,
    ]);
    let so = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{so}");
    assert!(
        so.starts_with("decision: no driver can run on this node"),
        "{so}"
    );
    for want in [
        "no prebuilt module for kernel 3.10.0-1160.el7.x86_64",
        "no headers for 3.10.0-1160.el7.x86_64 under /lib/modules/3.10.0-1160.el7.x86_64/build",
        "dkms is not installed",
        "no BTF",
        "predates raw tracepoints (4.17+)",
    ] {
        assert!(so.contains(want), "{so}\nlacks: {want}");
    }
}

#[test]
fn a_bad_config_value_is_located_and_exits_2() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("lanner.yaml");
    std::fs::write(
        &p,
        "rules_files: []\ndriver_loader:\n  allowed: [kmod, dtrace]\n  dkms: true\n",
    )
    .unwrap();
    let out = run(&["explain", "--config", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let se = text(&out.stderr);
    assert!(se.contains(&format!("{}:3:", p.display())), "{se}");
    assert!(se.contains("dtrace"), "{se}");
    assert!(out.stdout.is_empty());
    let missing = t.path().join("nope.yaml");
    let out = run(&["explain", "--config", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("nope.yaml"));
}

/// `--env-file`: the agent's `--driver` for the chosen driver, written
/// atomically; removed (never left stale) when no driver can run.
#[test]
fn env_file_names_the_agents_driver_and_is_removed_without_a_choice() {
    let t = tempfile::tempdir().unwrap();
    let cfg = empty_config(t.path());
    let env = t.path().join("run/lanner/driver.env");
    let out = run(&[
        "explain",
        "--config",
        &cfg,
        "--env-file",
        env.to_str().unwrap(),
    ]);
    let so = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{so}");
    let written = std::fs::read_to_string(&env).unwrap();
    let want = if so.starts_with("decision: ebpf ") {
        "LANNER_DRIVER_ARGS=--driver bpf\n"
    } else {
        assert!(so.starts_with("decision: kmod "), "{so}");
        "LANNER_DRIVER_ARGS=--driver kmod\n"
    };
    assert_eq!(written, want);
    if dev_machine() {
        assert_eq!(written, "LANNER_DRIVER_ARGS=--driver bpf\n");
    }
    // A node where nothing can run: the stale file goes away.
    let root = t.path().join("node");
    let rel = root.join("proc/sys/kernel");
    std::fs::create_dir_all(&rel).unwrap();
    std::fs::write(rel.join("osrelease"), "3.10.0-1160.el7.x86_64\n").unwrap();
    std::fs::write(root.join("proc/modules"), "").unwrap();
    let out = run(&[
        "explain",
        "--root",
        root.to_str().unwrap(),
        "--config",
        &cfg,
        "--env-file",
        env.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!env.exists(), "stale driver.env left behind");
}
