// Quiet: a statement keyword alone in its literal starts no statement. `"SET"` and `"DELETE"`
// are HTTP methods here, `"set-header"` a command name; even glued to SQL-looking text by `+`,
// the statement is not written in any one literal.

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Set => "SET",
        Method::Delete => "DELETE",
        Method::Update => "update",
    }
}

fn command(name: &str) -> String {
    "set-header".to_string() + " " + name
}

fn glued(table: &str) -> String {
    "DELETE".to_string() + " FROM " + table
}

// Firing look-alikes: the keyword is followed by a blank or a bracket in its own literal.
fn written(table: &str, cols: &str) -> String {
    let a = "DELETE FROM ".to_string() + table; //~ sql-interpolation:medium
    let b = "SELECT ".to_string() + cols + " FROM t"; //~ sql-interpolation:medium
    a + &b
}
