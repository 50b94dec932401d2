//! Falco conditions: text -> syntax tree -> compiled filter.
//!
//! `lex` scans lexemes, `parse` builds an [`ast::Expr`] with spans,
//! `compile` type-checks an expanded tree (macros and lists substituted by
//! the rules loader) into a [`compile::Filter`] that evaluates events
//! (as a flat jump program, `program`).
//! The compiler's parts: `transform` (operands, transformers, `val()`),
//! `textfn` (base64, getopt), `test` (one operator on one typed value),
//! `constant` (right-hand-side conversion), `glob`, `pmatch`, `re2` (RE2's literal braces), `fxhash`
//! (hashing of constant sets), `dynamic` (runtime right-hand sides),
//! `evttypes` (the event-type index algebra), `memo` (check results
//! shared across the rules evaluated on one event) and `warn` (hints).
//!
//! Owns: the condition language on its own, independent of rules files.
//! Must never: know about YAML, files, macros' or lists' definitions, or
//! where field values come from.

pub mod ast;
pub mod compile;
mod constant;
mod dynamic;
pub mod evttypes;
mod fxhash;
mod glob;
pub use glob::glob_match;
pub mod lex;
pub mod memo;
pub mod parse;
mod pmatch;
mod program;
mod re2;
mod test;
mod textfn;
pub mod transform;
pub mod warn;

#[cfg(test)]
mod compile_tests;

pub use compile::{compile, compile_with, CompileError, Filter};
pub use evttypes::{event_type_set, is_known_event_type, TypeSet};
pub use parse::{parse, ParseError};
pub use warn::CompileWarning;
