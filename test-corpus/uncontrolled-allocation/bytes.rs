// `BytesMut::with_capacity` sized by the request; the look-alike bounds the size first.
use axum::extract::Query;
use bytes::BytesMut;

async fn buffer(Query(q): Query<Page>) {
    let n: usize = q.size.parse().unwrap();
    let buf = BytesMut::with_capacity(n); //~ uncontrolled-allocation:medium
}

async fn buffer_bounded(Query(q): Query<Page>) {
    let n: usize = q.size.parse().unwrap();
    let buf = BytesMut::with_capacity(n.min(64 * 1024));
}
