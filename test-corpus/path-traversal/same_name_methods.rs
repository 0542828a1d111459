// A method of this file shares its name with a source's accessor: a call on a value of another
// type (`HeaderMap::get`, tonic's `Request::metadata`) is that type's, not this file's.
use axum::extract::Query;
use axum::http::HeaderMap;
use std::path::Path;

struct Cfg;

impl Cfg {
    fn get(&self, k: &str) -> String {
        k.to_string()
    }

    // Keeps the final name only.
    fn clean(&self, name: &str) -> String {
        Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

async fn header_beside_a_get_method(headers: HeaderMap) {
    let name = headers.get("x-file").unwrap().to_str().unwrap();
    std::fs::read(name).ok(); //~ path-traversal:high
}

struct Files;

impl Files {
    async fn metadata(&self, request: tonic::Request<String>) {
        let name = request.metadata().get("x-file").unwrap().to_str().unwrap();
        std::fs::read(name).ok(); //~ path-traversal:high
    }
}

#[derive(serde::Deserialize)]
struct Req {
    name: String,
}

// On a value of the method's own type, its summary decides: `clean` keeps the final name.
async fn own_type_method(cfg: Cfg, Query(q): Query<Req>) {
    let name = cfg.clean(&q.name);
    std::fs::read(name).ok();
}

// And `get` hands its argument back.
async fn own_type_passes_through(cfg: Cfg, Query(q): Query<Req>) {
    let name = cfg.get(&q.name);
    std::fs::read(name).ok(); //~ path-traversal:high
}
