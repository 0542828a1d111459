use std::path::Path;

pub struct Opts<'a> {
    pub uri_path: &'a str,
    pub index: &'a str,
    pub base: &'a Path,
}

// Reads the request's path: whatever a caller puts in `uri_path` reaches the file system.
pub fn serve_raw(opts: &Opts<'_>) -> Vec<u8> {
    std::fs::read(opts.base.join(opts.uri_path)).unwrap_or_default()
}

// Reads only the configured index file: `uri_path` is never used for a path.
pub fn serve_index(opts: &Opts<'_>) -> Vec<u8> {
    std::fs::read(opts.base.join(opts.index)).unwrap_or_default()
}

// Hands the options on whole to a fn that reads `uri_path`.
pub fn serve_via(opts: &Opts<'_>) -> Vec<u8> {
    serve_raw(opts)
}

// Hands them on whole to one that reads `index` only.
pub fn serve_index_via(opts: &Opts<'_>) -> Vec<u8> {
    serve_index(opts)
}
