//! What goes into a syslog message's MSG (config `body`): Falco's text,
//! Falco's alert JSON, ArcSight CEF or QRadar LEEF.
//!
//! Owns: [`BodyFormat`] and [`Body`], which renders an alert's MSG in that
//! format. `text` is what each message format always carried: the output
//! alone in RFC 5424 (priority and rule are in the header and SD), the
//! priority name and the output in RFC 3164, as Falco's syslog output
//! reads. `json` is one line of Falco's alert schema (`output/json.rs`,
//! Falco's default `json_include_*` options), `cef` and `leef` are in
//! `cef.rs` and `leef.rs`. The RFC 5424 STRUCTURED-DATA is the same with
//! every body.
//! Must never: do I/O or panic on any alert content.

use super::{cef, leef};
use crate::output::alert::Alert;
use crate::output::json::falco_json;

/// MSG format of a syslog output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    /// Falco's output line.
    #[default]
    Text,
    /// Falco's alert JSON, one line.
    Json,
    /// ArcSight CEF:0.
    Cef,
    /// QRadar LEEF 2.0, tab-delimited.
    Leef,
}

/// Renders MSG bodies in one [`BodyFormat`].
#[derive(Debug, Clone)]
pub struct Body {
    format: BodyFormat,
    /// HOSTNAME for JSON's `hostname` and CEF's `dvchost`.
    hostname: String,
}

/// The product version written into CEF and LEEF headers.
pub const PRODUCT_VERSION: &str = env!("CARGO_PKG_VERSION");

impl Body {
    pub fn new(format: BodyFormat, hostname: String) -> Self {
        Body { format, hostname }
    }

    pub fn format(&self) -> BodyFormat {
        self.format
    }

    /// The MSG for `alert`, or `None` for `text` (each message format
    /// renders its own text MSG).
    pub fn render(&self, alert: &Alert) -> Option<String> {
        match self.format {
            BodyFormat::Text => None,
            BodyFormat::Json => Some(falco_json(alert, &self.hostname).to_string()),
            BodyFormat::Cef => Some(cef::render(alert, &self.hostname, PRODUCT_VERSION)),
            BodyFormat::Leef => Some(leef::render(alert, PRODUCT_VERSION)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;

    fn alert() -> Alert {
        Alert {
            time_ns: 1_700_000_000_123_456_789,
            rule: "R".into(),
            priority: Priority::Error,
            output: "line1\nline2 \"q\"".into(),
            tags: vec!["b".into(), "a".into()],
            source: "syscall".into(),
            output_fields: vec![("proc.name".into(), "sh".into())],
        }
    }

    #[test]
    fn each_format() {
        let b = |f| Body::new(f, "node-1".into()).render(&alert());
        assert_eq!(b(BodyFormat::Text), None);
        let j: serde_json::Value = serde_json::from_str(&b(BodyFormat::Json).unwrap()).unwrap();
        assert_eq!(j, falco_json(&alert(), "node-1"));
        let json_line = b(BodyFormat::Json).unwrap();
        assert!(!json_line.contains('\n'), "{json_line}");
        assert!(b(BodyFormat::Cef)
            .unwrap()
            .starts_with("CEF:0|lanner|lanner|"));
        assert!(b(BodyFormat::Leef)
            .unwrap()
            .starts_with("LEEF:2.0|lanner|lanner|"));
        let parsed: BodyFormat = serde_json::from_str("\"leef\"").unwrap();
        assert_eq!(parsed, BodyFormat::Leef);
        assert_eq!(BodyFormat::default(), BodyFormat::Text);
    }

    #[test]
    fn bodies_replace_msg_and_keep_sd_and_size_bound() {
        use crate::output::syslog::bsd::{Rfc3164Formatter, Rfc3164Params};
        use crate::output::syslog::format::{
            Facility, Rfc5424Formatter, Rfc5424Params, TRUNCATION_MARKER,
        };
        let p = Rfc5424Params {
            facility: Facility::User,
            hostname: "h".into(),
            app_name: "lanner".into(),
            procid: 1,
            msgid: None,
            sd_id: "lanner@32473".into(),
            include_output_fields: true,
            max_message_size: 8192,
        };
        let a = alert();
        let cef = Body::new(BodyFormat::Cef, "h".into()).render(&a).unwrap();
        let text = Rfc5424Formatter::new(p.clone()).format(&a).message;
        let with = Rfc5424Formatter::new(p.clone())
            .format_body(&a, &cef)
            .message;
        // Same header and SD; MSG replaced.
        let head = text.strip_suffix(a.output.as_str()).unwrap();
        assert_eq!(with, format!("{head}{cef}"));
        let bsd = Rfc3164Formatter::new(Rfc3164Params {
            facility: Facility::User,
            hostname: None,
            tag: "lanner".into(),
            pid: 1,
            max_message_size: 8192,
        });
        let m = bsd.format_body(&a, &cef).message;
        assert!(m.ends_with(&format!("lanner[1]: {cef}")), "{m}");
        // Cut to the limit like text, marker last.
        let big = Body::new(BodyFormat::Json, "h".into())
            .render(&Alert {
                output: "x".repeat(4000),
                ..alert()
            })
            .unwrap();
        let f = Rfc5424Formatter::new(Rfc5424Params {
            max_message_size: 1000,
            ..p
        })
        .format_body(&a, &big);
        assert!(f.truncated && f.message.len() <= 1000);
        assert!(f.message.ends_with(TRUNCATION_MARKER));
        assert!(f.message.contains("[lanner@32473 rule=\"R\""));
    }
}
