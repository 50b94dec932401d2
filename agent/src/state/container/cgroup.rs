//! Container ids from cgroup paths.
//!
//! Recognised path components (outermost match wins, so docker-in-docker
//! resolves to the container the host's runtime knows):
//! - systemd driver scopes: `docker-<id>.scope`, `cri-containerd-<id>.scope`,
//!   `crio-<id>.scope`, `libpod-<id>.scope` (cgroup v1 controllers, EL7's
//!   `/system.slice/docker-<id>.scope`, and cgroup v2 alike);
//! - the monitors' scopes `crio-conmon-<id>.scope` and
//!   `libpod-conmon-<id>.scope` are recognised as host processes (conmon runs
//!   in the host's namespaces; Falco reports them as host too);
//! - cgroupfs driver: `/docker/<id>`, `/libpod_parent/libpod-<id>`,
//!   `/kubepods/<qos>/pod<uid>/<id>`, any bare 64-hex component;
//! - containerd's systemd cgroupsPath form `...slice:cri-containerd:<id>`.
//!
//! Pod uids come from `pod<uid>` (cgroupfs) or `...-pod<uid_with_underscores>.slice`
//! (systemd) under a `kubepods` ancestor.
//! Must never: panic or allocate per component on any input; only ids of
//! exactly 64 hex digits are accepted (either case, as Falco does).
//! Differences from Falco's matchers (which require the id to end the path
//! and take the last match): sub-cgroups below a container's cgroup
//! (`docker-<id>.scope/init.scope`, systemd inside containers) still resolve,
//! and nested containers resolve to the outermost, the one whose state is on
//! this host.

use super::image::is_any_hex;
use super::RuntimeKind;

/// What the cgroups say about a container's runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// A runtime-specific prefix named the runtime.
    Kind(RuntimeKind),
    /// A bare id (cgroupfs driver): docker, containerd or cri-o.
    Bare,
}

/// A container found in a cgroup path (borrowed: a cache hit allocates nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CgroupMatch<'a> {
    pub full_id: &'a str,
    pub hint: Hint,
    /// The pod uid as the path spells it (systemd: `_` for `-`).
    pub pod_uid_raw: Option<&'a str>,
}

impl CgroupMatch<'_> {
    /// The pod uid in its canonical dashed form.
    pub fn pod_uid(&self) -> Option<String> {
        self.pod_uid_raw.map(|u| u.replace('_', "-"))
    }
}

/// Scopes of the runtimes' monitor processes (conmon): host processes, as in
/// Falco, since conmon runs outside the container's namespaces.
const MONITOR_PREFIXES: &[&str] = &["crio-conmon-", "libpod-conmon-"];

/// Scope/component prefixes naming a container.
const PREFIXES: &[(&str, RuntimeKind)] = &[
    ("cri-containerd-", RuntimeKind::Containerd),
    ("crio-", RuntimeKind::CriO),
    ("libpod-", RuntimeKind::Podman),
    ("docker-", RuntimeKind::Docker),
];

/// Names used in containerd's `slice:prefix:id` cgroupsPath form.
const COLON_PREFIXES: &[(&str, RuntimeKind)] = &[
    ("cri-containerd", RuntimeKind::Containerd),
    ("crio", RuntimeKind::CriO),
    ("docker", RuntimeKind::Docker),
    ("libpod", RuntimeKind::Podman),
];

fn is_id(s: &str) -> bool {
    s.len() == 64 && is_any_hex(s)
}

/// The first container found in any of the (controllers, path) pairs.
pub(crate) fn match_cgroups(cgroups: &[(String, String)]) -> Option<CgroupMatch<'_>> {
    cgroups.iter().find_map(|(_, path)| match_path(path))
}

/// The outermost container component of one cgroup path.
pub(crate) fn match_path(path: &str) -> Option<CgroupMatch<'_>> {
    if path.len() < 64 {
        return None; // too short to hold an id: most host processes
    }
    let mut under_docker = false;
    let mut under_libpod = false;
    let mut under_kubepods = false;
    let mut pod_uid = None;
    for comp in path.split('/').filter(|c| !c.is_empty()) {
        if MONITOR_PREFIXES.iter().any(|p| comp.starts_with(p)) {
            return None;
        }
        if let Some((hint, id)) = match_component(comp, under_docker, under_libpod) {
            // containerd's `kubepods-...-pod<uid>.slice:cri-containerd:<id>`.
            let slice = comp.split(':').next().unwrap_or("");
            if pod_uid.is_none() && comp.contains(':') && slice.starts_with("kubepods") {
                pod_uid = pod_uid_of(slice);
                under_kubepods = true;
            }
            return Some(CgroupMatch {
                full_id: id,
                hint,
                pod_uid_raw: if under_kubepods { pod_uid } else { None },
            });
        }
        under_docker |= comp == "docker";
        under_libpod |= comp == "libpod_parent" || comp == "machine.slice";
        if comp.starts_with("kubepods") {
            under_kubepods = true;
            if let Some(uid) = pod_uid_of(comp) {
                pod_uid = Some(uid);
            }
        } else if under_kubepods && pod_uid.is_none() {
            pod_uid = pod_uid_of(comp);
        }
    }
    None
}

/// The runtime hint and id of one component, if it names a container.
fn match_component(comp: &str, under_docker: bool, under_libpod: bool) -> Option<(Hint, &str)> {
    let base = comp.strip_suffix(".scope").unwrap_or(comp);
    for (prefix, kind) in PREFIXES {
        if let Some(rest) = base.strip_prefix(prefix) {
            if is_id(rest) {
                return Some((Hint::Kind(*kind), rest));
            }
        }
    }
    if let Some((head, id)) = comp.rsplit_once(':') {
        if is_id(id) {
            let prefix = head.rsplit(':').next().unwrap_or("");
            let hint = COLON_PREFIXES
                .iter()
                .find(|(p, _)| *p == prefix)
                .map_or(Hint::Bare, |(_, k)| Hint::Kind(*k));
            return Some((hint, id));
        }
    }
    if is_id(comp) {
        let hint = if under_docker {
            Hint::Kind(RuntimeKind::Docker)
        } else if under_libpod {
            Hint::Kind(RuntimeKind::Podman)
        } else {
            Hint::Bare
        };
        return Some((hint, comp));
    }
    None
}

/// `pod<uid>` or `kubepods-<qos>-pod<uid_with_underscores>.slice` -> uid.
fn pod_uid_of(comp: &str) -> Option<&str> {
    let base = comp.strip_suffix(".slice").unwrap_or(comp);
    let at = if base.starts_with("pod") {
        0
    } else {
        base.rfind("-pod")? + 1
    };
    let uid = &base[at + 3..];
    let ok = (32..=36).contains(&uid.len())
        && uid
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b'-' || b == b'_');
    ok.then_some(uid)
}

/// Parses `/proc/<pid>/cgroup` text (`hierarchy:controllers:path` per line)
/// into (controllers, path) pairs; malformed lines are skipped.
pub fn parse_proc_cgroup(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.splitn(3, ':');
            let _hierarchy = it.next()?;
            let controllers = it.next()?;
            let path = it.next()?;
            Some((controllers.to_string(), path.to_string()))
        })
        .collect()
}

/// Parses an execve/clone record's `cgroups` parameter (NUL-separated
/// `subsys=path` entries) into (subsys, path) pairs; entries without `=`
/// and invalid UTF-8 are skipped.
pub fn parse_cgroups_param(bytes: &[u8]) -> Vec<(String, String)> {
    bytes
        .split(|b| *b == 0)
        .filter_map(|e| {
            let s = std::str::from_utf8(e).ok()?;
            let (subsys, path) = s.split_once('=')?;
            Some((subsys.to_string(), path.to_string()))
        })
        .collect()
}
