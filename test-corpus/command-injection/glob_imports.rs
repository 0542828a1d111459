// Request types named through a framework's glob import (`use salvo::prelude::*`,
// `use actix_web::*`, `use poem::web::*`) are the same sources as when imported by name.
use std::process::Command;
use salvo::prelude::*;
use actix_web::*;
use poem::web::*;

#[handler]
async fn salvo_query(req: &mut Request) {
    let c = req.query::<String>("cmd").unwrap();
    Command::new(c).output(); //~ command-injection:critical
}

async fn actix_query(q: web::Query<Job>) {
    Command::new(&q.program).output(); //~ command-injection:critical
}

async fn actix_request(req: HttpRequest) {
    Command::new(req.match_info().query("tool")).output(); //~ command-injection:critical
}

#[poem::handler]
async fn poem_path(Path(tool): Path<String>) {
    Command::new(tool).output(); //~ command-injection:critical
}

// Look-alikes: the server's own state, not the request.
#[handler]
async fn salvo_depot(_req: &mut Request, depot: &mut Depot) {
    let c = depot.get::<String>("cmd").unwrap();
    Command::new(c).output();
}

async fn actix_state(req: HttpRequest) {
    let tool = req.app_data::<Tool>().unwrap();
    Command::new(&tool.program).output();
}
