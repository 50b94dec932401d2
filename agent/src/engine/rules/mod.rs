//! Rules files: YAML with `- rule:`, `- macro:` and `- list:` items, loaded
//! in order into one [`Ruleset`].
//!
//! `load` reads items from the positioned tree [`crate::engine::yaml`]
//! builds, `ruleset` resolves names, compiles and evaluates, `error`
//! renders `file:line:col: reason` with a caret and maps positions in
//! derived texts (conditions, outputs, list items) back to the file.
//!
//! Owns: everything between rules-file text and a compiled ruleset.
//! Must never: return a partial ruleset, or report an error without a
//! position when the problem is in a file.

pub mod error;
pub mod load;
pub mod ruleset;

pub use error::{LoadError, LoadErrorKind};
pub use ruleset::{Rule, Ruleset};
