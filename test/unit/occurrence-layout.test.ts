import assert from 'node:assert/strict';
import { finderFor, type FormatId } from '../../server/src/service/scan';
import { nameAt, portAt } from '../../server/src/service/scan/vocabulary/occurrence';

// Every occurrence is created with all its fields in one order (vocabulary/occurrence.ts), so that
// setting one later never changes its layout; an object literal somewhere gives it a layout of its own.

const PORT_KEYS = Object.keys(portAt(0, 1, 80, 'unknown'));
const NAME_KEYS = Object.keys(nameAt('service', 0, 4, 'http', 'unknown'));

/** Per format, a text that reaches its ways of creating an occurrence (the shell: the command reader's and the port value reader's). */
const SAMPLES: [FormatId, string][] = [
  ['shell', [
    'docker run -d -p 127.0.0.1:8080:80/udp -p 9000-9002:9000-9002 --name web nginx',
    'kubectl port-forward svc/web 8080:80 & ssh -L 9000:db:5432 -p 2222 host',
    'iptables -A INPUT -p tcp --dport 1000:2000 -j ACCEPT; nft add rule inet f i tcp dport { 22, 80 } accept',
    'socat TCP-LISTEN:8443,fork TCP:backend:443',
    'curl http://localhost:3000/health && psql -h db -p 5433 && PORT=4000 node server.js',
    'exec 3<>/dev/tcp/example.org/80',
    'python -m http.server 8765 --bind 0.0.0.0',
    'netsh int ipv4 set dynamicport tcp start=10000 num=1000',
    'sysctl -w net.ipv4.ip_local_port_range="32768 60999"',
    'redis-server --port 6380 # listens on port 6380, see docs',
  ].join('\n')],
  ['json', '{ "port": 8080, "forwardPorts": [3000, "5432:5432"], "scripts": { "dev": "vite --port 5173" }, "url": "http://db:5432" }\n'],
  ['toml', '[server]\nport = 8080\nlisten = "0.0.0.0:9000"\nservers = [ "db.local:5432" ]\nports = [80, 443]\n'],
  ['terraform', 'resource "x" "y" {\n  from_port = 8000\n  to_port = 8010\n  ingress { port = 443 }\n  url = "https://api:8443/v1"\n}\n'],
  ['nginx', 'server {\n  listen 443 ssl;\n  listen [::]:8080;\n  proxy_pass http://127.0.0.1:3000;\n  upstream u { server app:9000; }\n}\n'],
  ['haproxy', 'frontend f\n  bind *:80\n  bind :8000-8010\nbackend b\n  server s1 10.0.0.1:8080 check port 8081\n'],
  ['ssh', 'Host h\n  Port 2222\n  LocalForward 9000 db:5432\n  DynamicFactory 1\n  RemoteForward 8080 localhost:80\n'],
  ['keyvalue', 'port = 8080\nredis.url = redis://cache:6379\nlisten_addresses = 0.0.0.0:5432\nservice = http\nmin_port=1000\nmax_port=2000\n'],
  ['dotenv', 'PORT=3000\nDB_URL=postgres://db:5432/app\nREDIS_PORT=6379\nBIND=0.0.0.0:8080\nSMTP_PORT=587\n'],
  ['http', 'GET http://localhost:8080/api\nHost: example.org:8443\n\n{ "port": 9000, "target": "db:5432" }\n'],
  ['compose', [
    'services:',
    '  web:',
    '    image: registry.local:5000/shop/web:1.2',
    '    ports: ["8080:80", "127.0.0.1:5432:5432/udp", "9000-9002:9000-9002", "3000"]',
    '    ports:',
    '      - target: 443',
    '        published: "8443"',
    '        protocol: tcp',
    '        name: https',
    '    expose: ["7000-7001/udp"]',
    '    environment:',
    '      PORT: 8001',
    '      DATABASE_URL: postgres://db:5432/app # db:5432 as well',
    '      - OTEL_PORT=4317',
    '      CACHE: "${CACHE_HOST}:6379 {{ .host }}:6380 ${REDIS_PORT:-6381}"',
    '    command: ["--port", "8080", "-p", "9090:9090"]',
    '    healthcheck:',
    '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
    '    labels:',
    '      caddy.reverse_proxy: "{{upstreams 80}}"',
    '      DNS: "8.8.8.8#53"',
    '  db:',
    '    image: postgres',
  ].join('\n') + '\n'],
  ['yaml', [
    'apiVersion: v1',
    'kind: Service',
    'spec:',
    '  ports:',
    '    - name: http',
    '      port: 80',
    '      targetPort: http',
    '      nodePort: 30080',
    '      appProtocol: http',
    '  tcp: { "5432": "db/postgres:5432" }',
    '  port_range: 8000-8010/udp',
    '  hostPort: "60000:61000"',
    '  forwardPorts: [3000, 9229]',
    '  excludeInboundPorts: "15020,9901"',
    '  containerPorts: { http: 8080 }',
    '  line: "Port 2222"',
    '  port: "{{ .Values.port | default 8081 }}"',
  ].join('\n') + '\n'],
];

describe('occurrence layout', () => {
  for (const [format, text] of SAMPLES) {
    it(`every ${format} occurrence has all the fields, in the one order`, () => {
      const found = finderFor(format)(text);
      assert.ok(found.length >= 3, `${format}: ${found.length} ports`);
      for (const o of found) {
        assert.deepEqual(Object.keys(o), o.kind === 'port' ? PORT_KEYS : NAME_KEYS, `${format} ${JSON.stringify(o)} at ${text.slice(o.start, o.end)}`);
      }
    });
  }
});
