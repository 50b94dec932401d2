//! Program execution events: execve and execveat, success (the new image
//! of this very test binary, run with `--exec-child`; a successful
//! execveat is an execve record, as in Falco) and failure (ENOENT), all
//! 31 / 30 parameters.
//!
//! Owns: forking the child that execs, and the expected values: argv,
//! env and cwd the test chose; tty, pgid, loginuid, capabilities and the
//! executable's inode and times as /proc and stat report them.
//! Must never: exec anything but this binary (guests carry little else).

use super::process::cgroups;
use super::{calls, Test};
use crate::expect::{any_uint, int, positive, pred, s, uint, Want};
use crate::harness::Ctx;
use crate::procinfo::{self, ProcFacts};
use crate::sys::{self, cstr, err, MISSING};
use lanner::event::decode::Value;
use lanner_abi as abi;
use std::ffi::CString;

pub const TESTS: &[Test] = &[
    Test {
        name: "process.execve",
        run: execve,
    },
    Test {
        name: "process.execveat",
        run: execveat,
    },
];

const ARGV: [&str; 3] = ["lanner-dt-child", "--exec-child", "arg two"];
const ENV: &str = "LANNER_DT=1";

/// Forks a child that chdirs to /tmp and runs `exec` with our argv/env.
fn spawn(exec: impl FnOnce(&[*const libc::c_char], &[*const libc::c_char]) -> i64) -> i32 {
    let argv: Vec<CString> = ARGV.iter().map(|a| cstr(a)).collect();
    let env = [cstr(ENV)];
    let mut av: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    av.push(std::ptr::null());
    let ev = [env[0].as_ptr(), std::ptr::null()];
    let tmp = cstr("/tmp");
    let pid = sys::fork_child(|| {
        sys!(libc::SYS_chdir, tmp.as_ptr());
        exec(&av, &ev);
        3
    });
    sys::wait_status(pid);
    pid
}

/// Value of the current image (Falco reads the old image on failure) or
/// empty (lanner sends no image on failure): both accepted.
fn old_image_or_empty(v: u64) -> Want {
    pred("the current image's value, or empty", move |x| {
        matches!(x, Value::Empty) || x.as_int() == Some(v as i64)
    })
}

/// The 30 parameters execve and execveat share (filename excluded).
fn exec_params(f: &ProcFacts, res: i64, tid: i64, me: i64) -> Vec<(&'static str, Want)> {
    let ok = res == 0;
    let base = f.exe_path.rsplit('/').next().unwrap_or_default();
    let comm: String = if ok {
        base.chars().take(15).collect()
    } else {
        f.comm.clone()
    };
    let path = f.exe_path.clone();
    vec![
        ("res", int(res)),
        ("exe", s(ARGV[0])),
        (
            "args",
            Want::List(ARGV[1..].iter().map(|a| a.to_string()).collect()),
        ),
        ("tid", int(tid)),
        ("pid", int(tid)),
        ("ptid", int(me)),
        ("cwd", s("/tmp")),
        ("fdlimit", int(f.fdlimit)),
        ("pgft_maj", any_uint()),
        ("pgft_min", any_uint()),
        ("vm_size", positive()),
        ("vm_rss", positive()),
        ("vm_swap", any_uint()),
        ("comm", s(comm)),
        ("cgroups", cgroups()),
        ("env", Want::List(vec![ENV.into()])),
        ("tty", int(f.tty)),
        ("vpgid", int(f.pgid)),
        ("loginuid", int(f.loginuid)),
        (
            "flags",
            if ok {
                int(abi::PPM_EXE_WRITABLE)
            } else {
                old_image_or_empty(u64::from(abi::PPM_EXE_WRITABLE))
            },
        ),
        ("cap_inheritable", uint(f.cap_inh)),
        ("cap_permitted", uint(f.cap_prm)),
        ("cap_effective", uint(f.cap_eff)),
        (
            "exe_ino",
            if ok {
                uint(f.exe_ino)
            } else {
                old_image_or_empty(f.exe_ino)
            },
        ),
        (
            "exe_ino_ctime",
            if ok {
                uint(f.exe_ctime)
            } else {
                old_image_or_empty(f.exe_ctime)
            },
        ),
        (
            "exe_ino_mtime",
            if ok {
                uint(f.exe_mtime)
            } else {
                old_image_or_empty(f.exe_mtime)
            },
        ),
        ("uid", int(0)),
        (
            "trusted_exepath",
            if ok {
                s(path)
            } else {
                pred("the current image's path, or empty", move |x| match x {
                    Value::Empty => true,
                    Value::Str(b) => *b == path.as_bytes(),
                    _ => false,
                })
            },
        ),
        ("pgid", int(f.pgid)),
        ("gid", int(0)),
    ]
}

fn execve(ctx: &mut Ctx<'_>) {
    let f = procinfo::me();
    let me = ctx.me;
    let (exe, missing) = (cstr(&f.exe_path), cstr(MISSING));
    let r = ctx.capture(&["execve"], false, || {
        let a = spawn(|av, ev| sys!(libc::SYS_execve, exe.as_ptr(), av.as_ptr(), ev.as_ptr()));
        let b = spawn(|av, ev| sys!(libc::SYS_execve, missing.as_ptr(), av.as_ptr(), ev.as_ptr()));
        (i64::from(a), i64::from(b))
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "execve", r.err().unwrap_or_default());
    };
    let mut ok = exec_params(&f, 0, a, me);
    ok.push(("filename", s(&f.exe_path)));
    let mut bad = exec_params(&f, err(libc::ENOENT), b, me);
    bad.push(("filename", s(MISSING)));
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_EXECVE_19_X,
        a,
        vec![("success", ok)],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_EXECVE_19_X,
        b,
        vec![("failure_enoent", bad)],
    );
}

fn execveat(ctx: &mut Ctx<'_>) {
    // execveat(-1, NULL, ...) fails EBADF/EFAULT where it exists (3.19+).
    if !sys::implemented(libc::SYS_execveat, &[-1, 0, 0, 0, 0]) {
        ctx.rep
            .skip("execveat", "the kernel has no execveat (before 3.19)");
        return;
    }
    let f = procinfo::me();
    let me = ctx.me;
    let (dir, base) = f.exe_path.rsplit_once('/').unwrap_or(("/", ""));
    let dirfd = sys::open_fd(
        if dir.is_empty() { "/" } else { dir },
        libc::O_RDONLY | libc::O_DIRECTORY,
    );
    let (rel, missing) = (cstr(base), cstr(MISSING));
    let r = ctx.capture(&["execveat"], false, || {
        let a = spawn(|av, ev| {
            sys!(
                libc::SYS_execveat,
                dirfd,
                rel.as_ptr(),
                av.as_ptr(),
                ev.as_ptr(),
                0
            )
        });
        let b = spawn(|av, ev| {
            sys!(
                libc::SYS_execveat,
                libc::AT_FDCWD,
                missing.as_ptr(),
                av.as_ptr(),
                ev.as_ptr(),
                0
            )
        });
        (i64::from(a), i64::from(b))
    });
    sys::close(i64::from(dirfd));
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "execveat", r.err().unwrap_or_default());
    };
    // Both Falco drivers record every successful exec at sched_process_exec
    // as an execve event; the kernel names the file /dev/fd/<dirfd>/<name>.
    let mut ok = exec_params(&f, 0, a, me);
    ok.push(("filename", s(format!("/dev/fd/{dirfd}/{base}"))));
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_EXECVE_19_X,
        a,
        vec![("success_via_execveat_dirfd", ok)],
    );
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_EXECVEAT_X,
        b,
        vec![("failure_enoent", exec_params(&f, err(libc::ENOENT), b, me))],
    );
}
