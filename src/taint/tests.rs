use super::*;
use crate::knowledge::taint::{Family, SinkKind};

fn hits(src: &str, kind: SinkKind) -> Vec<(usize, String)> {
    let file = syn::parse_file(src).expect("test source parses");
    let uses = UseMap::from_file(&file);
    flows(&file, &uses, kind, &FileOnly)
        .into_iter()
        .map(|h| {
            let path: Vec<String> = h.flow.steps.iter().map(|s| s.note.clone()).collect();
            (h.sink.start.start().line, path.join(" -> "))
        })
        .collect()
}

fn lines(src: &str, kind: SinkKind) -> Vec<usize> {
    hits(src, kind).into_iter().map(|(l, _)| l).collect()
}

#[test]
fn let_chain_format_and_push_str() {
    let src = r#"
use axum::extract::Query;
async fn h(Query(p): Query<Params>, pool: PgPool) {
    let name = p.name.clone();
    let sql = format!("SELECT * FROM t WHERE n = '{name}'");
    sqlx::query(&sql).execute(&pool).await;
    let mut s = String::from("DELETE FROM t WHERE n = '");
    s.push_str(&p.other);
    pool.execute(s.as_str()).await;
    let n: i64 = p.id.parse().unwrap();
    sqlx::query(&format!("SELECT {n}")).execute(&pool).await;
}
"#;
    let found = hits(src, SinkKind::Sql);
    assert_eq!(
        found.iter().map(|h| h.0).collect::<Vec<_>>(),
        [6, 9],
        "{found:?}"
    );
    assert!(found[0].1.contains("the request query"), "{found:?}");
}

#[test]
fn helper_summaries_both_ways() {
    let src = r#"
use actix_web::web;
fn run(cmd: &str) { std::process::Command::new(cmd).spawn(); }
fn wrap(s: &str) -> String { format!("x{s}") }
fn clean(s: &str) -> u32 { s.parse::<u32>().unwrap() }
async fn h(path: web::Path<String>) {
    let p = path.into_inner();
    run(&wrap(&p));
    run(&clean(&p).to_string());
}
"#;
    assert_eq!(lines(src, SinkKind::Command), [3]);
}

#[test]
fn guards_and_sanitizers() {
    let src = r#"
use axum::extract::Path;
async fn h(Path(name): Path<String>, Path(n): Path<usize>) {
    if !is_valid_name(&name) { return; }
    std::fs::read(&name);
    let re = regex::Regex::new(&regex::escape(&name));
    let v: Vec<u8> = Vec::with_capacity(n.min(1024));
    let w: Vec<u8> = Vec::with_capacity(n);
}
"#;
    assert!(lines(src, SinkKind::Path).is_empty());
    assert!(lines(src, SinkKind::Regex).is_empty());
    assert_eq!(lines(src, SinkKind::Allocation), [8]);
}

#[test]
fn request_object_accessors_only() {
    let src = r#"
use actix_web::HttpRequest;
fn h(req: HttpRequest) {
    let cfg = req.app_data::<String>().unwrap();
    std::fs::read(cfg);
    let q = req.query_string();
    std::fs::read(q);
}
"#;
    assert_eq!(lines(src, SinkKind::Path), [7]);
    let _ = Family::WebRequest;
}

#[test]
fn summaries_say_what_a_fn_does_with_its_parameters() {
    let src = r#"
use path_clean::PathClean;
fn safe_join(base: &Path, part: &str) -> std::io::Result<PathBuf> {
    let joined = base.join(part).clean();
    if !joined.starts_with(base) {
        return Err(std::io::Error::other("outside"));
    }
    Ok(joined)
}
fn run(cmd: &str) { std::process::Command::new(cmd).spawn(); }
fn constant(_x: &str) -> &'static str { "fixed" }
"#;
    let file = syn::parse_file(src).expect("test source parses");
    let summaries = summary::summarise_file("src/util.rs", &file, &FileOnly, &|_| true);
    let get = |name: &str| {
        summaries
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, s)| s.clone())
    };
    let join = get("safe_join").expect("safe_join is summarised");
    assert!(join.validates.contains(&(1, kb_cleans_path())), "{join:?}");
    let path_return = join
        .returns
        .iter()
        .find(|r| r.sink == SinkKind::Path && r.from == summary::ReturnedFrom::Param(1))
        .expect("the joined path is returned");
    assert_ne!(path_return.cleared & SinkKind::Path.bit(), 0, "{join:?}");
    let run = get("run").expect("run is summarised");
    assert!(
        run.sinks
            .iter()
            .any(|s| s.sink == SinkKind::Command && s.param == 0 && s.line == 10),
        "{run:?}"
    );
    assert!(get("constant").is_none(), "nothing of `_x` comes out");
}

fn kb_cleans_path() -> crate::knowledge::taint::Cleans {
    crate::knowledge::taint::Cleans::For(SinkKind::Path)
}

#[test]
fn sqlx_builder_fetch_takes_the_executor() {
    // The summaries of both helpers: `load`'s `fetch_one` is a builder's, whose argument is the
    // executor (`pool`), not SQL text; `raw`'s is the `Executor`'s, given the text.
    let src = r#"
use sqlx::Executor;
async fn load(pool: &PgPool, name: &str) {
    sqlx::query("SELECT * FROM t WHERE n = $1").bind(name).fetch_one(pool).await;
}
async fn raw(pool: &PgPool, sql: &str) {
    pool.fetch_one(sql).await;
}
"#;
    let file = syn::parse_file(src).expect("test source parses");
    let uses = UseMap::from_file(&file);
    let index = FileIndex::build(&file, &uses);
    let engine = Engine::new(&uses, &index, SinkKind::Sql, &FileOnly);
    let params = |i: usize| -> Vec<usize> {
        engine
            .analyse(i)
            .hits
            .iter()
            .filter_map(|h| h.flow.origin.param())
            .collect()
    };
    assert_eq!(
        params(0),
        Vec::<usize>::new(),
        "the builder's executor is no SQL"
    );
    assert_eq!(params(1), [1], "the executor's text is");
}

#[test]
fn byte_parameters_are_text_and_number_lists_are_not() {
    let src = r#"
fn open_bytes(b: &[u8]) { std::fs::read(String::from_utf8_lossy(b).as_ref()); }
fn open_ids(ids: &[u64]) { std::fs::read(format!("/srv/{}", ids[0])); }
fn serve(mut s: std::net::TcpStream) {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut s, &mut buf).unwrap();
    open_bytes(&buf);
    open_ids(&buf);
}
"#;
    assert_eq!(lines(src, SinkKind::Path), [2]);
}

#[test]
fn joined_path_leaving_the_fn_is_a_hit_at_the_join_once() {
    let src = r#"
use axum::extract::Path;
use std::path::PathBuf;
fn helper(Path(name): Path<String>) -> PathBuf {
    PathBuf::from("/srv").join(&name)
}
async fn stored(Path(name): Path<String>, state: State) {
    state.current = PathBuf::from("/srv").join(&name);
}
async fn both(Path(name): Path<String>) -> PathBuf {
    let full = PathBuf::from("/srv").join(&name);
    std::fs::read(&full);
    full
}
async fn shown(Path(name): Path<String>) -> String {
    let full = PathBuf::from("/srv").join(&name);
    format!("{}", full.display())
}
"#;
    let found = hits(src, SinkKind::Path);
    assert_eq!(
        found.iter().map(|h| h.0).collect::<Vec<_>>(),
        [5, 8, 12],
        "{found:?}"
    );
    assert!(
        found[0]
            .1
            .contains("joined onto a path by `.join()` -> returned by `helper`"),
        "{found:?}"
    );
    assert!(
        found[1].1.ends_with("stored in `state.current`"),
        "{found:?}"
    );
    assert!(found[2].1.contains("joined onto a path"), "{found:?}");
    // Other engines follow joins as before, without marking them.
    assert!(lines(src, SinkKind::Sql).is_empty());
}
