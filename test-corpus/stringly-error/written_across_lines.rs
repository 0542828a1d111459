// The error text is still the constructor's sole argument when rustfmt spreads the call over
// lines, leaves a trailing comma, or the macro is named by its path: the file's prefilter must
// select it (a finding needs `.to_string()` closing the call or `format!` opening it).

#[derive(Debug)]
pub enum SyncError {
    Remote(String), //~ stringly-error
    Local(String), //~ stringly-error
    Note(String),
}

fn pull(client: &Client) -> Result<Vec<u8>, SyncError> {
    client.fetch().map_err(|err| {
        SyncError::Remote(
            err.to_string(),
        )
    })
}

fn push(path: &str) -> Result<(), SyncError> {
    std::fs::write(path, b"").map_err(|e| SyncError::Local(std::format!("write {path}: {e}")))
}

// Look-alike: the text is not the sole argument (it is a method's receiver), so no constructor
// is fed error text here.
fn note(e: std::io::Error) -> SyncError {
    SyncError::Note(e.to_string().to_uppercase())
}
