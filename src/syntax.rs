//! Small syntax helpers that several rules share.

/// `a::b::c` for a path, generic arguments dropped.
pub fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// The name a pattern binds, through a type ascription: `x` for `x` and `x: T`.
pub fn pat_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(p) => Some(p.ident.to_string()),
        syn::Pat::Type(t) => pat_name(&t.pat),
        _ => None,
    }
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
