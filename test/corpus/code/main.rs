use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use axum::{routing::get, Router};
use tokio::net::{TcpListener, UdpSocket};
use tower_http::timeout::TimeoutLayer;

const DEFAULT_PORT: u16 = 3000;
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
const SYSLOG_ADDR: &str = "10.20.0.5:514";

#[derive(Debug, Clone)]
struct AppState<'a> {
    name: &'a str,
    retries: u8,
}

fn port_from_env() -> u16 {
    std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(DEFAULT_PORT)
}

#[tokio::main(worker_threads = 4)]
async fn main() -> anyhow::Result<()> {
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .layer(TimeoutLayer::new(Duration::from_secs(10)));

    let addr = SocketAddr::from(([0, 0, 0, 0], port_from_env()));
    let listener = TcpListener::bind(addr).await?;

    let admin = TcpListener::bind("127.0.0.1:9091").await?;
    let metrics = SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 9100);
    let dns = SocketAddr::from(([10, 0, 0, 2], 53));

    let syslog = UdpSocket::bind("0.0.0.0:5514").await?;
    syslog.connect(SYSLOG_ADDR).await?;

    let redis_url = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".to_string());
    let grpc_port: u16 = std::env::var("GRPC_PORT").ok().and_then(|v| v.parse().ok()).unwrap_or(50051);

    let _ = (admin, metrics, dns, redis_url, grpc_port, MAX_BODY_BYTES);
    axum::serve(listener, app).await?;
    Ok(())
}
