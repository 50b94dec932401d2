//! The collection of items from all rules files, its compilation, and the
//! compiled [`Ruleset`] that evaluates events.
//!
//! Collection follows Falco: items are defined in file order; redefining a
//! name replaces it but keeps its position; `append: true` extends a list's
//! items or joins a macro's or rule's condition text with a blank; an
//! enable-only rule item toggles an earlier rule. After each file the whole
//! collection is compiled, so a file may use what earlier files define.
//!
//! Compilation: list items that name an earlier list are replaced by its
//! items; conditions are parsed, macro references (bare identifiers) are
//! replaced by the macro's tree (a macro sees macros defined before its
//! last definition, a rule sees all; loops are errors), list names in
//! `in (...)`-style lists are replaced by the list's items (on the tree, so
//! positions stay exact, unlike Falco's textual substitution), and the
//! result is compiled. Rules are indexed by the event types they can match.
//!
//! Owns: name resolution across items, ordering, the evaluation index and
//! the public evaluation API.
//! Must never: return a partially loaded ruleset: any error anywhere means
//! no ruleset.

use super::error::{LoadError, LoadErrorKind, Loc, Registry};
use super::load::{FullRule, Item, Reader, RuleBody};
use crate::engine::condition::ast::{Compare, Expr, ExprKind, Literal, Rhs, Span, SrcId};
use crate::engine::condition::parse::{parse, parse_list_item};
use crate::engine::condition::{compile, Filter};
use crate::engine::field::{FieldRef, FieldSource};
use crate::engine::format::OutputFormat;
use crate::engine::priority::Priority;
use crate::engine::yaml;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Upper bounds on one rule's condition after macro expansion: nodes, and
/// nesting (compilation, evaluation and printing recurse over it).
const MAX_EXPANDED_NODES: usize = 200_000;
const MAX_EXPANDED_DEPTH: usize = 500;
/// Upper bound on a list's items after expanding the lists it names.
const MAX_LIST_ITEMS: usize = 100_000;

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub desc: String,
    pub priority: Priority,
    pub tags: Vec<String>,
    pub enabled: bool,
    /// The output template, trimmed, as written.
    pub output: String,
    /// Always "syscall" for now.
    pub source: String,
    /// The condition as written (appended parts joined with a blank).
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
    /// True if the rule's condition holds for the event.
    pub fn matches(&self, src: &dyn FieldSource) -> bool {
        self.filter.eval(src)
    }

    /// The output for one event, and each distinct `%field` token as
    /// written with its rendered value (`<NA>` when missing).
    pub fn render_output(&self, src: &dyn FieldSource) -> (String, Vec<(String, String)>) {
        self.format.render(src)
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

/// Enabled rules by event type, each bucket in rule order.
#[derive(Debug, Clone, Default)]
struct Index {
    by_type: HashMap<Box<str>, Box<[u32]>>,
    /// Rules matching any event type (the bucket for unlisted types).
    any: Box<[u32]>,
}

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
                    any.push(i);
                    by_type.values_mut().for_each(|v| v.push(i));
                }
                Some(t) => t.iter().for_each(|t| {
                    if let Some(v) = by_type.get_mut(t.as_str()) {
                        v.push(i);
                    }
                }),
            }
        }
        Index {
            by_type: by_type
                .into_iter()
                .map(|(k, v)| (k.into(), v.into_boxed_slice()))
                .collect(),
            any: any.into_boxed_slice(),
        }
    }

    fn bucket(&self, evt_type: &str) -> &[u32] {
        self.by_type.get(evt_type).unwrap_or(&self.any)
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
    /// Loads rules files in order (a directory contributes its `*.yaml`
    /// and `*.yml` files, sorted by name). All or nothing.
    pub fn load_files(paths: &[PathBuf]) -> Result<Ruleset, LoadError> {
        let mut files: Vec<(String, String)> = Vec::new();
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|e| LoadError {
                kind: LoadErrorKind::FileRead,
                file: p.display().to_string(),
                line: 0,
                col: 0,
                message: format!("cannot read rules file: {e}"),
                source_line: None,
            })
        };
        for p in paths {
            if p.is_dir() {
                let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                    .map_err(|e| LoadError {
                        kind: LoadErrorKind::FileRead,
                        file: p.display().to_string(),
                        line: 0,
                        col: 0,
                        message: format!("cannot read rules directory: {e}"),
                        source_line: None,
                    })?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|f| {
                        f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml")
                    })
                    .collect();
                entries.sort();
                for f in entries {
                    files.push((f.display().to_string(), read(&f)?));
                }
            } else {
                files.push((p.display().to_string(), read(p)?));
            }
        }
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        Ruleset::load_sources(&refs)
    }

    /// Loads one rules file given as text; `name` is used in errors.
    pub fn load_str(name: &str, text: &str) -> Result<Ruleset, LoadError> {
        Ruleset::load_sources(&[(name, text)])
    }

    /// Loads several rules files given as `(name, text)`, in order.
    pub fn load_sources(sources: &[(&str, &str)]) -> Result<Ruleset, LoadError> {
        let mut reg = Registry::default();
        let mut col = Collector::default();
        let mut rules = Vec::new();
        for (name, text) in sources {
            let file = reg.add_file(name, text);
            let docs = yaml::parse(name, text).map_err(|e| {
                reg.error(
                    LoadErrorKind::YamlParse,
                    Loc {
                        file,
                        mark: e.mark(),
                    },
                    format!("invalid YAML: {}", e.message),
                )
            })?;
            let items = Reader::new(&mut reg, file, text).read(&docs)?;
            for it in items {
                col.add(&mut reg, it)?;
            }
            rules = col.compile(&reg)?;
        }
        let index = Index::build(&rules);
        Ok(Ruleset { rules, index })
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
        self.index
            .bucket(evt_type)
            .iter()
            .map(|&i| &self.rules[i as usize])
            .find(|r| r.filter.eval(src))
    }

    /// Every enabled rule matching the event, in definition order
    /// (`rule_matching: all`).
    pub fn all_matches<'a: 's, 's>(
        &'a self,
        evt_type: &str,
        src: &'s dyn FieldSource,
    ) -> impl Iterator<Item = &'a Rule> + 's {
        self.index
            .bucket(evt_type)
            .iter()
            .map(|&i| &self.rules[i as usize])
            .filter(move |r| r.filter.eval(src))
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
}

/// One named item and its place in the definition order.
struct Def<T> {
    name: String,
    value: T,
    /// Order of first definition (evaluation order for rules).
    index: usize,
    /// Order of the last (re)definition or append.
    visibility: usize,
    at: Loc,
}

struct Table<T> {
    defs: Vec<Def<T>>,
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
    fn get(&self, name: &str) -> Option<&Def<T>> {
        self.by_name.get(name).map(|&i| &self.defs[i])
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Def<T>> {
        self.by_name.get(name).map(|&i| &mut self.defs[i])
    }

    /// Defines or redefines (keeping the position).
    fn define(&mut self, name: String, value: T, counter: usize, at: Loc) {
        if let Some(d) = self.get_mut(&name) {
            d.value = value;
            d.visibility = counter;
            d.at = at;
            return;
        }
        self.by_name.insert(name.clone(), self.defs.len());
        self.defs.push(Def {
            name,
            value,
            index: counter,
            visibility: counter,
            at,
        });
    }
}

#[derive(Default)]
struct Collector {
    lists: Table<Vec<(String, SrcId)>>,
    macros: Table<SrcId>,
    rules: Table<FullRule>,
    counter: usize,
}

fn no_previous(reg: &Registry, kind: &str, name: &str, at: Loc) -> LoadError {
    reg.error(
        LoadErrorKind::Validate,
        at,
        format!(
            "{kind} \"{name}\" has 'append: true' but no {kind} of that name was defined before"
        ),
    )
}

impl Collector {
    fn add(&mut self, reg: &mut Registry, item: Item) -> Result<(), LoadError> {
        let c = self.counter;
        self.counter += 1;
        match item {
            Item::List(l) if l.append => {
                let d = self.lists.get_mut(&l.name).ok_or_else(|| no_previous(reg, "list", &l.name, l.at))?;
                d.value.extend(l.items);
                d.visibility = c;
            }
            Item::List(l) => self.lists.define(l.name, l.items, c, l.at),
            Item::Macro(m) if m.append => {
                let d = self.macros.get_mut(&m.name).ok_or_else(|| no_previous(reg, "macro", &m.name, m.at))?;
                d.value = reg.concat(d.value, m.cond);
                d.visibility = c;
            }
            Item::Macro(m) => self.macros.define(m.name, m.cond, c, m.at),
            Item::Rule(r) => match r.body {
                RuleBody::Full(full) => self.rules.define(r.name, *full, c, r.at),
                RuleBody::Append(cond) => {
                    let d = self.rules.get_mut(&r.name).ok_or_else(|| no_previous(reg, "rule", &r.name, r.at))?;
                    d.value.cond = reg.concat(d.value.cond, cond);
                    d.visibility = c;
                }
                RuleBody::Enable(enabled) => match self.rules.get_mut(&r.name) {
                    Some(d) => d.value.enabled = enabled,
                    None => {
                        return Err(reg.error(
                            LoadErrorKind::Validate,
                            r.at,
                            format!("rule \"{}\" sets 'enabled' but no rule of that name was defined before", r.name),
                        ))
                    }
                },
            },
        }
        Ok(())
    }

    /// Compiles everything collected so far.
    fn compile(&self, reg: &Registry) -> Result<Vec<Rule>, LoadError> {
        let parse_error = |src: SrcId, e: crate::engine::condition::ParseError| {
            let msg = e.message.clone();
            let suffix = e
                .expected
                .as_ref()
                .map(|x| format!(": expected {x}"))
                .unwrap_or_default();
            reg.span_error(
                LoadErrorKind::CompileCondition,
                Span::new(src, e.pos, e.pos),
                &msg,
                &suffix,
            )
        };

        // Lists, each expanded with the earlier lists it names.
        let mut lists: HashMap<&str, Vec<Literal>> = HashMap::new();
        for l in &self.lists.defs {
            let mut out = Vec::new();
            for (text, src) in &l.value {
                if let Some(r) = self.lists.get(text).filter(|r| r.index < l.visibility) {
                    if let Some(done) = lists.get(r.name.as_str()) {
                        out.extend(done.iter().cloned());
                    } else {
                        for (t, s) in &r.value {
                            out.push(parse_list_item(t, *s).map_err(|e| parse_error(*s, e))?);
                        }
                    }
                    continue;
                }
                out.push(parse_list_item(text, *src).map_err(|e| parse_error(*src, e))?);
            }
            if out.len() > MAX_LIST_ITEMS {
                return Err(reg.error(
                    LoadErrorKind::Validate,
                    l.at,
                    format!(
                        "list \"{}\" has more than {MAX_LIST_ITEMS} items once the lists it names are expanded",
                        l.name
                    ),
                ));
            }
            lists.insert(&l.name, out);
        }

        // Macros: parse all, check references against visibility.
        let mut macros: HashMap<&str, Expr> = HashMap::new();
        for m in &self.macros.defs {
            let e = parse(reg.text(m.value), m.value).map_err(|e| parse_error(m.value, e))?;
            macros.insert(&m.name, e);
        }
        for m in &self.macros.defs {
            let mut refs = Vec::new();
            macro_refs(&macros[m.name.as_str()], &mut refs);
            for (name, span) in refs {
                if self
                    .macros
                    .get(name)
                    .is_none_or(|t| t.index >= m.visibility)
                {
                    return Err(reg.span_error(
                        LoadErrorKind::Validate,
                        span,
                        &format!("undefined macro '{name}'"),
                        "",
                    ));
                }
            }
        }

        check_macro_loops(reg, &self.macros, &macros)?;

        // Rules.
        let mut out = Vec::with_capacity(self.rules.defs.len());
        for d in &self.rules.defs {
            let r = &d.value;
            let what_rule = format!(" (used by rule \"{}\")", d.name);
            let ast = parse(reg.text(r.cond), r.cond).map_err(|e| parse_error(r.cond, e))?;
            let mut ex = Expander {
                macros: &macros,
                lists: &lists,
                stack: Vec::new(),
                nodes: 0,
            };
            let expanded = ex.expand(&ast, 0).map_err(|(kind, span, msg)| {
                let suffix = if span.src == r.cond {
                    ""
                } else {
                    what_rule.as_str()
                };
                reg.span_error(kind, span, &msg, suffix)
            })?;
            let filter = compile(&expanded).map_err(|e| {
                let kind = if e.unsupported {
                    LoadErrorKind::Unsupported
                } else {
                    LoadErrorKind::CompileCondition
                };
                let suffix = if e.span.src == r.cond {
                    ""
                } else {
                    what_rule.as_str()
                };
                reg.span_error(kind, e.span, &e.message, suffix)
            })?;
            let format = OutputFormat::parse(&r.output).map_err(|e| {
                let kind = if e.unsupported {
                    LoadErrorKind::Unsupported
                } else {
                    LoadErrorKind::CompileOutput
                };
                let at = r.output_lead + e.offset;
                reg.span_error(kind, Span::new(r.output_src, at, at), &e.message, "")
            })?;
            out.push(Rule {
                name: d.name.clone(),
                desc: r.desc.clone(),
                priority: r.priority,
                tags: r.tags.clone(),
                enabled: r.enabled,
                output: r.output.clone(),
                source: "syscall".to_string(),
                condition: reg.text(r.cond).to_string(),
                event_types: filter.event_types(),
                file: reg.file_name(d.at.file).to_string(),
                line: d.at.mark.line,
                expanded: expanded.to_string(),
                filter,
                format,
            });
        }
        Ok(out)
    }
}

/// Macro references (name, span) in a parsed condition.
fn macro_refs<'e>(e: &'e Expr, out: &mut Vec<(&'e str, Span)>) {
    match &e.kind {
        ExprKind::And(c) | ExprKind::Or(c) => c.iter().for_each(|c| macro_refs(c, out)),
        ExprKind::Not(c) => macro_refs(c, out),
        ExprKind::Macro(name) => out.push((name, e.span)),
        ExprKind::Exists(_) | ExprKind::Compare(_) => {}
    }
}

/// Falco reports reference loops in every macro, used or not. Iterative
/// depth-first search, so no recursion however long the chains.
fn check_macro_loops(
    reg: &Registry,
    table: &Table<SrcId>,
    asts: &HashMap<&str, Expr>,
) -> Result<(), LoadError> {
    let graph: HashMap<&str, Vec<(&str, Span)>> = asts
        .iter()
        .map(|(name, e)| {
            let mut refs = Vec::new();
            macro_refs(e, &mut refs);
            (*name, refs)
        })
        .collect();
    // 1: on the current path, 2: done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    for d in &table.defs {
        let root = d.name.as_str();
        if state.contains_key(root) {
            continue;
        }
        state.insert(root, 1);
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        while let Some((node, i)) = stack.last_mut() {
            let refs = graph.get(*node).map_or(&[][..], |v| v.as_slice());
            let Some(&(next, span)) = refs.get(*i) else {
                state.insert(*node, 2);
                stack.pop();
                continue;
            };
            *i += 1;
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                    let mut chain: Vec<&str> = stack[from..].iter().map(|(n, _)| *n).collect();
                    chain.push(next);
                    return Err(reg.span_error(
                        LoadErrorKind::Validate,
                        span,
                        &format!("macro reference loop: {}", chain.join(" -> ")),
                        "",
                    ));
                }
                Some(_) => {}
                None if graph.contains_key(next) => {
                    state.insert(next, 1);
                    stack.push((next, 0));
                }
                None => {}
            }
        }
    }
    Ok(())
}

type ExpandError = (LoadErrorKind, Span, String);

/// Substitutes macros and lists in one rule's condition.
struct Expander<'a> {
    macros: &'a HashMap<&'a str, Expr>,
    lists: &'a HashMap<&'a str, Vec<Literal>>,
    /// Macros being expanded (loop detection).
    stack: Vec<&'a str>,
    nodes: usize,
}

impl<'a> Expander<'a> {
    fn expand(&mut self, e: &'a Expr, depth: usize) -> Result<Expr, ExpandError> {
        self.nodes += 1;
        if depth >= MAX_EXPANDED_DEPTH || self.nodes > MAX_EXPANDED_NODES {
            return Err((
                LoadErrorKind::CompileCondition,
                e.span,
                format!(
                    "condition too large after macro expansion (limits: depth {MAX_EXPANDED_DEPTH}, {MAX_EXPANDED_NODES} nodes)"
                ),
            ));
        }
        let kind = match &e.kind {
            ExprKind::And(c) => ExprKind::And(
                c.iter()
                    .map(|c| self.expand(c, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            ExprKind::Or(c) => ExprKind::Or(
                c.iter()
                    .map(|c| self.expand(c, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            ExprKind::Not(c) => ExprKind::Not(Box::new(self.expand(c, depth + 1)?)),
            ExprKind::Macro(name) => {
                let Some((key, body)) = self.macros.get_key_value(name.as_str()) else {
                    return Err((
                        LoadErrorKind::Validate,
                        e.span,
                        format!("undefined macro '{name}'"),
                    ));
                };
                if let Some(p) = self.stack.iter().position(|m| *m == name.as_str()) {
                    let mut chain: Vec<&str> = self.stack[p..].to_vec();
                    chain.push(name);
                    return Err((
                        LoadErrorKind::Validate,
                        e.span,
                        format!("macro reference loop: {}", chain.join(" -> ")),
                    ));
                }
                self.stack.push(key);
                let r = self.expand(body, depth + 1);
                self.stack.pop();
                return r;
            }
            ExprKind::Exists(_) => e.kind.clone(),
            ExprKind::Compare(c) => ExprKind::Compare(Box::new(self.expand_lists(c)?)),
        };
        Ok(Expr { kind, span: e.span })
    }

    /// Substitutes list names in the right-hand side of a comparison.
    #[inline(never)]
    fn expand_lists(&mut self, c: &Compare) -> Result<Compare, ExpandError> {
        let rhs = match &c.rhs {
            Rhs::ListRef(l) => match self.lists.get(l.text.as_str()) {
                Some(items) => Rhs::List(items.clone(), l.span),
                None => {
                    return Err((
                        LoadErrorKind::Validate,
                        l.span,
                        format!("undefined list '{}'", l.text),
                    ))
                }
            },
            Rhs::List(items, span) => {
                let mut v = Vec::with_capacity(items.len());
                for it in items {
                    match self.lists.get(it.text.as_str()).filter(|_| !it.quoted) {
                        Some(l) => v.extend(l.iter().cloned()),
                        None => v.push(it.clone()),
                    }
                }
                self.nodes += v.len();
                Rhs::List(v, *span)
            }
            other => other.clone(),
        };
        Ok(Compare {
            lhs: c.lhs.clone(),
            op: c.op,
            modifier: c.modifier,
            rhs,
        })
    }
}
