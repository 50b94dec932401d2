//! `container.*` and `k8s.*`: the container the event's thread runs in.
//!
//! Owns: the container family of [`EventFields::value`], and the adapter
//! [`lookup`] between the process table and container state. Until the
//! container runtime state (`state::container`) is wired in, [`lookup`]
//! answers [`ContainerInfo::host`] for every thread; the local
//! [`ContainerInfo`]/[`Mount`] mirror that module's API so the switch is a
//! `use` and one line in [`lookup`].
//! Must never: do I/O (runtime state is read by `state::container`).

use super::{bstr, nonempty, EventFields};
use crate::engine::{Field, FieldArg, Value};
use crate::state::proc::{ProcTable, ThreadInfo};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Container runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContainerKind {
    Docker,
    Containerd,
    CriO,
    Podman,
    #[default]
    Host,
}

impl ContainerKind {
    /// Falco's `container.type` text.
    pub fn as_str(self) -> &'static str {
        match self {
            ContainerKind::Docker => "docker",
            ContainerKind::Containerd => "containerd",
            ContainerKind::CriO => "cri-o",
            ContainerKind::Podman => "podman",
            ContainerKind::Host => "host",
        }
    }
}

/// One mount of a container.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mount {
    pub source: String,
    pub dest: String,
    pub mode: String,
    pub rdwr: bool,
    pub propagation: String,
}

impl Mount {
    /// `source:dest:mode:rdwr:propagation`.
    fn text(&self) -> String {
        format!(
            "{}:{}:{}:{}:{}",
            self.source, self.dest, self.mode, self.rdwr, self.propagation
        )
    }
}

/// What is known about one container (the shape of `state::container`'s).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContainerInfo {
    pub id: String,
    pub full_id: String,
    pub name: String,
    pub image: String,
    pub image_id: String,
    pub image_repository: String,
    pub image_tag: String,
    pub image_digest: String,
    pub kind: ContainerKind,
    pub privileged: Option<bool>,
    pub mounts: Vec<Mount>,
    pub start_ts: Option<u64>,
    pub labels: BTreeMap<String, String>,
    pub k8s_pod_name: String,
    pub k8s_ns_name: String,
    pub k8s_pod_uid: String,
    pub k8s_pod_labels: BTreeMap<String, String>,
    pub ip: String,
}

impl ContainerInfo {
    /// The pseudo-container of host processes.
    pub fn host() -> Arc<ContainerInfo> {
        static HOST: OnceLock<Arc<ContainerInfo>> = OnceLock::new();
        HOST.get_or_init(|| {
            Arc::new(ContainerInfo {
                id: "host".into(),
                full_id: "host".into(),
                name: "host".into(),
                kind: ContainerKind::Host,
                ..ContainerInfo::default()
            })
        })
        .clone()
    }
}

/// The container of thread `t` (host when unknown).
pub fn lookup(_procs: &ProcTable, _t: Option<&ThreadInfo>) -> Arc<ContainerInfo> {
    // state::container: `procs.containers().for_cgroups(&t.cgroups)`.
    ContainerInfo::host()
}

/// `fnmatch(pattern, s, 0)`: `*`, `?` and `[...]`, `*` crossing `/`.
pub fn glob(pattern: &str, s: &str) -> bool {
    let (p, s): (Vec<char>, Vec<char>) = (pattern.chars().collect(), s.chars().collect());
    let (mut pi, mut si) = (0, 0);
    let mut back: Option<(usize, usize)> = None;
    while si < s.len() {
        let step = match p.get(pi) {
            Some('*') => {
                back = Some((pi, si));
                pi += 1;
                continue;
            }
            Some('?') => Some(pi + 1),
            Some('[') => match p[pi..].iter().position(|c| *c == ']') {
                Some(end) if end > 1 => {
                    let set = &p[pi + 1..pi + end];
                    let (neg, set) = match set.first() {
                        Some('!') | Some('^') => (true, &set[1..]),
                        _ => (false, set),
                    };
                    let mut hit = false;
                    let mut i = 0;
                    while i < set.len() {
                        if i + 2 < set.len() && set[i + 1] == '-' {
                            hit |= set[i] <= s[si] && s[si] <= set[i + 2];
                            i += 3;
                        } else {
                            hit |= set[i] == s[si];
                            i += 1;
                        }
                    }
                    (hit != neg).then_some(pi + end + 1)
                }
                _ => (s[si] == '[').then_some(pi + 1),
            },
            Some(c) => (*c == s[si]).then_some(pi + 1),
            None => None,
        };
        match (step, back) {
            (Some(next), _) => {
                pi = next;
                si += 1;
            }
            (None, Some((bp, bs))) => {
                pi = bp + 1;
                si = bs + 1;
                back = Some((bp, bs + 1));
            }
            (None, None) => return false,
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

fn pairs(m: &BTreeMap<String, String>) -> String {
    let v: Vec<String> = m.iter().map(|(k, v)| format!("{k}:{v}")).collect();
    v.join(",")
}

impl EventFields<'_, '_> {
    /// The event's container.
    pub fn container(&self) -> &ContainerInfo {
        self.container
            .get_or_init(|| lookup(self.procs(), self.thread()))
    }

    /// A mount by index, or by `by_dest ? dest : source` glob.
    fn mount(&self, arg: &FieldArg, by_dest: bool) -> Option<&Mount> {
        let ms = &self.container().mounts;
        match arg {
            FieldArg::Index(i) => ms.get(*i as usize),
            FieldArg::Key(k) => ms
                .iter()
                .find(|m| glob(k, if by_dest { &m.dest } else { &m.source })),
            FieldArg::None => None,
        }
    }

    pub(super) fn container_field(&self, f: Field, arg: &FieldArg) -> Option<Value<'_>> {
        let c = self.container();
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
            Field::ContainerType => Some(bstr(c.kind.as_str())),
            Field::ContainerPrivileged => c.privileged.map(Value::Bool),
            Field::ContainerIp => nonempty(&c.ip),
            Field::ContainerStartTs => c.start_ts.map(|t| Value::Int(t as i64)),
            Field::ContainerDuration => {
                let (s, now) = (c.start_ts?, self.event().ts());
                (now >= s).then(|| Value::Int((now - s) as i64))
            }
            Field::ContainerMounts => {
                let v: Vec<String> = c.mounts.iter().map(Mount::text).collect();
                owned(v.join(","))
            }
            Field::ContainerMount => owned(self.mount(arg, false)?.text()),
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
            Field::K8sPodName => nonempty(&c.k8s_pod_name),
            Field::K8sNsName => nonempty(&c.k8s_ns_name),
            Field::K8sPodId | Field::K8sPodUid => nonempty(&c.k8s_pod_uid),
            Field::K8sPodIp => nonempty(&c.k8s_pod_name).and_then(|_| nonempty(&c.ip)),
            Field::K8sPodLabel => match arg {
                FieldArg::Key(k) => c.k8s_pod_labels.get(&**k).map(|v| bstr(v)),
                _ => None,
            },
            Field::K8sPodLabels => {
                nonempty(&c.k8s_pod_name)?;
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
