// Query helpers the handlers in main.rs call (another file).
pub async fn find_by_name(pool: &sqlx::PgPool, name: &str) {
    let sql = format!("SELECT * FROM users WHERE name = '{name}'");
    sqlx::query(&sql).execute(pool).await;
}

pub fn order_clause(column: &str) -> String {
    format!("ORDER BY {column}")
}

// An allow-list: only the program's own column names come out.
pub fn checked_column(column: &str) -> Result<&'static str, String> {
    match column {
        "name" => Ok("name"),
        "created" => Ok("created"),
        _ => Err(format!("no column {column}")),
    }
}

// Binds the value instead of splicing it.
pub async fn find_bound(pool: &sqlx::PgPool, name: &str) {
    sqlx::query("SELECT * FROM users WHERE name = $1").bind(name).execute(pool).await;
}

// Checks the identifier and returns an error otherwise.
pub fn ensure_identifier(name: &str) -> Result<(), String> {
    if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("bad identifier".into());
    }
    Ok(())
}

// An allow-list that lets every other value through unchanged.
pub fn loose_column(column: &str) -> Result<&str, String> {
    match column {
        "" => Err("empty".into()),
        _ => Ok(column),
    }
}
