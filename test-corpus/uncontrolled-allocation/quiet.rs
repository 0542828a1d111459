// Look-alikes with a bound.
use axum::extract::{Json, Path, Query};

const MAX: usize = 4096;

async fn let_chain(Query(q): Query<Page>) {
    let n: usize = q.size.parse().unwrap();
    let buf: Vec<u8> = Vec::with_capacity(n.min(MAX));
}

async fn typed(Path(count): Path<usize>) -> Result<(), Error> {
    if count > MAX {
        return Err(Error::TooLarge);
    }
    let zeros = vec![0u8; count];
    Ok(())
}

fn make(len: usize) -> String {
    String::with_capacity(len)
}

async fn via_helper(Json(req): Json<Batch>) {
    make(std::cmp::min(req.len, MAX));
}

struct Plan {
    items: usize,
    name: String,
}

async fn via_struct(Json(req): Json<Batch>) {
    let plan = Plan {
        items: 16,
        name: req.name,
    };
    let mut v: Vec<u64> = Vec::new();
    v.reserve(plan.items);
}

// The length of what was already received asks for no more memory.
async fn body_len(body: String, Json(req): Json<Batch>) {
    let copy: Vec<u8> = Vec::with_capacity(req.name.len());
}
