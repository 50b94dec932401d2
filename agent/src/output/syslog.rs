//! The syslog output: formats each alert (RFC 5424, or RFC 3164 with
//! `format: rfc3164`; MSG as Falco text, JSON, CEF or LEEF with `body`) and
//! sends it over a unix datagram socket, UDP, TCP (RFC 6587 octet counting
//! or LF framing) or TLS (RFC 5425), retrying with capped exponential
//! backoff.
//!
//! Owns: the retry budget per alert, and turning a [`SyslogConfig`]
//! (`config.rs`) into a running [`OutputHandle`].
//! Must never: block the caller (delivery runs on the output's own thread),
//! panic on anything a peer does, or give up on an alert without it being
//! counted as failed.
//!
//! Receiver setup matters for the unix transport: a stock rsyslog `imuxsock`
//! (the usual owner of `/dev/log`) runs its "special parser", which only
//! knows syslog(3)'s BSD format: an RFC 5424 message arrives with APP-NAME
//! `1`, no MSGID/SD and the whole rest in MSG, and TIMESTAMP is replaced
//! by the receive time. The receiving input needs `UseSpecialParser="off"`
//! and `IgnoreTimestamp="off"` (see tests/syslog/rsyslog.conf.in); where
//! that cannot be changed, use `format: rfc3164` (what syslog(3) sends and
//! every stock imuxsock parses) or the TCP transport (imtcp parses both).
//!
//! A body cut to `max_message_size` ends in the truncation marker and is
//! then no longer valid JSON/CEF/LEEF: size the limit (and the receiver's
//! `maxMessageSize`) for the largest alert when a SIEM parses the body.

pub mod body;
pub mod bsd;
pub mod cef;
pub mod config;
pub mod datagram;
pub mod format;
pub mod leef;
pub mod tls;
pub mod tls_config;
pub mod transport;

use self::body::Body;
use self::format::SyslogFormatter;
use self::transport::{Backoff, Transport, TransportError};
use super::alert::Alert;
use super::worker::{Deliver, DeliveryContext, DeliveryError, OutputHandle};
use super::OutputError;
use std::time::Duration;

pub use self::body::BodyFormat;
pub use self::config::{
    ConfigError, SyslogConfig, TransportKind, DEFAULT_MAX_MESSAGE_SIZE, MAX_MESSAGE_SIZE,
    MAX_QUEUE_CAPACITY, MIN_MESSAGE_SIZE,
};
pub use self::format::{Facility, MessageFormat, UnknownFacility};
pub use self::tls_config::TlsConfigError;
pub use self::transport::Framing;

/// Formats and sends; owns the retry budget.
struct SyslogDeliver {
    formatter: SyslogFormatter,
    body: Body,
    transport: Box<dyn Transport>,
    backoff: Backoff,
    max_attempts: u32,
    /// `transport.connections()` already accounted for.
    seen_connections: u64,
}

impl SyslogDeliver {
    fn account_connections(&mut self, ctx: &DeliveryContext<'_>) {
        let now = self.transport.connections();
        if now > self.seen_connections {
            // The very first connect is not a reconnect.
            let first = u64::from(self.seen_connections == 0);
            ctx.count_reconnects(now - self.seen_connections - first);
            self.seen_connections = now;
        }
    }

    fn try_send(&mut self, msg: &[u8], ctx: &DeliveryContext<'_>) -> Result<(), TransportError> {
        let r = self.transport.send(msg);
        self.account_connections(ctx);
        r
    }
}

impl Deliver for SyslogDeliver {
    fn deliver(&mut self, alert: &Alert, ctx: &DeliveryContext<'_>) -> Result<(), DeliveryError> {
        let f = match self.body.render(alert) {
            Some(body) => self.formatter.format_body(alert, &body),
            None => self.formatter.format(alert),
        };
        let mut attempt = 1;
        loop {
            match self.try_send(f.message.as_bytes(), ctx) {
                Ok(()) => {
                    self.backoff.reset();
                    if f.truncated {
                        ctx.count_truncated();
                    }
                    return Ok(());
                }
                Err(e) => {
                    if !e.is_retryable() || attempt >= self.max_attempts {
                        return Err(e.into());
                    }
                    if !ctx.backoff(self.backoff.next_delay()) {
                        return Err(e.into()); // shutdown deadline passed
                    }
                    attempt += 1;
                    ctx.count_retry();
                }
            }
        }
    }

    fn close(&mut self) {
        self.transport.disconnect();
    }
}

/// Entry point of the syslog output.
#[derive(Debug)]
pub struct SyslogOutput;

impl SyslogOutput {
    /// Validates `config` and starts its thread. The handle's `send` never
    /// blocks; see [`OutputHandle`].
    pub fn spawn(config: SyslogConfig) -> Result<OutputHandle, OutputError> {
        config.validate()?;
        let name = config.name();
        let deliver = SyslogDeliver {
            formatter: config.formatter(),
            body: config.body(),
            transport: config.transport()?,
            backoff: Backoff::new(
                Duration::from_millis(config.backoff_initial_ms),
                Duration::from_millis(config.backoff_max_ms),
            ),
            max_attempts: config.max_attempts,
            seen_connections: 0,
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
    fn spawn_rejects_invalid_config() {
        let e = SyslogOutput::spawn(SyslogConfig {
            transport: TransportKind::Tcp,
            address: Some("nope".into()),
            ..SyslogConfig::default()
        })
        .unwrap_err();
        assert!(e.to_string().contains("HOST:PORT"), "{e}");
    }
}
