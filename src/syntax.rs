//! Small syntax helpers that several rules share.

/// `a::b::c` for a path, generic arguments dropped.
pub fn path_text(path: &syn::Path) -> String {
    path_segments(path).join("::")
}

/// The names of a path's segments, as written: `["a", "b", "c"]` for `a::b::<T>::c`.
pub fn path_segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// The name a pattern binds, through a type ascription: `x` for `x` and `x: T`.
pub fn pat_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(p) => Some(p.ident.to_string()),
        syn::Pat::Type(t) => pat_name(&t.pat),
        _ => None,
    }
}

/// A fn's generic parameters and `where` clause as token text (`< F : Future > where F : Send`):
/// what bounds its type parameters, for rules that ask what a generic parameter is.
pub fn generics_text(sig: &syn::Signature) -> String {
    use quote::ToTokens;
    let mut text = sig.generics.to_token_stream().to_string();
    if let Some(where_clause) = &sig.generics.where_clause {
        text.push(' ');
        text.push_str(&where_clause.to_token_stream().to_string());
    }
    text
}

/// A fn's parameters other than `self`.
pub fn typed_params(sig: &syn::Signature) -> impl Iterator<Item = &syn::PatType> {
    sig.inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(t) => Some(t),
        syn::FnArg::Receiver(_) => None,
    })
}

/// Whether `tokens` use one of `names` as an identifier, at any depth.
pub fn mentions_any(tokens: proc_macro2::TokenStream, names: &[String]) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(i) => names.iter().any(|n| i == n),
        proc_macro2::TokenTree::Group(g) => mentions_any(g.stream(), names),
        _ => false,
    })
}

/// Idents in a `select!` body (or a wrapper) that mean one branch is a timer or a timeout.
pub const TIMER_IDENTS: &[&str] = &[
    "sleep",
    "sleep_until",
    "delay_for",
    "delay_until",
    "timeout",
    "timeout_at",
    "Delay",
    "Timer",
    "tick",
];

/// The text following each `name:` in `text` where `name` is a whole word and not a path
/// (`name::`): the declared type of a field, parameter or static called `name`, for rules that
/// need the type of a field declared elsewhere in the file (the struct may come after its uses).
pub fn declared_types<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let needle = format!("{name}:");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(&needle) {
        let start = from + at;
        from = start + needle.len();
        let boundary = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if boundary && !text[from..].starts_with(':') {
            found.push(text[from..].trim_start());
        }
    }
    found
}

/// The leading path of a type's text, `::`-split: `mpsc::Sender<T>, ..` gives `[mpsc, Sender]`.
pub fn leading_path(type_text: &str) -> Vec<String> {
    let path: String = type_text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The lower-case words of a snake_case, SCREAMING_CASE or camelCase name: `try_lock`,
/// `MAX_SPINS`, `remainingAttempts` give `[try, lock]`, `[max, spins]`, `[remaining, attempts]`.
/// Exemptions match whole words, so `clock` is not `lock` and `entries` is not `tries`.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.trim_start_matches("r#").chars() {
        if c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::name_words;

    #[test]
    fn words_of_names() {
        assert_eq!(name_words("try_lock"), ["try", "lock"]);
        assert_eq!(name_words("MAX_SPINS"), ["max", "spins"]);
        assert_eq!(name_words("remainingAttempts"), ["remaining", "attempts"]);
        assert_eq!(name_words("clock"), ["clock"]);
    }
}
