/// Spawns a named task; the value is its `JoinHandle`.
#[macro_export]
macro_rules! spawn_named {
    ($name:expr, $fut:expr) => {
        ::tokio::spawn($fut)
    };
}
