#![allow(dead_code)] //~ allow-attribute:medium
// Inside `cfg_attr`: one configuration only, low.
#![cfg_attr(docsrs, allow(unused_features))] //~ allow-attribute:low

#[allow(clippy::too_many_arguments)] //~ allow-attribute:medium
fn many(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) {}

#[allow(dead_code, reason = "kept for the v1 migration")] //~ allow-attribute
struct Legacy {
    #[allow(unused)] //~ allow-attribute
    field: u8,
}

#[cfg_attr(feature = "x", allow(unused_imports))] //~ allow-attribute:low
use std::fmt;

#[cfg_attr(all(unix, feature = "y"), cfg_attr(test, allow(deprecated)))] //~ allow-attribute
fn nested_cfg_attr() {}

#[expect(dead_code)] //~ allow-attribute:low
fn no_reason() {}

#[cfg_attr(test, expect(unused))] //~ allow-attribute:low
fn cfg_expect_no_reason() {}

fn inside() {
    #[allow(unused_variables)] //~ allow-attribute:medium
    let x = 1;
    let y = match x {
        #[allow(unreachable_patterns)] //~ allow-attribute
        _ => #[allow(unused_parens)] (1), //~ allow-attribute
    };
}

impl Legacy {
    #[allow(clippy::new_ret_no_self)] //~ allow-attribute
    fn new() {}
}

macro_rules! make {
    ($name:ident) => {
        // In a template, each expansion decides whether the lint fires: low.
        #[allow(non_camel_case_types)] //~ allow-attribute:low
        struct $name;
    };
}

#[cfg(test)]
mod tests {
    // Policy is policy: test code is checked too, at low.
    #[allow(clippy::unwrap_used)] //~ allow-attribute:low
    #[test]
    fn t() {}
}

// A multi-line attribute is reported where it starts.
#[allow( //~ allow-attribute
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn casts() {}

// A reason (or a comment) that says why `#[expect]` cannot be used: low.
#[allow(dead_code, reason = "used only on Windows; `expect` would be unfulfilled elsewhere")] //~ allow-attribute:low
fn windows_only() {}

// `#[expect]` would be unfulfilled when the `tls` feature is off.
#[allow(unused_imports, reason = "imports for the TLS backend")] //~ allow-attribute:low
use crate::tls::*;

// A reason that only justifies the lint exception itself: medium.
#[allow(clippy::too_many_arguments, reason = "mirrors the C API")] //~ allow-attribute:medium
fn ffi_like(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) {}

// A comment that says why `#[expect]` cannot be used, without a `reason`: low all the same.
// Only used on unix targets.
#[allow(dead_code)] //~ allow-attribute:low
fn unix_only() {}

// NOTE(allow) fully qualified Vec is only needed in no-std mode
#[allow(unused_qualifications)] //~ allow-attribute:low
fn no_std_only() {}

fn kqueue_event(kind: u8) -> u8 {
    match kind {
        1 => 1,
        // On different BSD variants, different extra events may be present
        #[allow(unreachable_patterns)] //~ allow-attribute:low
        _ => 0,
    }
}

// A comment that gives no cause for keeping `allow`: medium.
// Kept for the next release.
#[allow(dead_code)] //~ allow-attribute:medium
fn kept() {}

/// Builds the value; the `intern!` macro can be used for the name. (A doc comment describes the
/// item, not why `#[expect]` cannot be used.)
#[allow(dead_code, reason = "kept for callers")] //~ allow-attribute:medium
fn documented_item() {}
