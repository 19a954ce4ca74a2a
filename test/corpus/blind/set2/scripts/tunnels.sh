#!/bin/sh
# Helpers for reaching private services from a laptop. Source this file.
BASTION=ops@bastion.example.com

db_tunnel() {
  # Local port to RDS through the bastion, which runs sshd on a non-default port.
  ssh -f -N -o ExitOnForwardFailure=yes -o ServerAliveInterval=60 \
    -L 15432:db.internal:5432 -p 2222 "$BASTION"
}

web_tunnel() {
  ssh -N -L 8080:localhost:80 web-1
}

share_dev_server() {
  ssh -R 9000:localhost:3000 -o ConnectTimeout=10 demo@share.example.com
}

socks() {
  ssh -D 1080 -C -q -N "$BASTION"
}

k8s_api() {
  autossh -M 20000 -f -N -L 6443:10.0.0.10:6443 "$BASTION"
}

relay_syslog() {
  socat -u UDP4-RECVFROM:514,fork UDP4-SENDTO:10.0.7.2:514
}

relay_api() {
  socat TCP-LISTEN:5000,fork,reuseaddr TCP:10.0.0.8:5000
}

listen_once() {
  nc -l 4444 > /tmp/received.bin
}

wait_for_redis() {
  timeout 60 sh -c 'until nc -z -w 5 localhost 6379; do sleep 1; done'
}

check_db() {
  nc -zv db.internal 5432 && echo "db reachable"
}

redis_ping() {
  exec 3<>/dev/tcp/127.0.0.1/6379
  printf 'PING\r\n' >&3
  head -c 7 <&3
}

grafana() {
  kubectl port-forward -n monitoring svc/grafana 3000:80
}

pg_forward() {
  kubectl -n data port-forward statefulset/postgres 5432 &
  sleep 30
}

api_pod_forward() {
  kubectl port-forward pod/api-7d9f8b6c4-x2x9z 8080 9090 --address 0.0.0.0
}

open_ssh_to_office() {
  aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 \
    --protocol tcp --port 22 --cidr 198.51.100.0/24
  aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 \
    --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'
}

who_listens() {
  lsof -nP -i :8080
  ss -tlnp 'sport = :443'
}

health() {
  curl --retry 5 --retry-delay 2 --max-time 10 -sf http://localhost:8080/health
}
