//! State: the process table the rules read (`proc.*`, `user.*`).
pub mod container;
pub mod proc;
pub mod procfs;

pub use proc::{ProcTable, ThreadInfo};
