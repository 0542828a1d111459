// Two crates each define a private `launch!`: alpha's (first in path order) runs the future in
// place, beta's spawns it. Each call expands its own crate's definition.
macro_rules! launch {
    ($fut:expr) => {
        $fut
    };
}

async fn work() {}

pub fn run() {
    // No spawn: alpha's `launch!` drops a future, not a handle (beta's private one cannot be
    // named from here).
    launch!(work());
}
