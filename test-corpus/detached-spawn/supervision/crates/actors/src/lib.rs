// The project's own spawn macro: its value is the `JoinHandle`.
#[macro_export]
macro_rules! spawn_named {
    ($name:expr, $fut:expr) => {
        ::tokio::spawn($fut)
    };
}

// A look-alike that keeps the handle in a registry: calling it drops nothing.
#[macro_export]
macro_rules! spawn_tracked {
    ($registry:expr, $fut:expr) => {{
        let handle = ::tokio::spawn($fut);
        $registry.push(handle);
    }};
}

// A macro that is not exported expands only in this crate (`heartbeat.rs` calls it).
macro_rules! launch {
    ($fut:expr) => {
        ::tokio::spawn($fut)
    };
}

pub mod heartbeat;
pub mod supervisor;
