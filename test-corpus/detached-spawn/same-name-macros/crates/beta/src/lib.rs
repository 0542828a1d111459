// beta's own private `launch!` spawns: its call drops the handle, although alpha's private
// `launch!` of the same name comes first in path order.
macro_rules! launch {
    ($fut:expr) => {
        ::tokio::spawn($fut)
    };
}

async fn work() {}

pub fn start() {
    launch!(work()); //~ detached-spawn
}

// beta also defines a private `go!` that runs the future in place: a call here expands it, not
// kit's exported `go!` (which spawns). The crate's own definition is nearer.
macro_rules! go {
    ($fut:expr) => {
        $fut
    };
}

pub fn inline() {
    // Expanded with kit's `go!`, this statement would drop a `JoinHandle`.
    go!(work());
}

pub mod db;
pub mod net;
