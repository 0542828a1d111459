// Look-alikes that escape the input or compile the program's own patterns.
use axum::extract::{Json, Query};
use regex::Regex;

async fn let_chain(Query(q): Query<Search>) {
    let pattern = format!("^{}$", regex::escape(&q.term));
    Regex::new(&pattern);
}

fn compile(p: &str) -> Regex {
    regex::RegexBuilder::new(p).build().unwrap()
}

async fn via_helper(Query(q): Query<Search>) {
    compile(&regex::escape(&q.term));
    compile("^[a-z]+$");
}

struct Filter {
    pattern: String,
    label: String,
}

async fn via_struct(Json(req): Json<FilterRequest>) {
    let f = Filter {
        pattern: "^[0-9]+$".to_string(),
        label: req.expr,
    };
    Regex::new(&f.pattern);
}

// A grep-like command-line tool compiles its user's pattern by design.
fn main() {
    let pattern = std::env::args().nth(1).unwrap();
    Regex::new(&pattern);
}
