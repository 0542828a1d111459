//! Reading a response conversion (`impl IntoResponse for ApiError`, `impl From<ApiError> for
//! Status`): which variants put their payload into a 5xx body or a gRPC status message.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::{self, Visit};

/// Tokens that mark a server-error response (HTTP 5xx, gRPC internal/unknown).
const SERVER_ERROR_MARKS: &[&str] = &[
    "INTERNAL_SERVER_ERROR",
    "InternalServerError",
    "BAD_GATEWAY",
    "BadGateway",
    "SERVICE_UNAVAILABLE",
    "ServiceUnavailable",
    "GATEWAY_TIMEOUT",
    "GatewayTimeout",
    "internal",
    "unknown",
    "Internal",
    "Unknown",
    "500",
    "502",
    "503",
    "504",
];

/// Macros whose arguments go to logs, not to the response.
const LOG_MACROS: &[&str] = &[
    "trace", "debug", "info", "warn", "error", "event", "log", "eprintln", "println",
];

/// (variants whose bound payload reaches a server-error response, whether a catch-all arm sends
/// the error's own text there).
pub fn leaky_arms(body: &syn::Block, owner: &str) -> (Vec<String>, bool) {
    let mut finder = ArmFinder {
        owner,
        variants: Vec::new(),
        display: false,
    };
    finder.visit_block(body);
    (finder.variants, finder.display)
}

struct ArmFinder<'o> {
    owner: &'o str,
    variants: Vec<String>,
    display: bool,
}

impl<'ast> Visit<'ast> for ArmFinder<'_> {
    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let mut variants = Vec::new();
        let mut bound = Vec::new();
        pattern_parts(&arm.pat, self.owner, &mut variants, &mut bound);
        let body = arm.body.to_token_stream();
        let mut words = Vec::new();
        response_words(body, &mut words);
        let server_error = words
            .iter()
            .any(|w| SERVER_ERROR_MARKS.contains(&w.as_str()));
        if server_error {
            let uses_payload = bound.iter().any(|b| words.contains(b));
            if uses_payload {
                self.variants.extend(variants.iter().cloned());
            }
            let catch_all =
                variants.is_empty() && matches!(&arm.pat, syn::Pat::Wild(_) | syn::Pat::Ident(_));
            if catch_all
                && words
                    .windows(2)
                    .any(|w| w[0] == "self" && w[1] == "to_string")
            {
                self.display = true;
            }
        }
        visit::visit_arm(self, arm);
    }
}

/// Variants of `owner` a pattern names (`Owner::V(..)`, `Self::V { .. }`, or-patterns) and the
/// identifiers it binds.
fn pattern_parts(pat: &syn::Pat, owner: &str, variants: &mut Vec<String>, bound: &mut Vec<String>) {
    let mut variant_of = |path: &syn::Path| {
        let mut segs = path.segments.iter().rev();
        let last = segs.next().map(|s| s.ident.to_string());
        let before = segs.next().map(|s| s.ident.to_string());
        if let (Some(last), Some(before)) = (last, before)
            && (before == owner || before == "Self")
        {
            variants.push(last);
        }
    };
    match pat {
        syn::Pat::TupleStruct(p) => {
            variant_of(&p.path);
            for elem in &p.elems {
                collect_bindings(elem, bound);
            }
        }
        syn::Pat::Struct(p) => {
            variant_of(&p.path);
            for field in &p.fields {
                collect_bindings(&field.pat, bound);
            }
        }
        syn::Pat::Path(p) => variant_of(&p.path),
        syn::Pat::Or(or) => {
            for case in &or.cases {
                pattern_parts(case, owner, variants, bound);
            }
        }
        _ => {}
    }
}

fn collect_bindings(pat: &syn::Pat, out: &mut Vec<String>) {
    match pat {
        syn::Pat::Ident(id) => out.push(id.ident.to_string()),
        syn::Pat::Reference(r) => collect_bindings(&r.pat, out),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|p| collect_bindings(p, out)),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(|p| collect_bindings(p, out)),
        _ => {}
    }
}

/// Identifiers and integer literals of a token stream, skipping the arguments of log macros.
fn response_words(tokens: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Ident(id) => {
                let name = id.to_string();
                let is_log_macro = LOG_MACROS.contains(&name.as_str())
                    && matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if is_log_macro {
                    i += 3;
                    continue;
                }
                out.push(name);
            }
            TokenTree::Literal(l) => out.push(l.to_string()),
            TokenTree::Group(g) => response_words(g.stream(), out),
            TokenTree::Punct(_) => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arms(src: &str) -> (Vec<String>, bool) {
        let block: syn::Block = syn::parse_str(src).expect("block parses");
        leaky_arms(&block, "ApiError")
    }

    #[test]
    fn payload_in_a_500_body_leaks_and_logged_payload_does_not() {
        let (variants, display) = arms(
            "{ let (s, m) = match self {\n\
               ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),\n\
               ApiError::Database(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),\n\
               Self::Internal(e) => { tracing::error!(\"{e}\"); (StatusCode::INTERNAL_SERVER_ERROR, \"internal\".to_string()) }\n\
             }; (s, m).into_response() }",
        );
        assert_eq!(variants, ["Database"]);
        assert!(!display);
    }

    #[test]
    fn payload_in_any_common_5xx_body_leaks() {
        let (variants, _) = arms(
            "{ match self {\n\
               ApiError::Upstream(m) => (StatusCode::GATEWAY_TIMEOUT, m).into_response(),\n\
               ApiError::Proxy(m) => HttpResponse::BadGateway().body(m),\n\
               ApiError::Busy(m) => (StatusCode::from_u16(503).unwrap(), m).into_response(),\n\
               ApiError::Gone(m) => (StatusCode::GONE, m).into_response(),\n\
             } }",
        );
        assert_eq!(variants, ["Upstream", "Proxy", "Busy"]);
    }

    #[test]
    fn catch_all_with_the_errors_text() {
        let (variants, display) =
            arms("{ match self { _ => (StatusCode::INTERNAL_SERVER_ERROR, self.to_string()) } }");
        assert!(variants.is_empty());
        assert!(display);
    }
}
