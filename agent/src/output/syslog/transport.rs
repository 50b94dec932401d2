//! Syslog transports: the [`Transport`] trait, TCP with RFC 6587 framing
//! (octet counting, or LF-terminated with `framing: lf`), and the capped
//! exponential backoff between attempts (datagram transports, unix and
//! UDP, are in `datagram.rs`; TLS in `tls.rs`).
//!
//! Owns: sockets to one syslog receiver, (re)connecting them, per-operation
//! timeouts, and detecting a TCP peer that went away before writing to it.
//! Must never: block without a timeout, retry on its own (the caller owns
//! the retry budget), panic on anything a peer does, or leave a TCP stream
//! in use after a failed or partial write (the framing would be corrupt).
//!
//! TCP delivery is at-most-once: RFC 6587 has no acknowledgements. Before
//! each write the stream is probed (non-blocking `recv`: EOF or reset means
//! the receiver went away) and reconnected, so a restarted rsyslog is noticed
//! before the next message rather than one message too late. A message
//! written in the instant between a peer's close and that probe, or still
//! unread in a receiver's buffer when it is killed, is counted as sent and
//! lost; such episodes show in the output's `reconnects` counter. Closing
//! that gap needs an acknowledged protocol (RELP), not plain TCP syslog.

use super::format::octet_counted;
use nix::errno::Errno;
use nix::sys::socket::{recv, MsgFlags};
use std::io::{self, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::AsRawFd;

use std::time::{Duration, Instant};

/// Why one send attempt failed.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("resolve {target}: {source}")]
    Resolve {
        target: String,
        #[source]
        source: io::Error,
    },
    #[error("resolve {target}: no addresses")]
    NoAddress { target: String },
    #[error("connect to {target}: {source}")]
    Connect {
        target: String,
        #[source]
        source: io::Error,
    },
    #[error("write to {target}: {source}")]
    Write {
        target: String,
        #[source]
        source: io::Error,
    },
    #[error("message of {len} bytes is too large for {target}")]
    TooLarge { target: String, len: usize },
    /// Handshake or record-layer failure: bad or unknown certificate, name
    /// mismatch, an alert from the peer, a peer that is not speaking TLS.
    #[error("TLS with {target}: {reason}")]
    Tls { target: String, reason: String },
}

impl TransportError {
    /// Whether trying again can help (a message too large never fits).
    pub fn is_retryable(&self) -> bool {
        !matches!(self, TransportError::TooLarge { .. })
    }
}

/// One connection-ish to one syslog receiver.
pub trait Transport: Send {
    /// Sends one unframed syslog message, connecting first if needed. On
    /// error the connection is dropped; the next call reconnects.
    fn send(&mut self, msg: &[u8]) -> Result<(), TransportError>;
    /// Drops the connection, if any.
    fn disconnect(&mut self);
    /// Human-readable destination ("unix:/dev/log", "tcp:host:514").
    fn target(&self) -> &str;
    /// Successful connects so far (the first one included).
    fn connections(&self) -> u64;
}

/// How messages are delimited on a stream (config `framing`, TCP and TLS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framing {
    /// `LEN SP MSG` (RFC 6587 3.4.1, RFC 5425 4.3): any byte may be in MSG.
    #[default]
    OctetCounting,
    /// `MSG LF` (RFC 6587 3.4.2, what legacy receivers expect). An LF
    /// inside MSG would split the message, so each one is sent as a space.
    Lf,
}

impl Framing {
    /// `msg` framed into `out` (cleared first).
    pub fn frame(self, msg: &[u8], out: &mut Vec<u8>) {
        match self {
            Framing::OctetCounting => octet_counted(msg, out),
            Framing::Lf => {
                out.clear();
                out.reserve(msg.len() + 1);
                out.extend(msg.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
                out.push(b'\n');
            }
        }
    }
}

/// TCP with octet-counting (`LEN SP MSG`, RFC 6587 3.4.1) or LF framing.
#[derive(Debug)]
pub struct TcpTransport {
    address: String,
    target: String,
    connect_timeout: Duration,
    write_timeout: Duration,
    framing: Framing,
    stream: Option<TcpStream>,
    frame: Vec<u8>,
    connections: u64,
}

/// A TCP connection to the first address of `address` that answers within
/// `connect_timeout`, with Nagle off and `write_timeout` set. Name
/// resolution goes through getaddrinfo, which has no timeout of its own;
/// it runs on the output thread, never on the caller's.
pub(super) fn connect_tcp(
    address: &str,
    target: &str,
    connect_timeout: Duration,
    write_timeout: Duration,
) -> Result<TcpStream, TransportError> {
    let addrs = address
        .to_socket_addrs()
        .map_err(|source| TransportError::Resolve {
            target: target.to_string(),
            source,
        })?;
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, connect_timeout) {
            Ok(s) => {
                let setup = s
                    .set_nodelay(true)
                    .and_then(|()| s.set_write_timeout(Some(write_timeout)));
                match setup {
                    Ok(()) => return Ok(s),
                    Err(e) => last = Some(e),
                }
            }
            Err(e) => last = Some(e),
        }
    }
    match last {
        Some(source) => Err(TransportError::Connect {
            target: target.to_string(),
            source,
        }),
        None => Err(TransportError::NoAddress {
            target: target.to_string(),
        }),
    }
}

impl TcpTransport {
    /// `address` is `HOST:PORT`; it is resolved on every (re)connect.
    pub fn new(address: &str, connect_timeout: Duration, write_timeout: Duration) -> Self {
        TcpTransport {
            address: address.to_string(),
            target: format!("tcp:{address}"),
            connect_timeout,
            write_timeout,
            framing: Framing::OctetCounting,
            stream: None,
            frame: Vec::new(),
            connections: 0,
        }
    }

    /// The same transport with `framing`.
    pub fn with_framing(mut self, framing: Framing) -> Self {
        self.framing = framing;
        self
    }

    /// Writes all of `buf` within `timeout` in total (a peer trickling one
    /// byte per write timeout cannot stretch it).
    pub(super) fn write_all_within(
        stream: &mut TcpStream,
        mut buf: &[u8],
        timeout: Duration,
    ) -> io::Result<()> {
        let deadline = Instant::now() + timeout;
        while !buf.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "write timed out (peer not reading)",
                ));
            }
            stream.set_write_timeout(Some(left))?;
            match stream.write(buf) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => buf = &buf[n..],
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
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
}

/// Whether a connected stream can still be written to: a syslog receiver
/// never sends, so readable means EOF (peer closed) or an error (reset).
/// Stray bytes a peer did send are read and discarded.
pub(super) fn peer_alive(stream: &TcpStream) -> bool {
    let mut buf = [0u8; 512];
    for _ in 0..64 {
        match recv(stream.as_raw_fd(), &mut buf, MsgFlags::MSG_DONTWAIT) {
            Ok(0) => return false,
            Ok(_) => continue,
            Err(Errno::EAGAIN) | Err(Errno::EINTR) => return true,
            Err(_) => return false,
        }
    }
    true
}

impl Transport for TcpTransport {
    fn send(&mut self, msg: &[u8]) -> Result<(), TransportError> {
        if let Some(s) = &self.stream {
            if !peer_alive(s) {
                self.stream = None;
            }
        }
        if self.stream.is_none() {
            self.stream = Some(connect_tcp(
                &self.address,
                &self.target,
                self.connect_timeout,
                self.write_timeout,
            )?);
            self.connections += 1;
        }
        self.framing.frame(msg, &mut self.frame);
        let Some(stream) = self.stream.as_mut() else {
            return Ok(()); // unreachable: connected just above
        };
        match Self::write_all_within(stream, &self.frame, self.write_timeout) {
            Ok(()) => Ok(()),
            Err(source) => {
                // A partial frame may be on the wire: this stream is done.
                self.stream = None;
                Err(TransportError::Write {
                    target: self.target.clone(),
                    source,
                })
            }
        }
    }

    fn disconnect(&mut self) {
        self.stream = None;
    }

    fn target(&self) -> &str {
        &self.target
    }

    fn connections(&self) -> u64 {
        self.connections
    }
}

/// Capped exponential backoff: `initial`, `2*initial`, ... up to `max`,
/// kept across messages until [`Backoff::reset`] (a successful send).
#[derive(Debug, Clone)]
pub struct Backoff {
    initial: Duration,
    max: Duration,
    current: Option<Duration>,
}

impl Backoff {
    pub fn new(initial: Duration, max: Duration) -> Self {
        Backoff {
            initial,
            max: max.max(initial),
            current: None,
        }
    }

    /// The next delay.
    pub fn next_delay(&mut self) -> Duration {
        let d = match self.current {
            None => self.initial,
            Some(c) => c.saturating_mul(2).min(self.max),
        };
        self.current = Some(d);
        d
    }

    pub fn reset(&mut self) {
        self.current = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::syslog::datagram::UnixDatagramTransport;
    use std::io::Read;
    use std::net::TcpListener;
    use std::os::unix::net::UnixDatagram;

    #[test]
    fn backoff_doubles_and_caps() {
        let ms = Duration::from_millis;
        let mut b = Backoff::new(ms(100), ms(500));
        let got: Vec<_> = (0..5).map(|_| b.next_delay()).collect();
        assert_eq!(got, [ms(100), ms(200), ms(400), ms(500), ms(500)]);
        b.reset();
        assert_eq!(b.next_delay(), ms(100));
    }

    #[test]
    fn tcp_frames_with_octet_counting() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let t = std::thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            let mut v = Vec::new();
            s.read_to_end(&mut v).unwrap();
            v
        });
        let mut tr = TcpTransport::new(&addr, Duration::from_secs(1), Duration::from_secs(1));
        tr.send(b"<12>1 a").unwrap();
        tr.send("é".as_bytes()).unwrap();
        tr.disconnect();
        assert_eq!(t.join().unwrap(), "7 <12>1 a2 é".as_bytes());
    }

    #[test]
    fn lf_framing_replaces_embedded_newlines() {
        let mut out = vec![9];
        Framing::Lf.frame(b"a\nb\r\nc", &mut out);
        assert_eq!(out, b"a b\r c\n");
        Framing::OctetCounting.frame(b"a\nb", &mut out);
        assert_eq!(out, b"3 a\nb");
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let t = std::thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            let mut v = Vec::new();
            s.read_to_end(&mut v).unwrap();
            v
        });
        let mut tr = TcpTransport::new(&addr, Duration::from_secs(1), Duration::from_secs(1))
            .with_framing(Framing::Lf);
        tr.send(b"<12>1 one\ntwo").unwrap();
        tr.send(b"<12>1 three").unwrap();
        tr.disconnect();
        assert_eq!(t.join().unwrap(), b"<12>1 one two\n<12>1 three\n");
    }

    #[test]
    fn tcp_detects_closed_peer_and_reconnects() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap().to_string();
        let mut tr = TcpTransport::new(&addr, Duration::from_secs(1), Duration::from_secs(1));
        tr.send(b"first").unwrap();
        let (first, _) = l.accept().unwrap();
        drop(first); // peer closes; FIN reaches us
        std::thread::sleep(Duration::from_millis(50));
        tr.send(b"second").unwrap(); // must go over a new connection
        assert_eq!(tr.connections(), 2);
        let (mut second, _) = l.accept().unwrap();
        second
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        let mut buf = [0u8; 8];
        second.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"6 second");
    }

    #[test]
    fn unix_missing_socket_is_a_connect_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut tr = UnixDatagramTransport::new(&dir.path().join("nope"), Duration::from_secs(1));
        let e = tr.send(b"x").unwrap_err();
        assert!(matches!(e, TransportError::Connect { .. }), "{e}");
        assert!(e.is_retryable());
    }

    #[test]
    fn unix_datagram_roundtrip_and_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        let rx = UnixDatagram::bind(&path).unwrap();
        let mut tr = UnixDatagramTransport::new(&path, Duration::from_secs(1));
        tr.send(b"<12>1 hello").unwrap();
        let mut buf = [0u8; 64];
        let n = rx.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"<12>1 hello");
        let e = tr.send(&vec![b'x'; 4 << 20]).unwrap_err();
        assert!(matches!(e, TransportError::TooLarge { .. }), "{e}");
        assert!(!e.is_retryable());
    }
}
