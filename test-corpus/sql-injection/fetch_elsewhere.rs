// `fetch`/`fetch_one` in a file without sqlx's `Executor` in scope are some other library's
// (a cache, a key-value store): quiet. The `execute` of the same request text still fires.
use axum::extract::Query;

async fn cached(Query(q): Query<Lookup>, cache: Cache, store: Store) {
    cache.fetch(&q.key).await;
    store.fetch_one(q.key.as_str()).await;
}

async fn executed(Query(q): Query<Lookup>, client: tokio_postgres::Client) {
    client.execute(q.key.as_str(), &[]).await; //~ sql-injection:critical
}
