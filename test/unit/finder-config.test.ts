import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectFormat, findPorts, type FormatId } from '../../server/src/service/scan';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';
import { withCursor } from '../helpers/cursor';

// Config-file finders, one format at a time. Each case puts a `|` cursor on a number and says what
// a user should see there: a port (with role and protocol where the context tells), or nothing.

interface Want {
  port: number;
  role?: PortOccurrence['role'];
  protocol?: string;
  host?: string;
  scheme?: string;
}

/** The port occurrence under the cursor, or undefined. */
function at(format: FormatId, src: string): PortOccurrence | undefined {
  const { doc, offset } = withCursor(src);
  const found = findPorts(format, doc.getText(), (e) => {
    throw e;
  });
  return found.find((o) => o.kind === 'port' && o.start <= offset && offset < o.end);
}

function expectPort(format: FormatId, src: string, want: Want): void {
  const o = at(format, src);
  assert.ok(o, `no port at | in ${JSON.stringify(src)}`);
  assert.equal(o.port, want.port, src);
  if (want.role) assert.equal(o.role, want.role, `role in ${src}`);
  if (want.protocol) assert.equal(o.protocol, want.protocol, `protocol in ${src}`);
  if (want.host) assert.equal(o.host, want.host, `host in ${src}`);
  if (want.scheme) assert.equal(o.scheme, want.scheme, `scheme in ${src}`);
}

/**
 * Asserts that no digit run of the text is covered by a port occurrence of the configuration itself.
 * A commented-out line (`#Port 22`) is documentation: its ports are found for hovers but marked
 * `inComment`, which test/unit/finder-prose.test.ts checks.
 */
function expectNone(format: FormatId, text: string): void {
  const found = findPorts(format, text, (e) => {
    throw e;
  }).filter((o) => o.kind === 'port' && !o.inComment);
  assert.deepEqual(found.map((o) => text.slice(o.start, o.end)), [], `ports found in ${JSON.stringify(text)}`);
}

type Case = [string, Want];

function table(format: FormatId, ports: Case[], none: string[]): void {
  for (const [src, want] of ports) it(`finds ${want.port} in ${src.replace('|', '').split('\n').join(' / ')}`, () => expectPort(format, src, want));
  for (const text of none) it(`finds no configured port in ${text.split('\n').join(' / ')}`, () => expectNone(format, text));
}

describe('config finders', () => {
  describe('Dockerfile', () => {
    table('dockerfile', [
      ['EXPOSE |80/tcp 443', { port: 80, role: 'listen', protocol: 'tcp' }],
      ['EXPOSE 80/tcp |443', { port: 443, role: 'listen' }],
      ['EXPOSE |53/udp', { port: 53, protocol: 'udp' }],
      ['EXPOSE |7000-7010', { port: 7000 }],
      ['EXPOSE 7000-|7010', { port: 7010 }],
      ['ENV PORT=|8080', { port: 8080, role: 'listen' }],
      ['ENV PORT |8080', { port: 8080 }],
      ['ARG PORT=|3000', { port: 3000 }],
      ['ENV NODE_ENV=production PORT=|3000 DEBUG=0', { port: 3000 }],
      ['ENV A=1 \\\n    DB_PORT=|5432', { port: 5432, role: 'connect' }],
      ['ENV DATABASE_URL="postgres://u:p@db:|5432/app"', { port: 5432, role: 'connect', scheme: 'postgres', host: 'db' }],
      ['CMD ["gunicorn", "-b", "0.0.0.0:|8000", "app:app"]', { port: 8000 }],
      ['CMD ["uvicorn", "main:app", "--port", "|8000"]', { port: 8000, role: 'listen' }],
      ['CMD uvicorn main:app --host 0.0.0.0 --port |8000', { port: 8000 }],
      ['CMD flask run --port=|5000', { port: 5000 }],
      ['CMD ["rails", "server", "-p", "|3000"]', { port: 3000 }],
      ['ENTRYPOINT ["node", "--inspect=0.0.0.0:|9229", "server.js"]', { port: 9229 }],
      ['CMD gunicorn -b :|8000 app:app', { port: 8000, role: 'listen' }],
      ['CMD ["python", "-m", "http.server", "|8001"]', { port: 8001 }],
      ['HEALTHCHECK --interval=30s CMD curl -f http://localhost:|8080/health || exit 1', { port: 8080, scheme: 'http' }],
      ['HEALTHCHECK CMD ["pg_isready", "-h", "localhost", "-p", "|5432"]', { port: 5432 }],
      ['HEALTHCHECK CMD nc -z localhost |6379 || exit 1', { port: 6379, role: 'connect' }],
      ['RUN ./wait-for db:|5432 -- echo ready', { port: 5432 }],
      ['FROM registry.local:|5000/team/api:2.3.1 AS build', { port: 5000, role: 'connect' }],
      ['LABEL traefik.http.services.api.loadbalancer.server.port="|3000"', { port: 3000 }],
      ['ENTRYPOINT ["java", "-Dserver.port=|8080", "-jar", "app.jar"]', { port: 8080 }],
      ['CMD npx next start -p |3000', { port: 3000 }],
      ['RUN mkdir -p /app && redis-cli -h cache -p |6379 ping', { port: 6379 }],
      ['CMD ["docker", "run", "-p", "|8080:80", "nginx"]', { port: 8080, role: 'host' }],
    ], [
      'FROM python:3.12-slim',
      'FROM node:20 AS build',
      'RUN pip install --no-cache-dir gunicorn==22.0.0',
      'CMD ["gunicorn", "-w", "4", "app:app"]',
      'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD true',
      'USER 1000',
      'USER 1000:1000',
      'LABEL version="1.0.2" maintainer="ops"',
      'COPY --chown=1001:1001 --chmod=755 dist /app',
      'ENV WORKERS=4 TIMEOUT=30',
      '# EXPOSE 8080',
      'RUN mkdir -p /app && sleep 5',
      'RUN find . -name "*.gz" | xargs -P 4 -n 1 gunzip',
      'RUN patch -p1 < fix.patch && ps -p 1 && go test -p 4 ./...',
      'STOPSIGNAL 9',
      '# syntax=docker/dockerfile:1',
    ]);
  });

  describe('.env', () => {
    table('dotenv', [
      ['PORT=|3000', { port: 3000, role: 'listen' }],
      ['DB_PORT=|5432', { port: 5432, role: 'connect' }],
      ['export PORT=|8080', { port: 8080 }],
      ['PORT="|3000"', { port: 3000 }],
      ["PORT='|3000' # dev", { port: 3000 }],
      ['ADMIN_PORT=${ADMIN_PORT:-|8081}', { port: 8081 }],
      ['DATABASE_URL=postgres://u:p@db:|5432/app', { port: 5432, role: 'connect', scheme: 'postgres' }],
      ['REDIS_ADDR=redis:|6379', { port: 6379 }],
      ['SMTP_ADDR=mail:|25', { port: 25 }],
      ['LISTEN_ADDR=:|8080', { port: 8080, role: 'listen' }],
      ['KAFKA_BROKERS=k1:9092,k2:|9092', { port: 9092 }],
      ['DSN="host=db port=|5432 dbname=app"', { port: 5432 }],
      ['# see http://localhost:|3000/docs', { port: 3000 }],
    ], [
      'MAX_CONNECTIONS=100',
      'TIMEOUT=30',
      'WORKERS=4',
      'VERSION=1.2.3',
      'SESSION_TTL=3600',
      'LOG_LEVEL=info',
      'BIND=0.0.0.0',
      'HOST=10.0.0.12',
      '# PORT=3000',
      'PORT=3000a',
      'RELEASE_DATE=2024-05-01T10:30:00Z',
      'SUPPORT_EMAIL=help@example.com',
      'PASSPORT_SECRET=12345678',
    ]);
  });

  describe('key/value (properties, INI, my.cnf, postgresql.conf, redis.conf)', () => {
    table('keyvalue', [
      ['server.port=|8080', { port: 8080, role: 'listen' }],
      ['server.port: |8080', { port: 8080 }],
      ['port = |5432\t\t\t\t# (change requires restart)', { port: 5432 }],
      ['[mysqld]\nport=|3306', { port: 3306, role: 'listen' }],
      ['[client]\nport=|3306', { port: 3306, role: 'connect' }],
      ['mysqlx_port=|33060', { port: 33060 }],
      ['port |6379', { port: 6379 }],
      ['tls-port |6380', { port: 6380 }],
      ['replicaof 10.0.0.4 |6379', { port: 6379, role: 'connect' }],
      ['sentinel monitor mymaster 127.0.0.1 |6379 2', { port: 6379 }],
      ['spring.datasource.url=jdbc:postgresql://localhost:|5432/db', { port: 5432, scheme: 'postgresql' }],
      ['legacy.url=ldap\\://ldap.example.com\\:|389/dc\\=example', { port: 389 }],
      ["primary_conninfo = 'host=10.0.0.10 port=|5432 user=rep'", { port: 5432 }],
      ['listen = 127.0.0.1:|9000', { port: 9000, role: 'listen' }],
      ['listen = |9000', { port: 9000 }],
      ['[inet_http_server]\nport=127.0.0.1:|9001', { port: 9001 }],
      ['http-socket = :|9090', { port: 9090 }],
      ['listener |1883', { port: 1883 }],
      ['command=gunicorn app -b 127.0.0.1:8000 --port |8001', { port: 8001 }],
      ['orders = host=db port=|5432 dbname=orders', { port: 5432 }],
      ['app.text=see \\\n  http://wiki.example.com:|8090/x', { port: 8090 }],
    ], [
      'shared_buffers = 128MB',
      'maxmemory 2gb',
      'databases 16',
      'timeout 0',
      'tcp-keepalive 300',
      'max_connections = 100',
      '#port = 5433',
      '; port = 3307',
      '! port 1',
      'save 900 1',
      'bind 127.0.0.1 -::1',
      'pidfile /var/run/redis_6379.pid',
      'MaxStartups 10:30:100',
      "log_line_prefix = '%m [%p] '",
      'app.version=2.4.1',
      'checkpoint_completion_target = 0.9',
      'innodb_buffer_pool_size = 1G',
      'password=2b0e5c',
      'stats auth admin:s3cret2024',
    ]);
  });

  describe('TOML', () => {
    table('toml', [
      ['[server]\nport = |8080', { port: 8080, role: 'listen' }],
      ['internal_port = |8080', { port: 8080 }],
      ['ports = [80, |443]', { port: 443 }],
      ['ports = [\n  80,\n  |443, # https\n]', { port: 443 }],
      ['PORT = "|8080"', { port: 8080 }],
      ['bind = "0.0.0.0:|8443"', { port: 8443 }],
      ['admin_addr = ":|9901"', { port: 9901 }],
      ['url = "postgresql://u:p@db:|5432/x"', { port: 5432, scheme: 'postgresql' }],
      ['orders = { host = "orders", port = |8080, weight = 3 }', { port: 8080 }],
      ['[[services.ports]]\n  port = |443', { port: 443 }],
    ], [
      'version = "0.4.2"',
      'edition = "2021"',
      'workers = 8',
      'started = 1979-05-27T07:32:00Z',
      'tokio = { version = "1.36", features = ["full"] }',
      'memory = "1gb"',
      '# port = 8080',
      'soft_limit = 200',
      'description = """\nruns at 10:30 daily\n"""',
    ]);
  });

  describe('nginx', () => {
    table('nginx', [
      ['server {\n  listen |443 ssl;\n}', { port: 443, role: 'listen' }],
      ['listen |80;', { port: 80 }],
      ['listen [::]:|80;', { port: 80 }],
      ['listen 127.0.0.1:|8080;', { port: 8080, host: '127.0.0.1' }],
      ['listen *:|8000 default_server;', { port: 8000 }],
      ['listen |53 udp;', { port: 53, protocol: 'udp' }],
      ['listen |443 quic reuseport;', { port: 443, protocol: 'udp' }],
      ['upstream app {\n  server 127.0.0.1:|3000 weight=5;\n}', { port: 3000, role: 'connect' }],
      ['upstream app {\n  server web:|80;\n}', { port: 80, role: 'connect' }],
      ['location / { proxy_pass http://localhost:|3030/; }', { port: 3030, role: 'connect', scheme: 'http' }],
      ['fastcgi_pass 127.0.0.1:|9000;', { port: 9000, role: 'connect' }],
      ['fastcgi_pass php:|9000;', { port: 9000 }],
      ['return 301 https://$host:|8443$request_uri;', { port: 8443 }],
      ['proxy_set_header X-Forwarded-Port |443;', { port: 443 }],
      ['resolver 8.8.8.8:|53 valid=30s;', { port: 53 }],
      ["add_header Alt-Svc 'h3=\":|443\"; ma=86400';", { port: 443 }],
    ], [
      'gzip_comp_level 6;',
      'proxy_buffers 16 4k;',
      'client_max_body_size 10m;',
      'events { worker_connections 1024; }',
      'return 301;',
      'return 301 https://$host$request_uri;',
      'proxy_http_version 1.1;',
      'listen unix:/run/app.sock;',
      'listen 127.0.0.1;',
      'upstream app { server unix:/tmp/app.sock; keepalive 32; }',
      '# listen 8081;',
      'limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;',
      'proxy_cache_path /data levels=1:2 keys_zone=c:10m;',
      'error_page 500 502 503 504 /50x.html;',
      'worker_rlimit_nofile 65535;',
      'ssl_protocols TLSv1.2 TLSv1.3;',
      'server { server_name example.com; }',
      'allow 10.0.0.0/8;',
    ]);
  });

  describe('haproxy', () => {
    table('haproxy', [
      ['frontend f\n    bind *:|80', { port: 80, role: 'listen' }],
      ['    bind :::|443 v4v6 ssl crt /etc/ssl/site.pem', { port: 443 }],
      ['    bind 0.0.0.0:443,:|8443', { port: 8443 }],
      ['    bind quic4@:|443 ssl crt /x.pem', { port: 443, protocol: 'udp' }],
      ['    server app1 10.0.1.11:|8080 check', { port: 8080, role: 'connect' }],
      ['    server web web:|80', { port: 80 }],
      ['    server web4 10.0.1.14 check port |8081', { port: 8081 }],
      ['    server a 10.0.0.1:80 check agent-check agent-port |9999', { port: 9999 }],
      ['    nameserver dns1 10.0.0.2:|53', { port: 53 }],
      ['    log 127.0.0.1:|514 local0', { port: 514 }],
      ['    acl admin dst_port |8443', { port: 8443 }],
      ['    acl high dst_port 1024:|65535', { port: 65535 }],
      ['listen mysql 0.0.0.0:|3306', { port: 3306, role: 'listen' }],
      ['    stats socket ipv4@127.0.0.1:|9999 level admin', { port: 9999 }],
    ], [
      '    maxconn 4096',
      '    timeout connect 5s',
      '    default-server inter 2000 rise 2 fall 3',
      '    balance roundrobin',
      '    retries 3',
      '    stats socket /run/haproxy.sock mode 660 level admin',
      '    stats auth admin:s3cret2024',
      '    http-request deny deny_status 429 if { sc_http_req_rate(0) gt 100 }',
      '    errorfile 503 /etc/haproxy/errors/503.http',
      '    log 127.0.0.1 local0',
      '    server s1 10.0.0.1 check weight 50',
      '    # maxconn 8080 was too many',
      '    tune.ssl.default-dh-param 2048',
    ]);
  });

  describe('Caddyfile', () => {
    table('caddy', [
      [':|8080 {\n  respond "ok"\n}', { port: 8080, role: 'listen' }],
      ['localhost:|8443 {\n}', { port: 8443 }],
      ['example.com:|8443, www.example.com {\n}', { port: 8443 }],
      ['http://localhost:|2015 {\n}', { port: 2015, role: 'listen' }],
      ['example.com {\n  reverse_proxy localhost:|9000 app:3000\n}', { port: 9000, role: 'connect' }],
      ['example.com {\n  reverse_proxy localhost:9000 app:|3000\n}', { port: 3000 }],
      ['example.com {\n  reverse_proxy /api/* api:|80\n}', { port: 80 }],
      ['{\n  http_port |8080\n  https_port 8443\n}', { port: 8080 }],
      ['{\n  http_port 8080\n  https_port |8443\n}', { port: 8443 }],
      ['{\n  admin localhost:|2019\n}', { port: 2019 }],
      ['x.com {\n  php_fastcgi php:|9000\n}', { port: 9000 }],
      ['x.com {\n  redir https://{host}:|8443{uri}\n}', { port: 8443 }],
      [':{$PORT:|3000} {\n}', { port: 3000 }],
      ['localhost:|8080\nreverse_proxy app:3000', { port: 8080 }],
    ], [
      'x.com {\n  encode gzip\n  lb_try_duration 5s\n}',
      'x.com {\n  respond "pong" 200\n}',
      'x.com {\n  bind 127.0.0.1\n}',
      'x.com {\n  log {\n    roll_size 10mb\n    roll_keep 5\n  }\n}',
      '# :8080 {',
    ]);
  });

  describe('ssh', () => {
    table('ssh', [
      ['Port |2222', { port: 2222, role: 'listen' }],
      ['Host x\n    Port |2222', { port: 2222, role: 'connect' }],
      ['Host x\n    Port=|2222', { port: 2222 }],
      ['Host x\n    LocalForward |5433 db.internal:5432', { port: 5433, role: 'listen' }],
      ['Host x\n    LocalForward 5433 db.internal:|5432', { port: 5432, role: 'connect' }],
      ['Host x\n    LocalForward 127.0.0.1:|6380 redis:6379', { port: 6380 }],
      ['Host x\n    RemoteForward |8022 localhost:22', { port: 8022 }],
      ['Host x\n    RemoteForward 8022 localhost:|22', { port: 22 }],
      ['Host x\n    DynamicForward |1080', { port: 1080 }],
      ['Host x\n    DynamicForward 127.0.0.1:|1080', { port: 1080 }],
      ['ListenAddress 0.0.0.0:|2222', { port: 2222, role: 'listen' }],
      ['ListenAddress [::]:|2222', { port: 2222 }],
      ['Host x\n    ProxyJump user@bastion:|2222', { port: 2222 }],
      ['Host x\n    ProxyJump a.example.com,ssh://admin@jump:|2200', { port: 2200 }],
      ['PermitListen |8080', { port: 8080 }],
      ['PermitOpen host:|5432', { port: 5432 }],
      ['Host x\n    ProxyCommand ssh -W %h:%p -p |2222 jump', { port: 2222 }],
    ], [
      'Host x\n    ServerAliveInterval 60',
      'Host x\n    ServerAliveCountMax 3',
      'Host x\n    ConnectTimeout 10',
      'Host x\n    HostName 198.51.100.7',
      'MaxAuthTries 6',
      'MaxStartups 10:30:100',
      'Host x\n    IdentityFile ~/.ssh/id_ed25519',
      'ListenAddress 0.0.0.0',
      '#Port 22',
      'X11DisplayOffset 10',
      'KexAlgorithms curve25519-sha256,diffie-hellman-group16-sha512',
      'Match Address 192.168.1.0/24',
      'Host 10.0.0.* web-01',
    ]);
  });

  describe('systemd', () => {
    table('systemd', [
      ['[Socket]\nListenStream=127.0.0.1:|9000', { port: 9000, role: 'listen', protocol: 'tcp' }],
      ['ListenStream=|8080', { port: 8080, protocol: 'tcp' }],
      ['ListenDatagram=|514', { port: 514, protocol: 'udp' }],
      ['ListenStream=[::]:|443', { port: 443 }],
      ['Environment="PORT=|3000"', { port: 3000 }],
      ['Environment=PORT=|3000', { port: 3000 }],
      ['Environment="A=1" "DB_PORT=|5432"', { port: 5432, role: 'connect' }],
      ['ExecStart=/usr/bin/app --port |8080', { port: 8080 }],
      ['ExecStart=/usr/bin/app -p |9000', { port: 9000 }],
      ['ExecStart=-/usr/bin/app --listen 127.0.0.1:|3000', { port: 3000 }],
      ['ExecStartPost=/usr/bin/curl http://localhost:|8000/health', { port: 8000 }],
      ['ExecStart=/usr/bin/gunicorn app \\\n    --bind 127.0.0.1:|8000', { port: 8000 }],
      ['SocketBindAllow=tcp:|8080', { port: 8080, protocol: 'tcp' }],
      ['PublishPort=127.0.0.1:|8080:80', { port: 8080, role: 'host' }],
      ['PublishPort=127.0.0.1:8080:|80', { port: 80, role: 'container' }],
      ['PublishPort=5353:|5353/udp', { port: 5353, protocol: 'udp' }],
    ], [
      'LimitNOFILE=65536',
      'RestartSec=5',
      'TimeoutStopSec=30',
      'Nice=10',
      'MemoryMax=512M',
      'ListenStream=/run/foo.sock',
      'ListenStream=@abstract',
      'StartLimitBurst=5',
      'Backlog=128',
      'User=1000',
      'UMask=0027',
      'CPUQuota=150%',
      'IPAddressAllow=10.0.0.0/8',
      '# ListenStream=8080',
      'ExecStart=/usr/bin/app --workers 4 --timeout 120',
    ]);
  });

  describe('Terraform', () => {
    table('terraform', [
      ['resource "aws_db_instance" "db" {\n  port = |5432\n}', { port: 5432 }],
      ['ingress {\n  from_port = |443\n  to_port = 443\n  protocol = "tcp"\n}', { port: 443, protocol: 'tcp' }],
      ['ingress {\n  from_port = 53\n  to_port = |53\n  protocol = "udp"\n}', { port: 53, protocol: 'udp' }],
      ['container_port = |8080', { port: 8080 }],
      ['host_port = |8080', { port: 8080 }],
      ['target_port = |8080', { port: 8080 }],
      ['health_check {\n  port = "|8080"\n}', { port: 8080 }],
      ['ports = [80, |443]', { port: 443 }],
      ['ports = ["80", "|8000-8010"]', { port: 8000 }],
      ['variable "app_port" {\n  default = |8080\n}', { port: 8080 }],
      ['endpoint = "http://localhost:|4566"', { port: 4566, scheme: 'http' }],
      ['value = "${aws_db_instance.db.address}:|5432"', { port: 5432 }],
      ['portMappings = [{ containerPort = |8080, hostPort = 8080 }]', { port: 8080 }],
      ['x = <<EOF\n{ "containerPort": |9464 }\nEOF', { port: 9464 }],
      ['ports {\n  internal = |6379\n  external = 16379\n}', { port: 6379 }],
      ['destination_port_range = "|22"', { port: 22 }],
      ['environment = [{ name = "PORT", value = "|8080" }]', { port: 8080 }],
    ], [
      'cidr_blocks = ["10.0.0.0/16"]',
      'allocated_storage = 20',
      'engine_version = "15.4"',
      'count = 3',
      'timeout = 300',
      'protocol = "-1"',
      'desired_count = 2',
      'memory = 512',
      'egress {\n  from_port = 0\n  to_port = 0\n  protocol = "-1"\n}',
      'variable "desired_count" {\n  default = 3\n}',
      'certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234"',
      '# port = 8080',
      '// port = 8080',
      '/* port = 8080 */',
      'image = "redis:7.2-alpine"',
      'description = "Allow HTTPS on 443"',
    ]);
  });

  describe('/etc/services', () => {
    table('services', [
      ['http\t\t|80/tcp\t\twww\t\t# WorldWideWeb HTTP', { port: 80, protocol: 'tcp' }],
      ['domain\t\t|53/udp', { port: 53, protocol: 'udp' }],
      ['x11\t\t|6000-6063/tcp', { port: 6000 }],
    ], [
      '# Updated from RFC 1340, 2024-01-01',
      'kerberos\t88x/tcp',
    ]);
    it('reports the name column as a service occurrence', () => {
      const text = 'postgresql\t5432/tcp\t\tpostgres\t# PostgreSQL Database\n';
      const found = findPorts('services', text);
      const service = found.find((o) => o.kind === 'service');
      assert.ok(service);
      assert.equal(service.name, 'postgresql');
      assert.equal(text.slice(service.start, service.end), 'postgresql');
      assert.ok(Number.isNaN(service.port));
      assert.deepEqual(found.filter((o) => o.kind === 'port').map((o) => [o.port, o.protocol]), [[5432, 'tcp']]);
      // The alias is not a second service, and the comment's words are not ports.
      assert.equal(found.length, 2);
    });
  });

  describe('format detection for config files', () => {
    const cases: Array<[string, string, string, FormatId]> = [
      ['plaintext', 'file:///w/nginx.conf', '', 'nginx'],
      ['plaintext', 'file:///w/default.conf', 'server {\n  listen 80;\n}\n', 'nginx'],
      ['plaintext', 'file:///w/postgresql.conf', 'listen_addresses = \'*\'\nport = 5432\n', 'keyvalue'],
      ['plaintext', 'file:///w/redis.conf', 'bind 127.0.0.1\n\nport 6379\n\n# server\n', 'keyvalue'],
      ['ini', 'file:///w/haproxy.cfg', '', 'haproxy'],
      ['plaintext', 'file:///w/lb.conf', 'global\n    maxconn 100\nfrontend f\n    bind *:80\n', 'haproxy'],
      ['plaintext', 'file:///w/Caddyfile', '', 'caddy'],
      ['plaintext', 'file:///w/sshd_config', '', 'ssh'],
      ['plaintext', 'file:///home/u/.ssh/config', '', 'ssh'],
      ['plaintext', 'file:///w/app.service', '', 'systemd'],
      ['plaintext', 'file:///w/app.socket', '', 'systemd'],
      ['terraform', 'file:///w/main.tf', '', 'terraform'],
      ['plaintext', 'file:///etc/services', '', 'services'],
      ['plaintext', 'file:///w/my.cnf', '', 'keyvalue'],
      ['properties', 'file:///w/application.properties', '', 'keyvalue'],
      ['dotenv', 'file:///w/.env.local', '', 'dotenv'],
      ['toml', 'file:///w/fly.toml', '', 'toml'],
      ['dockerfile', 'file:///w/Dockerfile.dev', '', 'dockerfile'],
      ['plaintext', 'file:///etc/php/8.2/fpm/pool.d/www.conf', '[www]\nlisten = 127.0.0.1:9000\npm = dynamic\n', 'keyvalue'],
      ['plaintext', 'file:///etc/nginx/sites-available/shop', '', 'nginx'],
      ['plaintext', 'file:///w/mosquitto.conf', 'listener 1883\nprotocol websockets\n', 'keyvalue'],
    ];
    for (const [lang, uri, text, want] of cases) {
      it(`${uri.slice(uri.lastIndexOf('/') + 1)} (${lang}) is ${want}`, () => assert.equal(detectFormat(lang, uri, text), want));
    }
  });

  describe('robustness', () => {
    it('never throws and returns sorted, in-bounds occurrences whose text is the number (random config text)', () => {
      const formats: FormatId[] = ['dockerfile', 'dotenv', 'keyvalue', 'toml', 'nginx', 'haproxy', 'caddy', 'ssh', 'systemd', 'terraform', 'services'];
      const piece = fc.constantFrom(
        'port', 'PORT', '=', ' ', '\t', '\n', '\r\n', ':', '::', '[', ']', '{', '}', '"', "'", '#', ';', '//', '/*', '*/', '\\',
        '$', '${', '-', '--port', '-p', '/', '@', ',', 'listen', 'server', 'bind', 'http://', 'localhost', '127.0.0.1',
        '80', '8080', '65535', '99999', '0', '1234567', 'udp', '/tcp', 'EXPOSE', 'ENV', 'CMD', '<<EOF', 'EOF', '"""', 'x',
      );
      fc.assert(
        fc.property(fc.constantFrom(...formats), fc.array(piece, { maxLength: 60 }), (format, parts) => {
          const text = parts.join('');
          const found = findPorts(format, text, (e) => {
            throw e;
          });
          let last = -1;
          for (const o of found) {
            assert.ok(o.start >= 0 && o.end <= text.length && o.start < o.end, JSON.stringify({ text, o }));
            assert.ok(o.start >= last, 'sorted');
            last = o.start;
            if (o.kind === 'port') {
              assert.match(text.slice(o.start, o.end), /^\d+$/, JSON.stringify({ text, o }));
              assert.equal(Math.abs(o.port), Number(text.slice(o.start, o.end)), JSON.stringify({ text, o }));
            }
          }
        }),
        { numRuns: 3000, seed: 42 },
      );
    });

    const formats: FormatId[] = ['dockerfile', 'dotenv', 'keyvalue', 'toml', 'nginx', 'haproxy', 'caddy', 'ssh', 'systemd', 'terraform', 'services'];
    const MB = 1 << 20;
    const hostile = [
      '9'.repeat(MB),
      ':'.repeat(MB),
      'a:1'.repeat(MB / 3),
      '-'.repeat(MB),
      '"'.repeat(MB),
      "'".repeat(MB),
      '{'.repeat(MB),
      '${'.repeat(MB / 2),
      'http://a:1 '.repeat(MB / 11),
      'port=1 '.repeat(MB / 7),
      'x = 1\n'.repeat(MB / 6),
      '[' + '1,'.repeat(MB / 2),
      '/*' + ' '.repeat(MB),
      ' #'.repeat(MB / 2),
      '\\\n'.repeat(MB / 2),
    ];
    for (const f of formats) {
      it(`${f}: linear on 1 MB hostile lines and never throws`, function () {
        this.timeout(180000);
        for (const text of hostile) {
          const t0 = performance.now();
          const found = findPorts(f, text, (e) => {
            throw e;
          });
          const ms = performance.now() - t0;
          assert.ok(Array.isArray(found));
          // Only a catastrophic (super-linear) scan takes this long on 1 MB; speed itself is the benchmark's.
          assert.ok(ms < 15000, `${f} took ${ms.toFixed(0)} ms on ${JSON.stringify(text.slice(0, 12))}...`);
        }
      });
    }
  });
});
