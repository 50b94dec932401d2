//! Parameter lookup by name, resolved once per event code for the names
//! the hot paths ask for on every event (`fd`, `res`, `name`, `flags` ...).
//!
//! Owns: [`ParamKey`] (what `Event::int_of` and friends accept: a plain
//! name, searched in the event's table entry, or a [`Param`], whose index
//! per event code is computed on first use and then read from a table) and
//! the shared [`Param`] statics.
//! Must never: give a different answer than the name search would; a code
//! outside lanner's table (replayed captures) falls back to that search.

use super::decode::Event;
use lanner_abi as abi;
use std::sync::OnceLock;

/// Something naming one parameter of an event.
pub trait ParamKey {
    /// The parameter's index in `ev`, if `ev` has it.
    fn index_in(&self, ev: &Event<'_>) -> Option<usize>;
}

impl ParamKey for str {
    fn index_in(&self, ev: &Event<'_>) -> Option<usize> {
        ev.param_index(self)
    }
}

impl<T: ParamKey + ?Sized> ParamKey for &T {
    fn index_in(&self, ev: &Event<'_>) -> Option<usize> {
        (**self).index_in(ev)
    }
}

/// A parameter name with its index per event code cached: one table read
/// instead of string compares against every parameter of the event.
#[derive(Debug)]
pub struct Param {
    name: &'static str,
    /// By event code: index + 1, 0 when the code has no such parameter.
    slots: OnceLock<Box<[u8]>>,
}

impl Param {
    pub const fn new(name: &'static str) -> Param {
        Param {
            name,
            slots: OnceLock::new(),
        }
    }

    /// The name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    fn slots(&self) -> &[u8] {
        self.slots.get_or_init(|| {
            (0..abi::PPM_EVENT_MAX as u16)
                .map(|code| {
                    abi::event_info(code)
                        .and_then(|i| i.params.iter().position(|p| p.name == self.name))
                        .and_then(|i| u8::try_from(i + 1).ok())
                        .unwrap_or(0)
                })
                .collect()
        })
    }
}

impl ParamKey for Param {
    #[inline]
    fn index_in(&self, ev: &Event<'_>) -> Option<usize> {
        if ev.info().is_none() {
            return ev.param_index(self.name);
        }
        match self.slots().get(usize::from(ev.code())).copied() {
            Some(0) | None => None,
            Some(s) => Some(usize::from(s) - 1),
        }
    }
}

/// The parameters read on (nearly) every event.
pub static FD: Param = Param::new("fd");
pub static RES: Param = Param::new("res");
pub static NAME: Param = Param::new("name");
pub static FLAGS: Param = Param::new("flags");
pub static DIRFD: Param = Param::new("dirfd");
pub static TUPLE: Param = Param::new("tuple");
pub static OLDFD: Param = Param::new("oldfd");
pub static DEV: Param = Param::new("dev");
pub static INO: Param = Param::new("ino");
pub static MODE: Param = Param::new("mode");
pub static TID: Param = Param::new("tid");
pub static PID: Param = Param::new("pid");
pub static PTID: Param = Param::new("ptid");
pub static TRUSTED_EXEPATH: Param = Param::new("trusted_exepath");
pub static FILENAME: Param = Param::new("filename");
pub static DOMAIN: Param = Param::new("domain");
pub static TYPE: Param = Param::new("type");
pub static PROTO: Param = Param::new("proto");
pub static ADDR: Param = Param::new("addr");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::encode::{cstr, RecordBuilder};

    #[test]
    fn cached_index_agrees_with_the_name_search_for_every_code() {
        for p in [
            &FD, &RES, &NAME, &FLAGS, &DIRFD, &TUPLE, &OLDFD, &DEV, &INO, &MODE,
        ] {
            for info in abi::events() {
                let want = info.params.iter().position(|x| x.name == p.name());
                let slot = p.slots()[usize::from(info.code)];
                assert_eq!(
                    (slot != 0).then(|| usize::from(slot) - 1),
                    want,
                    "{} in {}",
                    p.name(),
                    info.name
                );
            }
        }
    }

    #[test]
    fn event_lookups_by_param_and_by_name_agree() {
        let r = RecordBuilder::new(abi::PPME_SYSCALL_OPENAT_2_X, 1, 7)
            .and_then(|b| b.set("fd", 3i64.to_le_bytes()))
            .and_then(|b| b.set("dirfd", (-100i64).to_le_bytes()))
            .and_then(|b| b.set("name", cstr("/etc/x")))
            .and_then(|b| b.set("flags", 1u32.to_le_bytes()))
            .unwrap()
            .build();
        let ev = Event::parse(&r).unwrap();
        assert_eq!(ev.int_of(&FD), Some(3));
        assert_eq!(ev.int_of(&FD), ev.int_of("fd"));
        assert_eq!(ev.int_of(&DIRFD), Some(-100));
        assert_eq!(ev.str_of(&NAME), Some(&b"/etc/x"[..]));
        assert_eq!(ev.int_of(&TUPLE), None);
        assert_eq!(FD.index_in(&ev), ev.param_index("fd"));
    }
}
