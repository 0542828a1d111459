use postgres::Client;

// Runs what it is given as SQL text.
pub fn run_script(client: &mut Client, script: &str) {
    let _ = client.batch_execute(script);
}

// Binds it instead.
pub fn find_user(client: &mut Client, name: &str) {
    let _ = client.query("SELECT id FROM users WHERE name = $1", &[&name]);
}
