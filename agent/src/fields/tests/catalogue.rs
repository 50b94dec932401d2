//! Catalogue-wide checks: every field answered by some event, names,
//! types and flags as libsinsp and the container plugin define them, and
//! random records never panicking state updates or fields.

use super::*;
use crate::engine::catalog::Field;
use crate::engine::field::FieldFlags;
use crate::engine::{FieldArg, FieldType, Value};
use std::collections::BTreeSet;

/// A suitable argument for fields that need one.
fn arg_for(f: Field) -> FieldArg {
    let key = |s: &str| FieldArg::Key(s.into());
    match f {
        Field::EvtArg | Field::EvtRawarg => key("fd"),
        Field::EvtAbspath => key("src"),
        Field::EvtTypeIs => key("openat"),
        Field::ThreadCgroup => key("cpu"),
        Field::ContainerLabel | Field::K8sPodLabel => key("app"),
        _ if f.info().flags.has(FieldFlags::ARG_REQUIRED) => FieldArg::Index(0),
        _ => FieldArg::None,
    }
}

#[test]
fn every_catalogue_field_is_answered_by_some_event() {
    let (mut p, _d) = world();
    let mut missing: BTreeSet<Field> = Field::ALL.iter().copied().collect();
    let container = custom_container();
    for r in scenario() {
        let ev = Event::parse(&r).unwrap();
        p.apply_pre(&ev);
        let f = EventFields::new(&ev, &p).with_container(container.clone());
        missing.retain(|field| {
            let fr = FieldRef {
                id: field.id(),
                arg: arg_for(*field),
            };
            f.value(&fr).is_none()
        });
        p.apply_post(&ev);
    }
    let names: Vec<&str> = missing.iter().map(|f| f.name()).collect();
    assert!(names.is_empty(), "fields never answered: {names:?}");
}

/// libsinsp type name -> lanner type.
fn sinsp_type(t: &str) -> FieldType {
    match t {
        "PT_CHARBUF" | "PT_FSPATH" | "PT_FSRELPATH" | "PT_DYN" | "string" => FieldType::Str,
        "PT_BOOL" | "bool" => FieldType::Bool,
        "PT_BYTEBUF" => FieldType::Bytes,
        "PT_IPADDR" => FieldType::Ip,
        "PT_IPNET" => FieldType::Net,
        "PT_DOUBLE" => FieldType::Double,
        _ => FieldType::Int,
    }
}

#[test]
fn catalogue_agrees_with_libsinsp_and_the_container_plugin() {
    let Some(fields) = crate::testdata::upstream("cases/libsinsp_fields.json") else {
        return;
    };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/cases/");
    let json = std::fs::read_to_string(fields).unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut reference: BTreeMap<String, (FieldType, FieldFlags)> = BTreeMap::new();
    let epf = [
        ("EPF_ARG_REQUIRED", FieldFlags::ARG_REQUIRED),
        ("EPF_ARG_ALLOWED", FieldFlags::ARG_ALLOWED),
        ("EPF_NO_RHS", FieldFlags::NO_RHS),
        ("EPF_NO_TRANSFORMER", FieldFlags::NO_TRANSFORMER),
        ("EPF_IS_LIST", FieldFlags::IS_LIST),
        ("EPF_FILTER_ONLY", FieldFlags::FILTER_ONLY),
        ("EPF_DEPRECATED", FieldFlags::DEPRECATED),
    ];
    for e in &list {
        let (name, ty, flags) = (
            e["name"].as_str().unwrap(),
            e["type"].as_str().unwrap(),
            e["flags"].as_str().unwrap(),
        );
        let mut ff = FieldFlags::NONE;
        for (n, f) in epf {
            if flags.split('|').any(|x| x == n) {
                ff = ff | f;
            }
        }
        reference.insert(name.to_string(), (sinsp_type(ty), ff));
    }
    let txt = std::fs::read_to_string(format!("{dir}container_plugin_fields.txt")).unwrap();
    for line in txt.lines() {
        let cols: Vec<&str> = line
            .split('|')
            .map(|c| c.trim().trim_matches('`'))
            .collect();
        if cols.len() < 4 || !cols[1].contains('.') {
            continue;
        }
        let ff = if cols[3].contains("Required") {
            FieldFlags::ARG_REQUIRED
        } else {
            FieldFlags::NONE
        };
        reference.insert(cols[1].to_string(), (sinsp_type(cols[2]), ff));
    }
    let mask = epf.iter().fold(FieldFlags::NONE, |a, (_, f)| a | *f);
    for f in Field::ALL {
        let info = f.info();
        let (ty, flags) = reference
            .get(info.name)
            .unwrap_or_else(|| panic!("{} is not a Falco field", info.name));
        assert_eq!(info.ty, *ty, "type of {}", info.name);
        assert_eq!(
            FieldFlags(info.flags.0 & mask.0),
            *flags,
            "flags of {}",
            info.name
        );
        assert!(!info.desc.is_empty(), "{} has no description", info.name);
    }
    // Everything the upstream rule files name resolves.
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/falco/rules/");
    for must in [
        "proc.aname",
        "fd.sip.name",
        "container.mount.dest",
        "evt.is_open_exec",
        "thread.cap_permitted",
    ] {
        assert!(
            catalog::syscall().fields().iter().any(|i| i.name == must),
            "{must}"
        );
    }
    assert!(std::path::Path::new(rules).exists());
}

/// Every field of an event, with a plausible argument.
fn all_values(f: &EventFields<'_, '_>) -> usize {
    let mut n = 0;
    for field in Field::ALL {
        for arg in [
            arg_for(*field),
            FieldArg::Index(2),
            FieldArg::Key("x".into()),
        ] {
            n += usize::from(
                f.value(&FieldRef {
                    id: field.id(),
                    arg,
                })
                .is_some(),
            );
        }
    }
    n
}

proptest::proptest! {
    /// Records of any known event with random parameter bytes, applied to
    /// a populated table: state updates and every field never panic.
    #[test]
    fn random_records_never_panic_state_or_fields(
        recs in proptest::collection::vec(
            (proptest::num::usize::ANY,
             proptest::sample::select(vec![1i64, 100, 200, 300, 301, 9999]),
             proptest::collection::vec(
                 proptest::collection::vec(proptest::num::u8::ANY, 0..24), 0..32)),
            1..12),
    ) {
        let (mut p, _d) = world();
        for r in scenario() {
            let ev = Event::parse(&r).unwrap();
            p.apply_pre(&ev);
            p.apply_post(&ev);
        }
        let evs: Vec<_> = abi::events().collect();
        for (pick, tid, params) in recs {
            let info = evs[pick % evs.len()];
            let mut ps: Vec<&[u8]> = params.iter().map(Vec::as_slice).take(info.params.len()).collect();
            while ps.len() < info.params.len() {
                ps.push(&[]);
            }
            let r = record(u32::from(info.code), 1, tid as u64, &ps);
            if let Ok(ev) = Event::parse(&r) {
                p.apply_pre(&ev);
                let f = EventFields::new(&ev, &p);
                let _ = all_values(&f);
                p.apply_post(&ev);
            }
        }
    }
}

#[test]
fn common_string_fields_borrow_instead_of_allocating() {
    at_event(abi::PPME_SYSCALL_OPENAT_2_X, 0, |f| {
        for name in [
            "evt.type",
            "proc.name",
            "proc.exe",
            "proc.exepath",
            "proc.cmdline",
            "proc.args",
            "proc.pname",
            "proc.pcmdline",
            "proc.aname[2]",
            "proc.cwd",
            "fd.name",
            "fd.directory",
            "fd.filename",
            "fd.typechar",
            "user.name",
            "container.id",
        ] {
            match f.value(&fref(name)) {
                Some(Value::Str(std::borrow::Cow::Borrowed(_))) => {}
                other => panic!("{name}: {other:?}"),
            }
        }
    });
}
