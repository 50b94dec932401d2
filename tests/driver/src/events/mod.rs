//! One test per event type lanner emits, grouped by family.
//!
//! Owns: the registry of tests (`all`) and `calls`, the common shape of a
//! check: the records of one event from one thread, in call order, each
//! compared with the full parameter list the test expects.
//! Must never: share state between tests (each captures its own records)
//! or depend on the order tests run in.

use crate::expect::{expect, Want};
use crate::harness::{event_name, Capture, Ctx};
use lanner::event::decode::Event;

/// Runs a capture or reports the setup failure and returns from the test.
macro_rules! captured {
    ($ctx:ident, $name:expr, $events:expr, $body:expr) => {
        match $ctx.capture($events, false, $body) {
            Ok(v) => v,
            Err(e) => return super::setup_failed($ctx, $name, e),
        }
    };
}

pub mod cred;
pub mod dirs;
pub mod exec;
pub mod fd;
pub mod file;
pub mod fs;
pub mod fsattr;
pub mod misc;
pub mod net;
pub mod netaddr;
pub mod netio;
pub mod ns;
pub mod process;
pub mod signal;

/// A named test.
pub struct Test {
    pub name: &'static str,
    pub run: fn(&mut Ctx<'_>),
}

/// Every event test, in a stable order.
pub fn all() -> Vec<&'static Test> {
    [
        file::TESTS,
        fd::TESTS,
        fs::TESTS,
        dirs::TESTS,
        fsattr::TESTS,
        net::TESTS,
        netaddr::TESTS,
        netio::TESTS,
        cred::TESTS,
        process::TESTS,
        exec::TESTS,
        signal::TESTS,
        ns::TESTS,
        misc::TESTS,
    ]
    .iter()
    .flat_map(|t| t.iter())
    .collect()
}

/// Records of `code` from `tid`, in order; undecodable ones as errors.
pub fn seq<'c>(cap: &'c Capture, code: u32, tid: i64) -> Vec<Result<Event<'c>, String>> {
    cap.records
        .iter()
        .filter(|r| {
            r.len() >= 24
                && u16::from_le_bytes([r[20], r[21]]) as u32 == code
                && i64::from_le_bytes(r[8..16].try_into().unwrap()) == tid
        })
        .map(|r| Event::parse(r).map_err(|e| format!("record does not decode: {e}")))
        .collect()
}

/// `tid` argument of `calls` meaning "this process's main thread".
pub const ME: i64 = 0;

/// One expected call: check-name suffix and the full parameter list.
pub type Call<'a> = (&'a str, Vec<(&'a str, Want)>);

/// Checks that thread `tid` produced exactly one `code` record per call,
/// in order, each with every parameter as expected. One PASS/FAIL line
/// per call, named `<event>.<suffix>`.
pub fn calls(ctx: &mut Ctx<'_>, cap: &Capture, code: u32, tid: i64, want: Vec<Call<'_>>) {
    let tid = if tid == ME { ctx.me } else { tid };
    let got = seq(cap, code, tid);
    let name = event_name(code);
    let n = want.len();
    for (i, (suffix, params)) in want.into_iter().enumerate() {
        let check = format!("{name}.{suffix}");
        let r = match got.get(i) {
            None => Err(format!(
                "no record: {} {name} records from tid {tid} for {n} calls ({} records \
                 captured in all){}",
                got.len(),
                cap.records.len(),
                if got.is_empty() {
                    " - the driver does not emit this event yet?"
                } else {
                    ""
                }
            )),
            Some(Err(e)) => Err(e.clone()),
            Some(Ok(e)) => expect(e, params),
        };
        ctx.check(&check, r);
    }
    if got.len() > n {
        ctx.check(
            &format!("{name}.record_count"),
            Err(format!(
                "{} records from tid {tid} for {n} calls",
                got.len()
            )),
        );
    }
}

/// Runs a test body that needs setup it could not do: one FAIL line.
pub fn setup_failed(ctx: &mut Ctx<'_>, name: &str, why: impl std::fmt::Display) {
    ctx.check(&format!("{name}.setup"), Err(why.to_string()));
}
