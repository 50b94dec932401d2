//! Configuration of one syslog output: the keys, their defaults, checking
//! every one of them (with the reason when it is wrong), and turning a
//! valid config into its formatter, MSG body and transport.
//!
//! Owns: [`SyslogConfig`] (serde, defaults), [`ConfigError`] and
//! [`SyslogConfig::validate`], which also reads the TLS files so that an
//! unreadable CA bundle or a key that is not the certificate's fails at
//! start rather than at the first alert.
//! Must never: accept a key that has no effect with the chosen transport
//! (`framing` on a datagram transport, `tls_*` without `transport: tls`),
//! or build a TLS client without certificate verification.

use super::body::{Body, BodyFormat};
use super::bsd::{Rfc3164Formatter, Rfc3164Params};
use super::datagram::{UdpTransport, UnixDatagramTransport};
use super::format::{
    self, sanitize_hostname, Facility, MessageFormat, Rfc5424Formatter, Rfc5424Params,
    SyslogFormatter,
};
use super::tls::TlsTransport;
use super::tls_config::{self, TlsConfigError, TlsFiles};
use super::transport::{Framing, TcpTransport, Transport};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

/// Default of [`SyslogConfig::max_message_size`]: the largest message a
/// stock rsyslog (8.2302, `maxMessageSize` unset, documented as "8k")
/// accepts whole, measured on imuxsock and imtcp. From 8097 bytes on it
/// cuts the message without a marker, and imtcp turns the rest of an
/// octet-counted frame into a separate bogus message. Raise it only
/// together with the receiver's `maxMessageSize`.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 8096;

/// Bounds of [`SyslogConfig::max_message_size`]: RFC 5424 receivers must
/// accept 480 bytes; 64 KiB is rsyslog's largest common `maxMessageSize`
/// and well below a unix datagram socket's default send buffer.
pub const MIN_MESSAGE_SIZE: usize = 480;
pub const MAX_MESSAGE_SIZE: usize = 65_536;
/// Upper bound of [`SyslogConfig::queue_capacity`].
pub const MAX_QUEUE_CAPACITY: usize = 1_000_000;

/// How messages reach the receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    /// Unix datagram socket at `path` (the local syslog daemon).
    #[default]
    Unix,
    /// TCP to `address`, octet-counting framing.
    Tcp,
    /// UDP to `address`, one message per datagram (RFC 5426; no delivery
    /// guarantee).
    Udp,
    /// TLS to `address` (RFC 5425; conventionally port 6514), certificate
    /// and server name always verified.
    Tls,
}

impl TransportKind {
    fn name(self) -> &'static str {
        match self {
            TransportKind::Unix => "unix",
            TransportKind::Tcp => "tcp",
            TransportKind::Udp => "udp",
            TransportKind::Tls => "tls",
        }
    }
}

/// One syslog destination. Every field has a default, so `{}` is a valid
/// configuration (RFC 5424 over `/dev/log`, facility `user`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyslogConfig {
    /// `unix` (default), `tcp`, `udp` or `tls`.
    pub transport: TransportKind,
    /// Unix socket path; default `/dev/log`.
    pub path: PathBuf,
    /// `HOST:PORT` (`[::1]:514` for IPv6); required for `tcp`, `udp` and
    /// `tls`.
    pub address: Option<String>,
    /// Default `user`, like Falco's syslog output.
    pub facility: Facility,
    /// HOSTNAME; default: the machine's `gethostname()`.
    pub hostname: Option<String>,
    /// APP-NAME; default `lanner`.
    pub app_name: String,
    /// MSGID (RFC 5424 only): default the rule name with characters MSGID
    /// does not allow replaced by `_`, cut to 32 (`Terminal_shell_in_co..`);
    /// a fixed 1..=32 printable-ASCII string when set (e.g. `lanner-alert`
    /// for receivers that route on it).
    pub msgid: Option<String>,
    /// SD-ID of the alert's SD-ELEMENT; default `lanner@32473` (32473 is the
    /// documentation enterprise number: set your own PEN in production).
    pub sd_id: String,
    /// Add the output fields as SD-PARAMs, those whose names are legal
    /// SD-NAMEs (`name[arg]` sent as `name.arg`; others stay in MSG only,
    /// see `format::field_sd_name`); default true.
    pub include_output_fields: bool,
    /// `rfc5424` (default) or `rfc3164` (BSD syslog; on a unix socket
    /// without HOSTNAME, like syslog(3), which any stock rsyslog parses).
    pub format: MessageFormat,
    /// MSG: `text` (default, Falco's output line), `json` (Falco's alert
    /// JSON), `cef` (ArcSight CEF:0) or `leef` (QRadar LEEF 2.0); see
    /// `body.rs`, `cef.rs`, `leef.rs`.
    pub body: BodyFormat,
    /// Stream framing for `tcp` and `tls`: `octet_counting` (default) or
    /// `lf` (each message ends in LF; LFs inside it are sent as spaces).
    /// Rejected with the datagram transports.
    pub framing: Option<Framing>,
    /// `tls`: PEM file of the CA certificates the server's certificate must
    /// chain to; default the system bundle
    /// (`/etc/ssl/certs/ca-certificates.crt` on Debian,
    /// `/etc/pki/tls/certs/ca-bundle.crt` on RHEL).
    pub tls_ca_file: Option<PathBuf>,
    /// `tls`: PEM client certificate (chain) for servers that require one;
    /// needs `tls_key_file`.
    pub tls_cert_file: Option<PathBuf>,
    /// `tls`: PEM private key of `tls_cert_file`.
    pub tls_key_file: Option<PathBuf>,
    /// `tls`: the name the server's certificate must be valid for; default
    /// the host part of `address` (a DNS name or an IP address).
    pub tls_server_name: Option<String>,
    /// Largest message in bytes, framing excluded; longer ones are cut and
    /// end in `...[truncated]`. Default 8096 (what a stock rsyslog takes
    /// whole: see [`DEFAULT_MAX_MESSAGE_SIZE`]); 480..=65536.
    pub max_message_size: usize,
    /// Alerts waiting for this output; when full, new ones are dropped and
    /// counted. Default 1024.
    pub queue_capacity: usize,
    /// TCP connect timeout (and, for `tls`, the handshake's, followed by
    /// up to 200 ms in which a server may still reject our client
    /// certificate, see `tls.rs`); default 2000 ms.
    pub connect_timeout_ms: u64,
    /// Per-message write timeout (both transports); default 2000 ms.
    pub write_timeout_ms: u64,
    /// Attempts per alert (1 = no retry); default 3.
    pub max_attempts: u32,
    /// First delay between attempts, doubled up to `backoff_max_ms` and kept
    /// across alerts until a send succeeds; default 100 ms.
    pub backoff_initial_ms: u64,
    /// Default 5000 ms.
    pub backoff_max_ms: u64,
    /// How long dropping the handle without `shutdown` flushes; default
    /// 2000 ms.
    pub shutdown_timeout_ms: u64,
    /// On-disk spool for while the receiver is down (see `output::spool`);
    /// default none. Retries of spooled alerts follow `backoff_*_ms`.
    pub spool: Option<crate::output::spool::SpoolConfig>,
}

impl Default for SyslogConfig {
    fn default() -> Self {
        SyslogConfig {
            transport: TransportKind::Unix,
            path: PathBuf::from("/dev/log"),
            address: None,
            facility: Facility::User,
            hostname: None,
            app_name: "lanner".to_string(),
            msgid: None,
            sd_id: "lanner@32473".to_string(),
            include_output_fields: true,
            format: MessageFormat::Rfc5424,
            body: BodyFormat::Text,
            framing: None,
            tls_ca_file: None,
            tls_cert_file: None,
            tls_key_file: None,
            tls_server_name: None,
            max_message_size: DEFAULT_MAX_MESSAGE_SIZE,
            queue_capacity: 1024,
            connect_timeout_ms: 2000,
            write_timeout_ms: 2000,
            max_attempts: 3,
            backoff_initial_ms: 100,
            backoff_max_ms: 5000,
            shutdown_timeout_ms: 2000,
            spool: None,
        }
    }
}

/// An invalid [`SyslogConfig`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("syslog: address is required with transport tcp, udp or tls (e.g. \"127.0.0.1:514\")")]
    MissingAddress,
    #[error("syslog: address {0:?} is not HOST:PORT with a port in 1..=65535")]
    BadAddress(String),
    #[error("syslog: path must not be empty with transport unix")]
    EmptyPath,
    #[error("syslog: hostname {0:?} must be 1..=255 printable ASCII characters without spaces")]
    BadHostname(String),
    #[error("syslog: app_name {0:?} must be 1..=48 printable ASCII characters without spaces")]
    BadAppName(String),
    #[error(
        "syslog: sd_id {0:?} must be NAME@NUMBER (e.g. \"lanner@32473\"), at most 32 printable \
         ASCII characters without '=', ']', '\"' or spaces"
    )]
    BadSdId(String),
    #[error("syslog: msgid {0:?} must be 1..=32 printable ASCII characters without spaces")]
    BadMsgId(String),
    #[error("syslog: max_message_size {0} must be in {MIN_MESSAGE_SIZE}..={MAX_MESSAGE_SIZE}")]
    MaxMessageSize(usize),
    #[error("syslog: queue_capacity {0} must be in 1..={MAX_QUEUE_CAPACITY}")]
    QueueCapacity(usize),
    #[error("syslog: {0} must be greater than 0")]
    Zero(&'static str),
    #[error("syslog: backoff_initial_ms ({initial}) must not exceed backoff_max_ms ({max})")]
    Backoff { initial: u64, max: u64 },
    #[error("syslog: {key} applies only to transport tls, not {transport}")]
    TlsKeyWithoutTls {
        key: &'static str,
        transport: &'static str,
    },
    #[error(
        "syslog: framing applies only to the stream transports tcp and tls, not {0} \
         (datagrams need none)"
    )]
    FramingOnDatagram(&'static str),
    #[error("syslog: {0}")]
    Tls(#[from] TlsConfigError),
}

fn printable(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_graphic())
}

fn valid_address(a: &str) -> bool {
    match a.rsplit_once(':') {
        Some((host, port)) => {
            !host.is_empty()
                && !host.contains(char::is_whitespace)
                && port.parse::<u16>().is_ok_and(|p| p != 0)
        }
        None => false,
    }
}

impl SyslogConfig {
    /// Checks every field; the error names the field and what is expected.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.transport {
            TransportKind::Unix => {
                if self.path.as_os_str().is_empty() {
                    return Err(ConfigError::EmptyPath);
                }
            }
            TransportKind::Tcp | TransportKind::Udp | TransportKind::Tls => match &self.address {
                None => return Err(ConfigError::MissingAddress),
                Some(a) if !valid_address(a) => return Err(ConfigError::BadAddress(a.clone())),
                Some(_) => {}
            },
        }
        if let Some(h) = &self.hostname {
            if !printable(h, format::MAX_HOSTNAME_LEN) {
                return Err(ConfigError::BadHostname(h.clone()));
            }
        }
        if !printable(&self.app_name, format::MAX_APP_NAME_LEN) {
            return Err(ConfigError::BadAppName(self.app_name.clone()));
        }
        let sd_ok = format::is_sd_name(&self.sd_id)
            && self.sd_id.split_once('@').is_some_and(|(name, pen)| {
                !name.is_empty()
                    && !pen.is_empty()
                    && pen
                        .split('.')
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            });
        if !sd_ok {
            return Err(ConfigError::BadSdId(self.sd_id.clone()));
        }
        if let Some(m) = self.msgid.as_ref().filter(|m| !printable(m, 32)) {
            return Err(ConfigError::BadMsgId(m.clone()));
        }
        if !(MIN_MESSAGE_SIZE..=MAX_MESSAGE_SIZE).contains(&self.max_message_size) {
            return Err(ConfigError::MaxMessageSize(self.max_message_size));
        }
        if !(1..=MAX_QUEUE_CAPACITY).contains(&self.queue_capacity) {
            return Err(ConfigError::QueueCapacity(self.queue_capacity));
        }
        for (name, v) in [
            ("connect_timeout_ms", self.connect_timeout_ms),
            ("write_timeout_ms", self.write_timeout_ms),
            ("max_attempts", u64::from(self.max_attempts)),
            ("backoff_initial_ms", self.backoff_initial_ms),
            ("shutdown_timeout_ms", self.shutdown_timeout_ms),
        ] {
            if v == 0 {
                return Err(ConfigError::Zero(name));
            }
        }
        if self.backoff_initial_ms > self.backoff_max_ms {
            return Err(ConfigError::Backoff {
                initial: self.backoff_initial_ms,
                max: self.backoff_max_ms,
            });
        }
        self.validate_stream_keys()
    }

    /// `framing` and the `tls_*` keys: only where they apply; the TLS
    /// files are read and checked.
    fn validate_stream_keys(&self) -> Result<(), ConfigError> {
        let t = self.transport;
        if matches!(t, TransportKind::Unix | TransportKind::Udp) && self.framing.is_some() {
            return Err(ConfigError::FramingOnDatagram(t.name()));
        }
        if t != TransportKind::Tls {
            for (key, set) in [
                ("tls_ca_file", self.tls_ca_file.is_some()),
                ("tls_cert_file", self.tls_cert_file.is_some()),
                ("tls_key_file", self.tls_key_file.is_some()),
                ("tls_server_name", self.tls_server_name.is_some()),
            ] {
                if set {
                    return Err(ConfigError::TlsKeyWithoutTls {
                        key,
                        transport: t.name(),
                    });
                }
            }
            return Ok(());
        }
        self.tls_server_name()?;
        tls_config::client_config(self.tls_files())?;
        Ok(())
    }

    fn tls_files(&self) -> TlsFiles<'_> {
        TlsFiles {
            ca_file: self.tls_ca_file.as_deref(),
            cert_file: self.tls_cert_file.as_deref(),
            key_file: self.tls_key_file.as_deref(),
        }
    }

    fn tls_server_name(&self) -> Result<rustls::pki_types::ServerName<'static>, TlsConfigError> {
        let name = match &self.tls_server_name {
            Some(n) => n.as_str(),
            None => tls_config::address_host(self.address.as_deref().unwrap_or_default()),
        };
        tls_config::server_name(name)
    }

    /// The output's name in stats lines: `syslog-unix:/dev/log`,
    /// `syslog-tcp:host:514`.
    pub fn name(&self) -> String {
        match self.transport {
            TransportKind::Unix => format!("syslog-unix:{}", self.path.display()),
            TransportKind::Tcp => {
                format!("syslog-tcp:{}", self.address.as_deref().unwrap_or("?"))
            }
            TransportKind::Udp | TransportKind::Tls => format!(
                "syslog-{}:{}",
                self.transport.name(),
                self.address.as_deref().unwrap_or("?")
            ),
        }
    }

    /// HOSTNAME to send: the override, else `gethostname()` made legal
    /// (NILVALUE if it cannot be read).
    pub fn effective_hostname(&self) -> String {
        match &self.hostname {
            Some(h) => h.clone(),
            None => match nix::unistd::gethostname() {
                Ok(h) => sanitize_hostname(&h.to_string_lossy()),
                Err(_) => format::NILVALUE.to_string(),
            },
        }
    }

    /// The formatter this config describes.
    pub fn formatter(&self) -> SyslogFormatter {
        match self.format {
            MessageFormat::Rfc3164 => {
                SyslogFormatter::Rfc3164(Rfc3164Formatter::new(Rfc3164Params {
                    facility: self.facility,
                    // syslog(3) sends no HOSTNAME on a local socket, and a stock
                    // imuxsock parses exactly that; relays over the network
                    // need it.
                    hostname: match self.transport {
                        TransportKind::Unix => None,
                        _ => Some(self.effective_hostname()),
                    },
                    tag: self.app_name.clone(),
                    pid: std::process::id(),
                    max_message_size: self.max_message_size,
                }))
            }
            MessageFormat::Rfc5424 => {
                SyslogFormatter::Rfc5424(Rfc5424Formatter::new(Rfc5424Params {
                    facility: self.facility,
                    hostname: self.effective_hostname(),
                    app_name: self.app_name.clone(),
                    procid: std::process::id(),
                    msgid: self.msgid.clone(),
                    sd_id: self.sd_id.clone(),
                    include_output_fields: self.include_output_fields,
                    max_message_size: self.max_message_size,
                }))
            }
        }
    }

    /// The MSG renderer this config describes.
    pub fn body(&self) -> Body {
        Body::new(self.body, self.effective_hostname())
    }

    /// The transport this (valid) config describes; building a TLS one
    /// reads the TLS files again.
    pub fn transport(&self) -> Result<Box<dyn Transport>, ConfigError> {
        let write = Duration::from_millis(self.write_timeout_ms);
        let connect = Duration::from_millis(self.connect_timeout_ms);
        let address = self.address.as_deref().unwrap_or_default();
        let framing = self.framing.unwrap_or_default();
        Ok(match self.transport {
            TransportKind::Unix => Box::new(UnixDatagramTransport::new(&self.path, write)),
            TransportKind::Tcp => {
                Box::new(TcpTransport::new(address, connect, write).with_framing(framing))
            }
            TransportKind::Udp => Box::new(UdpTransport::new(address, write)),
            TransportKind::Tls => Box::new(TlsTransport::new(
                address,
                tls_config::client_config(self.tls_files())?,
                self.tls_server_name()?,
                connect,
                write,
                framing,
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcp(addr: &str) -> SyslogConfig {
        SyslogConfig {
            transport: TransportKind::Tcp,
            address: Some(addr.into()),
            ..SyslogConfig::default()
        }
    }

    #[test]
    fn defaults_validate_and_deserialize_from_empty() {
        let d = SyslogConfig::default();
        d.validate().unwrap();
        let parsed: SyslogConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(parsed, d);
        assert_eq!(d.facility, Facility::User);
        assert_eq!(d.max_message_size, 8096);
        assert_eq!(d.path, PathBuf::from("/dev/log"));
        assert_eq!(d.name(), "syslog-unix:/dev/log");
    }

    #[test]
    fn deserializes_fields() {
        let c: SyslogConfig = serde_json::from_str(
            r#"{"transport":"tcp","address":"siem.example:6514","facility":"local4",
                "hostname":"node-7","sd_id":"acme@12345","max_message_size":2048,
                "queue_capacity":10,"include_output_fields":false,"format":"rfc5424"}"#,
        )
        .unwrap();
        c.validate().unwrap();
        assert_eq!(c.transport, TransportKind::Tcp);
        assert_eq!(c.facility, Facility::Local4);
        assert_eq!(c.name(), "syslog-tcp:siem.example:6514");
        let e = serde_json::from_str::<SyslogConfig>(r#"{"facility":"local9"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown syslog facility"), "{e}");
        let e = serde_json::from_str::<SyslogConfig>(r#"{"port":514}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
        let e = serde_json::from_str::<SyslogConfig>(r#"{"transport":"quic"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown variant"), "{e}");
        let c: SyslogConfig = serde_json::from_str(r#"{"transport":"udp"}"#).unwrap();
        assert!(matches!(c.validate(), Err(ConfigError::MissingAddress)));
    }

    #[test]
    fn validation_errors() {
        let bad_msgid = SyslogConfig {
            msgid: Some("has space".into()),
            ..SyslogConfig::default()
        };
        assert_eq!(
            bad_msgid.validate(),
            Err(ConfigError::BadMsgId("has space".into()))
        );
        let long = SyslogConfig {
            msgid: Some("x".repeat(33)),
            ..SyslogConfig::default()
        };
        assert!(long.validate().is_err());
        let bad = |c: SyslogConfig| c.validate().unwrap_err();
        assert_eq!(
            bad(SyslogConfig {
                transport: TransportKind::Tcp,
                ..Default::default()
            }),
            ConfigError::MissingAddress
        );
        for a in ["localhost", ":514", "h:0", "h:70000", "h:x", "a b:1"] {
            assert_eq!(bad(tcp(a)), ConfigError::BadAddress(a.into()), "{a}");
        }
        tcp("[::1]:514").validate().unwrap();
        tcp("127.0.0.1:514").validate().unwrap();
        assert_eq!(
            bad(SyslogConfig {
                path: PathBuf::new(),
                ..Default::default()
            }),
            ConfigError::EmptyPath
        );
        for h in ["", "a b", "é"] {
            let c = SyslogConfig {
                hostname: Some(h.into()),
                ..Default::default()
            };
            assert_eq!(bad(c), ConfigError::BadHostname(h.into()));
        }
        let c = SyslogConfig {
            app_name: "x".repeat(49),
            ..Default::default()
        };
        assert!(matches!(bad(c), ConfigError::BadAppName(_)));
        for id in [
            "lanner",
            "lanner@",
            "@1",
            "a=b@1",
            "a@1x",
            "l@1]",
            &format!("{}@1", "x".repeat(31)),
        ] {
            let c = SyslogConfig {
                sd_id: id.into(),
                ..Default::default()
            };
            assert_eq!(bad(c), ConfigError::BadSdId(id.into()), "{id}");
        }
        SyslogConfig {
            sd_id: "x@1.3.6".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        for m in [479, 65_537] {
            let c = SyslogConfig {
                max_message_size: m,
                ..Default::default()
            };
            assert_eq!(bad(c), ConfigError::MaxMessageSize(m));
        }
        let c = SyslogConfig {
            queue_capacity: 0,
            ..Default::default()
        };
        assert_eq!(bad(c), ConfigError::QueueCapacity(0));
        let c = SyslogConfig {
            write_timeout_ms: 0,
            ..Default::default()
        };
        assert_eq!(bad(c), ConfigError::Zero("write_timeout_ms"));
        let c = SyslogConfig {
            backoff_initial_ms: 10,
            backoff_max_ms: 5,
            ..Default::default()
        };
        let e = bad(c);
        assert_eq!(
            e,
            ConfigError::Backoff {
                initial: 10,
                max: 5
            }
        );
        assert!(e.to_string().contains("backoff_max_ms"));
    }

    #[test]
    fn effective_hostname() {
        let c = SyslogConfig {
            hostname: Some("override".into()),
            ..Default::default()
        };
        assert_eq!(c.effective_hostname(), "override");
        let h = SyslogConfig::default().effective_hostname();
        assert!(
            !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()),
            "{h}"
        );
    }

    #[test]
    fn stream_and_tls_keys_only_where_they_apply() {
        let c: SyslogConfig = serde_json::from_str(
            r#"{"transport":"tcp","address":"h:514","framing":"lf","body":"cef"}"#,
        )
        .unwrap();
        c.validate().unwrap();
        assert_eq!((c.framing, c.body), (Some(Framing::Lf), BodyFormat::Cef));
        let e = serde_json::from_str::<SyslogConfig>(r#"{"framing":"nul"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown variant"), "{e}");
        let e = serde_json::from_str::<SyslogConfig>(r#"{"body":"xml"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown variant"), "{e}");
        for t in [TransportKind::Unix, TransportKind::Udp] {
            let c = SyslogConfig {
                transport: t,
                address: Some("h:514".into()),
                framing: Some(Framing::OctetCounting),
                ..Default::default()
            };
            let e = c.validate().unwrap_err();
            assert_eq!(e, ConfigError::FramingOnDatagram(t.name()));
            assert!(
                e.to_string().contains("only to the stream transports"),
                "{e}"
            );
        }
        let e = SyslogConfig {
            tls_ca_file: Some("/x".into()),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "syslog: tls_ca_file applies only to transport tls, not unix"
        );
        let e = SyslogConfig {
            tls_server_name: Some("x".into()),
            ..tcp("h:1")
        }
        .validate()
        .unwrap_err();
        assert!(
            e.to_string().contains("tls_server_name applies only"),
            "{e}"
        );
    }

    #[test]
    fn tls_validation_reads_the_files() {
        let tls = |addr: &str| SyslogConfig {
            transport: TransportKind::Tls,
            address: Some(addr.into()),
            ..Default::default()
        };
        let d = tempfile::tempdir().unwrap();
        let e = SyslogConfig {
            tls_ca_file: Some(d.path().join("nope.pem")),
            ..tls("siem:6514")
        }
        .validate()
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("syslog: tls_ca_file "), "{msg}");
        assert!(msg.contains("nope.pem: cannot read"), "{msg}");
        let e = SyslogConfig {
            tls_key_file: Some(d.path().join("k.pem")),
            ..tls("siem:6514")
        }
        .validate()
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("tls_key_file is set without tls_cert_file"),
            "{e}"
        );
        let e = SyslogConfig {
            tls_server_name: Some("not a name".into()),
            ..tls("siem:6514")
        }
        .validate()
        .unwrap_err();
        assert!(e.to_string().contains("not a DNS name"), "{e}");
        assert!(matches!(
            tls("nohost").validate(),
            Err(ConfigError::BadAddress(_))
        ));
        assert!(matches!(
            SyslogConfig {
                transport: TransportKind::Tls,
                ..Default::default()
            }
            .validate(),
            Err(ConfigError::MissingAddress)
        ));
        let c = tls("[::1]:6514");
        assert_eq!(c.name(), "syslog-tls:[::1]:6514");
        if tls_config::SYSTEM_CA_BUNDLES
            .iter()
            .any(|p| std::path::Path::new(p).exists())
        {
            // Default CA bundle, server name from the address.
            c.validate().unwrap();
            assert!(c.transport().is_ok());
        }
    }
}
