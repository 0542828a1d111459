use deadpool_postgres::{Hook, Manager, Pool};

// Quiet: the imported pool's connections get a statement timeout in a post-create hook.
pub fn make(m: Manager) -> Pool {
    Pool::builder(m)
        .post_create(Hook::async_fn(|client, _| {
            Box::pin(async move {
                client
                    .batch_execute("SET statement_timeout = '30s'")
                    .await
                    .map_err(Into::into)
            })
        }))
        .build()
        .unwrap()
}
