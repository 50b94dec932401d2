//! Unit tests' access to the upstream Falco material kept beside the
//! project (`../shared/falco`, read in place, never copied in).
//!
//! Owns: finding a file there, or saying loudly that the test checked
//! nothing because the data is absent (a clone without the shared tree).
//! Must never: be compiled outside tests.

use std::path::PathBuf;

/// `../shared/falco/<rel>` if it exists; otherwise prints why the calling
/// test checks nothing and returns `None`.
pub(crate) fn upstream(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/falco")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    let msg = format!(
        "\n!!!!!!!! UPSTREAM TEST DATA ABSENT: {}\n!!!!!!!! this test checked NOTHING\n",
        p.display()
    );
    println!("{msg}");
    eprintln!("{msg}");
    None
}
