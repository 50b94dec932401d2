//! Rule engine: the Falco rule language (first cut).
//!
//! Rules files (YAML) are loaded with Falco's semantics into a [`Ruleset`]
//! (all or nothing); every error and warning carries Falco's code,
//! `file:line:col` and the offending source line ([`LoadResult`]). Conditions
//! are parsed into a syntax tree, macros and lists substituted, and the
//! result compiled against the [`Field`] catalogue. At run time the agent
//! hands each event to [`Ruleset::first_match`] (or `all_matches`) with its
//! event type and a [`FieldSource`]; only the rules that can match that
//! event type are evaluated ([`Ruleset::is_interesting`] tells whether
//! any can).
//!
//! Layout: [`yaml`] (positioned YAML tree, reused for the agent's config),
//! [`condition`] (lexer, parser, syntax tree, compiler), [`rules`] (rules
//! files -> [`Ruleset`]), [`field`] (the field catalogue and the
//! [`FieldSource`] interface), [`format`](mod@format) (output templates),
//! [`priority`].
//!
//! # Missing values
//!
//! A [`FieldSource`] returns `None` when a field has no value for the event
//! (`fd.name` on an `execve`, `proc.pname` of a process whose parent is
//! unknown). As in Falco (libsinsp filterchecks), a comparison on a missing
//! field is **false for every operator, `!=` included**, so `not` of it is
//! true: `not proc.pname in (nginx)` holds when the parent is unknown,
//! `proc.pname != nginx` does not. `exists` is false. A value of the wrong
//! type is treated as missing (never a panic). Outputs render a missing
//! value as `<NA>`.
//!
//! Owns: the rule language, rules-file loading, condition evaluation and
//! output rendering.
//! Must never: do I/O or fail while evaluating an event, or compute field
//! values itself (that is the [`FieldSource`] implementor's job).

pub mod catalog;
pub mod condition;
pub mod field;
pub mod format;
pub mod priority;
pub mod rules;
pub mod yaml;

pub use catalog::Field;
pub use field::{Catalog, FieldArg, FieldId, FieldRef, FieldSource, FieldType, Value};
pub use priority::Priority;
pub use rules::{
    Diagnostic, LoadError, LoadErrorKind, LoadOutcome, LoadResult, Rule, RuleMatching, RuleSelect,
    Ruleset, SelectBy,
};
pub use yaml::{Node, NodeKind, ScalarStyle, YamlError};
