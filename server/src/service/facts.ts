/**
 * Facts about ports that are not in IANA's registry but bite people: browser-blocked ports,
 * operating-system ephemeral ranges and what everyday software runs where IANA's name misleads.
 * Sources are in ../shared/FACTS.md and the README.
 */

/** Ports the WHATWG Fetch standard blocks for HTTP(S) and WebSocket URLs ("bad ports"). */
export const BROWSER_BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
  110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531,
  532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060,
  5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** URL schemes a browser fetches, to which the bad-port list applies. */
export const BROWSER_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ws', 'wss']);

export interface PortRange {
  start: number;
  end: number;
}

export type EphemeralPreset = 'iana' | 'linux' | 'windows' | 'macos' | 'freebsd';

/** Default ephemeral (dynamic source port) ranges by operating system. */
export const EPHEMERAL_PRESETS: Record<EphemeralPreset, PortRange & { label: string }> = {
  iana: { start: 49152, end: 65535, label: 'IANA dynamic range' },
  linux: { start: 32768, end: 60999, label: 'Linux ephemeral range (net.ipv4.ip_local_port_range)' },
  windows: { start: 49152, end: 65535, label: 'Windows dynamic port range' },
  macos: { start: 49152, end: 65535, label: 'macOS ephemeral range' },
  freebsd: { start: 10000, end: 65535, label: 'FreeBSD ephemeral range' },
};

/** Kubernetes' default NodePort range (kube-apiserver --service-node-port-range). */
export const KUBERNETES_NODEPORT_RANGE: PortRange = { start: 30000, end: 32767 };

/**
 * What common software runs on ports whose IANA name misleads, shown labelled as common practice.
 * Only ports where the registry's answer differs from what developers meet every day are listed.
 */
export const COMMON_PRACTICE: ReadonlyMap<number, string> = new Map([
  [1025, 'MailHog / Mailpit SMTP'],
  [3000, 'Node.js (Express, Next.js), Rails and Grafana dev servers'],
  [3001, 'Second Node.js / React dev server'],
  [4000, 'Jekyll, Phoenix and GraphQL dev servers'],
  [4200, 'Angular CLI dev server'],
  [5000, 'Flask dev server, Docker Registry, ASP.NET Core (HTTP)'],
  [5001, 'ASP.NET Core (HTTPS) dev server'],
  [5173, 'Vite dev server'],
  [5601, 'Kibana'],
  [5678, 'debugpy (Python debugger), n8n'],
  [6006, 'TensorBoard'],
  [6443, 'Kubernetes API server'],
  [7474, 'Neo4j HTTP'],
  [7687, 'Neo4j Bolt'],
  [8000, 'Django dev server, python -m http.server, Uvicorn'],
  [8025, 'MailHog / Mailpit web UI'],
  [8080, 'HTTP alternate: Tomcat, Jenkins, Spring Boot, many proxies'],
  [8081, 'Second HTTP alternate (Nexus, proxies)'],
  [8086, 'InfluxDB HTTP API'],
  [8200, 'HashiCorp Vault'],
  [8443, 'HTTPS alternate (Tomcat, Kubernetes dashboards)'],
  [8500, 'HashiCorp Consul HTTP API'],
  [8787, 'Cloudflare Wrangler dev server, RStudio Server'],
  [8888, 'Jupyter Notebook'],
  [9000, 'PHP-FPM, SonarQube, MinIO API, Portainer'],
  [9001, 'MinIO console, Supervisor'],
  [9042, 'Apache Cassandra CQL'],
  [9090, 'Prometheus'],
  [9092, 'Apache Kafka'],
  [9093, 'Prometheus Alertmanager, Kafka (TLS)'],
  [9100, 'Prometheus node_exporter'],
  [9200, 'Elasticsearch / OpenSearch HTTP API'],
  [9229, 'Node.js inspector (debugger)'],
  [9300, 'Elasticsearch transport'],
  [9411, 'Zipkin'],
  [10250, 'Kubernetes kubelet API'],
  [15672, 'RabbitMQ management UI'],
  [16686, 'Jaeger UI'],
  [24678, 'Vite HMR WebSocket (middleware mode)'],
  [50051, 'gRPC examples and many gRPC services'],
]);
