#!/usr/bin/env python3
"""Line-based TCP echo server with a UDP heartbeat.

Usage: socket_server.py [--port 7000] [--host 0.0.0.0]
"""
import argparse
import asyncio
import logging
import socket
import sys

BUFFER_SIZE = 8192
HEARTBEAT_ADDR = ("10.0.0.12", 9999)
MAX_CLIENTS = 256
VERSION = (1, 4, 0)

log = logging.getLogger(__name__)


async def handle(reader, writer):
    data = await reader.read(BUFFER_SIZE)
    writer.write(data)
    await writer.drain()
    writer.close()


def heartbeat():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.sendto(b"alive", HEARTBEAT_ADDR)


def blocking_server(port):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("", port))
    srv.listen(5)
    return srv


async def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=7000, help="TCP port (default 7000)")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--metrics-port", type=int, default=9102)
    args = parser.parse_args(argv)

    server = await asyncio.start_server(handle, args.host, args.port, limit=2 ** 16)
    admin = await asyncio.start_server(handle, "127.0.0.1", 7001)
    log.info("serving on %s:%d, admin on 127.0.0.1:7001", args.host, args.port)
    async with server, admin:
        await server.serve_forever()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
