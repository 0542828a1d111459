//! Pools whose types are imported: no item that builds one writes the crate's name.

pub mod diesel_pg;
pub mod diesel_sqlite;
pub mod pg_deadpool;
pub mod redis_cache;
