//! SQL knowledge: functions that quote a value so that it can be spliced into SQL text.

/// Full paths (through the file's `use` map) of functions whose result is a quoted identifier
/// or literal: splicing it cannot change the statement.
pub const QUOTING_FNS: &[&str] = &[
    "postgres_protocol::escape::escape_identifier",
    "postgres_protocol::escape::escape_literal",
    "tokio_postgres::escape::escape_identifier",
    "tokio_postgres::escape::escape_literal",
];
