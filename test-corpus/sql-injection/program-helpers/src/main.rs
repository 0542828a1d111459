// A program's own input (stdin, its arguments) handed to a helper in another file: the
// summaries follow a program's entry files (`src/main.rs`, `src/bin/..`) as they follow a
// service's handlers.
mod db;

use std::io::BufRead;

use postgres::{Client, NoTls};

fn main() {
    let mut client = Client::connect("host=localhost user=app", NoTls).unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        db::run_script(&mut client, &line); //~ sql-injection:medium
        db::find_user(&mut client, &line);
    }
}
