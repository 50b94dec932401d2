//! A compiled condition as a flat jump program: one step per check, each
//! naming the step to go to when the check holds and when it does not
//! (or the final answer). `and`, `or` and `not` become jump targets, so
//! evaluating a condition is a loop over checks, not a walk of the tree.
//!
//! Built from the condition tree by threading the two continuations
//! through it: a check jumps to its `and` sibling when it holds and to
//! the `or` sibling (or the enclosing answer) when not; `not` swaps the
//! two; constants resolve to one of them at build time. Every node is
//! emitted once, so the program has exactly the tree's checks.
//!
//! Owns: the program's layout and its evaluation loop.
//! Must never: evaluate a check the tree's left-to-right short-circuit
//! evaluation would not, or in another order (check results are shared
//! through the memo, and Falco's semantics are the tree's).

use super::compile::{Check, Node};
use super::memo::Memo;
use crate::engine::field::FieldSource;

/// Jump target: the condition holds.
const TRUE: u32 = u32::MAX;
/// Jump target: the condition does not hold.
const FALSE: u32 = u32::MAX - 1;

#[derive(Debug, Clone)]
struct Step {
    check: Check,
    on_true: u32,
    on_false: u32,
    /// The check's memo slot ([`super::memo::NO_MEMO`]: none).
    memo: u16,
}

/// The condition as a jump program (see the module comment).
#[derive(Debug, Clone)]
pub(super) struct Program {
    steps: Box<[Step]>,
    entry: u32,
}

impl Program {
    /// The program of condition tree `root`.
    pub(super) fn build(root: &Node) -> Program {
        let mut steps = Vec::new();
        let entry = emit(root, TRUE, FALSE, &mut steps);
        // Emitted last-first; reversed, steps run in increasing order.
        let n = steps.len() as u32;
        let flip = |t: u32| if t >= FALSE { t } else { n - 1 - t };
        steps.reverse();
        for s in &mut steps {
            s.on_true = flip(s.on_true);
            s.on_false = flip(s.on_false);
        }
        Program {
            steps: steps.into(),
            entry: flip(entry),
        }
    }

    /// Whether the condition holds for the event `src` describes, with
    /// check results shared through `memo`.
    pub(super) fn eval(&self, src: &dyn FieldSource, memo: &mut Memo) -> bool {
        let mut at = self.entry;
        while let Some(s) = self.steps.get(at as usize) {
            let r = match memo.get(s.memo) {
                Some(r) => r,
                None => {
                    let r = s.check.eval(src);
                    memo.set(s.memo, r);
                    r
                }
            };
            at = if r { s.on_true } else { s.on_false };
        }
        at == TRUE
    }
}

/// Emits `n` so that it continues at `t` when it holds and at `f` when
/// not; returns its first step (or `t`/`f` for a constant).
fn emit(n: &Node, t: u32, f: u32, out: &mut Vec<Step>) -> u32 {
    match n {
        Node::Const(true) => t,
        Node::Const(false) => f,
        Node::Not(c) => emit(c, f, t, out),
        // Children are emitted last-first so each knows where its
        // successor starts.
        Node::And(c) => c.iter().rev().fold(t, |next, x| emit(x, next, f, out)),
        Node::Or(c) => c.iter().rev().fold(f, |next, x| emit(x, t, next, out)),
        Node::Check(c) => {
            out.push(Step {
                check: c.clone(),
                on_true: t,
                on_false: f,
                memo: c.memo,
            });
            out.len() as u32 - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::condition::{compile, parse};
    use crate::engine::field::{Catalog, FieldRef, Value};
    use std::cell::RefCell;

    /// Field `i` of `FIELDS` is 1 when bit `i` of `bits` is set, else 0;
    /// every request is recorded.
    struct Bits {
        bits: u32,
        asked: RefCell<Vec<u16>>,
    }

    impl FieldSource for Bits {
        fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
            self.asked.borrow_mut().push(f.id.0);
            let i = FIELDS.iter().position(|n| {
                crate::engine::catalog::syscall()
                    .resolve(n, None)
                    .is_ok_and(|r| r.id == f.id)
            })?;
            Some(Value::Int(i64::from(self.bits >> i & 1)))
        }
    }

    const FIELDS: [&str; 5] = ["proc.pid", "proc.ppid", "fd.num", "evt.num", "proc.sid"];

    /// The tree's own short-circuit evaluation, left to right.
    fn tree(n: &Node, src: &dyn FieldSource) -> bool {
        match n {
            Node::And(c) => c.iter().all(|x| tree(x, src)),
            Node::Or(c) => c.iter().any(|x| tree(x, src)),
            Node::Not(x) => !tree(x, src),
            Node::Check(c) => c.eval(src),
            Node::Const(b) => *b,
        }
    }

    #[test]
    fn runs_the_checks_the_tree_runs_in_its_order() {
        for text in [
            "proc.pid = 1",
            "not proc.pid = 1",
            "proc.pid = 1 and proc.ppid = 1 and fd.num = 1",
            "proc.pid = 1 or proc.ppid = 1 or fd.num = 1",
            "(proc.pid = 1 or not proc.ppid = 1) and not (fd.num = 1 and evt.num = 0)",
            "not (proc.pid = 1 and (proc.ppid = 1 or fd.num = 1)) or (evt.num = 1 and not proc.sid = 1)",
            "evt.type = open and (proc.pid = 1 or evt.type = close) and not evt.type = open",
        ] {
            let f = compile(&parse(text, 0).unwrap()).unwrap();
            for t in ["", "open", "close"] {
                let f = if t.is_empty() { f.clone() } else { f.specialize(t) };
                for bits in 0..32 {
                    let a = Bits {
                        bits,
                        asked: RefCell::default(),
                    };
                    let b = Bits {
                        bits,
                        asked: RefCell::default(),
                    };
                    let got = f.eval(&a);
                    let want = tree(f.root(), &b);
                    assert_eq!(got, want, "{text} on {t:?} with {bits:05b}");
                    assert_eq!(a.asked, b.asked, "{text} on {t:?} with {bits:05b}");
                }
            }
        }
    }
}
