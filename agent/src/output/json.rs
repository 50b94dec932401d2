//! Alerts as JSON in Falco's alert schema (what `json_output: true` makes
//! Falco print and what Falcosidekick accepts):
//! `{"hostname","output","output_fields":{..},"priority","rule","source",
//! "tags":[..],"time"}`.
//!
//! Owns: that object: keys in Falco's (alphabetical) order, `time` in
//! RFC 3339 UTC with nanoseconds, `output` as the full text line (time,
//! priority, message), `output_fields` typed (numbers, booleans, strings,
//! `null` when missing) plus the time token Falco adds (`evt.time` as ns
//! since the epoch), sorted `tags`, and Falco's `json_include_*` options.
//! Must never: do I/O or panic.

use super::alert::Alert;
use serde_json::{json, Map, Value};

/// `2023-11-14T22:13:20.123456789Z`, as Falco writes `time`.
pub fn rfc3339_nanos(time_ns: u64) -> String {
    super::timefmt::rfc3339(time_ns, 9)
}

/// Falco's `json_include_*` and `time_format_iso_8601` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonOptions {
    pub include_output: bool,
    pub include_message: bool,
    pub include_output_fields: bool,
    pub include_tags: bool,
    /// The text line's time as ISO 8601 (`evt.time.iso8601`) instead of
    /// `HH:MM:SS.nnnnnnnnn` (`evt.time`).
    pub iso8601: bool,
}

impl Default for JsonOptions {
    /// Falco's defaults.
    fn default() -> Self {
        JsonOptions {
            include_output: true,
            include_message: false,
            include_output_fields: true,
            include_tags: true,
            iso8601: false,
        }
    }
}

/// The alert as Falco's JSON object, with Falco's default options.
pub fn falco_json(alert: &Alert, hostname: &str) -> Value {
    falco_json_with(alert, hostname, &JsonOptions::default())
}

/// The alert as Falco's JSON object.
pub fn falco_json_with(alert: &Alert, hostname: &str, o: &JsonOptions) -> Value {
    let mut obj = Map::new();
    obj.insert("hostname".into(), json!(hostname));
    if o.include_output {
        obj.insert(
            "output".into(),
            json!(super::stdout::text_line_with(alert, o.iso8601)),
        );
    }
    if o.include_message {
        obj.insert("message".into(), json!(alert.output));
    }
    if o.include_output_fields {
        let mut fields: Map<String, Value> = alert
            .output_fields
            .iter()
            .map(|(k, v)| (k.clone(), v.to_json()))
            .collect();
        let time_key = if o.iso8601 {
            "evt.time.iso8601"
        } else {
            "evt.time"
        };
        fields.insert(time_key.into(), json!(alert.time_ns));
        obj.insert("output_fields".into(), Value::Object(fields));
    }
    obj.insert("priority".into(), json!(alert.priority.name()));
    obj.insert("rule".into(), json!(alert.rule));
    obj.insert("source".into(), json!(alert.source));
    if o.include_tags {
        let mut tags = alert.tags.clone();
        tags.sort();
        obj.insert("tags".into(), json!(tags));
    }
    obj.insert("time".into(), json!(rfc3339_nanos(alert.time_ns)));
    Value::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;
    use crate::output::alert::FieldValue;

    #[test]
    fn falco_alert_schema() {
        let a = Alert {
            time_ns: 1_700_000_000_123_456_789,
            rule: "Read sensitive file untrusted".into(),
            priority: Priority::Warning,
            output: "file=/etc/shadow".into(),
            tags: vec!["filesystem".into(), "mitre_credential_access".into()],
            source: "syscall".into(),
            output_fields: vec![
                ("fd.name".into(), "/etc/shadow".into()),
                ("container.id".into(), "host".into()),
                ("proc.pid".into(), FieldValue::Int(42)),
                ("proc.tty".into(), FieldValue::Null),
                ("evt.is_open_read".into(), FieldValue::Bool(true)),
            ],
        };
        let j = falco_json(&a, "node-7");
        assert_eq!(j["time"], "2023-11-14T22:13:20.123456789Z");
        assert_eq!(j["priority"], "Warning");
        assert_eq!(j["rule"], "Read sensitive file untrusted");
        assert_eq!(j["output"], "22:13:20.123456789: Warning file=/etc/shadow");
        assert_eq!(j["output_fields"]["evt.time"], 1_700_000_000_123_456_789u64);
        assert_eq!(j["hostname"], "node-7");
        assert_eq!(j["source"], "syscall");
        assert_eq!(j["tags"][1], "mitre_credential_access");
        assert_eq!(j["output_fields"]["fd.name"], "/etc/shadow");
        assert_eq!(j["output_fields"]["proc.pid"], 42);
        assert_eq!(j["output_fields"]["proc.tty"], Value::Null);
        assert_eq!(j["output_fields"]["evt.is_open_read"], true);
        let o = JsonOptions {
            include_output: false,
            include_tags: false,
            include_message: true,
            iso8601: true,
            ..JsonOptions::default()
        };
        let j2 = falco_json_with(&a, "n", &o);
        assert!(j2.get("output").is_none() && j2.get("tags").is_none());
        assert_eq!(j2["message"], "file=/etc/shadow");
        assert!(j2["output_fields"].get("evt.time.iso8601").is_some());
        let keys: Vec<&String> = j.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "hostname",
                "output",
                "output_fields",
                "priority",
                "rule",
                "source",
                "tags",
                "time"
            ]
        );
        assert_eq!(rfc3339_nanos(5), "1970-01-01T00:00:00.000000005Z");
    }
}
