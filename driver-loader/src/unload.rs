//! `driver-loader unload`: removes `lanner.ko` with delete_module(2).
//!
//! Owns: refusing while the module is in use, with who holds it. Must
//! never: force a removal (no O_TRUNC), or wait for users to go away.

use crate::facts::MODULE;
use crate::sources::{at, read_trim};
use nix::errno::Errno;
use nix::kmod::{delete_module, DeleteModuleFlags};
use std::ffi::CString;
use std::path::Path;

#[derive(Debug, PartialEq, Eq)]
pub enum Unloaded {
    Removed,
    NotLoaded,
}

#[derive(Debug, thiserror::Error)]
pub enum UnloadError {
    #[error("lanner is in use (refcnt {refcnt}{holders}): stop the agent (it holds /dev/lanner open) and retry")]
    Busy { refcnt: u32, holders: String },
    #[error("delete_module(lanner): {0}")]
    Sys(String),
}

fn holders(root: &Path) -> String {
    let dir = at(root, format!("/sys/module/{MODULE}/holders"));
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        String::new()
    } else {
        format!(", held by {}", names.join(", "))
    }
}

/// Whether unloading is refused, from sysfs under `root`, before trying.
pub fn check(root: &Path) -> Result<Option<Unloaded>, UnloadError> {
    if !at(root, format!("/sys/module/{MODULE}")).is_dir() {
        return Ok(Some(Unloaded::NotLoaded));
    }
    let refcnt: u32 = read_trim(root, &format!("/sys/module/{MODULE}/refcnt"))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if refcnt > 0 {
        return Err(UnloadError::Busy {
            refcnt,
            holders: holders(root),
        });
    }
    Ok(None)
}

/// Unloads the module from this node.
pub fn unload() -> Result<Unloaded, UnloadError> {
    if let Some(u) = check(Path::new("/"))? {
        return Ok(u);
    }
    let name = CString::new(MODULE).map_err(|e| UnloadError::Sys(e.to_string()))?;
    match delete_module(&name, DeleteModuleFlags::O_NONBLOCK) {
        Ok(()) => Ok(Unloaded::Removed),
        Err(Errno::ENOENT) => Ok(Unloaded::NotLoaded),
        Err(Errno::EWOULDBLOCK) | Err(Errno::EBUSY) => Err(UnloadError::Busy {
            refcnt: 1,
            holders: holders(Path::new("/")),
        }),
        Err(Errno::EPERM) => Err(UnloadError::Sys(
            "not permitted: needs root with CAP_SYS_MODULE".into(),
        )),
        Err(e) => Err(UnloadError::Sys(format!("{e} ({})", e.desc()))),
    }
}
