// Bytes are text to a taint: a helper taking `&[u8]`, `Vec<u8>` or `[u8; N]` carries the
// socket's or request's bytes to its sink. A helper taking numbers (`&[u64]`) does not.
use axum::extract::Json;
use std::io::Read;

fn open_slice(b: &[u8]) {
    let n = String::from_utf8_lossy(b).to_string();
    std::fs::read(n); //~ path-traversal:high
}

fn open_owned(b: Vec<u8>) {
    let n = String::from_utf8(b).unwrap();
    std::fs::read(n); //~ path-traversal:high
}

fn open_array(b: [u8; 16]) {
    std::fs::read(String::from_utf8_lossy(&b).as_ref()); //~ path-traversal:high
}

fn open_raw(raw: &[u8]) {
    std::fs::read(format!("/srv/{}", String::from_utf8_lossy(raw))); //~ path-traversal:high
}

fn open_ids(ids: &[u64]) {
    std::fs::read(format!("/srv/{}", ids[0]));
}

fn serve(mut s: std::net::TcpStream) {
    let mut buf = vec![0u8; 256];
    let n = s.read(&mut buf).unwrap();
    open_slice(&buf[..n]);
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    open_owned(all);
    let mut head = [0u8; 16];
    s.read_exact(&mut head).unwrap();
    open_array(head);
}

// `Upload` is declared elsewhere: its fields' types are unknown here, so the helper's
// parameter type decides.
async fn handler(Json(u): Json<Upload>) {
    open_raw(&u.raw);
    open_ids(&u.ids);
}
