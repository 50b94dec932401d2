//! The parts of an OCI runtime spec (`config.json`) lanner uses: annotations,
//! bind mounts, and whether the container is privileged.
//! Must never: fail on a missing key (absent parts are empty / `None`).

use super::read::string_map;
use super::Mount;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every capability up to CAP_AUDIT_READ (37): a bounding set holding all of
/// them is what `--privileged` gives on every runtime lanner reads.
const ALL_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
];

const PROPAGATIONS: &[&str] = &[
    "rprivate",
    "private",
    "rshared",
    "shared",
    "rslave",
    "slave",
    "runbindable",
    "unbindable",
];

/// What lanner takes from one OCI spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OciSpec {
    pub annotations: BTreeMap<String, String>,
    pub mounts: Vec<Mount>,
    pub privileged: Option<bool>,
    /// (network, pid, ipc): shared with the host when the spec lists no such
    /// namespace; `None` without `linux.namespaces`.
    pub host_ns: Option<(bool, bool, bool)>,
}

/// Reads the annotations, bind mounts and privilege of a parsed spec.
pub(crate) fn parse_spec(v: &Value) -> OciSpec {
    OciSpec {
        annotations: string_map(v.get("annotations")),
        mounts: bind_mounts(v.get("mounts")),
        privileged: privileged(v),
        host_ns: host_namespaces(v),
    }
}

/// A namespace absent from `linux.namespaces` is the host's; one listed (new,
/// or joined by path as a pod's sandbox namespaces are) is not.
fn host_namespaces(v: &Value) -> Option<(bool, bool, bool)> {
    let list = v.get("linux")?.get("namespaces")?.as_array()?;
    let has = |t: &str| {
        list.iter()
            .any(|n| n.get("type").and_then(Value::as_str) == Some(t))
    };
    Some((!has("network"), !has("pid"), !has("ipc")))
}

impl OciSpec {
    /// Copies the spec's mounts, privilege and host namespaces.
    pub(crate) fn apply(&self, c: &mut super::ContainerInfo) {
        c.mounts.clone_from(&self.mounts);
        c.privileged = self.privileged;
        if let Some((net, pid, ipc)) = self.host_ns {
            (c.host_network, c.host_pid, c.host_ipc) = (Some(net), Some(pid), Some(ipc));
        }
    }
}

/// Bind mounts only (proc, sysfs, tmpfs... are the runtime's, not the user's).
fn bind_mounts(v: Option<&Value>) -> Vec<Mount> {
    let Some(list) = v.and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|m| {
            let options: Vec<&str> = m
                .get("options")
                .and_then(Value::as_array)
                .map(|o| o.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let is_bind = m.get("type").and_then(Value::as_str) == Some("bind")
                || options.iter().any(|o| *o == "bind" || *o == "rbind");
            if !is_bind {
                return None;
            }
            Some(Mount {
                source: m
                    .get("source")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                dest: m.get("destination").and_then(Value::as_str)?.to_string(),
                mode: String::new(),
                rdwr: !options.contains(&"ro"),
                propagation: options
                    .iter()
                    .find(|o| PROPAGATIONS.contains(o))
                    .map_or(String::new(), |p| p.to_string()),
            })
        })
        .collect()
}

/// `Some(true)` when the bounding set holds every capability, `Some(false)`
/// when it holds fewer, `None` when the spec has no capabilities at all.
fn privileged(v: &Value) -> Option<bool> {
    let caps = v.get("process")?.get("capabilities")?;
    let bounding: Vec<&str> = caps
        .get("bounding")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    Some(ALL_CAPS.iter().all(|c| bounding.contains(c)))
}

#[cfg(test)]
pub(crate) fn all_caps() -> Vec<&'static str> {
    ALL_CAPS.to_vec()
}
