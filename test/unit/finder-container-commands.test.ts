import assert from 'node:assert/strict';
import { findComposePorts } from '../../server/src/service/scan';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { findYamlPorts } from '../../server/src/service/scan';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';
import { indexFile, WorkspaceIndex, type IndexedFile } from '../../server/src/service/workspaceIndex';
import { kubeFacts } from '../../server/src/service/workspaceKube';
import { unmatchedTargetPort } from '../../server/src/service/kubeRules';

// Shapes real files have: commands inside YAML values (Kubernetes `command`/`args`,
// Compose `command`/`entrypoint`/healthcheck `test`) read as shell, comma lists under a plural port
// key, Ruby ERB defaults under a port key, and Services whose selector is a flow mapping.

type Finder = (text: string) => PortOccurrence[];

/** The occurrences whose span is the `nth` (0-based) occurrence of `digits` in `text`. */
function spansAt(find: Finder, text: string, digits: string, nth = 0): PortOccurrence[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(digits, at + 1);
    assert.ok(at >= 0, `${digits} #${nth} is not in the test text`);
  }
  return find(text).filter((o) => o.start === at && o.end === at + digits.length);
}

/** The one port found on the `nth` `digits` of `text`: exactly one occurrence, with that number. */
function portOn(find: Finder, text: string, digits: string, nth = 0): PortOccurrence {
  const found = spansAt(find, text, digits, nth);
  assert.equal(found.length, 1, `expected one port on ${digits} #${nth}, got ${found.length} in:\n${text}`);
  assert.equal(found[0].kind, 'port');
  assert.equal(found[0].port, Number(digits));
  return found[0];
}

/** Nothing found over any whole digit run `digits` (not part of a longer run) in `text`. */
function silentOn(find: Finder, text: string, digits: string): void {
  const all = find(text);
  let runs = 0;
  for (const m of text.matchAll(/\d+/g)) {
    if (m[0] !== digits) continue;
    runs++;
    const at = m.index;
    const o = all.find((x) => x.start < at + digits.length && at < x.end);
    assert.equal(o, undefined, `unexpected ${o?.kind} ${o?.port} over ${digits} in:\n${text}`);
  }
  assert.ok(runs > 0, `${digits} is not a digit run of the test text`);
}

const pod = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${body}`;

describe('yaml finder: commands in Kubernetes containers read as shell', () => {
  it('unwraps ["sh", "-c", SCRIPT] and reads the script: nc -z host PORT connects', () => {
    const text = pod(`  initContainers:
    - name: wait-for-db
      image: busybox:1.36
      command: ["sh", "-c", "until nc -z orders-db 5432; do echo waiting; sleep 2; done"]
`);
    const o = portOn(findYamlPorts, text, '5432');
    assert.equal(o.role, 'connect');
    silentOn(findYamlPorts, text, '2');
    silentOn(findYamlPorts, text, '36');
  });

  it('reads a block list `- sh` / `- -c` / `- script`, and a script written as a block scalar', () => {
    const list = pod(`  containers:
    - name: probe
      image: alpine:3.20
      command:
        - sh
        - -c
        - nc -z db 5433 && sleep 3600
`);
    assert.equal(portOn(findYamlPorts, list, '5433').role, 'connect');
    silentOn(findYamlPorts, list, '3600');
    const block = pod(`  containers:
    - name: probe
      image: alpine:3.20
      command:
        - /bin/sh
        - -ec
        - |
          for i in 1 2 3; do
            nc -z cache 6380 && exit 0
            sleep 5
          done
      args: |
        redis-cli -h cache -p 6381 ping
`);
    assert.equal(portOn(findYamlPorts, block, '6380').role, 'connect');
    portOn(findYamlPorts, block, '6381');
    silentOn(findYamlPorts, block, '5');
  });

  it('reads `command` and `args` split over two keys, and flags with their value in the next entry, once', () => {
    const text = pod(`  containers:
    - name: app
      image: ghcr.io/acme/app:2.14.0
      command: ["/bin/sh", "-c"]
      args: ["until nc -z queue 5672; do sleep 1; done; exec app --workers 4 --port 8080"]
`);
    assert.equal(portOn(findYamlPorts, text, '5672').role, 'connect');
    portOn(findYamlPorts, text, '8080');
    silentOn(findYamlPorts, text, '4');
    // A flag and its value in two entries: found once, where it was found before.
    const flags = pod(`  containers:
    - name: app
      image: app
      args: ["--threads", "16", "--port", "9091"]
`);
    portOn(findYamlPorts, flags, '9091');
    silentOn(findYamlPorts, flags, '16');
  });

  it('leaves commands without ports alone', () => {
    const text = pod(`  containers:
    - name: app
      image: busybox
      command: ["sleep", "3600"]
      args:
        - --retries
        - "5"
        - --timeout=30
`);
    assert.deepEqual(findYamlPorts(text).map((o) => o.port), []);
  });
});

describe('compose finder: commands and health checks read as shell', () => {
  it('reads CMD-SHELL scripts: /dev/tcp/HOST/PORT and -p PORT; HTTP/1.1 and intervals stay silent', () => {
    const text = `services:
  keycloak:
    image: quay.io/keycloak/keycloak:25.0.6
    healthcheck:
      test: ["CMD-SHELL", "exec 3<>/dev/tcp/127.0.0.1/9000; echo -e 'GET /health/ready HTTP/1.1\\r\\n\\r\\n' >&3; grep -q UP <&3"]
      interval: 10s
      retries: 10
  postgres:
    image: postgres:16.4
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres -p 5433"]
`;
    const o = portOn(findComposePorts, text, '9000');
    assert.equal(o.role, 'connect');
    portOn(findComposePorts, text, '5433');
    for (const d of ['3', '1', '10']) silentOn(findComposePorts, text, d);
  });

  it('reads CMD word lists as one command, in a flow or block list', () => {
    const text = `services:
  redis:
    image: redis:7.4
    healthcheck:
      test: ["CMD", "redis-cli", "-p", "6379", "ping"]
  nats:
    image: nats:2.10
    healthcheck:
      test:
        - CMD
        - wget
        - --spider
        - http://localhost:8222/healthz
  worker:
    image: busybox
    healthcheck:
      test: ["CMD", "sleep", "30"]
`;
    portOn(findComposePorts, text, '6379');
    portOn(findComposePorts, text, '8222');
    silentOn(findComposePorts, text, '30');
  });

  it('reads an exec-form command: python -m http.server PORT listens', () => {
    const text = `services:
  admin:
    image: python:3.12
    command: ["python", "-m", "http.server", "8765", "--directory", "static"]
    ports:
      - "8765"
  tool:
    image: python:3.12
    command: ["python", "-m", "pip", "install", "requests==2.32.3"]
`;
    const o = portOn(findComposePorts, text, '8765');
    assert.equal(o.role, 'listen');
    for (const d of ['2', '32', '3', '12']) silentOn(findComposePorts, text, d);
  });

  it('finds a port in a string command once, and leaves build args to the build rules', () => {
    const text = `services:
  keycloak:
    image: quay.io/keycloak/keycloak:25.0.6
    command: start-dev --http-port=8180 --health-enabled=true
  api:
    build:
      context: .
      args:
        - UID=1000
        - PYTHON_VERSION=3.12
    command: sh -c "nc -z db 5432 && exec uvicorn app:app --port 8000"
`;
    portOn(findComposePorts, text, '8180');
    portOn(findComposePorts, text, '5432');
    portOn(findComposePorts, text, '8000');
    silentOn(findComposePorts, text, '1000');
  });
});

describe('yaml finder: comma lists under a plural port key', () => {
  it('reads each item of "15020,9901" as a port, and ranges in the list', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: gw
  annotations:
    sidecar.istio.io/statsInclusionPrefixes: cluster.outbound
    traffic.sidecar.istio.io/excludeInboundPorts: "15020,9901"
    traffic.sidecar.istio.io/excludeOutboundPorts: "8000-8010, 9090"
    traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8,172.16.0.0/12"
`;
    portOn(findYamlPorts, text, '15020');
    portOn(findYamlPorts, text, '9901');
    const lo = portOn(findYamlPorts, text, '8000');
    assert.deepEqual([lo.rangeLo, lo.rangeHi], [8000, 8010]);
    portOn(findYamlPorts, text, '9090');
    for (const d of ['10', '8', '172', '16', '12']) silentOn(findYamlPorts, text, d);
  });

  it('reads nothing when an item is not a port, or the key is not a port key', () => {
    const text = `metadata:
  annotations:
    example.com/ports: "80,http"
    example.com/versions: "1,2,3"
    example.com/replicas: "3,5"
`;
    assert.deepEqual(findYamlPorts(text).map((o) => o.port), []);
  });
});

describe('yaml finder: Ruby ERB under a port key (Rails database.yml)', () => {
  const db = (port: string) => `default: &default
  adapter: postgresql
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
  timeout: 5000
  host: <%= ENV.fetch("DB_HOST") { "localhost" } %>
  port: ${port}
`;

  it('reads the default a lookup falls back to: { N }, fetch(NAME, N), || N', () => {
    let text = db('<%= ENV.fetch("DB_PORT") { 5432 } %>');
    portOn(findYamlPorts, text, '5432');
    silentOn(findYamlPorts, text, '5');
    silentOn(findYamlPorts, text, '5000');
    text = db('<%= ENV.fetch("DB_PORT", 6432).to_i %>');
    portOn(findYamlPorts, text, '6432');
    text = db('<%= ENV["DB_PORT"] || "5433" -%>');
    portOn(findYamlPorts, text, '5433');
  });

  it('stays silent on other numbers inside the action and on ERB under other keys', () => {
    const text = db('<%= ENV.fetch("DB_PORT").to_i + 1 %>');
    silentOn(findYamlPorts, text, '1');
    silentOn(findYamlPorts, text, '5');
    const shifted = db('<%= Integer(ENV.fetch("BASE", 5000)) + 10 %>');
    portOn(findYamlPorts, shifted, '5000', 1);
    silentOn(findYamlPorts, shifted, '10');
    silentOn(findYamlPorts, 'pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>\ntimeout: <%= ENV["T"] || 3000 %>\n', '3000');
  });
});

/** Indexes a text as the server would a file of that name. */
function file(uri: string, text: string): IndexedFile {
  const format = detectFormat('plaintext', uri, text);
  assert.ok(format, `${uri} has a format`);
  return indexFile(uri, format, text, findPorts(format, text));
}

function files(m: Record<string, string>): IndexedFile[] {
  const w = new WorkspaceIndex();
  for (const [name, text] of Object.entries(m)) w.set(file(`file:///repo/${name}`, text));
  return w.all();
}

const SERVICE = (selector: string, ports: string) => `apiVersion: v1
kind: Service
metadata:
  name: edge
spec:
  selector: ${selector}
  ports: ${ports}
`;
const DEPLOYMENT = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: edge
spec:
  selector:
    matchLabels: {app: edge}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27.2-alpine
          ports:
            - containerPort: 8080
              name: http
`;

describe('Kubernetes facts: flow mappings read as block mappings', () => {
  it('reads `selector: {app: edge}` and `labels: {app: edge, tier: web}`', () => {
    const k = kubeFacts(`${SERVICE('{app: edge}', '[{port: 80, targetPort: 8081}]')}---\n${DEPLOYMENT('{app: edge, tier: web}')}`);
    assert.deepEqual(k.services[0].selector, { app: 'edge' });
    assert.deepEqual(k.services[0].ports.map((p) => [p.port?.text, p.targetPort?.text]), [['80', '8081']]);
    assert.deepEqual(k.workloads[0].labels, { app: 'edge', tier: 'web' });
    assert.deepEqual(k.workloads[0].ports.map((p) => p.containerPort), [8080]);
  });

  it('unmatchedTargetPort warns on a targetPort the flow-selected pods do not declare, and only then', () => {
    const block = '\n    - port: 80\n      targetPort: ';
    const check = (target: string, selector = '{app: edge}') =>
      [...unmatchedTargetPort(files({ 'k/svc.yaml': SERVICE(selector, block + target), 'k/dep.yaml': DEPLOYMENT('{app: edge}') })).values()].flat();
    const [w] = check('8081');
    assert.ok(w, 'a warning on targetPort 8081');
    assert.equal(w.port, 8081);
    assert.match(w.message, /port 8081\/TCP\.\nService "edge" selects app=edge: Deployment "edge"/);
    assert.deepEqual(check('8080'), []);
    assert.deepEqual(check('http'), []);
    // Pods of another app are not the Service's: nothing to judge.
    assert.deepEqual(check('8081', '{app: other}'), []);
  });
});

describe('CI steps are read as shell', () => {
  it('GitHub Actions run and GitLab script entries, each line its own command', () => {
    const gh = 'jobs:\n  test:\n    timeout-minutes: 30\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          docker run -d -p 5432:5432 postgres:16\n          npx wait-on tcp:127.0.0.1:5432 --timeout 60000\n      - run: npm test -- --retries 3\n';
    assert.deepEqual(findPorts('yaml', gh).map((o) => [gh.slice(o.start, o.end), o.role]), [['5432', 'host'], ['5432', 'container'], ['5432', 'connect']]);
    const gl = 'test:\n  image: node:22\n  retry: 2\n  before_script:\n    - redis-server --port 6380 --daemonize yes\n  script:\n    - npm ci --maxsockets 4\n    - nc -z localhost 6380\n';
    assert.deepEqual(findPorts('yaml', gl).map((o) => [gl.slice(o.start, o.end), o.role]), [['6380', 'listen'], ['6380', 'connect']]);
  });
});
