//! The real prober: `insmod` with finit_module(2) from an explicit path,
//! DKMS builds with a log, and the eBPF feature probe.
//!
//! Owns: every action `driver-loader load` takes on the node, and turning
//! kernel errnos into operator words. Must never: search for a module
//! (no modprobe, no module path lookup), run anything through a shell, or
//! be used by `explain`.

use crate::facts::{NodeFacts, MODULE};
use crate::prober::{ProbeError, Prober};
use nix::errno::Errno;
use nix::kmod::{finit_module, ModuleInitFlags};
use std::ffi::CString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Acts on this node (root "/").
#[derive(Debug, Clone)]
pub struct RealProber {
    /// Where DKMS logs go.
    pub log_dir: PathBuf,
    /// Module parameters passed to finit_module ("" for none).
    pub params: String,
}

/// What an insmod errno means for the operator.
pub fn insmod_errno_text(e: Errno) -> String {
    let what = match e {
        Errno::EEXIST => "a module named lanner is already loaded",
        Errno::EKEYREJECTED => "the kernel rejected the module's signature (key not trusted)",
        Errno::ENOKEY => "signatures are enforced and the module is unsigned or its key is unknown",
        Errno::EPERM => {
            "not permitted: needs root with CAP_SYS_MODULE; lockdown or \
             kernel.modules_disabled can also forbid it"
        }
        Errno::ENOEXEC => "not a valid module for this kernel (format or vermagic); see dmesg",
        Errno::EINVAL => "the kernel refused the module (symbol versions or parameters); see dmesg",
        Errno::ENOSYS => "this kernel has no module loading (finit_module missing)",
        Errno::ENOENT => "the module file is missing",
        _ => "",
    };
    if what.is_empty() {
        format!("{e} ({})", e.desc())
    } else {
        format!("{what} ({e})")
    }
}

fn run_logged(
    cmd: &mut Command,
    log: &mut std::fs::File,
    start: Instant,
) -> Result<(), ProbeError> {
    let (r, w) = nix::unistd::pipe().map_err(|e| ProbeError(format!("pipe: {e}")))?;
    let w2 = w
        .try_clone()
        .map_err(|e| ProbeError(format!("pipe: {e}")))?;
    let shown = format!("{cmd:?}");
    let _ = writeln!(log, "$ {shown}");
    eprintln!("dkms [{:>4}s] $ {shown}", start.elapsed().as_secs());
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::from(w))
        .stderr(Stdio::from(w2))
        .spawn()
        .map_err(|e| ProbeError(format!("cannot run {shown}: {e}")))?;
    // The Command keeps our copies of the write ends until replaced;
    // without this the read below never sees end-of-file.
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    for line in BufReader::new(std::fs::File::from(r)).lines() {
        let Ok(line) = line else { break };
        let _ = writeln!(log, "{line}");
        eprintln!("dkms [{:>4}s] {line}", start.elapsed().as_secs());
    }
    let st = child
        .wait()
        .map_err(|e| ProbeError(format!("waiting for dkms: {e}")))?;
    if st.success() {
        Ok(())
    } else {
        Err(ProbeError(format!("{shown} exited with {st}")))
    }
}

impl Prober for RealProber {
    fn insmod(&self, path: &Path) -> Result<String, ProbeError> {
        let f = std::fs::File::open(path)
            .map_err(|e| ProbeError(format!("cannot open {}: {e}", path.display())))?;
        let params = CString::new(self.params.as_str())
            .map_err(|_| ProbeError("module parameters contain a NUL byte".into()))?;
        finit_module(&f, &params, ModuleInitFlags::empty())
            .map_err(|e| ProbeError(insmod_errno_text(e)))?;
        Ok(format!(
            "loaded with finit_module(2) from {}",
            path.display()
        ))
    }

    fn dkms_build(&self, facts: &NodeFacts) -> Result<PathBuf, ProbeError> {
        let dkms = facts
            .dkms
            .binary
            .clone()
            .ok_or_else(|| ProbeError("dkms is not installed".into()))?;
        std::fs::create_dir_all(&self.log_dir)
            .map_err(|e| ProbeError(format!("log directory {}: {e}", self.log_dir.display())))?;
        let log_path = self.log_dir.join(format!("dkms-{}.log", facts.release));
        let mut log = std::fs::File::create(&log_path)
            .map_err(|e| ProbeError(format!("log {}: {e}", log_path.display())))?;
        eprintln!(
            "dkms: building {MODULE} {} for {} (log: {})",
            facts.dkms_version,
            facts.release,
            log_path.display()
        );
        let start = Instant::now();
        // The source is on disk but not registered (lanner-dkms unpacked,
        // its postinst not run yet, or `dkms remove` run by hand).
        let actions: &[&str] = if facts.dkms.registered {
            &["build", "install"]
        } else {
            &["add", "build", "install"]
        };
        for &action in actions {
            let mut cmd = Command::new(&dkms);
            cmd.args([action, "-m", MODULE, "-v", &facts.dkms_version]);
            if action != "add" {
                cmd.args(["-k", &facts.release]);
            }
            run_logged(&mut cmd, &mut log, start)
                .map_err(|e| ProbeError(format!("{e} (full log: {})", log_path.display())))?;
        }
        if !facts.dkms.built.is_file() {
            return Err(ProbeError(format!(
                "dkms succeeded but {} is missing (compressed modules are not loaded; log: {})",
                facts.dkms.built.display(),
                log_path.display()
            )));
        }
        Ok(facts.dkms.built.clone())
    }

    fn bpf_load(&self, _facts: &NodeFacts) -> Result<String, ProbeError> {
        crate::bpfprobe::probe()
    }

    fn unload(&self) -> Result<String, ProbeError> {
        match crate::unload::unload() {
            Ok(crate::unload::Unloaded::Removed) => Ok("unloaded it (delete_module(2))".into()),
            Ok(crate::unload::Unloaded::NotLoaded) => Ok("it was already gone".into()),
            Err(e) => Err(ProbeError(e.to_string())),
        }
    }

    fn dry_run(&self) -> bool {
        false
    }
}
