// Look-alikes of joined paths leaving their function: the joined part is cleaned or constant,
// the path is only shown or compared, or it reaches a sink, which is the one finding.
use std::path::{Path, PathBuf};
use actix_web::{web, HttpRequest};

// Only the final name is joined.
fn requested_file(req: &HttpRequest, root: &Path) -> PathBuf {
    let name: String = req.match_info().query("file").parse().unwrap();
    let name = Path::new(&name).file_name().unwrap().to_owned();
    root.join(name)
}

// Joined, made canonical and checked against the base before it is handed back.
fn checked_file(req: &HttpRequest, root: &Path) -> Option<PathBuf> {
    let name = req.match_info().query("file").to_string();
    let full = root.join(&name).canonicalize().ok()?;
    if !full.starts_with(root) {
        return None;
    }
    Some(full)
}

// The joined path is only logged, compared and shown.
async fn shown(web::Path(name): web::Path<String>) -> String {
    let full = PathBuf::from("/srv/files").join(&name);
    tracing::info!("looking up {}", full.display());
    if full == PathBuf::from("/srv/files/index.html") {
        return "index".to_string();
    }
    describe(full.display())
}

// A constant joined onto the base: the request decides nothing of the path.
async fn constant(web::Path(name): web::Path<String>, root: web::Data<PathBuf>) -> PathBuf {
    tracing::info!("index requested by {name}");
    let base = PathBuf::from("/srv/files");
    base.join("index.html")
}

// The joined path is opened here and handed back: one finding, at the sink.
async fn opened(web::Path(name): web::Path<String>) -> std::io::Result<(std::fs::File, PathBuf)> {
    let full = PathBuf::from("/srv/files").join(&name);
    let file = std::fs::File::open(&full)?; //~ path-traversal:high
    Ok((file, full))
}

// Only plain names are kept, and the path is handed back when it stays under the base
// (dufs's `resolve_path` and `join_within`).
fn resolve(req: &HttpRequest, base: &Path) -> Option<PathBuf> {
    let mut parts = vec![];
    for comp in Path::new(req.path()).components() {
        if let std::path::Component::Normal(v) = comp {
            parts.push(v.to_string_lossy());
        } else {
            return None;
        }
    }
    join_within(base, &parts.join("/"))
}

fn join_within(base: &Path, relative: &str) -> Option<PathBuf> {
    if Path::new(relative)
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
    {
        return None;
    }
    let path = base.join(relative);
    path.starts_with(base).then_some(path)
}

fn served(req: &HttpRequest) -> Option<PathBuf> {
    let relative = req.match_info().query("tail").to_string();
    join_within(Path::new("/srv"), &relative)
}

// Every component asserted to be a plain name before the path is handed back (actix-files's
// `PathBufWrap::parse_path`).
fn parse_path(req: &HttpRequest) -> PathBuf {
    let mut buf = PathBuf::new();
    for segment in req.path().split('/') {
        buf.push(segment);
    }
    for (i, component) in buf.components().enumerate() {
        assert!(matches!(component, std::path::Component::Normal(_)), "not normal");
    }
    buf
}
