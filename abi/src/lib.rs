//! lanner's kernel/user ABI, generated from `abi/lanner_abi.h` by bindgen.
//!
//! Owns: the Rust view of record headers, event codes, parameter tables,
//! flag encodings, ring control page, mmap layout and ioctl numbers.
//! Function-like macros (ioctl numbers) are evaluated by clang through
//! bindgen's macro fallback, so they are constants here too.
//! Must never: restate a value of the header by hand. Everything here is
//! either generated or computed from generated items, and the layout
//! assertions below fail the build if the two languages disagree.
#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]
#![allow(clippy::all, clippy::undocumented_unsafe_blocks)]

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

pub use bindings::*;

use core::mem::{offset_of, size_of};

// Compile-time layout checks: Rust's view of the shared structs must be the
// one the C compiler produced for the kernel.
const _: () = assert!(size_of::<lanner_evt_hdr>() == LANNER_EVT_HDR_LEN as usize);
const _: () = assert!(offset_of!(lanner_evt_hdr, ts) == 0);
const _: () = assert!(offset_of!(lanner_evt_hdr, tid) == 8);
const _: () = assert!(offset_of!(lanner_evt_hdr, len) == 16);
const _: () = assert!(offset_of!(lanner_evt_hdr, type_) == 20);
const _: () = assert!(offset_of!(lanner_evt_hdr, nparams) == 22);
const _: () = assert!(size_of::<lanner_ring_ctrl>() <= LANNER_CTRL_SIZE as usize);
const _: () = assert!(offset_of!(lanner_ring_ctrl, head) == 0);
const _: () = assert!(offset_of!(lanner_ring_ctrl, tail) == 64);
const _: () = assert!(offset_of!(lanner_ring_ctrl, n_drops) % 8 == 0);
const _: () = assert!(size_of::<lanner_filter>() == 72);
const _: () = assert!(size_of::<lanner_info>() == 56 + 8 * LANNER_MAX_CPU_WORDS as usize);

/// Parameter description from the shared event table.
/// One parameter of an event, as the table in `lanner_abi.h` describes it.
#[derive(Debug, Clone, Copy)]
pub struct ParamInfo {
    pub name: &'static str,
    pub ptype: u32,
    pub fmt: u32,
    /// For flag and enum types: the PPM_* values and their names.
    pub names: &'static [(&'static str, u64)],
    /// For `PT_DYN`: the parameter types selected by the leading index byte.
    pub dyn_params: &'static [ParamInfo],
    /// For `PT_FSRELPATH`: index of the dirfd parameter the path is relative to.
    pub dirfd: Option<usize>,
}

/// One event of the table (exit events and procexit).
#[derive(Debug, Clone, Copy)]
pub struct EventInfo {
    pub code: u16,
    pub name: &'static str,
    pub category: u32,
    pub flags: u32,
    pub params: &'static [ParamInfo],
}

fn cstr(p: *const core::ffi::c_char) -> &'static str {
    // SAFETY: the table's strings are string literals in event_table.c,
    // NUL-terminated, immutable and alive for the whole program.
    unsafe { core::ffi::CStr::from_ptr(p) }
        .to_str()
        .expect("ASCII name in lanner_abi.h")
}

fn names(mut p: *const lanner_name_value) -> &'static [(&'static str, u64)] {
    let mut out = Vec::new();
    if p.is_null() {
        return &[];
    }
    loop {
        // SAFETY: a non-NULL names pointer points to a static table in
        // event_table.c whose last entry has a NULL name; we stop there.
        let nv = unsafe { &*p };
        if nv.name.is_null() {
            break;
        }
        out.push((cstr(nv.name), nv.value));
        // SAFETY: the terminator has not been reached, so p + 1 is in bounds.
        p = unsafe { p.add(1) };
    }
    Box::leak(out.into_boxed_slice())
}

fn params(p: *const lanner_param_info, n: usize) -> &'static [ParamInfo] {
    if n == 0 || p.is_null() {
        return &[];
    }
    // SAFETY: p points to a static array of n entries in event_table.c
    // (nparams of an event or ndyn of a PT_DYN parameter), never written.
    let ps = unsafe { core::slice::from_raw_parts(p, n) };
    let v: Vec<ParamInfo> = ps
        .iter()
        .map(|p| ParamInfo {
            name: cstr(p.name),
            ptype: p.type_,
            fmt: p.fmt,
            names: names(p.names),
            dyn_params: params(p.dyn_, p.ndyn as usize),
            dirfd: usize::try_from(p.dirfd).ok(),
        })
        .collect();
    Box::leak(v.into_boxed_slice())
}

fn build_table() -> Vec<Option<EventInfo>> {
    // SAFETY: lanner_events points to lanner_event_table, a static array of
    // lanner_events_len entries defined in event_table.c and never written.
    let raw = unsafe { core::slice::from_raw_parts(lanner_events, lanner_events_len as usize) };
    raw.iter()
        .enumerate()
        .map(|(code, e)| {
            if e.name.is_null() {
                return None;
            }
            Some(EventInfo {
                code: code as u16,
                name: cstr(e.name),
                category: e.category,
                flags: e.flags,
                params: params(e.params, e.nparams as usize),
            })
        })
        .collect()
}

static TABLE: std::sync::OnceLock<Vec<Option<EventInfo>>> = std::sync::OnceLock::new();

/// The table entry of an event code, if lanner emits that event.
pub fn event_info(code: u16) -> Option<&'static EventInfo> {
    TABLE.get_or_init(build_table).get(code as usize)?.as_ref()
}

/// Every event lanner emits, by ascending code.
pub fn events() -> impl Iterator<Item = &'static EventInfo> {
    TABLE.get_or_init(build_table).iter().flatten()
}

/// Name of a system-independent syscall code (the generic event's "ID").
pub fn sc_name(code: u64) -> Option<&'static str> {
    let i = usize::try_from(code).ok()?;
    // SAFETY: lanner_sc_names_ptr points to lanner_sc_names, a static array
    // of lanner_sc_names_len string pointers (NULL for holes) defined in
    // event_table.c and never written.
    let table =
        unsafe { core::slice::from_raw_parts(lanner_sc_names_ptr, lanner_sc_names_len as usize) };
    let p = *table.get(i)?;
    (!p.is_null()).then(|| cstr(p))
}

static FAMILIES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// The drivers' filler families (driver-common/lanner_sys_events.h), in
/// tail-call slot order.
pub fn filler_families() -> &'static [&'static str] {
    FAMILIES.get_or_init(|| {
        // SAFETY: a const unsigned int defined in event_table.c, never written.
        let n = unsafe { lanner_filler_families_len };
        (0..n)
            .map(|i| {
                // SAFETY: lanner_filler_family (event_table.c) returns a
                // static string literal for every i below
                // lanner_filler_families_len, never NULL there.
                cstr(unsafe { lanner_filler_family(i) })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_falco_param_counts() {
        let n = |c: u32| event_info(c as u16).unwrap().params.len();
        assert_eq!(n(PPME_SYSCALL_EXECVE_19_X), 31);
        assert_eq!(n(PPME_SYSCALL_EXECVEAT_X), 30);
        assert_eq!(n(PPME_SYSCALL_OPENAT_2_X), 7);
        assert_eq!(n(PPME_SYSCALL_OPENAT2_X), 8);
        assert_eq!(n(PPME_SYSCALL_OPEN_X), 6);
        assert_eq!(n(PPME_SYSCALL_CLONE_20_X), 21);
        assert_eq!(n(PPME_PROCEXIT_1_E), 5);
        assert!(event_info(PPME_SYSCALL_OPEN_E as u16).is_none());
        assert_eq!(n(PPME_SOCKET_CONNECT_X), 4);
        assert_eq!(n(PPME_SYSCALL_PTRACE_X), 5);
        assert_eq!(events().count(), 66);
    }

    #[test]
    fn flag_names_dyn_and_dirfd_come_from_the_header() {
        let p = |c: u32, name: &str| {
            *event_info(c as u16)
                .unwrap()
                .params
                .iter()
                .find(|p| p.name == name)
                .unwrap()
        };
        let flags = p(PPME_SYSCALL_OPENAT_2_X, "flags");
        assert!(flags.names.contains(&("O_TRUNC", PPM_O_TRUNC as u64)));
        let dom = p(PPME_SOCKET_SOCKET_X, "domain");
        assert!(dom.names.contains(&("AF_INET", PPM_AF_INET as u64)));
        let req = p(PPME_SYSCALL_PTRACE_X, "request");
        assert!(req
            .names
            .contains(&("PTRACE_ATTACH", PPM_PTRACE_ATTACH as u64)));
        let addr = p(PPME_SYSCALL_PTRACE_X, "addr");
        assert_eq!(addr.dyn_params.len(), PPM_PTRACE_IDX_MAX as usize);
        assert_eq!(
            addr.dyn_params[PPM_PTRACE_IDX_SIGTYPE as usize].ptype,
            PT_SIGTYPE
        );
        assert_eq!(p(PPME_SYSCALL_OPENAT_2_X, "name").dirfd, Some(1));
        assert_eq!(p(PPME_SYSCALL_LINKAT_2_X, "newpath").dirfd, Some(3));
        assert_eq!(p(PPME_SYSCALL_OPEN_X, "name").dirfd, None);
    }

    #[test]
    fn syscall_code_names() {
        assert_eq!(sc_name(PPM_SC_READ as u64), Some("read"));
        assert_eq!(sc_name(PPM_SC_GETPPID as u64), Some("getppid"));
        assert_eq!(sc_name(PPM_SC_MAX as u64), None);
    }

    #[test]
    fn filler_families_come_from_the_shared_table() {
        let f = filler_families();
        assert_eq!(f.first(), Some(&"generic"));
        for fam in ["open", "net", "clone", "exec_failed"] {
            assert!(f.contains(&fam), "{fam} missing from {f:?}");
        }
    }

    #[test]
    fn execveat_is_execve_without_filename() {
        let a = event_info(PPME_SYSCALL_EXECVE_19_X as u16).unwrap();
        let b = event_info(PPME_SYSCALL_EXECVEAT_X as u16).unwrap();
        assert_eq!(a.params.last().unwrap().name, "filename");
        assert_eq!(
            &a.params[..30].iter().map(|p| p.name).collect::<Vec<_>>(),
            &b.params.iter().map(|p| p.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn ioctls_have_linux_encoding() {
        // _IOR: dir=2 in bits 30..31, size in 16..29, type in 8..15, nr in 0..7.
        let gi = LANNER_IOC_GET_INFO;
        assert_eq!(gi >> 30, 2);
        assert_eq!((gi >> 16) & 0x3fff, size_of::<lanner_info>() as u32);
        assert_eq!((gi >> 8) & 0xff, LANNER_IOC_MAGIC as u32);
        assert_eq!(LANNER_IOC_SET_FILTER >> 30, 1);
        assert_eq!(LANNER_IOC_START >> 30, 0);
    }
}
