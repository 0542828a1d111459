//! One traversal per file: walks the syntax tree once, keeps the ancestor path and the test-code
//! context, parses macro bodies, and calls every enabled rule's hooks on each node.

use std::collections::HashMap;
use std::time::Instant;

use syn::visit::{self, Visit};
use typed_arena::Arena;

use crate::finding::Severity;
use crate::macros::{self, MacroBody, MacroCall, TemplateBody};
use crate::model::{Pos, Workspace};
use crate::rules::{Ctx, FnNode, Node, RawFinding, Rule, RuleMeta};
use crate::source::SourceFile;

/// A rule instance running on one file.
pub struct ActiveRule {
    pub meta: &'static RuleMeta,
    pub rule: Box<dyn Rule>,
}

/// What the traversal of one file produced.
#[derive(Default)]
pub struct Analysis {
    pub findings: Vec<RawFinding>,
    /// Evidence counters (`unsafe`, `unbounded-channel/bounded`...), for the report's strengths.
    pub observations: Vec<(&'static str, u32)>,
    /// Facts for the workspace step (`Ctx::record_fact`), each once.
    pub facts: Vec<&'static str>,
    /// The deadline passed before the traversal finished; the findings are incomplete.
    pub timed_out: bool,
}

/// Nodes visited between two looks at the clock.
const CLOCK_EVERY: u32 = 256;

/// Macro calls nested deeper than this inside macro arguments are not looked into. Each level
/// is parsed out of its parent's tokens, so the work grows with the square of the depth (a file
/// of `m!(m!(..))` at the nesting limit took 3 s); real code nests a handful.
const MAX_MACRO_NESTING: usize = 32;

/// Expansions of workspace macros inside expansions are walked this deep (a macro that calls
/// itself stops here).
const MAX_EXPANSION_DEPTH: usize = 4;

/// Observation key for every `unsafe` block, fn, impl or trait; the engine counts it itself.
pub const UNSAFE_OBSERVATION: &str = "engine/unsafe";
/// What the prefilter must also select when the report counts evidence: `unsafe` and `extern`
/// (blocks of foreign functions) for the engine's own count, `query` for `sql-interpolation`'s
/// compile-time-checked `sqlx::query!` uses (which no finding needs).
pub const EVIDENCE_LITERALS: &[&str] = &["unsafe", "extern", "query"];

/// Walks `file` once, calling the rules' hooks. With a `deadline`, the walk stops descending once
/// it has passed and reports `timed_out` (a thread cannot be stopped from outside, so the
/// traversal, where the time goes, checks the clock itself).
pub fn analyze(
    file: &syn::File,
    source: &SourceFile<'_>,
    workspace: &Workspace,
    rules: &mut [ActiveRule],
    deadline: Option<Instant>,
) -> Analysis {
    let arena = Arena::new();
    let mut analyzer = Analyzer {
        source,
        workspace,
        rules,
        arena: &arena,
        ancestors: Vec::new(),
        test_depth: 0,
        fn_stack: Vec::new(),
        impl_trait: Vec::new(),
        in_template: 0,
        out: Analysis::default(),
        deadline,
        until_clock: CLOCK_EVERY,
        macro_depth: 0,
        expansion_depth: 0,
        template_findings: HashMap::new(),
    };
    if !source.is_test_path {
        crate::evidence::file(file, &mut analyzer.out.observations);
    }
    analyzer.visit_file(file);
    analyzer.dispatch(|rule, cx| rule.exit_file(cx, file));
    analyzer.out
}

/// A bodiless attribute list parsed out of a `macro_rules!` body, kept alive with the tree.
enum Parsed {
    Body(MacroBody),
    Attrs(Vec<syn::Attribute>),
    Templates(Vec<TemplateBody>),
}

struct Analyzer<'a, 'ast> {
    source: &'a SourceFile<'a>,
    workspace: &'a Workspace,
    rules: &'a mut [ActiveRule],
    arena: &'ast Arena<Parsed>,
    ancestors: Vec<Node<'ast>>,
    test_depth: usize,
    fn_stack: Vec<FnNode<'ast>>,
    impl_trait: Vec<Option<&'ast syn::Path>>,
    /// Inside a `macro_rules!` template: its attributes were already checked from the token
    /// soup, and its `unsafe` is not counted again.
    in_template: usize,
    out: Analysis,
    deadline: Option<Instant>,
    until_clock: u32,
    /// Macro calls around the current node whose bodies were parsed.
    macro_depth: usize,
    /// Expansions of workspace macros around the current node.
    expansion_depth: usize,
    /// Per (macro, arm): what the analysis of its template (`macro_rules_templates`) reports, as
    /// (rule, severity); an expansion does not report these again (see `walk_expansion`).
    template_findings: HashMap<(Pos, usize), Vec<(&'static str, Severity)>>,
}

impl<'a, 'ast> Analyzer<'a, 'ast> {
    /// Whether the walk must stop: the deadline has passed (looked up every `CLOCK_EVERY` nodes).
    fn out_of_time(&mut self) -> bool {
        if self.out.timed_out {
            return true;
        }
        self.until_clock -= 1;
        if self.until_clock == 0 {
            self.until_clock = CLOCK_EVERY;
            self.out.timed_out = self.deadline.is_some_and(|d| Instant::now() > d);
        }
        self.out.timed_out
    }

    fn dispatch(&mut self, mut hook: impl FnMut(&mut dyn Rule, &mut Ctx<'_, 'ast>)) {
        let in_test = self.test_depth > 0 || self.source.is_test_path;
        let enclosing_fn = self.fn_stack.last().copied();
        for active in self.rules.iter_mut() {
            let mut cx = Ctx {
                file: self.source,
                ancestors: &self.ancestors,
                in_test,
                enclosing_fn,
                workspace: self.workspace,
                rule: active.meta,
                out: &mut self.out.findings,
                observations: &mut self.out.observations,
                facts: &mut self.out.facts,
            };
            hook(active.rule.as_mut(), &mut cx);
        }
    }

    fn in_production(&self) -> bool {
        self.test_depth == 0 && !self.source.is_test_path
    }

    /// Counts `unsafe` in production code (the strength "zero `unsafe`" is about what ships).
    fn observe_unsafe(&mut self) {
        if self.in_template > 0 || !self.in_production() {
            return;
        }
        crate::rules::count_observation(&mut self.out.observations, UNSAFE_OBSERVATION);
    }

    /// Runs `walk` with `node` on the ancestor stack, inside test code if `attrs` say so.
    fn within(&mut self, node: Node<'ast>, attrs: &[syn::Attribute], walk: impl FnOnce(&mut Self)) {
        let test = attrs.iter().any(is_test_attribute);
        self.test_depth += usize::from(test);
        self.ancestors.push(node);
        walk(self);
        self.ancestors.pop();
        self.test_depth -= usize::from(test);
    }

    fn function(&mut self, f: FnNode<'ast>, walk: impl FnOnce(&mut Self)) {
        let test = f.attrs.iter().any(is_test_attribute);
        self.test_depth += usize::from(test);
        self.fn_stack.push(f);
        self.dispatch(|rule, cx| rule.enter_fn(cx, f));
        walk(self);
        self.dispatch(|rule, cx| rule.exit_fn(cx, f));
        self.fn_stack.pop();
        self.test_depth -= usize::from(test);
    }

    /// `#[allow(..)]` written inside a `macro_rules!` body is still a lint suppression in every
    /// expansion; parse such attributes out of the token soup so attribute rules see them.
    fn macro_rules_attributes(&mut self, mac: &'ast syn::Macro) {
        let mut attrs = Vec::new();
        collect_token_attributes(mac.tokens.clone(), &mut attrs, 0);
        if attrs.is_empty() {
            return;
        }
        let Parsed::Attrs(attrs) = self.arena.alloc(Parsed::Attrs(attrs)) else {
            return;
        };
        let attrs: &'ast [syn::Attribute] = attrs;
        for attr in attrs {
            self.dispatch(|rule, cx| rule.check_attribute(cx, attr));
        }
    }
}

impl<'ast> Analyzer<'_, 'ast> {
    /// Walks the templates of a `macro_rules!` definition as the code they are.
    fn macro_rules_templates(&mut self, mac: &'ast syn::Macro) {
        let templates = macros::macro_rules_templates(mac);
        if templates.is_empty() {
            return;
        }
        let Parsed::Templates(templates) = self.arena.alloc(Parsed::Templates(templates)) else {
            return;
        };
        let templates: &'ast [TemplateBody] = templates;
        self.in_template += 1;
        for template in templates {
            match template {
                TemplateBody::Items(items) => items.iter().for_each(|i| self.visit_item(i)),
                TemplateBody::Stmts(stmts) => stmts.iter().for_each(|s| self.visit_stmt(s)),
                TemplateBody::Exprs(exprs) => exprs.iter().for_each(|e| self.visit_expr(e)),
            }
        }
        self.in_template -= 1;
    }
}

/// Expansions of workspace `macro_rules!` at their call sites. Every rule sees the code a call
/// of a simple workspace macro expands to, as if written at the call: tokens of the template are
/// spanned at the call's path, the call's own tokens where they are written. The template itself
/// is analysed where it is defined, with stand-ins for its metavariables
/// (`macro_rules_templates`), and reports there once. So an expansion reports only what its
/// arguments or its place add: a finding on an argument's tokens, a finding the template alone
/// does not have (a statement `spawn_named!(..);` drops the handle the template returns), or a
/// different grade; a finding that the template analysis of the same arm also has (same rule and
/// severity) is reported at the template only.
impl<'ast> Analyzer<'_, 'ast> {
    /// The expansion of `mac` parsed for its place (items, statements or an expression), with the
    /// key of the macro's arm; `None` when `mac` is no simple workspace macro.
    fn expansion(&mut self, mac: &'ast syn::Macro) -> Option<((Pos, usize), &'ast TemplateBody)> {
        // Inside a `macro_rules!` template (not an expansion), calls are left as written: the
        // template is analysed once, where it is defined.
        let in_definition = self.in_template > self.expansion_depth;
        if in_definition
            || self.expansion_depth >= MAX_EXPANSION_DEPTH
            || self.macro_depth >= MAX_MACRO_NESTING
        {
            return None;
        }
        let (at, _, arm, tokens) =
            self.workspace
                .expand_macro_arm(mac, &self.source.crate_name, &self.source.path)?;
        let key = (at, arm);
        let body = match self.ancestors.last() {
            Some(Node::Stmt(syn::Stmt::Macro(stmt))) => {
                let mut stmts =
                    syn::parse::Parser::parse2(syn::Block::parse_within, tokens.clone())
                        .ok()
                        .filter(|s| !s.is_empty());
                // `m!(..);` whose expansion ends in an expression: that value is dropped there.
                if let (Some(stmts), Some(semi)) = (&mut stmts, stmt.semi_token)
                    && let Some(syn::Stmt::Expr(_, end @ None)) = stmts.last_mut()
                {
                    *end = Some(semi);
                }
                stmts.map(TemplateBody::Stmts)
            }
            Some(Node::Expr(_)) => syn::parse2::<syn::Expr>(tokens.clone())
                .ok()
                .map(|e| TemplateBody::Exprs(vec![e])),
            _ => None,
        };
        let mut body = body.or_else(|| macros::parse_template(tokens))?;
        ungroup(&mut body);
        let Parsed::Templates(parsed) = self.arena.alloc(Parsed::Templates(vec![body])) else {
            return None;
        };
        let parsed: &'ast [TemplateBody] = parsed;
        Some((key, parsed.first()?))
    }

    fn walk_expansion(&mut self, key: (Pos, usize), body: &'ast TemplateBody, mac: &syn::Macro) {
        let before = self.out.findings.len();
        // Attributes and `unsafe` of the template count where it is written.
        self.in_template += 1;
        self.expansion_depth += 1;
        match body {
            TemplateBody::Items(items) => items.iter().for_each(|i| self.visit_item(i)),
            TemplateBody::Stmts(stmts) => stmts.iter().for_each(|s| self.visit_stmt(s)),
            TemplateBody::Exprs(exprs) => exprs.iter().for_each(|e| self.visit_expr(e)),
        }
        self.expansion_depth -= 1;
        self.in_template -= 1;
        let at_template = self.template_findings(key).to_vec();
        let call = syn::spanned::Spanned::span(&mac.path).start();
        let mut found = self.out.findings.split_off(before);
        for (rule, severity) in at_template {
            if let Some(k) = found.iter().position(|f| {
                f.rule.id == rule && f.severity == severity && f.start.start() == call
            }) {
                found.remove(k);
            }
        }
        // A metavariable written twice in the template puts its finding there twice.
        let mut seen = Vec::new();
        found.retain(|f| {
            let key = (f.rule.id, f.start.start(), f.end.end(), f.message.clone());
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        });
        self.out.findings.extend(found);
    }

    /// What the analysis of a workspace macro's template reports for one arm, as (rule,
    /// severity): computed once per file, by fresh rule instances on the same template walk.
    fn template_findings(&mut self, key: (Pos, usize)) -> &[(&'static str, Severity)] {
        if !self.template_findings.contains_key(&key) {
            let found = self.analyse_template(&key);
            self.template_findings.insert(key, found);
        }
        self.template_findings.get(&key).map_or(&[], Vec::as_slice)
    }

    fn analyse_template(&self, &(at, arm): &(Pos, usize)) -> Vec<(&'static str, Severity)> {
        let Some(def) = self.workspace.macro_at(at) else {
            return Vec::new();
        };
        let Some(tokens) = crate::model::expand::body_tokens(&def.body) else {
            return Vec::new();
        };
        let Some(template) = macros::macro_rules_arm_template(tokens, arm) else {
            return Vec::new();
        };
        let mut rules: Vec<ActiveRule> = self
            .rules
            .iter()
            .filter_map(|r| crate::rules::find(r.meta.id))
            .map(|entry| ActiveRule {
                meta: entry.meta,
                rule: (entry.new)(),
            })
            .collect();
        let arena = Arena::new();
        let mut scratch = Analyzer {
            source: self.source,
            workspace: self.workspace,
            rules: &mut rules,
            arena: &arena,
            ancestors: Vec::new(),
            test_depth: 0,
            fn_stack: Vec::new(),
            impl_trait: Vec::new(),
            in_template: 1,
            out: Analysis::default(),
            deadline: None,
            until_clock: CLOCK_EVERY,
            macro_depth: 0,
            // The template is analysed where it is defined without expanding the calls in it.
            expansion_depth: MAX_EXPANSION_DEPTH,
            template_findings: HashMap::new(),
        };
        match &template {
            TemplateBody::Items(items) => items.iter().for_each(|i| scratch.visit_item(i)),
            TemplateBody::Stmts(stmts) => stmts.iter().for_each(|s| scratch.visit_stmt(s)),
            TemplateBody::Exprs(exprs) => exprs.iter().for_each(|e| scratch.visit_expr(e)),
        }
        scratch
            .out
            .findings
            .iter()
            .filter(|f| !f.withdrawn)
            .map(|f| (f.rule.id, f.severity))
            .collect()
    }
}

impl<'ast> Visit<'ast> for Analyzer<'_, 'ast> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if self.out_of_time() {
            return;
        }
        self.dispatch(|rule, cx| rule.check_item(cx, item));
        let attrs = item_attrs(item);
        match item {
            syn::Item::Impl(imp) => {
                if imp.unsafety.is_some() {
                    self.observe_unsafe();
                }
                self.impl_trait
                    .push(imp.trait_.as_ref().map(|(_, path, _)| path));
                self.within(Node::Item(item), attrs, |this| {
                    visit::visit_item(this, item)
                });
                self.impl_trait.pop();
            }
            // Every `extern` block declares foreign functions only `unsafe` code may call (and
            // edition 2024 spells it `unsafe extern`).
            syn::Item::ForeignMod(_) => {
                self.observe_unsafe();
                self.within(Node::Item(item), attrs, |this| {
                    visit::visit_item(this, item)
                });
            }
            syn::Item::Trait(t) if t.unsafety.is_some() => {
                self.observe_unsafe();
                self.within(Node::Item(item), attrs, |this| {
                    visit::visit_item(this, item)
                });
            }
            syn::Item::Macro(m) if m.mac.path.is_ident("macro_rules") => {
                // Within the item, so rules see that the attributes are in a template.
                self.within(Node::Item(item), attrs, |this| {
                    this.macro_rules_attributes(&m.mac);
                    visit::visit_item(this, item);
                    this.macro_rules_templates(&m.mac);
                });
            }
            _ => self.within(Node::Item(item), attrs, |this| {
                visit::visit_item(this, item)
            }),
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if f.sig.unsafety.is_some() {
            self.observe_unsafe();
        }
        let node = FnNode {
            attrs: &f.attrs,
            sig: &f.sig,
            block: &f.block,
            impl_trait: None,
        };
        self.function(node, |this| visit::visit_item_fn(this, f));
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let attrs: &[syn::Attribute] = match item {
            syn::ImplItem::Const(c) => &c.attrs,
            syn::ImplItem::Fn(f) => &f.attrs,
            syn::ImplItem::Type(t) => &t.attrs,
            syn::ImplItem::Macro(m) => &m.attrs,
            _ => &[],
        };
        self.within(Node::ImplItem(item), attrs, |this| {
            visit::visit_impl_item(this, item);
        });
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if f.sig.unsafety.is_some() {
            self.observe_unsafe();
        }
        let node = FnNode {
            attrs: &f.attrs,
            sig: &f.sig,
            block: &f.block,
            impl_trait: self.impl_trait.last().copied().flatten(),
        };
        self.function(node, |this| visit::visit_impl_item_fn(this, f));
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        let attrs: &[syn::Attribute] = match item {
            syn::TraitItem::Const(c) => &c.attrs,
            syn::TraitItem::Fn(f) => &f.attrs,
            syn::TraitItem::Type(t) => &t.attrs,
            syn::TraitItem::Macro(m) => &m.attrs,
            _ => &[],
        };
        self.within(Node::TraitItem(item), attrs, |this| {
            visit::visit_trait_item(this, item);
        });
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if f.sig.unsafety.is_some() {
            self.observe_unsafe();
        }
        match &f.default {
            Some(block) => {
                let node = FnNode {
                    attrs: &f.attrs,
                    sig: &f.sig,
                    block,
                    impl_trait: None,
                };
                self.function(node, |this| visit::visit_trait_item_fn(this, f));
            }
            None => visit::visit_trait_item_fn(self, f),
        }
    }

    fn visit_foreign_item(&mut self, item: &'ast syn::ForeignItem) {
        self.within(Node::ForeignItem(item), &[], |this| {
            visit::visit_foreign_item(this, item);
        });
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        if self.out_of_time() {
            return;
        }
        self.dispatch(|rule, cx| rule.check_stmt(cx, stmt));
        let attrs: &[syn::Attribute] = match stmt {
            syn::Stmt::Local(l) => &l.attrs,
            syn::Stmt::Macro(m) => &m.attrs,
            _ => &[],
        };
        self.within(Node::Stmt(stmt), attrs, |this| {
            visit::visit_stmt(this, stmt)
        });
    }

    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        if self.out_of_time() {
            return;
        }
        if matches!(expr, syn::Expr::Unsafe(_)) {
            self.observe_unsafe();
        }
        if self.in_production() {
            crate::evidence::expr(self.source, expr, &mut self.out.observations);
        }
        self.dispatch(|rule, cx| rule.check_expr(cx, expr));
        self.within(Node::Expr(expr), &[], |this| visit::visit_expr(this, expr));
    }

    fn visit_field_value(&mut self, field: &'ast syn::FieldValue) {
        self.within(Node::FieldValue(field), &[], |this| {
            visit::visit_field_value(this, field);
        });
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.within(Node::Arm(arm), &arm.attrs, |this| {
            visit::visit_arm(this, arm)
        });
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if self.in_template > 0 {
            return;
        }
        self.dispatch(|rule, cx| rule.check_attribute(cx, attr));
    }

    fn visit_pat(&mut self, pat: &'ast syn::Pat) {
        if self.out_of_time() {
            return;
        }
        visit::visit_pat(self, pat);
    }

    fn visit_type(&mut self, ty: &'ast syn::Type) {
        if self.out_of_time() {
            return;
        }
        self.dispatch(|rule, cx| rule.check_type(cx, ty));
        visit::visit_type(self, ty);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.out_of_time() {
            return;
        }
        let name = macros::macro_name(mac);
        let parsed = if self.macro_depth < MAX_MACRO_NESTING {
            macros::parse_body(&name, mac).map(|body| &*self.arena.alloc(Parsed::Body(body)))
        } else {
            None
        };
        let (args, stmts): (&'ast [syn::Expr], &'ast [syn::Stmt]) = match parsed {
            Some(Parsed::Body(MacroBody::Exprs(exprs))) => (exprs, &[]),
            Some(Parsed::Body(MacroBody::Stmts(stmts))) => (&[], stmts),
            _ => (&[], &[]),
        };
        // `unsafe` written in a body ferret does not parse (`macro_rules!`, `quote!`) is still
        // unsafe code in this crate's source.
        if parsed.is_none() && has_unsafe_token(mac.tokens.clone()) {
            self.observe_unsafe();
        }
        let call = MacroCall {
            mac,
            format_string: macros::format_string(&name, args),
            name,
            args,
        };
        self.dispatch(|rule, cx| rule.check_macro(cx, &call));
        // A call of a workspace macro is walked as its expansion (which holds the arguments
        // where the template puts them); other macros as their parsed arguments.
        let expansion = self.expansion(mac);
        self.macro_depth += 1;
        self.within(Node::Macro(mac), &[], |this| match expansion {
            Some((key, body)) => this.walk_expansion(key, body, mac),
            None => {
                for expr in args {
                    this.visit_expr(expr);
                }
                for stmt in stmts {
                    this.visit_stmt(stmt);
                }
            }
        });
        self.macro_depth -= 1;
    }
}

/// Removes the invisible groups an expansion wraps each captured fragment in: the tree already
/// keeps the fragment whole, and rules match `danger_accept_invalid_certs(true)` as written.
fn ungroup(body: &mut TemplateBody) {
    use syn::visit_mut::VisitMut;
    struct Ungroup;
    impl VisitMut for Ungroup {
        fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
            while let syn::Expr::Group(group) = expr {
                let inner =
                    std::mem::replace(&mut *group.expr, syn::Expr::Verbatim(Default::default()));
                *expr = inner;
            }
            syn::visit_mut::visit_expr_mut(self, expr);
        }
        fn visit_type_mut(&mut self, ty: &mut syn::Type) {
            while let syn::Type::Group(group) = ty {
                let inner =
                    std::mem::replace(&mut *group.elem, syn::Type::Verbatim(Default::default()));
                *ty = inner;
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    match body {
        TemplateBody::Items(items) => items.iter_mut().for_each(|i| Ungroup.visit_item_mut(i)),
        TemplateBody::Stmts(stmts) => stmts.iter_mut().for_each(|s| Ungroup.visit_stmt_mut(s)),
        TemplateBody::Exprs(exprs) => exprs.iter_mut().for_each(|e| Ungroup.visit_expr_mut(e)),
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// Attributes that make an item test code: `#[test]`, `#[tokio::test]` and any `#[x::test]`,
/// `#[bench]`, common test-framework attributes, and `#[cfg(test)]` (also inside `all`/`any`).
pub fn is_test_attribute(attr: &syn::Attribute) -> bool {
    const TEST_ATTRIBUTES: [&str; 6] = [
        "test",
        "bench",
        "rstest",
        "test_case",
        "quickcheck",
        "proptest",
    ];
    let path = attr.path();
    // Compared in place: this runs for every attribute of every parsed item.
    let Some(last) = path.segments.last().map(|s| &s.ident) else {
        return false;
    };
    if TEST_ATTRIBUTES.iter().any(|name| last == name) {
        return true;
    }
    match &attr.meta {
        syn::Meta::List(list) if last == "cfg" && path.segments.len() == 1 => {
            cfg_mentions_test(list.tokens.clone())
        }
        _ => false,
    }
}

/// True when the cfg predicate enables on `test` (and not only under `not(..)`).
fn cfg_mentions_test(tokens: proc_macro2::TokenStream) -> bool {
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        match tt {
            proc_macro2::TokenTree::Ident(id) if id == "test" => return true,
            proc_macro2::TokenTree::Ident(id) if id == "not" => {
                iter.next(); // skip the negated group
            }
            proc_macro2::TokenTree::Group(g) if cfg_mentions_test(g.stream()) => return true,
            _ => {}
        }
    }
    false
}

/// Finds `#[..]` and `#![..]` in a token stream (a `macro_rules!` body) and parses them.
fn has_unsafe_token(tokens: proc_macro2::TokenStream) -> bool {
    tokens.into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == "unsafe",
        proc_macro2::TokenTree::Group(g) => has_unsafe_token(g.stream()),
        _ => false,
    })
}

fn collect_token_attributes(
    tokens: proc_macro2::TokenStream,
    out: &mut Vec<syn::Attribute>,
    depth: usize,
) {
    use proc_macro2::TokenTree;
    if depth > 16 {
        return;
    }
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                let inner =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!');
                let group_at = i + 1 + usize::from(inner);
                if let Some(TokenTree::Group(g)) = trees.get(group_at)
                    && g.delimiter() == proc_macro2::Delimiter::Bracket
                {
                    let stream: proc_macro2::TokenStream =
                        trees[i..=group_at].iter().cloned().collect();
                    let parsed = if inner {
                        syn::parse::Parser::parse2(syn::Attribute::parse_inner, stream)
                    } else {
                        syn::parse::Parser::parse2(syn::Attribute::parse_outer, stream)
                    };
                    if let Ok(attrs) = parsed {
                        out.extend(attrs);
                    }
                    i = group_at + 1;
                    continue;
                }
                i += 1;
            }
            TokenTree::Group(g) => {
                collect_token_attributes(g.stream(), out, depth + 1);
                i += 1;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(src: &str) -> syn::Attribute {
        let item: syn::ItemFn = syn::parse_str(&format!("{src} fn f() {{}}")).expect("parses");
        item.attrs.into_iter().next().expect("one attribute")
    }

    #[test]
    fn test_attributes() {
        assert!(is_test_attribute(&attr("#[test]")));
        assert!(is_test_attribute(&attr(
            "#[tokio::test(flavor = \"multi_thread\")]"
        )));
        assert!(is_test_attribute(&attr("#[cfg(test)]")));
        assert!(is_test_attribute(&attr(
            "#[cfg(all(test, feature = \"x\"))]"
        )));
        assert!(!is_test_attribute(&attr("#[cfg(not(test))]")));
        assert!(!is_test_attribute(&attr("#[cfg(feature = \"test\")]")));
        assert!(!is_test_attribute(&attr("#[inline]")));
    }
}
