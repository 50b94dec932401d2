//! `container.*` and `k8s.*`: the container the event's thread runs in.
//!
//! Owns: the container family of [`EventFields::value`], and the seam
//! between the process table and container state: [`ContainerResolver`]
//! (what the table asks when a thread's cgroups change), implemented by
//! `state::container::ContainerTable`. Without a resolver every thread is
//! on the host.
//! Must never: do I/O (runtime state is read by the resolver, at
//! clone/exec time, never per field).

use super::{bstr, nonempty, EventFields};
use crate::engine::condition::glob_match as glob;
use crate::engine::{Field, FieldArg, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

pub use crate::state::container::{ContainerInfo, ContainerTable, Mount, RuntimeKind};

/// The shared host entry.
pub fn host() -> &'static ContainerInfo {
    static HOST: OnceLock<ContainerInfo> = OnceLock::new();
    HOST.get_or_init(ContainerInfo::host)
}

/// Container state as the process table needs it.
pub trait ContainerResolver: Send {
    /// The container of a thread with these (controllers, path) cgroups.
    fn for_cgroups(&mut self, cgroups: &[(String, String)]) -> Arc<ContainerInfo>;
    /// The latest entry of a container seen before (metadata that appeared
    /// after the first lookup).
    fn by_id(&mut self, full_id: &str) -> Option<Arc<ContainerInfo>>;
}

/// Shared so the agent can read the table's counters while the process
/// table resolves through it.
impl ContainerResolver for Arc<ContainerTable> {
    fn for_cgroups(&mut self, cgroups: &[(String, String)]) -> Arc<ContainerInfo> {
        ContainerTable::for_cgroups(self, cgroups)
    }

    fn by_id(&mut self, full_id: &str) -> Option<Arc<ContainerInfo>> {
        ContainerTable::by_id(self, full_id)
    }
}

/// Whether a container entry still lacks the runtime's metadata (looked
/// up again, rate-limited by the resolver, when its threads act).
pub fn needs_refresh(c: &ContainerInfo) -> bool {
    !c.is_host() && c.name.is_empty() && c.image.is_empty()
}

/// A non-empty optional string value.
fn opt(s: &Option<String>) -> Option<Value<'_>> {
    s.as_deref().and_then(nonempty)
}

/// `source:dest:mode:rdwr:propagation` (Falco's `container.mount`).
fn mount_text(m: &Mount) -> String {
    format!(
        "{}:{}:{}:{}:{}",
        m.source, m.dest, m.mode, m.rdwr, m.propagation
    )
}

fn pairs(m: &BTreeMap<String, String>) -> String {
    let v: Vec<String> = m.iter().map(|(k, v)| format!("{k}:{v}")).collect();
    v.join(",")
}

impl EventFields<'_, '_> {
    /// The event's container: the one given by `with_container`, else the
    /// thread's, else the host; `None` when the thread is unknown (Falco
    /// has no container facts for a thread it does not know).
    pub fn container(&self) -> Option<&ContainerInfo> {
        if let Some(c) = self.container.get() {
            return Some(c);
        }
        let t = self.thread()?;
        Some(t.container.as_deref().unwrap_or_else(|| host()))
    }

    /// A mount by index, or by `by_dest ? dest : source` glob.
    fn mount(&self, arg: &FieldArg, by_dest: bool) -> Option<&Mount> {
        let ms = &self.container()?.mounts;
        match arg {
            FieldArg::Index(i) => ms.get(*i as usize),
            FieldArg::Key(k) => ms
                .iter()
                .find(|m| glob(k, if by_dest { &m.dest } else { &m.source })),
            FieldArg::None => None,
        }
    }

    pub(super) fn container_field(&self, f: Field, arg: &FieldArg) -> Option<Value<'_>> {
        let c = self.container()?;
        let owned = |s: String| Some(Value::Str(Cow::Owned(s)));
        match f {
            Field::ContainerId => nonempty(&c.id),
            Field::ContainerFullId => nonempty(&c.full_id),
            Field::ContainerName => nonempty(&c.name),
            Field::ContainerImage => nonempty(&c.image),
            Field::ContainerImageId => nonempty(&c.image_id),
            Field::ContainerImageRepository => nonempty(&c.image_repository),
            Field::ContainerImageTag => nonempty(&c.image_tag),
            Field::ContainerImageDigest => nonempty(&c.image_digest),
            Field::ContainerType => Some(bstr(c.kind.name())),
            Field::ContainerPrivileged => c.privileged.map(Value::Bool),
            Field::ContainerHostPid => c.host_pid.map(Value::Bool),
            Field::ContainerHostNetwork => c.host_network.map(Value::Bool),
            Field::ContainerHostIpc => c.host_ipc.map(Value::Bool),
            Field::ContainerIp => owned(c.ip?.to_string()),
            Field::ContainerStartTs => c.start_ts.map(|t| Value::Int(t as i64)),
            Field::ContainerDuration => {
                let (s, now) = (c.start_ts?, self.event().ts());
                (now >= s).then(|| Value::Int((now - s) as i64))
            }
            Field::ContainerMounts => {
                let v: Vec<String> = c.mounts.iter().map(mount_text).collect();
                owned(v.join(","))
            }
            Field::ContainerMount => owned(mount_text(self.mount(arg, false)?)),
            Field::ContainerMountSource => Some(bstr(&self.mount(arg, true)?.source)),
            Field::ContainerMountDest => Some(bstr(&self.mount(arg, false)?.dest)),
            Field::ContainerMountMode => Some(bstr(&self.mount(arg, false)?.mode)),
            Field::ContainerMountRdwr => Some(bstr(if self.mount(arg, false)?.rdwr {
                "true"
            } else {
                "false"
            })),
            Field::ContainerMountPropagation => Some(bstr(&self.mount(arg, false)?.propagation)),
            Field::ContainerLabel => match arg {
                FieldArg::Key(k) => c.labels.get(&**k).map(|v| bstr(v)),
                _ => None,
            },
            Field::ContainerLabels => owned(pairs(&c.labels)),
            Field::K8sPodName => opt(&c.k8s_pod_name),
            Field::K8sNsName => opt(&c.k8s_ns_name),
            Field::K8sPodId | Field::K8sPodUid => opt(&c.k8s_pod_uid),
            Field::K8sPodIp => {
                opt(&c.k8s_pod_name)?;
                owned(c.ip?.to_string())
            }
            Field::K8sPodSandboxId => {
                let s = c.sandbox_id.as_deref()?;
                nonempty(s.get(..12).unwrap_or(s))
            }
            Field::K8sPodFullSandboxId => opt(&c.sandbox_id),
            Field::K8sPodLabel => match arg {
                FieldArg::Key(k) => c.k8s_pod_labels.get(&**k).map(|v| bstr(v)),
                _ => None,
            },
            Field::K8sPodLabels => {
                opt(&c.k8s_pod_name)?;
                owned(pairs(&c.k8s_pod_labels))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs_like_fnmatch_without_pathname() {
        assert!(glob("/proc*", "/proc"));
        assert!(glob("/proc*", "/proc/sys/kernel"));
        assert!(glob("/var/run/*.sock", "/var/run/a/docker.sock"));
        assert!(glob("a?c", "abc") && !glob("a?c", "ac"));
        assert!(glob("[a-c]x", "bx") && !glob("[!a-c]x", "bx"));
        assert!(!glob("/etc", "/etc/passwd"));
        assert!(glob("*", ""));
    }
}
