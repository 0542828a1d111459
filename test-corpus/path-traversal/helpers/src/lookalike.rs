// A `clean` that is not path_clean's: a string tidy-up, no normalisation of `..`.
use std::path::{Path, PathBuf};

trait Tidy {
    fn clean(&self) -> PathBuf;
}

impl Tidy for PathBuf {
    fn clean(&self) -> PathBuf {
        PathBuf::from(self.to_string_lossy().trim().to_string())
    }
}

pub fn tidy_join(base: &Path, part: &str) -> std::io::Result<PathBuf> {
    let new_path = base.join(part).clean();
    if !new_path.starts_with(base) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "outside"));
    }
    Ok(new_path)
}
