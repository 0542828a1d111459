#[path = "../db.rs"]
mod db;

use std::io::Read;

use postgres::{Client, NoTls};

fn main() {
    let mut client = Client::connect("host=localhost user=app", NoTls).unwrap();
    let mut script = String::new();
    std::io::stdin().read_to_string(&mut script).unwrap();
    db::run_script(&mut client, &script); //~ sql-injection:medium
    let trimmed = script.trim().parse::<i64>().unwrap_or(0).to_string();
    db::run_script(&mut client, &trimmed);
}
