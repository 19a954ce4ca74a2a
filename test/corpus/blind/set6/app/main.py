"""Webhook receiver. Runs behind the gateway, which terminates TLS on port 443."""
import logging
import os

import uvicorn
from fastapi import FastAPI
from prometheus_client import start_http_server

log = logging.getLogger("webhooks")

METRICS_PORT = int(os.getenv("METRICS_PORT", "9100"))
HTTP_PORT = 8000
MAX_UPLOAD_MB = 25
RETRY_AFTER_SECONDS = 120

app = FastAPI(title="webhooks", version="1.8.0")


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True, "python": "3.11"}


if __name__ == "__main__":
    start_http_server(METRICS_PORT)
    print(f"metrics exposed on port {METRICS_PORT}")
    log.info("Starting webhook receiver on port %d with %d workers", HTTP_PORT, 4)
    uvicorn.run("main:app", host="0.0.0.0", port=HTTP_PORT, workers=4, timeout_keep_alive=5)
