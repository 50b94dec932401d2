//! Reading one rules file: YAML documents -> items fed to the collector,
//! with Falco's rules-file schema and messages.
//!
//! Items are recognised by key, in Falco's order: `required_engine_version`,
//! `required_plugin_versions`, `list`, `macro`, `rule`; anything else is a
//! `LOAD_UNKNOWN_ITEM` warning, unknown keys inside an item are
//! `LOAD_UNKNOWN_KEY` warnings. Scalars convert on demand like yaml-cpp
//! (booleans accept true/false/yes/no/on/off). Reading stops at the first
//! error of the file; warnings are collected.
//!
//! Owns: the schema (required keys, value shapes, `append`/`override`
//! usage and its errors) and the item -> collector calls.
//! Must never: compile conditions or resolve names across items.

use super::collect::{Collector, ListInfo, ListItem, MacroInfo, PluginRequirement};
use super::error::{Ctx, Diag, LoadErrorKind, WarningCode};
use super::exceptions::required_scalar;
use super::text::{Derived, Loc, Registry};
use super::version::Version;
use crate::engine::yaml::{parse_bool, Node, NodeKind};
use std::collections::BTreeSet;

pub(super) const WARNING_APPEND: &str = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
pub(super) const ERROR_OVERRIDE_APPEND: &str = "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";

pub(super) type RResult<T> = Result<T, Diag>;

pub(super) fn yaml_err(msg: impl Into<String>, ctx: &Ctx) -> Diag {
    Diag::error(LoadErrorKind::YamlValidate, msg, ctx)
}

/// `[a-zA-Z]+[a-zA-Z0-9_]*`, Falco's macro-name (identifier) pattern.
fn is_identifier(s: &str) -> bool {
    let b = s.as_bytes();
    let alpha = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    alpha > 0
        && b[alpha..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// `[^()"'[:space:]=,]+`, Falco's list-name (bare string) pattern.
fn is_bare_string(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| matches!(c, '(' | ')' | '"' | '\'' | '=' | ',') || c.is_ascii_whitespace())
}

/// Reads the items of one file into the collector.
pub struct Reader<'r> {
    pub reg: &'r mut Registry,
    pub col: &'r mut Collector,
    pub warnings: &'r mut Vec<Diag>,
    pub file: usize,
}

/// The `override:` entries of an item.
#[derive(Default)]
pub(super) struct Overrides {
    pub append: BTreeSet<String>,
    pub replace: BTreeSet<String>,
}

impl Overrides {
    pub fn any(&self) -> bool {
        !self.append.is_empty() || !self.replace.is_empty()
    }
}

impl Reader<'_> {
    pub(super) fn loc(&self, n: &Node) -> Loc {
        Loc {
            file: self.file,
            mark: n.mark,
        }
    }

    /// Every item of every document; stops at the first error.
    pub fn read(&mut self, docs: &[Node]) -> RResult<()> {
        let ctx = Ctx::file(self.file);
        for doc in docs {
            if doc.is_null() {
                continue;
            }
            let NodeKind::Seq(items) = &doc.kind else {
                let msg = if doc.as_map().is_some() {
                    "Rules content is not yaml array of objects"
                } else {
                    "Rules content is not yaml"
                };
                return Err(yaml_err(msg, &ctx));
            };
            for it in items {
                if !it.is_null() {
                    self.item(it, &ctx)?;
                }
            }
        }
        Ok(())
    }

    /// Falco's `decode_val`/`decode_optional_val`: `None` when absent and
    /// optional (or null/empty and `can_be_empty`).
    pub(super) fn scalar<'n>(
        &self,
        item: &'n Node,
        key: &str,
        ctx: &Ctx,
        optional: bool,
        can_be_empty: bool,
    ) -> RResult<Option<(&'n str, &'n Node)>> {
        let Some(v) = item.get(key) else {
            if optional {
                return Ok(None);
            }
            return Err(yaml_err(
                format!("Item has no mapping for key '{key}'"),
                ctx,
            ));
        };
        if v.is_null() {
            if can_be_empty {
                return Ok(None);
            }
            return Err(yaml_err(format!("Mapping for key '{key}' is empty"), ctx));
        }
        let vctx = ctx.with("value for", key, self.loc(v));
        match v.as_str() {
            None => Err(yaml_err("Value is not a scalar value", &vctx)),
            Some("") if can_be_empty => Ok(None),
            Some("") => Err(yaml_err("Value must be non-empty", &vctx)),
            Some(s) => Ok(Some((s, v))),
        }
    }

    pub(super) fn string(
        &self,
        item: &Node,
        key: &str,
        ctx: &Ctx,
        optional: bool,
    ) -> RResult<Option<String>> {
        Ok(self
            .scalar(item, key, ctx, optional, false)?
            .map(|(s, _)| s.to_string()))
    }

    pub(super) fn boolean(
        &self,
        item: &Node,
        key: &str,
        ctx: &Ctx,
        optional: bool,
    ) -> RResult<Option<bool>> {
        match self.scalar(item, key, ctx, optional, false)? {
            None => Ok(None),
            Some((s, n)) => parse_bool(s).map(Some).ok_or_else(|| {
                yaml_err(
                    "Can't decode YAML scalar value",
                    &ctx.with("value for", key, self.loc(n)),
                )
            }),
        }
    }

    pub(super) fn unsigned(
        &self,
        item: &Node,
        key: &str,
        ctx: &Ctx,
        optional: bool,
    ) -> RResult<Option<u64>> {
        match self.scalar(item, key, ctx, optional, false)? {
            None => Ok(None),
            Some((s, n)) => parse_unsigned(s).map(Some).ok_or_else(|| {
                yaml_err(
                    "Can't decode YAML scalar value",
                    &ctx.with("value for", key, self.loc(n)),
                )
            }),
        }
    }

    /// A scalar as a located text.
    pub(super) fn text(
        &mut self,
        item: &Node,
        key: &str,
        ctx: &Ctx,
        optional: bool,
    ) -> RResult<Option<Derived>> {
        let file = self.file;
        match self.scalar(item, key, ctx, optional, false)? {
            None => Ok(None),
            Some((_, n)) => Ok(Some(self.reg.scalar(file, n))),
        }
    }

    /// A sequence of scalars (`items`, `tags`).
    pub(super) fn seq<'n>(
        &self,
        item: &'n Node,
        key: &str,
        ctx: &Ctx,
        optional: bool,
    ) -> RResult<Option<Vec<&'n Node>>> {
        let Some(v) = item.get(key) else {
            if optional {
                return Ok(None);
            }
            return Err(yaml_err(
                format!("Item has no mapping for key '{key}'"),
                ctx,
            ));
        };
        let vctx = ctx.with("value for", key, self.loc(v));
        let NodeKind::Seq(items) = &v.kind else {
            return Err(yaml_err("Value is not a sequence", &vctx));
        };
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if it.as_str().is_none() || it.is_null() {
                return Err(yaml_err(
                    "sequence value is not scalar",
                    &vctx.with("list item", "", self.loc(it)),
                ));
            }
            out.push(it);
        }
        Ok(Some(out))
    }

    pub(super) fn tags(&self, item: &Node, ctx: &Ctx) -> RResult<Option<BTreeSet<String>>> {
        Ok(self.seq(item, "tags", ctx, true)?.map(|v| {
            v.iter()
                .filter_map(|n| n.as_str())
                .map(str::to_string)
                .collect()
        }))
    }

    pub(super) fn warn(&mut self, code: WarningCode, msg: impl Into<String>, ctx: &Ctx) {
        self.warnings.push(Diag::warning(code, msg, ctx));
    }

    pub(super) fn warn_unknown_keys(&mut self, item: &Node, expected: &[&str], ctx: &Ctx) {
        for (k, _) in item.as_map().unwrap_or_default() {
            let key = k.as_str().unwrap_or("");
            if !expected.contains(&key) {
                let c = ctx.with("value for", key, self.loc(k));
                self.warn(
                    WarningCode::UnknownKey,
                    format!("Unknown key '{key}'. The key will be ignored."),
                    &c,
                );
            }
        }
    }

    pub(super) fn overrides(
        &self,
        item: &Node,
        appendable: &[&str],
        replaceable: &[&str],
        ctx: &Ctx,
    ) -> RResult<Overrides> {
        let mut o = Overrides::default();
        let Some(v) = item.get("override") else {
            return Ok(o);
        };
        let octx = ctx.with("overrides", "", self.loc(v));
        let entries = match &v.kind {
            NodeKind::Map(e) => e.as_slice(),
            NodeKind::Scalar(..) => return Ok(o),
            NodeKind::Seq(_) => {
                return Err(Diag::error(
                    LoadErrorKind::Validate,
                    "bad conversion",
                    &octx,
                ))
            }
        };
        for (k, op) in entries {
            let (Some(key), Some(operation)) = (k.as_str(), op.as_str()) else {
                return Err(Diag::error(
                    LoadErrorKind::Validate,
                    "bad conversion",
                    &octx,
                ));
            };
            let kctx = octx.with("overrides", key, self.loc(k));
            let (can_append, can_replace) = (appendable.contains(&key), replaceable.contains(&key));
            match operation {
                "append" => {
                    if !can_append {
                        return Err(yaml_err(
                            format!("Key '{key}' cannot be appended to, use 'replace' instead"),
                            &kctx,
                        ));
                    }
                    o.append.insert(key.to_string());
                }
                "replace" => {
                    if !can_replace {
                        return Err(yaml_err(format!("Key '{key}' cannot be replaced"), &kctx));
                    }
                    o.replace.insert(key.to_string());
                }
                _ => {
                    let mut allowed = String::new();
                    if can_append {
                        allowed.push_str("append ");
                    }
                    if can_replace {
                        allowed.push_str("replace ");
                    }
                    return Err(yaml_err(
                        format!("Invalid override operation for key '{key}': '{operation}'. Allowed values are: {allowed}"),
                        &octx.with("value for", key, self.loc(op)),
                    ));
                }
            }
        }
        Ok(o)
    }

    fn item(&mut self, item: &Node, parent: &Ctx) -> RResult<()> {
        if item.as_map().is_none() {
            return Err(yaml_err(
                "Unexpected element type. Each element should be a yaml associative array.",
                &parent.with("rules content item", "", self.loc(item)),
            ));
        }
        if item.get("required_engine_version").is_some() {
            self.engine_version(item, parent)
        } else if item.get("required_plugin_versions").is_some() {
            self.plugin_versions(item, parent)
        } else if item.get("list").is_some() {
            self.list(item, parent)
        } else if item.get("macro").is_some() {
            self.macro_item(item, parent)
        } else if item.get("rule").is_some() {
            self.rule(item, parent)
        } else {
            let ctx = parent.with("rules content item", "", self.loc(item));
            self.warn(WarningCode::UnknownItem, "Unknown top level item", &ctx);
            Ok(())
        }
    }

    fn engine_version(&mut self, item: &Node, parent: &Ctx) -> RResult<()> {
        let ctx = parent.with("required_engine_version", "", self.loc(item));
        let ver = self
            .string(item, "required_engine_version", &ctx, false)?
            .unwrap_or_default();
        let v = match parse_unsigned(&ver).filter(|n| *n <= u64::from(u32::MAX)) {
            Some(n) => Version::implicit(n),
            None => Version::parse(&ver).ok_or_else(|| {
                yaml_err(
                    format!("Unable to parse engine version '{ver}' as a semver string. Expected \"x.y.z\" semver format."),
                    &ctx,
                )
            })?,
        };
        self.col.define_engine_version(v, &ctx)?;
        self.warn_unknown_keys(item, &["required_engine_version"], &ctx);
        Ok(())
    }

    fn plugin_versions(&mut self, item: &Node, parent: &Ctx) -> RResult<()> {
        let Some(reqs) = item.get("required_plugin_versions") else {
            return Ok(());
        };
        let ctx = parent.with("required plugin versions", "", self.loc(reqs));
        let NodeKind::Seq(list) = &reqs.kind else {
            return Err(yaml_err(
                "Value of required_plugin_versions must be a sequence",
                &ctx,
            ));
        };
        for plugin in list {
            let tmp = ctx.with("required plugin versions entry", "", self.loc(plugin));
            if plugin.as_map().is_none() {
                return Err(yaml_err("Plugin version must be a mapping", &tmp));
            }
            let loc = |n: &Node| self.loc(n);
            let name = required_scalar(plugin, "name", &tmp, loc)?;
            let pctx = ctx.with("required plugin versions entry", &name, self.loc(plugin));
            let version = required_scalar(plugin, "version", &pctx, loc)?;
            let mut alternatives = vec![(name, version)];
            if let Some(alts) = plugin.get("alternatives") {
                let NodeKind::Seq(alts) = &alts.kind else {
                    return Err(yaml_err(
                        "Value of plugin version alternatives must be a sequence",
                        &pctx,
                    ));
                };
                for alt in alts {
                    let actx = pctx.with("required plugin versions alternative", "", self.loc(alt));
                    if alt.as_map().is_none() {
                        return Err(yaml_err(
                            "Plugin version alternative must be a mapping",
                            &actx,
                        ));
                    }
                    let n = required_scalar(alt, "name", &actx, loc)?;
                    let actx = pctx.with("required plugin versions alternative", &n, self.loc(alt));
                    let v = required_scalar(alt, "version", &actx, loc)?;
                    alternatives.push((n, v));
                }
            }
            self.col.define_plugin_requirement(PluginRequirement {
                alternatives,
                ctx: pctx,
            })?;
        }
        let ctx = parent.with("required plugin versions", "", self.loc(item));
        self.warn_unknown_keys(item, &["required_plugin_versions"], &ctx);
        Ok(())
    }

    fn list(&mut self, item: &Node, parent: &Ctx) -> RResult<()> {
        let tmp = parent.with("list", "", self.loc(item));
        let name = self.string(item, "list", &tmp, false)?.unwrap_or_default();
        let ctx = parent.with("list", &name, self.loc(item));
        if !is_bare_string(&name) {
            self.warn(
                WarningCode::InvalidListName,
                "List has an invalid name. List names should match a regular expression: ([^()\"'[:space:]=,]+)",
                &ctx,
            );
        }
        let nodes = self.seq(item, "items", &ctx, false)?.unwrap_or_default();
        let file = self.file;
        let items = nodes
            .into_iter()
            .map(|n| ListItem {
                text: self.reg.scalar(file, n),
            })
            .collect();
        let append = self.appends_to(item, "items", &ctx)?;
        let info = ListInfo {
            name,
            items,
            ctx: ctx.clone(),
            index: 0,
            visibility: 0,
        };
        if append {
            self.col.append_list(info)?;
        } else {
            self.col.define_list(info);
        }
        self.warn_unknown_keys(item, &["list", "items", "append", "override"], &ctx);
        Ok(())
    }

    /// Whether a list or macro item extends `key` of an earlier definition:
    /// deprecated `append: true` (warned) or `override: {key: append}`;
    /// both at once is Falco's error.
    fn appends_to(&mut self, item: &Node, key: &str, ctx: &Ctx) -> RResult<bool> {
        let append = self.boolean(item, "append", ctx, true)?.unwrap_or(false);
        if append {
            self.warn(WarningCode::DeprecatedItem, WARNING_APPEND, ctx);
        }
        let o = self.overrides(item, &[key], &[key], ctx)?;
        if append && o.any() {
            return Err(yaml_err(ERROR_OVERRIDE_APPEND, ctx));
        }
        Ok(append || o.append.contains(key))
    }

    fn macro_item(&mut self, item: &Node, parent: &Ctx) -> RResult<()> {
        let tmp = parent.with("macro", "", self.loc(item));
        let name = self.string(item, "macro", &tmp, false)?.unwrap_or_default();
        let ctx = parent.with("macro", &name, self.loc(item));
        if !is_identifier(&name) {
            self.warn(
                WarningCode::InvalidMacroName,
                "Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)",
                &ctx,
            );
        }
        let cond = self
            .text(item, "condition", &ctx, false)?
            .unwrap_or_default();
        let append = self.appends_to(item, "condition", &ctx)?;
        let info = MacroInfo {
            name,
            cond,
            ctx: ctx.clone(),
            index: 0,
            visibility: 0,
        };
        if append {
            self.col.append_macro(info)?;
        } else {
            self.col.define_macro(info);
        }
        self.warn_unknown_keys(item, &["macro", "condition", "append", "override"], &ctx);
        Ok(())
    }
}

/// yaml-cpp's unsigned conversion: decimal digits (a leading `+` allowed).
fn parse_unsigned(s: &str) -> Option<u64> {
    let t = s.strip_prefix('+').unwrap_or(s);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_patterns() {
        assert!(is_identifier("open_write2"));
        assert!(!is_identifier("test-macro"));
        assert!(!is_identifier("_x"));
        assert!(is_bare_string("k8s-list.x"));
        assert!(!is_bare_string("test list"));
        assert_eq!(parse_unsigned("26"), Some(26));
        assert_eq!(parse_unsigned("-1"), None);
        assert_eq!(parse_unsigned("0.26.0"), None);
    }
}
