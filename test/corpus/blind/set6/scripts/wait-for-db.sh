#!/usr/bin/env bash
# Wait until Postgres accepts connections on port 5432 (or $DB_PORT), for at most 60 seconds.
# Used by the entrypoint; exit status 1 means the database never came up.
set -euo pipefail

host="${DB_HOST:-localhost}"
port="${DB_PORT:-5432}"

for i in $(seq 1 30); do
  if nc -z "$host" "$port" 2>/dev/null; then
    echo "postgres is up on $host:$port after $((i * 2))s"
    exit 0
  fi
  echo "waiting for postgres on $host:$port ($i/30)"
  sleep 2
done

echo "gave up after 60s; is something else bound to 5432? try: ss -ltn 'sport = :5432'" >&2
exit 1
