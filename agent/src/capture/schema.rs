//! Lookups in the full event schema (`schema_table.rs`): names of every
//! event code, enter/exit pairing, and parameter widths for conversions.
//!
//! Owns: questions about the schema that conversion and naming need.
//! Must never: change the data (it is generated).

pub use super::schema_table::SchemaEvent;
use super::schema_table::EVENTS;

/// The schema entry of an event code.
pub fn lookup(code: u16) -> Option<&'static SchemaEvent> {
    EVENTS
        .binary_search_by_key(&code, |e| e.code)
        .ok()
        .map(|i| &EVENTS[i])
}

/// Falco's name of any event code (`evt.type`), old versions and enter
/// events included; `None` for codes the schema does not use.
pub fn name(code: u16) -> Option<&'static str> {
    lookup(code).map(|e| e.name)
}

/// Whether `code` is the enter half of a syscall: even, and its exit
/// (code + 1) is a used event of the same name. Standalone events with
/// even codes (procexit, procinfo, scheduler switches...) are not.
pub fn is_syscall_enter(code: u16) -> bool {
    code & 1 == 0
        && lookup(code).is_some_and(|e| {
            code.checked_add(1)
                .and_then(lookup)
                .is_some_and(|x| x.name == e.name)
        })
}

/// The current (not old) code of the same name and direction, for old
/// versions with no entry in lanner's table.
pub fn current_version(code: u16) -> Option<u16> {
    let e = lookup(code)?;
    if !e.old {
        return Some(code);
    }
    EVENTS
        .iter()
        .find(|c| !c.old && c.name == e.name && c.code % 2 == code % 2)
        .map(|c| c.code)
}

/// Width in bytes of a fixed-width parameter type, and whether it is
/// signed; `None` for variable-length types.
pub fn int_width(ptype: u32) -> Option<(usize, bool)> {
    use lanner_abi as a;
    Some(match ptype {
        a::PT_INT8 => (1, true),
        a::PT_UINT8
        | a::PT_FLAGS8
        | a::PT_ENUMFLAGS8
        | a::PT_SIGTYPE
        | a::PT_L4PROTO
        | a::PT_SOCKFAMILY => (1, false),
        a::PT_INT16 => (2, true),
        a::PT_UINT16 | a::PT_FLAGS16 | a::PT_ENUMFLAGS16 | a::PT_SYSCALLID | a::PT_PORT => {
            (2, false)
        }
        a::PT_INT32 | a::PT_FD32 | a::PT_PID32 => (4, true),
        a::PT_UINT32
        | a::PT_FLAGS32
        | a::PT_ENUMFLAGS32
        | a::PT_UID
        | a::PT_GID
        | a::PT_MODE
        | a::PT_BOOL
        | a::PT_SIGSET
        | a::PT_IPV4ADDR => (4, false),
        a::PT_INT64 | a::PT_ERRNO | a::PT_FD | a::PT_PID => (8, true),
        a::PT_UINT64 | a::PT_RELTIME | a::PT_ABSTIME | a::PT_DOUBLE => (8, false),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lanner_abi as abi;

    #[test]
    fn table_is_sorted_and_names_match_lanners_table() {
        assert!(EVENTS.windows(2).all(|w| w[0].code < w[1].code));
        for e in abi::events() {
            let s = lookup(e.code).unwrap();
            assert_eq!(s.name, e.name, "code {}", e.code);
            let names: Vec<_> = s.params.iter().map(|p| p.0).collect();
            let ours: Vec<_> = e.params.iter().map(|p| p.name).collect();
            assert_eq!(names, ours, "code {}", e.code);
        }
    }

    #[test]
    fn enter_pairs_and_versions() {
        assert!(is_syscall_enter(abi::PPME_SYSCALL_OPEN_E as u16));
        assert!(!is_syscall_enter(abi::PPME_PROCEXIT_1_E as u16));
        assert!(!is_syscall_enter(234)); // procinfo
        assert_eq!(name(231), Some("execve")); // EXECVE_16_X
        assert_eq!(current_version(11), Some(159)); // brk 1 -> brk 4
        assert_eq!(int_width(abi::PT_ERRNO), Some((8, true)));
    }
}
