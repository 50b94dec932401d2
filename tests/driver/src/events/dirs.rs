//! Directory and symlink events: mkdir, mkdirat, rmdir, symlink,
//! symlinkat.
//!
//! Owns: these scenarios in the scratch directory, success and failure
//! paths; paths as passed (relative stays relative), mkdir modes raw (as
//! Falco sends them), symlink targets verbatim (never resolved).
//! Must never: create anything outside the scratch directory.

use super::fs::{fdcwd, scratch_fd};
use super::{calls, Test, ME};
use crate::expect::{int, s};
use crate::harness::Ctx;
use crate::sys::{self, cstr, path, MISSING};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "fs.mkdir",
        run: mkdir,
    },
    Test {
        name: "fs.mkdirat",
        run: mkdirat,
    },
    Test {
        name: "fs.rmdir",
        run: rmdir,
    },
    Test {
        name: "fs.symlink",
        run: symlink,
    },
    Test {
        name: "fs.symlinkat",
        run: symlinkat,
    },
];

const TARGET: &str = "../lanner-dt-symlink-target";

fn mkdir(ctx: &mut Ctx<'_>) {
    let p = path("mkdir-d");
    let cp = cstr(&p);
    let ((a, b), cap) = captured!(ctx, "mkdir", &["mkdir"], || {
        (
            sys!(libc::SYS_mkdir, cp.as_ptr(), 0o750),
            sys!(libc::SYS_mkdir, cp.as_ptr(), 0o700),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_MKDIR_2_X,
        ME,
        vec![
            (
                "success",
                vec![("res", int(a)), ("path", s(&p)), ("mode", int(0o750))],
            ),
            (
                "failure_eexist",
                vec![("res", int(b)), ("path", s(&p)), ("mode", int(0o700))],
            ),
        ],
    );
}

fn mkdirat(ctx: &mut Ctx<'_>) {
    let dir = scratch_fd();
    let (rel, cm) = (cstr("mkdirat-d"), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, "mkdirat", &["mkdirat"], || {
        let a = sys!(libc::SYS_mkdirat, dir, rel.as_ptr(), 0o711);
        (
            a,
            sys!(libc::SYS_mkdirat, libc::AT_FDCWD, cm.as_ptr(), 0o700),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_MKDIRAT_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("dirfd", int(dir)),
                    ("path", s("mkdirat-d")),
                    ("mode", int(0o711)),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("dirfd", int(fdcwd())),
                    ("path", s(MISSING)),
                    ("mode", int(0o700)),
                ],
            ),
        ],
    );
    sys::close(i64::from(dir));
}

fn rmdir(ctx: &mut Ctx<'_>) {
    let p = path("rmdir-d");
    let _ = std::fs::create_dir(&p);
    let (cp, cm) = (cstr(&p), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, "rmdir", &["rmdir"], || {
        (
            sys!(libc::SYS_rmdir, cp.as_ptr()),
            sys!(libc::SYS_rmdir, cm.as_ptr()),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_RMDIR_2_X,
        ME,
        vec![
            ("success", vec![("res", int(a)), ("path", s(&p))]),
            (
                "failure_enoent",
                vec![("res", int(b)), ("path", s(MISSING))],
            ),
        ],
    );
}

fn symlink(ctx: &mut Ctx<'_>) {
    let p = path("symlink-l");
    let (ct, cp) = (cstr(TARGET), cstr(&p));
    let ((a, b), cap) = captured!(ctx, "symlink", &["symlink"], || {
        (
            sys!(libc::SYS_symlink, ct.as_ptr(), cp.as_ptr()),
            sys!(libc::SYS_symlink, ct.as_ptr(), cp.as_ptr()),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SYMLINK_X,
        ME,
        vec![
            (
                "success",
                vec![("res", int(a)), ("target", s(TARGET)), ("linkpath", s(&p))],
            ),
            (
                "failure_eexist",
                vec![("res", int(b)), ("target", s(TARGET)), ("linkpath", s(&p))],
            ),
        ],
    );
}

fn symlinkat(ctx: &mut Ctx<'_>) {
    let dir = scratch_fd();
    let (ct, rel, cm) = (cstr(TARGET), cstr("symlinkat-l"), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, "symlinkat", &["symlinkat"], || {
        let a = sys!(libc::SYS_symlinkat, ct.as_ptr(), dir, rel.as_ptr());
        (
            a,
            sys!(
                libc::SYS_symlinkat,
                ct.as_ptr(),
                libc::AT_FDCWD,
                cm.as_ptr()
            ),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_SYMLINKAT_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("target", s(TARGET)),
                    ("linkdirfd", int(dir)),
                    ("linkpath", s("symlinkat-l")),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("target", s(TARGET)),
                    ("linkdirfd", int(fdcwd())),
                    ("linkpath", s(MISSING)),
                ],
            ),
        ],
    );
    sys::close(i64::from(dir));
}
