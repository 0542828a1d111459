// Untrusted input deciding a file system path.
use std::path::PathBuf;
use axum::extract::{Multipart, Path, Query};
use actix_web::{web, HttpRequest};

// A let chain through `Path::join`.
async fn let_chain(Path(name): Path<String>) {
    let base = PathBuf::from("/srv/files");
    let full = base.join(&name);
    tokio::fs::read(&full).await; //~ path-traversal:high
}

// Through a helper that builds the path and returns it.
fn upload_path(user: &str, file: &str) -> PathBuf {
    let mut p = PathBuf::from("/srv/uploads");
    p.push(user);
    p.push(file);
    p
}

async fn via_helper(req: HttpRequest, body: web::Bytes) {
    let user = req.match_info().get("user").unwrap().to_string();
    let path = upload_path(&user, "avatar.png");
    std::fs::write(&path, &body); //~ path-traversal:high
}

// Through a struct field of a local.
struct Download {
    dir: String,
    file: String,
}

async fn via_struct(Query(q): Query<Get>) {
    let d = Download {
        dir: "/srv".to_string(),
        file: format!("/srv/{}", q.name),
    };
    std::fs::File::open(&d.file); //~ path-traversal:high
}

// Serving a directory the request names.
async fn serve(Query(q): Query<Get>) {
    let svc = tower_http::services::ServeDir::new(&q.root); //~ path-traversal:high
}

// A foreign caller's string.
#[unsafe(no_mangle)]
pub extern "C" fn load(path: *const std::ffi::c_char) {
    let p = unsafe { std::ffi::CStr::from_ptr(path) }.to_str().unwrap();
    std::fs::remove_file(p); //~ path-traversal:medium
}

// The `..` check is on an unrelated value: the path used is not covered.
async fn checks_other(Path(dir): Path<String>, Query(q): Query<Get>) -> Result<(), Error> {
    let mut absolute = PathBuf::from("/srv");
    absolute.push(&dir);
    let other = PathBuf::from(&q.name);
    if other.components().any(|c| c == std::path::Component::ParentDir) {
        return Err(Error::Parent);
    }
    tokio::fs::create_dir_all(&absolute).await?; //~ path-traversal:high
    Ok(())
}

// Zip-slip: an archive entry's name decides where it is written.
fn unzip(file: std::fs::File, dest: &std::path::Path) -> zip::result::ZipResult<()> {
    let mut archive = zip::ZipArchive::new(file)?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let out = dest.join(entry.name());
        let mut f = std::fs::File::create(&out)?; //~ path-traversal:high
        std::io::copy(&mut entry, &mut f)?;
    }
    Ok(())
}

fn untar(file: std::fs::File, dest: &std::path::Path) -> std::io::Result<()> {
    let mut archive = tar::Archive::new(file);
    for entry in archive.entries()? {
        let entry = entry?;
        let path = entry.path()?.into_owned();
        std::fs::create_dir_all(dest.join(&path))?; //~ path-traversal:high
    }
    Ok(())
}

// A character check that lets `.` through: `..` passes it.
async fn charset_with_dot(Path(name): Path<String>) {
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        return;
    }
    std::fs::read(format!("/srv/files/{name}")); //~ path-traversal:high
}

// Every component kept, `..` included.
async fn all_components(Path(name): Path<String>) {
    let mut kept = PathBuf::from("/srv/files");
    for part in std::path::Path::new(&name).components() {
        match part {
            std::path::Component::RootDir => {}
            other => kept.push(other),
        }
    }
    std::fs::read(&kept); //~ path-traversal:high
}
