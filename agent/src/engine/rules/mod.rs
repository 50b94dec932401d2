//! Rules files: YAML with `- rule:`, `- macro:` and `- list:` items, loaded
//! in order into one [`Ruleset`].
//!
//! `yaml` builds a positioned tree and maps scalars back to the file,
//! `load` reads items from it, `ruleset` resolves names, compiles and
//! evaluates, `error` renders `file:line:col: reason` with a caret.
//!
//! Owns: everything between rules-file text and a compiled ruleset.
//! Must never: return a partial ruleset, or report an error without a
//! position when the problem is in a file.

pub mod error;
pub mod load;
pub mod ruleset;
pub mod yaml;

pub use error::{LoadError, LoadErrorKind};
pub use ruleset::{Rule, Ruleset};
