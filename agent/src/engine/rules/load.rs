//! Reading one rules file: YAML documents -> typed, positioned items
//! (`rule`, `macro`, `list`; `required_engine_version` and
//! `required_plugin_versions` are accepted and ignored for now).
//!
//! Owns: the rules-file schema: which keys each item may have, which are
//! required, how scalars convert (booleans accept true/false/yes/no/on/off
//! like yaml-cpp), and registering every condition, output and list item
//! text with its scalar map so later errors point into the file.
//! Must never: resolve names across items (that is `ruleset`), and never
//! accept silently what it does not implement: unknown keys, `override`,
//! `exceptions`, non-syscall sources and the like are errors.

use super::error::{LoadError, LoadErrorKind, Loc, Registry};
use crate::engine::condition::ast::SrcId;
use crate::engine::priority::Priority;
use crate::engine::yaml::{parse_bool, Mark, Node, NodeKind, ScalarMap, SourceLines};

/// A `- list:` item.
pub struct ListItem {
    pub name: String,
    /// Each item's text, registered so errors can point at it.
    pub items: Vec<(String, SrcId)>,
    pub append: bool,
    pub at: Loc,
}

/// A `- macro:` item.
pub struct MacroItem {
    pub name: String,
    pub cond: SrcId,
    pub append: bool,
    pub at: Loc,
}

/// A complete rule definition.
pub struct FullRule {
    pub desc: String,
    pub cond: SrcId,
    pub output: String,
    /// The output as written (untrimmed) and where its trimmed form starts.
    pub output_src: SrcId,
    pub output_lead: usize,
    pub priority: Priority,
    pub tags: Vec<String>,
    pub enabled: bool,
}

pub enum RuleBody {
    Full(Box<FullRule>),
    /// `append: true`: condition text to append.
    Append(SrcId),
    /// Only `enabled`: toggles an existing rule.
    Enable(bool),
}

/// A `- rule:` item.
pub struct RuleItem {
    pub name: String,
    pub body: RuleBody,
    pub at: Loc,
}

pub enum Item {
    List(ListItem),
    Macro(MacroItem),
    Rule(RuleItem),
}

type LResult<T> = Result<T, LoadError>;

/// Reads the items of one parsed file.
pub struct Reader<'r> {
    reg: &'r mut Registry,
    file: usize,
    lines: SourceLines,
}

/// The keys of one mapping item, checked for duplicates.
struct Keys<'n> {
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
}

impl<'n> Keys<'n> {
    fn get(&self, k: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(n, _, _)| *n == k)
            .map(|(_, _, v)| *v)
    }

    fn has(&self, k: &str) -> bool {
        self.get(k).is_some()
    }
}

impl<'r> Reader<'r> {
    pub fn new(reg: &'r mut Registry, file: usize, text: &str) -> Reader<'r> {
        Reader {
            reg,
            file,
            lines: SourceLines::new(text),
        }
    }

    fn loc(&self, m: Mark) -> Loc {
        Loc {
            file: self.file,
            mark: m,
        }
    }

    fn err(&self, kind: LoadErrorKind, m: Mark, msg: impl Into<String>) -> LoadError {
        self.reg.error(kind, self.loc(m), msg)
    }

    fn invalid(&self, m: Mark, msg: impl Into<String>) -> LoadError {
        self.err(LoadErrorKind::YamlValidate, m, msg)
    }

    /// Every item of every document, in order.
    pub fn read(&mut self, docs: &[Node]) -> LResult<Vec<Item>> {
        let mut out = Vec::new();
        for doc in docs {
            if doc.is_null() {
                continue;
            }
            let NodeKind::Seq(items) = &doc.kind else {
                return Err(self.invalid(doc.mark, "rules content is not a YAML sequence of items (expected '- rule: ...', '- macro: ...' or '- list: ...')"));
            };
            for it in items {
                if it.is_null() {
                    continue;
                }
                if let Some(item) = self.item(it)? {
                    out.push(item);
                }
            }
        }
        Ok(out)
    }

    fn keys<'n>(&self, node: &'n Node) -> LResult<Keys<'n>> {
        let NodeKind::Map(kv) = &node.kind else {
            return Err(self.invalid(
                node.mark,
                format!(
                    "expected a mapping ('- rule: ...', '- macro: ...' or '- list: ...'), found {}",
                    node.kind_name()
                ),
            ));
        };
        let mut entries: Vec<(&'n str, &'n Node, &'n Node)> = Vec::new();
        for (k, v) in kv {
            let Some(name) = k.as_str() else {
                return Err(
                    self.invalid(k.mark, format!("expected a key, found {}", k.kind_name()))
                );
            };
            if entries.iter().any(|(n, _, _)| *n == name) {
                return Err(self.invalid(k.mark, format!("duplicate key '{name}'")));
            }
            entries.push((name, k, v));
        }
        Ok(Keys { entries })
    }

    /// Errors on any key outside `allowed`.
    fn only(&self, keys: &Keys, what: &str, allowed: &[&str]) -> LResult<()> {
        for (name, k, _) in &keys.entries {
            if !allowed.contains(name) {
                return Err(self.invalid(
                    k.mark,
                    format!(
                        "unknown key '{name}' in {what} (expected one of: {})",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn scalar<'n>(&self, keys: &Keys<'n>, key: &str) -> LResult<Option<(&'n str, &'n Node)>> {
        match keys.get(key) {
            None => Ok(None),
            Some(v) => match v.as_str() {
                Some(s) => Ok(Some((s, v))),
                None => Err(self.invalid(
                    v.mark,
                    format!("'{key}' must be a scalar, found {}", v.kind_name()),
                )),
            },
        }
    }

    /// A required non-empty scalar.
    fn required<'n>(
        &self,
        keys: &Keys<'n>,
        key: &str,
        item: Mark,
        what: &str,
    ) -> LResult<(&'n str, &'n Node)> {
        match self.scalar(keys, key)? {
            None => Err(self.invalid(item, format!("{what} has no '{key}'"))),
            Some((s, n)) if s.trim().is_empty() => {
                Err(self.invalid(n.mark, format!("'{key}' of {what} is empty")))
            }
            Some(v) => Ok(v),
        }
    }

    fn boolean(&self, keys: &Keys, key: &str) -> LResult<Option<bool>> {
        match self.scalar(keys, key)? {
            None => Ok(None),
            Some((s, n)) => parse_bool(s).map(Some).ok_or_else(|| {
                self.invalid(
                    n.mark,
                    format!("'{key}' must be true or false, found '{s}'"),
                )
            }),
        }
    }

    fn unsupported_keys(&self, keys: &Keys, list: &[&str]) -> LResult<()> {
        for k in list {
            if let Some((_, kn, _)) = keys.entries.iter().find(|(n, _, _)| n == k) {
                return Err(self.err(
                    LoadErrorKind::Unsupported,
                    kn.mark,
                    format!("'{k}' not supported yet"),
                ));
            }
        }
        Ok(())
    }

    fn text(&mut self, value: &str, node: &Node, what: String) -> SrcId {
        let map = ScalarMap::build(&self.lines, node);
        self.reg.add_text(value.to_string(), self.file, map, what)
    }

    fn item(&mut self, node: &Node) -> LResult<Option<Item>> {
        let keys = self.keys(node)?;
        if keys.has("required_engine_version") {
            self.only(
                &keys,
                "required_engine_version item",
                &["required_engine_version"],
            )?;
            // Checked for syntax only: lanner does not compare versions yet.
            if let Some((v, n)) = self.scalar(&keys, "required_engine_version")? {
                let v = v.trim();
                let number = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
                let semver = v.split('.').count() == 3
                    && v.split('.')
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
                if !number && !semver {
                    return Err(self.invalid(
                        n.mark,
                        format!("invalid required_engine_version '{v}' (expected a number or a version like 0.57.0)"),
                    ));
                }
            }
            return Ok(None);
        }
        if keys.has("required_plugin_versions") {
            self.only(
                &keys,
                "required_plugin_versions item",
                &["required_plugin_versions"],
            )?;
            return Ok(None);
        }
        if keys.has("list") {
            return self.list(node, &keys).map(|l| Some(Item::List(l)));
        }
        if keys.has("macro") {
            return self.macro_item(node, &keys).map(|m| Some(Item::Macro(m)));
        }
        if keys.has("rule") {
            return self.rule(node, &keys).map(|r| Some(Item::Rule(r)));
        }
        let first = keys.entries.first().map_or("", |(n, _, _)| *n);
        Err(self.invalid(
            node.mark,
            format!("unknown item '{first}' (expected rule, macro, list, required_engine_version or required_plugin_versions)"),
        ))
    }

    fn list(&mut self, node: &Node, keys: &Keys) -> LResult<ListItem> {
        self.unsupported_keys(keys, &["override"])?;
        self.only(keys, "list", &["list", "items", "append", "override"])?;
        let (name, _) = self.required(keys, "list", node.mark, "list")?;
        let what = format!("list \"{name}\"");
        let append = self.boolean(keys, "append")?.unwrap_or(false);
        let Some(items_node) = keys.get("items") else {
            return Err(self.invalid(node.mark, format!("{what} has no 'items'")));
        };
        let NodeKind::Seq(seq) = &items_node.kind else {
            return Err(self.invalid(
                items_node.mark,
                format!(
                    "'items' of {what} must be a sequence, found {}",
                    items_node.kind_name()
                ),
            ));
        };
        let mut items = Vec::with_capacity(seq.len());
        for it in seq {
            let Some(s) = it.as_str() else {
                return Err(self.invalid(
                    it.mark,
                    format!("items of {what} must be scalars, found {}", it.kind_name()),
                ));
            };
            let id = self.text(s, it, format!("item of {what}"));
            items.push((s.to_string(), id));
        }
        Ok(ListItem {
            name: name.to_string(),
            items,
            append,
            at: self.loc(node.mark),
        })
    }

    fn macro_item(&mut self, node: &Node, keys: &Keys) -> LResult<MacroItem> {
        self.unsupported_keys(keys, &["override"])?;
        self.only(keys, "macro", &["macro", "condition", "append", "override"])?;
        let (name, _) = self.required(keys, "macro", node.mark, "macro")?;
        let what = format!("macro \"{name}\"");
        let append = self.boolean(keys, "append")?.unwrap_or(false);
        let (cond, cnode) = self.required(keys, "condition", node.mark, &what)?;
        let cond = self.text(cond, cnode, format!("condition of {what}"));
        Ok(MacroItem {
            name: name.to_string(),
            cond,
            append,
            at: self.loc(node.mark),
        })
    }

    fn rule(&mut self, node: &Node, keys: &Keys) -> LResult<RuleItem> {
        self.unsupported_keys(keys, &["override", "exceptions"])?;
        self.only(
            keys,
            "rule",
            &[
                "rule",
                "condition",
                "output",
                "desc",
                "priority",
                "source",
                "enabled",
                "tags",
                "append",
                "exceptions",
                "override",
                "capture",
                "capture_duration",
                "warn_evttypes",
                "skip-if-unknown-filter",
            ],
        )?;
        let (name, _) = self.required(keys, "rule", node.mark, "rule")?;
        let name = name.to_string();
        let what = format!("rule \"{name}\"");
        let at = self.loc(node.mark);
        if let Some((src, n)) = self.scalar(keys, "source")? {
            if src != "syscall" {
                return Err(self.err(
                    LoadErrorKind::Unsupported,
                    n.mark,
                    format!("source '{src}' of {what} not supported yet (only syscall)"),
                ));
            }
        }
        for k in ["capture", "skip-if-unknown-filter"] {
            if self.boolean(keys, k)? == Some(true) {
                let kn = keys
                    .entries
                    .iter()
                    .find(|(n, _, _)| *n == k)
                    .map_or(node.mark, |e| e.1.mark);
                return Err(self.err(
                    LoadErrorKind::Unsupported,
                    kn,
                    format!("'{k}: true' not supported yet"),
                ));
            }
        }
        self.boolean(keys, "warn_evttypes")?;
        if let Some((v, n)) = self.scalar(keys, "capture_duration")? {
            if v.trim().parse::<u64>().is_err() {
                return Err(self.invalid(
                    n.mark,
                    format!("'capture_duration' must be a number, found '{v}'"),
                ));
            }
        }

        if self.boolean(keys, "append")? == Some(true) {
            for (k, kn, _) in &keys.entries {
                if !matches!(*k, "rule" | "condition" | "append" | "source") {
                    return Err(self.invalid(
                        kn.mark,
                        format!("'{k}' cannot be used with 'append: true' (only 'condition' can be appended)"),
                    ));
                }
            }
            let (cond, cnode) =
                self.required(keys, "condition", node.mark, &format!("appending {what}"))?;
            let cond = self.text(cond, cnode, format!("condition of {what}"));
            return Ok(RuleItem {
                name,
                body: RuleBody::Append(cond),
                at,
            });
        }

        let defining = ["condition", "output", "desc", "priority"]
            .iter()
            .any(|k| keys.has(k));
        if !defining {
            let Some(enabled) = self.boolean(keys, "enabled")? else {
                return Err(self.invalid(
                    node.mark,
                    format!("{what} has none of condition, output, desc, priority or enabled"),
                ));
            };
            for (k, kn, _) in &keys.entries {
                if !matches!(*k, "rule" | "enabled" | "source") {
                    return Err(self.invalid(
                        kn.mark,
                        format!("{what} only toggles 'enabled': '{k}' needs a full definition"),
                    ));
                }
            }
            return Ok(RuleItem {
                name,
                body: RuleBody::Enable(enabled),
                at,
            });
        }

        let (cond, cnode) = self.required(keys, "condition", node.mark, &what)?;
        let cond = self.text(cond, cnode, format!("condition of {what}"));
        let (output, onode) = self.required(keys, "output", node.mark, &what)?;
        let output_lead = output.len() - output.trim_start().len();
        let output_src = self.text(output, onode, format!("output of {what}"));
        let output = output.trim().to_string();
        let (desc, _) = self.required(keys, "desc", node.mark, &what)?;
        let (prio, pnode) = self.required(keys, "priority", node.mark, &what)?;
        let priority = prio
            .trim()
            .parse::<Priority>()
            .map_err(|e| self.invalid(pnode.mark, e.to_string()))?;
        let enabled = self.boolean(keys, "enabled")?.unwrap_or(true);
        let tags = match keys.get("tags") {
            None => Vec::new(),
            Some(t) => {
                let NodeKind::Seq(seq) = &t.kind else {
                    return Err(self.invalid(
                        t.mark,
                        format!(
                            "'tags' of {what} must be a sequence, found {}",
                            t.kind_name()
                        ),
                    ));
                };
                let mut tags = Vec::with_capacity(seq.len());
                for tag in seq {
                    match tag.as_str() {
                        Some(s) => tags.push(s.to_string()),
                        None => {
                            return Err(self.invalid(
                                tag.mark,
                                format!(
                                    "tags of {what} must be scalars, found {}",
                                    tag.kind_name()
                                ),
                            ))
                        }
                    }
                }
                tags
            }
        };
        Ok(RuleItem {
            name,
            body: RuleBody::Full(Box::new(FullRule {
                desc: desc.to_string(),
                cond,
                output,
                output_src,
                output_lead,
                priority,
                tags,
                enabled,
            })),
            at,
        })
    }
}
