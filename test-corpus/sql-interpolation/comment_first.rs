// The file's only SQL opens with SQL comments: the statement keyword comes after them, and the
// prefilter must still select the file (it reads past `--` and `/* */` to the keyword).

fn listing(table: &str) -> String {
    format!("-- listing of one table\n/* every row */ SELECT * FROM {table}") //~ sql-interpolation:medium
}

// Look-alikes: a CLI flag that starts like a SQL comment, and SQL words in a comment
// (THE SOFTWARE IS PROVIDED "AS IS" ... IN CONNECTION WITH THE SOFTWARE).
fn flags(level: &str) -> Vec<String> {
    vec![format!("--verbose={level}"), "--version".to_string()]
}
