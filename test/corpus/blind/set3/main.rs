use std::net::{Ipv4Addr, SocketAddr, TcpListener};

const MAX_FRAME: usize = 65536;

fn main() -> std::io::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::new(127, 0, 0, 1), 3000));
    let listener = TcpListener::bind(addr)?;
    let scratch = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on {} (scratch {})", listener.local_addr()?, scratch.local_addr()?);
    let _buf = vec![0u8; MAX_FRAME];
    Ok(())
}
