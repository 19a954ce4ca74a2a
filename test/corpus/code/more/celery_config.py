import os
from kombu import Queue

broker_url = os.environ.get("CELERY_BROKER_URL", "redis://redis:6379/0")
result_backend = "redis://redis:6379/1"
broker_connection_retry_on_startup = True
worker_prefetch_multiplier = 1
task_time_limit = 300
task_soft_time_limit = 240
task_queues = (Queue("default"), Queue("emails"), Queue("reports"))

# Flower dashboard: http://localhost:5555
FLOWER_PORT = int(os.getenv("FLOWER_PORT", "5555"))
SENTRY_DSN = "https://abc123@o12345.ingest.sentry.io/67890"
STATSD_HOST, STATSD_PORT = "statsd", 8125
