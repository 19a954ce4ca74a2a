#!/bin/sh
set -e

: "${PORT:=8080}"
: "${WORKERS:=2}"
DB_HOST="${DB_HOST:-postgres}"
DB_PORT="${DB_PORT:-5432}"
MAX_WAIT=60

echo "waiting for ${DB_HOST}:${DB_PORT} (up to ${MAX_WAIT}s)"
i=0
until nc -z "$DB_HOST" "$DB_PORT"; do
  i=$((i + 1))
  [ "$i" -ge "$MAX_WAIT" ] && { echo "database did not come up" >&2; exit 1; }
  sleep 1
done

if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
  python manage.py migrate --noinput
fi

# Expose Prometheus metrics on 9102 via a sidecar-style exporter
prometheus-exporter --listen-address=0.0.0.0:9102 --scrape-uri http://127.0.0.1:8080/metrics &

exec gunicorn app.wsgi:application \
  --bind "0.0.0.0:${PORT}" \
  --workers "$WORKERS" \
  --timeout 120 \
  --statsd-host statsd.monitoring:8125 \
  --forwarded-allow-ips="*"
