//! State: the process table the rules read (`proc.*`, `thread.*`,
//! `user.*`, `group.*`) with per-process fd tables (`fd.*`) and the
//! containers processes run in (`container.*`, `k8s.*`).
pub mod container;
pub mod fd;
pub mod fdops;
pub mod inthash;
pub mod proc;
pub mod procfs;
pub mod thread;
pub mod users;

pub use proc::{ProcTable, ThreadInfo};
