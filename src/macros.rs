//! Looking inside macro invocations. syn keeps a macro body as tokens; the analyzer asks this
//! module to turn it into expressions (or statements) so that rules see `x.unwrap_or_default()`
//! in `debug!(size = x.unwrap_or_default())` as they would anywhere else.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use syn::parse::Parser;

/// A macro invocation as rules see it.
pub struct MacroCall<'ast> {
    pub mac: &'ast syn::Macro,
    /// The last path segment: `format` for `std::format!`.
    pub name: String,
    /// The parts of the body that parsed as expressions, in order.
    pub args: &'ast [syn::Expr],
    /// For formatting macros: the template literal.
    pub format_string: Option<&'ast syn::LitStr>,
}

/// The parsed body of one macro invocation.
pub enum MacroBody {
    Exprs(Vec<syn::Expr>),
    Stmts(Vec<syn::Stmt>),
}

/// Macros whose bodies are generated code or another language, not Rust expressions to check.
const OPAQUE: &[&str] = &[
    "quote",
    "quote_spanned",
    "parse_quote",
    "parse_quote_spanned",
    "macro_rules",
    "html",
    "rsx",
    "view",
    "sql",
    "include_str",
    "include_bytes",
    "include",
    "concat_idents",
    "stringify",
    "cfg",
    "env",
    "option_env",
];

/// Macros whose first string literal argument is a `format!`-style template.
pub const FORMAT_LIKE: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "anyhow",
    "bail",
    "ensure",
    "eyre",
    "format_err",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "span",
    "trace_span",
    "debug_span",
    "info_span",
    "warn_span",
    "error_span",
    "log",
    "expect",
];

pub fn macro_name(mac: &syn::Macro) -> String {
    // A macro path always has a last segment; the empty name only satisfies the type.
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// Parses a macro body into something the analyzer can walk, or `None` for opaque macros and
/// bodies with no expression in them.
pub fn parse_body(name: &str, mac: &syn::Macro) -> Option<MacroBody> {
    if OPAQUE.contains(&name) {
        return None;
    }
    if matches!(mac.delimiter, syn::MacroDelimiter::Brace(_))
        && !FORMAT_LIKE.contains(&name)
        && let Ok(stmts) = syn::Block::parse_within.parse2(mac.tokens.clone())
    {
        return Some(MacroBody::Stmts(stmts));
    }
    let mut exprs = Vec::new();
    collect_exprs(mac.tokens.clone(), 0, &mut exprs);
    (!exprs.is_empty()).then_some(MacroBody::Exprs(exprs))
}

/// The template of a formatting macro: the first string literal among its arguments.
pub fn format_string<'a>(name: &str, args: &'a [syn::Expr]) -> Option<&'a syn::LitStr> {
    if !FORMAT_LIKE.contains(&name) {
        return None;
    }
    args.iter().find_map(|arg| match arg {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s),
        _ => None,
    })
}

/// How a metavariable's stand-in starts: `$e` in a template becomes `__ferret_e`. Rules that read
/// what a body uses treat a stand-in as possibly anything the caller passes.
pub const PLACEHOLDER_PREFIX: &str = "__ferret_";

/// What one `macro_rules!` template parses as, once its metavariables are replaced.
pub enum TemplateBody {
    Items(Vec<syn::Item>),
    Stmts(Vec<syn::Stmt>),
    Exprs(Vec<syn::Expr>),
}

/// The templates of a `macro_rules!` definition, parsed as code. A template is real code written
/// once (`$x.unwrap_or_default()` is an `unwrap_or_default()` in every expansion), so rules see
/// it where it is written. Metavariables become stand-ins that parse where their fragment does: an
/// identifier for `$e:expr`/`$t:ty`/`$i:ident`..., `{}` for a `block`, `'static` for a
/// `lifetime`, `0` for a `literal`, nothing for a `vis`/`item`; a repetition `$( .. ),*` is kept
/// once; `$crate` is `crate`. A template that does not parse whole gives what parses of it.
pub fn macro_rules_templates(mac: &syn::Macro) -> Vec<TemplateBody> {
    arms(mac.tokens.clone())
        .into_iter()
        .filter_map(|(matcher, template)| arm_template(&matcher, &template))
        .collect()
}

/// The template of arm `arm` (counted in the order written) of a `macro_rules!` body, parsed as
/// [`macro_rules_templates`] parses each (`None`: no such arm, or it parses as nothing), so that
/// an expansion's arm finds the template analysis of its arm without parsing the others.
pub fn macro_rules_arm_template(tokens: TokenStream, arm: usize) -> Option<TemplateBody> {
    let (matcher, template) = arms(tokens).into_iter().nth(arm)?;
    arm_template(&matcher, &template)
}

/// The `(matcher) => {template}` arms of a `macro_rules!` body, in order.
fn arms(tokens: TokenStream) -> Vec<(Group, Group)> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        let arrow = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=' && p.spacing() == Spacing::Joint)
            && matches!(trees.get(i + 2), Some(TokenTree::Punct(p)) if p.as_char() == '>');
        if let (TokenTree::Group(matcher), true, Some(TokenTree::Group(template))) =
            (&trees[i], arrow, trees.get(i + 3))
        {
            out.push((matcher.clone(), template.clone()));
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

fn arm_template(matcher: &Group, template: &Group) -> Option<TemplateBody> {
    let mut fragments = Vec::new();
    fragment_kinds(matcher.stream(), &mut fragments, 0);
    parse_template(substitute(template.stream(), &fragments, 0))
}

/// `$name:kind` pairs of a matcher, at any depth.
fn fragment_kinds(tokens: TokenStream, out: &mut Vec<(String, String)>, depth: usize) {
    if depth > 16 {
        return;
    }
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                if let (
                    Some(TokenTree::Ident(name)),
                    Some(TokenTree::Punct(colon)),
                    Some(TokenTree::Ident(kind)),
                ) = (trees.get(i + 1), trees.get(i + 2), trees.get(i + 3))
                    && colon.as_char() == ':'
                {
                    out.push((name.to_string(), kind.to_string()));
                }
            }
            TokenTree::Group(g) => fragment_kinds(g.stream(), out, depth + 1),
            _ => {}
        }
    }
}

/// The template with metavariables replaced by stand-ins (see [`macro_rules_templates`]).
fn substitute(tokens: TokenStream, fragments: &[(String, String)], depth: usize) -> TokenStream {
    use proc_macro2::{Group, Ident, Literal, Punct};
    if depth > 32 {
        return TokenStream::new();
    }
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        match (&trees[i], trees.get(i + 1)) {
            (TokenTree::Punct(dollar), Some(TokenTree::Ident(name))) if dollar.as_char() == '$' => {
                let span = name.span();
                let name = name.to_string();
                let kind = fragments
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or("tt", |(_, k)| k.as_str());
                match (name.as_str(), kind) {
                    ("crate", _) => out.push(TokenTree::Ident(Ident::new("crate", span))),
                    (_, "vis" | "item") => {}
                    (_, "block") => {
                        let mut g = Group::new(Delimiter::Brace, TokenStream::new());
                        g.set_span(span);
                        out.push(TokenTree::Group(g));
                    }
                    (_, "lifetime") => {
                        let mut tick = Punct::new('\'', Spacing::Joint);
                        tick.set_span(span);
                        out.push(TokenTree::Punct(tick));
                        out.push(TokenTree::Ident(Ident::new("static", span)));
                    }
                    (_, "literal") => {
                        let mut lit = Literal::i32_unsuffixed(0);
                        lit.set_span(span);
                        out.push(TokenTree::Literal(lit));
                    }
                    _ => {
                        let clean: String = name
                            .trim_start_matches("r#")
                            .chars()
                            .filter(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        out.push(TokenTree::Ident(Ident::new(
                            &format!("{PLACEHOLDER_PREFIX}{clean}"),
                            span,
                        )));
                    }
                }
                i += 2;
            }
            // `$( .. ) sep? op`: the repeated part, once.
            (TokenTree::Punct(dollar), Some(TokenTree::Group(g)))
                if dollar.as_char() == '$' && g.delimiter() == Delimiter::Parenthesis =>
            {
                out.extend(substitute(g.stream(), fragments, depth + 1));
                let is_op = |tt: Option<&TokenTree>| matches!(tt, Some(TokenTree::Punct(p)) if matches!(p.as_char(), '*' | '+' | '?'));
                i += 2;
                if is_op(trees.get(i)) {
                    i += 1;
                } else if is_op(trees.get(i + 1)) {
                    i += 2;
                }
            }
            (TokenTree::Group(g), _) => {
                let mut group =
                    Group::new(g.delimiter(), substitute(g.stream(), fragments, depth + 1));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
                i += 1;
            }
            (tt, _) => {
                out.push(tt.clone());
                i += 1;
            }
        }
    }
    out.into_iter().collect()
}

/// Items, else statements, else an expression, else whatever parses of it.
pub fn parse_template(stream: TokenStream) -> Option<TemplateBody> {
    if let Ok(file) = syn::parse2::<syn::File>(stream.clone())
        && !file.items.is_empty()
    {
        return Some(TemplateBody::Items(file.items));
    }
    if let Ok(stmts) = syn::Block::parse_within.parse2(stream.clone())
        && !stmts.is_empty()
    {
        return Some(TemplateBody::Stmts(stmts));
    }
    let mut exprs = Vec::new();
    collect_exprs(stream, 0, &mut exprs);
    (!exprs.is_empty()).then_some(TemplateBody::Exprs(exprs))
}

/// Token-level fallback: split at top-level `,` `;` `=>`, drop `name =`, `name:`, `%` and `?`
/// prefixes (tracing fields, `select!` branches, `json!` keys), and keep what parses. A part that
/// does not parse is searched group by group, so nothing inside it is lost.
fn collect_exprs(tokens: TokenStream, depth: usize, out: &mut Vec<syn::Expr>) {
    if depth > 8 {
        return;
    }
    for mut part in split_top_level(tokens) {
        let prefix = part.len() - strip_prefixes(&part).len();
        if prefix == part.len() {
            continue;
        }
        // The groups for the fallback below are kept aside (a group shares its tokens), so that
        // the part's tokens are moved into the parser rather than copied token by token.
        let groups: Vec<Group> = part[prefix..]
            .iter()
            .filter_map(|tt| match tt {
                TokenTree::Group(g) if g.delimiter() != Delimiter::None => Some(g.clone()),
                _ => None,
            })
            .collect();
        match syn::parse2::<syn::Expr>(part.drain(prefix..).collect()) {
            Ok(expr) => out.push(expr),
            Err(_) => {
                for g in groups {
                    collect_exprs(g.stream(), depth + 1, out);
                }
            }
        }
    }
}

fn split_top_level(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut parts = vec![Vec::new()];
    let mut prev_joint_eq = false;
    for tt in tokens {
        let mut split = false;
        if let TokenTree::Punct(p) = &tt {
            let c = p.as_char();
            if (c == ',' || c == ';') && p.spacing() == Spacing::Alone {
                split = true;
            } else if c == '>' && prev_joint_eq {
                // `=>`: drop the `=` already pushed and split.
                if let Some(part) = parts.last_mut() {
                    part.pop();
                }
                split = true;
            }
            prev_joint_eq = c == '=' && p.spacing() == Spacing::Joint;
        } else {
            prev_joint_eq = false;
        }
        if split {
            parts.push(Vec::new());
        } else if let Some(part) = parts.last_mut() {
            part.push(tt);
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// Drops what precedes the value in `a.b = v`, `target: v`, `"key": v`, `pat = fut`, `%v`, `?v`.
fn strip_prefixes(part: &[TokenTree]) -> &[TokenTree] {
    let mut rest = part;
    if let Some(i) = lone_punct_position(rest, '=') {
        rest = &rest[i + 1..];
    } else if let Some(i) = lone_punct_position(rest, ':')
        && i <= 1
    {
        rest = &rest[i + 1..];
    }
    while let Some(TokenTree::Punct(p)) = rest.first() {
        if matches!(p.as_char(), '%' | '?') {
            rest = &rest[1..];
        } else {
            break;
        }
    }
    rest
}

/// The first `c` that stands alone (not part of `==`, `<=`, `=>`, `::`...).
fn lone_punct_position(part: &[TokenTree], c: char) -> Option<usize> {
    let mut prev_joint = false;
    for (i, tt) in part.iter().enumerate() {
        match tt {
            TokenTree::Punct(p) => {
                let next_is_punct_joined = p.spacing() == Spacing::Joint;
                if p.as_char() == c && !prev_joint && !next_is_punct_joined {
                    // `a != b` / `a >= b` style: a punct right before `=` joined to it.
                    return Some(i);
                }
                prev_joint = p.spacing() == Spacing::Joint;
            }
            _ => prev_joint = false,
        }
    }
    None
}

/// A `{}` placeholder in a format template: `{}`, `{0}`, `{name}`, `{name:?}`, `{:>8}`.
#[derive(Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// The argument named inline (`{e}` gives `e`); `None` for positional ones.
    pub name: Option<String>,
}

/// The placeholders of a format template, with `{{`/`}}` escapes skipped.
pub fn placeholders(template: &str) -> Vec<Placeholder> {
    placeholder_specs(template)
        .into_iter()
        .map(|(_, inner)| {
            let arg = inner.split(':').next().unwrap_or("").trim();
            let name = (!arg.is_empty() && !arg.chars().all(|c| c.is_ascii_digit()))
                .then(|| arg.to_string());
            Placeholder { name }
        })
        .collect()
}

/// The placeholders of a format template with their byte offsets and inner text (`{}` gives
/// ""), `{{`/`}}` escapes skipped: for rules that need to know where in the text each one is.
pub fn placeholder_specs(template: &str) -> Vec<(usize, &str)> {
    let bytes = template.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let Some(close) = template[i + 1..].find('}') else {
                    break;
                };
                out.push((i, &template[i + 1..i + 1 + close]));
                i += close + 2;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn body(src: &str) -> Vec<String> {
        let mac: syn::Macro = syn::parse_str(src).expect("test macro parses");
        match parse_body(&macro_name(&mac), &mac) {
            Some(MacroBody::Exprs(e)) => {
                e.iter().map(|e| e.to_token_stream().to_string()).collect()
            }
            Some(MacroBody::Stmts(s)) => {
                s.iter().map(|s| s.to_token_stream().to_string()).collect()
            }
            None => Vec::new(),
        }
    }

    #[test]
    fn format_arguments() {
        assert_eq!(
            body(r#"format!("{} {}", a, b.c())"#),
            [r#""{} {}""#, "a", "b . c ()"]
        );
    }

    #[test]
    fn tracing_fields() {
        assert_eq!(
            body(r#"debug!(target: "t", size = x.len(), %y, ?z, a.b = w, "msg {}", q)"#),
            [r#""t""#, "x . len ()", "y", "z", "w", r#""msg {}""#, "q"]
        );
    }

    #[test]
    fn select_branches() {
        let got = body("select! { v = rx.recv() => handle(v), _ = sleep(d) => { stop() } }");
        assert_eq!(
            got,
            ["rx . recv ()", "handle (v)", "sleep (d)", "{ stop () }"]
        );
    }

    #[test]
    fn comparisons_are_not_assignments() {
        assert_eq!(body("assert!(a == b)"), ["a == b"]);
        assert_eq!(body("assert!(a <= b, \"m\")"), ["a <= b", "\"m\""]);
    }

    #[test]
    fn json_values_inside_unparsable_bodies() {
        let got = body(r#"json!({ "id": x.unwrap_or_default(), "n": 1 })"#);
        assert!(
            got.contains(&"x . unwrap_or_default ()".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn block_bodies_parse_as_statements() {
        assert_eq!(body("thread_local! { static X: u8 = 1; }").len(), 1);
    }

    #[test]
    fn placeholder_names() {
        let names: Vec<_> = placeholders("{} {{x}} {e} {0} {e:?} {:>8} {name:#?}")
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(
            names,
            [
                None,
                Some("e".into()),
                None,
                Some("e".into()),
                None,
                Some("name".into())
            ]
        );
    }
}
