//! Open events: open, openat, openat2, creat.
//!
//! Owns: one scenario per event, success and failure paths, with every
//! expected parameter derived from the call made (paths, fds returned,
//! flags translated to PPM_* by the test itself, dev/ino from stat).
//! Must never: leave fds open or the cwd changed after a test.

use super::{calls, Test, ME};
use crate::expect::{created_flags, int, s, uint, Want};
use crate::harness::Ctx;
use crate::sys::{self, cstr, err, path, MISSING};
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "file.open",
        run: open,
    },
    Test {
        name: "file.open_toctou",
        run: open_toctou,
    },
    Test {
        name: "file.openat",
        run: openat,
    },
    Test {
        name: "file.openat2",
        run: openat2,
    },
    Test {
        name: "file.creat",
        run: creat,
    },
];

/// dev and ino of an fd the call returned (Falco: 0 when it failed).
fn dev_ino(fd: i64, p: &str) -> (Want, Want) {
    if fd < 0 {
        return (int(0), int(0));
    }
    let (d, i) = sys::dev_ino(p);
    (int(i64::from(d)), uint(i))
}

fn mode_0640() -> i64 {
    i64::from(abi::PPM_S_IRUSR | abi::PPM_S_IWUSR | abi::PPM_S_IRGRP)
}

fn open(ctx: &mut Ctx<'_>) {
    let old = path("open-old");
    let new = path("open-new");
    sys::touch(&old);
    let (co, cn, cm) = (cstr(&old), cstr(&new), cstr(MISSING));
    let r = ctx.capture(&["open"], false, || {
        let a = sys!(
            libc::SYS_open,
            co.as_ptr(),
            libc::O_RDWR | libc::O_APPEND,
            0
        );
        let b = sys!(
            libc::SYS_open,
            cn.as_ptr(),
            libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL,
            0o640
        );
        let c = sys!(libc::SYS_open, cm.as_ptr(), libc::O_RDONLY, 0);
        (a, b, c)
    });
    let Ok(((a, b, c), cap)) = r else {
        return super::setup_failed(ctx, "open", r.err().unwrap_or_default());
    };
    let (da, ia) = dev_ino(a, &old);
    let (db, ib) = dev_ino(b, &new);
    let created = abi::PPM_O_WRONLY | abi::PPM_O_CREAT | abi::PPM_O_EXCL;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_OPEN_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("fd", int(a)),
                    ("name", s(&old)),
                    ("flags", int(abi::PPM_O_RDWR | abi::PPM_O_APPEND)),
                    ("mode", int(0)),
                    ("dev", da),
                    ("ino", ia),
                ],
            ),
            (
                "success_created",
                vec![
                    ("fd", int(b)),
                    ("name", s(&new)),
                    ("flags", created_flags(created)),
                    ("mode", int(mode_0640())),
                    ("dev", db),
                    ("ino", ib),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("fd", int(c)),
                    ("name", s(MISSING)),
                    ("flags", int(abi::PPM_O_RDONLY)),
                    ("mode", int(0)),
                    ("dev", int(0)),
                    ("ino", int(0)),
                ],
            ),
        ],
    );
    for fd in [a, b] {
        sys::close(fd);
    }
}

fn openat(ctx: &mut Ctx<'_>) {
    let old = path("openat-old");
    sys::touch(&old);
    let dir = sys::open_fd(&sys::scratch(), libc::O_RDONLY | libc::O_DIRECTORY);
    let (co, cm, rel) = (cstr(&old), cstr(MISSING), cstr("openat-new"));
    let r = ctx.capture(&["openat"], false, || {
        let flags = libc::O_RDONLY | libc::O_CLOEXEC;
        let a = sys!(libc::SYS_openat, libc::AT_FDCWD, co.as_ptr(), flags, 0);
        let b = sys!(
            libc::SYS_openat,
            dir,
            rel.as_ptr(),
            libc::O_RDWR | libc::O_CREAT | libc::O_TRUNC,
            0o640
        );
        let c = sys!(
            libc::SYS_openat,
            libc::AT_FDCWD,
            cm.as_ptr(),
            libc::O_WRONLY,
            0
        );
        (a, b, c)
    });
    let Ok(((a, b, c), cap)) = r else {
        return super::setup_failed(ctx, "openat", r.err().unwrap_or_default());
    };
    let (da, ia) = dev_ino(a, &old);
    let (db, ib) = dev_ino(b, &path("openat-new"));
    let fdcwd = i64::from(abi::PPM_AT_FDCWD);
    let created = abi::PPM_O_RDWR | abi::PPM_O_CREAT | abi::PPM_O_TRUNC;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_OPENAT_2_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("fd", int(a)),
                    ("dirfd", int(fdcwd)),
                    ("name", s(&old)),
                    ("flags", int(abi::PPM_O_RDONLY | abi::PPM_O_CLOEXEC)),
                    ("mode", int(0)),
                    ("dev", da),
                    ("ino", ia),
                ],
            ),
            (
                "success_dirfd_created",
                vec![
                    ("fd", int(b)),
                    ("dirfd", int(dir)),
                    ("name", s("openat-new")),
                    ("flags", created_flags(created)),
                    ("mode", int(mode_0640())),
                    ("dev", db),
                    ("ino", ib),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("fd", int(c)),
                    ("dirfd", int(fdcwd)),
                    ("name", s(MISSING)),
                    ("flags", int(abi::PPM_O_WRONLY)),
                    ("mode", int(0)),
                    ("dev", int(0)),
                    ("ino", int(0)),
                ],
            ),
        ],
    );
    for fd in [a, b, i64::from(dir)] {
        sys::close(fd);
    }
}

/// struct open_how (uapi/linux/openat2.h).
#[repr(C)]
struct OpenHow {
    flags: u64,
    mode: u64,
    resolve: u64,
}

fn openat2(ctx: &mut Ctx<'_>) {
    let old = path("openat2-old");
    sys::touch(&old);
    let co = cstr(&old);
    let ok = OpenHow {
        flags: (libc::O_RDONLY | libc::O_CLOEXEC) as u64,
        mode: 0,
        resolve: libc::RESOLVE_NO_SYMLINKS,
    };
    let bad = OpenHow {
        flags: libc::O_RDONLY as u64,
        mode: 0,
        resolve: libc::RESOLVE_BENEATH,
    };
    let sz = std::mem::size_of::<OpenHow>();
    let r = ctx.capture(&["openat2"], false, || {
        let a = sys!(
            libc::SYS_openat2,
            libc::AT_FDCWD,
            co.as_ptr(),
            &ok as *const OpenHow,
            sz
        );
        let b = sys!(
            libc::SYS_openat2,
            libc::AT_FDCWD,
            co.as_ptr(),
            &bad as *const OpenHow,
            sz
        );
        (a, b)
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "openat2", r.err().unwrap_or_default());
    };
    if a == err(libc::ENOSYS) {
        ctx.rep
            .skip("openat2", "the kernel has no openat2 (before 5.6)");
        return;
    }
    let (da, ia) = dev_ino(a, &old);
    let fdcwd = i64::from(abi::PPM_AT_FDCWD);
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_OPENAT2_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("fd", int(a)),
                    ("dirfd", int(fdcwd)),
                    ("name", s(&old)),
                    ("flags", int(abi::PPM_O_RDONLY | abi::PPM_O_CLOEXEC)),
                    ("mode", int(0)),
                    ("resolve", int(abi::PPM_RESOLVE_NO_SYMLINKS)),
                    ("dev", da),
                    ("ino", ia),
                ],
            ),
            (
                "failure_exdev_beneath",
                vec![
                    ("fd", int(b)),
                    ("dirfd", int(fdcwd)),
                    ("name", s(&old)),
                    ("flags", int(abi::PPM_O_RDONLY)),
                    ("mode", int(0)),
                    ("resolve", int(abi::PPM_RESOLVE_BENEATH)),
                    ("dev", int(0)),
                    ("ino", int(0)),
                ],
            ),
        ],
    );
    if b != err(libc::EXDEV) {
        ctx.check(
            "openat2.scenario",
            Err(format!("RESOLVE_BENEATH open returned {b}")),
        );
    }
    sys::close(a);
}

fn creat(ctx: &mut Ctx<'_>) {
    let p = path("creat-new");
    let (cp, cm) = (cstr(&p), cstr(MISSING));
    let r = ctx.capture(&["creat"], false, || {
        (
            sys!(libc::SYS_creat, cp.as_ptr(), 0o640),
            sys!(libc::SYS_creat, cm.as_ptr(), 0o600),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "creat", r.err().unwrap_or_default());
    };
    let (da, ia) = dev_ino(a, &p);
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_CREAT_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("fd", int(a)),
                    ("name", s(&p)),
                    ("mode", int(mode_0640())),
                    ("dev", da),
                    ("ino", ia),
                    ("creat_flags", int(0)),
                ],
            ),
            (
                "failure_enoent",
                vec![
                    ("fd", int(b)),
                    ("name", s(MISSING)),
                    ("mode", int(abi::PPM_S_IRUSR | abi::PPM_S_IWUSR)),
                    ("dev", int(0)),
                    ("ino", int(0)),
                    ("creat_flags", int(0)),
                ],
            ),
        ],
    );
    sys::close(a);
}

/// The path of a blocking open is rewritten by another thread while the
/// call waits (on a FIFO): the record must carry the path the kernel
/// opened, i.e. the one read when the call entered.
fn open_toctou(ctx: &mut Ctx<'_>) {
    let fifo = path("toctou-fifo");
    let cf = cstr(&fifo);
    // SAFETY: mkfifo on a valid C string (setup).
    if unsafe { libc::mkfifo(cf.as_ptr(), 0o600) } != 0 {
        return super::setup_failed(ctx, "open_toctou", "mkfifo failed");
    }
    let mut buf = [0u8; 128];
    buf[..fifo.len()].copy_from_slice(fifo.as_bytes());
    let decoy = path("toctou-decoy-path");
    let addr = buf.as_mut_ptr() as usize;
    let r = ctx.capture(&["open"], false, || {
        let (d, f) = (decoy.clone(), fifo.clone());
        let writer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let mut b = [0u8; 128];
            b[..d.len()].copy_from_slice(d.as_bytes());
            // SAFETY: `addr` is the 128-byte buffer the main thread's
            // blocked open(2) got; the main thread does not touch it
            // until it has joined this thread.
            unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), addr as *mut u8, b.len()) };
            let w = sys::open_fd(&f, libc::O_WRONLY);
            sys::close(i64::from(w));
        });
        let fd = sys!(
            libc::SYS_open,
            addr as *const libc::c_char,
            libc::O_RDONLY,
            0
        );
        let _ = writer.join();
        fd
    });
    let Ok((fd, cap)) = r else {
        return super::setup_failed(ctx, "open_toctou", r.err().unwrap_or_default());
    };
    let (d, i) = dev_ino(fd, &fifo);
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_OPEN_X,
        ME,
        vec![(
            "toctou_path_as_entered",
            vec![
                ("fd", int(fd)),
                ("name", s(&fifo)),
                ("flags", int(abi::PPM_O_RDONLY)),
                ("mode", int(0)),
                ("dev", d),
                ("ino", i),
            ],
        )],
    );
    if fd < 0 {
        ctx.check(
            "open.toctou_scenario",
            Err(format!("open of the FIFO returned {fd}")),
        );
    }
    sys::close(fd);
}
