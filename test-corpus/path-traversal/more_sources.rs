// Sources beyond extractors: warp filters, sockets, HTTP client responses, message queues. Each
// firing flow has a look-alike that keeps only the final name (`file_name`) and is quiet.
use std::io::Read;
use std::path::Path;
use http_body_util::BodyExt;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use warp::Filter;

// warp: the closure parameters of `.and_then` on a filter extracting a path segment.
fn warp_routes() {
    let read = warp::path("files").and(warp::path::param()).and_then(|name: String| async move {
        tokio::fs::read(format!("/srv/{name}")).await //~ path-traversal:high
    });
    let flat = warp::path("flat").and(warp::path::param()).and_then(|name: String| async move {
        let name = Path::new(&name).file_name().unwrap().to_owned();
        tokio::fs::read(Path::new("/srv").join(name)).await
    });
    // A numeric segment carries no path.
    let by_id = warp::path("n").and(warp::path::param()).map(|id: u32| std::fs::read(format!("/srv/{id}")));
}

// warp: a handler fn in the closure's place.
async fn remove(name: String) -> Result<(), std::io::Error> {
    tokio::fs::remove_file(format!("/srv/{name}")).await //~ path-traversal:high
}

async fn remove_flat(name: String) -> Result<(), std::io::Error> {
    let name = Path::new(&name).file_name().unwrap().to_owned();
    tokio::fs::remove_file(Path::new("/srv").join(name)).await
}

fn warp_handlers() {
    let r = warp::path("rm").and(warp::query::raw()).and_then(remove);
    let f = warp::path("rmflat").and(warp::query::raw()).and_then(remove_flat);
}

// Bytes read from an accepted socket.
async fn socket_server(listener: TcpListener) -> std::io::Result<()> {
    let (mut socket, _) = listener.accept().await?;
    let mut buf = vec![0u8; 256];
    let n = socket.read(&mut buf).await?;
    let name = String::from_utf8_lossy(&buf[..n]).to_string();
    std::fs::remove_file(&name)?; //~ path-traversal:high
    let flat = Path::new(&name).file_name().unwrap();
    std::fs::remove_file(Path::new("/srv").join(flat))?;
    Ok(())
}

// Bytes read from a socket this program opened.
fn unix_client() -> std::io::Result<()> {
    let mut stream = std::os::unix::net::UnixStream::connect("/run/agent.sock")?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    std::fs::read(reply.trim())?; //~ path-traversal:high
    std::fs::read(Path::new("/srv").join(Path::new(reply.trim()).file_name().unwrap()))?;
    Ok(())
}

// HTTP client responses: ureq, surf, a reqwest client, hyper bodies.
fn ureq_response() -> std::io::Result<()> {
    let name = ureq::get("https://api.example.com/name").call().unwrap().into_string()?;
    std::fs::read(&name)?; //~ path-traversal:high
    std::fs::read(Path::new("/srv").join(Path::new(&name).file_name().unwrap()))?;
    Ok(())
}

async fn surf_response() -> std::io::Result<()> {
    let name = surf::get("https://api.example.com/name").recv_string().await.unwrap();
    tokio::fs::read(&name).await?; //~ path-traversal:high
    tokio::fs::read(Path::new("/srv").join(Path::new(&name).file_name().unwrap())).await?;
    Ok(())
}

async fn client_response(client: reqwest::Client) -> std::io::Result<()> {
    let name = client.get("https://api.example.com/name").send().await.unwrap().text().await.unwrap();
    tokio::fs::read(&name).await?; //~ path-traversal:high
    tokio::fs::read(Path::new("/srv").join(Path::new(&name).file_name().unwrap())).await?;
    Ok(())
}

async fn hyper_body(resp: hyper::Response<hyper::Body>) -> std::io::Result<()> {
    let bytes = hyper::body::to_bytes(resp.into_body()).await.unwrap();
    let name = String::from_utf8_lossy(&bytes).to_string();
    tokio::fs::read(&name).await?; //~ path-traversal:high
    tokio::fs::read(Path::new("/srv").join(Path::new(&name).file_name().unwrap())).await?;
    Ok(())
}

async fn collected_body(resp: http::Response<Incoming>) -> std::io::Result<()> {
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let name = String::from_utf8_lossy(&bytes).to_string();
    tokio::fs::read(&name).await?; //~ path-traversal:high
    tokio::fs::read(Path::new("/srv").join(Path::new(&name).file_name().unwrap())).await?;
    Ok(())
}

// Message queues: an AMQP delivery, a Kafka message, a pgmq message.
async fn amqp(channel: lapin::Channel) -> std::io::Result<()> {
    let mut consumer = channel.basic_consume("q", "c", Default::default(), Default::default()).await.unwrap();
    while let Some(delivery) = consumer.next().await {
        let delivery = delivery.unwrap();
        let name = String::from_utf8_lossy(&delivery.data).to_string();
        tokio::fs::remove_file(&name).await?; //~ path-traversal:high
        tokio::fs::remove_file(Path::new("/srv").join(Path::new(&name).file_name().unwrap())).await?;
    }
    Ok(())
}

async fn kafka(consumer: rdkafka::consumer::StreamConsumer) -> std::io::Result<()> {
    let message = consumer.recv().await.unwrap();
    let name = message.payload_view::<str>().unwrap().unwrap().to_string();
    tokio::fs::remove_file(&name).await?; //~ path-traversal:high
    tokio::fs::remove_file(Path::new("/srv").join(Path::new(&name).file_name().unwrap())).await?;
    Ok(())
}

async fn pgmq_job(queue: pgmq::PGMQueue) -> std::io::Result<()> {
    let job = queue.read::<Job>("jobs", None).await.unwrap().unwrap();
    tokio::fs::remove_file(&job.message.path).await?; //~ path-traversal:high
    tokio::fs::remove_file(Path::new("/srv").join(Path::new(&job.message.path).file_name().unwrap())).await?;
    Ok(())
}
