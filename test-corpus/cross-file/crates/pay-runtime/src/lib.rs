//! Background work: the service's spawn macro, supervised workers, and the bridges that let
//! sync callers (OS threads, the C API) wait on async work.

#[macro_use]
mod macros;

pub mod bridge;
pub mod shutdown;
pub mod supervisor;
pub mod threads;

// The runtime's own `Error`: its `Gone` is not pay-store's `Error::Gone`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("worker gone")]
    Gone,
    #[error("stopped")]
    Stopped,
}
