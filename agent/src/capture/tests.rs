//! Reading the committed upstream captures end to end.

use super::*;
use std::collections::BTreeMap;

fn path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/falco/captures")
        .join(name)
}

fn counts(cap: &Capture) -> BTreeMap<u16, u64> {
    let mut m = BTreeMap::new();
    for e in cap.events() {
        *m.entry(e.unwrap().code).or_default() += 1;
    }
    m
}

#[test]
fn cat_write_reads_fully() {
    let cap = Capture::open(&path("cat_write.scap")).unwrap();
    assert!(cap.errors.is_empty(), "{:?}", cap.errors);
    assert_eq!(cap.event_blocks, 345);
    let c = counts(&cap);
    eprintln!("cat_write codes: {c:?}");
    assert_eq!(c.values().sum::<u64>(), 345);
    // 4 opens, each an enter and an exit (old 4-parameter exit).
    assert_eq!(c.get(&2), Some(&4));
    assert_eq!(c.get(&3), Some(&4));
    assert!(!cap.procs.is_empty());
    assert!(cap.machine.is_some());
}
