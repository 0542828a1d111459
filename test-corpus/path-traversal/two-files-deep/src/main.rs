// Handlers whose input goes through a helper in a.rs into a helper in b.rs: two workspace calls
// deep, which the summaries follow. Through c.rs and d.rs into e.rs is three: past their bound.
mod a;
mod b;
mod c;
mod d;
mod e;

use axum::extract::Query;

#[derive(serde::Deserialize)]
struct Req {
    name: String,
}

// a::via_b hands the name to b::open, whose body reads it.
async fn two_deep(Query(q): Query<Req>) {
    a::via_b(&q.name); //~ path-traversal:high
}

// a::wrap_b returns what b::prefix returns of the name.
async fn returned_two_deep(Query(q): Query<Req>) -> Vec<u8> {
    let p = a::wrap_b(&q.name);
    std::fs::read(p).unwrap_or_default() //~ path-traversal:high
}

// a::outer goes through a::inner, in its own file, before b::open.
async fn same_file_hop(Query(q): Query<Req>) {
    a::outer(&q.name); //~ path-traversal:high
}

// b::open_flat keeps only the final name before reading: two deep and clean.
async fn cleaned_two_deep(Query(q): Query<Req>) {
    a::via_b_flat(&q.name);
}

// b::pong calls a::ping, which calls b::pong back: the summaries stop at the second level
// (a::ping's own read is found).
async fn cycle(Query(q): Query<Req>) {
    b::pong(&q.name, 3); //~ path-traversal:high
}

// c::direct_d -> d::read_here: two deep into d.rs, which is summarised.
async fn into_d(Query(q): Query<Req>) {
    c::direct_d(&q.name); //~ path-traversal:high
}

// c::via_d -> d::via_e -> e::open: three deep. d::via_e's summary follows d.rs only, so this
// known miss documents the bound (into_d above reaches d.rs the same way and fires).
async fn three_deep(Query(q): Query<Req>) {
    c::via_d(&q.name);
}

fn main() {}
