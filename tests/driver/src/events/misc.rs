//! Memory, module, bpf and generic events: memfd_create, userfaultfd,
//! init_module, finit_module, bpf, and the generic record of a syscall
//! without an event of its own.
//!
//! Owns: these scenarios. Module
//! loading has no success path here (it would load a second module): the
//! "valid image" case re-submits lanner.ko itself, refused with EEXIST.
//! Must never: load a module or a bpf program into the guest kernel.

use super::{calls, Test, ME};
use crate::expect::{bytes, int, pred, s, Want};
use crate::harness::Ctx;
use crate::sys::{self, cstr, err};
use lanner::event::decode::Value;
use lanner_abi as abi;

pub const TESTS: &[Test] = &[
    Test {
        name: "misc.memfd_create",
        run: memfd_create,
    },
    Test {
        name: "misc.userfaultfd",
        run: userfaultfd,
    },
    Test {
        name: "misc.init_module",
        run: init_module,
    },
    Test {
        name: "misc.finit_module",
        run: finit_module,
    },
    Test {
        name: "misc.bpf",
        run: bpf,
    },
    Test {
        name: "misc.generic",
        run: generic,
    },
];

fn memfd_create(ctx: &mut Ctx<'_>) {
    let long = "m".repeat(300);
    let (name, cl) = (cstr("lanner-dt"), cstr(&long));
    let fl = libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING;
    let r = ctx.capture(&["memfd_create"], false, || {
        let a = sys!(libc::SYS_memfd_create, name.as_ptr(), fl);
        (
            a,
            sys!(libc::SYS_memfd_create, cl.as_ptr(), libc::MFD_CLOEXEC),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "memfd_create", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_MEMFD_CREATE_X,
        ME,
        vec![
            (
                "success",
                vec![
                    ("fd", int(a)),
                    ("name", s("lanner-dt")),
                    (
                        "flags",
                        int(abi::PPM_MFD_CLOEXEC | abi::PPM_MFD_ALLOW_SEALING),
                    ),
                ],
            ),
            (
                "failure_einval_long_name",
                vec![
                    ("fd", int(b)),
                    ("name", s(long)),
                    ("flags", int(abi::PPM_MFD_CLOEXEC)),
                ],
            ),
        ],
    );
    sys::close(a);
}

fn userfaultfd(ctx: &mut Ctx<'_>) {
    let r = ctx.capture(&["userfaultfd"], false, || {
        (
            sys!(libc::SYS_userfaultfd, libc::O_CLOEXEC | libc::O_NONBLOCK),
            sys!(libc::SYS_userfaultfd, 0x4000_0000),
        )
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "userfaultfd", r.err().unwrap_or_default());
    };
    // Portable flags (Falco sends them raw): O_CLOEXEC|O_NONBLOCK become
    // their PPM_O_* bits, a bit the kernel does not define is dropped.
    let ok = abi::PPM_O_CLOEXEC | abi::PPM_O_NONBLOCK;
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_USERFAULTFD_X,
        ME,
        vec![
            ("success", vec![("res", int(a)), ("flags", int(ok))]),
            ("failure_einval", vec![("res", int(b)), ("flags", int(0))]),
        ],
    );
    sys::close(a);
}

const KO: &str = "/lib/lanner/lanner.ko";
const NOT_ELF: &[u8] = b"\x7fELF-not-module!";

/// A non-empty prefix of `full` (the image parameter may be capped).
fn prefix_of(full: Vec<u8>) -> Want {
    pred("a non-empty prefix of the module image", move |v| match v {
        Value::Bytes(b) => !b.is_empty() && full.starts_with(b),
        _ => false,
    })
}

/// Whether lanner.ko is loaded: then loading its image again is a safe
/// EEXIST failure. Otherwise (eBPF-only runs) the valid-image calls are
/// skipped: a test must never load a module.
fn module_loaded() -> bool {
    std::path::Path::new("/sys/module/lanner").exists()
}

fn init_module(ctx: &mut Ctx<'_>) {
    let Ok(ko) = std::fs::read(KO) else {
        return super::setup_failed(ctx, "init_module", format!("cannot read {KO}"));
    };
    let (u1, u2) = (cstr("lanner_dt=1"), cstr(""));
    let loaded = module_loaded();
    let r = ctx.capture(&["init_module"], false, || {
        let a = sys!(
            libc::SYS_init_module,
            NOT_ELF.as_ptr(),
            NOT_ELF.len(),
            u1.as_ptr()
        );
        let b = loaded.then(|| sys!(libc::SYS_init_module, ko.as_ptr(), ko.len(), u2.as_ptr()));
        (a, b)
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "init_module", r.err().unwrap_or_default());
    };
    let len = ko.len() as i64;
    let mut want = vec![(
        "failure_not_a_module",
        vec![
            ("res", int(a)),
            ("img", bytes(NOT_ELF)),
            ("length", int(NOT_ELF.len() as i64)),
            ("uargs", s("lanner_dt=1")),
        ],
    )];
    let Some(b) = b else {
        calls(ctx, &cap, abi::PPME_SYSCALL_INIT_MODULE_X, ME, want);
        return ctx.rep.skip(
            "init_module.failure_eexist_valid_image",
            "lanner.ko is not loaded (a test never loads a module)",
        );
    };
    want.push((
        "failure_eexist_valid_image",
        vec![
            ("res", int(b)),
            ("img", prefix_of(ko)),
            ("length", int(len)),
            ("uargs", s("")),
        ],
    ));
    calls(ctx, &cap, abi::PPME_SYSCALL_INIT_MODULE_X, ME, want);
    if b != err(libc::EEXIST) {
        ctx.check(
            "init_module.scenario",
            Err(format!("re-loading lanner.ko returned {b}")),
        );
    }
}

/// MODULE_INIT_IGNORE_MODVERSIONS (uapi/linux/module.h).
const IGNORE_MODVERSIONS: i32 = 1;

fn finit_module(ctx: &mut Ctx<'_>) {
    let junk = sys::path("not-a-module.ko");
    let _ = std::fs::write(&junk, NOT_ELF);
    let (kfd, jfd) = (
        sys::open_fd(KO, libc::O_RDONLY),
        sys::open_fd(&junk, libc::O_RDONLY),
    );
    if kfd < 0 {
        sys::close(i64::from(jfd));
        return super::setup_failed(ctx, "finit_module", format!("cannot open {KO}"));
    }
    let (u1, u2) = (cstr(""), cstr("lanner_dt=2"));
    let loaded = module_loaded();
    let r = ctx.capture(&["finit_module"], false, || {
        let a = loaded.then(|| sys!(libc::SYS_finit_module, kfd, u1.as_ptr(), 0));
        (
            a,
            sys!(libc::SYS_finit_module, jfd, u2.as_ptr(), IGNORE_MODVERSIONS),
        )
    });
    sys::close(i64::from(kfd));
    sys::close(i64::from(jfd));
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "finit_module", r.err().unwrap_or_default());
    };
    let mut want = Vec::new();
    if let Some(a) = a {
        want.push((
            "failure_eexist_valid_image",
            vec![
                ("res", int(a)),
                ("fd", int(kfd)),
                ("uargs", s("")),
                ("flags", int(0)),
            ],
        ));
    }
    want.push((
        "failure_not_a_module",
        vec![
            ("res", int(b)),
            ("fd", int(jfd)),
            ("uargs", s("lanner_dt=2")),
            ("flags", int(abi::PPM_MODULE_INIT_IGNORE_MODVERSIONS)),
        ],
    ));
    calls(ctx, &cap, abi::PPME_SYSCALL_FINIT_MODULE_X, ME, want);
    if a.is_none() {
        ctx.rep.skip(
            "finit_module.failure_eexist_valid_image",
            "lanner.ko is not loaded (a test never loads a module)",
        );
    }
}

/// bpf(2) commands and map type (uapi/linux/bpf.h).
const BPF_MAP_CREATE: i32 = 0;
const BPF_PROG_LOAD: i32 = 5;
const BPF_MAP_TYPE_ARRAY: u32 = 2;

fn bpf(ctx: &mut Ctx<'_>) {
    // union bpf_attr, map-create view: type, key size, value size, entries.
    let mut map = [0u32; 32];
    map[..4].copy_from_slice(&[BPF_MAP_TYPE_ARRAY, 4, 4, 1]);
    let prog = [0u32; 32];
    let r = ctx.capture(&["bpf"], false, || {
        let a = sys!(libc::SYS_bpf, BPF_MAP_CREATE, map.as_ptr(), 128);
        (a, sys!(libc::SYS_bpf, BPF_PROG_LOAD, prog.as_ptr(), 128))
    });
    let Ok(((a, b), cap)) = r else {
        return super::setup_failed(ctx, "bpf", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_SYSCALL_BPF_2_X,
        ME,
        vec![
            (
                "success_map_create",
                vec![("fd", int(a)), ("cmd", int(abi::PPM_BPF_MAP_CREATE))],
            ),
            (
                "failure_einval_prog_load",
                vec![("fd", int(b)), ("cmd", int(abi::PPM_BPF_PROG_LOAD))],
            ),
        ],
    );
    sys::close(a);
}

fn generic(ctx: &mut Ctx<'_>) {
    let r = ctx.capture(&["getppid", "getpgid"], false, || {
        (
            sys!(libc::SYS_getppid),
            sys!(libc::SYS_getpgid, 0x3fff_ffff),
        )
    });
    let Ok(((_, b), cap)) = r else {
        return super::setup_failed(ctx, "generic", r.err().unwrap_or_default());
    };
    calls(
        ctx,
        &cap,
        abi::PPME_GENERIC_X,
        ME,
        vec![
            (
                "getppid",
                vec![
                    ("ID", int(abi::PPM_SC_GETPPID)),
                    ("nativeID", int(libc::SYS_getppid)),
                ],
            ),
            (
                "getpgid_failure",
                vec![
                    ("ID", int(abi::PPM_SC_GETPGID)),
                    ("nativeID", int(libc::SYS_getpgid)),
                ],
            ),
        ],
    );
    if b != err(libc::ESRCH) {
        ctx.check(
            "syscall.scenario",
            Err(format!("getpgid(no pid) returned {b}")),
        );
    }
}
