//! What ferret knows about libraries, as data a newcomer can extend without reading a rule:
//! each file here is one table (sources, sinks, sanitizers, errors that carry nothing, executors),
//! and rules look entries up by resolved path instead of spelling library names themselves.

pub mod body_limits;
pub mod connections;
pub mod credentials;
pub mod db_pools;
pub mod derives;
pub mod error_text;
pub mod errors;
pub mod evidence;
pub mod extractors;
pub mod fallible;
pub mod futures;
pub mod http_clients;
pub mod join_handles;
pub mod sql;
pub mod taint;
pub mod threads;
pub mod tls;
