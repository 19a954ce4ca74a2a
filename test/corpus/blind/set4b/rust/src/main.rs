use std::net::SocketAddr;
use std::time::Duration;

use axum::{routing::get, Router};
use tokio::net::{TcpListener, UdpSocket};

const MAX_BODY: usize = 2 * 1024 * 1024;

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() -> anyhow::Result<()> {
    let app = Router::new().route("/", get(|| async { "hello" }));

    let addr = SocketAddr::from(([0, 0, 0, 0], 3000));
    let listener = TcpListener::bind(addr).await?;
    tokio::spawn(async move { axum::serve(listener, app).await });

    let admin = TcpListener::bind("0.0.0.0:8080").await?;
    let stats = UdpSocket::bind("127.0.0.1:8125").await?;
    let mut buf = [0u8; 1024];
    let (n, _peer) = stats.recv_from(&mut buf).await?;

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(16)
        .build()?;
    let _ = client.get("http://127.0.0.1:9200/_cluster/health").send().await?;
    println!("{} bytes, limit {}", n, MAX_BODY);
    drop(admin);
    Ok(())
}
