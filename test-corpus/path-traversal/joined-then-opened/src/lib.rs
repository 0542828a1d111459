// A helper joins the request's name and returns the path; the handler opens it: one finding, at
// the sink, with the join a step of its path.
use std::path::{Path, PathBuf};
use actix_files::NamedFile;
use actix_web::HttpRequest;

fn requested_file(req: &HttpRequest, root: &Path) -> PathBuf {
    let name: String = req.match_info().query("file").parse().unwrap();
    root.join(name)
}

async fn download(req: HttpRequest) -> std::io::Result<NamedFile> {
    let path = requested_file(&req, Path::new("/srv/files"));
    NamedFile::open_async(path).await //~ path-traversal:high
}
