//! Signal and tracing events: kill, tkill, tgkill, ptrace.
//!
//! Owns: a paused helper child to signal and to trace (attach, wait for
//! the stop, detach), and the expected PT_DYN encoding of ptrace's addr
//! and data (index byte + value typed by lanner-abi's table).
//! Must never: leave the helper running or traced.

use super::{calls, Test, ME};
use crate::expect::{bytes, int, ptrace_dyn};
use crate::harness::Ctx;
use crate::sys::{self, err};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "signal.kill",
        run: kill,
    },
    Test {
        name: "signal.tkill",
        run: tkill,
    },
    Test {
        name: "signal.tgkill",
        run: tgkill,
    },
    Test {
        name: "signal.ptrace",
        run: ptrace,
    },
];

/// A pid no process has (above any pid_max).
const NO_PID: i32 = 0x3fff_ffff;

fn paused_helper() -> i32 {
    sys::fork_child(|| loop {
        // SAFETY: the helper only waits for a signal.
        unsafe { libc::pause() };
    })
}

fn kill(ctx: &mut Ctx<'_>) {
    let h = paused_helper();
    let r = ctx.capture(&["kill"], false, || {
        (
            sys!(libc::SYS_kill, h, 0),
            sys!(libc::SYS_kill, NO_PID, libc::SIGTERM),
        )
    });
    sys::kill_wait(h);
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "kill", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_KILL_X,
        ME,
        vec![
            (
                "success_probe",
                vec![("res", int(a)), ("pid", int(h)), ("sig", int(0))],
            ),
            (
                "failure_esrch",
                vec![
                    ("res", int(b)),
                    ("pid", int(NO_PID)),
                    ("sig", int(libc::SIGTERM)),
                ],
            ),
        ],
    );
}

fn tkill(ctx: &mut Ctx<'_>) {
    let me = ctx.me;
    let r = ctx.capture(&["tkill"], false, || {
        (
            sys!(libc::SYS_tkill, me, 0),
            sys!(libc::SYS_tkill, -5, libc::SIGUSR1),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "tkill", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_TKILL_X,
        ME,
        vec![
            (
                "success_probe",
                vec![("res", int(a)), ("tid", int(me)), ("sig", int(0))],
            ),
            (
                "failure_einval",
                vec![
                    ("res", int(b)),
                    ("tid", int(-5)),
                    ("sig", int(libc::SIGUSR1)),
                ],
            ),
        ],
    );
}

fn tgkill(ctx: &mut Ctx<'_>) {
    let me = ctx.me;
    let r = ctx.capture(&["tgkill"], false, || {
        (
            sys!(libc::SYS_tgkill, me, me, 0),
            sys!(libc::SYS_tgkill, me, NO_PID, libc::SIGUSR2),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "tgkill", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_TGKILL_X,
        ME,
        vec![
            (
                "success_probe",
                vec![
                    ("res", int(a)),
                    ("pid", int(me)),
                    ("tid", int(me)),
                    ("sig", int(0)),
                ],
            ),
            (
                "failure_esrch",
                vec![
                    ("res", int(b)),
                    ("pid", int(me)),
                    ("tid", int(NO_PID)),
                    ("sig", int(libc::SIGUSR2)),
                ],
            ),
        ],
    );
}

fn ptrace(ctx: &mut Ctx<'_>) {
    let h = paused_helper();
    let r = ctx.capture(&["ptrace"], false, || {
        let a = sys!(libc::SYS_ptrace, libc::PTRACE_ATTACH, h, 0, 0);
        let mut st = 0;
        // SAFETY: waiting for the attach stop of our traced child.
        unsafe { libc::waitpid(h, &mut st, libc::__WALL) };
        let d = sys!(libc::SYS_ptrace, libc::PTRACE_DETACH, h, 0, 0);
        (
            a,
            d,
            sys!(libc::SYS_ptrace, libc::PTRACE_ATTACH, NO_PID, 0, 0),
        )
    });
    sys::kill_wait(h);
    let Ok(((a, d, b), cap)) = r else {
        return super::setup_failed(ctx, "ptrace", r.err().unwrap_or_default());
    };
    let u64_0 = || bytes(ptrace_dyn(abi::PPM_PTRACE_IDX_UINT64, 0));
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_PTRACE_X,
        ME,
        vec![
            (
                "success_attach",
                vec![
                    ("res", int(a)),
                    ("addr", u64_0()),
                    ("data", u64_0()),
                    ("request", int(abi::PPM_PTRACE_ATTACH)),
                    ("pid", int(h)),
                ],
            ),
            (
                "success_detach",
                vec![
                    ("res", int(d)),
                    ("addr", u64_0()),
                    ("data", bytes(ptrace_dyn(abi::PPM_PTRACE_IDX_SIGTYPE, 0))),
                    ("request", int(abi::PPM_PTRACE_DETACH)),
                    ("pid", int(h)),
                ],
            ),
            (
                "failure_esrch",
                vec![
                    ("res", int(b)),
                    ("addr", u64_0()),
                    ("data", u64_0()),
                    ("request", int(abi::PPM_PTRACE_ATTACH)),
                    ("pid", int(NO_PID)),
                ],
            ),
        ],
    );
    if b != err(libc::ESRCH) {
        ctx.check(
            "ptrace.scenario",
            Err(format!("attach to no process returned {b}")),
        );
    }
}
