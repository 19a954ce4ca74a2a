#!/usr/bin/env bash
# Container entrypoint for the Django app.
set -euo pipefail

: "${DJANGO_PORT:=8000}"
WORKERS=${WORKERS:-4}

echo "Waiting for postgres at ${POSTGRES_HOST:-db}:${POSTGRES_PORT:-5432}..."
for i in $(seq 1 30); do
  if nc -z "${POSTGRES_HOST:-db}" "${POSTGRES_PORT:-5432}"; then
    break
  fi
  sleep 2
done

python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0

if [[ "${DJANGO_ENV:-dev}" == "dev" ]]; then
  exec python manage.py runserver 0.0.0.0:8000
fi

exec gunicorn config.wsgi:application \
  --bind 0.0.0.0:"${DJANGO_PORT}" \
  --workers "$WORKERS" \
  --threads 2 \
  --timeout 60 \
  --max-requests 1000 \
  --max-requests-jitter 50 \
  --statsd-host localhost:8125
