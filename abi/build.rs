//! Generates Rust bindings for `abi/lanner_abi.h` and compiles the event
//! table so the agent reads the same definitions the kernel module uses.
use std::{env, path::PathBuf};

fn main() {
    let header = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("lanner_abi.h");
    println!("cargo:rerun-if-changed={}", header.display());
    println!("cargo:rerun-if-changed=src/event_table.c");
    let common = header
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("driver-common");
    println!(
        "cargo:rerun-if-changed={}",
        common.join("lanner_sys_events.h").display()
    );

    cc::Build::new()
        .file("src/event_table.c")
        .include(header.parent().unwrap())
        .include(&common)
        .warnings(true)
        .compile("lanner_abi_table");

    let bindings = bindgen::Builder::default()
        .header(header.to_str().unwrap())
        .header_contents(
            "exports.h",
            "extern const struct lanner_event_info *const lanner_events;\n\
             extern const unsigned int lanner_events_len;\n\
             extern const char *const *const lanner_sc_names_ptr;\n\
             extern const unsigned int lanner_sc_names_len;\n\
             extern const char *lanner_filler_family(unsigned int i);\n\
             extern const unsigned int lanner_filler_families_len;\n",
        )
        .allowlist_item("lanner.*|LANNER.*|PPM.*|PT_.*|PF_.*|EF_.*|EC_.*|ppm_.*")
        .default_enum_style(bindgen::EnumVariation::Consts)
        .prepend_enum_name(false)
        .derive_default(true)
        .derive_partialeq(true)
        .derive_eq(true)
        .layout_tests(true)
        .clang_macro_fallback()
        .generate()
        .expect("bindgen failed on abi/lanner_abi.h");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("bindings.rs");
    bindings.write_to_file(out).expect("write bindings");
}
