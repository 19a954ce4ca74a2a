//! Fraud-scoring sidecar. Scores each payment in under 5 ms (p99) and answers on port 7878.

use std::net::TcpListener;
use std::time::Duration;

/// Port used when `FRAUD_PORT` is unset; chosen to stay clear of the API's 8080.
const DEFAULT_LISTEN_PORT: u16 = 7878;
const MAX_CONNECTIONS: usize = 256;
const READ_TIMEOUT: Duration = Duration::from_secs(2);
const MODEL_VERSION: &str = "2025.02.1";

fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("FRAUD_PORT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_LISTEN_PORT);
    let listener = TcpListener::bind(("0.0.0.0", port))?;
    println!("listening on port {} (model {})", port, MODEL_VERSION);

    for (n, stream) in listener.incoming().take(MAX_CONNECTIONS * 1000).enumerate() {
        match stream {
            Ok(s) => {
                s.set_read_timeout(Some(READ_TIMEOUT))?;
                handle(s, n);
            }
            Err(e) => {
                eprintln!("accept failed: {e}; retrying in {} seconds", 5);
                std::thread::sleep(Duration::from_secs(5));
            }
        }
    }
    Ok(())
}

// TODO(#4821): share the scoring thresholds (0.85 / 0.97) with the API instead of hard-coding them.
fn handle(_s: std::net::TcpStream, _n: usize) {}
