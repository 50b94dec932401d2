//! What `lanner list-fields` and `lanner list-events` print: the field
//! catalogue and the event table, as text, Markdown or JSON.
//!
//! Owns: the presentation of catalogues to users (Falco's `--list` and
//! `--list-events` equivalents).
//! Must never: define a field or an event; everything printed comes from
//! the engine's catalogue and the ABI's event table.

use crate::engine::field::{Catalog, FieldFlags, FieldInfo};
use lanner_abi as abi;
use serde_json::json;

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Markdown,
    Json,
}

fn arg_kind(f: &FieldInfo) -> &'static str {
    if f.flags.has(FieldFlags::ARG_REQUIRED) {
        "required"
    } else if f.flags.has(FieldFlags::ARG_ALLOWED) {
        "allowed"
    } else {
        "none"
    }
}

fn notes(f: &FieldInfo) -> Vec<&'static str> {
    let mut v = Vec::new();
    for (flag, text) in [
        (FieldFlags::ANCESTOR, "any ancestor without [N]"),
        (FieldFlags::ARG_INDEX, "numeric [N]"),
        (FieldFlags::IS_LIST, "list"),
        (FieldFlags::FILTER_ONLY, "conditions only"),
        (FieldFlags::NO_RHS, "not as val()"),
        (FieldFlags::NO_TRANSFORMER, "no transformers"),
        (FieldFlags::DEPRECATED, "deprecated"),
    ] {
        if f.flags.has(flag) {
            v.push(text);
        }
    }
    v
}

/// The notes as a parenthesised suffix (empty when there are none).
fn notes_suffix(f: &FieldInfo) -> String {
    let n = notes(f);
    if n.is_empty() {
        String::new()
    } else {
        format!(" ({})", n.join(", "))
    }
}

/// The fields of `cat` whose name starts with `prefix` (all for "").
pub fn fields(cat: &dyn Catalog, prefix: &str, format: ListFormat) -> String {
    let fs: Vec<&FieldInfo> = cat
        .fields()
        .iter()
        .filter(|f| f.name.starts_with(prefix))
        .collect();
    match format {
        ListFormat::Json => {
            let v: Vec<_> = fs
                .iter()
                .map(|f| {
                    json!({
                        "name": f.name,
                        "type": f.ty.name(),
                        "arg": arg_kind(f),
                        "notes": notes(f),
                        "desc": f.desc,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&json!({ "syscall": v }))
                .unwrap_or_else(|_| "{}".into());
            s.push('\n');
            s
        }
        ListFormat::Markdown => {
            let mut s =
                String::from("| field | type | argument | description |\n|---|---|---|---|\n");
            for f in fs {
                let extra = notes_suffix(f);
                s.push_str(&format!(
                    "| `{}` | {} | {} | {}{} |\n",
                    f.name,
                    f.ty.name(),
                    arg_kind(f),
                    f.desc.replace('|', "\\|"),
                    extra
                ));
            }
            s
        }
        ListFormat::Text => {
            let w = fs.iter().map(|f| f.name.len()).max().unwrap_or(0);
            let mut s = format!("Event source: syscall ({} fields)\n\n", fs.len());
            for f in fs {
                let arg = match arg_kind(f) {
                    "required" => "[ARG] ",
                    "allowed" => "[arg] ",
                    _ => "",
                };
                let extra = notes_suffix(f);
                s.push_str(&format!(
                    "{:<w$}  {:<7} {arg}{}{extra}\n",
                    f.name,
                    f.ty.name(),
                    f.desc
                ));
            }
            s
        }
    }
}

/// The name of a parameter type as Falco prints it (`FD`, `CHARBUF`).
pub fn ptype_name(t: u32) -> &'static str {
    match t {
        abi::PT_INT8 => "INT8",
        abi::PT_INT16 => "INT16",
        abi::PT_INT32 => "INT32",
        abi::PT_INT64 => "INT64",
        abi::PT_UINT8 => "UINT8",
        abi::PT_UINT16 => "UINT16",
        abi::PT_UINT32 => "UINT32",
        abi::PT_UINT64 => "UINT64",
        abi::PT_CHARBUF => "CHARBUF",
        abi::PT_BYTEBUF => "BYTEBUF",
        abi::PT_ERRNO => "ERRNO",
        abi::PT_SOCKADDR => "SOCKADDR",
        abi::PT_SOCKTUPLE => "SOCKTUPLE",
        abi::PT_FD => "FD",
        abi::PT_PID => "PID",
        abi::PT_FDLIST => "FDLIST",
        abi::PT_FSPATH => "FSPATH",
        abi::PT_SYSCALLID => "SYSCALLID",
        abi::PT_SIGTYPE => "SIGTYPE",
        abi::PT_RELTIME => "RELTIME",
        abi::PT_ABSTIME => "ABSTIME",
        abi::PT_PORT => "PORT",
        abi::PT_L4PROTO => "L4PROTO",
        abi::PT_SOCKFAMILY => "SOCKFAMILY",
        abi::PT_BOOL => "BOOL",
        abi::PT_IPV4ADDR => "IPV4ADDR",
        abi::PT_DYN => "DYN",
        abi::PT_FLAGS8 => "FLAGS8",
        abi::PT_FLAGS16 => "FLAGS16",
        abi::PT_FLAGS32 => "FLAGS32",
        abi::PT_UID => "UID",
        abi::PT_GID => "GID",
        abi::PT_DOUBLE => "DOUBLE",
        abi::PT_SIGSET => "SIGSET",
        abi::PT_MODE => "MODE",
        abi::PT_FSRELPATH => "FSRELPATH",
        abi::PT_ENUMFLAGS8 => "ENUMFLAGS8",
        abi::PT_ENUMFLAGS16 => "ENUMFLAGS16",
        abi::PT_ENUMFLAGS32 => "ENUMFLAGS32",
        abi::PT_FD32 => "FD32",
        abi::PT_PID32 => "PID32",
        _ => "UNKNOWN",
    }
}

/// Every event lanner's drivers emit (all exit events: lanner's records
/// follow Falco's drop-enter model), with their parameters, plus the
/// syscalls that arrive as generic events (`syscall.type`).
pub fn events(format: ListFormat) -> String {
    let evs: Vec<&abi::EventInfo> = abi::events().collect();
    let sig = |e: &abi::EventInfo| {
        let ps: Vec<String> = e
            .params
            .iter()
            .map(|p| format!("{} {}", ptype_name(p.ptype), p.name))
            .collect();
        format!("{}({})", e.name, ps.join(", "))
    };
    let generic: Vec<&str> = crate::source::syscalls::SYSCALLS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !evs.iter().any(|e| e.name == *n))
        .collect();
    match format {
        ListFormat::Json => {
            let v: Vec<_> = evs
                .iter()
                .map(|e| {
                    json!({
                        "code": e.code,
                        "name": e.name,
                        "dir": "<",
                        "params": e.params.iter().map(|p| json!({
                            "name": p.name, "type": ptype_name(p.ptype)
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&json!({
                "events": v,
                "generic_syscalls": generic,
            }))
            .unwrap_or_else(|_| "{}".into());
            s.push('\n');
            s
        }
        ListFormat::Markdown => {
            let mut s = String::from("| code | event |\n|---|---|\n");
            for e in &evs {
                s.push_str(&format!("| {} | `< {}` |\n", e.code, sig(e)));
            }
            s.push_str(&format!(
                "\nSyscalls delivered as generic events: {}\n",
                generic.join(", ")
            ));
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for e in &evs {
                s.push_str(&format!("< {}\n", sig(e)));
            }
            s.push_str(&format!(
                "\nSyscalls delivered as generic events (evt.type = their name): {}\n",
                generic.join(" ")
            ));
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog;

    #[test]
    fn field_listing_covers_the_catalogue() {
        let cat = catalog::syscall();
        let text = fields(cat, "", ListFormat::Text);
        for f in cat.fields() {
            assert!(text.contains(f.name), "{}", f.name);
        }
        let j: serde_json::Value =
            serde_json::from_str(&fields(cat, "proc.", ListFormat::Json)).unwrap();
        let list = j["syscall"].as_array().unwrap();
        assert!(!list.is_empty());
        assert!(list
            .iter()
            .all(|f| f["name"].as_str().unwrap().starts_with("proc.")));
        assert!(fields(cat, "fd.", ListFormat::Markdown).starts_with("| field |"));
    }

    #[test]
    fn event_listing_has_signatures_and_generic_syscalls() {
        let text = events(ListFormat::Text);
        assert!(
            text.contains("< openat(FD fd, FD dirfd, FSRELPATH name"),
            "{text}"
        );
        assert!(text.contains(" getppid"));
        let j: serde_json::Value = serde_json::from_str(&events(ListFormat::Json)).unwrap();
        assert!(j["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "execve"));
    }
}
