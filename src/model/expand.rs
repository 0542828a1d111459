//! Expanding simple workspace `macro_rules!` at a call site: arms whose matcher is a flat
//! sequence of literal tokens and `$name:fragment` captures (no `$(..)*` repetitions). Tokens
//! the template writes get the call site's span, so findings point at the call; tokens the call
//! passes keep their own spans (they are written at the call site already).
//! Macros the expander cannot handle expand to nothing (`None`): rules then see the call as before.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};

thread_local! {
    /// `macro_rules!` body text -> its tokens (`None`: the text does not lex), on this thread,
    /// until [`invalidate_thread_spans`].
    static LEXED_BODIES: RefCell<HashMap<String, Option<TokenStream>>> = RefCell::new(HashMap::new());
}

/// The tokens of a `macro_rules!` body, which the model keeps as text. Every call site of a
/// workspace macro expands its definition, and lexing the text again at each call was about 3% of
/// a default scan, so a body is lexed once per file analysis and thread. The cache is per thread,
/// not on the model's entry: proc-macro2 keeps spans in a per-thread source map, so tokens cannot
/// cross threads (a `TokenStream` is neither `Send` nor `Sync`). Reusing them is exact: they are
/// the tokens of the same text, and a span's line and column count from the start of the text
/// it was lexed from.
pub fn body_tokens(def_body: &str) -> Option<TokenStream> {
    LEXED_BODIES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(tokens) = cache.get(def_body) {
            return tokens.clone();
        }
        let tokens = def_body.parse::<TokenStream>().ok();
        cache.insert(def_body.to_string(), tokens.clone());
        tokens
    })
}

/// Frees proc-macro2's source map of this thread (the spans of everything parsed on it so far),
/// and with it the bodies [`body_tokens`] keeps, whose spans would no longer resolve (a span
/// without its source panics when asked for its line). The scan calls this after each file; no
/// code should call `proc_macro2::extra::invalidate_current_thread_spans` directly.
pub fn invalidate_thread_spans() {
    LEXED_BODIES.with(|cache| cache.borrow_mut().clear());
    proc_macro2::extra::invalidate_current_thread_spans();
}

/// The expansion of `def_body` (a `macro_rules!` body as text) for the call's `input` tokens.
pub fn expand(def_body: &str, input: TokenStream, call_site: Span) -> Option<TokenStream> {
    expand_arm(def_body, input, call_site).map(|(_, tokens)| tokens)
}

/// [`expand`], with the index of the arm that matched (arms counted in the order written).
pub fn expand_arm(
    def_body: &str,
    input: TokenStream,
    call_site: Span,
) -> Option<(usize, TokenStream)> {
    let body = body_tokens(def_body)?;
    let trees: Vec<TokenTree> = body.into_iter().collect();
    let input: Vec<TokenTree> = input.into_iter().collect();
    let mut i = 0;
    let mut arm = 0;
    while i < trees.len() {
        // `(matcher) => {transcriber}` then an optional `;`
        let (
            Some(TokenTree::Group(matcher)),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Punct(gt)),
            Some(TokenTree::Group(transcriber)),
        ) = (
            trees.get(i),
            trees.get(i + 1),
            trees.get(i + 2),
            trees.get(i + 3),
        )
        else {
            return None;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        let pattern: Vec<TokenTree> = matcher.stream().into_iter().collect();
        if let Some(bindings) = match_arm(&pattern, &input) {
            let template = respan(transcriber.stream(), call_site);
            return Some((arm, transcribe(template, &bindings)?));
        }
        arm += 1;
        i += 4;
        if matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            i += 1;
        }
    }
    None
}

/// Matches a flat matcher against the call's tokens: captures by name.
fn match_arm(
    pattern: &[TokenTree],
    input: &[TokenTree],
) -> Option<HashMap<String, Vec<TokenTree>>> {
    let mut bindings = HashMap::new();
    let (mut p, mut at) = (0, 0);
    while p < pattern.len() {
        match &pattern[p] {
            TokenTree::Punct(dollar) if dollar.as_char() == '$' => {
                let (
                    Some(TokenTree::Ident(name)),
                    Some(TokenTree::Punct(colon)),
                    Some(TokenTree::Ident(frag)),
                ) = (pattern.get(p + 1), pattern.get(p + 2), pattern.get(p + 3))
                else {
                    // `$(..)*` repetitions and `$crate` in a matcher: not a simple macro.
                    return None;
                };
                if colon.as_char() != ':' {
                    return None;
                }
                let frag = frag.to_string();
                let taken: Vec<TokenTree> = match frag.as_str() {
                    "ident" | "literal" | "tt" | "lifetime" => input.get(at..at + 1)?.to_vec(),
                    "expr" | "ty" | "path" | "pat" | "block" | "stmt" => {
                        // Up to the next literal token of the matcher (or the end). An `expr` or
                        // `stmt` never holds a `,` or `;` outside brackets (Rust allows only
                        // `=>`, `,` or `;` after one): `$msg:expr` last in an arm does not match
                        // `"{}", x` but leaves it to another arm.
                        let stop = pattern.get(p + 4).map(|t| t.to_string());
                        let expression = matches!(frag.as_str(), "expr" | "stmt");
                        let end = input[at..]
                            .iter()
                            .position(|t| {
                                stop.as_deref().is_some_and(|s| t.to_string() == s)
                                    || expression
                                        && matches!(t, TokenTree::Punct(c)
                                            if matches!(c.as_char(), ',' | ';'))
                            })
                            .map_or(input.len(), |n| at + n);
                        if end == at {
                            return None;
                        }
                        input[at..end].to_vec()
                    }
                    _ => return None,
                };
                at += taken.len();
                bindings.insert(name.to_string(), taken);
                p += 4;
            }
            literal => {
                if input.get(at).map(ToString::to_string) != Some(literal.to_string()) {
                    return None;
                }
                at += 1;
                p += 1;
            }
        }
    }
    (at == input.len()).then_some(bindings)
}

fn transcribe(
    body: TokenStream,
    bindings: &HashMap<String, Vec<TokenTree>>,
) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = body.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Punct(dollar) if dollar.as_char() == '$' => match trees.get(i + 1) {
                Some(TokenTree::Ident(name)) if name == "crate" => {
                    i += 2;
                }
                Some(TokenTree::Ident(name)) => {
                    let bound = bindings.get(&name.to_string())?;
                    // A captured expression stays one expression, as rustc keeps it; the
                    // group is spanned where the call writes it.
                    let mut group = Group::new(Delimiter::None, bound.iter().cloned().collect());
                    if let Some(first) = bound.first() {
                        group.set_span(first.span());
                    }
                    out.push(TokenTree::Group(group));
                    i += 2;
                }
                _ => return None,
            },
            TokenTree::Group(g) => {
                let inner = transcribe(g.stream(), bindings)?;
                out.push(TokenTree::Group(Group::new(g.delimiter(), inner)));
                i += 1;
            }
            other => {
                out.push(other.clone());
                i += 1;
            }
        }
    }
    Some(out.into_iter().collect())
}

/// Gives every token the call's span; `$` metavariables are spanned too, which is harmless:
/// [`transcribe`] replaces them by the call's tokens.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(g) = &tree {
                let mut group = Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                tree = TokenTree::Group(group);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_str(body: &str, input: &str) -> Option<String> {
        expand(body, input.parse().expect("tokens"), Span::call_site()).map(|t| t.to_string())
    }

    #[test]
    fn lexed_bodies_go_with_the_spans_they_point_into() {
        let body = "($x:expr) => { $x }";
        assert!(body_tokens(body).is_some());
        invalidate_thread_spans();
        // Nothing else was lexed since: a body kept across the free would point into the empty
        // source map, and asking its span for a line would panic.
        let first = body_tokens(body)
            .and_then(|tokens| tokens.into_iter().next())
            .expect("a token");
        assert_eq!(first.span().start().line, 1);
    }

    #[test]
    fn simple_arms_expand_and_repetitions_do_not() {
        let body = "($name:expr, $fut:expr) => { $crate::tokio::spawn($fut) }; ($fut:expr) => { tokio::spawn($fut) }";
        let out = expand_str(body, "\"actor\", run(x)").expect("first arm");
        assert!(out.contains("spawn"), "{out}");
        assert!(out.contains("run (x)"), "{out}");
        assert!(
            expand_str(body, "run()")
                .expect("second arm")
                .contains("tokio :: spawn")
        );
        assert!(expand_str("($($x:expr),*) => { vec![$($x),*] }", "1, 2").is_none());
    }

    #[test]
    fn an_expression_capture_stops_at_a_comma() {
        // nkeys' `err!(Kind, "{}", x.unwrap())`: the one-message arm does not take the format
        // arguments, and the other arm repeats: no expansion, the call is read as written.
        let body = "($v:ident, $msg:expr) => { Error::new($v, Some($msg)) }; \
                    ($v:ident, $fmt:expr, $($arg:tt)+) => { err!($v, &format!($fmt, $($arg)+)) }";
        assert!(expand_str(body, "Invalid, \"{}\", x.unwrap()").is_none());
        let one = expand_str(body, "Invalid, f(a, b)").expect("first arm");
        assert!(one.contains("f (a , b)"), "{one}");
    }
}
