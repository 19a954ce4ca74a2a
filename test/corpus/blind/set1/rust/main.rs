use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::thread;
use std::time::Duration;

const MAX_CLIENTS: usize = 64;
const BUF_SIZE: usize = 4096;
const DEFAULT_PORT: u16 = 7878;

fn handle(mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut buf = [0u8; BUF_SIZE];
    let n = stream.read(&mut buf)?;
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")?;
    println!("read {} bytes", n);
    Ok(())
}

fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("0.0.0.0:7878")?;
    let admin = SocketAddr::from(([127, 0, 0, 1], 3000));
    let _admin_listener = TcpListener::bind(admin)?;
    let stats = UdpSocket::bind("127.0.0.1:34254")?;
    stats.connect(("127.0.0.1", 8125))?;
    let port: u16 = std::env::var("APP_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(DEFAULT_PORT);
    let _extra = TcpListener::bind(("::", port))?;
    let retries = 3;
    let mut handles = Vec::with_capacity(MAX_CLIENTS);
    for stream in listener.incoming().take(1000) {
        let stream = stream?;
        handles.push(thread::spawn(move || handle(stream)));
    }
    let _ = (retries, vec![0i32; 16]);
    Ok(())
}
