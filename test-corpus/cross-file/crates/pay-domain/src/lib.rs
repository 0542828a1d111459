//! Types every crate of the service shares. Nothing here says which variants are raised or which
//! reach a client: the other crates, and `response.rs`, decide that.

pub mod accounts;
pub mod error;
pub mod payments;
pub mod response;
