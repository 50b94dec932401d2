//! Fake runtime state trees (docker, containerd, containers/storage) under a
//! tempdir, shaped like the real ones.

use crate::state::container::{ContainerTable, RuntimeRoots};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

pub const ID_A: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
pub const ID_B: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
pub const IMG_ID: &str = "6f7e2741b66b1234567890abcdef1234567890abcdef1234567890abcdef1234";
pub const POD_UID: &str = "8d5b1a1e-0b4a-4a4b-9f3c-2d1e0f9a8b7c";

pub struct Fake {
    pub dir: tempfile::TempDir,
}

impl Fake {
    pub fn new() -> Fake {
        Fake {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn roots(&self) -> RuntimeRoots {
        RuntimeRoots::under(self.dir.path())
    }

    /// A table over this tree that retries missing ids immediately.
    pub fn table(&self) -> ContainerTable {
        ContainerTable::new(self.roots()).with_retry_interval(Duration::ZERO)
    }

    pub fn write(&self, rel: &str, content: &[u8]) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, content).expect("write");
        p
    }

    pub fn write_json(&self, rel: &str, v: &Value) -> PathBuf {
        self.write(rel, v.to_string().as_bytes())
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn docker(&self, id: &str, config: &Value, host: &Value) {
        self.write_json(
            &format!("var/lib/docker/containers/{id}/config.v2.json"),
            config,
        );
        self.write_json(
            &format!("var/lib/docker/containers/{id}/hostconfig.json"),
            host,
        );
    }

    pub fn containerd(&self, ns: &str, id: &str, spec: &Value) -> PathBuf {
        let rel = format!("run/containerd/io.containerd.runtime.v2.task/{ns}/{id}");
        self.write_json(&format!("{rel}/config.json"), spec);
        self.path(&rel)
    }

    pub fn storage_spec(&self, root: &str, id: &str, spec: &Value) {
        let rel = format!("{root}/overlay-containers/{id}/userdata/config.json");
        self.write_json(&rel, spec);
    }

    pub fn containers_json(&self, entries: &Value) {
        let rel = "var/lib/containers/storage/overlay-containers/containers.json";
        self.write_json(rel, entries);
    }
}

/// An OCI spec with these annotations, one bind mount and bounding caps.
pub fn oci_spec(annotations: Value, caps: &[&str]) -> Value {
    json!({
        "ociVersion": "1.0.2",
        "process": {"capabilities": {"bounding": caps, "effective": caps}},
        "mounts": [
            {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid"]},
            {"destination": "/data", "type": "bind", "source": "/srv/data",
             "options": ["rbind", "rprivate", "ro"]},
            {"destination": "/logs", "source": "/var/log/app", "options": ["rbind", "rshared", "rw"]}
        ],
        "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"},
                                 {"type": "ipc", "path": "/proc/42/ns/ipc"}]},
        "annotations": annotations
    })
}

pub fn cg(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect()
}
