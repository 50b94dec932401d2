//! The HTTP(S) output: every alert POSTed as Falco's JSON alert object,
//! what Falcosidekick's `/` endpoint takes (`output`, `priority`, `rule`,
//! `time` RFC 3339 with ns, `output_fields`, `source`, `tags`,
//! `hostname`; `Content-Type: application/json`).
//!
//! Owns: the delivery loop: rendering, the POST (ureq; connect and
//! whole-request timeouts, no redirects), which failures are worth a retry
//! (transport errors, 5xx, 408, 429), and the retry budget per alert
//! (capped exponential backoff, like the syslog output). Settings and
//! their validation are in `config`, TLS (rustls) in `tls`.
//! Must never: block the caller (requests run on the output's thread and
//! every request has a deadline), skip certificate or server-name checks
//! (Falco's `insecure: true` is refused, not honoured: a security sensor
//! that quietly accepts any server is worse than one that will not
//! start), panic on anything a server does, or give up on an alert
//! without it being counted (the status and the start of the server's
//! reply go to `last_error`).
//!
//! Keys of Falco's `http_output` that lanner does not implement are
//! rejected when set to anything but their default (`echo: true`,
//! `compress_uploads: true`, `insecure: true`), never ignored. The TLS
//! keys are only read for an `https://` URL (Falco's default config sets
//! `ca_path` even for plain HTTP); `mtls: true` with `http://` is an
//! error.

mod config;
mod tls;

use super::alert::Alert;
use super::json::{falco_json_with, JsonOptions};
use super::syslog::transport::Backoff;
use super::worker::{Deliver, DeliveryContext, DeliveryError, OutputHandle};
use super::OutputError;
use std::io::{self, Read};
use std::time::Duration;

pub use self::config::{HttpConfig, HttpConfigError, MAX_QUEUE_CAPACITY};
pub use self::tls::TlsError;

/// Why one POST failed.
#[derive(Debug, thiserror::Error)]
enum PostError {
    #[error("{url}: HTTP status {status}{body}")]
    Status {
        url: String,
        status: u16,
        body: String,
    },
    #[error("{0}")]
    Transport(String),
}

impl PostError {
    /// Server errors, 408 and 429 may pass on a retry; other statuses
    /// (a redirect, a rejected request) will not change.
    fn is_retryable(&self) -> bool {
        match self {
            PostError::Status { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            PostError::Transport(_) => true,
        }
    }
}

/// Renders and POSTs; owns the client and the retry budget.
struct HttpDeliver {
    agent: ureq::Agent,
    url: String,
    /// `url` as errors show it (no query).
    shown_url: String,
    headers: Vec<(String, String)>,
    hostname: String,
    json: JsonOptions,
    backoff: Backoff,
    max_attempts: u32,
}

impl HttpDeliver {
    fn post(&self, body: &[u8]) -> Result<(), PostError> {
        let mut req = self
            .agent
            .post(&self.url)
            .set("Content-Type", "application/json");
        for (k, v) in &self.headers {
            req = req.set(k, v);
        }
        let status_error = |resp: ureq::Response| {
            let status = resp.status();
            // A short excerpt of what the server said, for last_error.
            let mut head = Vec::new();
            let _ = resp.into_reader().take(512).read_to_end(&mut head);
            let text = excerpt(&String::from_utf8_lossy(&head), 200);
            PostError::Status {
                url: self.shown_url.clone(),
                status,
                body: if text.is_empty() {
                    String::new()
                } else {
                    format!(": {text}")
                },
            }
        };
        match req.send_bytes(body) {
            Ok(resp) if (200..300).contains(&resp.status()) => {
                // Read the body (bounded) so a kept-alive connection is
                // reusable; a longer one just closes it.
                let _ = io::copy(&mut resp.into_reader().take(64 * 1024), &mut io::sink());
                Ok(())
            }
            Ok(resp) | Err(ureq::Error::Status(_, resp)) => Err(status_error(resp)),
            Err(ureq::Error::Transport(t)) => Err(PostError::Transport(
                t.to_string().replace(&self.url, &self.shown_url),
            )),
        }
    }
}

/// At most `max` bytes of `s` (cut at a character boundary), trimmed,
/// control characters as spaces (a server's text goes into one line).
fn excerpt(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let text: String = s[..end]
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text.trim().to_string()
}

impl Deliver for HttpDeliver {
    fn deliver(&mut self, alert: &Alert, ctx: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
        let body = falco_json_with(alert, &self.hostname, &self.json).to_string();
        let mut attempt = 1;
        loop {
            match self.post(body.as_bytes()) {
                Ok(()) => {
                    self.backoff.reset();
                    return Ok(());
                }
                Err(e) => {
                    let give_up = !e.is_retryable()
                        || attempt >= self.max_attempts
                        || !ctx.backoff(self.backoff.next_delay());
                    if give_up {
                        return Err(if e.is_retryable() {
                            DeliveryError::Unavailable(e.to_string())
                        } else {
                            DeliveryError::Rejected(e.to_string())
                        });
                    }
                    attempt += 1;
                    ctx.count_retry();
                }
            }
        }
    }
}

/// Entry point of the HTTP output.
#[derive(Debug)]
pub struct HttpOutput;

impl HttpOutput {
    /// Validates `config`, reads its TLS material and starts its thread.
    /// `json` are Falco's `json_include_*` options, `hostname` the alert's
    /// `hostname` field.
    pub fn spawn(
        config: &HttpConfig,
        json: &JsonOptions,
        hostname: String,
    ) -> Result<OutputHandle, OutputError> {
        config.validate()?;
        let name = config.name();
        let agent = config.agent().map_err(|source| OutputError::Tls {
            name: name.clone(),
            source,
        })?;
        let deliver = HttpDeliver {
            agent,
            url: config.url.clone(),
            shown_url: config.shown_url(),
            headers: config
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            hostname,
            json: *json,
            backoff: Backoff::new(
                Duration::from_millis(config.backoff_initial_ms),
                Duration::from_millis(config.backoff_max_ms),
            ),
            max_attempts: config.max_attempts,
        };
        super::spawn_delivering(
            name,
            super::Delivery {
                queue_capacity: config.queue_capacity,
                shutdown_timeout_ms: config.shutdown_timeout_ms,
                backoff_initial_ms: config.backoff_initial_ms,
                backoff_max_ms: config.backoff_max_ms,
                spool: config.spool.as_ref(),
            },
            deliver,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_statuses() {
        let s = |status| PostError::Status {
            url: "u".into(),
            status,
            body: String::new(),
        };
        assert!(s(500).is_retryable() && s(503).is_retryable() && s(429).is_retryable());
        assert!(!s(400).is_retryable() && !s(404).is_retryable());
        assert!(s(408).is_retryable() && !s(302).is_retryable());
        assert_eq!(excerpt(" é\n", 2), "");
        assert_eq!(excerpt("ok \n", 200), "ok");
        assert_eq!(excerpt("a\r\nb\x1b", 200), "a  b");
        assert_eq!(s(500).to_string(), "u: HTTP status 500");
    }
}
