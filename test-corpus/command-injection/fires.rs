// Untrusted input deciding a program or its arguments.
use std::process::Command;
use axum::extract::{Json, Path, Query};

// A let chain into `sh -c`.
async fn let_chain(Query(q): Query<Convert>) {
    let file = q.file.clone();
    let script = format!("convert {} out.png", file);
    Command::new("sh").arg("-c").arg(&script).status(); //~ command-injection:critical
}

// The input is the program itself.
async fn program(Path(tool): Path<String>) {
    tokio::process::Command::new(tool).spawn(); //~ command-injection:critical
}

// Through a helper of the same file.
fn run_git(args: &[String]) {
    let mut cmd = Command::new("git");
    cmd.args(args); //~ command-injection:critical
    cmd.status();
}

async fn via_helper(Json(req): Json<GitRequest>) {
    run_git(&req.args);
}

// Through a struct field of a local.
struct Task {
    program: String,
    env_value: String,
}

async fn via_struct(Json(req): Json<TaskRequest>) {
    let task = Task {
        program: "backup".to_string(),
        env_value: req.target,
    };
    Command::new(&task.program).env("TARGET", &task.env_value).status(); //~ command-injection:critical
}

// A foreign caller's string.
#[unsafe(no_mangle)]
pub extern "C" fn run_hook(name: *const std::ffi::c_char) {
    let name = unsafe { std::ffi::CStr::from_ptr(name) }.to_string_lossy().into_owned();
    Command::new(name).status(); //~ command-injection:medium
}

// actix: an extractor bound whole, then taken apart.
async fn actix_tuple(path: actix_web::web::Path<(String, u32)>) {
    let (tool, _n) = path.into_inner();
    Command::new(&tool).status(); //~ command-injection:critical
}

async fn actix_string(name: actix_web::web::Path<String>) {
    Command::new("git").arg(name.as_str()).status(); //~ command-injection:critical
}
