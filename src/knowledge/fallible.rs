//! What `unwrap-or-default` knows about the value it defaults: calls that return a `Result` (a
//! failure whose reason `unwrap_or_default()` throws away) and calls that return an `Option`
//! (an absence, which a default may rightly fill). Methods are matched by name where the receiver's
//! type is not visible, so a name belongs here only when, in std and the common crates, a call of
//! that name followed by `.unwrap_or_default()` can only be the kind listed.
//!
//! To add an entry: the name, and in a comment the type(s) whose method it is.

/// Methods that return a `Result`, or a fallible conversion's `Option`.
pub const RESULT_METHODS: &[&str] = &[
    "parse",
    "try_into",
    "try_from",
    "from_str",
    "from_str_radix",
    // `Result::ok`: the error was there and is dropped.
    "ok",
    // `SystemTime::duration_since` (see `unwrap-or-default` for `UNIX_EPOCH`).
    "duration_since",
    "from_utf8",
    "read_to_string",
    // `CStr::to_str`, `HeaderValue::to_str`, `OsString::into_string`: failed conversions.
    "to_str",
    "into_string",
    // pyo3's `PyResult` chains.
    "extract",
    "getattr",
    "call_method",
    "call_method0",
    "call_method1",
    // I/O that fails for a reason worth reporting.
    "canonicalize",
    "metadata",
    "read_dir",
];

/// Free functions and associated functions that return a `Result`, by last path segment.
pub const RESULT_FUNCTIONS: &[&str] = &[
    "from_str",
    "from_str_radix",
    "from_slice",
    "from_value",
    "from_reader",
    "from_utf8",
    "try_from",
    "read_to_string",
];

/// Serialization crates whose `from_*`/`to_*` functions return a `Result`.
pub const SERDE_CRATES: &[&str] = &[
    "serde_json",
    "serde_yaml",
    "serde_yml",
    "toml",
    "ron",
    "bincode",
    "serde_cbor",
    "rmp_serde",
    "serde_urlencoded",
    "serde_qs",
    "csv",
];

/// Methods that return an `Option` whose `None` means "not there", never a failure with a reason.
pub const OPTION_METHODS: &[&str] = &[
    // `serde_json::Value`, `toml::Value`, `serde_yaml::Value` accessors.
    "as_str",
    "as_i64",
    "as_u64",
    "as_f64",
    "as_bool",
    "as_array",
    "as_object",
    // Collections and iterators.
    "get",
    "first",
    "last",
    "next",
    "next_back",
    "nth",
    "peek",
    "pop",
    "pop_front",
    "pop_back",
    "remove",
    "find",
    "find_map",
    "position",
    "max",
    "min",
    "max_by_key",
    "min_by_key",
    "reduce",
    // `Option::take`, `Option::or`, `Option::filter`, `Option::flatten`, `Option::xor`.
    "take",
    "filter",
    "flatten",
    "xor",
    // Integer arithmetic.
    "checked_add",
    "checked_sub",
    "checked_mul",
    "checked_div",
    // `str` splitting.
    "split_once",
    "rsplit_once",
    "strip_suffix",
    // `Path` parts.
    "file_name",
    "file_stem",
    "extension",
    "parent",
    // `http::Uri` / `url::Url` parts, `StatusCode::canonical_reason`.
    "query",
    "host",
    "host_str",
    "port",
    "fragment",
    "path_and_query",
    "canonical_reason",
];
