// Values whose type shows a number, spliced where they are computed or destructured from a web
// framework's extractor: no text to change the statement. Their look-alikes hold text.
use axum::extract::Path;
use actix_web::web;

fn sizes(conn: &rusqlite::Connection, name: &str, rows: &Vec<Row>, started: std::time::Instant) {
    conn.execute(&format!("SELECT * FROM t LIMIT {}", name.len()), []);
    conn.execute(&format!("SELECT * FROM t LIMIT {}", rows.capacity()), []);
    conn.execute(&format!("SELECT * FROM t LIMIT {}", name.chars().count()), []);
    conn.execute(&format!("SELECT * FROM t LIMIT {}", name.len().to_string()), []);
    conn.execute(&format!("SELECT * FROM t WHERE ms > {}", started.elapsed().as_millis()), []);
    let sql = "SELECT * FROM t LIMIT ".to_string() + &name.len().to_string();
    conn.execute(&sql, []);
}

// The text itself, or a method that hands text on, is a runtime value of unknown origin.
fn texts(conn: &rusqlite::Connection, name: &str) {
    conn.execute(&format!("SELECT * FROM t WHERE n = '{}'", name.to_string()), []); //~ sql-interpolation:medium
    conn.execute(&format!("SELECT * FROM t WHERE n = '{}'", name.to_lowercase()), []); //~ sql-interpolation:medium
    let sql = "SELECT * FROM t WHERE n = '".to_string() + name + "'"; //~ sql-interpolation:medium
    conn.execute(&sql, []);
}

async fn path_number(Path(id): Path<i64>, conn: &rusqlite::Connection) {
    conn.execute(&format!("SELECT * FROM t WHERE id = {id}"), []);
}

async fn path_pair(web::Path((id, page)): web::Path<(i64, u32)>, conn: &rusqlite::Connection) {
    conn.execute(&format!("SELECT * FROM t WHERE id = {id} OFFSET {page}"), []);
}

// A wrapper of the program's own is not known to hold its type argument as it is.
struct Wrap<T>(Vec<T>);

fn own_wrapper(Wrap(ids): Wrap<i64>, conn: &rusqlite::Connection) {
    conn.execute(&format!("SELECT * FROM t WHERE id IN {ids:?}"), []); //~ sql-interpolation:medium
}
