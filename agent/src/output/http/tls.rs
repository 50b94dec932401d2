//! TLS for the HTTP output: the rustls client configuration an
//! [`HttpConfig`](super::HttpConfig) describes.
//!
//! Owns: reading CA certificates (`ca_cert`, `ca_bundle`, every `*.pem`,
//! `*.crt` file of `ca_path`; without any of them the system bundle) and
//! the mTLS client certificate and key, and building the `ClientConfig`
//! (ring provider, TLS 1.2 and 1.3, rustls' certificate and server-name
//! verification).
//! Must never: build a configuration that skips verification, or start
//! with an empty trust store (that would fail every request at run time
//! instead of at start).

use super::HttpConfig;
use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where distributions keep the system CA bundle (RHEL/CentOS first).
const SYSTEM_BUNDLES: [&str; 5] = [
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/ssl/cert.pem",
];

/// TLS material that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{key} {path}: {reason}")]
    Read {
        key: &'static str,
        path: PathBuf,
        reason: String,
    },
    #[error("{key} {path}: no usable CA certificate in it")]
    NoCa { key: &'static str, path: PathBuf },
    #[error(
        "no CA certificates: none of ca_cert, ca_bundle, ca_path is set and no system bundle \
         was found (looked at {})",
        SYSTEM_BUNDLES.join(", ")
    )]
    NoSystemBundle,
    #[error("TLS setup: {0}")]
    Rustls(#[from] rustls::Error),
}

fn read_certs(key: &'static str, path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let err = |reason: String| TlsError::Read {
        key,
        path: path.to_path_buf(),
        reason,
    };
    CertificateDer::pem_file_iter(path)
        .map_err(|e| err(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| err(e.to_string()))
}

/// Adds every CA of one PEM file; false if none was usable.
fn add_file(roots: &mut RootCertStore, key: &'static str, path: &Path) -> Result<(), TlsError> {
    let (added, _ignored) = roots.add_parsable_certificates(read_certs(key, path)?);
    if added == 0 {
        return Err(TlsError::NoCa {
            key,
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Adds the CAs of every `*.pem`/`*.crt` file in `dir` (files that are
/// not PEM certificates are skipped, as OpenSSL's CApath does).
fn add_dir(roots: &mut RootCertStore, dir: &Path) -> Result<(), TlsError> {
    let read = std::fs::read_dir(dir).map_err(|e| TlsError::Read {
        key: "ca_path",
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let before = roots.len();
    for entry in read.flatten() {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "pem" | "crt") && p.is_file() {
            if let Ok(certs) = read_certs("ca_path", &p) {
                roots.add_parsable_certificates(certs);
            }
        }
    }
    if roots.len() == before {
        return Err(TlsError::NoCa {
            key: "ca_path",
            path: dir.to_path_buf(),
        });
    }
    Ok(())
}

fn roots(c: &HttpConfig) -> Result<RootCertStore, TlsError> {
    let mut roots = RootCertStore::empty();
    let mut explicit = false;
    for (key, p) in [("ca_cert", &c.ca_cert), ("ca_bundle", &c.ca_bundle)] {
        if !p.as_os_str().is_empty() {
            add_file(&mut roots, key, p)?;
            explicit = true;
        }
    }
    if !c.ca_path.as_os_str().is_empty() {
        add_dir(&mut roots, &c.ca_path)?;
        explicit = true;
    }
    if !explicit {
        let bundle = SYSTEM_BUNDLES
            .iter()
            .map(Path::new)
            .find(|p| p.is_file())
            .ok_or(TlsError::NoSystemBundle)?;
        add_file(&mut roots, "system bundle", bundle)?;
    }
    Ok(roots)
}

/// The client configuration for an https:// [`HttpConfig`].
pub fn client_config(c: &HttpConfig) -> Result<Arc<ClientConfig>, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots(c)?);
    let config = if c.mtls {
        let chain = read_certs("client_cert", &c.client_cert)?;
        let key = PrivateKeyDer::from_pem_file(&c.client_key).map_err(|e| TlsError::Read {
            key: "client_key",
            path: c.client_key.clone(),
            reason: e.to_string(),
        })?;
        builder.with_client_auth_cert(chain, key)?
    } else {
        builder.with_no_client_auth()
    };
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_ca_files_fail_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.pem");
        std::fs::write(&junk, "not a certificate\n").unwrap();
        let c = HttpConfig {
            url: "https://h/".into(),
            ca_cert: junk.clone(),
            ..Default::default()
        };
        let e = client_config(&c).unwrap_err();
        assert!(e.to_string().starts_with("ca_cert "), "{e}");
        let c = HttpConfig {
            url: "https://h/".into(),
            ca_path: dir.path().to_path_buf(),
            ..Default::default()
        };
        let e = client_config(&c).unwrap_err();
        assert!(matches!(e, TlsError::NoCa { key: "ca_path", .. }), "{e}");
    }
}
