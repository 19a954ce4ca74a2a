"""Gunicorn settings for the web tier (see https://docs.gunicorn.org/en/stable/settings.html)."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
backlog = 2048

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "uvicorn.workers.UvicornWorker"
threads = 2
worker_connections = 1000
timeout = 120
graceful_timeout = 30
keepalive = 5
max_requests = 1000
max_requests_jitter = 50

limit_request_line = 8190
limit_request_fields = 100
umask = 0o007
worker_tmp_dir = "/dev/shm"

forwarded_allow_ips = "10.0.0.0/8,172.16.0.0/12"
proxy_allow_ips = "127.0.0.1"

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s'

statsd_host = "localhost:8125"
statsd_prefix = "web"

metrics_port = int(os.environ.get("METRICS_PORT", "9464"))


def when_ready(server):
    from prometheus_client import start_http_server

    start_http_server(metrics_port)
    server.log.info("metrics on :%s", metrics_port)


def worker_abort(worker):
    worker.log.warning("worker %s timed out after %ss", worker.pid, timeout)
