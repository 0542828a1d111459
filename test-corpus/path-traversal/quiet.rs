// Look-alikes that keep the path inside its directory, or whose input is the user's own.
use std::path::PathBuf;
use axum::extract::{Path, Query};
use actix_web::{web, HttpRequest};

// Only the final name is kept.
async fn let_chain(Path(name): Path<String>) {
    let base = PathBuf::from("/srv/files");
    let name = std::path::Path::new(&name).file_name().unwrap();
    let full = base.join(name);
    tokio::fs::read(&full).await;
}

// The helper builds a path, but the caller passes its own values.
fn upload_path(user: &str, file: &str) -> PathBuf {
    let mut p = PathBuf::from("/srv/uploads");
    p.push(user);
    p.push(file);
    p
}

async fn via_helper(_req: HttpRequest, body: web::Bytes) {
    let path = upload_path("shared", "avatar.png");
    std::fs::write(&path, &body);
}

// `..` rejected before use.
async fn dotdot(Query(q): Query<Get>) {
    if q.name.contains("..") {
        return;
    }
    std::fs::File::open(format!("/srv/{}", q.name));
}

// Canonicalized and checked against the base directory.
async fn canonical(Path(name): Path<String>) -> std::io::Result<()> {
    let full = PathBuf::from("/srv/files").join(&name).canonicalize()?;
    if full.starts_with("/srv/files") {
        std::fs::read(&full)?;
    }
    Ok(())
}

// A struct whose path field is constant.
struct Download {
    file: String,
    label: String,
}

async fn via_struct(Query(q): Query<Get>) {
    let d = Download {
        file: "/srv/index.html".to_string(),
        label: q.name.clone(),
    };
    std::fs::File::open(&d.file);
}

// A command-line tool opening the file its user names.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    std::fs::read_to_string(path);
}

// The length of the input is not a path.
async fn length(Path(name): Path<String>) {
    std::fs::write("/tmp/len", name.len().to_string());
}

// A `..` check on one copy of the value covers the other copy it was built alongside
// (miniserve's mkdir).
async fn two_copies(Path(dir): Path<String>) -> Result<(), Error> {
    let mut absolute = PathBuf::from("/srv");
    let mut given = PathBuf::new();
    let dir = dir.replace('\\', "/");
    absolute.push(&dir);
    given.push(&dir);
    if given.components().any(|c| c == std::path::Component::ParentDir) {
        return Err(Error::Parent);
    }
    tokio::fs::create_dir_all(&absolute).await?;
    Ok(())
}

// The archive's own check: `enclosed_name` refuses names that leave the directory.
fn unzip(file: std::fs::File, dest: &std::path::Path) -> zip::result::ZipResult<()> {
    let mut archive = zip::ZipArchive::new(file)?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let Some(name) = entry.enclosed_name() else {
            continue;
        };
        let out = dest.join(name);
        let mut f = std::fs::File::create(&out)?;
        std::io::copy(&mut entry, &mut f)?;
    }
    Ok(())
}

// A `by_index` on something that is not an archive.
fn not_an_archive(list: &Catalog) {
    let item = list.by_index(0);
    std::fs::read(item.name());
}

// Only letters, digits and `_` get through.
async fn charset(Path(name): Path<String>) {
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return;
    }
    std::fs::read(format!("/srv/files/{name}"));
}

// Rebuilt from the plain components only: `..`, roots and prefixes are dropped.
async fn normal_components(Path(name): Path<String>) {
    let mut clean = PathBuf::from("/srv/files");
    for part in std::path::Path::new(&name).components() {
        match part {
            std::path::Component::Normal(p) => clean.push(p),
            _ => {}
        }
    }
    std::fs::read(&clean);
}
