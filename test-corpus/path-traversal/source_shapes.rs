// Every source family in three firing shapes: a let chain, a helper fn of this file given the
// value, a field of a local struct. Each firing flow has a sanitized look-alike next to it:
// the final name kept (`file_name`), a number parsed, or `canonicalize` then `starts_with`.
use std::io::Read;
use std::net::{TcpStream, UdpSocket};
use std::path::Path;

use salvo::Request;
use warp::Filter;

struct Opts {
    name: String,
}

// warp: the closure parameters of a filter extracting a path segment.
fn warp_let() {
    let r = warp::path("a").and(warp::path::param()).map(|name: String| {
        let full = format!("/srv/{name}");
        std::fs::read(full) //~ path-traversal:high
    });
    let q = warp::path("b").and(warp::path::param()).map(|name: String| {
        let flat = Path::new(&name).file_name().unwrap().to_owned();
        std::fs::read(Path::new("/srv").join(flat))
    });
}

fn warp_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn warp_open_flat(n: &str) {
    let flat = Path::new(n).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

fn warp_helper() {
    let r = warp::path("c").and(warp::path::param()).map(|name: String| warp_open(&name));
    let q = warp::path("d").and(warp::path::param()).map(|name: String| warp_open_flat(&name));
}

fn warp_field() {
    let r = warp::path("e").and(warp::path::param()).map(|name: String| {
        let mut o = Opts { name: String::new() };
        o.name = name;
        std::fs::read(&o.name) //~ path-traversal:high
    });
}

fn warp_field_number() {
    let q = warp::path("f").and(warp::path::param()).map(|name: String| {
        let n: u32 = name.parse().unwrap();
        let o = Opts { name: n.to_string() };
        std::fs::read(&o.name)
    });
}

// rocket: route parameters named in the route attribute.
#[rocket::get("/a/<name>")]
fn rocket_let(name: String) {
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

#[rocket::get("/b/<name>")]
fn rocket_let_flat(name: String) {
    let flat = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

fn rocket_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn rocket_open_checked(n: &str) {
    let p = Path::new("/srv").join(n).canonicalize().unwrap();
    if !p.starts_with("/srv") {
        return;
    }
    std::fs::read(&p);
}

#[rocket::get("/c/<name>")]
fn rocket_helper(name: String) {
    rocket_open(&name);
}

#[rocket::get("/d/<name>")]
fn rocket_helper_checked(name: String) {
    rocket_open_checked(&name);
}

#[rocket::get("/e/<name>")]
fn rocket_field(name: String) {
    let o = Opts { name };
    std::fs::read(&o.name); //~ path-traversal:high
}

#[rocket::get("/f/<name>")]
fn rocket_field_flat(name: String) {
    let o = Opts { name: Path::new(&name).file_name().unwrap().to_string_lossy().into_owned() };
    std::fs::read(Path::new("/srv").join(&o.name));
}

// poem: `web::Path`, `Query`, `Json`, `Form` extractors.
#[poem::handler]
fn poem_let(poem::web::Path(name): poem::web::Path<String>) {
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

#[poem::handler]
fn poem_let_flat(poem::web::Path(name): poem::web::Path<String>) {
    let flat = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

#[poem::handler]
fn poem_form_let(poem::web::Form(f): poem::web::Form<Params>) {
    let full = format!("/srv/{}", f.name);
    std::fs::read(full); //~ path-traversal:high
}

#[poem::handler]
fn poem_form_let_number(poem::web::Form(f): poem::web::Form<Params>) {
    let n = f.name.parse::<u32>().unwrap();
    std::fs::read(format!("/srv/{n}"));
}

fn poem_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn poem_open_flat(n: &str) {
    let flat = Path::new(n).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

#[poem::handler]
fn poem_helper(poem::web::Query(q): poem::web::Query<Params>) {
    poem_open(&q.name);
}

#[poem::handler]
fn poem_helper_flat(poem::web::Query(q): poem::web::Query<Params>) {
    poem_open_flat(&q.name);
}

#[poem::handler]
fn poem_field(poem::web::Json(body): poem::web::Json<Params>) {
    let mut o = Opts { name: String::new() };
    o.name = body.name.clone();
    std::fs::read(&o.name); //~ path-traversal:high
}

#[poem::handler]
fn poem_field_flat(poem::web::Json(body): poem::web::Json<Params>) {
    let mut o = Opts { name: String::new() };
    o.name = Path::new(&body.name).file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read(Path::new("/srv").join(&o.name));
}

// salvo: `Request` accessors.
async fn salvo_let(req: &mut Request) {
    let name = req.query::<String>("name").unwrap();
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

async fn salvo_let_flat(req: &mut Request) {
    let name = req.query::<String>("name").unwrap();
    let flat = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

fn salvo_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn salvo_open_number(n: &str) {
    let id = n.parse::<u32>().unwrap();
    std::fs::read(format!("/srv/{id}"));
}

async fn salvo_helper(req: &mut Request) {
    let name = req.param::<String>("name").unwrap();
    salvo_open(&name);
}

async fn salvo_helper_number(req: &mut Request) {
    let name = req.param::<String>("name").unwrap();
    salvo_open_number(&name);
}

async fn salvo_field(req: &mut Request) {
    let mut o = Opts { name: String::new() };
    o.name = req.header::<String>("x-file").unwrap();
    std::fs::read(&o.name); //~ path-traversal:high
}

async fn salvo_field_flat(req: &mut Request) {
    let mut o = Opts { name: String::new() };
    let raw = req.header::<String>("x-file").unwrap();
    o.name = Path::new(&raw).file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read(Path::new("/srv").join(&o.name));
}

// tonic: the decoded message (`into_inner`, `get_ref`) and the metadata.
pub struct Files;

fn tonic_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn tonic_open_flat(n: &str) {
    let flat = Path::new(n).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

#[tonic::async_trait]
impl FileService for Files {
    async fn let_chain(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let msg = request.into_inner();
        let full = format!("/srv/{}", msg.name);
        std::fs::read(full); //~ path-traversal:high
        Ok(tonic::Response::new(()))
    }

    async fn let_chain_flat(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let msg = request.into_inner();
        let flat = Path::new(&msg.name).file_name().unwrap().to_owned();
        std::fs::read(Path::new("/srv").join(flat));
        Ok(tonic::Response::new(()))
    }

    async fn by_ref(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let name = request.get_ref().name.clone();
        let full = format!("/srv/{name}");
        std::fs::read(full); //~ path-traversal:high
        Ok(tonic::Response::new(()))
    }

    async fn by_ref_number(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let id = request.get_ref().name.parse::<u32>().unwrap();
        std::fs::read(format!("/srv/{id}"));
        Ok(tonic::Response::new(()))
    }

    async fn by_mut(&self, mut request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let name = request.get_mut().name.clone();
        let full = format!("/srv/{name}");
        std::fs::read(full); //~ path-traversal:high
        Ok(tonic::Response::new(()))
    }

    async fn by_mut_flat(&self, mut request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let name = request.get_mut().name.clone();
        let flat = Path::new(&name).file_name().unwrap().to_owned();
        std::fs::read(Path::new("/srv").join(flat));
        Ok(tonic::Response::new(()))
    }

    async fn from_metadata(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let name = request.metadata().get("x-file").unwrap().to_str().unwrap();
        let full = format!("/srv/{name}");
        std::fs::read(full); //~ path-traversal:high
        Ok(tonic::Response::new(()))
    }

    async fn from_metadata_flat(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let name = request.metadata().get("x-file").unwrap().to_str().unwrap();
        let flat = Path::new(name).file_name().unwrap();
        std::fs::read(Path::new("/srv").join(flat));
        Ok(tonic::Response::new(()))
    }

    async fn helper(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let msg = request.into_inner();
        tonic_open(&msg.name);
        Ok(tonic::Response::new(()))
    }

    async fn helper_flat(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let msg = request.into_inner();
        tonic_open_flat(&msg.name);
        Ok(tonic::Response::new(()))
    }

    async fn field(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let mut o = Opts { name: String::new() };
        o.name = request.get_ref().name.clone();
        std::fs::read(&o.name); //~ path-traversal:high
        Ok(tonic::Response::new(()))
    }

    async fn field_flat(&self, request: tonic::Request<FileReq>) -> Result<tonic::Response<()>, tonic::Status> {
        let mut o = Opts { name: String::new() };
        o.name = Path::new(&request.get_ref().name).file_name().unwrap().to_string_lossy().into_owned();
        std::fs::read(Path::new("/srv").join(&o.name));
        Ok(tonic::Response::new(()))
    }
}

// hyper: the whole request of a service.
async fn hyper_let(req: hyper::Request<hyper::body::Incoming>) {
    let name = req.uri().path().to_string();
    let full = format!("/srv{name}");
    std::fs::read(full); //~ path-traversal:high
}

async fn hyper_let_flat(req: hyper::Request<hyper::body::Incoming>) {
    let name = req.uri().path().to_string();
    let flat = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

fn hyper_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn hyper_open_checked(n: &str) {
    let p = Path::new("/srv").join(n).canonicalize().unwrap();
    if !p.starts_with("/srv") {
        return;
    }
    std::fs::read(&p);
}

async fn hyper_helper(req: hyper::Request<hyper::body::Incoming>) {
    let name = req.headers().get("x-file").unwrap().to_str().unwrap();
    hyper_open(name);
}

async fn hyper_helper_checked(req: hyper::Request<hyper::body::Incoming>) {
    let name = req.headers().get("x-file").unwrap().to_str().unwrap();
    hyper_open_checked(name);
}

async fn hyper_field(req: hyper::Request<hyper::body::Incoming>) {
    let o = Opts { name: req.uri().path().to_string() };
    std::fs::read(&o.name); //~ path-traversal:high
}

async fn hyper_field_flat(req: hyper::Request<hyper::body::Incoming>) {
    let o = Opts { name: req.uri().path().to_string() };
    let flat = Path::new(&o.name).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

// TCP and Unix sockets: what is read from them.
fn tcp_let(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

fn tcp_let_number(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    let id: u32 = name.trim().parse().unwrap();
    std::fs::read(format!("/srv/{id}"));
}

fn socket_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn socket_open_flat(n: &str) {
    let flat = Path::new(n).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

fn tcp_helper(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    socket_open(&name);
}

fn tcp_helper_flat(mut stream: TcpStream) {
    let mut name = String::new();
    stream.read_to_string(&mut name).unwrap();
    socket_open_flat(&name);
}

fn unix_field() {
    let mut stream = std::os::unix::net::UnixStream::connect("/run/agent.sock").unwrap();
    let mut o = Opts { name: String::new() };
    stream.read_to_string(&mut o.name).unwrap();
    std::fs::read(&o.name); //~ path-traversal:high
}

fn unix_field_via_local() {
    let mut stream = std::os::unix::net::UnixStream::connect("/run/agent.sock").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let o = Opts { name: reply };
    std::fs::read(&o.name); //~ path-traversal:high
}

fn unix_field_flat() {
    let mut stream = std::os::unix::net::UnixStream::connect("/run/agent.sock").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let o = Opts { name: Path::new(&reply).file_name().unwrap().to_string_lossy().into_owned() };
    std::fs::read(Path::new("/srv").join(&o.name));
}

// UDP: what `recv_from` puts into the buffer.
fn udp_let(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

fn udp_let_flat(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    let flat = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

fn udp_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn udp_open_number(n: &str) {
    let id = n.trim().parse::<u32>().unwrap();
    std::fs::read(format!("/srv/{id}"));
}

fn udp_helper(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    udp_open(&name);
}

fn udp_helper_number(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let (n, _) = sock.recv_from(&mut buf).unwrap();
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    udp_open_number(&name);
}

fn udp_field(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).unwrap();
    let mut o = Opts { name: String::new() };
    o.name = String::from_utf8_lossy(&buf[..n]).into_owned();
    std::fs::read(&o.name); //~ path-traversal:high
}

fn udp_field_flat(sock: UdpSocket) {
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).unwrap();
    let mut o = Opts { name: String::new() };
    let raw = String::from_utf8_lossy(&buf[..n]).into_owned();
    o.name = Path::new(&raw).file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read(Path::new("/srv").join(&o.name));
}

// reqwest: a response's `text()`, `json()`, `bytes()`.
async fn reqwest_let() {
    let name = reqwest::get("https://api.example.com/name").await.unwrap().text().await.unwrap();
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

async fn reqwest_let_flat() {
    let name = reqwest::get("https://api.example.com/name").await.unwrap().text().await.unwrap();
    let flat = Path::new(&name).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

fn reqwest_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn reqwest_open_flat(n: &str) {
    let flat = Path::new(n).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

async fn reqwest_helper() {
    let body = reqwest::get("https://api.example.com/name").await.unwrap().bytes().await.unwrap();
    let name = String::from_utf8_lossy(&body).to_string();
    reqwest_open(&name);
}

async fn reqwest_helper_flat() {
    let body = reqwest::get("https://api.example.com/name").await.unwrap().bytes().await.unwrap();
    let name = String::from_utf8_lossy(&body).to_string();
    reqwest_open_flat(&name);
}

async fn reqwest_field() {
    let p: Params = reqwest::get("https://api.example.com/p").await.unwrap().json().await.unwrap();
    let o = Opts { name: p.name };
    std::fs::read(&o.name); //~ path-traversal:high
}

async fn reqwest_field_number() {
    let p: Params = reqwest::get("https://api.example.com/p").await.unwrap().json().await.unwrap();
    let id = p.name.parse::<u32>().unwrap();
    let o = Opts { name: id.to_string() };
    std::fs::read(&o.name);
}

// Message queues: an AMQP delivery, a Kafka message, a pgmq message.
async fn lapin_let(channel: lapin::Channel) {
    let mut consumer = channel.basic_consume("q", "c", Default::default(), Default::default()).await.unwrap();
    while let Some(delivery) = consumer.next().await {
        let delivery = delivery.unwrap();
        let name = String::from_utf8_lossy(&delivery.data).to_string();
        let full = format!("/srv/{name}");
        std::fs::read(full); //~ path-traversal:high
    }
}

async fn lapin_let_flat(channel: lapin::Channel) {
    let mut consumer = channel.basic_consume("q", "c", Default::default(), Default::default()).await.unwrap();
    while let Some(delivery) = consumer.next().await {
        let delivery = delivery.unwrap();
        let name = String::from_utf8_lossy(&delivery.data).to_string();
        let flat = Path::new(&name).file_name().unwrap().to_owned();
        std::fs::read(Path::new("/srv").join(flat));
    }
}

fn queue_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn queue_open_flat(n: &str) {
    let flat = Path::new(n).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

async fn kafka_helper(consumer: rdkafka::consumer::StreamConsumer) {
    let message = consumer.recv().await.unwrap();
    let name = message.payload_view::<str>().unwrap().unwrap().to_string();
    queue_open(&name);
}

async fn kafka_helper_flat(consumer: rdkafka::consumer::StreamConsumer) {
    let message = consumer.recv().await.unwrap();
    let name = message.payload_view::<str>().unwrap().unwrap().to_string();
    queue_open_flat(&name);
}

async fn pgmq_field(queue: pgmq::PGMQueue) {
    let job = queue.read::<Job>("jobs", None).await.unwrap().unwrap();
    let mut o = Opts { name: String::new() };
    o.name = job.message.path.clone();
    std::fs::read(&o.name); //~ path-traversal:high
}

async fn pgmq_field_flat(queue: pgmq::PGMQueue) {
    let job = queue.read::<Job>("jobs", None).await.unwrap().unwrap();
    let mut o = Opts { name: String::new() };
    o.name = Path::new(&job.message.path).file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read(Path::new("/srv").join(&o.name));
}

// A foreign caller's string: medium.
#[unsafe(no_mangle)]
pub extern "C" fn ffi_let(p: *const std::ffi::c_char) {
    let name = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap();
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:medium
}

#[unsafe(no_mangle)]
pub extern "C" fn ffi_let_flat(p: *const std::ffi::c_char) {
    let name = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap();
    let flat = Path::new(name).file_name().unwrap();
    std::fs::read(Path::new("/srv").join(flat));
}

fn ffi_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:medium
}

fn ffi_open_checked(n: &str) {
    let p = Path::new("/srv").join(n).canonicalize().unwrap();
    if !p.starts_with("/srv") {
        return;
    }
    std::fs::read(&p);
}

#[unsafe(no_mangle)]
pub extern "C" fn ffi_helper(p: *const std::ffi::c_char) {
    let name = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap();
    ffi_open(name);
}

#[unsafe(no_mangle)]
pub extern "C" fn ffi_helper_checked(p: *const std::ffi::c_char) {
    let name = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap();
    ffi_open_checked(name);
}

#[unsafe(no_mangle)]
pub extern "C" fn ffi_field(p: *const std::ffi::c_char) {
    let mut o = Opts { name: String::new() };
    o.name = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap().to_owned();
    std::fs::read(&o.name); //~ path-traversal:medium
}

#[unsafe(no_mangle)]
pub extern "C" fn ffi_field_number(p: *const std::ffi::c_char) {
    let mut o = Opts { name: String::new() };
    let id = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap().parse::<u32>().unwrap();
    o.name = id.to_string();
    std::fs::read(&o.name);
}

// The other message-queue shapes: a Kafka payload and a pgmq message in a let chain, an AMQP
// delivery and a pgmq message through a helper, an AMQP delivery and a Kafka payload in a field.
async fn kafka_let(consumer: rdkafka::consumer::StreamConsumer) {
    let message = consumer.recv().await.unwrap();
    let name = message.payload_view::<str>().unwrap().unwrap().to_string();
    let full = format!("/srv/{name}");
    std::fs::read(full); //~ path-traversal:high
}

async fn kafka_let_number(consumer: rdkafka::consumer::StreamConsumer) {
    let message = consumer.recv().await.unwrap();
    let name = message.payload_view::<str>().unwrap().unwrap().to_string();
    let id = name.parse::<u32>().unwrap();
    std::fs::read(format!("/srv/{id}"));
}

async fn pgmq_let(queue: pgmq::PGMQueue) {
    let job = queue.pop::<Job>("jobs").await.unwrap().unwrap();
    let full = format!("/srv/{}", job.message.path);
    std::fs::read(full); //~ path-traversal:high
}

async fn pgmq_let_flat(queue: pgmq::PGMQueue) {
    let job = queue.pop::<Job>("jobs").await.unwrap().unwrap();
    let flat = Path::new(&job.message.path).file_name().unwrap().to_owned();
    std::fs::read(Path::new("/srv").join(flat));
}

fn amqp_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn amqp_open_checked(n: &str) {
    let p = Path::new("/srv").join(n).canonicalize().unwrap();
    if !p.starts_with("/srv") {
        return;
    }
    std::fs::read(&p);
}

async fn lapin_helper(channel: lapin::Channel) {
    let delivery = channel.basic_get("q", Default::default()).await.unwrap().unwrap();
    let name = String::from_utf8_lossy(&delivery.data).to_string();
    amqp_open(&name);
}

async fn lapin_helper_checked(channel: lapin::Channel) {
    let delivery = channel.basic_get("q", Default::default()).await.unwrap().unwrap();
    let name = String::from_utf8_lossy(&delivery.data).to_string();
    amqp_open_checked(&name);
}

fn pgmq_open(n: &str) {
    std::fs::read(format!("/srv/{n}")); //~ path-traversal:high
}

fn pgmq_open_number(n: &str) {
    let id = n.parse::<u32>().unwrap();
    std::fs::read(format!("/srv/{id}"));
}

async fn pgmq_helper(queue: pgmq::PGMQueue) {
    let job = queue.read::<Job>("jobs", None).await.unwrap().unwrap();
    pgmq_open(&job.message.path);
}

async fn pgmq_helper_number(queue: pgmq::PGMQueue) {
    let job = queue.read::<Job>("jobs", None).await.unwrap().unwrap();
    pgmq_open_number(&job.message.path);
}

async fn lapin_field(channel: lapin::Channel) {
    let delivery = channel.basic_get("q", Default::default()).await.unwrap().unwrap();
    let o = Opts { name: String::from_utf8_lossy(&delivery.data).into_owned() };
    std::fs::read(&o.name); //~ path-traversal:high
}

async fn lapin_field_flat(channel: lapin::Channel) {
    let delivery = channel.basic_get("q", Default::default()).await.unwrap().unwrap();
    let raw = String::from_utf8_lossy(&delivery.data).into_owned();
    let o = Opts { name: Path::new(&raw).file_name().unwrap().to_string_lossy().into_owned() };
    std::fs::read(Path::new("/srv").join(&o.name));
}

async fn kafka_field(consumer: rdkafka::consumer::StreamConsumer) {
    let message = consumer.recv().await.unwrap();
    let mut o = Opts { name: String::new() };
    o.name = message.payload_view::<str>().unwrap().unwrap().to_string();
    std::fs::read(&o.name); //~ path-traversal:high
}

async fn kafka_field_flat(consumer: rdkafka::consumer::StreamConsumer) {
    let message = consumer.recv().await.unwrap();
    let mut o = Opts { name: String::new() };
    let raw = message.payload_view::<str>().unwrap().unwrap().to_string();
    o.name = Path::new(&raw).file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read(Path::new("/srv").join(&o.name));
}
