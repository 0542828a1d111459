// Two modules of one crate each define `retry!` and call it in their own file: db's (first in
// path order) runs in place, net's spawns. Each call expands its own file's definition.
macro_rules! retry {
    ($fut:expr) => {
        $fut
    };
}

async fn query() {}

pub fn fetch() {
    // Expanded with net's `retry!`, this statement would drop a `JoinHandle`.
    retry!(query());
}
