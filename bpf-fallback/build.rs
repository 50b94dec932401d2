//! Builds the eBPF fallback object twice (BPF ring buffer and perf buffer
//! transports) with clang `-target bpf`, so the agent can embed both: nodes
//! need no clang. Generated inputs: `lanner_uapi.h` (gen-uapi.sh, kernel
//! uapi constants) and `lanner_nparams.h` (gen/nparams.c, parameter counts
//! from the ABI header's event table).
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn run(cmd: &mut Command, what: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e} (install clang: make setup)"));
    if !out.status.success() {
        panic!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn rerun_dir(dir: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                rerun_dir(&p);
            } else {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
}

fn main() {
    let here = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = here.parent().unwrap();
    let abi = root.join("abi");
    let common = root.join("driver-common");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let clang = env::var("CLANG").unwrap_or_else(|_| "clang".into());
    for d in [
        &here.join("include"),
        &here.join("hooks"),
        &here.join("fillers"),
        &here.join("gen"),
        &common,
    ] {
        rerun_dir(d);
    }
    for f in ["lanner.bpf.c", "gen-uapi.sh"] {
        println!("cargo:rerun-if-changed={}", here.join(f).display());
    }
    println!(
        "cargo:rerun-if-changed={}",
        abi.join("lanner_abi.h").display()
    );
    println!("cargo:rerun-if-env-changed=CLANG");

    run(
        Command::new("bash")
            .arg(here.join("gen-uapi.sh"))
            .arg(out.join("lanner_uapi.h"))
            .arg(&clang),
        "gen-uapi.sh",
    );
    let gen = out.join("gen-nparams");
    run(
        Command::new(&clang)
            .args(["-O1", "-Wall", "-o"])
            .arg(&gen)
            .arg("-I")
            .arg(&abi)
            .arg(here.join("gen/nparams.c")),
        "gen/nparams.c",
    );
    let np = Command::new(&gen).output().expect("run gen-nparams");
    assert!(np.status.success(), "gen-nparams failed");
    fs::write(out.join("lanner_nparams.h"), np.stdout).unwrap();

    for (name, defs) in [
        ("lanner-ringbuf.bpf.o", &[][..]),
        ("lanner-perf.bpf.o", &["-DLANNER_TRANSPORT_PERF"][..]),
    ] {
        let obj = out.join(name);
        let mut cmd = Command::new(&clang);
        cmd.args([
            "-target",
            "bpf",
            "-D__TARGET_ARCH_x86",
            "-O2",
            "-g",
            "-Wall",
            "-Werror",
        ])
        .args(defs)
        .arg("-I")
        .arg(here.join("include"))
        .arg("-I")
        .arg(&here)
        .arg("-I")
        .arg(&out)
        .arg("-I")
        .arg(&abi)
        .arg("-I")
        .arg(&common)
        .arg("-c")
        .arg(here.join("lanner.bpf.c"))
        .arg("-o")
        .arg(&obj);
        run(&mut cmd, "clang -target bpf");
        // DWARF is not needed at run time; .BTF and .BTF.ext (CO-RE) stay.
        let _ = Command::new("llvm-strip").arg("-g").arg(&obj).status();
    }
}
