//! Rule engine: the Falco rule language (first cut).
//!
//! Rules files (YAML) are loaded all-or-nothing into a [`Ruleset`]; every
//! error carries `file:line:col` and the offending source line. Conditions
//! are parsed into a syntax tree, macros and lists substituted, and the
//! result compiled against the [`Field`] catalogue. At run time the agent
//! hands each event to [`Ruleset::first_match`] (or `all_matches`) with its
//! event type and a [`FieldSource`]; only the rules that can match that
//! event type are evaluated.
//!
//! Owns: the rule language, rules-file loading, condition evaluation and
//! output rendering.
//! Must never: do I/O or fail while evaluating an event, or compute field
//! values itself (that is the [`FieldSource`] implementor's job).

pub mod condition;
pub mod field;
pub mod format;
pub mod priority;
pub mod rules;

pub use field::{Field, FieldSource, FieldType, Value};
pub use priority::Priority;
pub use rules::{LoadError, LoadErrorKind, Rule, Ruleset};
