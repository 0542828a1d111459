// Untrusted input compiled as a regular expression.
use axum::extract::{Json, Query};
use regex::Regex;

async fn let_chain(Query(q): Query<Search>) {
    let pattern = format!("^{}$", q.term);
    Regex::new(&pattern); //~ regex-injection:medium
}

fn compile(p: &str) -> Regex {
    regex::RegexBuilder::new(p).build().unwrap() //~ regex-injection:medium
}

async fn via_helper(Query(q): Query<Search>) {
    compile(&q.term);
}

struct Filter {
    pattern: String,
}

async fn via_struct(Json(req): Json<FilterRequest>) {
    let f = Filter { pattern: req.expr };
    Regex::new(&f.pattern); //~ regex-injection:medium
}
