FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=off \
    APP_HOME=/srv/app
WORKDIR $APP_HOME
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN groupadd -g 10001 app && useradd -u 10001 -g app app
USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s CMD curl -fsS http://localhost:8000/healthz || exit 1
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "120", "config.wsgi:application"]
