//! Docker's on-disk state: `<root>/containers/<id>/config.v2.json` (name,
//! image, image id, labels, creation time, mount points, addresses),
//! `hostconfig.json` (privileged, host namespaces), and the image's
//! repository, tag and digest from `<root>/image/<driver>/repositories.json`
//! (what docker's API reports as RepoTags/RepoDigests). Also k8s pod identity
//! from the dockershim labels `io.kubernetes.pod.*`.
//! Like Falco's plugin, `start_ts` is the container's `Created` time in whole
//! seconds (`State.StartedAt` when `Created` is absent).
//! Must never: write there or read beyond the bounded files above.

use super::image::split_image_ref;
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
    let image_id = str_at(&v, &["Image"]).unwrap_or("");
    c.set_image_id(image_id);
    c.set_image(str_at(&v, &["Config", "Image"]).unwrap_or(""));
    c.labels = string_map(v.pointer("/Config/Labels"));
    let created = str_at(&v, &["Created"]).and_then(parse_rfc3339);
    c.start_ts = created
        .map(|ns| ns - ns % 1_000_000_000)
        .or_else(|| str_at(&v, &["State", "StartedAt"]).and_then(parse_rfc3339));
    c.mounts = mount_points(v.get("MountPoints"));
    c.ip = ip_of(&v);
    c.k8s_pod_name = c.labels.get("io.kubernetes.pod.name").cloned();
    c.k8s_ns_name = c.labels.get("io.kubernetes.pod.namespace").cloned();
    c.k8s_pod_uid = c.labels.get("io.kubernetes.pod.uid").cloned();
    c.sandbox_id = c.labels.get("io.kubernetes.sandbox.id").cloned();
    match read_json(&dir.join("hostconfig.json")) {
        Ok(h) => {
            c.privileged = h.get("Privileged").and_then(Value::as_bool);
            let host = |k: &str| h.get(k).and_then(Value::as_str).map(|m| m == "host");
            c.host_network = host("NetworkMode");
            c.host_pid = host("PidMode");
            c.host_ipc = host("IpcMode");
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => side.push(e),
    }
    if !image_id.is_empty() {
        apply_repositories(&mut c, root, image_id, side);
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

/// Tags (`repo:tag`) and digests (`repo@digest`) docker records for one image.
#[derive(Default)]
struct RepoRefs {
    tags: Vec<(String, String)>,
    digests: Vec<(String, String)>,
}

fn repo_refs(root: &Path, image_id: &str, side: &mut Vec<MetaError>) -> RepoRefs {
    let mut out = RepoRefs::default();
    let Ok(drivers) = std::fs::read_dir(root.join("image")) else {
        return out;
    };
    for d in drivers.flatten().take(MAX_DRIVERS) {
        let path = d.path().join("repositories.json");
        let v = match read_json(&path) {
            Ok(v) => v,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                side.push(e);
                continue;
            }
        };
        let Some(repos) = v.get("Repositories").and_then(Value::as_object) else {
            side.push(MetaError::Json(path, "no Repositories object".into()));
            continue;
        };
        for (repo, refs) in repos {
            let Some(refs) = refs.as_object() else {
                continue;
            };
            for (r, _) in refs.iter().filter(|(_, id)| id.as_str() == Some(image_id)) {
                if let Some((_, digest)) = r.split_once('@') {
                    out.digests.push((repo.clone(), digest.to_string()));
                } else {
                    let tag = split_image_ref(r).tag;
                    out.tags.push((repo.clone(), tag));
                }
            }
        }
    }
    out
}

/// Repository, tag and digest as docker's API reports them: the repository of
/// the container's image reference when docker knows it for this image, else
/// the first with a digest, else the first tagged; the reference's own parts
/// when docker has nothing (image removed, or state from another driver).
fn apply_repositories(
    c: &mut ContainerInfo,
    root: &Path,
    image_id: &str,
    side: &mut Vec<MetaError>,
) {
    let refs = repo_refs(root, image_id, side);
    let known = |r: &str| {
        refs.digests
            .iter()
            .chain(&refs.tags)
            .any(|(repo, _)| repo == r)
    };
    let repo = if known(&c.image_repository) {
        c.image_repository.clone()
    } else if let Some((r, _)) = refs.digests.first().or(refs.tags.first()) {
        r.clone()
    } else {
        return;
    };
    if let Some((_, t)) = refs.tags.iter().find(|(r, _)| *r == repo) {
        c.image_tag.clone_from(t);
    }
    let digest = refs.digests.iter().find(|(r, _)| *r == repo);
    if let Some((_, d)) = digest.or(if refs.digests.len() == 1 {
        refs.digests.first()
    } else {
        None
    }) {
        c.image_digest.clone_from(d);
    }
    c.image_repository = repo;
}
