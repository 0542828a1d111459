// SQL text built from runtime values of unknown origin that reaches an executor in the same
// function: medium, with the executor named (untrusted input is `sql-injection`'s).

// Audit 000 P-1: the NOTIFY channel name is interpolated, then executed through a binding.
async fn notify_channel(pool: &PgPool, channel: &str, payload: &str) -> Result<()> {
    let sql = format!("NOTIFY {}, $1", channel); //~ sql-interpolation:medium
    sqlx::query(&sql).bind(payload).execute(pool).await?;
    Ok(())
}

// Directly as an executor argument.
async fn direct(pool: &PgPool, name: &str, table: &str) {
    sqlx::query_as::<_, User>(&format!("SELECT * FROM users WHERE name = '{name}'")) //~ sql-interpolation:medium
        .fetch_all(pool)
        .await;
    sqlx::query_scalar(&format!("SELECT count(*) FROM {}", table)).fetch_one(pool).await; //~ sql-interpolation:medium
    sqlx::raw_sql(&format!("DROP TABLE {table}")).execute(pool).await; //~ sql-interpolation:medium
    pool.execute(format!("TRUNCATE {}", table).as_str()).await; //~ sql-interpolation:medium
}

// tokio-postgres / postgres.
async fn postgres(client: &Client, schema: &str, id: &str) {
    let q = format!("SET search_path TO {}", schema); //~ sql-interpolation:medium
    client.batch_execute(&q).await;
    let stmt = format!("SELECT * FROM t WHERE id = {}", id); //~ sql-interpolation:medium
    client.query_one(stmt.as_str(), &[]).await;
    client.simple_query(&format!("LISTEN {}", schema)).await; //~ sql-interpolation:medium
    let prepared = format!("UPDATE {} SET x = $1", schema); //~ sql-interpolation:medium
    client.prepare(&*prepared).await;
}

// diesel and rusqlite.
fn diesel_and_rusqlite(conn: &mut PgConnection, db: &rusqlite::Connection, user: &str) {
    diesel::sql_query(format!("DELETE FROM users WHERE name = '{}'", user)).execute(conn); //~ sql-interpolation:medium
    db.execute(&format!("INSERT INTO log (who) VALUES ('{user}')"), []); //~ sql-interpolation:medium
    db.execute_batch(&format!("ATTACH DATABASE '{}' AS other", user)); //~ sql-interpolation:medium
    let mut sql;
    sql = format!("SELECT a FROM b WHERE c = {}", user); //~ sql-interpolation:medium
    db.query_row(&sql, [], |r| r.get(0));
}

// sea-orm.
fn sea_orm(backend: DbBackend, table: &str) -> Statement {
    Statement::from_string(backend, format!("SELECT * FROM {table}")) //~ sql-interpolation:medium
}

// `+` concatenation and `push_str` building.
async fn concatenation(pool: &PgPool, name: &str, order: &str) {
    let sql = "SELECT * FROM users WHERE name = '".to_string() + name + "'"; //~ sql-interpolation:medium
    sqlx::query(&sql).fetch_all(pool).await;

    let mut q = String::from("SELECT id FROM users");
    q.push_str(" ORDER BY ");
    q.push_str(order); //~ sql-interpolation:medium
    sqlx::query(&q).fetch_all(pool).await;

    let mut w = String::new();
    w.push_str("DELETE FROM sessions");
    w.push_str(&format!(" WHERE user = '{}'", name)); //~ sql-interpolation:medium
    w += name; //~ sql-interpolation:medium
    pool.execute(w.as_str()).await;
}

// `&(sql)[..]` and `&format!(..)[..]` reach the executor too (seen in sqlx's test support).
async fn sliced(conn: &mut MySqlConnection, db_name: &str, options: Vec<String>) {
    let create = format!("create database {db_name:?}"); //~ sql-interpolation:medium
    conn.execute(&(create)[..]).await;
    conn.execute(&format!("SET {};", options.join(","))[..]).await; //~ sql-interpolation:medium
}

// Savepoint names (tokio-postgres): `frontend::query` encodes a simple query for the server.
fn savepoints(name: &str, buf: &mut BytesMut) {
    frontend::query(&format!("ROLLBACK TO {}", name), buf); //~ sql-interpolation:medium
    let query = format!("SAVEPOINT {name}"); //~ sql-interpolation:medium
    let release = format!("RELEASE {}", name); //~ sql-interpolation:medium
}
