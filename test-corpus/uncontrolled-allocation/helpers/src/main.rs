// Request numbers sizing allocations through helpers in buf.rs.
mod buf;

use axum::extract::Path;

async fn alloc(Path(n): Path<usize>) {
    buf::buffer(n); //~ uncontrolled-allocation:medium
}

async fn twice(Path(n): Path<usize>) {
    let size = buf::doubled(n);
    let v: Vec<u8> = Vec::with_capacity(size); //~ uncontrolled-allocation:medium
}

async fn capped(Path(n): Path<usize>) {
    buf::bounded(n);
}

fn main() {}
