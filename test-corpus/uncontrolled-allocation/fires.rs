// A number from a request sizing an allocation.
use axum::extract::{Json, Path, Query};

async fn let_chain(Query(q): Query<Page>) {
    let n: usize = q.size.parse().unwrap();
    let buf: Vec<u8> = Vec::with_capacity(n); //~ uncontrolled-allocation:medium
}

async fn typed(Path(count): Path<usize>) {
    let zeros = vec![0u8; count * 1024]; //~ uncontrolled-allocation:medium
}

fn make(len: usize) -> String {
    String::with_capacity(len) //~ uncontrolled-allocation:medium
}

async fn via_helper(Json(req): Json<Batch>) {
    make(req.len);
}

struct Plan {
    items: usize,
}

async fn via_struct(Json(req): Json<Batch>) {
    let plan = Plan { items: req.count };
    let mut v: Vec<u64> = Vec::new();
    v.reserve(plan.items); //~ uncontrolled-allocation:medium
}
