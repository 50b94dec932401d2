//! Datagram transports: unix datagram sockets (the local syslog daemon,
//! `/dev/log`) and UDP (RFC 5426), one message per datagram.
//!
//! Owns: [`DatagramTransport`], generic over how its socket is made
//! ([`UnixConnector`], [`UdpConnector`]): connect on first use, keep the
//! socket until an error, map errors (EMSGSIZE is "too large" and never
//! retried; ECONNREFUSED after the receiver restarted, ENOENT, timeouts,
//! ICMP port unreachable drop the socket so the next message reconnects).
//! UDP gives no delivery guarantee: a datagram the receiver never gets is
//! not an error here; use TCP where loss matters.
//! Must never: block longer than the write timeout, or panic.

use super::transport::{Transport, TransportError};
use std::io;
use std::net::{ToSocketAddrs, UdpSocket};
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A connected datagram socket.
pub trait DatagramSocket: Send {
    fn send_datagram(&self, msg: &[u8]) -> io::Result<usize>;
}

impl DatagramSocket for UnixDatagram {
    fn send_datagram(&self, msg: &[u8]) -> io::Result<usize> {
        self.send(msg)
    }
}

impl DatagramSocket for UdpSocket {
    fn send_datagram(&self, msg: &[u8]) -> io::Result<usize> {
        self.send(msg)
    }
}

fn connect_error(target: &str) -> impl Fn(io::Error) -> TransportError + '_ {
    move |source| TransportError::Connect {
        target: target.to_string(),
        source,
    }
}

/// How a [`DatagramTransport`] makes its socket.
pub trait Connector: Send {
    type Socket: DatagramSocket;
    /// A socket connected to the destination, with the write timeout set.
    fn connect(&self, target: &str) -> Result<Self::Socket, TransportError>;
}

/// Unix datagram socket at a path.
#[derive(Debug)]
pub struct UnixConnector {
    path: PathBuf,
    write_timeout: Duration,
}

impl Connector for UnixConnector {
    type Socket = UnixDatagram;

    fn connect(&self, target: &str) -> Result<UnixDatagram, TransportError> {
        let s = UnixDatagram::unbound().map_err(connect_error(target))?;
        s.connect(&self.path).map_err(connect_error(target))?;
        s.set_write_timeout(Some(self.write_timeout))
            .map_err(connect_error(target))?;
        Ok(s)
    }
}

/// UDP to the first address `HOST:PORT` resolves to (on every reconnect).
#[derive(Debug)]
pub struct UdpConnector {
    address: String,
    write_timeout: Duration,
}

impl Connector for UdpConnector {
    type Socket = UdpSocket;

    fn connect(&self, target: &str) -> Result<UdpSocket, TransportError> {
        let addr = self
            .address
            .to_socket_addrs()
            .map_err(|source| TransportError::Resolve {
                target: target.to_string(),
                source,
            })?
            .next()
            .ok_or_else(|| TransportError::NoAddress {
                target: target.to_string(),
            })?;
        let local = if addr.is_ipv4() {
            "0.0.0.0:0"
        } else {
            "[::]:0"
        };
        let s = UdpSocket::bind(local).map_err(connect_error(target))?;
        s.connect(addr).map_err(connect_error(target))?;
        s.set_write_timeout(Some(self.write_timeout))
            .map_err(connect_error(target))?;
        Ok(s)
    }
}

/// One message per datagram over a socket kept until an error.
#[derive(Debug)]
pub struct DatagramTransport<C: Connector> {
    connector: C,
    target: String,
    sock: Option<C::Socket>,
    connections: u64,
}

/// The local syslog daemon's socket (`/dev/log`).
pub type UnixDatagramTransport = DatagramTransport<UnixConnector>;
/// Syslog over UDP (RFC 5426).
pub type UdpTransport = DatagramTransport<UdpConnector>;

impl DatagramTransport<UnixConnector> {
    pub fn new(path: &Path, write_timeout: Duration) -> Self {
        DatagramTransport::with(
            UnixConnector {
                path: path.to_path_buf(),
                write_timeout,
            },
            format!("unix:{}", path.display()),
        )
    }
}

impl DatagramTransport<UdpConnector> {
    /// `address` is `HOST:PORT`; it is resolved on every (re)connect.
    pub fn new(address: &str, write_timeout: Duration) -> Self {
        DatagramTransport::with(
            UdpConnector {
                address: address.to_string(),
                write_timeout,
            },
            format!("udp:{address}"),
        )
    }
}

impl<C: Connector> DatagramTransport<C> {
    fn with(connector: C, target: String) -> Self {
        DatagramTransport {
            connector,
            target,
            sock: None,
            connections: 0,
        }
    }
}

/// The outcome of sending one datagram of `len` bytes: a short send is a
/// write error, EMSGSIZE is [`TransportError::TooLarge`]. Callers drop
/// their socket on any retryable error.
fn datagram_result(
    sent: io::Result<usize>,
    len: usize,
    target: &str,
) -> Result<(), TransportError> {
    match sent {
        Ok(n) if n == len => Ok(()),
        Ok(n) => Err(TransportError::Write {
            target: target.to_string(),
            source: io::Error::new(
                io::ErrorKind::WriteZero,
                format!("datagram cut to {n} of {len} bytes"),
            ),
        }),
        Err(e) if e.raw_os_error() == Some(libc::EMSGSIZE) => Err(TransportError::TooLarge {
            target: target.to_string(),
            len,
        }),
        Err(source) => Err(TransportError::Write {
            target: target.to_string(),
            source,
        }),
    }
}

impl<C: Connector> Transport for DatagramTransport<C> {
    fn send(&mut self, msg: &[u8]) -> Result<(), TransportError> {
        if self.sock.is_none() {
            self.sock = Some(self.connector.connect(&self.target)?);
            self.connections += 1;
        }
        let Some(sock) = self.sock.as_ref() else {
            return Ok(()); // unreachable: connected just above
        };
        let r = datagram_result(sock.send_datagram(msg), msg.len(), &self.target);
        if matches!(&r, Err(e) if e.is_retryable()) {
            self.sock = None;
        }
        r
    }

    fn disconnect(&mut self) {
        self.sock = None;
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

    #[test]
    fn one_datagram_per_message() {
        let rx = UdpSocket::bind("127.0.0.1:0").unwrap();
        rx.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let addr = rx.local_addr().unwrap().to_string();
        let mut t = UdpTransport::new(&addr, Duration::from_secs(1));
        t.send(b"<14>first").unwrap();
        t.send(b"<14>second").unwrap();
        let mut buf = [0u8; 64];
        let n = rx.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"<14>first");
        let n = rx.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"<14>second");
        assert_eq!(t.connections(), 1);
        assert_eq!(t.target(), format!("udp:{addr}"));
    }

    #[test]
    fn oversized_is_too_large_and_bad_names_do_not_resolve() {
        let rx = UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut t = UdpTransport::new(
            &rx.local_addr().unwrap().to_string(),
            Duration::from_secs(1),
        );
        let e = t.send(&vec![b'x'; 70_000]).unwrap_err();
        assert!(matches!(e, TransportError::TooLarge { .. }), "{e}");
        assert!(!e.is_retryable());
        let mut bad = UdpTransport::new("no-such-host.invalid:514", Duration::from_secs(1));
        assert!(bad.send(b"x").is_err());
    }
}
