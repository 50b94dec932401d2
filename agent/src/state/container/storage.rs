//! cri-o and podman state in containers/storage: the bundle spec
//! `<storage root>/overlay-containers/<id>/userdata/config.json` (graph root
//! `/var/lib/containers/storage` or run root `/run/containers/storage`) and
//! the graph root's `overlay-containers/containers.json` (names, image,
//! creation time). cri-o is told apart from podman by its
//! `io.kubernetes.cri-o.*` annotations; its pod labels come from the sandbox's
//! spec (`io.kubernetes.cri-o.SandboxID`). Podman's labels live in its own
//! database (not read): empty. Rootless podman (under `$HOME`) is out of scope.
//! Must never: read more than the three bounded files above per container.

use super::oci::parse_spec;
use super::read::{parse_rfc3339, read_json, str_at, MetaError};
use super::{ContainerInfo, RuntimeKind};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CRIO: &str = "io.kubernetes.cri-o.";

fn spec_path(root: &Path, id: &str) -> PathBuf {
    root.join("overlay-containers")
        .join(id)
        .join("userdata")
        .join("config.json")
}

/// The first readable spec of `id` under the roots (not-found skipped).
fn read_spec(roots: &[PathBuf], id: &str) -> Result<Value, MetaError> {
    let mut last = MetaError::NotFound(spec_path(roots.first().map_or(Path::new(""), |p| p), id));
    for root in roots {
        match read_json(&spec_path(root, id)) {
            Ok(v) => return Ok(v),
            Err(e) if e.is_not_found() => {}
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A label map stored as a JSON string inside an annotation.
fn json_labels(a: &BTreeMap<String, String>, key: &str) -> BTreeMap<String, String> {
    a.get(key)
        .and_then(|s| serde_json::from_str::<BTreeMap<String, Value>>(s).ok())
        .map(|m| {
            m.into_iter()
                .filter_map(|(k, v)| Some((k, v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads one cri-o or podman container: cri-o when its annotations say so or
/// `hint` is `CriO`, podman otherwise.
pub(crate) fn read(
    roots: &[PathBuf],
    full_id: &str,
    hint: RuntimeKind,
    side: &mut Vec<MetaError>,
) -> Result<ContainerInfo, MetaError> {
    let spec = parse_spec(&read_spec(roots, full_id)?);
    let a = &spec.annotations;
    let is_crio = a.keys().any(|k| k.starts_with(CRIO)) || hint == RuntimeKind::CriO;
    let kind = if is_crio {
        RuntimeKind::CriO
    } else {
        RuntimeKind::Podman
    };
    let mut c = ContainerInfo::bare(full_id.to_string(), kind);
    spec.apply(&mut c);
    if let Some(entry) = containers_json_entry(roots, full_id, side) {
        apply_storage_entry(&mut c, &entry);
    }
    if is_crio {
        apply_crio(&mut c, a, roots, side);
    }
    Ok(c)
}

/// Name, image and creation time from containers.json's entry for `id`.
fn apply_storage_entry(c: &mut ContainerInfo, e: &Value) {
    if let Some(n) = e
        .get("names")
        .and_then(Value::as_array)
        .and_then(|n| n.first())
    {
        c.name = n.as_str().unwrap_or("").to_string();
    }
    if let Some(img) = str_at(e, &["image"]) {
        c.set_image_id(img);
    }
    let meta: Value = str_at(e, &["metadata"])
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    if let Some(n) = str_at(&meta, &["name"]).filter(|s| !s.is_empty()) {
        c.name = n.to_string();
    }
    if let Some(img) = str_at(&meta, &["image-name"]) {
        c.set_image(img);
    }
    c.start_ts = str_at(e, &["created"]).and_then(parse_rfc3339).or_else(|| {
        let secs = meta.get("created-at")?.as_u64()?;
        secs.checked_mul(1_000_000_000)
    });
}

/// The containers.json entry of `id` in the first root that has the file.
fn containers_json_entry(roots: &[PathBuf], id: &str, side: &mut Vec<MetaError>) -> Option<Value> {
    for root in roots {
        let path = root.join("overlay-containers").join("containers.json");
        match read_json(&path) {
            Ok(Value::Array(list)) => {
                return list.into_iter().find(|e| str_at(e, &["id"]) == Some(id));
            }
            Ok(_) => side.push(MetaError::Json(path, "not an array".into())),
            Err(e) if e.is_not_found() => {}
            Err(e) => side.push(e),
        }
    }
    None
}

/// cri-o's annotations: k8s container name, pod, image, creation, labels.
fn apply_crio(
    c: &mut ContainerInfo,
    a: &BTreeMap<String, String>,
    roots: &[PathBuf],
    side: &mut Vec<MetaError>,
) {
    let labels = json_labels(a, "io.kubernetes.cri-o.Labels");
    let get = |k: &str| {
        a.get(k)
            .or_else(|| labels.get(k))
            .filter(|s| !s.is_empty())
            .cloned()
    };
    if let Some(n) = get("io.kubernetes.container.name").or_else(|| get("io.kubernetes.cri-o.Name"))
    {
        c.name = n;
    }
    if let Some(img) = get("io.kubernetes.cri-o.ImageName") {
        c.set_image(&img);
    }
    if let Some(id) = get("io.kubernetes.cri-o.ImageRef") {
        if split_is_id(&id) {
            c.set_image_id(&id);
        }
    }
    if let Some(ts) = get("io.kubernetes.cri-o.Created")
        .as_deref()
        .and_then(parse_rfc3339)
    {
        c.start_ts = Some(ts);
    }
    c.k8s_pod_name = get("io.kubernetes.pod.name");
    c.k8s_ns_name = get("io.kubernetes.pod.namespace");
    c.k8s_pod_uid = get("io.kubernetes.pod.uid");
    c.sandbox_id = get("io.kubernetes.cri-o.SandboxID");
    c.labels = labels;
    let sandbox = a
        .get("io.kubernetes.cri-o.SandboxID")
        .filter(|s| s.as_str() != c.full_id);
    if let Some(sid) = sandbox.filter(|s| super::image::is_hex(s)) {
        match read_spec(roots, sid) {
            Ok(v) => {
                let sa = parse_spec(&v).annotations;
                c.k8s_pod_labels = json_labels(&sa, "io.kubernetes.cri-o.Labels");
            }
            Err(e) if e.is_not_found() => {}
            Err(e) => side.push(e),
        }
    } else if a
        .get("io.kubernetes.cri-o.ContainerType")
        .map(String::as_str)
        == Some("sandbox")
    {
        c.k8s_pod_labels = c.labels.clone();
    }
}

/// `sha256:<hex>` or bare hex (not a `repo@sha256:` reference).
fn split_is_id(s: &str) -> bool {
    super::image::is_hex(s.strip_prefix("sha256:").unwrap_or(s))
}
