import socket
import struct

SSDP_ADDR = ("239.255.255.250", 1900)
MSEARCH = b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMX: 2\r\n\r\n"


def echo_server():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("", 9999))
    sock.settimeout(5.0)
    while True:
        data, addr = sock.recvfrom(4096)
        sock.sendto(data, addr)


def control_listener():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("0.0.0.0", 55555))
    srv.listen(128)
    return srv


def discover():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, struct.pack("b", 2))
    s.sendto(MSEARCH, SSDP_ADDR)
