//! Filesystem attribute and mount events: chmod, fchmod, fchmodat,
//! mount, umount2.
//!
//! Owns: one scenario per event in the scratch directory, success and
//! failure paths; modes are expected as the PPM_S_* bits the test chose,
//! mount flags as PPM_MS_* (the 0xC0ED0000 magic stripped), umount2 flags
//! as PPM_MNT_*.
//! Must never: mount or chmod anything outside the scratch directory.

use super::fs::{fdcwd, scratch_fd};
use super::{calls, Test, ME};
use crate::expect::{int, s};
use crate::harness::Ctx;
use crate::sys::{self, cstr, path, MISSING};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "fs.chmod",
        run: chmod,
    },
    Test {
        name: "fs.fchmod",
        run: fchmod,
    },
    Test {
        name: "fs.fchmodat",
        run: fchmodat,
    },
    Test {
        name: "fs.mount",
        run: mount,
    },
    Test {
        name: "fs.umount2",
        run: umount2,
    },
];

/// PPM_S_* of rwxr-xr-x.
fn ppm_755() -> u32 {
    abi::PPM_S_IRUSR
        | abi::PPM_S_IWUSR
        | abi::PPM_S_IXUSR
        | abi::PPM_S_IRGRP
        | abi::PPM_S_IXGRP
        | abi::PPM_S_IROTH
        | abi::PPM_S_IXOTH
}

fn chmod(ctx: &mut Ctx<'_>) {
    let p = path("chmod-f");
    sys::touch(&p);
    let (cp, cm) = (cstr(&p), cstr(MISSING));
    let ((a, b), cap) = captured!(ctx, "chmod", &["chmod"], || {
        (
            sys!(libc::SYS_chmod, cp.as_ptr(), 0o4755),
            sys!(libc::SYS_chmod, cm.as_ptr(), 0o600),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CHMOD_X,
        ME,
        vec![
            (
                "success_setuid",
                vec![
                    ("res", int(a)),
                    ("filename", s(&p)),
                    ("mode", int(ppm_755() | abi::PPM_S_ISUID)),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("filename", s(MISSING)),
                    ("mode", int(abi::PPM_S_IRUSR | abi::PPM_S_IWUSR)),
                ],
            ),
        ],
    );
}

fn fchmod(ctx: &mut Ctx<'_>) {
    let p = path("fchmod-f");
    sys::touch(&p);
    let fd = sys::open_fd(&p, libc::O_RDONLY);
    let ((a, b), cap) = captured!(ctx, "fchmod", &["fchmod"], || {
        (
            sys!(libc::SYS_fchmod, fd, 0o2750),
            sys!(libc::SYS_fchmod, 9999, 0o640),
        )
    });
    let sgid = abi::PPM_S_IRUSR
        | abi::PPM_S_IWUSR
        | abi::PPM_S_IXUSR
        | abi::PPM_S_IRGRP
        | abi::PPM_S_IXGRP
        | abi::PPM_S_ISGID;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FCHMOD_X,
        ME,
        vec![
            (
                "success_setgid",
                vec![("res", int(a)), ("fd", int(fd)), ("mode", int(sgid))],
            ),
            (
                "failure_ebadf",
                vec![
                    ("res", int(b)),
                    ("fd", int(9999)),
                    (
                        "mode",
                        int(abi::PPM_S_IRUSR | abi::PPM_S_IWUSR | abi::PPM_S_IRGRP),
                    ),
                ],
            ),
        ],
    );
    sys::close(i64::from(fd));
}

fn fchmodat(ctx: &mut Ctx<'_>) {
    let p = path("fchmodat-d");
    let _ = std::fs::create_dir(&p);
    let dir = scratch_fd();
    let (cp, rel) = (cstr(&p), cstr("fchmodat-missing"));
    let ((a, b), cap) = captured!(ctx, "fchmodat", &["fchmodat"], || {
        let a = sys!(libc::SYS_fchmodat, libc::AT_FDCWD, cp.as_ptr(), 0o1777);
        (a, sys!(libc::SYS_fchmodat, dir, rel.as_ptr(), 0o644))
    });
    let all = abi::PPM_S_IRUSR
        | abi::PPM_S_IWUSR
        | abi::PPM_S_IXUSR
        | abi::PPM_S_IRGRP
        | abi::PPM_S_IWGRP
        | abi::PPM_S_IXGRP
        | abi::PPM_S_IROTH
        | abi::PPM_S_IWOTH
        | abi::PPM_S_IXOTH
        | abi::PPM_S_ISVTX;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_FCHMODAT_X,
        ME,
        vec![
            (
                "success_sticky",
                vec![
                    ("res", int(a)),
                    ("dirfd", int(fdcwd())),
                    ("filename", s(&p)),
                    ("mode", int(all)),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("res", int(b)),
                    ("dirfd", int(dir)),
                    ("filename", s("fchmodat-missing")),
                    (
                        "mode",
                        int(abi::PPM_S_IRUSR
                            | abi::PPM_S_IWUSR
                            | abi::PPM_S_IRGRP
                            | abi::PPM_S_IROTH),
                    ),
                ],
            ),
        ],
    );
    sys::close(i64::from(dir));
}

fn mount(ctx: &mut Ctx<'_>) {
    let dir = path("mnt");
    let _ = std::fs::create_dir(&dir);
    let (src, cd, ty, cm) = (cstr("lanner-dt"), cstr(&dir), cstr("tmpfs"), cstr(MISSING));
    let ok_flags = libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;
    let bad_flags = libc::MS_MGC_VAL | libc::MS_RDONLY;
    let null = std::ptr::null::<libc::c_void>();
    let ((a, b), cap) = captured!(ctx, "mount", &["mount"], || {
        let a = sys!(
            libc::SYS_mount,
            src.as_ptr(),
            cd.as_ptr(),
            ty.as_ptr(),
            ok_flags,
            null
        );
        (
            a,
            sys!(
                libc::SYS_mount,
                src.as_ptr(),
                cm.as_ptr(),
                ty.as_ptr(),
                bad_flags,
                null
            ),
        )
    });
    if a == 0 {
        // SAFETY: detaching the tmpfs this test mounted.
        unsafe { libc::umount2(cd.as_ptr(), libc::MNT_DETACH) };
    }
    let mk = |res: i64, d: &str, fl: u32| {
        vec![
            ("res", int(res)),
            ("dev", s("lanner-dt")),
            ("dir", s(d)),
            ("type", s("tmpfs")),
            ("flags", int(fl)),
        ]
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_MOUNT_X,
        ME,
        vec![
            (
                "success_tmpfs",
                mk(
                    a,
                    &dir,
                    abi::PPM_MS_NOSUID | abi::PPM_MS_NODEV | abi::PPM_MS_NOEXEC,
                ),
            ),
            (
                "failure_enoent_magic_stripped",
                mk(b, MISSING, abi::PPM_MS_RDONLY),
            ),
        ],
    );
}

fn umount2(ctx: &mut Ctx<'_>) {
    let dir = path("umnt");
    let _ = std::fs::create_dir(&dir);
    let (src, cd, ty) = (cstr("lanner-dt"), cstr(&dir), cstr("tmpfs"));
    // SAFETY: mounting a tmpfs on our scratch directory (setup).
    let m = unsafe { libc::mount(src.as_ptr(), cd.as_ptr(), ty.as_ptr(), 0, std::ptr::null()) };
    if m != 0 {
        return super::setup_failed(ctx, "umount2", "cannot mount a tmpfs to unmount");
    }
    let ((a, b), cap) = captured!(ctx, "umount2", &["umount2"], || {
        (
            sys!(libc::SYS_umount2, cd.as_ptr(), libc::MNT_DETACH),
            sys!(libc::SYS_umount2, cd.as_ptr(), libc::MNT_FORCE),
        )
    });
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_UMOUNT2_X,
        ME,
        vec![
            (
                "success_detach",
                vec![
                    ("res", int(a)),
                    ("name", s(&dir)),
                    ("flags", int(abi::PPM_MNT_DETACH)),
                ],
            ),
            (
                "failure_einval_force",
                vec![
                    ("res", int(b)),
                    ("name", s(&dir)),
                    ("flags", int(abi::PPM_MNT_FORCE)),
                ],
            ),
        ],
    );
}
