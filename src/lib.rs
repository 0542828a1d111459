//! ferret: a static scanner for the patterns that security and architecture audits keep finding
//! in Rust code. Data flows one way: discover → parse → rules → findings → report.

pub mod allocator;
pub mod analyze;
pub mod baseline;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod discover;
pub mod evidence;
pub mod finding;
pub mod git;
pub mod harness;
pub mod isolate;
pub mod knowledge;
pub mod lex;
pub mod macros;
pub mod model;
pub mod prefilter;
pub mod rationale;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod scan;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod taint;
pub mod workspace;

pub use finding::{Dimension, Finding, Severity};
pub use scan::{ScanOptions, ScanResult, scan};
