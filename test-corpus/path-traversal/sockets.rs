// Bytes read from a TCP socket naming a file; the look-alike keeps only the final name.
use std::io::Read;
use std::net::TcpStream;
use std::path::Path;

fn serve(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    std::fs::read(format!("/srv/{name}")); //~ path-traversal:high
}

fn serve_flat(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    let name = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(name));
}

fn serve_uuid(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    let id = uuid::Uuid::parse_str(name.trim()).unwrap();
    std::fs::read(format!("/srv/{id}"));
}
