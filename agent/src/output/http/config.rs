//! The HTTP output's settings: [`HttpConfig`] (Falco's `http_output`
//! keys plus lanner's), their validation, and the ureq client they
//! describe.
//!
//! Owns: defaults, which Falco keys are refused (`insecure`, `echo`,
//! `compress_uploads` unless false) and why, URL, header and number
//! checks, naming each bad key ([`HttpConfigError::field`]).
//! Must never: do network I/O (only checks that named TLS files exist and
//! reads them when the client is built), or accept a setting it would then
//! ignore.

use super::tls::{self, TlsError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Upper bound of [`HttpConfig::queue_capacity`].
pub const MAX_QUEUE_CAPACITY: usize = 1_000_000;
/// Headers lanner sets itself; `headers` may not override them.
const RESERVED_HEADERS: [&str; 4] = ["content-type", "content-length", "host", "user-agent"];

/// One HTTP destination (Falco's `http_output` section, or one entry of
/// lanner's `outputs.http` list).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Falco's `enabled`. Unset means enabled in `outputs.http` and
    /// disabled in `http_output` (Falco's default).
    pub enabled: Option<bool>,
    /// `http://` or `https://` URL alerts are POSTed to (Falcosidekick:
    /// `http://falcosidekick:2801/`). Required.
    pub url: String,
    /// Default `lanner/VERSION`.
    pub user_agent: String,
    /// Falco's `insecure` (skip certificate checks): only `false`.
    pub insecure: bool,
    /// PEM file with the CA certificate(s) the server's chain must lead to.
    pub ca_cert: PathBuf,
    /// Another PEM file of CA certificates (Falco keeps both keys).
    pub ca_bundle: PathBuf,
    /// A directory whose `*.pem`/`*.crt` files are CA certificates.
    pub ca_path: PathBuf,
    /// Send `client_cert`/`client_key` (mutual TLS). Default false.
    pub mtls: bool,
    /// PEM certificate chain for mTLS.
    pub client_cert: PathBuf,
    /// PEM private key for mTLS.
    pub client_key: PathBuf,
    /// Falco prints the server's response with `echo: true`; only `false`.
    pub echo: bool,
    /// Falco compresses bodies with `compress_uploads: true`; only `false`.
    pub compress_uploads: bool,
    /// Keep the connection open between alerts. Default false (Falco's).
    pub keep_alive: bool,
    /// Extra request headers (`Authorization: Bearer ...`).
    pub headers: BTreeMap<String, String>,
    /// TCP (and TLS) connect timeout; default 2000 ms.
    pub connect_timeout_ms: u64,
    /// Deadline of one whole request, connect to response; default 5000 ms.
    pub timeout_ms: u64,
    /// Attempts per alert (1 = no retry); default 3.
    pub max_attempts: u32,
    /// First delay between attempts, doubled up to `backoff_max_ms` and
    /// kept across alerts until a POST succeeds; default 100 ms.
    pub backoff_initial_ms: u64,
    /// Default 5000 ms.
    pub backoff_max_ms: u64,
    /// Alerts waiting for this output; default 1024.
    pub queue_capacity: usize,
    /// How long dropping the handle without `shutdown` flushes; default
    /// 2000 ms.
    pub shutdown_timeout_ms: u64,
    /// On-disk spool for while the endpoint is down or failing (see
    /// `output::spool`); default none. Refused alerts (4xx) are not spooled.
    pub spool: Option<crate::output::spool::SpoolConfig>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            enabled: None,
            url: String::new(),
            user_agent: format!("lanner/{}", env!("CARGO_PKG_VERSION")),
            insecure: false,
            ca_cert: PathBuf::new(),
            ca_bundle: PathBuf::new(),
            ca_path: PathBuf::new(),
            mtls: false,
            client_cert: PathBuf::new(),
            client_key: PathBuf::new(),
            echo: false,
            compress_uploads: false,
            keep_alive: false,
            headers: BTreeMap::new(),
            connect_timeout_ms: 2000,
            timeout_ms: 5000,
            max_attempts: 3,
            backoff_initial_ms: 100,
            backoff_max_ms: 5000,
            queue_capacity: 1024,
            shutdown_timeout_ms: 2000,
            spool: None,
        }
    }
}

/// An invalid [`HttpConfig`]; [`HttpConfigError::field`] names the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpConfigError {
    #[error("http: url is required (e.g. \"http://falcosidekick:2801/\")")]
    MissingUrl,
    #[error(
        "http: url {0:?} must start with http:// or https:// and name a host (no user@: \
         credentials go in headers)"
    )]
    BadUrl(String),
    #[error(
        "http: insecure: true (no certificate check) is not supported; give the server's CA \
         with ca_cert instead"
    )]
    Insecure,
    #[error("http: echo: true is not supported (lanner does not print HTTP responses)")]
    Echo,
    #[error("http: compress_uploads: true is not supported")]
    CompressUploads,
    #[error("http: mtls needs an https:// url")]
    MtlsWithoutTls,
    #[error("http: mtls needs {0}")]
    MtlsMissing(&'static str),
    #[error("http: {field} {path:?} does not exist")]
    MissingPath { field: &'static str, path: PathBuf },
    #[error("http: header name {0:?} must be a non-empty HTTP token")]
    BadHeaderName(String),
    #[error("http: header {0:?} is set by lanner and cannot be overridden")]
    ReservedHeader(String),
    #[error("http: value of header {0:?} must be printable without CR or LF")]
    BadHeaderValue(String),
    #[error("http: user_agent must be printable without CR or LF")]
    BadUserAgent,
    #[error("http: queue_capacity {0} must be in 1..={MAX_QUEUE_CAPACITY}")]
    QueueCapacity(usize),
    #[error("http: {0} must be greater than 0")]
    Zero(&'static str),
    #[error("http: backoff_initial_ms ({initial}) must not exceed backoff_max_ms ({max})")]
    Backoff { initial: u64, max: u64 },
}

impl HttpConfigError {
    /// The key the error is about.
    pub fn field(&self) -> &'static str {
        use HttpConfigError as E;
        match self {
            E::MissingUrl | E::BadUrl(_) | E::MtlsWithoutTls => "url",
            E::Insecure => "insecure",
            E::Echo => "echo",
            E::CompressUploads => "compress_uploads",
            E::MtlsMissing(_) => "mtls",
            E::MissingPath { field, .. } | E::Zero(field) => field,
            E::BadHeaderName(_) | E::ReservedHeader(_) | E::BadHeaderValue(_) => "headers",
            E::BadUserAgent => "user_agent",
            E::QueueCapacity(_) => "queue_capacity",
            E::Backoff { .. } => "backoff_initial_ms",
        }
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn is_header_value(s: &str) -> bool {
    s.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

/// `Some(true)` for https, `Some(false)` for http, `None` otherwise.
fn url_is_https(url: &str) -> Option<bool> {
    let lower = url.to_ascii_lowercase();
    let (https, rest) = if let Some(r) = lower.strip_prefix("https://") {
        (true, r)
    } else {
        (false, lower.strip_prefix("http://")?)
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let ok = !host.is_empty()
        && !host.starts_with(':')
        && !url.contains(char::is_whitespace)
        && !host.contains('@');
    ok.then_some(https)
}

fn set(p: &Path) -> bool {
    !p.as_os_str().is_empty()
}

impl HttpConfig {
    /// Checks every field; TLS files must exist (they are read at start).
    pub fn validate(&self) -> Result<(), HttpConfigError> {
        use HttpConfigError as E;
        if self.url.is_empty() {
            return Err(E::MissingUrl);
        }
        let https = url_is_https(&self.url).ok_or_else(|| E::BadUrl(self.url.clone()))?;
        if self.insecure {
            return Err(E::Insecure);
        }
        if self.echo {
            return Err(E::Echo);
        }
        if self.compress_uploads {
            return Err(E::CompressUploads);
        }
        if self.mtls && !https {
            return Err(E::MtlsWithoutTls);
        }
        if self.mtls {
            for (name, p) in [
                ("client_cert", &self.client_cert),
                ("client_key", &self.client_key),
            ] {
                if !set(p) {
                    return Err(E::MtlsMissing(name));
                }
            }
        }
        if https {
            let mut files = vec![("ca_cert", &self.ca_cert), ("ca_bundle", &self.ca_bundle)];
            if self.mtls {
                files.extend([
                    ("client_cert", &self.client_cert),
                    ("client_key", &self.client_key),
                ]);
            }
            for (field, p) in files {
                if set(p) && !p.is_file() {
                    return Err(E::MissingPath {
                        field,
                        path: p.clone(),
                    });
                }
            }
            if set(&self.ca_path) && !self.ca_path.is_dir() {
                return Err(E::MissingPath {
                    field: "ca_path",
                    path: self.ca_path.clone(),
                });
            }
        }
        for (k, v) in &self.headers {
            if !is_token(k) {
                return Err(E::BadHeaderName(k.clone()));
            }
            if RESERVED_HEADERS.contains(&k.to_ascii_lowercase().as_str()) {
                return Err(E::ReservedHeader(k.clone()));
            }
            if !is_header_value(v) {
                return Err(E::BadHeaderValue(k.clone()));
            }
        }
        if !is_header_value(&self.user_agent) {
            return Err(E::BadUserAgent);
        }
        if !(1..=MAX_QUEUE_CAPACITY).contains(&self.queue_capacity) {
            return Err(E::QueueCapacity(self.queue_capacity));
        }
        for (name, v) in [
            ("connect_timeout_ms", self.connect_timeout_ms),
            ("timeout_ms", self.timeout_ms),
            ("max_attempts", u64::from(self.max_attempts)),
            ("backoff_initial_ms", self.backoff_initial_ms),
            ("shutdown_timeout_ms", self.shutdown_timeout_ms),
        ] {
            if v == 0 {
                return Err(E::Zero(name));
            }
        }
        if self.backoff_initial_ms > self.backoff_max_ms {
            return Err(E::Backoff {
                initial: self.backoff_initial_ms,
                max: self.backoff_max_ms,
            });
        }
        Ok(())
    }

    /// The output's name in stats lines: `http:https://siem:2801/`.
    pub fn name(&self) -> String {
        format!("http:{}", self.shown_url())
    }

    /// The URL as stats and errors show it: a query (which may carry a
    /// token) is replaced by `?...`.
    pub fn shown_url(&self) -> String {
        match self.url.split_once('?') {
            Some((base, _)) => format!("{base}?..."),
            None => self.url.clone(),
        }
    }

    fn is_https(&self) -> bool {
        url_is_https(&self.url) == Some(true)
    }

    /// The HTTP client this config describes (TLS material read now).
    pub(super) fn agent(&self) -> Result<ureq::Agent, TlsError> {
        let mut b = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_millis(self.connect_timeout_ms))
            .timeout(Duration::from_millis(self.timeout_ms))
            .redirects(0)
            .user_agent(&self.user_agent);
        if !self.keep_alive {
            b = b.max_idle_connections(0).max_idle_connections_per_host(0);
        }
        if self.is_https() {
            b = b.tls_config(tls::client_config(self)?);
        }
        Ok(b.build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str) -> HttpConfig {
        HttpConfig {
            url: u.into(),
            ..Default::default()
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "http://127.0.0.1:2801/",
            "https://siem.example/api/alerts?x=1",
            "HTTP://h",
        ] {
            url(ok).validate().unwrap();
        }
        assert_eq!(url("").validate(), Err(HttpConfigError::MissingUrl));
        let hook = url("https://hooks.example/in?token=s3cret");
        assert_eq!(hook.name(), "http:https://hooks.example/in?...");
        for bad in [
            "ftp://h/",
            "h:2801",
            "http://",
            "http:///x",
            "http://a b/",
            "http://u@h/",
        ] {
            let e = url(bad).validate().unwrap_err();
            assert_eq!(e, HttpConfigError::BadUrl(bad.into()), "{bad}");
            assert_eq!(e.field(), "url");
        }
    }

    #[test]
    fn unimplemented_falco_keys_are_rejected_not_ignored() {
        let base = url("https://h/");
        let e = HttpConfig {
            insecure: true,
            ..base.clone()
        }
        .validate()
        .unwrap_err();
        assert_eq!((e.field(), e), ("insecure", HttpConfigError::Insecure));
        let e = HttpConfig {
            echo: true,
            ..base.clone()
        };
        assert_eq!(e.validate(), Err(HttpConfigError::Echo));
        let e = HttpConfig {
            compress_uploads: true,
            ..base.clone()
        };
        assert_eq!(e.validate(), Err(HttpConfigError::CompressUploads));
        let m = HttpConfig {
            mtls: true,
            ..url("http://h/")
        };
        assert_eq!(m.validate(), Err(HttpConfigError::MtlsWithoutTls));
        let m = HttpConfig {
            mtls: true,
            client_cert: "/nonexistent/c.pem".into(),
            ..base.clone()
        };
        assert_eq!(
            m.validate(),
            Err(HttpConfigError::MtlsMissing("client_key"))
        );
        let m = HttpConfig {
            mtls: true,
            client_key: "/nonexistent/k.pem".into(),
            ..m
        };
        let e = m.validate().unwrap_err();
        assert_eq!(e.field(), "client_cert");
        let c = HttpConfig {
            ca_cert: "/nonexistent/ca.pem".into(),
            ..base.clone()
        };
        assert_eq!(c.validate().unwrap_err().field(), "ca_cert");
        // Plain HTTP does not read TLS files (Falco's default ca_path).
        HttpConfig {
            ca_path: "/nonexistent/certs/".into(),
            ..url("http://h/")
        }
        .validate()
        .unwrap();
    }

    #[test]
    fn headers_and_numbers() {
        let h = |k: &str, v: &str| HttpConfig {
            headers: [(k.to_string(), v.to_string())].into(),
            ..url("http://h/")
        };
        h("Authorization", "Bearer x").validate().unwrap();
        assert_eq!(
            h("Bad Name", "x").validate(),
            Err(HttpConfigError::BadHeaderName("Bad Name".into()))
        );
        assert_eq!(
            h("content-TYPE", "text/plain").validate(),
            Err(HttpConfigError::ReservedHeader("content-TYPE".into()))
        );
        assert_eq!(
            h("X", "a\r\nInjected: 1").validate(),
            Err(HttpConfigError::BadHeaderValue("X".into()))
        );
        let z = HttpConfig {
            timeout_ms: 0,
            ..url("http://h/")
        };
        assert_eq!(z.validate().unwrap_err().field(), "timeout_ms");
        let b = HttpConfig {
            backoff_initial_ms: 10,
            backoff_max_ms: 1,
            ..url("http://h/")
        };
        assert!(b
            .validate()
            .unwrap_err()
            .to_string()
            .contains("backoff_max_ms"));
    }
}
