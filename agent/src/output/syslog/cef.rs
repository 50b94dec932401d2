//! ArcSight Common Event Format (CEF:0) bodies for the syslog output
//! (`body: cef`): `CEF:0|lanner|lanner|VERSION|RULE|RULE|SEVERITY|EXT`.
//!
//! Owns: the CEF header (escaping `\` and `|`; control characters become
//! spaces, the standard allows no line breaks there), the extension
//! (escaping `\`, `=`, CR and LF as the standard prescribes), the Falco
//! priority -> CEF severity (0..=10) mapping, and which extension key each
//! piece of the alert goes to:
//!
//! | key | value |
//! |-----|-------|
//! | `rt` | event time, ms since the epoch |
//! | `dvchost` | HOSTNAME of the sensor |
//! | `cat` | event source (`syscall`) |
//! | `msg` | the rule's rendered output |
//! | `lannerPriority` | Falco's priority name (`Warning`) |
//! | `lannerTags` | rule tags, comma-separated |
//! | `suser` | `user.name`, when it is an output field |
//! | `cs1`..`cs6` + `csNLabel` | the first six output fields (label = Falco field name) |
//! | `lannerFieldN` + `lannerFieldNLabel` | output fields 7, 8, ... (same shape) |
//!
//! Must never: do I/O or panic on any alert content.

use crate::engine::priority::Priority;
use crate::output::alert::Alert;
use crate::output::syslog::format::floor_char_boundary;
use std::fmt::Write as _;

/// CEF's limits on the header's Signature ID and Name fields.
const MAX_SIGNATURE_ID: usize = 1023;
const MAX_NAME: usize = 512;
/// Standard custom-string slots (`cs1`..`cs6`).
const CS_SLOTS: usize = 6;

/// CEF severity (0 = lowest .. 10 = highest) of a Falco priority.
pub fn severity(p: Priority) -> u8 {
    match p {
        Priority::Emergency => 10,
        Priority::Alert => 9,
        Priority::Critical => 8,
        Priority::Error => 7,
        Priority::Warning => 6,
        Priority::Notice => 4,
        Priority::Informational => 3,
        Priority::Debug => 0,
    }
}

/// Appends `s` escaped for a CEF header field (at most `max` bytes of
/// input, cut on a character boundary).
pub fn escape_header(s: &str, max: usize, out: &mut String) {
    for c in s[..floor_char_boundary(s, max)].chars() {
        match c {
            '\\' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Appends `s` escaped for a CEF extension value.
pub fn escape_value(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '=' => out.push_str("\\="),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// Appends ` key=value` (no space before the first pair).
fn push_ext(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(key);
    out.push('=');
    escape_value(value, out);
}

/// The alert as one CEF:0 record. `version` is the product version in the
/// header, `hostname` goes to `dvchost`.
pub fn render(alert: &Alert, hostname: &str, version: &str) -> String {
    let mut s = String::with_capacity(256 + alert.output.len());
    s.push_str("CEF:0|lanner|lanner|");
    escape_header(version, MAX_NAME, &mut s);
    s.push('|');
    escape_header(&alert.rule, MAX_SIGNATURE_ID, &mut s);
    s.push('|');
    escape_header(&alert.rule, MAX_NAME, &mut s);
    // Writing to a String cannot fail.
    let _ = write!(s, "|{}|", severity(alert.priority));
    let mut e = String::with_capacity(128 + alert.output.len());
    push_ext(&mut e, "rt", &(alert.time_ns / 1_000_000).to_string());
    push_ext(&mut e, "dvchost", hostname);
    push_ext(&mut e, "cat", &alert.source);
    push_ext(&mut e, "lannerPriority", alert.priority.name());
    push_ext(&mut e, "lannerTags", &alert.tags.join(","));
    if let Some((_, v)) = alert.output_fields.iter().find(|(k, _)| k == "user.name") {
        push_ext(&mut e, "suser", &v.to_string());
    }
    for (i, (name, value)) in alert.output_fields.iter().enumerate() {
        let n = i + 1;
        let key = if n <= CS_SLOTS {
            format!("cs{n}")
        } else {
            format!("lannerField{n}")
        };
        push_ext(&mut e, &format!("{key}Label"), name);
        push_ext(&mut e, &key, &value.to_string());
    }
    push_ext(&mut e, "msg", &alert.output);
    s.push_str(&e);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::alert::FieldValue;

    fn alert() -> Alert {
        Alert {
            time_ns: 1_700_000_000_123_456_789,
            rule: r"Pipe|in\rule".into(),
            priority: Priority::Warning,
            output: "a=b c\\d\nnext\rline | pipe".into(),
            tags: vec!["t1".into(), "t2".into()],
            source: "syscall".into(),
            output_fields: vec![
                ("user.name".into(), "root".into()),
                ("proc.pid".into(), FieldValue::Int(42)),
                ("proc.tty".into(), FieldValue::Null),
            ],
        }
    }

    #[test]
    fn exact_record_with_escaping() {
        assert_eq!(
            render(&alert(), "node-7", "0.1.0"),
            r"CEF:0|lanner|lanner|0.1.0|Pipe\|in\\rule|Pipe\|in\\rule|6|rt=1700000000123 dvchost=node-7 cat=syscall lannerPriority=Warning lannerTags=t1,t2 suser=root cs1Label=user.name cs1=root cs2Label=proc.pid cs2=42 cs3Label=proc.tty cs3=<NA> msg=a\=b c\\d\nnext\rline | pipe"
        );
    }

    #[test]
    fn header_escaping_per_spec() {
        let mut s = String::new();
        escape_header("a|b\\c=d\ne", 100, &mut s);
        // `=` needs no escaping in the header; line breaks are not allowed.
        assert_eq!(s, r"a\|b\\c=d e");
        let mut s = String::new();
        escape_header(&"é".repeat(10), 5, &mut s);
        assert_eq!(s, "éé");
    }

    #[test]
    fn extension_escaping_per_spec() {
        let mut s = String::new();
        escape_value("x=1 \\ | y\r\n", &mut s);
        // `|` needs no escaping in the extension.
        assert_eq!(s, r"x\=1 \\ | y\r\n");
    }

    #[test]
    fn severity_covers_0_to_10_in_order() {
        let all = [
            Priority::Emergency,
            Priority::Alert,
            Priority::Critical,
            Priority::Error,
            Priority::Warning,
            Priority::Notice,
            Priority::Informational,
            Priority::Debug,
        ];
        let sev: Vec<u8> = all.iter().map(|p| severity(*p)).collect();
        assert_eq!(sev, [10, 9, 8, 7, 6, 4, 3, 0]);
    }

    #[test]
    fn fields_past_six_use_custom_keys() {
        let mut a = alert();
        a.output_fields = (1..=8)
            .map(|i| (format!("f{i}"), FieldValue::Int(i)))
            .collect();
        let r = render(&a, "h", "1");
        assert!(r.contains(" cs6Label=f6 cs6=6 lannerField7Label=f7 lannerField7=7 "));
        assert!(r.contains(" lannerField8Label=f8 lannerField8=8 msg="));
        assert!(!r.contains("suser="));
    }
}
