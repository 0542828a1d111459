// hyper services (and handlers taking the whole `http::Request`): the request's URI and headers
// are the client's. The shapes of the file servers read for the ecosystem's precision note
// (basic-http-server 0.11's extension middlewares, dufs, static-web-server, hyper-staticfile).
use std::path::{Component, Path, PathBuf};

use axum::extract::Request;
use percent_encoding::percent_decode_str;

// A type alias of the file names the request type (dufs: `pub type Request = ..`).
pub type HyperRequest = hyper::Request<hyper::body::Incoming>;

// The request path, percent-decoded, pushed onto the root: `/..%2f..%2fetc/x.md` leaves it.
fn local_path(uri_path: &str, root: &Path) -> Option<PathBuf> {
    let decoded = percent_decode_str(uri_path).decode_utf8().ok()?;
    let mut path = root.to_owned();
    path.push(decoded.strip_prefix('/')?);
    Some(path)
}

async fn markdown(root: PathBuf, req: Request) -> std::io::Result<Vec<u8>> {
    let uri_path = req.uri().path().to_string();
    let path = local_path(&uri_path, &root).unwrap();
    tokio::fs::read(&path).await //~ path-traversal:high
}

async fn serve(req: HyperRequest) -> std::io::Result<Vec<u8>> {
    let path = percent_encoding::percent_decode(req.uri().path().as_bytes())
        .decode_utf8_lossy()
        .into_owned();
    std::fs::read(Path::new("/srv").join(path)) //~ path-traversal:high
}

async fn generic<B>(req: &http::Request<B>) -> std::io::Result<()> {
    let dest = req.headers().get("destination").unwrap().to_str().unwrap();
    std::fs::remove_file(dest) //~ path-traversal:high
}

// Look-alikes. Only plain components of the decoded path are kept (dufs, static-web-server,
// hyper-staticfile).
fn normal_only(uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(uri_path).decode_utf8().ok()?;
    let mut path = PathBuf::from("/srv");
    for comp in Path::new(&*decoded).components() {
        match comp {
            Component::Normal(name) => path.push(name),
            _ => return None,
        }
    }
    Some(path)
}

async fn serve_clean(req: HyperRequest) -> std::io::Result<Vec<u8>> {
    let path = normal_only(req.uri().path()).unwrap();
    std::fs::read(path)
}

// The method and the extensions are the server's, not the client's text.
async fn by_method(req: Request) -> std::io::Result<Vec<u8>> {
    let name = req.method().as_str().to_lowercase();
    tokio::fs::read(format!("/srv/{name}.html")).await
}

// The same flow in test code is not reported.
#[cfg(all(test, feature = "files"))]
mod tests {
    async fn reads(req: super::HyperRequest) {
        std::fs::read(req.uri().path()).unwrap();
    }
}
