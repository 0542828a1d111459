// Request values reaching regex compilation through helpers in pattern.rs.
mod pattern;

use axum::extract::Query;

async fn search(Query(q): Query<Search>) {
    pattern::compile(&q.pattern); //~ regex-injection:medium
}

async fn word(Query(q): Query<Search>) {
    let p = pattern::word(&q.term);
    regex::Regex::new(&p); //~ regex-injection:medium
}

async fn literal(Query(q): Query<Search>) {
    pattern::literal(&q.term);
}

fn main() {}
