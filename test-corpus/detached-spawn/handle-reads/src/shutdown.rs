use crate::{Pool, Probe};

pub async fn stop(mut pool: Pool) {
    for task in pool.tasks.drain(..) {
        if let Err(e) = task.await {
            eprintln!("task failed: {e}");
        }
    }
}

pub async fn check(probe: &mut Probe) -> bool {
    futures::poll!(&mut probe.probe).is_ready()
}
