#!/bin/sh
# Bring up the local stack for manual testing.
set -e

ulimit -n 65535
export PORT=8080

docker network create shop-net || true
docker run -d --name web --network shop-net -p 8080:80 nginx:1.27
docker run -d --name metrics --network shop-net -p 61000:61000 prom/pushgateway:v1.9.0 --web.listen-address=:61000
docker run -d --name cache --network shop-net redis:7.2 --port 6380

ssh -p 2222 deploy@staging.example.com 'systemctl restart storefront'
curl -fsS http://localhost:6000/health || echo "x11 bridge down"
sleep 5
