// Local input (command-line arguments, standard input), which path-traversal leaves alone by
// design, in three firing shapes: a let chain, a helper fn of this file given the value, a field
// of a local struct. Each firing flow has a sanitized look-alike: a number parsed, a `Uuid`
// parsed, or a match against literals.
use std::io::BufRead;

use sqlx::PgPool;
use uuid::Uuid;

struct Filter {
    name: String,
}

// `std::env::args`
async fn args_let(pool: &PgPool) {
    let name = std::env::args().nth(1).unwrap();
    let sql = format!("SELECT * FROM items WHERE name = '{name}'");
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn args_let_number(pool: &PgPool) {
    let raw = std::env::args().nth(1).unwrap();
    let id = raw.parse::<i64>().unwrap();
    let sql = format!("SELECT * FROM items WHERE id = {id}");
    sqlx::query(&sql).fetch_all(pool).await;
}

async fn args_find(pool: &PgPool, name: &str) {
    let sql = format!("SELECT * FROM items WHERE name = '{name}'");
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn args_find_uuid(pool: &PgPool, raw: &str) {
    let id = Uuid::parse_str(raw).unwrap();
    let sql = format!("SELECT * FROM items WHERE id = '{id}'");
    sqlx::query(&sql).fetch_all(pool).await;
}

async fn args_helper(pool: &PgPool) {
    let name = std::env::args().nth(1).unwrap();
    args_find(pool, &name).await;
}

async fn args_helper_uuid(pool: &PgPool) {
    let name = std::env::args().nth(1).unwrap();
    args_find_uuid(pool, &name).await;
}

async fn args_field(pool: &PgPool) {
    let mut f = Filter { name: String::new() };
    f.name = std::env::args().nth(1).unwrap();
    let sql = format!("SELECT * FROM items WHERE name = '{}'", f.name);
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn args_field_matched(pool: &PgPool) {
    let raw = std::env::args().nth(1).unwrap();
    let order = match raw.as_str() {
        "asc" => "asc",
        _ => "desc",
    };
    let f = Filter { name: order.to_string() };
    let sql = format!("SELECT * FROM items ORDER BY name {}", f.name);
    sqlx::query(&sql).fetch_all(pool).await;
}

// `std::env::args_os`
async fn args_os_let(pool: &PgPool) {
    let name = std::env::args_os().nth(1).unwrap().into_string().unwrap();
    let sql = format!("SELECT * FROM items WHERE name = '{name}'");
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn args_os_let_number(pool: &PgPool) {
    let raw = std::env::args_os().nth(1).unwrap().into_string().unwrap();
    let id: i64 = raw.parse().unwrap();
    let sql = format!("SELECT * FROM items WHERE id = {id}");
    sqlx::query(&sql).fetch_all(pool).await;
}

async fn args_os_find(pool: &PgPool, name: &str) {
    let sql = format!("UPDATE items SET seen = true WHERE name = '{name}'");
    sqlx::query(&sql).execute(pool).await; //~ sql-injection:medium
}

async fn args_os_find_matched(pool: &PgPool, raw: &str) {
    if !matches!(raw, "new" | "old") {
        return;
    }
    let sql = format!("UPDATE items SET seen = true WHERE state = '{raw}'");
    sqlx::query(&sql).execute(pool).await;
}

async fn args_os_helper(pool: &PgPool) {
    let name = std::env::args_os().nth(1).unwrap().into_string().unwrap();
    args_os_find(pool, &name).await;
}

async fn args_os_helper_matched(pool: &PgPool) {
    let name = std::env::args_os().nth(1).unwrap().into_string().unwrap();
    args_os_find_matched(pool, &name).await;
}

async fn args_os_field(pool: &PgPool) {
    let f = Filter { name: std::env::args_os().nth(1).unwrap().into_string().unwrap() };
    let sql = format!("SELECT * FROM items WHERE name = '{}'", f.name);
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn args_os_field_number(pool: &PgPool) {
    let raw = std::env::args_os().nth(1).unwrap().into_string().unwrap();
    let f = Filter { name: raw.parse::<i64>().unwrap().to_string() };
    let sql = format!("SELECT * FROM items WHERE id = {}", f.name);
    sqlx::query(&sql).fetch_all(pool).await;
}

// Standard input, std and tokio.
async fn stdin_let(pool: &PgPool) {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let sql = format!("SELECT * FROM items WHERE name = '{}'", line.trim());
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn stdin_let_number(pool: &PgPool) {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let id = line.trim().parse::<i64>().unwrap();
    let sql = format!("SELECT * FROM items WHERE id = {id}");
    sqlx::query(&sql).fetch_all(pool).await;
}

async fn stdin_find(pool: &PgPool, name: &str) {
    let sql = format!("DELETE FROM items WHERE name = '{name}'");
    sqlx::query(&sql).execute(pool).await; //~ sql-injection:medium
}

async fn stdin_find_number(pool: &PgPool, raw: &str) {
    let id = raw.trim().parse::<i64>().unwrap();
    let sql = format!("DELETE FROM items WHERE id = {id}");
    sqlx::query(&sql).execute(pool).await;
}

async fn stdin_helper(pool: &PgPool) {
    let line = std::io::stdin().lock().lines().next().unwrap().unwrap();
    stdin_find(pool, &line).await;
}

async fn stdin_helper_number(pool: &PgPool) {
    let line = std::io::stdin().lock().lines().next().unwrap().unwrap();
    stdin_find_number(pool, &line).await;
}

async fn stdin_field(pool: &PgPool) {
    let mut f = Filter { name: String::new() };
    std::io::stdin().read_line(&mut f.name).unwrap();
    let sql = format!("SELECT * FROM items WHERE name = '{}'", f.name);
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn stdin_field_uuid(pool: &PgPool) {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let f = Filter { name: Uuid::parse_str(line.trim()).unwrap().to_string() };
    let sql = format!("SELECT * FROM items WHERE id = '{}'", f.name);
    sqlx::query(&sql).fetch_all(pool).await;
}

async fn tokio_stdin_let(pool: &PgPool) {
    use tokio::io::AsyncBufReadExt;
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let name = lines.next_line().await.unwrap().unwrap();
    let sql = format!("SELECT * FROM items WHERE name = '{name}'");
    sqlx::query(&sql).fetch_all(pool).await; //~ sql-injection:medium
}

async fn tokio_stdin_let_number(pool: &PgPool) {
    use tokio::io::AsyncBufReadExt;
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let raw = lines.next_line().await.unwrap().unwrap();
    let id = raw.parse::<i64>().unwrap();
    let sql = format!("SELECT * FROM items WHERE id = {id}");
    sqlx::query(&sql).fetch_all(pool).await;
}
