//! Filesystem link events: link(at), unlink(at), rename(at/2).
//!
//! Owns: one scenario per event in the scratch directory, success and
//! failure paths; paths are expected exactly as passed (relative paths
//! stay relative, dirfds are the fds the test opened, AT_FDCWD becomes
//! PPM_AT_FDCWD), flags and modes as the PPM_* values the test chose.
//! Must never: touch anything outside the scratch directory.

use super::{calls, Test, ME};
use crate::expect::{int, s};
use crate::harness::Ctx;
use crate::sys::{self, cstr, err, path, MISSING};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "fs.link",
        run: link,
    },
    Test {
        name: "fs.linkat",
        run: linkat,
    },
    Test {
        name: "fs.unlink",
        run: unlink,
    },
    Test {
        name: "fs.unlinkat",
        run: unlinkat,
    },
    Test {
        name: "fs.rename",
        run: rename,
    },
    Test {
        name: "fs.renameat",
        run: renameat,
    },
    Test {
        name: "fs.renameat2",
        run: renameat2,
    },
];

pub(super) fn fdcwd() -> i64 {
    i64::from(abi::PPM_AT_FDCWD)
}

pub(super) fn scratch_fd() -> i32 {
    sys::open_fd(&sys::scratch(), libc::O_RDONLY | libc::O_DIRECTORY)
}

/// link and rename: (oldpath, newpath) on success and with a missing
/// oldpath.
fn old_new_paths(ctx: &mut Ctx<'_>, name: &str, nr: libc::c_long, code: u32) {
    let (old, new) = (path(&format!("{name}-old")), path(&format!("{name}-new")));
    sys::touch(&old);
    let (co, cn, cm) = (cstr(&old), cstr(&new), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, name, &[name], || {
        (
            sys!(nr, co.as_ptr(), cn.as_ptr()),
            sys!(nr, cm.as_ptr(), cn.as_ptr()),
        )
    });
    calls(
        ctx,
        &cap,
        code,
        ME,
        vec![
            (
                "success",
                vec![("res", int(a)), ("oldpath", s(&old)), ("newpath", s(&new))],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("oldpath", s(MISSING)),
                    ("newpath", s(&new)),
                ],
            ),
        ],
    );
}

fn link(ctx: &mut Ctx<'_>) {
    old_new_paths(ctx, "link", libc::SYS_link, abi::PPME_SYSCALL_LINK_2_X);
}

fn linkat(ctx: &mut Ctx<'_>) {
    let (old, new) = (path("linkat-old"), path("linkat-new"));
    sys::touch(&old);
    let dir = scratch_fd();
    let (co, rel, cm, cn) = (cstr(&old), cstr("linkat-new"), cstr(MISSING), cstr(&new));
    let ((a, b), cap) = captured!(ctx, "linkat", &["linkat"], || {
        let a = sys!(
            libc::SYS_linkat,
            libc::AT_FDCWD,
            co.as_ptr(),
            dir,
            rel.as_ptr(),
            libc::AT_SYMLINK_FOLLOW
        );
        let b = sys!(
            libc::SYS_linkat,
            libc::AT_FDCWD,
            cm.as_ptr(),
            libc::AT_FDCWD,
            cn.as_ptr(),
            0
        );
        (a, b)
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_LINKAT_2_X,
        ME,
        vec![
            (
                "success_symlink_follow",
                vec![
                    ("res", int(a)),
                    ("olddir", int(fdcwd())),
                    ("oldpath", s(&old)),
                    ("newdir", int(dir)),
                    ("newpath", s("linkat-new")),
                    ("flags", int(abi::PPM_AT_SYMLINK_FOLLOW)),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("olddir", int(fdcwd())),
                    ("oldpath", s(MISSING)),
                    ("newdir", int(fdcwd())),
                    ("newpath", s(&new)),
                    ("flags", int(0)),
                ],
            ),
        ],
    );
    sys::close(i64::from(dir));
}

fn unlink(ctx: &mut Ctx<'_>) {
    let p = path("unlink-me");
    sys::touch(&p);
    let (cp, cm) = (cstr(&p), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, "unlink", &["unlink"], || {
        (
            sys!(libc::SYS_unlink, cp.as_ptr()),
            sys!(libc::SYS_unlink, cm.as_ptr()),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_UNLINK_2_X,
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

fn unlinkat(ctx: &mut Ctx<'_>) {
    let _ = std::fs::create_dir(path("unlinkat-dir"));
    let dir = scratch_fd();
    let (rel, cm) = (cstr("unlinkat-dir"), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, "unlinkat", &["unlinkat"], || {
        let a = sys!(libc::SYS_unlinkat, dir, rel.as_ptr(), libc::AT_REMOVEDIR);
        let b = sys!(libc::SYS_unlinkat, libc::AT_FDCWD, cm.as_ptr(), 0);
        (a, b)
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_UNLINKAT_2_X,
        ME,
        vec![
            (
                "success_removedir",
                vec![
                    ("res", int(a)),
                    ("dirfd", int(dir)),
                    ("name", s("unlinkat-dir")),
                    ("flags", int(abi::PPM_AT_REMOVEDIR)),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("dirfd", int(fdcwd())),
                    ("name", s(MISSING)),
                    ("flags", int(0)),
                ],
            ),
        ],
    );
    sys::close(i64::from(dir));
}

fn rename(ctx: &mut Ctx<'_>) {
    old_new_paths(ctx, "rename", libc::SYS_rename, abi::PPME_SYSCALL_RENAME_X);
}

fn renameat(ctx: &mut Ctx<'_>) {
    let old = path("renameat-old");
    sys::touch(&old);
    let dir = scratch_fd();
    let (co, rel, nope) = (cstr(&old), cstr("renameat-new"), cstr("renameat-missing"));
    let ((a, b), cap) = captured!(ctx, "renameat", &["renameat"], || {
        let a = sys!(
            libc::SYS_renameat,
            libc::AT_FDCWD,
            co.as_ptr(),
            dir,
            rel.as_ptr()
        );
        let b = sys!(libc::SYS_renameat, dir, nope.as_ptr(), dir, rel.as_ptr());
        (a, b)
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_RENAMEAT_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("res", int(a)),
                    ("olddirfd", int(fdcwd())),
                    ("oldpath", s(&old)),
                    ("newdirfd", int(dir)),
                    ("newpath", s("renameat-new")),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("olddirfd", int(dir)),
                    ("oldpath", s("renameat-missing")),
                    ("newdirfd", int(dir)),
                    ("newpath", s("renameat-new")),
                ],
            ),
        ],
    );
    sys::close(i64::from(dir));
}

fn renameat2(ctx: &mut Ctx<'_>) {
    let (old, new, other) = (
        path("renameat2-old"),
        path("renameat2-new"),
        path("renameat2-other"),
    );
    sys::touch(&old);
    sys::touch(&other);
    let (co, cn, cx) = (cstr(&old), cstr(&new), cstr(&other));
    let fl = libc::RENAME_NOREPLACE;
    let ((a, b), cap) = captured!(ctx, "renameat2", &["renameat2"], || {
        let a = sys!(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            co.as_ptr(),
            libc::AT_FDCWD,
            cn.as_ptr(),
            fl
        );
        let b = sys!(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            cx.as_ptr(),
            libc::AT_FDCWD,
            cn.as_ptr(),
            fl
        );
        (a, b)
    });
    let mk = |res: i64, from: &str| {
        vec![
            ("res", int(res)),
            ("olddirfd", int(fdcwd())),
            ("oldpath", s(from)),
            ("newdirfd", int(fdcwd())),
            ("newpath", s(&new)),
            ("flags", int(abi::PPM_RENAME_NOREPLACE)),
        ]
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_RENAMEAT2_X,
        ME,
        vec![
            ("success_noreplace", mk(a, &old)),
            ("failure_eexist_noreplace", mk(b, &other)),
        ],
    );
    if b != err(libc::EEXIST) {
        ctx.check(
            "renameat2.scenario",
            Err(format!("NOREPLACE rename returned {b}")),
        );
    }
}
