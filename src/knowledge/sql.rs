//! SQL knowledge: functions that quote a value so that it can be spliced into SQL text.

/// Full paths (through the file's `use` map) of functions whose result is a quoted identifier
/// or literal: splicing it cannot change the statement.
pub const QUOTING_FNS: &[&str] = &[
    "postgres_protocol::escape::escape_identifier",
    "postgres_protocol::escape::escape_literal",
    "tokio_postgres::escape::escape_identifier",
    "tokio_postgres::escape::escape_literal",
];

/// sqlx's explicit "I checked this text" marker (sqlx 0.9): the author wraps text built at run
/// time in it to pass it where sqlx otherwise wants a literal. `sql-interpolation` (values of
/// unknown origin) leaves such text to its author; `sql-injection` still follows input into it.
pub const ASSERTED_SAFE: &[&str] = &[
    "sqlx::AssertSqlSafe",
    "sqlx_core::sql_str::AssertSqlSafe",
    "sqlx_core::AssertSqlSafe",
    "sql_str::AssertSqlSafe",
];

/// Methods of terminal UI libraries whose text argument is shown to a person (dialoguer's and
/// inquire's `with_prompt`, indicatif's `with_message`/`set_message`): a sentence there that
/// reads like SQL ("Drop database at {url}?") is a question, not a statement.
pub const DISPLAY_METHODS: &[&str] = &[
    "with_prompt",
    "with_message",
    "set_message",
    "with_help_message",
];

/// Methods of std whose result is a number (or a bool), whatever their receiver holds: a size,
/// a count, a duration's parts. Splicing one into SQL text (`LIMIT {}` of `name.len()`) cannot
/// change the statement.
pub const NUMBER_METHODS: &[&str] = &[
    "len",
    "count",
    "capacity",
    "count_ones",
    "count_zeros",
    "leading_zeros",
    "trailing_zeros",
    "leading_ones",
    "trailing_ones",
    "is_empty",
    "as_secs",
    "as_millis",
    "as_micros",
    "as_nanos",
    "as_secs_f32",
    "as_secs_f64",
    "subsec_millis",
    "subsec_micros",
    "subsec_nanos",
];
