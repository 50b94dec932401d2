//! RFC 3164 ("BSD syslog") rendering, the format of syslog(3) and of most
//! legacy relays: `<PRI>Mmm dd hh:mm:ss [HOSTNAME ]TAG[PID]: MSG`.
//!
//! Owns: the header (TIMESTAMP in UTC — RFC 3164 has no zone field, and a
//! fleet's nodes rarely share one local zone — with the day space-padded),
//! the TAG (APP-NAME cut to RFC 3164's 32 characters), MSG (the priority
//! name then the alert's output text, as Falco's syslog output reads) and
//! the cut to the maximum size with [`TRUNCATION_MARKER`]. HOSTNAME is left
//! out on local sockets, as syslog(3) does: a stock rsyslog imuxsock parses
//! exactly that shape. Must never: do I/O, read the clock, or panic.

use super::format::{floor_char_boundary, printable_ascii, Facility, Formatted, TRUNCATION_MARKER};
use crate::output::alert::Alert;
use std::fmt::Write as _;

/// RFC 3164 4.1.3: TAG is at most 32 characters.
pub const MAX_TAG_LEN: usize = 32;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// What an RFC 3164 message carries besides the alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rfc3164Params {
    pub facility: Facility,
    /// HOSTNAME, or `None` to leave it out (local sockets).
    pub hostname: Option<String>,
    /// TAG (the APP-NAME); cut to [`MAX_TAG_LEN`] printable characters.
    pub tag: String,
    /// The PID in `TAG[PID]`.
    pub pid: u32,
    /// Bytes, without transport framing.
    pub max_message_size: usize,
}

/// `<PRI>Mmm dd hh:mm:ss [HOSTNAME ]TAG[PID]: MSG`.
#[derive(Debug, Clone)]
pub struct Rfc3164Formatter {
    params: Rfc3164Params,
}

/// `Mmm dd hh:mm:ss` in UTC, the day padded with a space (`Nov  4`).
pub fn bsd_timestamp(time_ns: u64) -> String {
    let dt = crate::output::timefmt::utc(time_ns);
    format!(
        "{} {:>2} {:02}:{:02}:{:02}",
        MONTHS[usize::from(u8::from(dt.month())) - 1],
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

impl Rfc3164Formatter {
    pub fn new(params: Rfc3164Params) -> Self {
        Rfc3164Formatter { params }
    }

    fn header(&self, alert: &Alert) -> String {
        let p = &self.params;
        let mut h = String::with_capacity(96);
        // Writing to a String cannot fail.
        let _ = write!(
            h,
            "<{}>{} ",
            p.facility.pri(alert.priority),
            bsd_timestamp(alert.time_ns)
        );
        if let Some(host) = &p.hostname {
            h.push_str(host);
            h.push(' ');
        }
        let tag = printable_ascii(&p.tag, MAX_TAG_LEN);
        let _ = write!(h, "{}[{}]: ", tag, p.pid);
        h
    }

    /// The message for `alert`; longer than `max_message_size` the MSG is
    /// cut on a character boundary and ends with [`TRUNCATION_MARKER`].
    pub fn format(&self, alert: &Alert) -> Formatted {
        self.format_body(
            alert,
            &format!("{} {}", alert.priority.name(), alert.output),
        )
    }

    /// The message with `body` as MSG (a JSON, CEF or LEEF body).
    pub fn format_body(&self, alert: &Alert, body: &str) -> Formatted {
        let max = self.params.max_message_size;
        let mut message = self.header(alert);
        if message.len() + body.len() <= max {
            message.push_str(body);
            return Formatted {
                message,
                truncated: false,
            };
        }
        let room = max.saturating_sub(message.len() + TRUNCATION_MARKER.len());
        message.push_str(&body[..floor_char_boundary(body, room)]);
        message.push_str(TRUNCATION_MARKER);
        // A header longer than the maximum (absurd hostname): cut it all.
        let cut = floor_char_boundary(&message, max);
        message.truncate(cut);
        Formatted {
            message,
            truncated: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::priority::Priority;

    fn alert(output: &str) -> Alert {
        Alert {
            time_ns: 1_700_000_000_123_456_789, // 2023-11-14T22:13:20Z
            rule: "Read sensitive file untrusted".into(),
            priority: Priority::Warning,
            output: output.into(),
            tags: vec![],
            source: "syscall".into(),
            output_fields: vec![],
        }
    }

    fn fmt(host: Option<&str>, max: usize) -> Rfc3164Formatter {
        Rfc3164Formatter::new(Rfc3164Params {
            facility: Facility::Auth,
            hostname: host.map(str::to_string),
            tag: "lanner".into(),
            pid: 42,
            max_message_size: max,
        })
    }

    #[test]
    fn local_and_network_shapes() {
        let a = alert("file=/etc/shadow process=cat");
        // auth (4) * 8 + warning (4) = 36
        assert_eq!(
            fmt(None, 1024).format(&a).message,
            "<36>Nov 14 22:13:20 lanner[42]: Warning file=/etc/shadow process=cat"
        );
        assert_eq!(
            fmt(Some("node-7"), 1024).format(&a).message,
            "<36>Nov 14 22:13:20 node-7 lanner[42]: Warning file=/etc/shadow process=cat"
        );
        assert_eq!(bsd_timestamp(1_699_056_000_000_000_000), "Nov  4 00:00:00");
    }

    #[test]
    fn long_messages_are_cut_with_the_marker() {
        let a = alert(&"é".repeat(900));
        for max in [480, 1024] {
            let f = fmt(Some("h"), max).format(&a);
            assert!(f.truncated);
            assert!(f.message.len() <= max, "{} > {max}", f.message.len());
            assert!(f.message.ends_with(TRUNCATION_MARKER));
        }
        let tiny = fmt(Some(&"h".repeat(600)), 100).format(&a);
        assert!(tiny.truncated && tiny.message.len() <= 100);
    }
}
