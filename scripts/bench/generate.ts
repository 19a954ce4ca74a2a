// Deterministic generators of realistic, large inputs for the benchmark: one per format the server
// scans, plus the 5,000-line compose file and 10,000-line Kubernetes manifest that the stdio
// measurements open. The same seed always gives the same text, so runs compare like with like.

/** A small, fast, seeded PRNG (mulberry32); Math.random would make runs incomparable. */
export class Rng {
  private s: number;
  constructor(seed: string | number) {
    let h = typeof seed === 'number' ? seed >>> 0 : 2166136261;
    if (typeof seed === 'string') for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    this.s = h;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Ports people really write: mostly well-known service and dev-server ports, some arbitrary ones. */
const COMMON_PORTS = [
  80, 443, 8080, 8443, 3000, 3001, 4000, 4200, 5000, 5173, 8000, 8001, 8081, 8888, 9000, 9090, 9100, 9200, 9300,
  5432, 3306, 1433, 1521, 27017, 6379, 11211, 5672, 15672, 9092, 2181, 2379, 2380, 6443, 10250, 5601, 16686, 4317,
  4318, 9411, 14268, 8086, 8125, 1883, 8883, 389, 636, 22, 25, 53, 587, 993, 995, 110, 143, 21, 123, 161, 514,
  50051, 7000, 7001, 9042, 8983, 5984, 61616, 8161, 3100, 9093, 9094, 9115, 8500, 8200, 8600, 4222, 6222, 8222,
];

function port(r: Rng): number {
  const x = r.next();
  if (x < 0.8) return r.pick(COMMON_PORTS);
  if (x < 0.97) return r.int(1024, 32767);
  if (x < 0.99) return r.int(49152, 65535);
  return r.int(65536, 99999); // the occasional typo, as real files have
}

const NAMES = [
  'api', 'web', 'auth', 'billing', 'search', 'cache', 'db', 'queue', 'worker', 'gateway', 'metrics', 'grafana', 'kibana',
  'elastic', 'kafka', 'zookeeper', 'redis', 'postgres', 'mysql', 'mongo', 'rabbit', 'nats', 'minio', 'vault', 'consul',
  'jaeger', 'otel', 'prometheus', 'alertmanager', 'loki', 'mailpit', 'keycloak', 'frontend', 'admin', 'reports',
];
const HOSTS = ['localhost', '127.0.0.1', 'db', 'cache', 'api.internal', 'redis', 'kafka-0.kafka', '10.0.3.17', 'search.svc.cluster.local', 'auth'];
const SCHEMES = ['http', 'https', 'postgres', 'redis', 'amqp', 'mongodb', 'ws', 'grpc', 'mysql', 'nats'];
const IMAGES = ['nginx:1.27-alpine', 'postgres:16', 'redis:7.2-alpine', 'node:20-slim', 'python:3.12-slim', 'grafana/grafana:11.1.0', 'bitnami/kafka:3.7', 'rabbitmq:3.13-management', 'minio/minio:RELEASE.2024-06-13T22-53-53Z', 'registry.local:5000/shop/api:2.3.1'];

function name(r: Rng, i: number): string {
  return `${r.pick(NAMES)}-${i}`;
}

function url(r: Rng): string {
  const scheme = r.pick(SCHEMES);
  const auth = scheme === 'postgres' || scheme === 'amqp' || scheme === 'mysql' ? 'app:s3cret@' : '';
  return `${scheme}://${auth}${r.pick(HOSTS)}:${port(r)}/${r.pick(['', 'v1', 'health', 'app', '0'])}`;
}

/** Collects lines and the positions of numbers a user would hover. */
class Lines {
  readonly lines: string[] = [];
  readonly hoverPoints: { line: number; character: number }[] = [];
  chars = 0;
  push(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
  }
  /** Adds a line and remembers where `mark` (the port as written) starts in it. */
  pushAt(line: string, mark: string): void {
    const at = line.indexOf(mark);
    if (at >= 0) this.hoverPoints.push({ line: this.lines.length, character: at });
    this.push(line);
  }
  text(maxLines?: number): string {
    return (maxLines ? this.lines.slice(0, maxLines) : this.lines).join('\n') + '\n';
  }
}

export interface Generated {
  text: string;
  /** Positions of ports in the text (0-based line and UTF-16 column), for hover requests. */
  hoverPoints: { line: number; character: number }[];
}

function composeService(r: Rng, out: Lines, i: number): void {
  const n = name(r, i);
  out.push(`  ${n}:`);
  out.push(`    image: ${r.pick(IMAGES)}`);
  out.push(`    container_name: ${n}`);
  out.push(`    restart: unless-stopped`);
  out.push('    ports:');
  for (let k = r.int(1, 4); k > 0; k--) {
    const host = port(r);
    const container = r.chance(0.5) ? host : r.pick(COMMON_PORTS);
    const form = r.int(0, 5);
    const host1 = String(host);
    if (form === 0) out.pushAt(`      - "${host}:${container}"`, host1);
    else if (form === 1) out.pushAt(`      - "127.0.0.1:${host}:${container}"`, host1);
    else if (form === 2) out.pushAt(`      - "${host}:${container}/udp"`, host1);
    else if (form === 3) out.pushAt(`      - ${host}:${container}`, host1);
    else if (form === 4) out.pushAt(`      - "${host}-${host + 3}:${container}-${container + 3}"`, host1);
    else {
      out.push(`      - target: ${container}`);
      out.pushAt(`        published: "${host}"`, host1);
      out.push(`        protocol: ${r.pick(['tcp', 'udp'])}`);
      out.push(`        mode: host`);
    }
  }
  if (r.chance(0.4)) {
    out.push('    expose:');
    const e = port(r);
    out.pushAt(`      - "${e}"`, String(e));
  }
  out.push('    environment:');
  const p = port(r);
  out.pushAt(`      PORT: ${p}`, String(p));
  out.push(`      DATABASE_URL: ${url(r)}`);
  out.push(`      REDIS_URL: redis://${r.pick(HOSTS)}:6379/0`);
  out.push(`      SESSION_TTL: ${r.int(60, 86400)}`);
  out.push(`      WORKERS: ${r.int(1, 16)}`);
  out.push(`      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel:4317`);
  if (r.chance(0.5)) out.push(`      SMTP_PORT: ${r.pick([25, 465, 587, 2525])}`);
  out.push('    healthcheck:');
  out.push(`      test: ["CMD", "curl", "-f", "http://localhost:${p}/health"]`);
  out.push(`      interval: ${r.int(5, 60)}s`);
  out.push(`      retries: ${r.int(1, 5)}`);
  out.push(`    command: ["--port", "${p}", "--max-connections", "${r.int(10, 1000)}"]`);
  out.push(`    depends_on: [${r.pick(NAMES)}, ${r.pick(NAMES)}]`);
  out.push('    labels:');
  out.push(`      traefik.http.services.${n}.loadbalancer.server.port: "${p}"`);
  out.push(`      com.example.version: "${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 99)}"`);
  out.push('    deploy:');
  out.push(`      replicas: ${r.int(1, 6)}`);
  out.push('      resources:');
  out.push(`        limits: { cpus: "0.${r.int(1, 9)}", memory: ${r.int(64, 2048)}M }`);
}

/** A docker-compose.yml of exactly `lines` lines with many services, ports, environment and URLs. */
export function composeFile(lines: number, seed = 'compose'): Generated {
  const r = new Rng(seed);
  const out = new Lines();
  out.push('# Generated for the IANA Ports benchmark: a large, realistic compose project.');
  out.push('name: bench');
  out.push('services:');
  for (let i = 0; out.lines.length < lines; i++) composeService(r, out, i);
  const text = out.text(lines);
  return { text, hoverPoints: out.hoverPoints.filter((h) => h.line < lines) };
}

function k8sObjects(r: Rng, out: Lines, i: number): void {
  const n = name(r, i);
  const cp = port(r);
  const mp = r.pick([9090, 9100, 8081, 15020]);
  out.push('---');
  out.push('apiVersion: apps/v1');
  out.push('kind: Deployment');
  out.push('metadata:');
  out.push(`  name: ${n}`);
  out.push(`  labels: { app: ${n}, tier: ${r.pick(['backend', 'frontend', 'data'])} }`);
  out.push('spec:');
  out.push(`  replicas: ${r.int(1, 5)}`);
  out.push('  selector:');
  out.push(`    matchLabels: { app: ${n} }`);
  out.push('  template:');
  out.push('    metadata:');
  out.push(`      labels: { app: ${n} }`);
  out.push('      annotations:');
  out.push(`        prometheus.io/port: "${mp}"`);
  out.push('    spec:');
  out.push('      containers:');
  out.push(`        - name: ${n}`);
  out.push(`          image: ${r.pick(IMAGES)}`);
  out.push('          ports:');
  out.push(`            - name: ${r.pick(['http', 'web', 'grpc', 'api'])}`);
  out.pushAt(`              containerPort: ${cp}`, String(cp));
  out.push(`              protocol: ${r.pick(['TCP', 'TCP', 'UDP'])}`);
  out.push('            - name: metrics');
  out.pushAt(`              containerPort: ${mp}`, String(mp));
  out.push('          env:');
  out.push('            - name: PORT');
  out.push(`              value: "${cp}"`);
  out.push('            - name: DATABASE_URL');
  out.push(`              value: ${url(r)}`);
  out.push('            - name: UPSTREAM');
  out.push(`              value: "${r.pick(HOSTS)}:${port(r)}"`);
  out.push('            - name: TIMEOUT_SECONDS');
  out.push(`              value: "${r.int(1, 120)}"`);
  out.push('          livenessProbe:');
  out.push('            httpGet:');
  out.push('              path: /healthz');
  out.pushAt(`              port: ${cp}`, String(cp));
  out.push(`            initialDelaySeconds: ${r.int(1, 30)}`);
  out.push(`            periodSeconds: ${r.int(5, 30)}`);
  out.push('          readinessProbe:');
  out.push('            tcpSocket:');
  out.push(`              port: ${r.pick(['http', String(cp)])}`);
  out.push('          resources:');
  out.push(`            requests: { cpu: ${r.int(50, 900)}m, memory: ${r.int(64, 1024)}Mi }`);
  out.push('---');
  out.push('apiVersion: v1');
  out.push('kind: Service');
  out.push('metadata:');
  out.push(`  name: ${n}`);
  out.push('spec:');
  out.push(`  type: ${r.pick(['ClusterIP', 'NodePort', 'LoadBalancer'])}`);
  out.push(`  selector: { app: ${n} }`);
  out.push('  ports:');
  out.push(`    - name: ${r.pick(['http', 'https', 'grpc', 'tcp-db'])}`);
  const sp = r.pick([80, 443, 8080, cp]);
  out.pushAt(`      port: ${sp}`, String(sp));
  out.push(`      targetPort: ${r.pick(['http', String(cp)])}`);
  out.push(`      nodePort: ${r.int(30000, 32767)}`);
  out.push(`      appProtocol: ${r.pick(['http', 'https', 'grpc'])}`);
  if (r.chance(0.3)) {
    out.push('---');
    out.push('apiVersion: networking.k8s.io/v1');
    out.push('kind: Ingress');
    out.push('metadata:');
    out.push(`  name: ${n}`);
    out.push('spec:');
    out.push('  rules:');
    out.push(`    - host: ${n}.example.com`);
    out.push('      http:');
    out.push('        paths:');
    out.push('          - path: /');
    out.push('            pathType: Prefix');
    out.push('            backend:');
    out.push('              service:');
    out.push(`                name: ${n}`);
    out.push('                port:');
    out.pushAt(`                  number: ${sp}`, String(sp));
  }
  if (r.chance(0.3)) {
    out.push('---');
    out.push('apiVersion: v1');
    out.push('kind: ConfigMap');
    out.push('metadata:');
    out.push(`  name: ${n}-config`);
    out.push('data:');
    out.push(`  LISTEN_ADDR: "0.0.0.0:${cp}"`);
    out.push(`  CACHE_URL: redis://${r.pick(HOSTS)}:6379/1`);
    out.push(`  MAX_BODY_KB: "${r.int(64, 4096)}"`);
  }
}

/** A multi-document Kubernetes manifest of exactly `lines` lines (Deployments, Services, Ingresses, ConfigMaps). */
export function kubernetesFile(lines: number, seed = 'kubernetes'): Generated {
  const r = new Rng(seed);
  const out = new Lines();
  out.push('# Generated for the IANA Ports benchmark: a large, realistic Kubernetes manifest.');
  for (let i = 0; out.lines.length < lines; i++) k8sObjects(r, out, i);
  return { text: out.text(lines), hoverPoints: out.hoverPoints.filter((h) => h.line < lines) };
}

type Block = (r: Rng, out: Lines, i: number) => void;

const BLOCKS: Record<string, Block> = {
  dockerfile(r, out, i) {
    out.push(`FROM ${r.pick(IMAGES)} AS stage${i}`);
    out.push(`ARG VERSION=${r.int(1, 9)}.${r.int(0, 20)}`);
    out.push(`ENV PORT=${port(r)} WORKERS=${r.int(1, 16)} TZ=UTC`);
    out.push('WORKDIR /app');
    out.push('COPY package*.json ./');
    out.push('RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*');
    out.push(`RUN npm ci --omit=dev && npm cache clean --force # layer ${i}`);
    out.push(`EXPOSE ${port(r)} ${port(r)}/tcp ${r.pick([53, 123, 514, 5353])}/udp`);
    out.push(`HEALTHCHECK --interval=${r.int(5, 60)}s --timeout=3s CMD curl -f http://localhost:${port(r)}/health || exit 1`);
    out.push(`CMD ["gunicorn", "--bind", "0.0.0.0:${port(r)}", "--workers", "${r.int(1, 8)}", "app:app"]`);
    out.push('');
  },
  dotenv(r, out, i) {
    const k = r.pick(NAMES).toUpperCase().replace(/-/g, '_') + '_' + i;
    out.push(`# ${r.pick(NAMES)} settings`);
    out.push(`${k}_PORT=${port(r)}`);
    out.push(`${k}_URL=${url(r)}`);
    out.push(`${k}_HOST=${r.pick(HOSTS)}`);
    out.push(`${k}_TIMEOUT=${r.int(1, 300)}`);
    out.push(`${k}_MAX_CONNECTIONS=${r.int(10, 10000)}`);
    out.push(`export ${k}_ADDR="${r.pick(HOSTS)}:${port(r)}"`);
    out.push(`${k}_ENABLED=true`);
  },
  keyvalue(r, out, i) {
    out.push(`[${r.pick(NAMES)}-${i}]`);
    out.push(`server.port=${port(r)}`);
    out.push(`spring.datasource.url=jdbc:postgresql://${r.pick(HOSTS)}:${port(r)}/app`);
    out.push(`port = ${port(r)}`);
    out.push(`max_connections = ${r.int(10, 1000)}`);
    out.push(`listen_addresses = '*'`);
    out.push(`bind-address = 0.0.0.0:${port(r)}`);
    out.push(`timeout = ${r.int(1, 600)}`);
    out.push(`; ${r.pick(NAMES)} uses ${port(r)} in production`);
    out.push('');
  },
  toml(r, out, i) {
    out.push(`[servers.${r.pick(NAMES).replace(/-/g, '_')}_${i}]`);
    out.push(`port = ${port(r)}`);
    out.push(`address = "0.0.0.0:${port(r)}"`);
    out.push(`url = "${url(r)}"`);
    out.push(`ports = [${port(r)}, ${port(r)}]`);
    out.push(`timeout_ms = ${r.int(100, 30000)}`);
    out.push(`workers = ${r.int(1, 32)}`);
    out.push('');
  },
  nginx(r, out, i) {
    out.push(`upstream backend_${i} {`);
    out.push(`    server ${r.pick(HOSTS)}:${port(r)} weight=${r.int(1, 5)} max_fails=3;`);
    out.push(`    server 10.0.${r.int(0, 255)}.${r.int(1, 254)}:${port(r)};`);
    out.push('}');
    out.push('server {');
    out.push(`    listen ${r.pick([80, 8080, 8000])};`);
    out.push(`    listen [::]:${r.pick([443, 8443])} ssl http2;`);
    out.push(`    server_name ${r.pick(NAMES)}${i}.example.com;`);
    out.push(`    client_max_body_size ${r.int(1, 100)}m;`);
    out.push('    location / {');
    out.push(`        proxy_pass http://backend_${i};`);
    out.push(`        proxy_read_timeout ${r.int(5, 300)};`);
    out.push('    }');
    out.push('    location /api/ {');
    out.push(`        proxy_pass http://${r.pick(HOSTS)}:${port(r)}/;`);
    out.push('    }');
    out.push('}');
  },
  haproxy(r, out, i) {
    out.push(`frontend fe_${i}`);
    out.push(`    bind *:${r.pick([80, 8080])}`);
    out.push(`    bind :${r.pick([443, 8443])} ssl crt /etc/haproxy/certs/site${i}.pem`);
    out.push(`    timeout client ${r.int(1, 60)}s`);
    out.push(`    default_backend be_${i}`);
    out.push(`backend be_${i}`);
    out.push('    balance roundrobin');
    out.push(`    server s1 10.0.${r.int(0, 255)}.${r.int(1, 254)}:${port(r)} check maxconn ${r.int(10, 500)}`);
    out.push(`    server s2 ${r.pick(HOSTS)}:${port(r)} check inter ${r.int(1000, 5000)}`);
    out.push('');
  },
  caddy(r, out, i) {
    out.push(`${r.pick(NAMES)}${i}.example.com:${r.pick([443, 8443])} {`);
    out.push(`    reverse_proxy ${r.pick(HOSTS)}:${port(r)} ${r.pick(HOSTS)}:${port(r)}`);
    out.push(`    encode gzip`);
    out.push('}');
    out.push(`:${port(r)} {`);
    out.push(`    respond "ok ${i}" 200`);
    out.push(`    reverse_proxy /api/* localhost:${port(r)}`);
    out.push('}');
  },
  ssh(r, out, i) {
    out.push(`Host ${r.pick(NAMES)}-${i}`);
    out.push(`    HostName 10.1.${r.int(0, 255)}.${r.int(1, 254)}`);
    out.push(`    Port ${r.pick([22, 2222, 22022, port(r)])}`);
    out.push('    User deploy');
    out.push(`    LocalForward ${port(r)} localhost:${port(r)}`);
    out.push(`    DynamicForward ${r.pick([1080, 1081, 9050])}`);
    out.push(`    ServerAliveInterval ${r.int(10, 120)}`);
    out.push('');
  },
  systemd(r, out, i) {
    out.push('[Unit]');
    out.push(`Description=${r.pick(NAMES)} service ${i}`);
    out.push('After=network-online.target');
    out.push('[Service]');
    out.push(`ExecStart=/usr/local/bin/${r.pick(NAMES)} --port ${port(r)} --metrics-addr :${r.pick([9090, 9100])}`);
    out.push(`Environment=PORT=${port(r)} WORKERS=${r.int(1, 16)}`);
    out.push(`TimeoutStartSec=${r.int(5, 300)}`);
    out.push('Restart=on-failure');
    out.push('[Socket]');
    out.push(`ListenStream=0.0.0.0:${port(r)}`);
    out.push(`ListenDatagram=${r.pick([53, 123, 514])}`);
    out.push('');
  },
  terraform(r, out, i) {
    out.push(`resource "aws_security_group" "sg_${i}" {`);
    out.push(`  name = "${r.pick(NAMES)}-${i}"`);
    out.push('  ingress {');
    const p = port(r);
    out.push(`    from_port   = ${p}`);
    out.push(`    to_port     = ${p}`);
    out.push('    protocol    = "tcp"');
    out.push('    cidr_blocks = ["10.0.0.0/16"]');
    out.push('  }');
    out.push('}');
    out.push(`resource "aws_lb_listener" "l_${i}" {`);
    out.push(`  port     = ${r.pick([80, 443, 8443])}`);
    out.push('  protocol = "HTTPS"');
    out.push('}');
    out.push(`variable "port_${i}" {`);
    out.push(`  default = ${port(r)}`);
    out.push('}');
    out.push(`  # timeout ${r.int(1, 60)}, retries ${r.int(1, 5)}`);
  },
  services(r, out, i) {
    const n = `${r.pick(NAMES)}${i}`;
    const p = r.int(1, 65535);
    out.push(`${n.padEnd(16)}${p}/tcp    ${n}-alias    # ${r.pick(NAMES)} service`);
    out.push(`${n.padEnd(16)}${p}/udp`);
  },
  code(r, out, i) {
    out.push(`// Service ${i}: connects to ${r.pick(NAMES)}.`);
    out.push(`const PORT_${i} = Number(process.env.PORT ?? ${port(r)});`);
    out.push(`export async function start${i}(): Promise<void> {`);
    out.push(`  const res = await fetch('${url(r)}', { signal: AbortSignal.timeout(${r.int(100, 30000)}) });`);
    out.push(`  const redis = new Redis({ host: '${r.pick(HOSTS)}', port: ${port(r)}, db: ${r.int(0, 15)} });`);
    out.push(`  for (let i = 0; i < ${r.int(2, 100)}; i++) await redis.incr('hits:' + i);`);
    out.push(`  app.listen(PORT_${i}, () => console.log(\`listening on \${PORT_${i}}\`));`);
    out.push(`  setTimeout(() => res.body?.cancel(), ${r.int(10, 5000)});`);
    out.push(`  return void [${r.int(0, 9)}, ${r.int(10, 99)}, ${r.int(100, 999)}];`);
    out.push('}');
  },
  shell(r, out, i) {
    out.push(`# step ${i}`);
    out.push(`docker run -d --name ${r.pick(NAMES)}-${i} -p ${port(r)}:${r.pick(COMMON_PORTS)} -e PORT=${port(r)} ${r.pick(IMAGES)}`);
    out.push(`curl -sf http://${r.pick(HOSTS)}:${port(r)}/health || exit ${r.int(1, 3)}`);
    out.push(`nc -z ${r.pick(HOSTS)} ${port(r)} && echo up`);
    out.push(`ssh -p ${r.pick([22, 2222])} deploy@${r.pick(HOSTS)} "sleep ${r.int(1, 30)}"`);
    out.push(`kubectl port-forward svc/${r.pick(NAMES)} ${port(r)}:${r.pick(COMMON_PORTS)} &`);
    out.push(`export API_URL=${url(r)}`);
    out.push(`for n in 1 2 3; do sleep ${r.int(1, 9)}; done`);
  },
  // Documentation: sentences with ports and look-alikes, a list, a table, commented and untagged fences.
  markdown(r, out, i) {
    const n = r.pick(NAMES);
    out.push(`## ${n} ${i}`);
    out.push(`The ${n} service listens on port ${port(r)} and the admin UI on ports ${port(r)}, ${port(r)} and ${port(r)}.`);
    out.push(`Version ${r.int(1, 9)}.${r.int(0, 20)} (step ${r.int(1, 9)}, issue #${r.int(100, 9999)}, ${r.int(2015, 2026)}) needs ${r.int(1, 16)} GB and HTTP/2.`);
    out.push(`- ${n} broker: ${port(r)}`);
    out.push(`- Timeout: ${r.int(1, 600)} seconds, ${r.int(1, 9)} retries`);
    out.push('');
    out.push('| Service | Port | Replicas |');
    out.push('|---------|------|----------|');
    out.push(`| ${n} | ${port(r)} | ${r.int(1, 9)} |`);
    out.push('');
    out.push('```');
    out.push(`docker run -d -p ${port(r)}:${r.pick(COMMON_PORTS)} --name ${n}-${i} ${r.pick(IMAGES)}`);
    out.push('```');
    out.push('```yaml');
    out.push('services:');
    out.push(`  ${n}:`);
    out.push('    ports:');
    out.push(`      # - "${port(r)}:${r.pick(COMMON_PORTS)}"`);
    out.push(`      - "${port(r)}:${r.pick(COMMON_PORTS)}" # use port ${port(r)} in production`);
    out.push('```');
    out.push(`Open http://localhost:${port(r)}/ once it is up; logs rotate every ${r.int(1, 30)} days.`);
    out.push('');
  },
  text(r, out, i) {
    out.push(`${r.pick(NAMES)} ${i}: reachable at ${r.pick(HOSTS)}:${port(r)}, ticket ${r.int(100, 9999)}, ${r.int(1, 99)} items.`);
    out.push(`CONTAINER ${i}   ${r.pick(IMAGES)}   0.0.0.0:${port(r)}->${r.pick(COMMON_PORTS)}/tcp   ${r.pick(NAMES)}`);
    out.push(`The worker uses port ${port(r)}; version ${r.int(1, 9)}.${r.int(0, 9)} from ${r.int(2015, 2026)}.`);
  },
};

function jsonDoc(r: Rng, size: number): string {
  const items: string[] = [];
  let chars = 0;
  for (let i = 0; chars < size; i++) {
    const item =
      `    {\n      "name": "${r.pick(NAMES)}-${i}",\n      "port": ${port(r)},\n      "url": "${url(r)}",\n` +
      `      "forwardPorts": [${port(r)}, ${port(r)}],\n      "timeout": ${r.int(1, 600)},\n      "replicas": ${r.int(1, 9)},\n` +
      `      "Kestrel": { "Endpoints": { "Http": { "Url": "http://0.0.0.0:${port(r)}" } } }\n    }`;
    items.push(item);
    chars += item.length + 2;
  }
  return `{\n  "name": "bench",\n  "services": [\n${items.join(',\n')}\n  ]\n}\n`;
}

/** Every format id the server scans, in the order the benchmark reports them. */
export const BENCH_FORMATS = [
  'compose', 'yaml', 'dockerfile', 'dotenv', 'keyvalue', 'toml', 'nginx', 'haproxy', 'caddy', 'ssh', 'systemd',
  'terraform', 'services', 'json', 'code', 'shell', 'markdown', 'text',
] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

/** A realistic document of about `size` characters for one format. */
export function formatSample(format: BenchFormat, size: number): string {
  const r = new Rng(`sample:${format}`);
  if (format === 'json') return jsonDoc(r, size);
  const out = new Lines();
  if (format === 'compose') {
    out.push('services:');
    for (let i = 0; out.chars < size; i++) composeService(r, out, i);
  } else if (format === 'yaml') {
    for (let i = 0; out.chars < size; i++) k8sObjects(r, out, i);
  } else {
    const block = BLOCKS[format];
    for (let i = 0; out.chars < size; i++) block(r, out, i);
  }
  return out.text();
}

/** The line comment of each format, for the comment and prose samples. */
const COMMENT: Record<BenchFormat, string> = {
  compose: '#', yaml: '#', dockerfile: '#', dotenv: '#', keyvalue: ';', toml: '#', nginx: '#', haproxy: '#', caddy: '#',
  ssh: '#', systemd: '#', terraform: '#', services: '#', json: '//', code: '//', shell: '#', markdown: '', text: '',
};

/** Sentences of comments and documentation: ports tied by words, and look-alikes that must stay silent. */
function proseLines(r: Rng, out: string[], i: number): void {
  const n = r.pick(NAMES);
  out.push(`The ${n} service listens on port ${port(r)}, the admin UI on ${port(r)}; it forwards ${port(r)} to the sidecar.`);
  out.push(`Use port ${r.pick([465, 587])}/${r.pick([465, 587])} for SMTP, never plain 25; Redis answers on ${port(r)} (see ${r.pick(HOSTS)}:${port(r)}).`);
  out.push(`Version ${r.int(1, 9)}.${r.int(0, 20)} (step ${r.int(1, 9)}, issue #${r.int(100, 9999)}, ${r.int(2015, 2026)}) needs ${r.int(1, 16)} GB, HTTP/2 and /etc/redis/${port(r)}.conf.`);
  out.push(`[ ${i % 10}] ${port(r)}/tcp    ALLOW IN    10.0.0.0/8    and gRPC :${port(r)}, ${r.int(1, 64)} workers at 10:${r.int(10, 59)}`);
}

/**
 * A document of about `size` characters for one format in which half the lines are comments (or, for
 * Markdown and plain text, prose): sentences with ports and look-alikes and the format's own lines
 * commented out, between its ordinary lines. It measures what comment and prose reading costs each finder.
 */
export function proseSample(format: BenchFormat, size: number): string {
  const r = new Rng(`prose:${format}`);
  const c = COMMENT[format];
  const lead = c ? c + ' ' : '';
  if (format === 'json') {
    // JSONC: a comment above each member.
    const members: string[] = [];
    let chars = 0;
    for (let i = 0; chars < size; i++) {
      const lines: string[] = [];
      proseLines(r, lines, i);
      const m = lines.map((l) => `  // ${l}`).join('\n') + `\n  "service${i}": { "port": ${port(r)}, "url": "${url(r)}" }`;
      members.push(m);
      chars += m.length + 2;
    }
    return `{\n${members.join(',\n')}\n}\n`;
  }
  const own = new Lines();
  const block = BLOCKS[format];
  const out = new Lines();
  if (format === 'compose') out.push('services:');
  for (let i = 0; out.chars < size; i++) {
    const prose: string[] = [];
    proseLines(r, prose, i);
    if (format === 'code') {
      prose.push(`console.log('${r.pick(NAMES)} up on port', ${port(r)}, 'after', ${r.int(1, 99)}, 'retries');`);
      prose.push(`log.info("listening on port {} since {}", ${port(r)}, ${r.int(2015, 2026)});`);
      prose.push(`const ${r.pick(NAMES).toUpperCase().replace(/-/g, '_')}_PORT_DEFAULT = ${port(r)};`);
    }
    const indent = format === 'compose' ? '  ' : '';
    for (const l of prose) out.push(l.startsWith('console.') || l.startsWith('log.') || l.startsWith('const ') ? l : indent + lead + l);
    // The format's own lines, and the same kind of lines commented out.
    const start = own.lines.length;
    if (format === 'compose') composeService(r, own, i);
    else if (format === 'yaml') k8sObjects(r, own, i);
    else block(r, own, i);
    const mine = own.lines.slice(start);
    mine.forEach((l, k) => {
      // Leaves only: a commented key that opens a block would leave its children without a parent.
      if (k % 2 === 1 && c && l.trim() && !/[:{}\[]\s*$/.test(l)) {
        const at = l.length - l.trimStart().length;
        out.push(l.slice(0, at) + lead + l.slice(at));
      } else out.push(l);
    });
  }
  return out.text();
}
