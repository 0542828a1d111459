// The project's own sync bridge. The template blocks with no bound wherever it is used: that
// is reported here, once, not at every call.
#[macro_export]
macro_rules! wait_on {
    ($rt:expr, $fut:expr) => {
        $rt.block_on($fut) //~ block-on-without-timeout
    };
}

// Bounded by its template: quiet here and at every call.
#[macro_export]
macro_rules! wait_bounded {
    ($rt:expr, $fut:expr) => {
        $rt.block_on(tokio::time::timeout(std::time::Duration::from_secs(5), $fut))
    };
}
