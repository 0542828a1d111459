// The `.await` is in a workspace macro's body: the item that calls it says `stop` and awaits
// nothing itself, yet its expansion awaits the stop with no bound.
macro_rules! wait_for {
    ($e:expr) => {
        $e.await
    };
}

struct Node {
    server: Server,
    stopped: bool,
}

impl Node {
    async fn shutdown(&mut self) {
        wait_for!(self.server.stop()); //~ shutdown-without-timeout
    }
}

// Sync code that says `stop` and `shutdown`: nothing is awaited, nothing to bound.
fn stop_requested(node: &Node) -> bool {
    node.stopped
}

fn shutdown_now(node: &mut Node) {
    node.stopped = true;
}
