//! IBM QRadar Log Event Extended Format 2.0 bodies for the syslog output
//! (`body: leef`):
//! `LEEF:2.0|lanner|lanner|VERSION|RULE|x09|key=value<TAB>key=value...`.
//!
//! Owns: the LEEF header (escaping `\` and `|`; control characters become
//! spaces), the attributes, tab-delimited (declared as `x09` in the
//! header), the Falco priority -> LEEF `sev` (1..=10) mapping. Attribute
//! values escape `\` as `\\` and tab, LF, CR as `\t`, `\n`, `\r`, so a
//! value never contains the delimiter or a line break; `=` needs no
//! escaping (a key ends at the first `=`). Attributes:
//!
//! | key | value |
//! |-----|-------|
//! | `devTime` + `devTimeFormat` | event time, `MMM dd yyyy HH:mm:ss.SSS z` in UTC |
//! | `sev` | severity 1..=10 |
//! | `cat` | event source (`syscall`) |
//! | `usrName` | `user.name`, when it is an output field |
//! | `msg` | the rule's rendered output |
//! | `lannerPriority`, `lannerTags` | Falco's priority name, tags comma-separated |
//! | every output field | under its Falco name (`proc.name`; `name[arg]` as `name.arg`, as in the RFC 5424 SD) |
//!
//! Output fields whose name cannot be a key (contains `=`, space, a
//! control character, ...) or would shadow one of the keys above are left
//! out; their values are still in `msg`.
//! Must never: do I/O or panic on any alert content.

use super::format::field_sd_name;
use crate::engine::priority::Priority;
use crate::output::alert::Alert;
use crate::output::timefmt;

/// The attribute delimiter and how the header declares it.
pub const DELIMITER: char = '\t';
const DELIMITER_DECL: &str = "x09";
/// The `devTimeFormat` (Java `SimpleDateFormat`) of `devTime`.
pub const DEV_TIME_FORMAT: &str = "MMM dd yyyy HH:mm:ss.SSS z";
const FIXED_KEYS: [&str; 8] = [
    "devTime",
    "devTimeFormat",
    "sev",
    "cat",
    "usrName",
    "msg",
    "lannerPriority",
    "lannerTags",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// LEEF severity (1 = lowest .. 10 = highest) of a Falco priority.
pub fn severity(p: Priority) -> u8 {
    match p {
        Priority::Emergency => 10,
        Priority::Alert => 9,
        Priority::Critical => 8,
        Priority::Error => 7,
        Priority::Warning => 6,
        Priority::Notice => 4,
        Priority::Informational => 3,
        Priority::Debug => 1,
    }
}

/// `Nov 14 2023 22:13:20.123 UTC` ([`DEV_TIME_FORMAT`]).
pub fn dev_time(time_ns: u64) -> String {
    let dt = timefmt::utc(time_ns);
    format!(
        "{} {:02} {:04} {:02}:{:02}:{:02}.{:03} UTC",
        MONTHS[usize::from(u8::from(dt.month())) - 1],
        dt.day(),
        dt.year(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        (time_ns % 1_000_000_000) / 1_000_000
    )
}

/// Appends `s` escaped for a LEEF header field: the same rules as a CEF
/// header (`\\` and `|` escaped, control characters blanked).
pub fn escape_header(s: &str, out: &mut String) {
    super::cef::escape_header(s, s.len(), out);
}

/// Appends `s` escaped for an attribute value.
pub fn escape_value(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn push_attr(out: &mut String, first: &mut bool, key: &str, value: &str) {
    if !*first {
        out.push(DELIMITER);
    }
    *first = false;
    out.push_str(key);
    out.push('=');
    escape_value(value, out);
}

/// The alert as one LEEF 2.0 record; `version` is the product version.
pub fn render(alert: &Alert, version: &str) -> String {
    let mut s = String::with_capacity(256 + alert.output.len());
    s.push_str("LEEF:2.0|lanner|lanner|");
    escape_header(version, &mut s);
    s.push('|');
    escape_header(&alert.rule, &mut s);
    s.push('|');
    s.push_str(DELIMITER_DECL);
    s.push('|');
    let first = &mut true;
    push_attr(&mut s, first, "devTime", &dev_time(alert.time_ns));
    push_attr(&mut s, first, "devTimeFormat", DEV_TIME_FORMAT);
    push_attr(&mut s, first, "sev", &severity(alert.priority).to_string());
    push_attr(&mut s, first, "cat", &alert.source);
    if let Some((_, v)) = alert.output_fields.iter().find(|(k, _)| k == "user.name") {
        push_attr(&mut s, first, "usrName", &v.to_string());
    }
    push_attr(&mut s, first, "lannerPriority", alert.priority.name());
    push_attr(&mut s, first, "lannerTags", &alert.tags.join(","));
    for (name, value) in &alert.output_fields {
        if let Some(key) = field_sd_name(name) {
            if !FIXED_KEYS.contains(&key.as_ref()) {
                push_attr(&mut s, first, &key, &value.to_string());
            }
        }
    }
    push_attr(&mut s, first, "msg", &alert.output);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::alert::FieldValue;

    fn alert() -> Alert {
        Alert {
            time_ns: 1_700_000_000_123_456_789,
            rule: "Pipe|rule\\x".into(),
            priority: Priority::Critical,
            output: "tab\there a=b\nnew".into(),
            tags: vec!["t1".into(), "t2".into()],
            source: "syscall".into(),
            output_fields: vec![
                ("user.name".into(), "root".into()),
                ("proc.aname[2]".into(), "sh\tx".into()),
                ("proc.env[A=B]".into(), "left-out".into()),
                ("msg".into(), "would shadow".into()),
                ("proc.pid".into(), FieldValue::Int(7)),
            ],
        }
    }

    #[test]
    fn exact_record_with_escaping() {
        assert_eq!(
            render(&alert(), "0.1.0"),
            "LEEF:2.0|lanner|lanner|0.1.0|Pipe\\|rule\\\\x|x09|\
             devTime=Nov 14 2023 22:13:20.123 UTC\tdevTimeFormat=MMM dd yyyy HH:mm:ss.SSS z\t\
             sev=8\tcat=syscall\tusrName=root\tlannerPriority=Critical\tlannerTags=t1,t2\t\
             user.name=root\tproc.aname.2=sh\\tx\tproc.pid=7\t\
             msg=tab\\there a=b\\nnew"
        );
    }

    #[test]
    fn escaping_per_spec() {
        let mut h = String::new();
        escape_header("a|b\\c\td", &mut h);
        assert_eq!(h, "a\\|b\\\\c d");
        let mut v = String::new();
        escape_value("k=v\t\\\r\n|", &mut v);
        assert_eq!(v, "k=v\\t\\\\\\r\\n|");
    }

    #[test]
    fn every_attribute_splits_on_tab() {
        let r = render(&alert(), "1");
        let (_, attrs) = r.rsplit_once("|x09|").unwrap();
        for a in attrs.split(DELIMITER) {
            let (k, _) = a.split_once('=').unwrap();
            assert!(!k.is_empty() && !k.contains(' '), "{a:?}");
        }
        assert_eq!(attrs.matches("msg=").count(), 1);
    }

    #[test]
    fn severity_and_time() {
        assert_eq!(severity(Priority::Emergency), 10);
        assert_eq!(severity(Priority::Debug), 1);
        assert_eq!(dev_time(0), "Jan 01 1970 00:00:00.000 UTC");
        assert_eq!(
            dev_time(951_782_400_999_999_999),
            "Feb 29 2000 00:00:00.999 UTC"
        );
    }
}
