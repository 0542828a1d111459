// Look-alikes that are safe, or whose input is the user's own.
use std::process::Command;
use axum::extract::{Json, Path, Query};

// Quoted for the shell before it is spliced into the script.
async fn let_chain(Query(q): Query<Convert>) {
    let file = shlex::try_quote(&q.file).unwrap();
    let script = format!("convert {} out.png", file);
    Command::new("sh").arg("-c").arg(&script).status();
}

// A number is not a command.
async fn number(Path(n): Path<u32>) {
    Command::new("sleep").arg(n.to_string()).status();
}

// The helper runs its parameter, but the caller passes a constant list.
fn run_git(args: &[String]) {
    let mut cmd = Command::new("git");
    cmd.args(args);
    cmd.status();
}

async fn via_helper(Json(_req): Json<GitRequest>) {
    run_git(&["status".to_string()]);
}

// The struct's program field is constant; the untrusted field never reaches the command.
struct Task {
    program: String,
    label: String,
}

async fn via_struct(Json(req): Json<TaskRequest>) {
    let task = Task {
        program: "backup".to_string(),
        label: req.target,
    };
    Command::new(&task.program).arg("--all").status();
    println!("{}", task.label);
}

// Checked against an allow-list first.
const TOOLS: &[&str] = &["fmt", "check"];

async fn allowed(Path(tool): Path<String>) {
    if TOOLS.contains(&tool.as_str()) {
        Command::new("cargo").arg(&tool).status();
    }
}

// A command-line tool running what its user names is its purpose.
fn main() {
    let program = std::env::args().nth(1).unwrap();
    Command::new(program).status();
}

// `.arg` on something that is not a `Command`.
async fn not_a_command(Query(q): Query<Convert>, builder: clap::Command) {
    builder.arg(&q.file);
}

// The number part of the same tuple is not a command.
async fn actix_tuple(path: actix_web::web::Path<(String, u32)>) {
    let (_tool, n) = path.into_inner();
    Command::new("sleep").arg(n.to_string()).status();
}

// A comparison of input is a bool: it chooses between the program's own commands.
async fn chosen(Query(q): Query<Convert>) {
    let admin = q.user == "root";
    Command::new(if admin { "/usr/bin/admin-tool" } else { "/usr/bin/tool" }).status();
}
