//! The alert record every output receives.
//!
//! Owns: what an alert carries from the rule engine to the outputs.
//! Must never: hold references into ring memory or event buffers (alerts
//! cross threads and outlive the event that produced them).

use crate::engine::priority::Priority;
use std::fmt;

/// One `output_fields` value, typed as Falco types it in JSON alerts:
/// integers as numbers, booleans as booleans, everything else as text,
/// a missing value as `null` (`<NA>` in text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Null,
    Str(String),
    Int(i64),
    Bool(bool),
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Null => f.write_str(crate::engine::format::NOT_AVAILABLE),
            FieldValue::Str(s) => f.write_str(s),
            FieldValue::Int(i) => write!(f, "{i}"),
            FieldValue::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
        }
    }
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> FieldValue {
        FieldValue::Str(s.to_string())
    }
}

impl From<String> for FieldValue {
    fn from(s: String) -> FieldValue {
        FieldValue::Str(s)
    }
}

impl FieldValue {
    /// The value as Falco's JSON types it.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            FieldValue::Null => serde_json::Value::Null,
            FieldValue::Str(s) => serde_json::Value::String(s.clone()),
            FieldValue::Int(i) => serde_json::Value::from(*i),
            FieldValue::Bool(b) => serde_json::Value::Bool(*b),
        }
    }
}

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
    /// Every field referenced by the output (as written, `proc.aname[2]`),
    /// with its typed value, in first-reference order. Tokens with
    /// transformers are not listed (as in Falco).
    pub output_fields: Vec<(String, FieldValue)>,
}
