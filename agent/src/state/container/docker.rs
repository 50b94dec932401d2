//! Docker's on-disk state: `<root>/containers/<id>/config.v2.json` (name,
//! image, image id, labels, start time, mount points, addresses) and
//! `hostconfig.json` (privileged); image digests from
//! `<root>/image/<driver>/repositories.json`. Also k8s pod identity from the
//! dockershim labels `io.kubernetes.pod.*`.
//! Must never: write there or read beyond the bounded files above.

use super::read::{parse_rfc3339, read_json, str_at, string_map, MetaError};
use super::{ContainerInfo, Mount, RuntimeKind};
use serde_json::Value;
use std::path::Path;

/// Directory entries looked at under `<root>/image` (one per storage driver).
const MAX_DRIVERS: usize = 16;

/// Reads one docker container; `side` collects errors of secondary files.
pub(crate) fn read(
    root: &Path,
    full_id: &str,
    side: &mut Vec<MetaError>,
) -> Result<ContainerInfo, MetaError> {
    let dir = root.join("containers").join(full_id);
    let v = read_json(&dir.join("config.v2.json"))?;
    let mut c = ContainerInfo::bare(full_id.to_string(), RuntimeKind::Docker);
    c.name = str_at(&v, &["Name"])
        .unwrap_or("")
        .trim_start_matches('/')
        .to_string();
    if let Some(id) = str_at(&v, &["Image"]) {
        c.set_image_id(id);
    }
    c.set_image(str_at(&v, &["Config", "Image"]).unwrap_or(""));
    c.labels = string_map(v.pointer("/Config/Labels"));
    c.start_ts = str_at(&v, &["State", "StartedAt"]).and_then(parse_rfc3339);
    c.mounts = mount_points(v.get("MountPoints"));
    c.ip = ip_of(&v);
    c.k8s_pod_name = c.labels.get("io.kubernetes.pod.name").cloned();
    c.k8s_ns_name = c.labels.get("io.kubernetes.pod.namespace").cloned();
    c.k8s_pod_uid = c.labels.get("io.kubernetes.pod.uid").cloned();
    match read_json(&dir.join("hostconfig.json")) {
        Ok(h) => c.privileged = h.get("Privileged").and_then(Value::as_bool),
        Err(e) if e.is_not_found() => {}
        Err(e) => side.push(e),
    }
    if c.image_digest.is_empty() {
        if let Some(image) = str_at(&v, &["Image"]) {
            c.image_digest = digest_of(root, image, &c.image_repository, side);
        }
    }
    Ok(c)
}

/// `MountPoints` is an object keyed by destination.
fn mount_points(v: Option<&Value>) -> Vec<Mount> {
    let Some(obj) = v.and_then(Value::as_object) else {
        return Vec::new();
    };
    obj.iter()
        .map(|(dest, m)| Mount {
            source: str_at(m, &["Source"]).unwrap_or("").to_string(),
            dest: str_at(m, &["Destination"]).unwrap_or(dest).to_string(),
            mode: str_at(m, &["Mode"]).unwrap_or("").to_string(),
            rdwr: m.get("RW").and_then(Value::as_bool).unwrap_or(false),
            propagation: str_at(m, &["Propagation"]).unwrap_or("").to_string(),
        })
        .collect()
}

/// The legacy top-level address, else the first network's non-empty one.
fn ip_of(v: &Value) -> Option<std::net::IpAddr> {
    let ns = v.get("NetworkSettings")?;
    let top = str_at(ns, &["IPAddress"]).filter(|s| !s.is_empty());
    let first = || {
        ns.get("Networks")?
            .as_object()?
            .values()
            .find_map(|n| str_at(n, &["IPAddress"]).filter(|s| !s.is_empty()))
    };
    top.or_else(first)?.parse().ok()
}

/// The repo digest (`sha256:...`) recorded for `image_id`, preferring one of
/// `repository`; empty when docker has none (locally built images).
fn digest_of(root: &Path, image_id: &str, repository: &str, side: &mut Vec<MetaError>) -> String {
    let Ok(drivers) = std::fs::read_dir(root.join("image")) else {
        return String::new();
    };
    let mut fallback = String::new();
    for d in drivers.flatten().take(MAX_DRIVERS) {
        let v = match read_json(&d.path().join("repositories.json")) {
            Ok(v) => v,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                side.push(e);
                continue;
            }
        };
        let Some(repos) = v.get("Repositories").and_then(Value::as_object) else {
            continue;
        };
        for (repo, refs) in repos {
            let Some(refs) = refs.as_object() else {
                continue;
            };
            for (r, id) in refs {
                let Some((_, digest)) = r.split_once('@') else {
                    continue;
                };
                if id.as_str() != Some(image_id) {
                    continue;
                }
                if repo == repository {
                    return digest.to_string();
                }
                if fallback.is_empty() {
                    fallback = digest.to_string();
                }
            }
        }
    }
    fallback
}
