import assert from 'node:assert/strict';
import { findYamlPorts } from '../../server/src/service/scan';
import { walkYaml } from '../../server/src/service/scan/text/yamlScan';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';
import { withCursor } from '../helpers/cursor';

// The generic YAML finder (Kubernetes, Helm, Spring, Prometheus, GitHub Actions, any key that names a
// port): each test puts a `|` cursor where a hover would land and checks what is found there.

/**
 * The text of a test source without its cursor. A literal `|` (block scalar, template pipe) is written
 * `¦` in the source so that the cursor stays the only `|`; it takes the same one code unit.
 */
function textOf(src: string): { text: string; offset: number } {
  const { doc, offset } = withCursor(src);
  return { text: doc.getText().replace(/¦/g, '|'), offset };
}

function at(src: string): PortOccurrence | undefined {
  const { text, offset } = textOf(src);
  return findYamlPorts(text).find((o) => o.start === offset);
}

function portAt(src: string): PortOccurrence {
  const o = at(src);
  assert.ok(o, `nothing found at the cursor in:\n${src}`);
  return o;
}

function noPortAt(src: string): void {
  const { text, offset } = textOf(src);
  const o = findYamlPorts(text).find((x) => x.start <= offset && offset < x.end);
  assert.equal(o, undefined, `unexpected ${o?.kind} ${o?.port ?? o?.name} at the cursor in:\n${src}`);
}

const container = (body: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n${body}`;

describe('yaml finder: Kubernetes workloads', () => {
  it('reads containerPort as a listening port and hostPort as a host port, TCP unless stated', () => {
    const c = portAt(container('      ports:\n        - name: http\n          containerPort: |8080\n'));
    assert.deepEqual([c.port, c.role, c.protocol, c.kind], [8080, 'listen', 'tcp', 'port']);
    const h = portAt(container('      ports:\n        - containerPort: 8080\n          hostPort: |80\n'));
    assert.deepEqual([h.port, h.role], [80, 'host']);
  });

  it('applies a ports entry protocol to its numbers, whether it comes before or after them', () => {
    const after = portAt(container('      ports:\n        - containerPort: |8125\n          protocol: UDP\n'));
    assert.equal(after.protocol, 'udp');
    const before = portAt(container('      ports:\n        - protocol: UDP\n          containerPort: |53\n'));
    assert.equal(before.protocol, 'udp');
    const flow = portAt(container('      ports:\n        - {containerPort: |5353, protocol: UDP}\n'));
    assert.equal(flow.protocol, 'udp');
  });

  it('reads probe ports (httpGet, tcpSocket, grpc), and a probe port name as a service name', () => {
    assert.equal(portAt(container('      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: |8081\n')).role, 'connect', 'the kubelet connects to the listener declared as containerPort');
    assert.equal(portAt(container('      readinessProbe:\n        tcpSocket:\n          port: |5432\n')).port, 5432);
    assert.equal(portAt(container('      startupProbe:\n        grpc:\n          port: |9090\n')).port, 9090);
    const named = portAt(container('      livenessProbe:\n        httpGet:\n          port: |http\n'));
    assert.deepEqual([named.kind, named.name, Number.isNaN(named.port)], ['service', 'http', true]);
  });

  it('reads env entries whose name says port, from a value before or after the name', () => {
    const o = portAt(container('      env:\n        - name: DB_PORT\n          value: "|5432"\n'));
    assert.equal(o.port, 5432);
    assert.equal(portAt(container('      env:\n        - value: "|6379"\n          name: REDIS_PORT\n')).port, 6379);
    noPortAt(container('      env:\n        - name: CACHE_TTL_SECONDS\n          value: "|300"\n'));
    assert.equal(portAt(container('      env:\n        - name: KAFKA\n          value: kafka-0.kafka:|9092,kafka-1.kafka:9092\n')).port, 9092);
  });

  it('reads ports in args: --listen=:8080 and a flag whose value is the next entry', () => {
    assert.equal(portAt(container('      args: ["--listen=:|8080"]\n')).port, 8080);
    assert.equal(portAt(container('      args: ["--admin-port", "|8081"]\n')).port, 8081);
    assert.equal(portAt(container('      args:\n        - --metrics-bind-address=:|8443\n')).port, 8443);
  });

  it('does not read timeouts, replicas, resources, image tags, user ids or versions', () => {
    noPortAt(container('      livenessProbe:\n        timeoutSeconds: |3\n'));
    noPortAt('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: |3\n');
    noPortAt(container('      resources:\n        limits:\n          memory: |128Mi\n'));
    noPortAt('spec:\n  containers:\n    - image: nginx:|1.27\n');
    noPortAt('spec:\n  containers:\n    - image: ghcr.io/acme/api:|2000\n');
    noPortAt('spec:\n  securityContext:\n    runAsUser: |10001\n');
    noPortAt('metadata:\n  labels:\n    app.kubernetes.io/version: "|2.4.1"\n');
    noPortAt('apiVersion: apps/v|1\n');
    noPortAt('metadata:\n  annotations:\n    deployed-at: "|2024-05-01T10:30:00Z"\n');
  });
});

describe('yaml finder: Kubernetes services and networking', () => {
  const svc = (body: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n${body}`;

  it('reads port, targetPort and nodePort, with roles', () => {
    const src = (c: string) => svc(`    - name: http\n      port: ${c === 'p' ? '|' : ''}80\n      targetPort: ${c === 't' ? '|' : ''}8080\n      nodePort: ${c === 'n' ? '|' : ''}30080\n`);
    assert.deepEqual([portAt(src('p')).port, portAt(src('p')).role], [80, 'connect'], 'a Service port is the virtual address clients connect to');
    assert.deepEqual([portAt(src('t')).port, portAt(src('t')).role], [8080, 'listen']);
    assert.deepEqual([portAt(src('n')).port, portAt(src('n')).role], [30080, 'host']);
  });

  it('reads targetPort: http as a service name standing for a port', () => {
    const o = portAt(svc('    - port: 80\n      targetPort: |http\n'));
    assert.deepEqual([o.kind, o.name], ['service', 'http']);
  });

  it('applies protocol: UDP to the numbers of its entry only', () => {
    const src = (c: string) => svc(`    - name: dns\n      port: ${c === 'a' ? '|' : ''}53\n      protocol: UDP\n    - name: web\n      port: ${c === 'b' ? '|' : ''}443\n`);
    assert.equal(portAt(src('a')).protocol, 'udp');
    assert.equal(portAt(src('b')).protocol, 'tcp');
  });

  it('reads prometheus.io/port annotations', () => {
    assert.equal(portAt('metadata:\n  annotations:\n    prometheus.io/port: "|9102"\n').port, 9102);
    noPortAt('metadata:\n  annotations:\n    prometheus.io/scrape: "true"\n    nginx.ingress.kubernetes.io/proxy-read-timeout: "|3600"\n');
  });

  it('reads an Ingress backend port number and name, and NetworkPolicy port and endPort', () => {
    assert.equal(portAt('backend:\n  service:\n    name: api\n    port:\n      number: |8080\n').port, 8080);
    const n = portAt('backend:\n  service:\n    name: web\n    port:\n      name: |http\n');
    assert.deepEqual([n.kind, n.name], ['service', 'http']);
    assert.equal(portAt('egress:\n  - ports:\n      - protocol: TCP\n        port: 32000\n        endPort: |32768\n').port, 32768);
    noPortAt('ingress:\n  - from:\n      - ipBlock:\n          cidr: |10.8.0.0/16\n');
  });

  it('reads every document of a multi-document file', () => {
    const src = 'kind: Service\nspec:\n  ports:\n    - port: 80\n---\nkind: Service\nspec:\n  ports:\n    - port: |443\n';
    assert.equal(portAt(src).port, 443);
  });

  it('reads a JSON patch whose path ends in port, inside a Kustomize block scalar', () => {
    const src = 'patches:\n  - target:\n      kind: Service\n    patch: ¦-\n      - op: replace\n        path: /spec/ports/0/port\n        value: |8443\n';
    assert.equal(portAt(src).port, 8443);
  });

  it('reads a YAML file embedded in a ConfigMap', () => {
    const src = 'kind: ConfigMap\ndata:\n  prometheus.yml: ¦\n    scrape_configs:\n      - job_name: node\n        static_configs:\n          - targets: ["node:|9100"]\n';
    assert.equal(portAt(src).port, 9100);
  });
});

describe('yaml finder: Helm', () => {
  it('reads *.port and ports maps in values files', () => {
    assert.equal(portAt('service:\n  type: ClusterIP\n  port: |80\n').port, 80);
    assert.equal(portAt('containerPorts:\n  http: |3000\n  metrics: 9464\n').port, 3000);
    assert.equal(portAt('primary:\n  service:\n    ports:\n      postgresql: |5432\n').port, 5432);
    noPortAt('autoscaling:\n  targetCPUUtilizationPercentage: |80\n');
    noPortAt('replicaCount: |2\n');
  });

  it('reads the default of a templated port and keeps template lines from breaking the structure', () => {
    assert.equal(portAt('ports:\n  - containerPort: {{ .Values.port ¦ default |3000 }}\n').port, 3000);
    assert.equal(portAt('annotations:\n  prometheus.io/port: {{ .Values.metrics.port ¦ default "|9464" ¦ quote }}\n').port, 9464);
    const src = 'spec:\n  {{- if .Values.enabled }}\n  template:\n    spec:\n      containers:\n        - ports:\n          {{- range .Values.extra }}\n            - containerPort: |8080\n';
    assert.equal(portAt(src).role, 'listen');
    noPortAt('spec:\n  template:\n    metadata:\n      labels:\n        {{- include "x.labels" . ¦ nindent |8 }}\n');
    noPortAt('initialDelaySeconds: {{ .Values.delay ¦ default |10 }}\n');
  });

  it('reads a port after a template action in a URL', () => {
    assert.equal(portAt('value: "redis://{{ .Release.Name }}-redis-master:|6379/0"\n').port, 6379);
  });
});

describe('yaml finder: Spring, Prometheus, GitHub Actions, generic keys', () => {
  it('reads Spring server.port nested or flat, with ${VAR:default}', () => {
    const o = portAt('server:\n  port: |9443\n  ssl:\n    enabled: true\n');
    assert.deepEqual([o.port, o.role], [9443, 'listen']);
    assert.equal(portAt('server.port: |8080\n').port, 8080);
    assert.equal(portAt('server:\n  port: ${SERVER_PORT:|8080}\n').port, 8080);
    assert.equal(portAt('spring:\n  datasource:\n    url: jdbc:postgresql://${DB_HOST:localhost}:${DB_PORT:|5432}/app\n').port, 5432);
    assert.equal(portAt('grpc:\n  server:\n    port: |9090\n    max-inbound-message-size: 4194304\n').port, 9090);
    noPortAt('grpc:\n  server:\n    max-inbound-message-size: |4194304\n');
    noPortAt('spring:\n  servlet:\n    multipart:\n      max-file-size: |10MB\n');
    assert.equal(portAt('spring:\n  elasticsearch:\n    uris: http://search:|9200\n').port, 9200);
    assert.equal(portAt('spring:\n  kafka:\n    bootstrap-servers: kafka-1:9092,kafka-2:|9092\n').port, 9092);
  });

  it('reads Prometheus targets in flow and block lists, even on short host names', () => {
    assert.equal(portAt("scrape_configs:\n  - job_name: p\n    static_configs:\n      - targets: ['localhost:|9090']\n").port, 9090);
    assert.equal(portAt('static_configs:\n  - targets:\n      - node-exporter:|9100\n').port, 9100);
    assert.equal(portAt('static_configs:\n  - targets: [web:|80]\n').port, 80);
    noPortAt('global:\n  scrape_interval: |15s\n');
    noPortAt('relabel_configs:\n  - regex: ([^:]+)(?::\\d+)?;(\\d+)\n    replacement: $|1:$2\n');
  });

  it('reads GitHub Actions service ports, env and run scripts', () => {
    const wf = (body: string) => `jobs:\n  test:\n    runs-on: ubuntu-24.04\n    services:\n      postgres:\n        image: postgres:16\n${body}`;
    const h = portAt(wf('        ports:\n          - |5432:5432\n'));
    assert.deepEqual([h.port, h.role, h.mapping], [5432, 'host', undefined]);
    assert.equal(portAt(wf('        ports:\n          - "6379:|6379"\n')).role, 'container');
    const run = 'steps:\n  - run: ¦\n      docker run -d -p 8080:|3000 app\n';
    assert.equal(portAt(run).port, 3000);
    assert.equal(portAt('steps:\n  - run: ¦\n      npm start -- --port |3000 &\n').port, 3000);
    noPortAt(wf('        options: >-\n          --health-interval |10s\n'));
    noPortAt('jobs:\n  t:\n    runs-on: ubuntu-|24.04\n    timeout-minutes: 20\n');
    noPortAt('strategy:\n  matrix:\n    node-version: [18, |20, 22]\n');
  });

  it('reads an OpenTelemetry Collector receiver or extension endpoint as its own listener, an exporter endpoint as a client', () => {
    const otel = (section: string, port: string) => `${section}:\n  zpages:\n    endpoint: localhost:${port}\n`;
    assert.equal(portAt(otel('extensions', '|55679')).role, 'listen');
    assert.equal(portAt(otel('receivers', '|4317')).role, 'listen');
    assert.equal(portAt(otel('exporters', '|4317')).role, 'connect');
    // An `endpoint` key deeper in some other file keeps its client reading.
    assert.equal(portAt(`spec:\n  receivers:\n    endpoint: localhost:|4317\n`).role, 'connect');
  });

  it('reads any key that names a port, and lists under port keys', () => {
    assert.equal(portAt('database:\n  port: |5432\n').port, 5432);
    assert.equal(portAt('http-port: |8080\n').port, 8080);
    assert.equal(portAt('forwardPorts: [3000, |9229]\n').port, 9229);
    noPortAt('transport: |3\nsupport: 5\n');
  });
});

describe('yaml walker robustness', () => {
  it('never throws and keeps reading after malformed lines', () => {
    const bad = [
      'a: "unclosed\nport: 1\n',
      'a: [1, 2\nport: 2\n',
      '\tport: 3\n',
      'x:\n    deep: 1\n  port: 4\n',
      '{{ if }\nport: 5\n',
      'a: |\nport: 6\n',
      '- - - - port: 7\n',
      '--- !tag\nport: 8\n',
      'key: value: other\nport: 9\n',
      '"quoted key": v\nport: 10\n',
      ': \nport: 11\n',
      '- \nport: 12\n',
    ];
    for (const src of bad) {
      const want = Number(/port: (\d+)\n$/.exec(src)![1]);
      const found = findYamlPorts(src);
      assert.ok(found.some((o) => o.port === want), `port ${want} lost after malformed YAML: ${JSON.stringify(src)}`);
    }
  });

  it('survives a one-megabyte line and fifty thousand nested levels', () => {
    assert.deepEqual(findYamlPorts('port: ' + '1'.repeat(1 << 20)), []);
    assert.deepEqual(findYamlPorts('x: ' + ']:1 '.repeat(1 << 16)), []);
    const nested = 'ports: ' + '['.repeat(50000) + '80' + ']'.repeat(50000);
    assert.equal(findYamlPorts(nested).length, 1);
    assert.equal(findYamlPorts('a: ' + '{a: '.repeat(50000) + '1}').length, 0);
    assert.equal(findYamlPorts('- '.repeat(50000) + 'port: 80').length, 1);
  });

  it('reports scalars with their keys across block and flow styles', () => {
    const text = 'a:\n  b: 1\n  c: [2, {d: 3}]\n- e\n';
    const seen: string[] = [];
    walkYaml(text, {
      scalar: (f, s, e, _q, inSeq) => seen.push(`${f?.isItem ? '-' : f?.key}${inSeq ? '[]' : ''}=${text.slice(s, e)}`),
      freeText: () => {},
      comment: () => {},
    });
    assert.deepEqual(seen, ['b=1', 'c[]=2', 'd=3', '-[]=e']);
  });
});

describe('yaml finder: port names', () => {
  it('reports the name given to a Kubernetes port, valid or not, for the portName rule', () => {
    const src = (n: string) => `spec:\n  containers:\n    - name: web\n      ports:\n        - name: ${n}\n          containerPort: 8080\n`;
    const o = portAt(src('|Http-Web'));
    assert.deepEqual([o.kind, o.name], ['name', 'Http-Web']);
    assert.equal(portAt(src('"|metrics"')).name, 'metrics');
    const svc = 'kind: Service\nspec:\n  ports:\n    - port: 9102\n      name: |metrics_port\n';
    assert.deepEqual([portAt(svc).kind, portAt(svc).name], ['name', 'metrics_port']);
    // The container's own name is not a port name.
    noPortAt('spec:\n  containers:\n    - name: |web\n      ports:\n        - containerPort: 80\n');
  });
});
