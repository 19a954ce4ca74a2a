#!/usr/bin/env bash
# Deploys the API to the staging host and checks it answers.
set -euo pipefail

APP_PORT="${APP_PORT:-8080}"
export API_PORT=3000
DB_HOST=db.staging.internal
DB_PORT=5432
SSH_PORT=2222
RETRIES=5
TIMEOUT=30
REGISTRY=registry.example.com:5000

log() { echo "[$(date +%H:%M:%S)] $*"; }

log "building image v1.8.3"
docker build -t "$REGISTRY/api:1.8.3" --build-arg NODE_VERSION=20 .
docker push "$REGISTRY/api:1.8.3"

ssh -p "$SSH_PORT" deploy@staging.example.com "docker pull $REGISTRY/api:1.8.3"
ssh -p 2222 -L 15432:localhost:5432 deploy@staging.example.com -N -f

docker run -d --name api --restart unless-stopped \
  -p 8080:80 -p 127.0.0.1:9229:9229/tcp \
  -e PORT=80 -e DATABASE_URL="postgres://api:secret@${DB_HOST}:5432/api" \
  --memory 512m --cpus 1.5 \
  "$REGISTRY/api:1.8.3"

for i in $(seq 1 "$RETRIES"); do
  if curl -fsS --max-time 5 http://localhost:8080/health >/dev/null; then
    log "healthy after $i tries"
    break
  fi
  sleep 5
done

PGPASSWORD=secret psql -h localhost -p 15432 -U api -c 'select 1' >/dev/null
redis-cli -h cache.staging.internal -p 6379 ping
nc -z -w 3 "$DB_HOST" 5432 || { log "database unreachable"; exit 1; }
nc -l 9000 > /tmp/upload.tar &
curl -s localhost:3000/version | head -c 100
kubectl port-forward svc/grafana 3001:3000 >/dev/null 2>&1 &
chmod 755 ./bin/*.sh
tail -n 20 /var/log/api.log
exit 0
