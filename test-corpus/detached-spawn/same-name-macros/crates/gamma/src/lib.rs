// gamma has no `go!` of its own: the call expands kit's exported one, which spawns (beta's
// private `go!`, first in path order, cannot be named from here).
use kit::go;

async fn work() {}

pub fn start() {
    go!(work()); //~ detached-spawn
}
