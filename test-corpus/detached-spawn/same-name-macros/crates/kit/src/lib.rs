#[macro_export]
macro_rules! go {
    ($fut:expr) => {
        ::tokio::spawn($fut)
    };
}
