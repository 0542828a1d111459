// sqlx's `AssertSqlSafe`: the author vouches for text built at run time (identifiers cannot be
// bound). Its look-alike, a wrapper of the same name that is not sqlx's: own_assert_safe.rs.
mod sqlx_marker {
    use sqlx::AssertSqlSafe;

    async fn create_schema(conn: &mut PgConnection, schema_name: &str) {
        conn.execute(AssertSqlSafe(format!("CREATE SCHEMA IF NOT EXISTS {schema_name};"))).await;
    }

    async fn drop_database(conn: &mut PgConnection, db_name: &str) {
        let command = format!("drop database if exists {db_name};");
        conn.execute(AssertSqlSafe(command)).await;
    }
}
