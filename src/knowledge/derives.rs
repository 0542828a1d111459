//! Derives whose generated code constructs an enum's variants (from data, a string, a number or
//! an iteration), so a variant nothing in the source writes is still made: `unraised-error-variant`
//! stays quiet for enums deriving one of these. Matched on the derive's last path segment.
pub const CONSTRUCTING_DERIVES: &[&str] = &[
    // serde
    "Deserialize",
    // strum
    "EnumString",
    "EnumIter",
    "FromRepr",
    "VariantArray",
    // num-derive, num_enum
    "FromPrimitive",
    "TryFromPrimitive",
    // prost / protobuf-generated enums
    "Enumeration",
    "Message",
    // clap, arbitrary
    "ValueEnum",
    "Arbitrary",
];

/// Derives that make an enum an error type (thiserror, snafu, derive_more, displaydoc's partner).
pub const ERROR_DERIVES: &[&str] = &["Error", "Snafu"];
