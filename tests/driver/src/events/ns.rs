//! Namespace and process-attribute events: setns, unshare, prctl.
//!
//! Owns: these scenarios, each in a forked helper so the test process
//! keeps its namespaces and its name; namespace types and unshare flags
//! are expected as PPM_CL_*, prctl options as PPM_PR_*.
//! Must never: change the namespaces or name of the test process.

use super::{calls, Test};
use crate::expect::{int, s, Want};
use crate::harness::Ctx;
use crate::sys::{self, cstr, err};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "ns.setns",
        run: setns,
    },
    Test {
        name: "ns.unshare",
        run: unshare,
    },
    Test {
        name: "ns.prctl",
        run: prctl,
    },
];

/// Runs `body` in a forked helper under capture of `event`; returns the
/// helper's pid and the capture (None after reporting a setup failure).
fn helper(
    ctx: &mut Ctx<'_>,
    event: &str,
    body: fn() -> bool,
) -> Option<(i64, crate::harness::Capture)> {
    let r = ctx.capture(&[event], false, || {
        let pid = sys::fork_child(|| if body() { 42 } else { 1 });
        (pid, sys::wait_status(pid))
    });
    match r {
        Ok(((pid, st), cap)) => {
            if !libc::WIFEXITED(st) || libc::WEXITSTATUS(st) != 42 {
                let why = format!("helper's calls did not behave as planned (status {st:#x})");
                ctx.check(&format!("{event}.scenario"), Err(why));
            }
            Some((i64::from(pid), cap))
        }
        Err(e) => {
            super::setup_failed(ctx, event, e);
            None
        }
    }
}

/// fd number the setns helper uses for its namespace file.
const NS_FD: i64 = 100;

const PR_NAME: &str = "lanner-dt-prctl";

fn setns(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = helper(ctx, "setns", || {
        let fd = sys::open_fd("/proc/self/ns/uts", libc::O_RDONLY);
        // SAFETY: moving our own fd to a known number.
        let moved = unsafe { libc::dup2(fd, NS_FD as i32) } == NS_FD as i32;
        moved
            && sys!(libc::SYS_setns, NS_FD, libc::CLONE_NEWUTS) == 0
            && sys!(libc::SYS_setns, NS_FD, libc::CLONE_NEWNET) == err(libc::EINVAL)
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETNS_X,
        pid,
        vec![
            (
                "success_uts",
                vec![
                    ("res", int(0)),
                    ("fd", int(NS_FD)),
                    ("nstype", int(abi::PPM_CL_CLONE_NEWUTS)),
                ],
            ),
            (
                "failure_einval_wrong_type",
                vec![
                    ("res", int(err(libc::EINVAL))),
                    ("fd", int(NS_FD)),
                    ("nstype", int(abi::PPM_CL_CLONE_NEWNET)),
                ],
            ),
        ],
    );
}

fn unshare(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = helper(ctx, "unshare", || {
        sys!(libc::SYS_unshare, libc::CLONE_NEWUTS | libc::CLONE_NEWIPC) == 0
            && sys!(libc::SYS_unshare, libc::CLONE_PTRACE) == err(libc::EINVAL)
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_UNSHARE_X,
        pid,
        vec![
            (
                "success_uts_ipc",
                vec![
                    ("res", int(0)),
                    (
                        "flags",
                        int(abi::PPM_CL_CLONE_NEWUTS | abi::PPM_CL_CLONE_NEWIPC),
                    ),
                ],
            ),
            (
                "failure_einval",
                vec![
                    ("res", int(err(libc::EINVAL))),
                    ("flags", int(abi::PPM_CL_CLONE_PTRACE)),
                ],
            ),
        ],
    );
}

fn prctl(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = helper(ctx, "prctl", || {
        let name = cstr(PR_NAME);
        sys!(libc::SYS_prctl, libc::PR_SET_NAME, name.as_ptr(), 0, 0, 0) == 0
            && sys!(libc::SYS_prctl, libc::PR_SET_DUMPABLE, 5, 0, 0, 0) == err(libc::EINVAL)
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_PRCTL_X,
        pid,
        vec![
            (
                "success_set_name",
                vec![
                    ("res", int(0)),
                    ("option", int(abi::PPM_PR_SET_NAME)),
                    ("arg2_str", s(PR_NAME)),
                    ("arg2_int", int(0)),
                ],
            ),
            (
                "failure_einval_dumpable",
                vec![
                    ("res", int(err(libc::EINVAL))),
                    ("option", int(abi::PPM_PR_SET_DUMPABLE)),
                    ("arg2_str", Want::Empty),
                    ("arg2_int", int(5)),
                ],
            ),
        ],
    );
}
