//! Check results shared between the rules evaluated on one event.
//!
//! Falco's rules repeat their macros: on an `openat`, the stable ruleset's
//! `open_read` (four checks) runs once per rule that uses it. A check's
//! result depends only on the event, so within one event it is computed
//! once: [`MemoSlots`] gives every distinct check of a rules bucket (same
//! canonical text = same check) a slot at load time, and a [`Memo`] holds
//! the results of one event, one byte per slot.
//!
//! Owns: slot numbering and the per-event result bits.
//! Must never: share a slot between two checks whose canonical text
//! differs, or carry results from one event to the next (a `Memo` is
//! created per event).
//!
//! A result is one byte (0 unknown, 1 false, 2 true): reading or storing it
//! is one memory access, where bit pairs cost a shift and masks per step.

use std::collections::HashMap;
use std::sync::Arc;

/// Slots a [`Memo`] holds; checks beyond them are evaluated every time.
pub const MEMO_SLOTS: usize = 256;
/// A check without a slot.
pub const NO_MEMO: u16 = u16::MAX;

/// Slot numbers of the distinct checks of one set of filters.
#[derive(Debug, Default)]
pub struct MemoSlots {
    by_key: HashMap<Arc<str>, u16>,
}

impl MemoSlots {
    pub fn new() -> MemoSlots {
        MemoSlots::default()
    }

    /// The slot of the check whose canonical text is `key`: the same slot
    /// for the same text, a new one otherwise, [`NO_MEMO`] when all slots
    /// are taken.
    pub fn slot(&mut self, key: &Arc<str>) -> u16 {
        if let Some(s) = self.by_key.get(key) {
            return *s;
        }
        let n = self.by_key.len();
        if n >= MEMO_SLOTS {
            return NO_MEMO;
        }
        let s = n as u16;
        self.by_key.insert(key.clone(), s);
        s
    }

    /// Distinct checks numbered so far.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// The check results of one event.
#[derive(Debug, Clone)]
pub struct Memo {
    result: [u8; MEMO_SLOTS],
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            result: [UNKNOWN; MEMO_SLOTS],
        }
    }
}

const UNKNOWN: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    /// The result stored for `slot`, if any ([`NO_MEMO`]: none).
    #[inline]
    pub fn get(&self, slot: u16) -> Option<bool> {
        match self.result.get(usize::from(slot)) {
            Some(&FALSE) => Some(false),
            Some(&TRUE) => Some(true),
            _ => None,
        }
    }

    /// Stores `result` for `slot` (ignored for [`NO_MEMO`]).
    #[inline]
    pub fn set(&mut self, slot: u16, result: bool) {
        if let Some(r) = self.result.get_mut(usize::from(slot)) {
            *r = if result { TRUE } else { FALSE };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_same_slot_and_results_per_slot() {
        let mut s = MemoSlots::new();
        let a: Arc<str> = "fd.num >= 0".into();
        let b: Arc<str> = "fd.typechar = f".into();
        let sa = s.slot(&a);
        assert_eq!(s.slot(&b), sa + 1);
        assert_eq!(s.slot(&Arc::from("fd.num >= 0")), sa);
        assert_eq!(s.len(), 2);
        let mut m = Memo::new();
        assert_eq!(m.get(sa), None);
        m.set(sa, true);
        m.set(sa + 1, false);
        assert_eq!(m.get(sa), Some(true));
        assert_eq!(m.get(sa + 1), Some(false));
        m.set(NO_MEMO, true);
        assert_eq!(m.get(NO_MEMO), None);
        let last = MEMO_SLOTS as u16 - 1;
        m.set(last, true);
        assert_eq!(m.get(last), Some(true));
        m.set(sa + 1, true);
        assert_eq!(m.get(sa + 1), Some(true));
        assert_eq!(m.get(last + 1), None);
    }

    #[test]
    fn slots_run_out_gracefully() {
        let mut s = MemoSlots::new();
        for i in 0..MEMO_SLOTS {
            assert_eq!(usize::from(s.slot(&Arc::from(i.to_string()))), i);
        }
        assert_eq!(s.slot(&Arc::from("one more")), NO_MEMO);
        assert_eq!(s.slot(&Arc::from("7")), 7);
    }
}
