//! `driver-loader`: explain, load or unload lanner's capture driver.
//!
//! Owns: arguments, exit codes and the CLI's messages. Must never: load
//! anything for `explain`.
//!
//! Exit codes: 0 a driver is chosen (explain, load) or the module is gone
//! (unload); 1 no driver can run (every step's reason printed); 2 bad
//! arguments or config; 3 unload refused (module in use); 4 any other
//! failure (not root, I/O).

use anyhow::Context;
use clap::{Parser, Subcommand};
use lanner_driver_loader::config::{self, ConfigError, LoaderConfig};
use lanner_driver_loader::unload::{self, UnloadError, Unloaded};
use lanner_driver_loader::{decide, explain, facts, load_here, report, Driver};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "driver-loader",
    version,
    about = "Choose and load lanner's capture driver"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Args)]
struct Common {
    /// Config file (only its `driver_loader:` key is read).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Also write the agent's arguments for the chosen driver to FILE, as
    /// `LANNER_DRIVER_ARGS=--driver kmod|bpf` (a systemd EnvironmentFile);
    /// replaced atomically, removed when no driver can run.
    #[arg(long, value_name = "FILE")]
    env_file: Option<PathBuf>,
}

/// The agent's `--driver` value for `d` (the agent names eBPF `bpf`).
fn agent_driver(d: Driver) -> &'static str {
    match d {
        Driver::Kmod => "kmod",
        Driver::Ebpf => "bpf",
    }
}

/// Writes (or, without a choice, removes) the `--env-file`.
fn write_env_file(path: Option<&Path>, d: &decide::Decision) -> anyhow::Result<()> {
    let Some(path) = path else {
        return Ok(());
    };
    let Some(c) = d.chosen.as_ref() else {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("removing {}", path.display()))
            }
            _ => Ok(()),
        };
    };
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let tmp = path.with_extension("tmp");
    let line = format!("LANNER_DRIVER_ARGS=--driver {}\n", agent_driver(c.driver));
    std::fs::write(&tmp, line).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

#[derive(Subcommand)]
enum Cmd {
    /// Dry run: print the decision, each step's reason and the facts.
    Explain {
        #[command(flatten)]
        common: Common,
        /// Read the node's files under DIR instead of / (fake trees, images).
        #[arg(long, default_value = "/")]
        root: PathBuf,
    },
    /// Decide and load: insmod / DKMS build, or check eBPF can load.
    Load {
        #[command(flatten)]
        common: Common,
        /// Parameters for the module (e.g. "ring_size=16777216").
        #[arg(long, default_value = "")]
        params: String,
    },
    /// Remove the lanner module (refused while in use).
    Unload,
}

fn read_config(path: Option<&Path>) -> Result<LoaderConfig, ConfigError> {
    match path {
        Some(p) => config::load(p, true),
        None => config::load(Path::new(config::DEFAULT_CONFIG), false),
    }
}

fn print(f: &facts::NodeFacts, d: &decide::Decision, json: bool) -> anyhow::Result<()> {
    let out = if json {
        serde_json::to_string_pretty(&report::json(f, d))? + "\n"
    } else {
        report::text(f, d)
    };
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        // A reader that stopped early (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn chosen_code(d: &decide::Decision) -> ExitCode {
    if d.chosen.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.cmd {
        Cmd::Explain { common, root } => {
            let cfg = match read_config(common.config.as_deref()) {
                Ok(c) => c,
                Err(e) => return config_error(e),
            };
            let (f, d) = explain(&root, &cfg);
            print(&f, &d, common.json)?;
            write_env_file(common.env_file.as_deref(), &d)?;
            Ok(chosen_code(&d))
        }
        Cmd::Load { common, params } => {
            let cfg = match read_config(common.config.as_deref()) {
                Ok(c) => c,
                Err(e) => return config_error(e),
            };
            if !nix::unistd::geteuid().is_root() {
                anyhow::bail!(
                    "`load` needs root (CAP_SYS_MODULE for the module, CAP_BPF for eBPF)"
                );
            }
            let (f, d) = load_here(&cfg, &params);
            print(&f, &d, common.json)?;
            write_env_file(common.env_file.as_deref(), &d)?;
            if d.chosen.as_ref().is_some_and(|c| c.driver == Driver::Ebpf) && !common.json {
                println!(
                    "note: the agent loads the eBPF programs itself: run it with `driver: bpf`"
                );
            }
            if d.chosen.is_none() {
                eprintln!(
                    "driver-loader: no driver can run here; tried:\n{}",
                    d.steps_text()
                );
            }
            Ok(chosen_code(&d))
        }
        Cmd::Unload => match unload::unload() {
            Ok(Unloaded::Removed) => {
                println!("lanner module removed");
                Ok(ExitCode::SUCCESS)
            }
            Ok(Unloaded::NotLoaded) => {
                println!("lanner module is not loaded");
                Ok(ExitCode::SUCCESS)
            }
            Err(e @ UnloadError::Busy { .. }) => {
                eprintln!("driver-loader: {e}");
                Ok(ExitCode::from(3))
            }
            Err(e) => Err(e).context("unload"),
        },
    }
}

fn config_error(e: ConfigError) -> anyhow::Result<ExitCode> {
    eprintln!("driver-loader: {e}");
    Ok(ExitCode::from(2))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("driver-loader: {e:#}");
            ExitCode::from(4)
        }
    }
}
