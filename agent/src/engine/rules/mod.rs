//! Rules files: YAML with `rule`, `macro`, `list`,
//! `required_engine_version` and `required_plugin_versions` items, loaded
//! in order into one [`Ruleset`] with Falco's semantics and diagnostics.
//!
//! Pipeline: `load` (per-file loop) -> `read` (schema, items) ->
//! `collect` (definitions, append/override/redefinition) -> `compile`
//! (`exceptions` as text, `lists` substituted as text, parse, `macros`
//! resolved on the tree, condition and output compiled) -> `ruleset`.
//! `error`/`result` carry Falco's codes with file:line:col and snippets;
//! `text` maps every byte of a derived condition back to the file;
//! `version` and `select` hold engine/plugin versions and rule selection.
//!
//! Owns: everything between rules-file text and a compiled ruleset.
//! Must never: return a partial ruleset, or report a diagnostic without a
//! position when the problem is in a file.

mod collect;
mod compile;
pub mod error;
mod exceptions;
mod lists;
pub mod load;
mod macros;
mod read;
mod read_rule;
pub mod result;
pub mod ruleset;
pub mod select;
mod text;
pub mod version;

pub use error::{Code, Diagnostic, LoadError, LoadErrorKind, Location, WarningCode};
pub use load::LoadOutcome;
pub use result::{FileResult, LoadResult};
pub use ruleset::{Rule, Ruleset, TypeSlot};
pub use select::{RuleMatching, RuleSelect, SelectBy};
pub use version::{Version, CONTAINER_PLUGIN_VERSION, ENGINE_VERSION};
