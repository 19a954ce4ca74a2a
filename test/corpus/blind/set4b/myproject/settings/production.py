from .base import *  # noqa

DEBUG = False
ALLOWED_HOSTS = [".example.com", "10.0.0.12"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "HOST": os.environ.get("DB_HOST", "db"),
        "PORT": os.environ.get("DB_PORT", "5433"),
        "CONN_MAX_AGE": 60,
        "OPTIONS": {"connect_timeout": 10},
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "replica.db.internal",
        "PORT": '5432',
    },
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis:6379/0",
        "TIMEOUT": 300,
    }
}
EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
SECURE_HSTS_SECONDS = 31536000
CSRF_TRUSTED_ORIGINS = ["https://shop.example.com", "http://localhost:8000"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
