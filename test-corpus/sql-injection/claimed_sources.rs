// Sources the rule pages name that no other case exercised: lapin's `basic_get`, warp's
// `header`, tonic's `metadata()`, rocket route parameters, `args_os`, and a connection read
// into a buffer by a path call (`Read::read_to_string(&mut stream, &mut s)`).
use std::io::Read;

async fn amqp(channel: lapin::Channel) {
    let msg = channel.basic_get("q", Default::default()).await.unwrap().unwrap();
    let text = String::from_utf8(msg.delivery.data.clone()).unwrap();
    sqlx::query(&text); //~ sql-injection
}

fn warp_header() {
    let _route = warp::header::<String>("x-table").map(|table: String| {
        sqlx::query(&format!("SELECT * FROM {table}")); //~ sql-injection
    });
}

async fn grpc(req: tonic::Request<()>) {
    let table = req.metadata().get("x-table").unwrap().to_str().unwrap().to_string();
    sqlx::query(&format!("SELECT * FROM {table}")); //~ sql-injection
}

#[rocket::get("/rows/<table>")]
fn rocket_rows(table: String) {
    sqlx::query(&format!("SELECT * FROM {table}")); //~ sql-injection
}

fn local() {
    let a = std::env::args_os().nth(1).unwrap();
    sqlx::query(a.to_str().unwrap()); //~ sql-injection
}

fn server(listener: std::net::TcpListener) {
    for stream in listener.incoming() {
        let mut s = String::new();
        Read::read_to_string(&mut stream.unwrap(), &mut s).unwrap();
        sqlx::query(&s); //~ sql-injection
    }
}

// The same path call reading the program's own file: no source.
fn own_file() {
    let mut s = String::new();
    Read::read_to_string(&mut std::fs::File::open("schema.sql").unwrap(), &mut s).unwrap();
    sqlx::query(&s);
}

// A request's metadata that is not read: the gRPC request's own state is no input.
async fn grpc_quiet(req: tonic::Request<()>) {
    let _ = req.metadata();
    sqlx::query("SELECT 1");
}

fn main() {}
