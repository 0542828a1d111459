// Extractors taken apart in the parameter list: the inner value is the input, whatever the
// extractor (`RawQuery` has no type argument; maps are read with `get` or an index).
use std::collections::HashMap;
use std::process::Command;
use axum::extract::{Form, Path, Query, RawQuery};

pub async fn raw_unwrap(RawQuery(q): RawQuery) {
    let s = q.unwrap();
    Command::new(s).output(); //~ command-injection:critical
}

pub async fn raw_if_let(RawQuery(q): RawQuery) {
    if let Some(s) = q {
        Command::new(s).output(); //~ command-injection:critical
    }
}

pub async fn query_map(Query(p): Query<HashMap<String, String>>) {
    let tool = p.get("tool").unwrap();
    Command::new(tool).output(); //~ command-injection:critical
}

pub async fn path_map(Path(p): Path<HashMap<String, String>>) {
    Command::new(&p["tool"]).output(); //~ command-injection:critical
}

pub async fn form_map(Form(f): Form<HashMap<String, String>>) {
    if let Some(tool) = f.get("tool") {
        Command::new("env").arg(tool).output(); //~ command-injection:critical
    }
}

// Look-alikes: only a length, a presence or a number of the input reaches the command.
pub async fn raw_len(RawQuery(q): RawQuery) {
    let n = q.unwrap_or_default().len();
    Command::new("seq").arg(n.to_string()).output();
}

pub async fn raw_present(RawQuery(q): RawQuery) {
    let flag = if q.is_some() { "-v" } else { "-q" };
    Command::new("ls").arg(flag).output();
}

pub async fn query_map_number(Query(p): Query<HashMap<String, String>>) {
    let n: u32 = p.get("n").unwrap().parse().unwrap();
    Command::new("seq").arg(n.to_string()).output();
}

pub async fn path_map_keys_counted(Path(p): Path<HashMap<String, String>>) {
    Command::new("seq").arg(p.len().to_string()).output();
}
