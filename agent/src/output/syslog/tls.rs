//! Syslog over TLS (RFC 5425): a rustls client session on a TCP stream,
//! octet-counting framing by default (RFC 5425 4.3), LF with `framing: lf`.
//!
//! Owns: the handshake (bounded by the connect timeout: TCP connect and
//! handshake each get it), a short post-handshake check that the server
//! kept the connection (see below), writing one framed message as TLS
//! records within the write timeout, and noticing a peer that went away
//! (EOF, reset, a TLS alert or close_notify) before the next write.
//! Must never: skip certificate or name verification, block past the
//! configured timeouts, panic on anything the peer sends, or reuse a
//! session after a failed or partial write.
//!
//! With TLS 1.3 a server that rejects the client (no or an untrusted
//! client certificate) does so only after the client's handshake has
//! finished: the rejection (an alert, or rsyslog simply closing) arrives
//! a round trip later. So after each handshake the client waits up to
//! [`SETTLE`] (at most the connect timeout) for such a rejection, and
//! reports it as a TLS error instead of writing into a dead session.
//! Delivery is at-most-once, as with plain TCP (see `transport.rs`).

use super::transport::{connect_tcp, Framing, Transport, TransportError};
use nix::errno::Errno;
use nix::sys::socket::{recv, MsgFlags};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection};
use std::io::{self, Write};
use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long after a handshake a rejection by the server is waited for.
pub const SETTLE: Duration = Duration::from_millis(200);

/// One TLS session: the rustls state and its socket.
struct Session {
    conn: ClientConnection,
    sock: TcpStream,
}

/// Syslog over TLS to one receiver.
pub struct TlsTransport {
    address: String,
    target: String,
    config: Arc<ClientConfig>,
    server_name: ServerName<'static>,
    connect_timeout: Duration,
    write_timeout: Duration,
    framing: Framing,
    session: Option<Session>,
    frame: Vec<u8>,
    connections: u64,
}

impl std::fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsTransport")
            .field("target", &self.target)
            .field("server_name", &self.server_name)
            .field("connected", &self.session.is_some())
            .finish()
    }
}

fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

impl TlsTransport {
    /// `address` is `HOST:PORT` (resolved on every connect); the server's
    /// certificate must be valid for `server_name` under `config`'s roots.
    pub fn new(
        address: &str,
        config: Arc<ClientConfig>,
        server_name: ServerName<'static>,
        connect_timeout: Duration,
        write_timeout: Duration,
        framing: Framing,
    ) -> Self {
        TlsTransport {
            address: address.to_string(),
            target: format!("tls:{address}"),
            config,
            server_name,
            connect_timeout,
            write_timeout,
            framing,
            session: None,
            frame: Vec::new(),
            connections: 0,
        }
    }

    fn tls_error(&self, reason: impl std::fmt::Display) -> TransportError {
        TransportError::Tls {
            target: self.target.clone(),
            reason: reason.to_string(),
        }
    }

    /// Reads what the peer sent within `left` and lets rustls process it.
    /// `Ok(false)`: nothing arrived in time.
    fn read_some(
        &self,
        s: &mut Session,
        left: Duration,
        when: &str,
    ) -> Result<bool, TransportError> {
        s.sock
            .set_read_timeout(Some(left))
            .map_err(|e| self.tls_error(e))?;
        match s.conn.read_tls(&mut s.sock) {
            Ok(0) => Err(self.tls_error(format!("peer closed the connection {when}"))),
            Ok(_) => {
                if let Err(e) = s.conn.process_new_packets() {
                    // Tell the peer why (best effort; the alert is queued).
                    let _ = s.conn.write_tls(&mut s.sock);
                    return Err(self.tls_error(format!("{e} ({when})")));
                }
                Ok(true)
            }
            Err(e) if timed_out(&e) => Ok(false),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(true),
            Err(e) => Err(self.tls_error(format!("{e} ({when})"))),
        }
    }

    /// `e` (the server ended the session right after the handshake) with
    /// the likely reason: the client certificate, which TLS 1.3 servers
    /// check after the client's side of the handshake has finished.
    fn with_hint(&self, e: TransportError) -> TransportError {
        let hint = if self.config.client_auth_cert_resolver.has_certs() {
            "the server probably rejected our client certificate (tls_cert_file)"
        } else {
            "the server probably requires a client certificate (tls_cert_file, tls_key_file)"
        };
        match e {
            TransportError::Tls { target, reason } => TransportError::Tls {
                target,
                reason: format!("{reason}; {hint}"),
            },
            e => e,
        }
    }

    fn connect(&self) -> Result<Session, TransportError> {
        let sock = connect_tcp(
            &self.address,
            &self.target,
            self.connect_timeout,
            self.write_timeout,
        )?;
        let mut conn = ClientConnection::new(self.config.clone(), self.server_name.clone())
            .map_err(|e| self.tls_error(e))?;
        // One message (<= 64 KiB) is buffered whole, then written out.
        conn.set_buffer_limit(None);
        let mut s = Session { conn, sock };
        let deadline = Instant::now() + self.connect_timeout;
        while s.conn.is_handshaking() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(self.tls_error("handshake timed out"));
            }
            if s.conn.wants_write() {
                s.sock
                    .set_write_timeout(Some(left))
                    .map_err(|e| self.tls_error(e))?;
                s.conn
                    .write_tls(&mut s.sock)
                    .map_err(|e| self.tls_error(format!("{e} (during the handshake)")))?;
            } else if !self.read_some(&mut s, left, "during the handshake")? {
                return Err(self.tls_error("handshake timed out"));
            }
        }
        Self::flush(&mut s, deadline).map_err(|e| self.tls_error(e))?;
        // The server's verdict on our certificate (TLS 1.3) comes later.
        let settle = Instant::now() + SETTLE.min(self.connect_timeout);
        loop {
            if s.conn.wants_write() {
                Self::flush(&mut s, settle + self.write_timeout).map_err(|e| self.tls_error(e))?;
            }
            let left = settle.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match self.read_some(&mut s, left, "right after the handshake") {
                Ok(false) => break,
                Ok(true) => {
                    let closed = s
                        .conn
                        .process_new_packets()
                        .is_ok_and(|st| st.peer_has_closed());
                    if closed {
                        let e = self.tls_error("peer closed the session right after the handshake");
                        return Err(self.with_hint(e));
                    }
                }
                Err(e) => return Err(self.with_hint(e)),
            }
        }
        s.sock
            .set_write_timeout(Some(self.write_timeout))
            .map_err(|e| self.tls_error(e))?;
        Ok(s)
    }

    /// Writes every queued TLS record by `deadline`.
    fn flush(s: &mut Session, deadline: Instant) -> io::Result<()> {
        while s.conn.wants_write() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "write timed out (peer not reading)",
                ));
            }
            s.sock.set_write_timeout(Some(left))?;
            match s.conn.write_tls(&mut s.sock) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if timed_out(&e) => {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "write timed out (peer not reading)",
                    ))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Whether the session can still be written to. The peer never sends
    /// application data; what it does send (session tickets, an alert,
    /// close_notify) is fed to rustls. EOF, an error or a close means no.
    fn alive(s: &mut Session) -> bool {
        let mut probe = [0u8; 1];
        for _ in 0..64 {
            match recv(
                s.sock.as_raw_fd(),
                &mut probe,
                MsgFlags::MSG_PEEK | MsgFlags::MSG_DONTWAIT,
            ) {
                Ok(0) => return false,
                Ok(_) => {
                    // Data is waiting, so this read does not block.
                    if !matches!(s.conn.read_tls(&mut s.sock), Ok(n) if n > 0) {
                        return false;
                    }
                    match s.conn.process_new_packets() {
                        Ok(st) if st.peer_has_closed() => return false,
                        Ok(_) => {}
                        Err(_) => return false,
                    }
                }
                Err(Errno::EAGAIN) | Err(Errno::EINTR) => return true,
                Err(_) => return false,
            }
        }
        true
    }
}

impl Transport for TlsTransport {
    fn send(&mut self, msg: &[u8]) -> Result<(), TransportError> {
        if let Some(s) = self.session.as_mut() {
            if !Self::alive(s) {
                self.session = None;
            }
        }
        if self.session.is_none() {
            self.session = Some(self.connect()?);
            self.connections += 1;
        }
        self.framing.frame(msg, &mut self.frame);
        let deadline = Instant::now() + self.write_timeout;
        let Some(s) = self.session.as_mut() else {
            return Ok(()); // unreachable: connected just above
        };
        let r = s
            .conn
            .writer()
            .write_all(&self.frame)
            .and_then(|()| Self::flush(s, deadline));
        r.map_err(|source| {
            // Part of a record may be on the wire: this session is done.
            self.session = None;
            TransportError::Write {
                target: self.target.clone(),
                source,
            }
        })
    }

    fn disconnect(&mut self) {
        if let Some(mut s) = self.session.take() {
            s.conn.send_close_notify();
            let _ = Self::flush(&mut s, Instant::now() + Duration::from_millis(100));
        }
    }

    fn target(&self) -> &str {
        &self.target
    }

    fn connections(&self) -> u64 {
        self.connections
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::syslog::tls_config::{client_config, server_name, TlsFiles};
    use rustls::pki_types::{CertificateDer, PrivatePkcs8KeyDer};
    use std::io::Read;
    use std::net::TcpListener;

    /// A CA file in `dir` and a rustls server config for 127.0.0.1 it signs.
    fn pki(dir: &std::path::Path) -> (std::path::PathBuf, Arc<rustls::ServerConfig>) {
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let ca_file = dir.join("ca.pem");
        std::fs::write(&ca_file, ca_cert.pem()).unwrap();
        let leaf = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = leaf.signed_by(&key, &ca_cert, &ca_key).unwrap();
        let server = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivatePkcs8KeyDer::from(key.serialize_der()).into(),
        )
        .unwrap();
        (ca_file, Arc::new(server))
    }

    fn transport(addr: &str, ca: &std::path::Path, framing: Framing) -> TlsTransport {
        let config = client_config(TlsFiles {
            ca_file: Some(ca),
            cert_file: None,
            key_file: None,
        })
        .unwrap();
        let s = Duration::from_secs(2);
        TlsTransport::new(
            addr,
            config,
            server_name("127.0.0.1").unwrap(),
            s,
            s,
            framing,
        )
    }

    /// Accepts one connection, reads the plaintext to its end.
    fn serve_once(
        l: TcpListener,
        cfg: Arc<rustls::ServerConfig>,
    ) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let (sock, _) = l.accept().unwrap();
            sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let conn = rustls::ServerConnection::new(cfg).unwrap();
            let mut tls = rustls::StreamOwned::new(conn, sock);
            let mut v = Vec::new();
            let _ = tls.read_to_end(&mut v);
            v
        })
    }

    #[test]
    fn frames_arrive_through_tls() {
        let dir = tempfile::tempdir().unwrap();
        let (ca, server) = pki(dir.path());
        for (framing, want) in [
            (Framing::OctetCounting, "7 <12>1 a8 <12>1 é".as_bytes()),
            (Framing::Lf, "<12>1 a\n<12>1 é\n".as_bytes()),
        ] {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = l.local_addr().unwrap().to_string();
            let t = serve_once(l, server.clone());
            let mut tr = transport(&addr, &ca, framing);
            tr.send(b"<12>1 a").unwrap();
            tr.send("<12>1 é".as_bytes()).unwrap();
            assert_eq!(
                (tr.connections(), tr.target()),
                (1, format!("tls:{addr}").as_str())
            );
            tr.disconnect();
            assert_eq!(t.join().unwrap(), want);
        }
    }

    #[test]
    fn silent_peer_times_out_within_the_connect_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let (ca, _) = pki(dir.path());
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let mut tr = transport(&addr, &ca, Framing::OctetCounting);
        tr.connect_timeout = Duration::from_millis(200);
        let t0 = Instant::now();
        let e = tr.send(b"x").unwrap_err();
        assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
        assert!(e.to_string().contains("handshake timed out"), "{e}");
        assert!(e.is_retryable());
        drop(l);
    }
}
