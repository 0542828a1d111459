// Datagrams received from a UDP socket naming a file. The look-alikes use the byte count, or
// keep only the final name.
use std::net::UdpSocket;
use std::path::Path;

fn serve(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _peer) = sock.recv_from(&mut buf).unwrap();
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    std::fs::read(format!("/srv/{name}")); //~ path-traversal:high
}

async fn serve_tokio() {
    let sock = tokio::net::UdpSocket::bind("0.0.0.0:9000").await.unwrap();
    let mut buf = vec![0u8; 512];
    let n = sock.recv(&mut buf).await.unwrap();
    let name = std::str::from_utf8(&buf[..n]).unwrap();
    tokio::fs::remove_file(name).await; //~ path-traversal:high
}

fn open_named(datagram: &[u8]) {
    let name = String::from_utf8_lossy(datagram).into_owned();
    std::fs::read(name); //~ path-traversal:high
}

fn serve_helper(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    open_named(&buf[..n]);
}

struct Request {
    file: String,
}

fn serve_struct(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).unwrap();
    let req = Request { file: String::from_utf8_lossy(&buf[..n]).into_owned() };
    std::fs::read(&req.file); //~ path-traversal:high
}

fn serve_count(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).unwrap();
    std::fs::read(format!("/srv/packet-{n}.log"));
}

fn serve_flat(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    let name = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(name));
}
