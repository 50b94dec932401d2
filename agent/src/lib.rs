//! lanner agent library: the pipeline from kernel rings to alerts.
//!
//! Stages, in data-flow order (see ARCHITECTURE.md for invariants):
//! `source` (rings, merge) -> `event` (zero-copy decode) -> `state`
//! (process table) -> `engine` (rules) -> `output` (syslog, ...).
//! `pipeline` wires them with threads and bounded channels.

pub mod capture;
pub mod config;
pub mod detect;
pub mod engine;
pub mod event;
pub mod fields;
pub mod listing;
pub mod output;
pub mod pipeline;
pub mod source;
pub mod state;
#[cfg(test)]
pub(crate) mod testdata;
