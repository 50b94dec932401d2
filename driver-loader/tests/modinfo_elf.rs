//! `.modinfo` read from an ELF image built here (no tool, no real module),
//! in both byte orders and widths; garbage never panics.

use lanner_driver_loader::modinfo::{parse, section};
use std::path::Path;

mod common;
use common::{elf, MODINFO};

#[test]
fn modinfo_fields_are_read_from_the_elf_section() {
    for (is64, le) in [(true, true), (true, false), (false, true), (false, false)] {
        let img = elf(MODINFO, is64, le);
        let mi = parse(&img).unwrap_or_else(|e| panic!("{is64} {le}: {e}"));
        assert_eq!(mi.name.as_deref(), Some("lanner"));
        assert_eq!(mi.version.as_deref(), Some("0.1.0"));
        assert_eq!(mi.abi_version.as_deref(), Some("1.0.0"));
        assert_eq!(mi.schema_version.as_deref(), Some("4.5.1"));
        assert_eq!(mi.srcversion.as_deref(), Some("0123456789ABCDEF"));
        assert_eq!(mi.vermagic_release(), Some("6.1.0-18-amd64"));
        assert!(!mi.signed);
    }
}

#[test]
fn an_appended_signature_is_seen() {
    let mut img = elf(MODINFO, true, true);
    img.extend_from_slice(&[0u8; 40]);
    img.extend_from_slice(b"~Module signature appended~\n");
    assert!(parse(&img).unwrap().signed);
}

#[test]
fn bad_images_are_errors_not_panics() {
    assert!(parse(b"").is_err());
    assert!(parse(b"#!/bin/sh\n")
        .unwrap_err()
        .to_string()
        .contains("not an ELF"));
    let img = elf(MODINFO, true, true);
    for cut in [5, 20, 64, 100, img.len() - 10] {
        let _ = parse(&img[..cut]);
    }
    let mut flipped = img.clone();
    for i in (0..flipped.len()).step_by(7) {
        flipped[i] ^= 0xa5;
        let _ = parse(&flipped);
    }
    // A module without .modinfo.
    let mut no = elf(MODINFO, true, true);
    let at = no.windows(8).position(|w| w == b".modinfo").unwrap();
    no[at + 1] = b'X';
    assert!(section(&no, ".modinfo")
        .unwrap_err()
        .to_string()
        .contains("no .modinfo"));
}

/// Modules built by the guest-kernel harness (`build/vm/<k>/lanner.ko`),
/// when present: their `.modinfo` matches the ABI header and the kernel
/// they were built for. Nothing is required to exist.
#[test]
fn harness_built_modules_if_any_parse() {
    let vm = Path::new(env!("CARGO_MANIFEST_DIR")).join("../build/vm");
    let Ok(dirs) = std::fs::read_dir(&vm) else {
        return;
    };
    let want = format!(
        "{}.{}.{}",
        lanner_abi::LANNER_ABI_VERSION_MAJOR,
        lanner_abi::LANNER_ABI_VERSION_MINOR,
        lanner_abi::LANNER_ABI_VERSION_PATCH
    );
    for d in dirs.flatten() {
        let ko = d.path().join("lanner.ko");
        let Ok(kernel) = std::fs::read_to_string(d.path().join("kernel.txt")) else {
            continue;
        };
        if !ko.is_file() {
            continue;
        }
        let mi = lanner_driver_loader::modinfo::read(&ko).unwrap();
        assert_eq!(mi.name.as_deref(), Some("lanner"), "{}", ko.display());
        assert_eq!(mi.abi_version.as_deref(), Some(want.as_str()));
        assert_eq!(mi.vermagic_release(), Some(kernel.trim()));
        assert!(mi.srcversion.is_some());
    }
}
