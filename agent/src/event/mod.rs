//! Events: zero-copy views of scap records.
pub mod decode;

pub use decode::{Event, Value};
pub mod json;
pub mod render;
