//! Credential events: setuid, setgid, setresuid, setresgid, setreuid,
//! setregid, capset.
//!
//! Owns: one forked helper per test that changes its own credentials
//! (success), then, no longer privileged, tries to regain them (failure,
//! EPERM). Calls not under test (dropping the uid before a gid failure)
//! are outside the filter, so only the calls under test leave records.
//! Must never: change the credentials of the test process itself.

use super::{calls, Test};
use crate::expect::{int, uint};
use crate::harness::Ctx;
use crate::sys::{self, err};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "cred.setuid",
        run: setuid,
    },
    Test {
        name: "cred.setgid",
        run: setgid,
    },
    Test {
        name: "cred.setresuid",
        run: setresuid,
    },
    Test {
        name: "cred.setresgid",
        run: setresgid,
    },
    Test {
        name: "cred.setreuid",
        run: setreuid,
    },
    Test {
        name: "cred.setregid",
        run: setregid,
    },
    Test {
        name: "cred.capset",
        run: capset,
    },
];

/// Exit code of a helper whose calls went as planned.
const AS_PLANNED: i32 = 42;

/// Runs `body` in a forked child under capture of `event`; the child
/// exits AS_PLANNED iff body returned true. Returns (child pid, capture).
fn in_child(
    ctx: &mut Ctx<'_>,
    event: &str,
    body: fn() -> bool,
) -> Option<(i64, crate::harness::Capture)> {
    let r = ctx.capture(&[event], false, || {
        let pid = sys::fork_child(|| if body() { AS_PLANNED } else { 1 });
        (pid, sys::wait_status(pid))
    });
    match r {
        Ok(((pid, st), cap)) => {
            if !libc::WIFEXITED(st) || libc::WEXITSTATUS(st) != AS_PLANNED {
                ctx.check(
                    &format!("{event}.scenario"),
                    Err(format!(
                        "helper's calls did not behave as planned (status {st:#x})"
                    )),
                );
            }
            Some((i64::from(pid), cap))
        }
        Err(e) => {
            super::setup_failed(ctx, event, e);
            None
        }
    }
}

const EPERM: i64 = -(libc::EPERM as i64);

fn setuid(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "setuid", || {
        sys!(libc::SYS_setuid, 1234) == 0 && sys!(libc::SYS_setuid, 0) == EPERM
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETUID_X,
        pid,
        vec![
            ("success", vec![("res", int(0)), ("uid", int(1234))]),
            (
                "failure_eperm",
                vec![("res", int(err(libc::EPERM))), ("uid", int(0))],
            ),
        ],
    );
}

fn setgid(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "setgid", || {
        sys!(libc::SYS_setgid, 1234) == 0
            && sys!(libc::SYS_setuid, 1234) == 0
            && sys!(libc::SYS_setgid, 0) == EPERM
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETGID_X,
        pid,
        vec![
            ("success", vec![("res", int(0)), ("gid", int(1234))]),
            (
                "failure_eperm",
                vec![("res", int(err(libc::EPERM))), ("gid", int(0))],
            ),
        ],
    );
}

fn setresuid(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "setresuid", || {
        sys!(libc::SYS_setresuid, 1000, 1001, 1002) == 0
            && sys!(libc::SYS_setresuid, 0, 0, 0) == EPERM
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETRESUID_X,
        pid,
        vec![
            (
                "success",
                vec![
                    ("res", int(0)),
                    ("ruid", int(1000)),
                    ("euid", int(1001)),
                    ("suid", int(1002)),
                ],
            ),
            (
                "failure_eperm",
                vec![
                    ("res", int(err(libc::EPERM))),
                    ("ruid", int(0)),
                    ("euid", int(0)),
                    ("suid", int(0)),
                ],
            ),
        ],
    );
}

fn setresgid(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "setresgid", || {
        sys!(libc::SYS_setresgid, 1000, -1, 1002) == 0
            && sys!(libc::SYS_setuid, 1000) == 0
            && sys!(libc::SYS_setresgid, 5, 5, 5) == EPERM
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETRESGID_X,
        pid,
        vec![
            (
                "success_keep_egid",
                vec![
                    ("res", int(0)),
                    ("rgid", int(1000)),
                    ("egid", uint(u64::from(u32::MAX))),
                    ("sgid", int(1002)),
                ],
            ),
            (
                "failure_eperm",
                vec![
                    ("res", int(err(libc::EPERM))),
                    ("rgid", int(5)),
                    ("egid", int(5)),
                    ("sgid", int(5)),
                ],
            ),
        ],
    );
}

fn setreuid(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "setreuid", || {
        sys!(libc::SYS_setreuid, -1, 1001) == 0 && sys!(libc::SYS_setreuid, 2000, 2000) == EPERM
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETREUID_X,
        pid,
        vec![
            (
                "success_keep_ruid",
                vec![
                    ("res", int(0)),
                    ("ruid", uint(u64::from(u32::MAX))),
                    ("euid", int(1001)),
                ],
            ),
            (
                "failure_eperm",
                vec![
                    ("res", int(err(libc::EPERM))),
                    ("ruid", int(2000)),
                    ("euid", int(2000)),
                ],
            ),
        ],
    );
}

fn setregid(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "setregid", || {
        sys!(libc::SYS_setregid, 1500, 1501) == 0
            && sys!(libc::SYS_setuid, 1500) == 0
            && sys!(libc::SYS_setregid, 0, 0) == EPERM
    }) else {
        return;
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SETREGID_X,
        pid,
        vec![
            (
                "success",
                vec![("res", int(0)), ("rgid", int(1500)), ("egid", int(1501))],
            ),
            (
                "failure_eperm",
                vec![
                    ("res", int(err(libc::EPERM))),
                    ("rgid", int(0)),
                    ("egid", int(0)),
                ],
            ),
        ],
    );
}

/// struct __user_cap_header_struct / __user_cap_data_struct (uapi).
#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

/// Capability numbers (uapi/linux/capability.h).
const CAP_CHOWN: u32 = 0;
const CAP_KILL: u32 = 5;
const CAP_SYS_ADMIN: u32 = 21;

/// _LINUX_CAPABILITY_VERSION_3 (uapi/linux/capability.h): 64-bit sets.
const CAP_V3: u32 = 0x2008_0522;

fn set_caps(low: u32) -> i64 {
    let h = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let d = [
        CapData {
            effective: low,
            permitted: low,
            inheritable: 0,
        },
        CapData {
            effective: 0,
            permitted: 0,
            inheritable: 0,
        },
    ];
    sys!(libc::SYS_capset, &h as *const CapHeader, d.as_ptr())
}

fn capset(ctx: &mut Ctx<'_>) {
    let Some((pid, cap)) = in_child(ctx, "capset", || {
        let keep = (1u32 << CAP_CHOWN) | (1 << CAP_KILL);
        set_caps(keep) == 0 && set_caps(keep | (1 << CAP_SYS_ADMIN)) == EPERM
    }) else {
        return;
    };
    let kept = u64::from(abi::PPM_CAP_CHOWN) | u64::from(abi::PPM_CAP_KILL);
    let after = |res: i64| {
        vec![
            ("res", int(res)),
            ("cap_inheritable", int(0)),
            ("cap_permitted", uint(kept)),
            ("cap_effective", uint(kept)),
        ]
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CAPSET_X,
        pid,
        vec![
            ("success_drop_to_chown_kill", after(0)),
            ("failure_eperm_regain", after(err(libc::EPERM))),
        ],
    );
}
