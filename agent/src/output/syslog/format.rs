//! Syslog message rendering: RFC 5424 (RFC 3164 lives in `bsd.rs`).
//!
//! Owns: turning an [`Alert`] into the bytes of one syslog message (PRI,
//! header, STRUCTURED-DATA, MSG), making every header field legal for
//! RFC 5424, choosing which output fields become SD-PARAMs (only those with
//! a legal SD-NAME, see [`field_sd_name`]), escaping SD PARAM-VALUEs,
//! bounding the message size with an explicit truncation marker, and
//! RFC 6587 octet-counting framing.
//! Must never: do I/O, block, panic on any alert content, or emit a message
//! longer than the configured maximum.
//!
//! MSG is the alert's output text as UTF-8 *without* the BOM RFC 5424 puts
//! in front of MSG-UTF8. Without a BOM the MSG is formally MSG-ANY; rsyslog,
//! syslog-ng and the common SIEM collectors read it as UTF-8 either way,
//! while a BOM shows up as stray bytes in many of them (and in Falco's own
//! syslog output, which sends none).
//!
//! Truncation (`max_message_size`, framing excluded): the header is always
//! kept; then the whole SD if it fits with the cut MSG, else the SD without
//! output fields, else `-`; MSG is cut on a UTF-8 boundary and ends in
//! [`TRUNCATION_MARKER`].

use crate::engine::priority::Priority;
use crate::output::alert::Alert;
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::str::FromStr;

/// RFC 5424 NILVALUE.
pub const NILVALUE: &str = "-";
/// Appended to a message cut to fit `max_message_size`.
pub const TRUNCATION_MARKER: &str = "...[truncated]";
/// RFC 5424 limits (section 6).
pub const MAX_HOSTNAME_LEN: usize = 255;
pub const MAX_APP_NAME_LEN: usize = 48;
pub const MAX_MSGID_LEN: usize = 32;
pub const MAX_SD_NAME_LEN: usize = 32;

/// Syslog facility (RFC 5424 section 6.2.1), named as in glibc's
/// `<syslog.h>` and rsyslog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[serde(try_from = "String")]
pub enum Facility {
    Kern,
    /// Falco's syslog output uses `user`; so does lanner by default.
    #[default]
    User,
    Mail,
    Daemon,
    Auth,
    Syslog,
    Lpr,
    News,
    Uucp,
    Cron,
    Authpriv,
    Ftp,
    Local0,
    Local1,
    Local2,
    Local3,
    Local4,
    Local5,
    Local6,
    Local7,
}

impl Facility {
    /// Numeric facility code (0..=23).
    pub fn code(self) -> u8 {
        match self {
            Facility::Kern => 0,
            Facility::User => 1,
            Facility::Mail => 2,
            Facility::Daemon => 3,
            Facility::Auth => 4,
            Facility::Syslog => 5,
            Facility::Lpr => 6,
            Facility::News => 7,
            Facility::Uucp => 8,
            Facility::Cron => 9,
            Facility::Authpriv => 10,
            Facility::Ftp => 11,
            Facility::Local0 => 16,
            Facility::Local1 => 17,
            Facility::Local2 => 18,
            Facility::Local3 => 19,
            Facility::Local4 => 20,
            Facility::Local5 => 21,
            Facility::Local6 => 22,
            Facility::Local7 => 23,
        }
    }

    /// Canonical lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Facility::Kern => "kern",
            Facility::User => "user",
            Facility::Mail => "mail",
            Facility::Daemon => "daemon",
            Facility::Auth => "auth",
            Facility::Syslog => "syslog",
            Facility::Lpr => "lpr",
            Facility::News => "news",
            Facility::Uucp => "uucp",
            Facility::Cron => "cron",
            Facility::Authpriv => "authpriv",
            Facility::Ftp => "ftp",
            Facility::Local0 => "local0",
            Facility::Local1 => "local1",
            Facility::Local2 => "local2",
            Facility::Local3 => "local3",
            Facility::Local4 => "local4",
            Facility::Local5 => "local5",
            Facility::Local6 => "local6",
            Facility::Local7 => "local7",
        }
    }

    /// The PRI value of a message with this facility and `priority`.
    pub fn pri(self, priority: Priority) -> u8 {
        self.code() * 8 + priority.syslog_severity()
    }
}

impl fmt::Display for Facility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an unknown facility name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown syslog facility {0:?} (expected kern, user, mail, daemon, auth, syslog, lpr, news, \
     uucp, cron, authpriv, ftp or local0..local7)"
)]
pub struct UnknownFacility(pub String);

impl FromStr for Facility {
    type Err = UnknownFacility;

    /// Case-insensitive; `security` is glibc's deprecated alias of `auth`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "kern" => Facility::Kern,
            "user" => Facility::User,
            "mail" => Facility::Mail,
            "daemon" => Facility::Daemon,
            "auth" | "security" => Facility::Auth,
            "syslog" => Facility::Syslog,
            "lpr" => Facility::Lpr,
            "news" => Facility::News,
            "uucp" => Facility::Uucp,
            "cron" => Facility::Cron,
            "authpriv" => Facility::Authpriv,
            "ftp" => Facility::Ftp,
            "local0" => Facility::Local0,
            "local1" => Facility::Local1,
            "local2" => Facility::Local2,
            "local3" => Facility::Local3,
            "local4" => Facility::Local4,
            "local5" => Facility::Local5,
            "local6" => Facility::Local6,
            "local7" => Facility::Local7,
            _ => return Err(UnknownFacility(s.to_string())),
        })
    }
}

impl TryFrom<String> for Facility {
    type Error = UnknownFacility;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Message format of a syslog output (config `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageFormat {
    #[default]
    Rfc5424,
    /// BSD syslog, what syslog(3) and legacy relays speak (see `bsd.rs`).
    Rfc3164,
}

/// One rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The syslog message, without transport framing.
    pub message: String,
    /// Whether it was cut to fit the maximum size.
    pub truncated: bool,
}

/// Renders alerts as syslog messages: one variant per wire format, chosen
/// by [`MessageFormat`]. An enum rather than a trait object so that adding
/// RFC 3164 is one variant plus its match arm, checked exhaustively.
/// Formatting is pure: no I/O, no clock, no panics.
#[derive(Debug, Clone)]
pub enum SyslogFormatter {
    /// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG`.
    Rfc5424(Rfc5424Formatter),
    /// `<PRI>Mmm dd hh:mm:ss [HOSTNAME ]TAG[PID]: MSG`.
    Rfc3164(super::bsd::Rfc3164Formatter),
}

impl SyslogFormatter {
    /// The message for `alert`, at most the configured maximum size.
    pub fn format(&self, alert: &Alert) -> Formatted {
        match self {
            SyslogFormatter::Rfc5424(f) => f.format(alert),
            SyslogFormatter::Rfc3164(f) => f.format(alert),
        }
    }

    /// The message for `alert` with `body` as its MSG (a JSON, CEF or LEEF
    /// body, see `body.rs`); same size bound.
    pub fn format_body(&self, alert: &Alert, body: &str) -> Formatted {
        match self {
            SyslogFormatter::Rfc5424(f) => f.format_body(alert, body),
            SyslogFormatter::Rfc3164(f) => f.format_body(alert, body),
        }
    }
}

/// What an RFC 5424 message carries besides the alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rfc5424Params {
    pub facility: Facility,
    /// HOSTNAME: must already be legal (see [`sanitize_hostname`]).
    pub hostname: String,
    /// APP-NAME: 1..=48 printable ASCII characters.
    pub app_name: String,
    /// PROCID.
    pub procid: u32,
    /// A fixed MSGID (already legal); `None`: from the rule name.
    pub msgid: Option<String>,
    /// SD-ID of the one SD-ELEMENT ("lanner@32473").
    pub sd_id: String,
    /// Add the output fields as SD-PARAMs (those [`field_sd_name`] names).
    pub include_output_fields: bool,
    /// Bytes, without transport framing; at least 480 (RFC 5424 6.1).
    pub max_message_size: usize,
}

/// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG`.
#[derive(Debug, Clone)]
pub struct Rfc5424Formatter {
    params: Rfc5424Params,
}

impl Rfc5424Formatter {
    pub fn new(params: Rfc5424Params) -> Self {
        Rfc5424Formatter { params }
    }

    fn header(&self, alert: &Alert) -> String {
        let p = &self.params;
        let mut h = String::with_capacity(128);
        // Writing to a String cannot fail.
        let _ = write!(
            h,
            "<{}>1 {} {} {} {} {}",
            p.facility.pri(alert.priority),
            rfc3339_micros(alert.time_ns),
            p.hostname,
            p.app_name,
            p.procid,
            match &p.msgid {
                Some(m) => m.clone(),
                None => sanitize_msgid(&alert.rule),
            },
        );
        h
    }

    fn structured_data(&self, alert: &Alert, with_fields: bool) -> String {
        let mut sd = String::with_capacity(256);
        sd.push('[');
        sd.push_str(&self.params.sd_id);
        push_param(&mut sd, "rule", &alert.rule);
        push_param(&mut sd, "priority", alert.priority.name());
        push_param(&mut sd, "source", &alert.source);
        push_param(&mut sd, "tags", &alert.tags.join(","));
        if with_fields {
            for (name, value) in &alert.output_fields {
                if let Some(name) = field_sd_name(name) {
                    push_param(&mut sd, &name, &value.to_string());
                }
            }
        }
        sd.push(']');
        sd
    }

    /// The message for `alert`; longer than `max_message_size` it is cut
    /// (see the module docs) and `truncated` is set.
    pub fn format(&self, alert: &Alert) -> Formatted {
        self.format_body(alert, &alert.output)
    }

    /// [`Rfc5424Formatter::format`] with `msg` as MSG instead of the
    /// alert's output.
    pub fn format_body(&self, alert: &Alert, msg: &str) -> Formatted {
        let max = self.params.max_message_size;
        let header = self.header(alert);
        let full_sd = self.structured_data(alert, self.params.include_output_fields);
        let whole = header.len() + 1 + full_sd.len() + usize::from(!msg.is_empty()) + msg.len();
        if whole <= max {
            return Formatted {
                message: assemble(&header, &full_sd, msg),
                truncated: false,
            };
        }
        // Too long: keep the header and as much SD as fits with the marker,
        // preferring the full SD, then the SD without output fields, then none.
        let base_sd;
        let mut candidates: Vec<&str> = vec![&full_sd];
        if self.params.include_output_fields && !alert.output_fields.is_empty() {
            base_sd = self.structured_data(alert, false);
            candidates.push(&base_sd);
        }
        candidates.push(NILVALUE);
        for sd in candidates {
            let fixed = header.len() + 1 + sd.len() + 1 + TRUNCATION_MARKER.len();
            if fixed <= max {
                let cut = &msg[..floor_char_boundary(msg, max - fixed)];
                let mut body = String::with_capacity(cut.len() + TRUNCATION_MARKER.len());
                body.push_str(cut);
                body.push_str(TRUNCATION_MARKER);
                return Formatted {
                    message: assemble(&header, sd, &body),
                    truncated: true,
                };
            }
        }
        // Even header + "-" + marker does not fit (a huge hostname with a
        // tiny maximum): cut the whole message, still on a char boundary.
        let mut message = assemble(&header, NILVALUE, msg);
        message.truncate(floor_char_boundary(&message, max));
        Formatted {
            message,
            truncated: true,
        }
    }
}

fn assemble(header: &str, sd: &str, msg: &str) -> String {
    let mut s = String::with_capacity(header.len() + sd.len() + msg.len() + 2);
    s.push_str(header);
    s.push(' ');
    s.push_str(sd);
    if !msg.is_empty() {
        s.push(' ');
        s.push_str(msg);
    }
    s
}

fn push_param(sd: &mut String, name: &str, value: &str) {
    sd.push(' ');
    sd.push_str(name);
    sd.push_str("=\"");
    escape_param_value(value, sd);
    sd.push('"');
}

/// Appends `value` escaped as an SD PARAM-VALUE (RFC 5424 6.3.3): `"`, `\`
/// and `]` get a backslash.
pub fn escape_param_value(value: &str, out: &mut String) {
    for c in value.chars() {
        if matches!(c, '"' | '\\' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// RFC 3339 UTC timestamp with microseconds, as RFC 5424 TIMESTAMP wants
/// (`2023-11-14T22:13:20.123456Z`). Sub-microsecond digits are cut, not
/// rounded, so a timestamp never moves into the next second.
pub fn rfc3339_micros(time_ns: u64) -> String {
    crate::output::timefmt::rfc3339(time_ns, 6)
}

/// MSGID from a rule name: spaces become `_`, anything outside printable
/// US-ASCII becomes `_` (one per character), cut to 32 characters; an empty
/// name becomes NILVALUE.
pub fn sanitize_msgid(rule: &str) -> String {
    let s = printable_ascii(rule, MAX_MSGID_LEN);
    if s.is_empty() {
        NILVALUE.to_string()
    } else {
        s
    }
}

/// HOSTNAME from whatever `gethostname` returned: same mapping as
/// [`sanitize_msgid`], cut to 255 characters.
pub fn sanitize_hostname(host: &str) -> String {
    let s = printable_ascii(host, MAX_HOSTNAME_LEN);
    if s.is_empty() {
        NILVALUE.to_string()
    } else {
        s
    }
}

pub(crate) fn printable_ascii(s: &str, max: usize) -> String {
    s.chars()
        .take(max)
        .map(|c| if c.is_ascii_graphic() { c } else { '_' })
        .collect()
}

/// PARAM-NAMEs every SD-ELEMENT starts with; an output field of the same
/// name is left out so it cannot pose as one of them.
pub const RESERVED_PARAM_NAMES: [&str; 4] = ["rule", "priority", "source", "tags"];

/// The SD-NAME an output field is sent under, or `None` when it is left out
/// of STRUCTURED-DATA (its value is still in MSG, the rendered output).
///
/// A name that already is a legal SD-NAME (RFC 5424 6.3.3: 1..=32
/// printable US-ASCII except `=`, space, `]` and `"`) is used as is
/// (`proc.name`). Falco's argument form `name[arg]` cannot be (`]`), so it
/// is sent as `name.arg` (`proc.aname[2]` -> `proc.aname.2`,
/// `proc.env[HOME]` -> `proc.env.HOME`) if that is legal. Anything else,
/// over 32 characters included, is left out rather than cut or rewritten:
/// a mangled name could pass for a different field. So are the
/// [`RESERVED_PARAM_NAMES`].
pub fn field_sd_name(field: &str) -> Option<Cow<'_, str>> {
    let name = if is_sd_name(field) {
        Cow::Borrowed(field)
    } else {
        let (base, arg) = field.strip_suffix(']')?.split_once('[')?;
        if base.is_empty() || arg.is_empty() {
            return None;
        }
        Cow::Owned(format!("{base}.{arg}"))
    };
    (is_sd_name(&name) && !RESERVED_PARAM_NAMES.contains(&name.as_ref())).then_some(name)
}

/// Whether `s` is a legal SD-NAME.
pub fn is_sd_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SD_NAME_LEN
        && s.bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'=' | b']' | b'"'))
}

/// Largest index `<= i` on a char boundary of `s`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// RFC 6587 octet-counting frame: `LEN SP MSG`, written into `out`
/// (cleared first).
pub fn octet_counted(msg: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.reserve(msg.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = std::io::Write::write_fmt(out, format_args!("{} ", msg.len()));
    out.extend_from_slice(msg);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert() -> Alert {
        Alert {
            time_ns: 1_700_000_000_123_456_789,
            rule: "Terminal shell in container".into(),
            priority: Priority::Warning,
            output: "A shell was spawned (user=root shell=bash)".into(),
            tags: vec!["container".into(), "shell".into(), "mitre_execution".into()],
            source: "syscall".into(),
            output_fields: vec![
                ("user.name".into(), "root".into()),
                ("proc.name".into(), "bash".into()),
                ("proc.aname[2]".into(), r#"a"b\c]d"#.into()),
            ],
        }
    }

    fn params() -> Rfc5424Params {
        Rfc5424Params {
            facility: Facility::User,
            hostname: "host1".into(),
            app_name: "lanner".into(),
            procid: 4242,
            msgid: None,
            sd_id: "lanner@32473".into(),
            include_output_fields: true,
            max_message_size: 8192,
        }
    }

    #[test]
    fn exact_rfc5424_message() {
        let f = Rfc5424Formatter::new(params()).format(&alert());
        assert!(!f.truncated);
        assert_eq!(
            f.message,
            "<12>1 2023-11-14T22:13:20.123456Z host1 lanner 4242 Terminal_shell_in_container \
             [lanner@32473 rule=\"Terminal shell in container\" priority=\"Warning\" \
             source=\"syscall\" tags=\"container,shell,mitre_execution\" user.name=\"root\" \
             proc.name=\"bash\" proc.aname.2=\"a\\\"b\\\\c\\]d\"] \
             A shell was spawned (user=root shell=bash)"
        );
    }

    #[test]
    fn without_output_fields_and_empty_msg() {
        let mut p = params();
        p.include_output_fields = false;
        p.facility = Facility::Local7;
        let mut a = alert();
        a.priority = Priority::Critical;
        a.output.clear();
        a.tags.clear();
        assert_eq!(
            Rfc5424Formatter::new(p).format(&a).message,
            "<186>1 2023-11-14T22:13:20.123456Z host1 lanner 4242 Terminal_shell_in_container \
             [lanner@32473 rule=\"Terminal shell in container\" priority=\"Critical\" \
             source=\"syscall\" tags=\"\"]"
        );
    }

    #[test]
    fn pri_math() {
        assert_eq!(Facility::Kern.pri(Priority::Emergency), 0);
        assert_eq!(Facility::User.pri(Priority::Warning), 12);
        assert_eq!(Facility::Local3.pri(Priority::Critical), 154);
        assert_eq!(Facility::Local7.pri(Priority::Debug), 191);
        assert_eq!(Facility::Authpriv.pri(Priority::Notice), 85);
    }

    #[test]
    fn facility_names() {
        for name in [
            "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
            "authpriv", "ftp", "local0", "local1", "local2", "local3", "local4", "local5",
            "local6", "local7",
        ] {
            let f: Facility = name.parse().unwrap();
            assert_eq!(f.name(), name);
        }
        assert_eq!("LOCAL4".parse::<Facility>().unwrap().code(), 20);
        assert_eq!("security".parse::<Facility>().unwrap(), Facility::Auth);
        let e = "local8".parse::<Facility>().unwrap_err();
        assert!(e.to_string().contains("local8"), "{e}");
        assert_eq!(Facility::default(), Facility::User);
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339_micros(0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(
            rfc3339_micros(1_700_000_000_123_456_789),
            "2023-11-14T22:13:20.123456Z"
        );
        // Truncated, not rounded.
        assert_eq!(rfc3339_micros(999_999_999), "1970-01-01T00:00:00.999999Z");
        assert_eq!(
            rfc3339_micros(951_782_400_000_001_000),
            "2000-02-29T00:00:00.000001Z"
        );
        assert_eq!(rfc3339_micros(u64::MAX), "2554-07-21T23:34:33.709551Z");
    }

    #[test]
    fn fixed_msgid_replaces_the_rule_name() {
        let f = Rfc5424Formatter::new(Rfc5424Params {
            msgid: Some("lanner-alert".into()),
            ..params()
        })
        .format(&alert());
        let fields: Vec<&str> = f.message.splitn(7, ' ').collect();
        assert_eq!(fields[5], "lanner-alert", "{}", f.message);
        let g = Rfc5424Formatter::new(params()).format(&alert());
        assert_ne!(g.message.split(' ').nth(5), Some("lanner-alert"));
    }

    #[test]
    fn msgid_sanitising() {
        assert_eq!(sanitize_msgid("Write below etc"), "Write_below_etc");
        assert_eq!(sanitize_msgid(""), "-");
        assert_eq!(sanitize_msgid("tab\there é\n"), "tab_here___");
        let long = "Launch Privileged Container With Sensitive Mount";
        let m = sanitize_msgid(long);
        assert_eq!(m, "Launch_Privileged_Container_With");
        assert_eq!(m.len(), 32);
        assert_eq!(sanitize_msgid(&"é".repeat(40)), "_".repeat(32));
    }

    #[test]
    fn sd_names() {
        let n = |f: &str| field_sd_name(f).map(|c| c.into_owned());
        assert_eq!(n("proc.name").as_deref(), Some("proc.name"));
        assert_eq!(n("proc.aname[2]").as_deref(), Some("proc.aname.2"));
        assert_eq!(n("proc.env[HOME]").as_deref(), Some("proc.env.HOME"));
        assert_eq!(n("evt.arg[0]").as_deref(), Some("evt.arg.0"));
        // `[` alone is legal in an SD-NAME.
        assert_eq!(n("x[1").as_deref(), Some("x[1"));
        let x32 = "x".repeat(32);
        assert_eq!(n(&x32).as_deref(), Some(x32.as_str()));
        // Not legal and not name[arg] (or its mapping is not legal): left out.
        for bad in [
            "",
            "a=b",
            "a b",
            "a\"b",
            "]",
            "[x]",
            "x[]",
            "proc.env[A=B]",
            "proc.env[A]B]",
            "caf\u{e9}",
            &"x".repeat(33),
            &format!("{}[1]", "x".repeat(31)),
            "rule",
            "priority",
            "source",
            "tags",
        ] {
            assert_eq!(n(bad), None, "{bad:?}");
        }
        assert!(is_sd_name("proc.aname.2") && is_sd_name("_"));
        assert!(!is_sd_name("a]b"));
        assert!(!is_sd_name(""));
        assert!(!is_sd_name(&"x".repeat(33)));
    }

    #[test]
    fn fields_without_an_sd_name_stay_in_msg_only() {
        let mut a = alert();
        a.output_fields = vec![
            ("proc.env[A=B]".into(), "v1".into()),
            ("rule".into(), "fake".into()),
            ("k8s.pod.label.app.kubernetes.io/name".into(), "web".into()),
            ("fd.name".into(), "/etc/shadow".into()),
        ];
        a.output = "open /etc/shadow".into();
        assert_eq!(
            Rfc5424Formatter::new(params()).format(&a).message,
            "<12>1 2023-11-14T22:13:20.123456Z host1 lanner 4242 Terminal_shell_in_container \
             [lanner@32473 rule=\"Terminal shell in container\" priority=\"Warning\" \
             source=\"syscall\" tags=\"container,shell,mitre_execution\" \
             fd.name=\"/etc/shadow\"] open /etc/shadow"
        );
    }

    #[test]
    fn param_value_escaping() {
        let mut s = String::new();
        escape_param_value(r#"x"y\z]w[é"#, &mut s);
        assert_eq!(s, r#"x\"y\\z\]w[é"#);
    }

    #[test]
    fn truncation_keeps_header_and_sd() {
        let mut p = params();
        p.max_message_size = 600;
        let mut a = alert();
        a.output = "é".repeat(1000);
        let f = Rfc5424Formatter::new(p).format(&a);
        assert!(f.truncated);
        assert!(f.message.len() <= 600, "{}", f.message.len());
        assert!(f.message.len() >= 598);
        assert!(f.message.ends_with("é...[truncated]"));
        assert!(f.message.contains("proc.aname.2="));
    }

    #[test]
    fn truncation_drops_output_fields_then_sd() {
        let mut p = params();
        p.max_message_size = 480;
        let mut a = alert();
        a.output_fields = vec![("fd.name".into(), "/x".repeat(300).into())];
        let f = Rfc5424Formatter::new(p.clone()).format(&a);
        assert!(f.truncated);
        assert!(f.message.len() <= 480);
        assert!(!f.message.contains("fd.name"));
        assert!(f.message.contains("rule=\"Terminal shell in container\""));
        assert!(f.message.ends_with(TRUNCATION_MARKER));

        a.rule = "r".repeat(600);
        let f = Rfc5424Formatter::new(p.clone()).format(&a);
        assert!(f.message.len() <= 480);
        assert!(f.message.contains(" - A shell"), "{}", f.message);
        assert!(f.message.ends_with(TRUNCATION_MARKER));

        p.hostname = "h".repeat(255);
        p.app_name = "a".repeat(48);
        let f = Rfc5424Formatter::new(p).format(&a);
        assert!(f.truncated);
        assert!(f.message.len() <= 480);
    }

    #[test]
    fn exact_fit_is_not_truncated() {
        let mut p = params();
        let full = Rfc5424Formatter::new(p.clone()).format(&alert()).message;
        p.max_message_size = full.len();
        let f = Rfc5424Formatter::new(p.clone()).format(&alert());
        assert!(!f.truncated);
        assert_eq!(f.message, full);
        p.max_message_size = full.len() - 1;
        let f = Rfc5424Formatter::new(p).format(&alert());
        assert!(f.truncated);
        assert!(f.message.len() < full.len());
    }

    #[test]
    fn octet_counting_frame() {
        let mut out = vec![1, 2, 3];
        octet_counted(b"hello", &mut out);
        assert_eq!(out, b"5 hello");
        octet_counted("é".as_bytes(), &mut out);
        assert_eq!(out, "2 é".as_bytes());
        octet_counted(b"", &mut out);
        assert_eq!(out, b"0 ");
    }

    #[test]
    fn hostname_sanitising() {
        assert_eq!(sanitize_hostname("web-1.example.com"), "web-1.example.com");
        assert_eq!(sanitize_hostname(""), "-");
        assert_eq!(sanitize_hostname("a b"), "a_b");
        assert_eq!(sanitize_hostname(&"h".repeat(300)).len(), 255);
    }
}
