//! Events: zero-copy views of scap records.
pub mod decode;
pub mod encode;
pub mod param;

pub use decode::{Event, Value};
pub mod json;
pub mod render;
pub mod text;
