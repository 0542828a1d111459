//@ rules: sql-interpolation, sql-injection
// Text built from request input is `sql-injection`'s, at critical, whichever way it is built:
// `sql-interpolation` leaves it, and keeps what no source shows.
use axum::extract::{Path, Query};

async fn plus(Query(q): Query<Select>, conn: &rusqlite::Connection) {
    let sql = String::from("SELECT * FROM ") + &q.table;
    conn.execute(&sql, []); //~ sql-injection:critical
}

async fn plus_chain(Query(q): Query<Select>, conn: &rusqlite::Connection) {
    let sql = "SELECT * FROM t WHERE a = ".to_string() + LIMIT + " AND b = '" + &q.b + "'";
    conn.execute(&sql, []); //~ sql-injection:critical
}

async fn plus_assign(Query(q): Query<Select>, conn: &rusqlite::Connection) {
    let mut sql = String::from("SELECT * FROM ");
    sql += &q.table;
    conn.execute(&sql, []); //~ sql-injection:critical
}

async fn formatted(Query(q): Query<Select>, conn: &rusqlite::Connection) {
    let sql = format!("SELECT * FROM {}", q.table);
    conn.execute(&sql, []); //~ sql-injection:critical
}

// An extractor's text is input; its number beside it is not.
async fn path_text(Path(name): Path<String>, conn: &rusqlite::Connection) {
    conn.execute(&format!("SELECT * FROM t WHERE n = '{name}'"), []); //~ sql-injection:critical
}

async fn path_pair(Path((id, name)): Path<(i64, String)>, conn: &rusqlite::Connection) {
    conn.execute(&format!("SELECT * FROM t WHERE id = {id}"), []);
    conn.execute(&format!("SELECT * FROM t WHERE n = '{name}'"), []); //~ sql-injection:critical
}

// No source in sight: the values' origin is unknown.
fn unknown(conn: &rusqlite::Connection, table: &str) {
    let sql = String::from("SELECT * FROM ") + table; //~ sql-interpolation:medium
    conn.execute(&sql, []);
    let mut more = String::from("SELECT * FROM ");
    more += table; //~ sql-interpolation:medium
    conn.execute(&more, []);
}
