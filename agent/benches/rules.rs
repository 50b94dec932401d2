//! Events per second through the processing stage (decode, process and fd
//! state, rule evaluation, alert rendering) for Falco's stable ruleset on
//! three event mixes: opens that match no rule, exec-heavy, connect-heavy.
//!
//! One thread, so the numbers are per core. The ruleset is read in place
//! from `../shared/falco/rules/falco_rules.yaml` (override with
//! `LANNER_BENCH_RULES=path[:path...]`). Results are recorded in
//! BENCHMARKS.md with the machine they ran on.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use lanner::detect::RulesDetector;
use lanner::pipeline::process_record;

mod mixes;
use mixes::{mixes, rules, warm_table, MIX_LEN};

fn bench(c: &mut Criterion) {
    let det = RulesDetector::new(rules());
    let mut g = c.benchmark_group("stable_ruleset");
    g.throughput(Throughput::Elements(MIX_LEN as u64));
    for (name, records) in mixes() {
        // Every record must decode; a bench over rejected records would
        // measure nothing.
        let mut procs = warm_table(&det);
        let alerts = records
            .iter()
            .map(|r| process_record(r, &det, &mut procs).expect("record decodes"))
            .filter(Option::is_some)
            .count();
        eprintln!("mix {name}: {MIX_LEN} events, {alerts} alerts");
        g.bench_function(name, |b| {
            b.iter_batched_ref(
                || warm_table(&det),
                |procs| {
                    for r in &records {
                        let _ = std::hint::black_box(process_record(r, &det, procs));
                    }
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
