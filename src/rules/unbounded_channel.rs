//! `unbounded-channel`: channel constructors with no capacity limit, resolved through the file's
//! `use` declarations, and `UnboundedSender`/`UnboundedReceiver` in fields and signatures.

use std::collections::HashSet;

use syn::spanned::Spanned;

use crate::finding::{Dimension, Severity};
use crate::rules::{Ctx, LiteralScope, Node, Precision, Rule, RuleEntry, RuleMeta};
use crate::syntax::path_text;

pub static META: RuleMeta = RuleMeta {
    id: "unbounded-channel",
    dimension: Dimension::Resilience,
    default_severity: Severity::Medium,
    summary: "unbounded channel (tokio, std, crossbeam, flume, async-channel, futures, kanal, async-std): memory grows without limit when the consumer falls behind",
    doc: include_str!("../../rules/unbounded-channel.md"),
    enabled_by_default: false,
    production_only: true,
    precision: Precision::Low,
    literals: &["Unbounded"],
    // A finding (or a bounded constructor it observes) is a call of a constructor: a name holding
    // `channel` or `bounded` (`unbounded_channel`, `unbounded_async`), maybe a turbofish, then `(`;
    // one imported under an alias (`use flume::unbounded as queue;`) selects the file by its
    // `use`. `Unbounded` finds the sender/receiver types. `channel` alone was in most files.
    pattern: Some(concat!(
        r"(?:channel|bounded)\w*\s*(?:::\s*<[^;{}]*?>)?\s*\(",
        r"|(?:channel|bounded)\w*\s+as\s",
    )),
    // Constructors are resolved through the file's `use` items.
    literal_scope: LiteralScope::File,
};

pub static ENTRY: RuleEntry = crate::rule_entry!(&META, UnboundedChannel);

/// One channel module: where its constructors live and what they are called.
struct ChannelModule {
    /// Full paths of the module, as `use` resolution produces them.
    paths: &'static [&'static [&'static str]],
    unbounded: &'static [&'static str],
    bounded: &'static [&'static str],
    /// The bounded constructor to suggest, written as a call.
    suggestion: &'static str,
}

const MODULES: &[ChannelModule] = &[
    ChannelModule {
        paths: &[&["tokio", "sync", "mpsc"]],
        unbounded: &["unbounded_channel"],
        bounded: &["channel"],
        suggestion: "tokio::sync::mpsc::channel(capacity)",
    },
    ChannelModule {
        paths: &[&["tokio", "sync", "broadcast"]],
        unbounded: &[],
        bounded: &["channel"],
        suggestion: "tokio::sync::broadcast::channel(capacity)",
    },
    ChannelModule {
        paths: &[&["std", "sync", "mpsc"]],
        unbounded: &["channel"],
        bounded: &["sync_channel"],
        suggestion: "std::sync::mpsc::sync_channel(capacity)",
    },
    ChannelModule {
        paths: &[&["crossbeam_channel"], &["crossbeam", "channel"]],
        unbounded: &["unbounded"],
        bounded: &["bounded"],
        suggestion: "crossbeam_channel::bounded(capacity)",
    },
    ChannelModule {
        paths: &[&["flume"]],
        unbounded: &["unbounded"],
        bounded: &["bounded"],
        suggestion: "flume::bounded(capacity)",
    },
    ChannelModule {
        paths: &[&["async_channel"], &["smol", "channel"]],
        unbounded: &["unbounded"],
        bounded: &["bounded"],
        suggestion: "async_channel::bounded(capacity)",
    },
    ChannelModule {
        paths: &[
            &["futures", "channel", "mpsc"],
            &["futures_channel", "mpsc"],
            &["futures", "sync", "mpsc"],
        ],
        unbounded: &["unbounded"],
        bounded: &["channel"],
        suggestion: "futures::channel::mpsc::channel(capacity)",
    },
    ChannelModule {
        paths: &[&["kanal"]],
        unbounded: &["unbounded", "unbounded_async"],
        bounded: &["bounded", "bounded_async"],
        suggestion: "kanal::bounded(capacity)` / `kanal::bounded_async(capacity)",
    },
    ChannelModule {
        paths: &[&["async_std", "channel"]],
        unbounded: &["unbounded"],
        bounded: &["bounded"],
        suggestion: "async_std::channel::bounded(capacity)",
    },
];

/// Every constructor name of [`MODULES`].
const CONSTRUCTOR_NAMES: &[&str] = &[
    "unbounded",
    "unbounded_channel",
    "unbounded_async",
    "channel",
    "sync_channel",
    "bounded",
    "bounded_async",
];

/// Modules whose `UnboundedSender`/`UnboundedReceiver` types are unbounded channel ends.
const TYPE_MODULES: &[&[&str]] = &[
    &["tokio", "sync", "mpsc"],
    &["futures", "channel", "mpsc"],
    &["futures_channel", "mpsc"],
    &["futures", "sync", "mpsc"],
];

const UNBOUNDED_TYPES: &[&str] = &["UnboundedSender", "UnboundedReceiver"];

enum Constructor {
    Unbounded(&'static ChannelModule),
    Bounded,
}

#[derive(Default)]
pub struct UnboundedChannel {
    /// Type positions already reported (line, column), so one written type is one finding.
    reported_types: HashSet<(usize, usize)>,
}

impl Rule for UnboundedChannel {
    fn check_expr<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, expr: &'ast syn::Expr) {
        let syn::Expr::Call(call) = expr else {
            return;
        };
        let syn::Expr::Path(func) = &*call.func else {
            return;
        };
        if func.qself.is_some() {
            return;
        }
        // Cheap test first: a multi-segment path must end in a constructor name; a single name
        // may be an alias (`chan()`), which only the `use` map can tell.
        let segments = &func.path.segments;
        if segments.len() > 1
            && !segments
                .last()
                .is_some_and(|s| CONSTRUCTOR_NAMES.iter().any(|n| s.ident == n))
        {
            return;
        }
        match classify_call(cx, &func.path) {
            Some(Constructor::Bounded) => cx.observe("unbounded-channel/bounded"),
            Some(Constructor::Unbounded(module)) => {
                let written = path_text(&func.path);
                let Some(last) = func.path.segments.last() else {
                    return;
                };
                cx.report_at(
                    last.ident.span(),
                    call.paren_token.span.close(),
                    Severity::Medium,
                    format!(
                        "`{written}()` creates an unbounded channel: if the receiver falls behind, queued messages grow memory without limit"
                    ),
                    format!(
                        "use the bounded constructor `{}` with a capacity sized to the expected backlog (from config where it can vary); a full channel then slows the producer (backpressure) instead of exhausting memory",
                        module.suggestion
                    ),
                );
                cx.add_evidence("constructor", format!("{written}()"));
            }
            None => {}
        }
    }

    fn check_type<'ast>(&mut self, cx: &mut Ctx<'_, 'ast>, ty: &'ast syn::Type) {
        let syn::Type::Path(type_path) = ty else {
            return;
        };
        if type_path.qself.is_some() {
            return;
        }
        let Some(last) = type_path.path.segments.last() else {
            return;
        };
        if !UNBOUNDED_TYPES.iter().any(|t| last.ident == t) || !in_field_or_signature(cx) {
            return;
        }
        let name = last.ident.to_string();
        if !names_channel_type(cx, &type_path.path, &name) {
            return;
        }
        if constructed_in_crate(cx, &type_path.path) {
            return;
        }
        let start = last.ident.span().start();
        if !self.reported_types.insert((start.line, start.column)) {
            return;
        }
        let bounded = name.replace("Unbounded", "");
        cx.report_at(
            last.ident.span(),
            ty.span(),
            Severity::Low,
            format!(
                "`{name}` commits this API to an unbounded channel: whoever creates it cannot bound the queue"
            ),
            format!(
                "take the bounded `{bounded}` instead and create the channel with `tokio::sync::mpsc::channel(capacity)` (or `futures::channel::mpsc::channel(capacity)`)"
            ),
        );
    }
}

/// The crate creates unbounded channels of the type's module itself (the workspace model sees a
/// call of its constructor): the queue is reported once, where it is created, rather than at every
/// field and parameter that holds one of its ends. Without the model (or with no construction in
/// the crate: the channel comes from another crate) the type is the only trace, so it is reported.
fn constructed_in_crate(cx: &Ctx<'_, '_>, path: &syn::Path) -> bool {
    let resolved = cx.resolve(path);
    let module: Vec<&str> = resolved[..resolved.len().saturating_sub(1)]
        .iter()
        .map(String::as_str)
        .collect();
    // tokio's ends come from `unbounded_channel()`, futures' from `unbounded()`; a bare or
    // `mpsc::` name may be either.
    let constructors: &[&str] = match module.as_slice() {
        ["tokio", "sync", "mpsc"] => &["unbounded_channel"],
        [.., "mpsc"] if module.len() > 1 => &["unbounded"],
        _ => &["unbounded_channel", "unbounded"],
    };
    constructors.iter().any(|name| {
        cx.workspace
            .crate_calls(&cx.file.crate_name, name)
            .unwrap_or(false)
    })
}

/// What constructor `path` names here, through the file's `use` map and glob imports.
fn classify_call(cx: &Ctx<'_, '_>, path: &syn::Path) -> Option<Constructor> {
    let resolved = cx.resolve(path);
    let (name, module_path) = resolved.split_last()?;
    for module in MODULES {
        let in_module = if module_path.is_empty() {
            // A bare name that no `use` names: it may come from a glob import, unless the file
            // defines a function of that name itself (local items shadow glob imports).
            module.paths.iter().any(|p| cx.file.uses.glob_imports(p))
                && !defines_local_fn(cx.file.text, name)
        } else {
            module
                .paths
                .iter()
                .any(|p| p.iter().copied().eq(module_path.iter().map(String::as_str)))
        };
        if !in_module {
            continue;
        }
        if module.unbounded.contains(&name.as_str()) {
            return Some(Constructor::Unbounded(module));
        }
        if module.bounded.contains(&name.as_str()) {
            return Some(Constructor::Bounded);
        }
    }
    None
}

/// Whether the file declares `fn NAME` (a local function shadows a glob-imported one).
fn defines_local_fn(text: &str, name: &str) -> bool {
    let needle = format!("fn {name}");
    text.match_indices(&needle).any(|(at, _)| {
        let after = text[at + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// `UnboundedSender`/`UnboundedReceiver` from a channel crate: a path into one of them, or a
/// bare name imported by glob or not defined in this file.
fn names_channel_type(cx: &Ctx<'_, '_>, path: &syn::Path, name: &str) -> bool {
    let resolved = cx.resolve(path);
    let Some((_, module_path)) = resolved.split_last() else {
        return false;
    };
    if module_path.is_empty() {
        return !defines_local_type(cx.file.text, name);
    }
    TYPE_MODULES
        .iter()
        .any(|m| m.iter().copied().eq(module_path.iter().map(String::as_str)))
        || module_path.last().is_some_and(|m| m == "mpsc")
}

fn defines_local_type(text: &str, name: &str) -> bool {
    ["struct", "type", "enum", "trait"].iter().any(|kw| {
        let needle = format!("{kw} {name}");
        text.match_indices(&needle).any(|(at, _)| {
            let after = text[at + needle.len()..].chars().next();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// A type written in a struct/enum field, a function signature or a type alias: the places
/// where a type is an API commitment. Types inside function bodies (`let` annotations,
/// turbofish) and `impl` headers are not.
fn in_field_or_signature(cx: &Ctx<'_, '_>) -> bool {
    // A trait impl's method signature is dictated by the trait and the `impl` header: the type
    // is reported where the API chose it (the field, the inherent method), not again here.
    if matches!(cx.parent(), Some(Node::ImplItem(_)))
        && cx.enclosing_fn.is_some_and(|f| f.impl_trait.is_some())
    {
        return false;
    }
    match cx.parent() {
        Some(Node::Item(item)) => matches!(
            item,
            syn::Item::Struct(_)
                | syn::Item::Enum(_)
                | syn::Item::Union(_)
                | syn::Item::Fn(_)
                | syn::Item::Type(_)
        ),
        Some(Node::ImplItem(syn::ImplItem::Fn(_))) => true,
        Some(Node::TraitItem(syn::TraitItem::Fn(_))) => true,
        Some(Node::ForeignItem(_)) => true,
        _ => false,
    }
}
