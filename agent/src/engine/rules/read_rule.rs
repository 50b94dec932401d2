//! Reading `- rule:` items: full definitions, enable-only items,
//! `append: true` and `override:` updates (Falco's matrix: every
//! overridden key must be present, every present overridable key must be
//! claimed, appendable vs replaceable keys), and rule exceptions.
//!
//! Owns: the rule item schema and its messages.
//! Must never: compile conditions or outputs.

use super::collect::{RuleInfo, RuleUpdate, SYSCALL_SOURCE};
use super::error::{Ctx, WarningCode};
use super::exceptions::{ExceptionInfo, ExceptionReader};
use super::read::{yaml_err, Overrides, RResult, Reader, ERROR_OVERRIDE_APPEND, WARNING_APPEND};
use super::text::Derived;
use crate::engine::priority::Priority;
use crate::engine::yaml::Node;
use std::collections::BTreeSet;

const WARNING_ENABLED: &str = "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').";

const RULE_APPENDABLE: &[&str] = &["condition", "output", "desc", "tags", "exceptions"];
const RULE_REPLACEABLE: &[&str] = &[
    "condition",
    "output",
    "desc",
    "priority",
    "capture",
    "capture_duration",
    "tags",
    "exceptions",
    "enabled",
    "warn_evttypes",
    "skip-if-unknown-filter",
];
const RULE_KEYS: &[&str] = &[
    "rule",
    "condition",
    "output",
    "desc",
    "priority",
    "source",
    "enabled",
    "capture",
    "capture_duration",
    "warn_evttypes",
    "skip-if-unknown-filter",
    "tags",
    "exceptions",
    "override",
    "append",
];

impl Reader<'_> {
    pub(super) fn rule(&mut self, item: &Node, parent: &Ctx) -> RResult<()> {
        let tmp = parent.with("rule", "", self.loc(item));
        let name = self.string(item, "rule", &tmp, false)?.unwrap_or_default();
        let ctx = parent.with("rule", &name, self.loc(item));
        let source = self
            .scalar(item, "source", &ctx, true, true)?
            .map_or(String::new(), |(s, _)| s.to_string());
        let append = self.boolean(item, "append", &ctx, true)?.unwrap_or(false);
        if append {
            self.warn(WarningCode::DeprecatedItem, WARNING_APPEND, &ctx);
        }
        let o = self.overrides(item, RULE_APPENDABLE, RULE_REPLACEABLE, &ctx)?;
        if append && o.any() {
            return Err(yaml_err(ERROR_OVERRIDE_APPEND, &ctx));
        }
        if o.any() {
            self.rule_overrides(item, &name, &source, &o, &ctx)?;
        } else if append {
            let mut u = RuleUpdate {
                name,
                source,
                ..RuleUpdate::default()
            };
            if item.get("condition").is_some() {
                u.cond = self.text(item, "condition", &ctx, false)?;
            }
            if item.get("exceptions").is_some() {
                u.exceptions = Some(self.exceptions(item, &ctx, true)?);
            }
            self.col.append_rule(u, &ctx)?;
        } else {
            self.rule_definition(item, name, &ctx)?;
        }
        self.warn_unknown_keys(item, RULE_KEYS, &ctx);
        Ok(())
    }

    fn exceptions(&mut self, item: &Node, ctx: &Ctx, append: bool) -> RResult<Vec<ExceptionInfo>> {
        ExceptionReader {
            reg: self.reg,
            file: self.file,
            warnings: self.warnings,
        }
        .read(item.get("exceptions"), ctx, append)
    }

    fn rule_definition(&mut self, item: &Node, name: String, ctx: &Ctx) -> RResult<()> {
        let defining = ["condition", "output", "desc", "priority"]
            .iter()
            .any(|k| item.get(k).is_some());
        if !defining {
            let enabled = self.boolean(item, "enabled", ctx, false)?.unwrap_or(true);
            self.warn(WarningCode::DeprecatedItem, WARNING_ENABLED, ctx);
            return self.col.enable_rule(&name, enabled, ctx);
        }
        let cond = self
            .text(item, "condition", ctx, false)?
            .unwrap_or_default();
        let output = self.text(item, "output", ctx, false)?.unwrap_or_default();
        let desc = self.string(item, "desc", ctx, false)?.unwrap_or_default();
        let prio = self
            .string(item, "priority", ctx, false)?
            .unwrap_or_default();
        let output = trim(&output);
        let priority = prio.parse::<Priority>().map_err(|_| {
            let at = item.get("priority").map_or(ctx.loc(), |n| self.loc(n));
            yaml_err("Invalid priority", &ctx.with("rule priority", "", at))
        })?;
        let source = self
            .string(item, "source", ctx, true)?
            .unwrap_or_else(|| SYSCALL_SOURCE.to_string());
        let enabled = self.boolean(item, "enabled", ctx, true)?.unwrap_or(true);
        let capture = self.boolean(item, "capture", ctx, true)?.unwrap_or(false);
        let capture_duration = self
            .unsigned(item, "capture_duration", ctx, true)?
            .unwrap_or(0);
        let warn_evttypes = self
            .boolean(item, "warn_evttypes", ctx, true)?
            .unwrap_or(true);
        let skip_if_unknown_filter = self
            .boolean(item, "skip-if-unknown-filter", ctx, true)?
            .unwrap_or(false);
        let tags = self.tags(item, ctx)?.unwrap_or_default();
        let exceptions = self.exceptions(item, ctx, false)?;
        let info = RuleInfo {
            name,
            source,
            unknown_source: false,
            cond,
            output,
            desc,
            priority,
            tags,
            exceptions,
            enabled,
            capture,
            capture_duration,
            warn_evttypes,
            skip_if_unknown_filter,
            ctx: ctx.clone(),
            index: 0,
            visibility: 0,
        };
        self.col.define_rule(info, self.warnings)
    }

    fn rule_overrides(
        &mut self,
        item: &Node,
        name: &str,
        source: &str,
        o: &Overrides,
        ctx: &Ctx,
    ) -> RResult<()> {
        // Every overridable key the item has must be claimed by an entry.
        let mut expected: BTreeSet<&str> = RULE_APPENDABLE
            .iter()
            .chain(RULE_REPLACEABLE)
            .copied()
            .filter(|k| item.get(k).is_some())
            .collect();
        for (kind, keys) in [("append", &o.append), ("replace", &o.replace)] {
            if keys.is_empty() {
                continue;
            }
            let mut u = RuleUpdate {
                name: name.to_string(),
                ..RuleUpdate::default()
            };
            let want = |key: &str, expected: &mut BTreeSet<&str>| -> RResult<bool> {
                if !keys.contains(key) {
                    return Ok(false);
                }
                if !expected.remove(key) {
                    return Err(yaml_err(
                        format!("An {kind} override for '{key}' was specified but '{key}' is not defined"),
                        ctx,
                    ));
                }
                Ok(true)
            };
            if want("condition", &mut expected)? {
                u.source = source.to_string();
                u.cond = self.text(item, "condition", ctx, false)?;
            }
            if want("exceptions", &mut expected)? {
                u.exceptions = Some(self.exceptions(item, ctx, kind == "append")?);
            }
            if want("output", &mut expected)? {
                u.output = self.text(item, "output", ctx, false)?;
            }
            if want("desc", &mut expected)? {
                u.desc = self.string(item, "desc", ctx, false)?;
            }
            if want("tags", &mut expected)? {
                u.tags = self.tags(item, ctx)?;
            }
            if kind == "append" {
                self.col.append_rule(u, ctx)?;
                continue;
            }
            if want("priority", &mut expected)? {
                let p = self
                    .string(item, "priority", ctx, false)?
                    .unwrap_or_default();
                u.priority = Some(p.parse::<Priority>().map_err(|_| {
                    let at = item.get("priority").map_or(ctx.loc(), |n| self.loc(n));
                    yaml_err("Invalid priority", &ctx.with("rule priority", "", at))
                })?);
            }
            if want("capture", &mut expected)? {
                u.capture = self.boolean(item, "capture", ctx, false)?;
            }
            if want("capture_duration", &mut expected)? {
                u.capture_duration = self.unsigned(item, "capture_duration", ctx, false)?;
            }
            if want("enabled", &mut expected)? {
                u.enabled = self.boolean(item, "enabled", ctx, false)?;
            }
            if want("warn_evttypes", &mut expected)? {
                u.warn_evttypes = self.boolean(item, "warn_evttypes", ctx, false)?;
            }
            if want("skip-if-unknown-filter", &mut expected)? {
                u.skip_if_unknown_filter =
                    self.boolean(item, "skip-if-unknown-filter", ctx, false)?;
            }
            self.col.replace_rule(u, ctx)?;
        }
        if let Some(key) = expected.into_iter().next() {
            let at = item.get(key).map_or(ctx.loc(), |n| self.loc(n));
            return Err(yaml_err(
                format!(
                    "Unexpected key '{key}': no corresponding entry under 'override' is defined."
                ),
                &ctx.with("overrides", key, at),
            ));
        }
        Ok(())
    }
}

/// Falco trims outputs of a full definition.
fn trim(d: &Derived) -> Derived {
    let t = &d.text;
    let start = t.len() - t.trim_start().len();
    let end = t.trim_end().len().max(start);
    d.slice(start, end)
}
