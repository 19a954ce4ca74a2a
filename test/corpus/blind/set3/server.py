import socket

import redis
from flask import Flask
from prometheus_client import start_http_server

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024

cache = redis.Redis(host="cache", port=6380, db=0, socket_timeout=5)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@app.get("/healthz")
def healthz():
    return {"ok": True}, 200


if __name__ == "__main__":
    start_http_server(61000)
    app.run(host="0.0.0.0", port=5000, threaded=True)
