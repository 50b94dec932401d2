//! File-descriptor events: close, dup, dup2, dup3, fcntl, chdir, fchdir.
//!
//! Owns: these scenarios, success and failure paths; fds are the ones the
//! test opened or got back, fcntl commands and dup3 flags the PPM_* values
//! of what the test passed.
//! Must never: leave fds open or the cwd changed after a test.

use super::{calls, Test, ME};
use crate::expect::{int, s};
use crate::harness::Ctx;
use crate::sys::{self, cstr, MISSING};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "file.close",
        run: close,
    },
    Test {
        name: "file.dup",
        run: dup,
    },
    Test {
        name: "file.dup2",
        run: dup2,
    },
    Test {
        name: "file.dup3",
        run: dup3,
    },
    Test {
        name: "file.fcntl",
        run: fcntl,
    },
    Test {
        name: "file.chdir",
        run: chdir,
    },
    Test {
        name: "file.fchdir",
        run: fchdir,
    },
];

fn close(ctx: &mut Ctx<'_>) {
    let fd = sys::open_fd("/", libc::O_RDONLY);
    let r = ctx.capture(&["close"], false, || {
        (sys!(libc::SYS_close, fd), sys!(libc::SYS_close, 9999))
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "close", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CLOSE_X,
        ME,
        vec![
            ("success", vec![("res", int(a)), ("fd", int(fd))]),
            ("failure_ebadf", vec![("res", int(b)), ("fd", int(9999))]),
        ],
    );
}

fn dup(ctx: &mut Ctx<'_>) {
    let fd = sys::open_fd("/", libc::O_RDONLY);
    let r = ctx.capture(&["dup"], false, || {
        (sys!(libc::SYS_dup, fd), sys!(libc::SYS_dup, 9999))
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "dup", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_DUP_1_X,
        ME,
        vec![
            ("success", vec![("res", int(a)), ("oldfd", int(fd))]),
            ("failure_ebadf", vec![("res", int(b)), ("oldfd", int(9999))]),
        ],
    );
    for f in [a, i64::from(fd)] {
        sys::close(f);
    }
}

fn dup2(ctx: &mut Ctx<'_>) {
    let fd = sys::open_fd("/", libc::O_RDONLY);
    let r = ctx.capture(&["dup2"], false, || {
        (
            sys!(libc::SYS_dup2, fd, 200),
            sys!(libc::SYS_dup2, 9999, 201),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "dup2", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_DUP2_X,
        ME,
        vec![
            (
                "success",
                vec![("res", int(a)), ("oldfd", int(fd)), ("newfd", int(200))],
            ),
            (
                "failure_ebadf",
                vec![("res", int(b)), ("oldfd", int(9999)), ("newfd", int(201))],
            ),
        ],
    );
    for f in [a, i64::from(fd)] {
        sys::close(f);
    }
}

fn dup3(ctx: &mut Ctx<'_>) {
    let fd = sys::open_fd("/", libc::O_RDONLY);
    let r = ctx.capture(&["dup3"], false, || {
        (
            sys!(libc::SYS_dup3, fd, 202, libc::O_CLOEXEC),
            sys!(libc::SYS_dup3, fd, fd, 0),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "dup3", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_DUP3_X,
        ME,
        vec![
            (
                "success_cloexec",
                vec![
                    ("res", int(a)),
                    ("oldfd", int(fd)),
                    ("newfd", int(202)),
                    ("flags", int(abi::PPM_O_CLOEXEC)),
                ],
            ),
            (
                "failure_einval_same_fd",
                vec![
                    ("res", int(b)),
                    ("oldfd", int(fd)),
                    ("newfd", int(fd)),
                    ("flags", int(0)),
                ],
            ),
        ],
    );
    for f in [a, i64::from(fd)] {
        sys::close(f);
    }
}

fn fcntl(ctx: &mut Ctx<'_>) {
    let fd = sys::open_fd("/", libc::O_RDONLY);
    let r = ctx.capture(&["fcntl"], false, || {
        (
            sys!(libc::SYS_fcntl, fd, libc::F_DUPFD, 300),
            sys!(libc::SYS_fcntl, 9999, libc::F_GETFD, 0),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "fcntl", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FCNTL_X,
        ME,
        vec![
            (
                "success_dupfd",
                vec![
                    ("res", int(a)),
                    ("fd", int(fd)),
                    ("cmd", int(abi::PPM_FCNTL_F_DUPFD)),
                    ("arg", int(300)),
                ],
            ),
            (
                "failure_ebadf",
                vec![
                    ("res", int(b)),
                    ("fd", int(9999)),
                    ("cmd", int(abi::PPM_FCNTL_F_GETFD)),
                    ("arg", int(0)),
                ],
            ),
        ],
    );
    for f in [a, i64::from(fd)] {
        sys::close(f);
    }
}

/// Runs `f`, then puts the cwd back.
fn keeping_cwd<R>(f: impl FnOnce() -> R) -> R {
    let cwd = std::env::current_dir().ok();
    let r = f();
    if let Some(c) = cwd {
        let _ = std::env::set_current_dir(c);
    }
    r
}

fn chdir(ctx: &mut Ctx<'_>) {
    let (ct, cm) = (cstr("/tmp"), cstr(MISSING));
    let r = keeping_cwd(|| {
        ctx.capture(&["chdir"], false, || {
            (
                sys!(libc::SYS_chdir, ct.as_ptr()),
                sys!(libc::SYS_chdir, cm.as_ptr()),
            )
        })
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "chdir", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CHDIR_X,
        ME,
        vec![
            ("success", vec![("res", int(a)), ("path", s("/tmp"))]),
            (
                "failure_enoent",
                vec![("res", int(b)), ("path", s(MISSING))],
            ),
        ],
    );
}

fn fchdir(ctx: &mut Ctx<'_>) {
    let fd = sys::open_fd("/tmp", libc::O_RDONLY | libc::O_DIRECTORY);
    let r = keeping_cwd(|| {
        ctx.capture(&["fchdir"], false, || {
            (sys!(libc::SYS_fchdir, fd), sys!(libc::SYS_fchdir, 9999))
        })
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "fchdir", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FCHDIR_X,
        ME,
        vec![
            ("success", vec![("res", int(a)), ("fd", int(fd))]),
            ("failure_ebadf", vec![("res", int(b)), ("fd", int(9999))]),
        ],
    );
    sys::close(i64::from(fd));
}
