// Firing look-alikes of the exemptions: a helper counts as quoting only when its body visibly
// quotes (the old word match on `quote`/`escape`/`sanitize` silenced all of these).

// Named like a quoting function, but it does not quote anything.
fn quote_ident(name: &str) -> String {
    name.trim().to_string()
}

async fn named_only(conn: &mut PgConnection, table: &str, user: &str) {
    conn.execute(&*format!("DROP TABLE {}", quote_ident(table))).await; //~ sql-interpolation:medium
    // A helper of another file (or a crate) whose body ferret cannot see.
    conn.execute(&*format!("SELECT * FROM t WHERE u = '{}'", escape_html(user))).await; //~ sql-interpolation:medium
    conn.execute(&*format!("SELECT * FROM t WHERE u = '{}'", sanitize(user))).await; //~ sql-interpolation:medium
}

// A value that is not visibly a number: a `match` with a text branch.
fn not_all_numbers(level: Level, name: &str) -> String {
    let limit = match level {
        Level::Low => "10",
        Level::High => name,
    };
    format!("SELECT * FROM t LIMIT {limit}") //~ sql-interpolation:medium
}

// The same shapes, where the file shows text, not numbers.
pub enum Target {
    Table(String),
    Id(i64),
}

struct Session {
    schema: String,
}

impl Session {
    fn current_schema(&self) -> Option<String> {
        Some(self.schema.clone())
    }
}

fn text_shapes(target: &Target, session: &Session) -> Vec<String> {
    let mut out = Vec::new();
    match target {
        Target::Table(t) => out.push(format!("DELETE FROM {t}")), //~ sql-interpolation:medium
        Target::Id(id) => out.push(format!("DELETE FROM t WHERE id = {id}")),
    }
    let schema = session.current_schema();
    if let Some(schema) = schema {
        out.push(format!("SET search_path TO {schema}")); //~ sql-interpolation:medium
    }
    out
}

// A terminal prompt shown to a person, not a statement.
fn confirm_drop(db_url: &str) -> bool {
    Confirm::new().with_prompt(format!("Drop database at {}?", db_url)).interact().unwrap()
}

// The same words sent to the database.
async fn drop_it(conn: &mut PgConnection, db_name: &str) {
    conn.execute(format!("Drop database {}", db_name).as_str()).await; //~ sql-interpolation:medium
}
