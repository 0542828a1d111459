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
