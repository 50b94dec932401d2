//! Alerts as JSON in Falco's alert schema (what `json_output: true` makes
//! Falco print and what Falcosidekick accepts):
//! `{"hostname","output","output_fields":{..},"priority","rule","source",
//! "tags":[..],"time"}`.
//!
//! Owns: that object and its `time` (RFC 3339, UTC, nanoseconds, like
//! Falco). Field values are the rendered strings (`<NA>` when absent).
//! Must never: do I/O or panic.

use super::alert::Alert;
use serde_json::{json, Map, Value};

/// `2023-11-14T22:13:20.123456789Z`, as Falco writes `time`.
pub fn rfc3339_nanos(time_ns: u64) -> String {
    super::timefmt::rfc3339(time_ns, 9)
}

/// The alert as Falco's JSON object.
pub fn falco_json(alert: &Alert, hostname: &str) -> Value {
    let fields: Map<String, Value> = alert
        .output_fields
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    json!({
        "hostname": hostname,
        "output": alert.output,
        "output_fields": fields,
        "priority": alert.priority.name(),
        "rule": alert.rule,
        "source": alert.source,
        "tags": alert.tags,
        "time": rfc3339_nanos(alert.time_ns),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;

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
            ],
        };
        let j = falco_json(&a, "node-7");
        assert_eq!(j["time"], "2023-11-14T22:13:20.123456789Z");
        assert_eq!(j["priority"], "Warning");
        assert_eq!(j["rule"], "Read sensitive file untrusted");
        assert_eq!(j["output"], "file=/etc/shadow");
        assert_eq!(j["hostname"], "node-7");
        assert_eq!(j["source"], "syscall");
        assert_eq!(j["tags"][1], "mitre_credential_access");
        assert_eq!(j["output_fields"]["fd.name"], "/etc/shadow");
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
