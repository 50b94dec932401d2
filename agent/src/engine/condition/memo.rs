//! Check results shared between the rules evaluated on one event.
//!
//! Falco's rules repeat their macros: on an `openat`, the stable ruleset's
//! `open_read` (four checks) runs once per rule that uses it. A check's
//! result depends only on the event, so within one event it is computed
//! once: [`MemoSlots`] gives every distinct check of a rules bucket (same
//! canonical text = same check) a slot at load time, and a [`Memo`] holds
//! the results of one event, two bits per slot.
//!
//! Owns: slot numbering and the per-event result bits.
//! Must never: share a slot between two checks whose canonical text
//! differs, or carry results from one event to the next (a `Memo` is
//! created per event).

use std::collections::HashMap;
use std::sync::Arc;

/// Slots a [`Memo`] holds; checks beyond them are evaluated every time.
pub const MEMO_SLOTS: usize = 512;
/// A check without a slot.
pub const NO_MEMO: u16 = u16::MAX;

const WORDS: usize = MEMO_SLOTS / 64;

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
#[derive(Debug, Clone, Default)]
pub struct Memo {
    known: [u64; WORDS],
    value: [u64; WORDS],
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    /// The result stored for `slot`, if any.
    #[inline]
    pub fn get(&self, slot: u16) -> Option<bool> {
        let (w, b) = (usize::from(slot) / 64, 1u64 << (slot % 64));
        let known = self.known.get(w)?;
        (known & b != 0).then(|| self.value[w] & b != 0)
    }

    /// Where `slot`'s bits are: (word, mask); mask 0 for [`NO_MEMO`] and
    /// slots beyond the memo (for [`Memo::get_at`] and [`Memo::set_at`]).
    pub fn position(slot: u16) -> (u8, u64) {
        if usize::from(slot) >= MEMO_SLOTS {
            return (0, 0);
        }
        ((slot / 64) as u8, 1u64 << (slot % 64))
    }

    /// [`Memo::get`] for a slot's [`Memo::position`] (mask not 0).
    #[inline]
    pub fn get_at(&self, word: u8, mask: u64) -> Option<bool> {
        let w = usize::from(word) % WORDS;
        (self.known[w] & mask != 0).then(|| self.value[w] & mask != 0)
    }

    /// [`Memo::set`] for a slot's [`Memo::position`].
    #[inline]
    pub fn set_at(&mut self, word: u8, mask: u64, result: bool) {
        let w = usize::from(word) % WORDS;
        self.known[w] |= mask;
        if result {
            self.value[w] |= mask;
        } else {
            self.value[w] &= !mask;
        }
    }

    /// Stores `result` for `slot` (ignored for [`NO_MEMO`]).
    #[inline]
    pub fn set(&mut self, slot: u16, result: bool) {
        let (w, b) = (usize::from(slot) / 64, 1u64 << (slot % 64));
        if let (Some(k), Some(v)) = (self.known.get_mut(w), self.value.get_mut(w)) {
            *k |= b;
            if result {
                *v |= b;
            } else {
                *v &= !b;
            }
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
        m.set(511, true);
        assert_eq!(m.get(511), Some(true));
        let (w, b) = Memo::position(sa + 1);
        assert_eq!(m.get_at(w, b), Some(false));
        m.set_at(w, b, true);
        assert_eq!(m.get(sa + 1), Some(true));
        assert_eq!(Memo::position(NO_MEMO), (0, 0));
        assert_eq!(Memo::position(130), (2, 1 << 2));
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
