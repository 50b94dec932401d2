//! Falco conditions: text -> syntax tree -> compiled filter.
//!
//! `lex` scans lexemes, `parse` builds an [`ast::Expr`] with spans,
//! `compile` type-checks an expanded tree (macros and lists substituted by
//! the rules loader) into a [`compile::Filter`] that evaluates events.
//!
//! Owns: the condition language on its own, independent of rules files.
//! Must never: know about YAML, files, macros' or lists' definitions, or
//! where field values come from.

pub mod ast;
pub mod compile;
pub mod lex;
pub mod parse;

pub use compile::{compile, CompileError, Filter};
pub use parse::{parse, ParseError};
