// A multipart upload's `file_name()` is the name the client chose: `../../etc/cron.d/x` as
// easily as `photo.jpg`. Only `Path::file_name` (on a path) keeps the final component.
use axum::extract::multipart::Field;
use axum::extract::Multipart;
use std::path::{Path, PathBuf};

async fn upload(mut mp: Multipart) {
    while let Some(field) = mp.next_field().await.unwrap() {
        let name = field.file_name().unwrap().to_string();
        let dest = format!("/srv/uploads/{name}");
        std::fs::write(&dest, b""); //~ path-traversal:high
    }
}

async fn save(field: Field<'_>) {
    let name = field.file_name().unwrap_or("upload");
    tokio::fs::write(Path::new("/srv/uploads").join(name), b"").await; //~ path-traversal:high
}

struct Stored {
    path: String,
}

async fn upload_struct(mut mp: Multipart) {
    while let Some(field) = mp.next_field().await.unwrap() {
        let stored = Stored { path: format!("/srv/uploads/{}", field.file_name().unwrap()) };
        std::fs::File::create(&stored.path); //~ path-traversal:high
    }
}

async fn save_actix(field: actix_multipart::Field) {
    let cd = field.content_disposition().unwrap();
    let name = cd.get_filename().unwrap();
    std::fs::File::create(format!("/srv/uploads/{name}")); //~ path-traversal:high
}

// The client's name made a path, then `Path::file_name`: only the last component remains.
async fn upload_flat(mut mp: Multipart) {
    while let Some(field) = mp.next_field().await.unwrap() {
        let given = field.file_name().unwrap().to_string();
        let name = Path::new(&given).file_name().unwrap();
        std::fs::write(Path::new("/srv/uploads").join(name), b"");
    }
}

fn last_part(p: &PathBuf) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

async fn save_flat(field: Field<'_>) {
    let given = PathBuf::from(field.file_name().unwrap());
    std::fs::write(Path::new("/srv/uploads").join(last_part(&given)), b"");
}
