// A path joined from input that leaves its function without being opened here: returned,
// stored, or handed to a call the scanner does not know. The finding is at the join.
use std::path::{Path, PathBuf};
use actix_web::{web, HttpRequest};
use axum::extract::Query;
use rocket::fs::NamedFile;

// A handler helper: builds the file's path from the request and hands it back.
fn requested_file(req: &HttpRequest, root: &Path) -> PathBuf {
    let name: String = req.match_info().query("file").parse().unwrap();
    root.join(name) //~ path-traversal:high
}

// Pushed onto a path, then opened by rocket's `NamedFile`.
#[get("/files/<name>")]
async fn rocket_file(name: String) -> Option<NamedFile> {
    let mut path = PathBuf::from("/srv/files");
    path.push(name);
    NamedFile::open(path).await.ok() //~ path-traversal:high
}

// Pushed onto a path, then handed to a fn of another crate.
async fn pushed(req: HttpRequest) -> HttpResponse {
    let mut path = PathBuf::from("/srv/files");
    path.push(req.match_info().query("file")); //~ path-traversal:high
    send_file(&req, path).await
}

// Stored in a field of `self`.
struct Browser {
    root: PathBuf,
    cwd: PathBuf,
}

impl Browser {
    async fn cd(&mut self, Query(q): Query<Cd>) {
        self.cwd = self.root.join(&q.dir); //~ path-traversal:high
    }
}

// Stored in a struct the handler returns.
struct Plan {
    file: PathBuf,
    inline: bool,
}

async fn plan(web::Path(name): web::Path<String>) -> Plan {
    Plan {
        file: PathBuf::from("/srv/files").join(&name), //~ path-traversal:high
        inline: true,
    }
}

// A let chain: joined, given an extension, rendered by a fn the scanner does not know.
async fn let_chain(web::Path(name): web::Path<String>) -> HttpResponse {
    let base = PathBuf::from("/srv/pages");
    let full = base.join(&name); //~ path-traversal:high
    let page = full.with_extension("html");
    render_page(&page)
}

// Through a struct field of a local.
struct Target {
    dir: PathBuf,
    file: PathBuf,
}

async fn through_field(Query(q): Query<Get>) {
    let mut t = Target {
        dir: PathBuf::from("/srv/archive"),
        file: PathBuf::new(),
    };
    t.file = t.dir.join(&q.name); //~ path-traversal:high
    archive::add(&t.file);
}

// Collected into a path from its parts.
async fn collected(web::Path(name): web::Path<String>) -> PathBuf {
    ["/srv/files", name.as_str()].iter().collect::<PathBuf>() //~ path-traversal:high
}

// The components asserted plain are another path's: the pushed one is not checked.
fn parse_other(req: &HttpRequest) -> PathBuf {
    let mut buf = PathBuf::new();
    let fixed = PathBuf::from("/srv/files");
    for segment in req.path().split('/') {
        buf.push(segment); //~ path-traversal:high
    }
    for component in fixed.components() {
        assert!(matches!(component, std::path::Component::Normal(_)), "not normal");
    }
    buf
}
