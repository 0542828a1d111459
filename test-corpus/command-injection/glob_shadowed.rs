// A file that defines its own `Request` next to a framework's glob import: the name is the
// file's type (local items shadow glob imports), not the framework's request.
use std::process::Command;
use salvo::prelude::*;

struct Request {
    program: String,
}

async fn run(req: &mut Request) {
    let c = req.program.clone();
    Command::new(c).output();
}
