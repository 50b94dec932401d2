//! Process lifecycle events: clone, fork, vfork, clone3 (parent and
//! child side, and failure), procexit (exit code and signal).
//!
//! Owns: creating short-lived children with raw syscalls (the children
//! only exit) and the full 21-parameter expectation of the clone family,
//! built from what /proc says about this process (procinfo).
//! Must never: let a child run test code after a vfork (it shares our
//! memory: the vfork child is created and exits inside one asm block).

use super::{calls, Test, ME};
use crate::expect::{any_uint, int, positive, pred, s, Want};
use crate::harness::Ctx;
use crate::procinfo::{self, ProcFacts};
use crate::sys::{self, err};
use lanner::event::decode::{split_nul, Value};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "process.clone",
        run: clone,
    },
    Test {
        name: "process.fork",
        run: fork,
    },
    Test {
        name: "process.vfork",
        run: vfork,
    },
    Test {
        name: "process.clone3",
        run: clone3,
    },
    Test {
        name: "process.procexit",
        run: procexit,
    },
];

/// Falco's cgroups parameter: a non-empty list of "subsystem=/path".
pub fn cgroups() -> Want {
    pred(
        "a non-empty NUL-separated list of subsys=/path",
        |v| match v {
            Value::Bytes(b) => {
                let mut it = split_nul(b).peekable();
                it.peek().is_some()
                    && it.all(|e| {
                        e.iter()
                            .position(|c| *c == b'=')
                            .is_some_and(|i| e.get(i + 1) == Some(&b'/'))
                    })
            }
            _ => false,
        },
    )
}

/// Who a clone-family record is about.
pub struct Side {
    pub res: i64,
    pub tid: i64,
    pub ptid: i64,
    pub flags: u32,
    pub uid: i64,
    pub child: bool,
}

/// The 21 parameters of clone/fork/vfork/clone3 exit records.
pub fn clone_params(f: &ProcFacts, x: &Side) -> Vec<(&'static str, Want)> {
    let failed = x.res < 0;
    vec![
        ("res", int(x.res)),
        ("exe", s(if failed { "" } else { f.exe_arg0.as_str() })),
        (
            "args",
            Want::List(if failed { vec![] } else { f.args.clone() }),
        ),
        ("tid", int(x.tid)),
        ("pid", int(x.tid)),
        ("ptid", int(x.ptid)),
        ("cwd", s(&f.cwd)),
        ("fdlimit", int(f.fdlimit)),
        ("pgft_maj", any_uint()),
        ("pgft_min", any_uint()),
        ("vm_size", positive()),
        ("vm_rss", positive()),
        ("vm_swap", any_uint()),
        ("comm", s(&f.comm)),
        ("cgroups", cgroups()),
        ("flags", int(x.flags)),
        ("uid", int(x.uid)),
        ("gid", int(0)),
        ("vtid", int(x.tid)),
        ("vpid", int(x.tid)),
        (
            "pidns_init_start_ts",
            if x.child { positive() } else { int(0) },
        ),
    ]
}

fn parent(res: i64, me: i64, flags: u32) -> Side {
    Side {
        res,
        tid: me,
        ptid: procinfo::ppid(),
        flags,
        uid: 0,
        child: false,
    }
}

fn child(tid: i64, me: i64, flags: u32) -> Side {
    Side {
        res: 0,
        tid,
        ptid: me,
        flags,
        uid: 0,
        child: true,
    }
}

/// In a helper that may not create processes (uid 65534, RLIMIT_NPROC 0),
/// runs `call` (expected to fail with EAGAIN). Returns the helper's pid.
fn nproc_limited(call: fn() -> i64) -> (i32, i32) {
    let pid = sys::fork_child(|| {
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit/setuid on ourselves (the helper child).
        let ok =
            unsafe { libc::setrlimit(libc::RLIMIT_NPROC, &zero) == 0 && libc::setuid(65534) == 0 };
        if ok && call() == err(libc::EAGAIN) {
            42
        } else {
            1
        }
    });
    (pid, sys::wait_status(pid))
}

fn clone(ctx: &mut Ctx<'_>) {
    let f = procinfo::me();
    let me = ctx.me;
    let mut slot: i32 = 0;
    let fl = libc::CLONE_FS | libc::CLONE_PARENT_SETTID;
    let r = ctx.capture(&["clone"], false, || {
        let a = sys!(
            libc::SYS_clone,
            fl | libc::SIGCHLD,
            0,
            &mut slot as *mut i32,
            0,
            0
        );
        if a == 0 {
            sys!(libc::SYS_exit_group, 0);
        }
        sys::wait_status(a as i32);
        (
            a,
            sys!(
                libc::SYS_clone,
                libc::CLONE_SIGHAND | libc::SIGCHLD,
                0,
                0,
                0,
                0
            ),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "clone", r.err().unwrap_or_default());
    };
    let ppm = abi::PPM_CL_CLONE_FS | abi::PPM_CL_CLONE_PARENT_SETTID;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CLONE_20_X,
        ME,
        vec![
            ("parent_side", clone_params(&f, &parent(a, me, ppm))),
            (
                "failure_einval_sighand_without_vm",
                clone_params(&f, &parent(b, me, abi::PPM_CL_CLONE_SIGHAND)),
            ),
        ],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CLONE_20_X,
        a,
        vec![("child_side", clone_params(&f, &child(a, me, ppm)))],
    );
}

fn fork(ctx: &mut Ctx<'_>) {
    let f = procinfo::me();
    let me = ctx.me;
    let r = ctx.capture(&["fork"], false, || {
        let a = sys!(libc::SYS_fork);
        if a == 0 {
            sys!(libc::SYS_exit_group, 0);
        }
        sys::wait_status(a as i32);
        (a, nproc_limited(|| sys!(libc::SYS_fork)))
    });
    let Ok(((a, (h, st)), cap)) = r else {
        return super::setup_failed(ctx, "fork", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FORK_20_X,
        ME,
        vec![("parent_side", clone_params(&f, &parent(a, me, 0)))],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FORK_20_X,
        a,
        vec![("child_side", clone_params(&f, &child(a, me, 0)))],
    );
    let h = i64::from(h);
    let side = Side {
        res: err(libc::EAGAIN),
        tid: h,
        ptid: me,
        flags: 0,
        uid: 65534,
        child: false,
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FORK_20_X,
        h,
        vec![("failure_eagain_nproc", clone_params(&f, &side))],
    );
    helper_ok(ctx, "fork", st);
}

fn helper_ok(ctx: &mut Ctx<'_>, what: &str, st: i32) {
    if !libc::WIFEXITED(st) || libc::WEXITSTATUS(st) != 42 {
        ctx.check(
            &format!("{what}.scenario"),
            Err(format!("helper status {st:#x}")),
        );
    }
}

/// vfork whose child exits at once, inside one asm block. Returns what
/// vfork returned in the parent (pid or -errno).
fn raw_vfork_exit() -> i64 {
    let ret: i64;
    // SAFETY: vfork suspends us until the child exits; the child runs
    // only the instructions of this block (no stack, no memory writes)
    // and calls exit_group, so our shared memory is never touched.
    unsafe {
        std::arch::asm!(
            "syscall",
            "test rax, rax",
            "jnz 2f",
            "mov eax, {exit}",
            "xor edi, edi",
            "syscall",
            "2:",
            exit = const libc::SYS_exit_group,
            inlateout("rax") libc::SYS_vfork => ret,
            out("rdi") _, out("rcx") _, out("r11") _,
        );
    }
    ret
}

fn vfork(ctx: &mut Ctx<'_>) {
    let f = procinfo::me();
    let me = ctx.me;
    let r = ctx.capture(&["vfork"], false, || {
        let a = raw_vfork_exit();
        sys::wait_status(a as i32);
        (a, nproc_limited(raw_vfork_exit))
    });
    let Ok(((a, (h, st)), cap)) = r else {
        return super::setup_failed(ctx, "vfork", r.err().unwrap_or_default());
    };
    // lanner reports what vfork is (Falco sends 0 for fork and vfork).
    let vf = abi::PPM_CL_CLONE_VFORK | abi::PPM_CL_CLONE_VM;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_VFORK_20_X,
        ME,
        vec![("parent_side", clone_params(&f, &parent(a, me, vf)))],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_VFORK_20_X,
        a,
        vec![("child_side", clone_params(&f, &child(a, me, vf)))],
    );
    let h = i64::from(h);
    let side = Side {
        res: err(libc::EAGAIN),
        tid: h,
        ptid: me,
        flags: vf,
        uid: 65534,
        child: false,
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_VFORK_20_X,
        h,
        vec![("failure_eagain_nproc", clone_params(&f, &side))],
    );
    helper_ok(ctx, "vfork", st);
}

/// struct clone_args (uapi/linux/sched.h), CLONE_ARGS_SIZE_VER2.
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

fn clone3(ctx: &mut Ctx<'_>) {
    // clone3(NULL, 0) fails EINVAL where it exists (5.3+).
    if !sys::implemented(libc::SYS_clone3, &[0, 0]) {
        ctx.rep
            .skip("clone3", "the kernel has no clone3 (before 5.3)");
        return;
    }
    let f = procinfo::me();
    let me = ctx.me;
    let args = CloneArgs {
        flags: libc::CLONE_FS as u64,
        exit_signal: libc::SIGCHLD as u64,
        ..CloneArgs::default()
    };
    let size = std::mem::size_of::<CloneArgs>();
    let r = ctx.capture(&["clone3"], false, || {
        let a = sys!(libc::SYS_clone3, &args as *const CloneArgs, size);
        if a == 0 {
            sys!(libc::SYS_exit_group, 0);
        }
        sys::wait_status(a as i32);
        (a, sys!(libc::SYS_clone3, &args as *const CloneArgs, 8))
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "clone3", r.err().unwrap_or_default());
    };
    let ppm = abi::PPM_CL_CLONE_FS;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CLONE3_X,
        ME,
        vec![
            ("parent_side", clone_params(&f, &parent(a, me, ppm))),
            (
                "failure_einval_short_size",
                clone_params(&f, &parent(b, me, ppm)),
            ),
        ],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CLONE3_X,
        a,
        vec![("child_side", clone_params(&f, &child(a, me, ppm)))],
    );
}

fn procexit(ctx: &mut Ctx<'_>) {
    let r = ctx.capture(&[], true, || {
        let a = sys::fork_child(|| 7);
        let sa = sys::wait_status(a);
        // SAFETY: pause() in the child until we kill it.
        let b = sys::fork_child(|| unsafe { libc::pause() });
        std::thread::sleep(std::time::Duration::from_millis(20));
        // SAFETY: signalling our own child.
        unsafe { libc::kill(b, libc::SIGTERM) };
        (a, sa, b, sys::wait_status(b))
    });
    let Ok(((a, sa, b, sb), cap)) = r else {
        return super::setup_failed(ctx, "procexit", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_PROCEXIT_1_E,
        i64::from(a),
        vec![(
            "exit_code_7",
            vec![
                ("status", int(sa)),
                ("ret", int(7)),
                ("sig", int(0)),
                ("core", int(0)),
                ("reaper_tid", int(0)),
            ],
        )],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_PROCEXIT_1_E,
        i64::from(b),
        vec![(
            "killed_by_sigterm",
            vec![
                ("status", int(sb)),
                ("ret", int(0)),
                ("sig", int(libc::SIGTERM)),
                ("core", int(0)),
                ("reaper_tid", int(0)),
            ],
        )],
    );
}
