// Handlers whose paths go through helpers in util.rs and lookalike.rs (other files).
mod lookalike;
mod util;

use std::path::Path;
use actix_web::{web, HttpRequest};
use util::{safe_path_join, user_file};

// Through a workspace helper that joins without a check, then a sink here.
async fn download(file: web::Path<String>) -> std::io::Result<Vec<u8>> {
    let path = user_file(Path::new("/srv/uploads"), &file);
    std::fs::read(&path) //~ path-traversal:high
}

// Into a workspace helper whose body holds the sink: reported at the call.
async fn delete(req: HttpRequest) -> std::io::Result<()> {
    let name = req.match_info().query("name").to_string();
    util::remove_upload(&name) //~ path-traversal:high
}

// Checked by a workspace helper with `?` (rustypaste's `safe_path_join`): the name is used again
// afterwards, and that use is inside the base too.
async fn serve(file: web::Path<String>) -> std::io::Result<()> {
    let path = safe_path_join("/srv/uploads", &*file)?;
    std::fs::rename(&path, path.with_file_name(format!("{}.old", file)))?;
    Ok(())
}

// The helper's result is the checked path.
async fn serve_checked(file: web::Path<String>) -> std::io::Result<Vec<u8>> {
    let path = safe_path_join("/srv/uploads", &*file)?;
    std::fs::read(&path)
}

// Only the final name survives the helper.
async fn flat(file: web::Path<String>) -> std::io::Result<Vec<u8>> {
    let name = util::flat_name(&file);
    std::fs::read(Path::new("/srv/uploads").join(name))
}

// Checked by a helper that returns `None` outside the base.
async fn checked_option(file: web::Path<String>) -> Option<Vec<u8>> {
    let full = util::inside(Path::new("/srv/uploads"), &file)?;
    std::fs::read(&full).ok()
}

// A look-alike of the check whose `clean` is not path_clean's: no check at all.
async fn tidy(file: web::Path<String>) -> std::io::Result<()> {
    let path = lookalike::tidy_join(Path::new("/srv/uploads"), &file)?;
    std::fs::rename(&path, path.with_file_name(format!("{}.old", file)))?; //~ path-traversal:high
    Ok(())
}

// The request body's bytes, and a request's numbers (`Listing` is declared elsewhere), handed
// to helpers that name a file with them.
async fn by_bytes(body: web::Bytes) -> std::io::Result<Vec<u8>> {
    util::open_bytes(&body) //~ path-traversal:high
}

async fn by_numbers(listing: web::Json<Listing>) -> std::io::Result<Vec<u8>> {
    util::open_numbered(&listing.ids)
}

fn main() {}
