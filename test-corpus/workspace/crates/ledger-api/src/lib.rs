//! The HTTP-facing side: requests are queued to the store through a bounded channel.

use tokio::sync::mpsc;

pub struct Api {
    queue: mpsc::Sender<i64>,
}

impl Api {
    pub fn new(capacity: usize) -> (Api, mpsc::Receiver<i64>) {
        let (queue, rx) = mpsc::channel(capacity);
        (Api { queue }, rx)
    }

    pub async fn submit(&self, id: i64) -> Result<(), mpsc::error::SendError<i64>> {
        self.queue.send(id).await
    }

    #[expect(clippy::unused_async, reason = "handlers share one async signature")]
    pub async fn health(&self) -> &'static str {
        "ok"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn submits() {
        let (api, mut rx) = Api::new(1);
        api.submit(7).await.map_err(|e| e.to_string()).unwrap();
        assert_eq!(rx.recv().await, Some(7));
    }

    #[test]
    fn contains_panics() {
        // In test code: no evidence for a "panics contained" strength.
        assert!(std::panic::catch_unwind(|| 1).is_ok());
    }
}
