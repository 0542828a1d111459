// A wrapper named like sqlx's `AssertSqlSafe` that the file defines itself: it vouches for nothing.
mod own_marker {
    struct AssertSqlSafe(String);

    async fn create_schema(conn: &mut PgConnection, schema_name: &str) {
        conn.execute(AssertSqlSafe(format!("CREATE SCHEMA IF NOT EXISTS {schema_name};"))).await; //~ sql-interpolation:medium
    }

    async fn drop_database(conn: &mut PgConnection, db_name: &str) {
        let command = format!("drop database if exists {db_name};"); //~ sql-interpolation:medium
        conn.execute(AssertSqlSafe(command)).await;
    }
}
