// The crate's private `launch!` starts a task whose handle is dropped here.

async fn beat() {}

pub fn start() {
    launch!(beat()); //~ detached-spawn
}
