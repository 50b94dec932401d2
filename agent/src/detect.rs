//! Detection: the rule engine applied to decoded events.
//!
//! Owns: answering the engine's field requests from `EventFields`, turning
//! a rule match into an owned `Alert`, and deriving the kernel capture
//! filter from the event types the rules need.
//! Must never: evaluate rules for event types no enabled rule can match.

use crate::engine::rules::TypeSlot;
use crate::engine::{FieldRef, FieldSource, Rule, RuleMatching, Ruleset, Value};
use crate::event::decode::Event;
use crate::fields::EventFields;
use crate::output::alert::{Alert, FieldValue};
use crate::pipeline::Detector;
use crate::source::kmod::Filter;
use crate::state::inthash::IntBuild;
use crate::state::proc::STATE_EVENTS;
use lanner_abi as abi;
use std::collections::HashSet;

impl FieldSource for EventFields<'_, '_> {
    /// Every catalogue field is answered by `EventFields::value`.
    fn field(&self, f: &FieldRef) -> Option<Value<'_>> {
        self.value(f)
    }
}

/// A ruleset ready to look at events.
pub struct RulesDetector {
    rules: Ruleset,
    /// The rules bucket of each event code lanner's table names (one
    /// name per code; generic records are named by their syscall and
    /// resolved by name).
    by_code: Vec<TypeSlot>,
    /// Event types some enabled rule can match; `None` = every type.
    types: Option<HashSet<String, IntBuild>>,
    /// Falco's `rule_matching`.
    matching: RuleMatching,
}

impl RulesDetector {
    /// Wraps a loaded ruleset.
    pub fn new(rules: Ruleset) -> RulesDetector {
        let types = rules.event_types().map(|t| t.into_iter().collect());
        let by_code = (0..abi::PPM_EVENT_MAX as u16)
            .map(|c| {
                abi::event_info(c)
                    .filter(|i| !is_generic(u32::from(i.code)))
                    .map_or(TypeSlot::default(), |i| rules.type_slot(i.name))
            })
            .collect();
        RulesDetector {
            rules,
            by_code,
            types,
            matching: RuleMatching::First,
        }
    }

    /// Raises an alert for the first matching rule (default) or for every
    /// matching rule (`rule_matching: all`).
    pub fn with_matching(mut self, matching: RuleMatching) -> RulesDetector {
        self.matching = matching;
        self
    }

    /// The ruleset.
    pub fn rules(&self) -> &Ruleset {
        &self.rules
    }

    /// The capture filter: what the rules need plus what the process table
    /// needs (threads, credentials, cwd, fd tables). A rule matching any event type enables every event lanner
    /// can produce.
    pub fn filter(&self) -> Filter {
        let all = ["open", "openat", "openat2"];
        let f = Filter::default()
            .events(Filter::state_events())
            .events(STATE_EVENTS.iter().copied());
        match &self.types {
            Some(t) => f.events(t.iter().map(String::as_str)),
            None => f.events(all),
        }
    }
}

impl Detector for RulesDetector {
    fn interesting(&self, evt_type: &str) -> bool {
        self.types.as_ref().is_none_or(|t| t.contains(evt_type))
    }

    fn interesting_event(&self, ev: &Event<'_>) -> bool {
        match self.slot_by_code(ev) {
            Some(t) => self.types.is_none() || self.rules.is_interesting_at(t),
            None => self.interesting(ev.name()),
        }
    }

    fn detect(&self, f: &EventFields<'_, '_>) -> Option<Alert> {
        let rule = self.rules.first_match_at(self.slot(f.event()), f)?;
        Some(alert(rule, f))
    }

    fn detect_all(&self, f: &EventFields<'_, '_>, out: &mut Vec<Alert>) {
        match self.matching {
            RuleMatching::First => out.extend(self.detect(f)),
            RuleMatching::All => out.extend(
                self.rules
                    .all_matches_at(self.slot(f.event()), f)
                    .map(|r| alert(r, f)),
            ),
        }
    }
}

impl RulesDetector {
    /// The bucket of `ev`'s code from the table, when the code alone
    /// names the event type.
    fn slot_by_code(&self, ev: &Event<'_>) -> Option<TypeSlot> {
        if ev.info().is_none() || is_generic(u32::from(ev.code())) {
            return None;
        }
        self.by_code.get(usize::from(ev.code())).copied()
    }

    fn slot(&self, ev: &Event<'_>) -> TypeSlot {
        self.slot_by_code(ev)
            .unwrap_or_else(|| self.rules.type_slot(ev.name()))
    }
}

fn is_generic(code: u32) -> bool {
    code == abi::PPME_GENERIC_X || code == abi::PPME_GENERIC_E
}

fn alert(rule: &Rule, f: &EventFields<'_, '_>) -> Alert {
    let (output, output_fields) = rule.render_output_typed(f);
    Alert {
        time_ns: f.event().ts(),
        rule: rule.name.clone(),
        priority: rule.priority,
        output,
        tags: rule.tags.clone(),
        source: rule.source.clone(),
        output_fields: output_fields
            .into_iter()
            .map(|(k, v)| (k, field_value(v)))
            .collect(),
    }
}

/// A typed field value as an alert carries it: numbers and booleans stay
/// typed (Falco's JSON prints `"proc.pid":42`), a missing value is `null`,
/// anything else is its text.
fn field_value(v: Option<Value<'_>>) -> FieldValue {
    match v {
        None => FieldValue::Null,
        Some(Value::Int(i)) => FieldValue::Int(i),
        Some(Value::Bool(b)) => FieldValue::Bool(b),
        Some(Value::Str(s)) => FieldValue::Str(s.into_owned()),
        Some(other) => FieldValue::Str(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::decode::tests::openat;
    use crate::event::decode::Event;
    use crate::state::proc::{ProcTable, ThreadInfo};

    fn table() -> ProcTable {
        let mut p = ProcTable::new(8);
        p.seed([
            ThreadInfo {
                tid: 1,
                pid: 1,
                comm: "init".into(),
                ..Default::default()
            },
            ThreadInfo {
                tid: 50,
                pid: 50,
                ptid: 1,
                comm: "cat".into(),
                exe: "cat".into(),
                exepath: "/bin/cat".into(),
                args: vec!["/etc/shadow".into()],
                cwd: "/root".into(),
                ..Default::default()
            },
        ]);
        p
    }

    fn detector() -> RulesDetector {
        RulesDetector::new(
            Ruleset::load_str("lanner_rules.yaml", crate::config::EMBEDDED_RULES).unwrap(),
        )
    }

    #[test]
    fn cat_shadow_raises_the_sensitive_file_alert() {
        let d = detector();
        let procs = table();
        let r = openat(9, 50, 3, "/etc/shadow", lanner_abi::PPM_O_RDONLY);
        let ev = Event::parse(&r).unwrap();
        assert!(d.interesting(ev.name()));
        let a = d.detect(&EventFields::new(&ev, &procs)).unwrap();
        assert_eq!(a.rule, "Read sensitive file untrusted");
        assert_eq!(a.time_ns, 9);
        assert!(a.output.contains("file=/etc/shadow"), "{}", a.output);
        assert!(a.output.contains("pid=50"), "{}", a.output);
        assert!(a.output.contains("process=cat"), "{}", a.output);
        assert!(a.output.contains("parent=init"), "{}", a.output);
        assert!(a.output.contains("command=cat /etc/shadow"), "{}", a.output);
        // JSON output_fields are typed as Falco types them.
        let field = |k: &str| {
            a.output_fields
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(field("proc.pid"), Some(FieldValue::Int(50)));
        assert_eq!(field("user.uid"), Some(FieldValue::Int(0)));
        assert_eq!(field("fd.name"), Some(FieldValue::from("/etc/shadow")));
        assert_eq!(field("proc.name"), Some(FieldValue::from("cat")));
    }

    #[test]
    fn harmless_and_failed_opens_raise_nothing() {
        let d = detector();
        let procs = table();
        for r in [
            openat(1, 50, 3, "/etc/hostname", lanner_abi::PPM_O_RDONLY),
            openat(1, 50, -13, "/etc/shadow", lanner_abi::PPM_O_RDONLY),
            openat(1, 50, 3, "/etc/shadow", lanner_abi::PPM_O_WRONLY),
        ] {
            let ev = Event::parse(&r).unwrap();
            assert!(d.detect(&EventFields::new(&ev, &procs)).is_none());
        }
    }

    #[test]
    fn filter_covers_rules_and_state() {
        let f = detector().filter();
        for nr in [
            libc::SYS_openat,
            libc::SYS_execve,
            libc::SYS_clone,
            libc::SYS_fork,
            libc::SYS_close,
            libc::SYS_setuid,
            libc::SYS_connect,
            libc::SYS_fcntl,
            libc::SYS_setsid,
        ] {
            assert!(f.has_syscall(nr), "{nr}");
        }
    }
}
