//! TLS settings of the syslog output (RFC 5425): the rustls client
//! configuration built from the config's `tls_*` keys.
//!
//! Owns: reading the CA bundle (`tls_ca_file`, else the system bundle),
//! the optional client certificate chain and key, checking that the key
//! belongs to the certificate, and the server name the peer's certificate
//! must match (`tls_server_name`, else the host part of `address`).
//! Verification is always on: there is no insecure mode.
//! Must never: do network I/O, or accept a half-configured client
//! identity (a certificate without its key or the other way round).

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the system CA bundle lives: Debian/Ubuntu, then RHEL/CentOS.
pub const SYSTEM_CA_BUNDLES: [&str; 2] = [
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
];

/// Why the TLS settings cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TlsConfigError {
    #[error("tls_ca_file {}: {reason}", path.display())]
    CaFile { path: PathBuf, reason: String },
    #[error(
        "tls_ca_file is not set and no system CA bundle exists (looked for {}); set tls_ca_file",
        SYSTEM_CA_BUNDLES.join(", ")
    )]
    NoSystemBundle,
    #[error("tls_cert_file {}: {reason}", path.display())]
    CertFile { path: PathBuf, reason: String },
    #[error("tls_key_file {}: {reason}", path.display())]
    KeyFile { path: PathBuf, reason: String },
    #[error(
        "{0} is set without {1}: a client certificate needs both tls_cert_file and tls_key_file"
    )]
    HalfClientIdentity(&'static str, &'static str),
    #[error("tls_server_name {0:?} is not a DNS name or an IP address")]
    ServerName(String),
    #[error("TLS setup: {0}")]
    Setup(String),
}

/// The `tls_*` keys of one syslog output.
#[derive(Debug, Clone, Copy)]
pub struct TlsFiles<'a> {
    pub ca_file: Option<&'a Path>,
    pub cert_file: Option<&'a Path>,
    pub key_file: Option<&'a Path>,
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

fn load_roots(ca_file: Option<&Path>) -> Result<RootCertStore, TlsConfigError> {
    let mut roots = RootCertStore::empty();
    let Some(path) = ca_file else {
        // The system bundle: some distributions ship certificates webpki
        // cannot parse; those are skipped, as every TLS client does.
        let path = SYSTEM_CA_BUNDLES
            .iter()
            .map(Path::new)
            .find(|p| p.exists())
            .ok_or(TlsConfigError::NoSystemBundle)?;
        let bad = |reason: String| TlsConfigError::CaFile {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = read(path).map_err(bad)?;
        let certs = CertificateDer::pem_slice_iter(&bytes).filter_map(Result::ok);
        let (added, _) = roots.add_parsable_certificates(certs);
        if added == 0 {
            return Err(bad("no usable CA certificate in it".into()));
        }
        return Ok(roots);
    };
    let bad = |reason: String| TlsConfigError::CaFile {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = read(path).map_err(bad)?;
    for (i, cert) in CertificateDer::pem_slice_iter(&bytes).enumerate() {
        let cert = cert.map_err(|e| bad(format!("PEM certificate {}: {e}", i + 1)))?;
        roots
            .add(cert)
            .map_err(|e| bad(format!("certificate {} is not a usable CA: {e}", i + 1)))?;
    }
    if roots.is_empty() {
        return Err(bad("no PEM certificate (BEGIN CERTIFICATE) in it".into()));
    }
    Ok(roots)
}

fn load_identity(
    cert: &Path,
    key: &Path,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), TlsConfigError> {
    let bad_cert = |reason: String| TlsConfigError::CertFile {
        path: cert.to_path_buf(),
        reason,
    };
    let bytes = read(cert).map_err(bad_cert)?;
    let chain = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad_cert(format!("bad PEM: {e}")))?;
    if chain.is_empty() {
        return Err(bad_cert(
            "no PEM certificate (BEGIN CERTIFICATE) in it".into(),
        ));
    }
    let bad_key = |reason: String| TlsConfigError::KeyFile {
        path: key.to_path_buf(),
        reason,
    };
    let bytes = read(key).map_err(bad_key)?;
    let key_der = PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => {
            bad_key("no PEM private key (PKCS#8, PKCS#1 or SEC1) in it".into())
        }
        e => bad_key(format!("bad PEM: {e}")),
    })?;
    Ok((chain, key_der))
}

/// The client configuration `files` describe; every file is read and
/// checked here, so a bad one is reported at start.
pub fn client_config(files: TlsFiles<'_>) -> Result<Arc<ClientConfig>, TlsConfigError> {
    let roots = load_roots(files.ca_file)?;
    let builder =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsConfigError::Setup(e.to_string()))?
            .with_root_certificates(roots);
    let config = match (files.cert_file, files.key_file) {
        (None, None) => builder.with_no_client_auth(),
        (Some(_), None) => {
            return Err(TlsConfigError::HalfClientIdentity(
                "tls_cert_file",
                "tls_key_file",
            ))
        }
        (None, Some(_)) => {
            return Err(TlsConfigError::HalfClientIdentity(
                "tls_key_file",
                "tls_cert_file",
            ))
        }
        (Some(cert), Some(key)) => {
            let (chain, key_der) = load_identity(cert, key)?;
            builder
                .with_client_auth_cert(chain, key_der)
                .map_err(|e| TlsConfigError::KeyFile {
                    path: key.to_path_buf(),
                    reason: format!("does not fit tls_cert_file {}: {e}", cert.display()),
                })?
        }
    };
    Ok(Arc::new(config))
}

/// The host part of `HOST:PORT` (`[::1]:514` -> `::1`).
pub fn address_host(address: &str) -> &str {
    let host = address.rsplit_once(':').map_or(address, |(h, _)| h);
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// `name` as the name the server's certificate must carry.
pub fn server_name(name: &str) -> Result<ServerName<'static>, TlsConfigError> {
    ServerName::try_from(name.to_string()).map_err(|_| TlsConfigError::ServerName(name.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ca_pem() -> (String, rcgen::CertifiedKey) {
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = p.self_signed(&key).unwrap();
        (
            cert.pem(),
            rcgen::CertifiedKey {
                cert,
                key_pair: key,
            },
        )
    }

    fn files<'a>(ca: &'a Path, c: Option<&'a Path>, k: Option<&'a Path>) -> TlsFiles<'a> {
        TlsFiles {
            ca_file: Some(ca),
            cert_file: c,
            key_file: k,
        }
    }

    #[test]
    fn loads_ca_and_client_identity() {
        let d = tempfile::tempdir().unwrap();
        let (pem, _) = ca_pem();
        let ca = d.path().join("ca.pem");
        std::fs::write(&ca, pem).unwrap();
        client_config(files(&ca, None, None)).unwrap();
        let leaf = rcgen::generate_simple_self_signed(vec!["client".into()]).unwrap();
        let (cert, key) = (d.path().join("c.pem"), d.path().join("k.pem"));
        std::fs::write(&cert, leaf.cert.pem()).unwrap();
        std::fs::write(&key, leaf.key_pair.serialize_pem()).unwrap();
        client_config(files(&ca, Some(&cert), Some(&key))).unwrap();

        // A key that is not the certificate's.
        let other = rcgen::KeyPair::generate().unwrap();
        std::fs::write(&key, other.serialize_pem()).unwrap();
        let e = client_config(files(&ca, Some(&cert), Some(&key))).unwrap_err();
        assert!(e.to_string().contains("does not fit tls_cert_file"), "{e}");
    }

    #[test]
    fn bad_files_say_why() {
        let d = tempfile::tempdir().unwrap();
        let missing = d.path().join("missing.pem");
        let e = client_config(files(&missing, None, None)).unwrap_err();
        assert!(matches!(e, TlsConfigError::CaFile { .. }), "{e}");
        assert!(e.to_string().contains("cannot read"), "{e}");
        let junk = d.path().join("junk.pem");
        std::fs::write(&junk, "hello\n").unwrap();
        let e = client_config(files(&junk, None, None)).unwrap_err();
        assert!(e.to_string().contains("no PEM certificate"), "{e}");
        let (pem, ck) = ca_pem();
        let ca = d.path().join("ca.pem");
        std::fs::write(&ca, pem).unwrap();
        let e = client_config(files(&ca, Some(&ca), None)).unwrap_err();
        assert_eq!(
            e,
            TlsConfigError::HalfClientIdentity("tls_cert_file", "tls_key_file")
        );
        let e = client_config(files(&ca, None, Some(&ca))).unwrap_err();
        assert!(e.to_string().contains("tls_key_file is set without"), "{e}");
        // The CA file as key: no key in it.
        let e = client_config(files(&ca, Some(&ca), Some(&ca))).unwrap_err();
        assert!(e.to_string().contains("no PEM private key"), "{e}");
        // A key as certificate file.
        let key = d.path().join("k.pem");
        std::fs::write(&key, ck.key_pair.serialize_pem()).unwrap();
        let e = client_config(files(&ca, Some(&key), Some(&key))).unwrap_err();
        assert!(matches!(e, TlsConfigError::CertFile { .. }), "{e}");
    }

    #[test]
    fn system_bundle_is_the_default_when_present() {
        let r = client_config(TlsFiles {
            ca_file: None,
            cert_file: None,
            key_file: None,
        });
        if SYSTEM_CA_BUNDLES.iter().any(|p| Path::new(p).exists()) {
            r.unwrap();
        } else {
            assert_eq!(r.unwrap_err(), TlsConfigError::NoSystemBundle);
        }
    }

    #[test]
    fn server_names() {
        assert_eq!(address_host("siem.example:6514"), "siem.example");
        assert_eq!(address_host("[::1]:6514"), "::1");
        assert_eq!(address_host("10.0.0.1:6514"), "10.0.0.1");
        server_name("siem.example").unwrap();
        server_name("::1").unwrap();
        server_name("127.0.0.1").unwrap();
        assert!(server_name("bad name").is_err());
        assert!(server_name("").is_err());
    }
}
