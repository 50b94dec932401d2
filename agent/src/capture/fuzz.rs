//! The body of the `capture_reader` fuzz target (`fuzz/`), kept in the
//! library so `cargo test` runs it too (proptest in
//! `agent/tests/capture_fuzz.rs`) on machines without cargo-fuzz.
//!
//! Owns: the invariants checked on arbitrary bytes: reading never panics,
//! every record the converter emits decodes, and replaying those records
//! through the decoder, process table and a small ruleset never panics.
//! Must never: allocate without bound (decompression is capped).

use super::convert::{Converter, Mode};
use super::replay::{replay, seeded_table};
use super::Capture;
use crate::detect::RulesDetector;
use crate::engine::Ruleset;
use crate::event::decode::Event;
use std::sync::OnceLock;

/// Decompressed bytes a fuzz input may expand to.
const FUZZ_LIMIT: u64 = 16 << 20;

const RULES: &str = r#"
- rule: any_open
  desc: opens
  condition: evt.type in (open, openat) and fd.name startswith /etc
  output: "open %fd.name by %proc.name %proc.cmdline %evt.res"
  priority: WARNING
- rule: exec
  desc: execs
  condition: evt.type = execve and proc.name = cat
  output: "exec %proc.exepath %proc.args"
  priority: NOTICE
"#;

fn detector() -> Option<&'static RulesDetector> {
    static D: OnceLock<Option<RulesDetector>> = OnceLock::new();
    D.get_or_init(|| {
        Ruleset::load_str("fuzz.yaml", RULES)
            .ok()
            .map(RulesDetector::new)
    })
    .as_ref()
}

/// Reads, converts and replays arbitrary bytes; panics only if an
/// invariant above is broken.
pub fn exercise(data: &[u8]) {
    let Ok(cap) = Capture::from_bytes_limited(data.to_vec(), FUZZ_LIMIT) else {
        return;
    };
    for mode in [Mode::EnterAndExit, Mode::ExitOnly] {
        let mut conv = Converter::new(mode);
        for ev in cap.events().flatten() {
            if let Ok(Some(rec)) = conv.convert(&ev) {
                if let Err(e) = Event::parse(&rec) {
                    panic!("converted record of code {} does not decode: {e}", ev.code);
                }
            }
        }
    }
    if let Some(d) = detector() {
        let mut procs = seeded_table(&cap, 1024);
        let sum = replay(&cap, d, &mut procs, Mode::EnterAndExit, |a| {
            let _ = a.output.len();
        });
        assert_eq!(sum.decode_errors, 0, "{sum}");
    }
}
