//! Loading a sequence of rules files the way Falco does: all files feed
//! one collector; each file is read (stopping at its first error) and, if
//! it read cleanly, the whole collection is recompiled, so later files can
//! use, append to, override or disable what earlier ones define. Every
//! file gets its own [`FileResult`]; loading goes on after a failed file
//! (so `lanner validate` reports every file, as `falco -V` does), but the
//! ruleset exists only if no file failed.
//!
//! Owns: the per-file loop, YAML parse errors, unreadable files, rules
//! directories (`*.yaml`/`*.yml`, sorted) and plugin requirement checks.
//! Must never: return a ruleset when any file has an error.

use super::collect::Collector;
use super::compile::compile_all;
use super::error::{Ctx, Diag, Diagnostic, LoadErrorKind};
use super::read::Reader;
use super::result::{FileResult, LoadResult};
use super::ruleset::{Rule, Ruleset};
use super::text::{Loc, Registry};
use super::version::{provided_plugin, Version};
use crate::engine::yaml;
use std::path::{Path, PathBuf};

/// A finished load: the ruleset (when every file loaded) and the result of
/// each file.
#[derive(Debug)]
pub struct LoadOutcome {
    pub ruleset: Option<Ruleset>,
    pub result: LoadResult,
}

/// Loads `(name, text)` files in order.
pub fn load_sources(sources: &[(&str, &str)]) -> LoadOutcome {
    let inputs: Vec<(String, Result<String, String>)> = sources
        .iter()
        .map(|(n, t)| (n.to_string(), Ok(t.to_string())))
        .collect();
    load_inputs(&inputs)
}

/// Loads files and directories (each directory contributes its regular
/// `*.yaml` and `*.yml` files, sorted by name).
pub fn load_paths(paths: &[PathBuf]) -> LoadOutcome {
    let mut inputs: Vec<(String, Result<String, String>)> = Vec::new();
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("Could not read file {}: {e}", p.display()))
    };
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut files: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| {
                            f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml")
                        })
                        .collect();
                    files.sort();
                    for f in files {
                        inputs.push((f.display().to_string(), read(&f)));
                    }
                }
                Err(e) => inputs.push((
                    p.display().to_string(),
                    Err(format!("Could not read directory {}: {e}", p.display())),
                )),
            }
        } else {
            inputs.push((p.display().to_string(), read(p)));
        }
    }
    load_inputs(&inputs)
}

fn load_inputs(inputs: &[(String, Result<String, String>)]) -> LoadOutcome {
    let mut reg = Registry::default();
    let mut col = Collector::default();
    let mut result = LoadResult::default();
    let mut rules: Vec<Rule> = Vec::new();
    for (name, text) in inputs {
        let text_str = text.as_deref().unwrap_or("");
        let file = reg.add_file(name, text_str);
        let mut fr = FileResult {
            name: name.clone(),
            ..FileResult::default()
        };
        let mut diags: Vec<Diag> = Vec::new();
        let ctx = Ctx::file(file);
        match text {
            Err(msg) => diags.push(Diag::error(LoadErrorKind::FileRead, msg.clone(), &ctx)),
            Ok(text) => match yaml::parse(name, text) {
                Err(e) => {
                    let c = ctx.with(
                        "value for",
                        "",
                        Loc {
                            file,
                            mark: e.mark(),
                        },
                    );
                    diags.push(Diag::error(LoadErrorKind::YamlParse, e.message, &c));
                }
                Ok(docs) => {
                    let reqs_before = col.plugin_requirements.len();
                    let mut warnings = Vec::new();
                    let read = Reader {
                        reg: &mut reg,
                        col: &mut col,
                        warnings: &mut warnings,
                        file,
                    }
                    .read(&docs);
                    let outcome = read.and_then(|()| compile_all(&mut reg, &col, &mut warnings));
                    diags.append(&mut warnings);
                    match outcome {
                        Ok(r) => {
                            rules = r;
                            check_plugins(&col, reqs_before, &mut diags);
                        }
                        Err(e) => diags.push(e),
                    }
                }
            },
        }
        for d in &diags {
            fr.push(d.resolve(&reg));
        }
        result.files.push(fr);
    }
    let ruleset = result.successful().then(|| Ruleset::from_rules(rules));
    LoadOutcome { ruleset, result }
}

/// Falco's check after loading: each requirement must be satisfied by one
/// of its alternatives; lanner provides only the `container` plugin.
fn check_plugins(col: &Collector, from: usize, diags: &mut Vec<Diag>) {
    for req in col.plugin_requirements.iter().skip(from) {
        let ok = req.alternatives.iter().any(|(name, version)| {
            let want = Version::parse(version);
            provided_plugin(name)
                .zip(want)
                .is_some_and(|(have, want)| have.compatible_with(want))
        });
        if !ok {
            let alts: Vec<String> = req
                .alternatives
                .iter()
                .map(|(n, v)| format!("{n} (>= {v})"))
                .collect();
            diags.push(Diag::error(
                LoadErrorKind::Validate,
                format!(
                    "Plugin requirement not satisfied, must load one of: {}",
                    alts.join(", ")
                ),
                &req.ctx,
            ));
        }
    }
}

impl LoadOutcome {
    /// The ruleset, or the first error as a [`super::LoadError`].
    pub fn into_result(self) -> Result<Ruleset, super::LoadError> {
        if let Some(rs) = self.ruleset {
            return Ok(rs);
        }
        let first: Option<&Diagnostic> = self.result.errors().next();
        Err(match first {
            Some(d) => super::LoadError::from_diagnostic(d),
            None => super::LoadError {
                kind: LoadErrorKind::Validate,
                file: String::new(),
                line: 0,
                col: 0,
                message: "no ruleset".into(),
                source_line: None,
            },
        })
    }
}
