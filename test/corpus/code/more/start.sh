#!/usr/bin/env bash
set -Eeuo pipefail

WEB_CONCURRENCY=${WEB_CONCURRENCY:-3}
GUNICORN_PORT=${GUNICORN_PORT:-8000}
BROKER="amqp://guest:guest@rabbitmq:5672//"

./wait-for-it.sh postgres:5432 --timeout=45 --strict -- echo "db is up"
./wait-for-it.sh "rabbitmq:5672" -t 30

sudo ufw allow 8000/tcp
sudo ufw allow 22
sudo iptables -A INPUT -p tcp --dport 9100 -j ACCEPT

celery -A proj worker --concurrency 4 --broker "$BROKER" --loglevel INFO &
celery -A proj flower --port=5555 --broker="$BROKER" &

socat TCP-LISTEN:2375,fork,reuseaddr UNIX-CONNECT:/var/run/docker.sock &

exec gunicorn proj.wsgi:application --bind 0.0.0.0:"$GUNICORN_PORT" --workers "$WEB_CONCURRENCY" --max-requests 1000 --graceful-timeout 30
