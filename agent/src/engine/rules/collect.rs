//! The collector: every list, macro and rule definition read so far, from
//! all files, with Falco's ordering and update semantics.
//!
//! Definitions keep the position of the first definition of their name
//! (`index`, the evaluation order of rules) and record the order of their
//! latest (re)definition or update (`visibility`, which decides which
//! macros a macro may use). `append` joins condition/output/desc text with
//! a blank, unites tags and extends exceptions; `selective_replace`
//! replaces the keys an `override: {key: replace}` names; an enable-only
//! item toggles `enabled`.
//!
//! Owns: the collected definitions and the errors of updating them
//! (`LOAD_ERR_VALIDATE`: no previous item, different source, exception
//! structure).
//! Must never: parse or compile conditions (that is `compile`).

use super::error::{Ctx, Diag, LoadErrorKind, WarningCode};
use super::exceptions::{validate_exception, ExceptionInfo};
use super::text::Derived;
use super::version::{Version, ENGINE_VERSION};
use crate::engine::priority::Priority;
use std::collections::{BTreeSet, HashMap};

/// The only event source lanner has.
pub const SYSCALL_SOURCE: &str = "syscall";

const ERROR_NO_PREVIOUS_MACRO: &str =
    "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists";
const ERROR_NO_PREVIOUS_LIST: &str =
    "List uses 'append' or 'override.items: append' but no list by that name already exists";
const ERROR_NO_PREVIOUS_RULE_APPEND: &str =
    "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
const ERROR_NO_PREVIOUS_RULE_REPLACE: &str =
    "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists";

/// A list item as written, with its position.
#[derive(Debug, Clone)]
pub struct ListItem {
    pub text: Derived,
}

#[derive(Debug, Clone)]
pub struct ListInfo {
    pub name: String,
    pub items: Vec<ListItem>,
    pub ctx: Ctx,
    pub index: usize,
    pub visibility: usize,
}

#[derive(Debug, Clone)]
pub struct MacroInfo {
    pub name: String,
    pub cond: Derived,
    pub ctx: Ctx,
    pub index: usize,
    pub visibility: usize,
}

#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub name: String,
    /// Empty when the item did not say (only possible for updates).
    pub source: String,
    pub unknown_source: bool,
    pub cond: Derived,
    pub output: Derived,
    pub desc: String,
    pub priority: Priority,
    pub tags: BTreeSet<String>,
    pub exceptions: Vec<ExceptionInfo>,
    pub enabled: bool,
    pub capture: bool,
    pub capture_duration: u64,
    pub warn_evttypes: bool,
    pub skip_if_unknown_filter: bool,
    pub ctx: Ctx,
    pub index: usize,
    pub visibility: usize,
}

/// What an `append: true` or `override:` item changes.
#[derive(Debug, Clone, Default)]
pub struct RuleUpdate {
    pub name: String,
    pub source: String,
    pub cond: Option<Derived>,
    pub output: Option<Derived>,
    pub desc: Option<String>,
    pub tags: Option<BTreeSet<String>>,
    pub exceptions: Option<Vec<ExceptionInfo>>,
    pub priority: Option<Priority>,
    pub capture: Option<bool>,
    pub capture_duration: Option<u64>,
    pub enabled: Option<bool>,
    pub warn_evttypes: Option<bool>,
    pub skip_if_unknown_filter: Option<bool>,
}

impl RuleUpdate {
    fn has_any_value(&self) -> bool {
        self.cond.is_some()
            || self.output.is_some()
            || self.desc.is_some()
            || self.tags.is_some()
            || self.exceptions.is_some()
            || self.priority.is_some()
            || self.capture.is_some()
            || self.capture_duration.is_some()
            || self.enabled.is_some()
            || self.warn_evttypes.is_some()
            || self.skip_if_unknown_filter.is_some()
    }
}

/// Named definitions in first-definition order.
#[derive(Debug, Clone)]
pub struct Table<T> {
    pub defs: Vec<T>,
    by_name: HashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            defs: Vec::new(),
            by_name: HashMap::new(),
        }
    }
}

impl<T> Table<T> {
    pub fn get(&self, name: &str) -> Option<&T> {
        self.by_name.get(name).map(|&i| &self.defs[i])
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.by_name.get(name).map(|&i| &mut self.defs[i])
    }

    /// The position of `name` in first-definition order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    fn insert(&mut self, name: String, v: T) {
        self.by_name.insert(name, self.defs.len());
        self.defs.push(v);
    }
}

/// One `required_plugin_versions` entry: alternatives (name, version).
#[derive(Debug, Clone)]
pub struct PluginRequirement {
    pub alternatives: Vec<(String, String)>,
    pub ctx: Ctx,
}

#[derive(Debug, Default)]
pub struct Collector {
    pub lists: Table<ListInfo>,
    pub macros: Table<MacroInfo>,
    pub rules: Table<RuleInfo>,
    pub required_engine_version: Version,
    pub plugin_requirements: Vec<PluginRequirement>,
    counter: usize,
}

type CResult = Result<(), Diag>;

fn validate_err(msg: impl Into<String>, ctx: &Ctx) -> Diag {
    Diag::error(LoadErrorKind::Validate, msg, ctx)
}

impl Collector {
    fn next(&mut self) -> usize {
        self.counter += 1;
        self.counter - 1
    }

    pub fn define_engine_version(&mut self, v: Version, ctx: &Ctx) -> CResult {
        if !ENGINE_VERSION.compatible_with(v) {
            return Err(validate_err(
                format!("Rules require engine version {v}, but engine version is {ENGINE_VERSION}"),
                ctx,
            ));
        }
        self.required_engine_version = self.required_engine_version.max(v);
        Ok(())
    }

    pub fn define_plugin_requirement(&mut self, req: PluginRequirement) -> CResult {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (name, version) in &req.alternatives {
            if Version::parse(version).is_none() {
                return Err(validate_err(
                    format!("Invalid required version '{version}' for plugin '{name}'"),
                    &req.ctx,
                ));
            }
            if !seen.insert(name) {
                return Err(validate_err(
                    format!(
                        "Defined multiple alternative version requirements for plugin '{name}'"
                    ),
                    &req.ctx,
                ));
            }
        }
        self.plugin_requirements.push(req);
        Ok(())
    }

    pub fn define_list(&mut self, mut l: ListInfo) {
        let id = self.next();
        if let Some(prev) = self.lists.get_mut(&l.name) {
            l.index = prev.index;
            l.visibility = id;
            *prev = l;
        } else {
            l.index = id;
            l.visibility = id;
            self.lists.insert(l.name.clone(), l);
        }
    }

    pub fn append_list(&mut self, l: ListInfo) -> CResult {
        let id = self.next();
        let prev = self
            .lists
            .get_mut(&l.name)
            .ok_or_else(|| validate_err(ERROR_NO_PREVIOUS_LIST, &l.ctx))?;
        prev.items.extend(l.items);
        prev.visibility = id;
        Ok(())
    }

    pub fn define_macro(&mut self, mut m: MacroInfo) {
        let id = self.next();
        if let Some(prev) = self.macros.get_mut(&m.name) {
            m.index = prev.index;
            m.visibility = id;
            *prev = m;
        } else {
            m.index = id;
            m.visibility = id;
            self.macros.insert(m.name.clone(), m);
        }
    }

    pub fn append_macro(&mut self, m: MacroInfo) -> CResult {
        let id = self.next();
        let prev = self
            .macros
            .get_mut(&m.name)
            .ok_or_else(|| validate_err(ERROR_NO_PREVIOUS_MACRO, &m.ctx))?;
        prev.cond.push_fixed(" ", m.ctx.loc());
        prev.cond.push_derived(&m.cond);
        prev.visibility = id;
        Ok(())
    }

    /// The earlier rule of that name; an error if both explicitly name
    /// different sources.
    fn check_prev_source(&self, name: &str, source: &str, ctx: &Ctx) -> CResult {
        if let Some(prev) = self.rules.get(name) {
            if !prev.source.is_empty() && !source.is_empty() && prev.source != source {
                return Err(validate_err(
                    "Rule has been re-defined with a different source",
                    ctx,
                ));
            }
        }
        Ok(())
    }

    pub fn define_rule(&mut self, mut r: RuleInfo, warnings: &mut Vec<Diag>) -> CResult {
        self.check_prev_source(&r.name, &r.source, &r.ctx)?;
        let known = r.source == SYSCALL_SOURCE;
        if !known {
            r.unknown_source = true;
            warnings.push(Diag::warning(
                WarningCode::UnknownSource,
                format!("Unknown source {}, skipping", r.source),
                &r.ctx,
            ));
        }
        for ex in &mut r.exceptions {
            if !ex.fields.is_valid() {
                return Err(validate_err(
                    "Rule exception item must have fields property with a list of fields",
                    &ex.ctx,
                ));
            }
            validate_exception(known, ex)?;
        }
        let id = self.next();
        if let Some(prev) = self.rules.get_mut(&r.name) {
            r.index = prev.index;
            r.visibility = id;
            *prev = r;
        } else {
            r.index = id;
            r.visibility = id;
            self.rules.insert(r.name.clone(), r);
        }
        Ok(())
    }

    pub fn append_rule(&mut self, u: RuleUpdate, ctx: &Ctx) -> CResult {
        self.check_prev_source(&u.name, &u.source, ctx)?;
        let id = self.next();
        let Some(prev) = self.rules.get_mut(&u.name) else {
            return Err(validate_err(ERROR_NO_PREVIOUS_RULE_APPEND, ctx));
        };
        if !u.has_any_value() {
            return Err(validate_err(
                "Appended rule must have exceptions or condition property",
                ctx,
            ));
        }
        let known = !prev.unknown_source;
        let join = |into: &mut Derived, add: &Option<Derived>| {
            if let Some(a) = add.as_ref().filter(|a| !a.is_empty()) {
                into.push_fixed(" ", ctx.loc());
                into.push_derived(a);
            }
        };
        join(&mut prev.cond, &u.cond);
        join(&mut prev.output, &u.output);
        if let Some(d) = u.desc.as_ref().filter(|d| !d.is_empty()) {
            prev.desc.push(' ');
            prev.desc.push_str(d);
        }
        if let Some(t) = u.tags {
            prev.tags.extend(t);
        }
        for mut ex in u.exceptions.unwrap_or_default() {
            match prev.exceptions.iter_mut().find(|p| p.name == ex.name) {
                None => {
                    if !ex.fields.is_valid() {
                        return Err(validate_err(
                            "Rule exception must have fields property with a list of fields",
                            &ex.ctx,
                        ));
                    }
                    if ex.values.is_empty() {
                        return Err(validate_err(
                            "Rule exception must have values property with a list of values",
                            &ex.ctx,
                        ));
                    }
                    validate_exception(known, &mut ex)?;
                    prev.exceptions.push(ex);
                }
                Some(p) => {
                    if ex.fields.is_valid() {
                        return Err(validate_err(
                            "Can not append exception fields to existing exception, only values",
                            &ex.ctx,
                        ));
                    }
                    if ex.comps.is_valid() {
                        return Err(validate_err(
                            "Can not append exception comps to existing exception, only values",
                            &ex.ctx,
                        ));
                    }
                    p.values.extend(ex.values);
                }
            }
        }
        prev.visibility = id;
        Ok(())
    }

    pub fn replace_rule(&mut self, u: RuleUpdate, ctx: &Ctx) -> CResult {
        self.check_prev_source(&u.name, &u.source, ctx)?;
        let id = self.next();
        let Some(prev) = self.rules.get_mut(&u.name) else {
            return Err(validate_err(ERROR_NO_PREVIOUS_RULE_REPLACE, ctx));
        };
        if !u.has_any_value() {
            return Err(validate_err(
                "The rule must have at least one field that can be replaced",
                ctx,
            ));
        }
        if let Some(v) = u.cond {
            prev.cond = v;
        }
        if let Some(v) = u.output {
            prev.output = v;
        }
        if let Some(v) = u.desc {
            prev.desc = v;
        }
        if let Some(v) = u.tags {
            prev.tags = v;
        }
        if let Some(mut v) = u.exceptions {
            // Falco does not re-validate replaced exceptions; lanner does,
            // so building the condition never meets an incomplete one.
            let known = !prev.unknown_source;
            for ex in &mut v {
                if !ex.fields.is_valid() {
                    return Err(validate_err(
                        "Rule exception item must have fields property with a list of fields",
                        &ex.ctx,
                    ));
                }
                validate_exception(known, ex)?;
            }
            prev.exceptions = v;
        }
        if let Some(v) = u.priority {
            prev.priority = v;
        }
        if let Some(v) = u.capture {
            prev.capture = v;
        }
        if let Some(v) = u.capture_duration {
            prev.capture_duration = v;
        }
        if let Some(v) = u.enabled {
            prev.enabled = v;
        }
        if let Some(v) = u.warn_evttypes {
            prev.warn_evttypes = v;
        }
        if let Some(v) = u.skip_if_unknown_filter {
            prev.skip_if_unknown_filter = v;
        }
        prev.visibility = id;
        Ok(())
    }

    /// An enable-only item.
    pub fn enable_rule(&mut self, name: &str, enabled: bool, ctx: &Ctx) -> CResult {
        let prev = self.rules.get_mut(name).ok_or_else(|| {
            validate_err(
                "Rule has 'enabled' key but no rule by that name already exists",
                ctx,
            )
        })?;
        prev.enabled = enabled;
        Ok(())
    }
}
