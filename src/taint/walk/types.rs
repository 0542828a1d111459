//! What declared types say: the resolved type of a binding, a value's kind, source types,
//! rocket route parameters.

use super::*;

/// The path `path` names here: through the file's `use` map, and for a bare name through its
/// glob imports when that gives a path the knowledge names (`use salvo::prelude::*`).
pub(super) fn resolve(uses: &UseMap, path: &syn::Path) -> Vec<String> {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    uses.resolve_known(&segments, kb::is_known_path)
}

/// The type a declared type names, through references and the usual wrappers
/// (`&Arc<reqwest::Client>` is `reqwest::Client`).
pub(super) fn resolved_type(uses: &UseMap, ty: &syn::Type) -> Option<Vec<String>> {
    match ty {
        syn::Type::Reference(r) => resolved_type(uses, &r.elem),
        syn::Type::Paren(p) => resolved_type(uses, &p.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            if matches!(
                last.ident.to_string().as_str(),
                "Arc" | "Rc" | "Box" | "Option" | "Mutex" | "RwLock"
            ) && let Some(inner) = first_type_arg(last)
            {
                return resolved_type(uses, inner);
            }
            Some(resolve(uses, &p.path))
        }
        _ => None,
    }
}

pub(super) fn first_type_arg(segment: &syn::PathSegment) -> Option<&syn::Type> {
    match &segment.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

pub(super) const NUMBERS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64",
];

pub(super) fn is_number_name(name: &str) -> bool {
    NUMBERS.contains(&name) || name.starts_with("NonZero")
}

/// The last segment of the type a declared type names, through references and the usual
/// wrappers (`Option<Order>`, `&Req`, `Vec<Order>`): `Order`, `Req`.
pub(super) fn type_name(ty: &syn::Type) -> Option<String> {
    match peel_type(ty) {
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            if matches!(
                name.as_str(),
                "Option" | "Vec" | "Box" | "Arc" | "Rc" | "Mutex" | "RwLock"
            ) {
                return type_name(first_type_arg(last)?);
            }
            Some(name)
        }
        _ => None,
    }
}

/// What a declared type says about a value.
pub(super) fn kind_of_type(ty: &syn::Type) -> ValueKind {
    match ty {
        syn::Type::Reference(r) => kind_of_type(&r.elem),
        syn::Type::Paren(p) => kind_of_type(&p.elem),
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return ValueKind::Unknown;
            };
            let name = last.ident.to_string();
            if is_number_name(&name) {
                ValueKind::Number
            } else if matches!(
                name.as_str(),
                "String"
                    | "str"
                    | "Cow"
                    | "PathBuf"
                    | "Path"
                    | "OsString"
                    | "OsStr"
                    | "Url"
                    | "Uri"
            ) {
                ValueKind::Text
            } else if name == "bool" {
                ValueKind::Number
            } else if matches!(name.as_str(), "Option" | "Vec" | "Box" | "Arc" | "Rc")
                && let Some(inner) = first_type_arg(last)
            {
                elements(name == "Vec", inner)
            } else if name.len() == 1 || name.starts_with("impl") {
                ValueKind::Unknown
            } else {
                ValueKind::Object
            }
        }
        syn::Type::Slice(s) => elements(true, &s.elem),
        syn::Type::Array(a) => elements(true, &a.elem),
        _ => ValueKind::Unknown,
    }
}

/// The kind of a collection (or wrapper) of `elem`: its element's, except that bytes
/// (`&[u8]`, `Vec<u8>`, `[u8; N]`) are text, as a socket or a body gives it.
fn elements(sequence: bool, elem: &syn::Type) -> ValueKind {
    let byte = matches!(peel_type(elem), syn::Type::Path(p) if p.path.is_ident("u8"));
    if sequence && byte {
        ValueKind::Text
    } else {
        kind_of_type(elem)
    }
}

pub(super) fn source_type(uses: &UseMap, ty: &syn::Type) -> Option<&'static kb::SourceType> {
    let syn::Type::Path(p) = peel_type(ty) else {
        return None;
    };
    let full = resolve(uses, &p.path).join("::");
    kb::SOURCE_TYPES.iter().find(|s| s.path == full)
}

/// A handler parameter that is the request body read whole by its extractor
/// (`body: axum::body::Bytes`), with what bounds it.
pub(super) fn body_param_type(
    uses: &UseMap,
    ty: &syn::Type,
) -> Option<crate::knowledge::body_limits::BoundedBy> {
    let syn::Type::Path(p) = peel_type(ty) else {
        return None;
    };
    let full = resolve(uses, &p.path).join("::");
    crate::knowledge::body_limits::BODY_PARAM_TYPES
        .iter()
        .find(|(path, _)| *path == full)
        .map(|(_, bounded_by)| *bounded_by)
}

pub(super) fn peel_type(ty: &syn::Type) -> &syn::Type {
    match ty {
        syn::Type::Reference(r) => peel_type(&r.elem),
        syn::Type::Paren(p) => peel_type(&p.elem),
        _ => ty,
    }
}

/// Rocket: `#[get("/users/<name>")]` makes the parameter `name` request input.
pub(super) fn rocket_params(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs {
        let Some(last) = attr.path().segments.last() else {
            continue;
        };
        if !matches!(
            last.ident.to_string().as_str(),
            "get" | "post" | "put" | "patch" | "delete" | "head" | "route"
        ) {
            continue;
        }
        let syn::Meta::List(list) = &attr.meta else {
            continue;
        };
        for tt in list.tokens.clone() {
            if let TokenTree::Literal(lit) = tt
                && let Ok(syn::Lit::Str(s)) = syn::parse2::<syn::Lit>(lit.into_token_stream())
            {
                let text = s.value();
                for part in text.split('<').skip(1) {
                    if let Some(name) = part.split('>').next() {
                        out.push(name.trim_end_matches("..").to_string());
                    }
                }
            }
        }
    }
    out
}

pub(super) fn is_safe_type(ty: &syn::Type) -> bool {
    match peel_type(ty) {
        syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            let name = s.ident.to_string();
            kb::SAFE_PARSE_TYPES.contains(&name.as_str())
                || (matches!(name.as_str(), "Option" | "Result" | "Vec")
                    && first_type_arg(s).is_some_and(is_safe_type))
        }),
        _ => false,
    }
}

pub(super) fn turbofish_type(mc: &syn::ExprMethodCall) -> Option<&syn::Type> {
    mc.turbofish.as_ref()?.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}
