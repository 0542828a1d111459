//! Where uploaded files live (files.rs serves them).

use std::path::{Path, PathBuf};

// Joins without a check: a `../` in `user` leaves the directory.
pub fn avatar_path(user: &str) -> PathBuf {
    Path::new("/srv/avatars").join(user)
}

// Keeps only the final component.
pub fn avatar_file(user: &str) -> PathBuf {
    let leaf = Path::new(user).file_name().unwrap_or_default();
    Path::new("/srv/avatars").join(leaf)
}
