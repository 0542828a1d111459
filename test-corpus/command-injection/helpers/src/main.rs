// Request values reaching a process through helpers in run.rs.
mod run;

use actix_web::web;

async fn convert(name: web::Path<String>) {
    run::convert(&name); //~ command-injection:critical
}

async fn quoted(name: web::Path<String>) {
    let arg = run::quoted(&name);
    std::process::Command::new("sh").arg("-c").arg(format!("convert {arg}")).status();
}

async fn fixed(name: web::Path<String>) {
    run::fixed_tool(&name);
}

fn main() {}
