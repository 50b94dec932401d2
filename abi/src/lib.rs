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
#[derive(Debug, Clone, Copy)]
pub struct ParamInfo {
    pub name: &'static str,
    pub ptype: u32,
    pub fmt: u32,
}

/// Event description from the shared event table.
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
            // SAFETY: params points to a static array of nparams entries.
            let ps = unsafe { core::slice::from_raw_parts(e.params, e.nparams as usize) };
            let params: Vec<ParamInfo> = ps
                .iter()
                .map(|p| ParamInfo {
                    name: cstr(p.name),
                    ptype: p.type_,
                    fmt: p.fmt,
                })
                .collect();
            Some(EventInfo {
                code: code as u16,
                name: cstr(e.name),
                category: e.category,
                flags: e.flags,
                params: Box::leak(params.into_boxed_slice()),
            })
        })
        .collect()
}

static TABLE: std::sync::OnceLock<Vec<Option<EventInfo>>> = std::sync::OnceLock::new();

/// The description of event `code`, if lanner emits it.
pub fn event_info(code: u16) -> Option<&'static EventInfo> {
    TABLE.get_or_init(build_table).get(code as usize)?.as_ref()
}

/// Every event lanner emits, in code order.
pub fn events() -> impl Iterator<Item = &'static EventInfo> {
    TABLE.get_or_init(build_table).iter().flatten()
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
