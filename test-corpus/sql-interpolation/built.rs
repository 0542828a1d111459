// SQL text built from runtime values but not seen reaching an executor: medium.

// Audit 000 P-2: a CLI that generates migration SQL.
fn migration(prefix: &str, pattern: &str) -> String {
    format!(
        "CREATE OR REPLACE FUNCTION {prefix}_notify() RETURNS trigger AS $$ BEGIN PERFORM pg_notify('{prefix}', NEW.id::text); END $$ LANGUAGE plpgsql;" //~ sql-interpolation:medium
    )
    .replace("x", "y")
}

// Raw multi-line template: reported at the literal's first line.
fn generate(table: &str, column: &str) -> String {
    let sql = format!(
        r#" -- the annotation sits in a SQL comment //~ sql-interpolation:medium
        ALTER TABLE {table}
            ADD COLUMN {column} TEXT
        "#
    );
    sql
}

// A query builder returning String.
struct Query {
    table: String,
    filter: String,
}
impl Query {
    fn to_sql(&self) -> String {
        format!("SELECT * FROM {} WHERE {}", self.table, self.filter) //~ sql-interpolation:medium
    }
    fn upsert(&self, id: i64) -> String {
        format!("INSERT INTO {} (id) VALUES ({id}) ON CONFLICT DO NOTHING", self.table) //~ sql-interpolation:medium
    }
}

// Every statement keyword of the issue, in SQL position.
fn keywords(x: &str, role: &str) -> Vec<String> {
    vec![
        format!("WITH ids AS (SELECT id FROM {x}) SELECT * FROM ids"), //~ sql-interpolation
        format!("DROP INDEX IF EXISTS {}", x), //~ sql-interpolation
        format!("GRANT SELECT ON {} TO {}", x, role), //~ sql-interpolation
        format!("REVOKE ALL ON {} FROM {}", x, role), //~ sql-interpolation
        format!("COPY {} FROM STDIN WITH (FORMAT csv)", x), //~ sql-interpolation
        format!("CALL refresh_{}()", x), //~ sql-interpolation
        format!("EXEC sp_{} @id = 1", x), //~ sql-interpolation
        format!("PREPARE stmt_{} AS SELECT 1", x), //~ sql-interpolation
        format!("UNLISTEN {}", x), //~ sql-interpolation
        format!("update users set name = '{}'", x), //~ sql-interpolation
        format!("  -- leading comment\n  SELECT {} FROM t", x), //~ sql-interpolation
        format!("(SELECT max(id) FROM {x})"), //~ sql-interpolation
        format!("{} UNION ALL SELECT id FROM archive", x), //~ sql-interpolation
        format!("EXPLAIN ANALYZE SELECT * FROM {x}"), //~ sql-interpolation
        format!("PRAGMA key = '{}'", x), //~ sql-interpolation
        format!("SELECT {:?} FROM t", x), //~ sql-interpolation
        format!("SELECT {0}, {0} FROM t", x), //~ sql-interpolation
    ]
}

// `format_args!` too, and `format!` inside other (non-logging) macros' arguments.
fn args(x: &str) -> Vec<String> {
    let s = std::fmt::format(format_args!("DELETE FROM t WHERE k = '{}'", x)); //~ sql-interpolation
    vec![format!("SELECT * FROM {}", x)] //~ sql-interpolation
}

// A literal SQL template mixed with constants is fine; with one runtime value it is not.
const TABLE: &str = "users";
fn mixed(id: &str) -> String {
    format!("SELECT * FROM {TABLE} WHERE id = '{id}'") //~ sql-interpolation
}

// The fragment is not SQL on its own, but it is appended to SQL text.
fn appended(cols: &[&str], status: &str) -> String {
    let mut sql = "SELECT id FROM jobs".to_string();
    sql += " WHERE 1 = 1";
    sql.push_str(&format!(" AND status = '{status}'")); //~ sql-interpolation:medium
    sql
}

fn written(out: &mut String, name: &str) {
    use std::fmt::Write;
    let mut sql = String::from("UPDATE t SET a = 1");
    write!(sql, " WHERE name = '{}'", name); //~ sql-interpolation:medium
}

// A parameter of a text type is a runtime value, whatever its name.
fn savepoint_named(depth: &str) -> String {
    format!("SAVEPOINT _sqlx_savepoint_{depth}") //~ sql-interpolation:medium
}
