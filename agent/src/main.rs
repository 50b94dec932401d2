//! `lanner`: the agent's command line.
//!
//! Owns: argument parsing, loading config and rules before touching the
//! device (so bad input fails fast with file:line:col), signal handling
//! (SIGINT/SIGTERM stop, SIGHUP reopens file outputs for logrotate), and
//! the final loss report.
//! Must never: contain pipeline logic (that is `lanner::pipeline`).

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use lanner::config::Config;
use lanner::detect::RulesDetector;
use lanner::engine::rules::{RuleSelect, SelectBy};
use lanner::engine::Ruleset;
use lanner::event::decode::Event;
use lanner::listing::{self, ListFormat};
use lanner::output::Outputs;
use lanner::pipeline::{self, PipelineConfig};
use lanner::source::kmod::Filter;
use lanner::source::Batch;
use lanner::state::container::{ContainerTable, RuntimeRoots};
use lanner::state::procfs::Procfs;
use lanner::state::ProcTable;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(
    name = "lanner",
    version,
    about = "Runtime security sensor: syscalls -> Falco rules -> syslog"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Capture events, evaluate rules, send alerts (until SIGINT/SIGTERM).
    Run {
        /// Config file (YAML). Without it the embedded default is used.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// Rules files or directories; replace the config's rules_files.
        #[arg(short, long = "rules")]
        rules: Vec<PathBuf>,
        /// Device of the kernel module.
        #[arg(long)]
        device: Option<PathBuf>,
        /// Capture driver: kmod (the kernel module) or bpf (the eBPF fallback).
        #[arg(long)]
        driver: Option<String>,
        /// Created once capture has started (for scripts and tests).
        #[arg(long)]
        ready_file: Option<PathBuf>,
        /// Stop after this many seconds (fractions allowed).
        #[arg(long, value_parser = parse_secs)]
        duration: Option<Duration>,
    },
    /// Load and compile rules files like `falco -V`: per file Ok or the
    /// errors and warnings with code, file:line:col and snippet.
    Validate {
        #[arg(short, long = "rules", required = true)]
        rules: Vec<PathBuf>,
        /// Print Falco's `{"falco_load_results": [...]}` JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the fields rule conditions and outputs can use.
    ListFields {
        /// Only fields whose name starts with this (e.g. `proc.`).
        #[arg(default_value = "")]
        prefix: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the events lanner's drivers produce, with their parameters.
    ListEvents {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Evaluate rules on a .scap capture (plain or gzip); alerts to stdout.
    Replay {
        /// The capture file.
        file: PathBuf,
        #[arg(short, long = "rules", required = true)]
        rules: Vec<PathBuf>,
        /// One JSON alert per line (Falco's json_output).
        #[arg(long)]
        json: bool,
        /// Falco-style options: json_output, json_include_{output,tags,
        /// message,output_fields}_property, time_format_iso_8601, priority,
        /// replay.enter_events (true|false).
        #[arg(short = 'o', value_name = "KEY=VALUE")]
        options: Vec<String>,
        #[command(flatten)]
        sel: TagSelection,
    },
    /// Print decoded records as JSON lines (until SIGINT/SIGTERM).
    Dump {
        #[arg(long)]
        device: Option<PathBuf>,
        /// Capture driver: kmod or bpf.
        #[arg(long, default_value = "kmod")]
        driver: String,
        /// Stop after this many seconds (fractions allowed).
        #[arg(long, value_parser = parse_secs)]
        duration: Option<Duration>,
        /// Select every syscall (those without an event of their own come
        /// as generic records), not only process and open events.
        #[arg(long)]
        all_syscalls: bool,
    },
}

/// Falco's `-t`/`-T` rule selection by tag.
#[derive(clap::Args)]
struct TagSelection {
    /// Run only rules with this tag (repeatable), as Falco's -t.
    #[arg(short = 't', long = "tag")]
    tags: Vec<String>,
    /// Disable rules with this tag (repeatable), as Falco's -T.
    #[arg(short = 'T', long = "skip-tag")]
    skip_tags: Vec<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

impl From<Format> for ListFormat {
    fn from(f: Format) -> ListFormat {
        match f {
            Format::Text => ListFormat::Text,
            Format::Markdown => ListFormat::Markdown,
            Format::Json => ListFormat::Json,
        }
    }
}

fn parse_secs(s: &str) -> std::result::Result<Duration, String> {
    let secs: f64 = s.parse().map_err(|e| format!("{s:?}: {e}"))?;
    Duration::try_from_secs_f64(secs).map_err(|e| format!("{s:?}: {e}"))
}

fn stop_flag(duration: Option<Duration>) -> Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop)).context("installing signal handler")?;
    }
    if let Some(d) = duration {
        let s = Arc::clone(&stop);
        std::thread::spawn(move || {
            std::thread::sleep(d);
            s.store(true, Ordering::Relaxed);
        });
    }
    Ok(stop)
}

fn load_rules(paths: &[PathBuf], cfg: &Config) -> Result<Ruleset> {
    if paths.is_empty() && cfg.rules_files.is_empty() {
        return Ruleset::load_str(
            "<embedded>/lanner_rules.yaml",
            lanner::config::EMBEDDED_RULES,
        )
        .map_err(|e| anyhow::anyhow!("{e}"));
    }
    let paths = if paths.is_empty() {
        &cfg.rules_files
    } else {
        paths
    };
    Ruleset::load_files(paths).map_err(|e| anyhow::anyhow!("{e}"))
}

fn run(
    config: Option<PathBuf>,
    rules: Vec<PathBuf>,
    device: Option<PathBuf>,
    driver: Option<String>,
    ready_file: Option<PathBuf>,
    duration: Option<Duration>,
) -> Result<()> {
    // Everything the user wrote is checked before the device is touched.
    let cfg = match &config {
        Some(p) => Config::load(p)?,
        None => Config::embedded(),
    };
    // From here on SIGHUP (logrotate's postrotate) only sets a flag; its
    // default action would kill the agent.
    let hup = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hup))
        .context("installing the SIGHUP handler")?;
    let mut ruleset = load_rules(&rules, &cfg)?;
    let enabled = ruleset.apply_selection(&cfg.rule_selection(), cfg.priority.map(|p| p.0));
    let detector = RulesDetector::new(ruleset).with_matching(cfg.rule_matching);
    let device = device.unwrap_or_else(|| cfg.device.clone());

    // Outputs read their TLS material and create their files now, so a
    // bad certificate or an unwritable file also fails before the device.
    let outputs = Outputs::spawn(&cfg.outputs).context("starting outputs")?;

    let driver = driver.unwrap_or_else(|| cfg.driver.as_str().to_string());
    let mut src = lanner::source::driver::open(&driver, &device, 0)
        .with_context(|| format!("opening the {driver} driver"))?;
    let filter = detector.filter().procexit();
    src.set_filter(&filter)?;
    let stop = stop_flag(duration)?;
    // File outputs reopen their file before the next write after a SIGHUP.
    outputs
        .reopen()
        .watch_flag(hup, Arc::clone(&stop), Duration::from_millis(200))
        .context("starting the SIGHUP watcher")?;

    let procfs = Procfs::new("/proc");
    let containers = Arc::new(ContainerTable::new(RuntimeRoots::default()));
    let mut procs = ProcTable::new(cfg.max_threads)
        .with_loader(Box::new(procfs.clone()))
        .with_users(lanner::state::users::Users::host())
        .with_containers(Box::new(Arc::clone(&containers)));
    src.start()?;
    // Seed after starting capture so no process created in between is missed.
    procs.seed(procfs.scan());
    eprintln!(
        "lanner: capturing with the {}, {} rules enabled, {} threads known",
        src.describe(),
        enabled,
        procs.stats().threads
    );
    if let Some(p) = &ready_file {
        std::fs::write(p, b"ready\n").with_context(|| format!("writing {}", p.display()))?;
    }
    let stats = pipeline::run(
        &mut *src,
        &detector,
        &mut procs,
        &outputs,
        &stop,
        &PipelineConfig::default(),
    )
    .context("pipeline")?;
    src.stop()?;
    let out = outputs.shutdown(Duration::from_secs(5));
    eprintln!("lanner: {stats}");
    eprintln!("lanner: outputs: {out}");
    eprintln!("lanner: containers: {:?}", containers.stats());
    if let Some(e) = containers.last_error() {
        eprintln!("lanner: containers: last metadata error: {e}");
    }
    Ok(())
}

/// `lanner validate`: loads the files in order like `falco -V` and prints
/// each file's result (errors and warnings with code, position and
/// snippet), or Falco's `falco_load_results` JSON. Exit 1 on any error.
fn validate(rules: Vec<PathBuf>, json: bool) -> Result<ExitCode> {
    let out = Ruleset::load_files_report(&rules);
    if json {
        println!("{}", out.result.to_json());
    } else {
        print!("{}", out.result.to_text());
        if let Some(rs) = &out.ruleset {
            let types = rs.event_types().map_or_else(
                || "all".to_string(),
                |t| t.into_iter().collect::<Vec<_>>().join(","),
            );
            println!(
                "{} rules ({} enabled), event types: {types}",
                rs.rules().len(),
                rs.rules().iter().filter(|r| r.enabled).count()
            );
        }
    }
    Ok(if out.result.successful() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn dump(
    device: Option<PathBuf>,
    driver: &str,
    duration: Option<Duration>,
    all_syscalls: bool,
) -> Result<()> {
    let device = device.unwrap_or_else(lanner::source::kmod::default_device);
    let mut src = lanner::source::driver::open(driver, &device, 0)
        .with_context(|| format!("opening the {driver} driver"))?;
    let mut filter = Filter::default()
        .events(Filter::state_events())
        .events(["open", "openat", "openat2"])
        .procexit();
    if all_syscalls {
        for (_, nr) in lanner::source::syscalls::SYSCALLS {
            filter = filter.syscall(*nr);
        }
    }
    src.set_filter(&filter)?;
    let stop = stop_flag(duration)?;
    src.start()?;
    let mut batch = Batch::with_capacity(1 << 20);
    let mut last = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        batch.clear();
        src.fill(&mut batch)?;
        for rec in batch.iter() {
            match Event::parse(rec) {
                Ok(ev) => println!("{}", lanner::event::json::to_json(&ev)),
                Err(e) => eprintln!("lanner: undecodable record: {e}"),
            }
        }
        if batch.is_empty() {
            std::thread::sleep(Duration::from_millis(10));
        }
        if last.elapsed() > Duration::from_secs(10) {
            last = Instant::now();
            eprintln!("lanner: {:?}", src.stats());
        }
    }
    src.stop()?;
    eprintln!("lanner: {:?}", src.stats());
    Ok(())
}

fn replay(
    file: PathBuf,
    rules: Vec<PathBuf>,
    json: bool,
    options: Vec<String>,
    sel: TagSelection,
) -> Result<()> {
    use lanner::capture::replay::{self as rp, ReplayOptions};
    let mut opts = ReplayOptions {
        json_output: json,
        ..ReplayOptions::default()
    };
    for o in &options {
        if let Some(w) = opts.set(o)? {
            eprintln!("lanner: replay: {w}");
        }
    }
    let mut ruleset = load_rules(&rules, &Config::embedded())?;
    // Falco's -t (only rules with these tags) and -T (not these tags).
    let mut select = Vec::new();
    if !sel.tags.is_empty() {
        select.push(RuleSelect {
            enable: false,
            by: SelectBy::Rule("*".into()),
        });
    }
    select.extend(sel.tags.iter().map(|t| RuleSelect {
        enable: true,
        by: SelectBy::Tag(t.clone()),
    }));
    select.extend(sel.skip_tags.iter().map(|t| RuleSelect {
        enable: false,
        by: SelectBy::Tag(t.clone()),
    }));
    ruleset.apply_selection(&select, opts.min_priority);
    let detector = RulesDetector::new(ruleset).with_matching(opts.rule_matching);
    let cap = lanner::capture::Capture::open(&file)?;
    let host = cap
        .machine
        .as_ref()
        .map_or("", |m| m.hostname.as_str())
        .to_string();
    let mut procs = rp::seeded_table(&cap, Config::embedded().max_threads);
    let mut out = std::io::stdout().lock();
    let mut write_err = None;
    let sum = rp::replay(&cap, &detector, &mut procs, opts.mode, |a| {
        if write_err.is_none() {
            write_err =
                std::io::Write::write_all(&mut out, opts.render(&a, &host).as_bytes()).err();
        }
    });
    if let Some(e) = write_err {
        return Err(e).context("writing alerts to stdout");
    }
    for e in &sum.file_errors {
        eprintln!("lanner: replay: {}: {e}", file.display());
    }
    eprintln!("lanner: replay: {sum}");
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.cmd {
        Cmd::Run {
            config,
            rules,
            device,
            driver,
            ready_file,
            duration,
        } => run(config, rules, device, driver, ready_file, duration),
        Cmd::Validate { rules, json } => match validate(rules, json) {
            Ok(code) => return code,
            Err(e) => Err(e),
        },
        Cmd::ListFields { prefix, format } => {
            print!(
                "{}",
                listing::fields(lanner::engine::catalog::syscall(), &prefix, format.into())
            );
            Ok(())
        }
        Cmd::ListEvents { format } => {
            print!("{}", listing::events(format.into()));
            Ok(())
        }
        Cmd::Replay {
            file,
            rules,
            json,
            options,
            sel,
        } => replay(file, rules, json, options, sel),
        Cmd::Dump {
            device,
            driver,
            duration,
            all_syscalls,
        } => dump(device, &driver, duration, all_syscalls),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lanner: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
