//! The processing stage's cost in instructions per event, for machines
//! where wall-clock benchmarks are noisy (shared CI runners, VMs): each mix
//! of `mixes` runs once through `process_record` on a warm table, inside
//! `run_mix`, which `make bench-ir` measures with callgrind's
//! `--toggle-collect` (instruction counts repeat exactly for the same
//! binary and inputs, whatever else the machine does).
//!
//! Run directly, it prints the wall time per event of one pass (a rough
//! figure; `make bench` is the real timing benchmark).

use lanner::detect::RulesDetector;
use lanner::pipeline::process_record;
use lanner::state::ProcTable;

mod mixes;
use mixes::{mixes, rules, warm_table};

/// One pass of `records`; the function callgrind counts.
#[inline(never)]
fn run_mix(records: &[Vec<u8>], det: &RulesDetector, procs: &mut ProcTable) {
    for r in records {
        let _ = std::hint::black_box(process_record(r, det, procs));
    }
}

fn main() {
    // `cargo bench` passes --bench; any other argument names mixes to run.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let det = RulesDetector::new(rules());
    for (name, records) in mixes() {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let mut procs = warm_table(&det);
        let t = std::time::Instant::now();
        run_mix(&records, &det, &mut procs);
        let per = t.elapsed() / records.len() as u32;
        println!("mix {name}: {} events, {per:?}/event", records.len());
    }
}
