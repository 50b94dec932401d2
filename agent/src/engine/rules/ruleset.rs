//! The compiled [`Ruleset`]: rules in first-definition order, indexed by
//! the event types they can match, and the evaluation and selection API
//! the agent uses (`first_match` for Falco's default `rule_matching:
//! first`, `all_matches` for `rule_matching: all`, enabling and disabling
//! rules by name, wildcard or tag, minimum priority).
//!
//! Owns: [`Rule`], [`Ruleset`] and the per-event-type index.
//! Must never: evaluate a disabled rule or a rule that cannot match the
//! event's type, or fail while evaluating.

use super::collect::RuleInfo;
use super::error::LoadError;
use super::load::{load_paths, load_sources, LoadOutcome};
use super::select::{wildcard_match, RuleSelect, SelectBy};
use crate::engine::condition::memo::{Memo, MemoSlots};
use crate::engine::condition::Filter;
use crate::engine::field::{FieldRef, FieldSource, Value};
use crate::engine::format::OutputFormat;
use crate::engine::priority::Priority;
use crate::state::inthash::IntBuild;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub desc: String,
    pub priority: Priority,
    pub tags: Vec<String>,
    pub enabled: bool,
    /// The output template, trimmed, as written (appended parts joined
    /// with a blank; `%container.info` removed).
    pub output: String,
    /// Always "syscall": rules of other sources are skipped at load.
    pub source: String,
    /// Falco's rule-triggered capture settings (kept, not acted on).
    pub capture: bool,
    pub capture_duration: u64,
    /// The condition as written (appended parts joined with a blank,
    /// before exceptions and list substitution).
    pub condition: String,
    /// Event types the rule can match (`None`: not restricted).
    pub event_types: Option<BTreeSet<String>>,
    /// Where the rule's current definition starts (a redefinition keeps
    /// the rule's place in the order but moves this).
    pub file: String,
    pub line: usize,
    expanded: String,
    filter: Filter,
    format: OutputFormat,
}

impl Rule {
    pub(super) fn new(
        r: &RuleInfo,
        file: String,
        line: usize,
        output: String,
        expanded: String,
        filter: Filter,
        format: OutputFormat,
    ) -> Rule {
        Rule {
            name: r.name.clone(),
            desc: r.desc.clone(),
            priority: r.priority,
            tags: r.tags.iter().cloned().collect(),
            enabled: r.enabled,
            output,
            source: r.source.clone(),
            capture: r.capture,
            capture_duration: r.capture_duration,
            condition: r.cond.text.clone(),
            event_types: filter.event_types(),
            file,
            line,
            expanded,
            filter,
            format,
        }
    }

    /// True if the rule's condition holds for the event.
    pub fn matches(&self, src: &dyn FieldSource) -> bool {
        self.filter.eval(src)
    }

    /// The output for one event, and each distinct `%field` token as
    /// written with its rendered value (`<NA>` when missing).
    pub fn render_output(&self, src: &dyn FieldSource) -> (String, Vec<(String, String)>) {
        self.format.render(src)
    }

    /// The output for one event, and each distinct plain `%field` token as
    /// written with its typed value (`None` when missing), as Falco's JSON
    /// `output_fields` carry them (transformer tokens left out).
    pub fn render_output_typed(
        &self,
        src: &dyn FieldSource,
    ) -> (String, Vec<(String, Option<Value<'static>>)>) {
        self.format.render_typed(src)
    }

    /// The distinct fields of the output template, as written, in order;
    /// lets a JSON output type `output_fields` values by field.
    pub fn output_fields(&self) -> impl Iterator<Item = (&str, &FieldRef)> {
        self.format.fields()
    }

    /// The condition after macro and list expansion, in libsinsp's
    /// canonical form (`(a and (b or c))`).
    pub fn expanded_condition(&self) -> &str {
        &self.expanded
    }
}

/// One dispatch bucket: (rule index, filter to evaluate), in rule order.
type Bucket = Box<[(u32, Filter)]>;

/// Enabled rules by event type, each bucket in rule order. A typed
/// bucket holds each rule's filter specialized to that type (its
/// `evt.type` checks folded to constants), so dispatch does not re-test
/// the type; rules folding to constant false are left out.
#[derive(Debug, Clone, Default)]
struct Index {
    /// Keys are rule-defined type names, probed with event names: a
    /// fixed set, so the fast non-SipHash hasher is safe here. Values are
    /// positions in `buckets`.
    by_type: HashMap<Box<str>, u32, IntBuild>,
    /// `buckets[0]`: rules matching any event type (the bucket for
    /// unlisted types); then one bucket per listed type.
    buckets: Vec<Bucket>,
}

/// An event type resolved to its rules bucket once ([`Ruleset::type_slot`]),
/// for callers that dispatch many events of the same type (the detector
/// keeps one per event code). Valid until the ruleset's rules are enabled
/// or disabled again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypeSlot(u32);

impl Index {
    fn build(rules: &[Rule]) -> Index {
        let mut types: BTreeSet<&str> = BTreeSet::new();
        for r in rules.iter().filter(|r| r.enabled) {
            if let Some(t) = &r.event_types {
                types.extend(t.iter().map(String::as_str));
            }
        }
        let mut by_type: HashMap<&str, Vec<u32>> = types.iter().map(|t| (*t, Vec::new())).collect();
        let mut any = Vec::new();
        for (i, r) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            let i = i as u32;
            match &r.event_types {
                None => {
                    any.push((i, r.filter.clone()));
                    by_type.values_mut().for_each(|v| v.push(i));
                }
                Some(t) => t.iter().for_each(|t| {
                    if let Some(v) = by_type.get_mut(t.as_str()) {
                        v.push(i);
                    }
                }),
            }
        }
        // Each bucket numbers its distinct checks, so the rules it holds
        // share each check's result per event.
        let memoize = |mut b: Vec<(u32, Filter)>| -> Bucket {
            let mut slots = MemoSlots::new();
            b.iter_mut().for_each(|(_, f)| f.assign_memo(&mut slots));
            b.into_boxed_slice()
        };
        let specialize = |t: &str, v: Vec<u32>| -> Bucket {
            memoize(
                v.into_iter()
                    .map(|i| (i, rules[i as usize].filter.specialize(t)))
                    .filter(|(_, f)| !f.is_const_false())
                    .collect(),
            )
        };
        let mut buckets = vec![memoize(any)];
        let mut slots = HashMap::default();
        for (k, v) in by_type {
            slots.insert(k.into(), buckets.len() as u32);
            buckets.push(specialize(k, v));
        }
        Index {
            by_type: slots,
            buckets,
        }
    }

    fn slot(&self, evt_type: &str) -> TypeSlot {
        TypeSlot(self.by_type.get(evt_type).copied().unwrap_or(0))
    }

    fn bucket_at(&self, t: TypeSlot) -> &[(u32, Filter)] {
        match self
            .buckets
            .get(t.0 as usize)
            .or_else(|| self.buckets.first())
        {
            Some(b) => b,
            None => &[],
        }
    }

    fn bucket(&self, evt_type: &str) -> &[(u32, Filter)] {
        self.bucket_at(self.slot(evt_type))
    }
}

/// Compiled rules in definition order, indexed by event type.
#[derive(Debug, Clone)]
pub struct Ruleset {
    rules: Vec<Rule>,
    index: Index,
}

// Shared by reference between the pipeline's threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Ruleset>();
};

impl Ruleset {
    pub(super) fn from_rules(rules: Vec<Rule>) -> Ruleset {
        let index = Index::build(&rules);
        Ruleset { rules, index }
    }

    /// Loads rules files in order (a directory contributes its `*.yaml`
    /// and `*.yml` files, sorted by name). All or nothing: the first error.
    pub fn load_files(paths: &[PathBuf]) -> Result<Ruleset, LoadError> {
        load_paths(paths).into_result()
    }

    /// Loads files and directories, with every file's errors and warnings.
    pub fn load_files_report(paths: &[PathBuf]) -> LoadOutcome {
        load_paths(paths)
    }

    /// Loads one rules file given as text; `name` is used in errors.
    pub fn load_str(name: &str, text: &str) -> Result<Ruleset, LoadError> {
        Ruleset::load_sources(&[(name, text)])
    }

    /// Loads several rules files given as `(name, text)`, in order.
    pub fn load_sources(sources: &[(&str, &str)]) -> Result<Ruleset, LoadError> {
        load_sources(sources).into_result()
    }

    /// Like [`Ruleset::load_sources`], with every file's errors and
    /// warnings.
    pub fn load_sources_report(sources: &[(&str, &str)]) -> LoadOutcome {
        load_sources(sources)
    }

    /// Every rule, enabled or not, in definition order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Union of the event types of the enabled rules; `None` if some
    /// enabled rule can match any event type.
    pub fn event_types(&self) -> Option<BTreeSet<String>> {
        let mut all = BTreeSet::new();
        for r in self.rules.iter().filter(|r| r.enabled) {
            all.extend(r.event_types.as_ref()?.iter().cloned());
        }
        Some(all)
    }

    /// True if some enabled rule may match an event of type `evt_type`
    /// (its condition restricts `evt.type` to a set containing it, or does
    /// not restrict `evt.type` at all). The pipeline can skip computing
    /// fields for events of other types.
    pub fn is_interesting(&self, evt_type: &str) -> bool {
        !self.index.bucket(evt_type).is_empty()
    }

    /// The first enabled rule (in definition order) matching the event,
    /// Falco's default `rule_matching: first`. `evt_type` must be the
    /// event's `evt.type`; only rules that can match it are evaluated.
    pub fn first_match(&self, evt_type: &str, src: &dyn FieldSource) -> Option<&Rule> {
        self.first_match_at(self.type_slot(evt_type), src)
    }

    /// The bucket of event type `evt_type`, for the `_at` variants.
    pub fn type_slot(&self, evt_type: &str) -> TypeSlot {
        self.index.slot(evt_type)
    }

    /// Whether any enabled rule can match events of slot `t`.
    pub fn is_interesting_at(&self, t: TypeSlot) -> bool {
        !self.index.bucket_at(t).is_empty()
    }

    /// [`Ruleset::first_match`] for an event type already resolved.
    pub fn first_match_at(&self, t: TypeSlot, src: &dyn FieldSource) -> Option<&Rule> {
        let mut memo = Memo::new();
        self.index
            .bucket_at(t)
            .iter()
            .find(|(_, f)| f.eval_memo(src, &mut memo))
            .map(|(i, _)| &self.rules[*i as usize])
    }

    /// Every enabled rule matching the event, in definition order
    /// (`rule_matching: all`).
    pub fn all_matches<'a: 's, 's>(
        &'a self,
        evt_type: &str,
        src: &'s dyn FieldSource,
    ) -> impl Iterator<Item = &'a Rule> + 's {
        self.all_matches_at(self.type_slot(evt_type), src)
    }

    /// [`Ruleset::all_matches`] for an event type already resolved.
    pub fn all_matches_at<'a: 's, 's>(
        &'a self,
        t: TypeSlot,
        src: &'s dyn FieldSource,
    ) -> impl Iterator<Item = &'a Rule> + 's {
        let mut memo = Memo::new();
        self.index
            .bucket_at(t)
            .iter()
            .filter(move |(_, f)| f.eval_memo(src, &mut memo))
            .map(|(i, _)| &self.rules[*i as usize])
    }

    /// Enables or disables the rule called `name`; false if there is none.
    pub fn set_enabled(&mut self, name: &str, enabled: bool) -> bool {
        let Some(r) = self.rules.iter_mut().find(|r| r.name == name) else {
            return false;
        };
        r.enabled = enabled;
        self.index = Index::build(&self.rules);
        true
    }

    /// Disables every rule less severe than `min` (Falco's `priority:`
    /// setting); returns how many were disabled.
    pub fn disable_below(&mut self, min: Priority) -> usize {
        let mut n = 0;
        for r in self
            .rules
            .iter_mut()
            .filter(|r| r.enabled && r.priority > min)
        {
            r.enabled = false;
            n += 1;
        }
        self.index = Index::build(&self.rules);
        n
    }

    /// Applies Falco's `rules:` selection entries in order (`enable` or
    /// `disable` by rule name with `*` wildcards, or by tag), then keeps
    /// every rule less severe than `min` disabled (Falco never loads them,
    /// so no entry can enable them). Returns how many rules are enabled.
    pub fn apply_selection(&mut self, entries: &[RuleSelect], min: Option<Priority>) -> usize {
        for e in entries {
            for r in &mut self.rules {
                let hit = match &e.by {
                    SelectBy::Rule(p) => wildcard_match(p, &r.name),
                    SelectBy::Tag(t) => r.tags.iter().any(|x| x == t),
                };
                if hit {
                    r.enabled = e.enable;
                }
            }
        }
        if let Some(min) = min {
            for r in self.rules.iter_mut().filter(|r| r.priority > min) {
                r.enabled = false;
            }
        }
        self.index = Index::build(&self.rules);
        self.rules.iter().filter(|r| r.enabled).count()
    }
}
