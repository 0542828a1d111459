// Look-alikes that are not lint suppressions.
#![warn(missing_docs)]
#![deny(unsafe_code)]
#![forbid(unsafe_op_in_unsafe_fn)]

#[expect(dead_code, reason = "read by the v1 migration only")]
fn documented() {}

#[cfg_attr(test, expect(unused, reason = "only some tests use it"))]
fn documented_cfg() {}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default, rename = "allow")]
    allow: bool,
    #[serde(allow_unknown)]
    x: u8,
}

/// Doc comments may say #[allow(dead_code)] without being one.
/// ```
/// #[allow(unused)]
/// fn example() {}
/// ```
fn docs() {
    let s = "#[allow(dead_code)]";
    let r = r#"#![allow(unused)]"#;
    // #[allow(dead_code)] in a comment
    /* #[allow(unused)] in a block comment */
}

#[my_crate::allow(dead_code)]
fn custom_path_attribute() {}

#[cfg_attr(feature = "x", derive(Debug))]
struct Derived;
