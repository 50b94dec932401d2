//! The alert record every output receives.
//!
//! Owns: what an alert carries from the rule engine to the outputs.
//! Must never: hold references into ring memory or event buffers (alerts
//! cross threads and outlive the event that produced them).

use crate::engine::priority::Priority;

/// One rule match, fully rendered, owned.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Event timestamp, ns since the Unix epoch.
    pub time_ns: u64,
    /// Rule name.
    pub rule: String,
    /// Rule priority.
    pub priority: Priority,
    /// The rule's `output` with `%field` references substituted.
    pub output: String,
    /// Rule tags, in rule order.
    pub tags: Vec<String>,
    /// Event source ("syscall").
    pub source: String,
    /// Every field referenced by the output, with its rendered value
    /// (`<NA>` when absent), in first-reference order.
    pub output_fields: Vec<(String, String)>,
}
