// Helpers the handlers in main.rs call: the engine reads their bodies through the model.
use std::path::{Path, PathBuf};
use path_clean::PathClean;

// Joins and checks the result stays under the base (path_clean's lexical `clean`, then
// `starts_with`), returning an error otherwise: a check the caller's `?` relies on.
pub fn safe_path_join<B: AsRef<Path>, P: AsRef<Path>>(base: B, part: P) -> std::io::Result<PathBuf> {
    let new_path = base.as_ref().join(&part).clean();
    if !new_path.starts_with(base.as_ref().clean()) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "outside"));
    }
    Ok(new_path)
}

// Joins without any check.
pub fn user_file(base: &Path, name: &str) -> PathBuf {
    base.join(name)
}

// Passes its parameter to the file system.
pub fn remove_upload(name: &str) -> std::io::Result<()> {
    std::fs::remove_file(format!("/srv/uploads/{name}"))
}

// Keeps only the final component.
pub fn flat_name(name: &str) -> String {
    Path::new(name).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

// Canonicalizes and checks the prefix, returning `None` otherwise.
pub fn inside(base: &Path, name: &str) -> Option<PathBuf> {
    let full = base.join(name).canonicalize().ok()?;
    if !full.starts_with(base) {
        return None;
    }
    Some(full)
}

// A file named by bytes: bytes are text.
pub fn open_bytes(name: &[u8]) -> std::io::Result<Vec<u8>> {
    std::fs::read(format!("/srv/uploads/{}", String::from_utf8_lossy(name)))
}

// A file named by numbers: no `../` fits in a `u64`.
pub fn open_numbered(ids: &[u64]) -> std::io::Result<Vec<u8>> {
    std::fs::read(format!("/srv/uploads/{}", ids[0]))
}
