"""Production settings for the shop project (Django 5.0)."""
from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com", "10.0.12.4"]
CSRF_TRUSTED_ORIGINS = ["https://shop.example.com", "http://localhost:8000"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env("POSTGRES_DB", default="shop"),
        "HOST": env("POSTGRES_HOST", default="db"),
        "PORT": env("POSTGRES_PORT", default="5432"),
        "CONN_MAX_AGE": 600,
        "OPTIONS": {"connect_timeout": 10},
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "db-replica",
        "PORT": 5433,
    },
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
        "TIMEOUT": 300,
    }
}

CELERY_BROKER_URL = "amqp://guest:guest@rabbitmq:5672//"

EMAIL_HOST = "smtp.mailgun.org"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_TIMEOUT = 20

SESSION_COOKIE_AGE = 1209600
SECURE_HSTS_SECONDS = 31536000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5242880
FILE_UPLOAD_PERMISSIONS = 0o644
PASSWORD_RESET_TIMEOUT = 259200

LOGGING["handlers"]["syslog"] = {
    "class": "logging.handlers.SysLogHandler",
    "address": ("logs.internal", 514),
}
