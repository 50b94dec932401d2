//! The result of loading rules files: per file, whether it loaded, its
//! errors and its warnings; rendered as text (`lanner validate`) or as
//! Falco's `falco_load_results` JSON.
//!
//! Owns: [`LoadResult`], [`FileResult`] and their rendering.
//! Must never: drop a diagnostic: everything the loader reported is kept
//! and printed (warnings too, even when the load succeeds).

use super::error::{Code, Diagnostic};
use serde_json::{json, Value as Json};
use std::fmt::Write as _;

/// What loading one file produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileResult {
    pub name: String,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl FileResult {
    pub fn successful(&self) -> bool {
        self.errors.is_empty()
    }

    /// Adds a resolved diagnostic to the errors or the warnings.
    pub fn push(&mut self, d: Diagnostic) {
        match d.code {
            Code::Error(_) => self.errors.push(d),
            Code::Warning(_) => self.warnings.push(d),
        }
    }

    fn json(&self) -> Json {
        let diag = |d: &Diagnostic| {
            let locations: Vec<Json> = d
                .locations
                .iter()
                .map(|l| {
                    json!({
                        "item_type": l.item_type,
                        "item_name": l.item_name,
                        "position": {
                            "name": l.file,
                            "line": l.line,
                            "column": l.col,
                            "offset": l.offset,
                        }
                    })
                })
                .collect();
            json!({
                "code": d.code.as_str(),
                "codedesc": d.code.desc(),
                "message": d.message,
                "context": { "locations": locations, "snippet": d.snippet },
            })
        };
        json!({
            "name": self.name,
            "successful": self.successful(),
            "errors": self.errors.iter().map(diag).collect::<Vec<_>>(),
            "warnings": self.warnings.iter().map(diag).collect::<Vec<_>>(),
        })
    }
}

/// What loading a set of rules files produced, file by file in load order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadResult {
    pub files: Vec<FileResult>,
}

impl LoadResult {
    /// True if no file has an error.
    pub fn successful(&self) -> bool {
        self.files.iter().all(FileResult::successful)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.errors.iter())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.warnings.iter())
    }

    /// Falco's `{"falco_load_results": [...]}` (positions are 1-based,
    /// unlike Falco's 0-based YAML marks, to match lanner's text output).
    pub fn to_json(&self) -> Json {
        json!({ "falco_load_results": self.files.iter().map(FileResult::json).collect::<Vec<_>>() })
    }

    /// Falco-like text: per file `name: Ok`, `name: Ok, with warnings` or
    /// `name: Invalid`, then each error and warning with its code,
    /// position and snippet.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for f in &self.files {
            let status = match (f.successful(), f.warnings.is_empty()) {
                (false, _) => "Invalid",
                (true, true) => "Ok",
                (true, false) => "Ok, with warnings",
            };
            let _ = writeln!(s, "{}: {status}", f.name);
            for (what, list) in [("Errors", &f.errors), ("Warnings", &f.warnings)] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(s, "{} {what}:", list.len());
                for d in list {
                    let _ = writeln!(s, "{d}");
                }
            }
        }
        s
    }
}
