import assert from 'node:assert/strict';
import { allPlaces, namedPortAt } from '../../server/src/service/kubeNamedPorts';
import { ingressBackendPort, unmatchedTargetPort } from '../../server/src/service/kubeRules';
import { findPorts } from '../../server/src/service/scan';
import { detectFormat } from '../../server/src/service/scan/detect';
import { indexFile, type IndexedFile } from '../../server/src/service/workspaceIndex';
import { doc, settings, testService } from '../helpers/service';

// Kubernetes semantics: the per-file checks of a manifest, the cross-file checks, and named ports
// resolved as the cluster resolves them. Every check has look-alikes that must stay silent.

const service = testService();

function codes(text: string, rule: string, uri = 'file:///k/app.yaml') {
  return service.doValidation(doc(text, uri, 'yaml'), settings({})).filter((d) => d.code === rule);
}

const lineOf = (d: { range: { start: { line: number } } }) => d.range.start.line + 1;

function files(map: Record<string, string>): IndexedFile[] {
  return Object.entries(map).map(([name, text]) => {
    const uri = `file:///repo/${name}`;
    const format = detectFormat('plaintext', uri, text)!;
    return indexFile(uri, format, text, findPorts(format, text));
  });
}

/** A Deployment with labels `app: NAME` and one container holding `body` (ports, probes) at its indentation. */
const deployment = (name: string, body: string, init = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    metadata:
      labels:
        app: ${name}
    spec:${init}
      containers:
        - name: ${name}
          image: example/${name}:1.0
${body}`;

const PORTS = `          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
`;

const svc = (name: string, ports: string, selector = `app: ${name}`) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    ${selector}
  ports:
${ports}`;

const ingress = (service: string, port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: edge
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${service}
                port:
                  ${port}
`;

/** The position of the `n`-th occurrence of `needle` in `text` (0-based line and character), inside the word. */
function at(text: string, needle: string, n = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} #${n} not in text`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length - 1, character: i - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('Kubernetes checks in one manifest', () => {
  it('probePort: an error on a probe port name its container does not declare; declared names, numbers and templates stay silent', () => {
    const probe = (port: string) => `${PORTS}          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: ${port}\n`;
    const bad = codes(deployment('web', probe('heatlh')), 'probePort');
    assert.deepEqual(bad.map(lineOf), [22]);
    assert.equal(bad[0].severity, 1);
    assert.match(String(bad[0].message), /^Container "web" has no port named "heatlh" for its livenessProbe\.\n/);
    assert.deepEqual(codes(deployment('web', probe('http')), 'probePort'), []);
    assert.deepEqual(codes(deployment('web', probe('8080')), 'probePort'), []);
    assert.deepEqual(codes(deployment('web', probe('"{{ .Values.probePort }}"')), 'probePort'), []);
    // A number the container does not declare still reaches a listener: a hint, never more.
    const num = codes(deployment('web', probe('8081')), 'probePort');
    assert.deepEqual(num.map((d) => d.severity), [4]);
    // A container that declares no ports says nothing about a number.
    assert.deepEqual(codes(deployment('web', `          readinessProbe:\n            tcpSocket:\n              port: 5432\n`), 'probePort'), []);
    // Another container's port name does not count: the kubelet resolves the probe's own container.
    const two = deployment('web', `${PORTS}        - name: sidecar\n          image: envoy\n          livenessProbe:\n            httpGet:\n              port: http\n`);
    assert.deepEqual(codes(two, 'probePort').map(lineOf), [23]);
  });

  it('duplicateContainerPort: the same port and protocol twice in one pod; UDP beside TCP, init containers and other pods stay silent', () => {
    const sidecar = (port: string, protocol = '') => `${PORTS}        - name: sidecar\n          image: envoy\n          ports:\n            - containerPort: ${port}${protocol ? `\n              protocol: ${protocol}` : ''}\n`;
    const dup = codes(deployment('web', sidecar('8080')), 'duplicateContainerPort');
    assert.deepEqual(dup.map(lineOf), [22]);
    assert.equal(dup[0].severity, 2);
    assert.match(String(dup[0].message), /^containerPort 8080\/TCP is declared twice in this pod\./);
    assert.equal(dup[0].relatedInformation?.[0].location.range.start.line, 15);
    assert.deepEqual(codes(deployment('web', sidecar('8080', 'UDP')), 'duplicateContainerPort'), []);
    assert.deepEqual(codes(deployment('web', sidecar('8081')), 'duplicateContainerPort'), []);
    const init = `\n      initContainers:\n        - name: migrate\n          image: example/migrate\n          ports:\n            - containerPort: 8080`;
    assert.deepEqual(codes(deployment('web', PORTS, init), 'duplicateContainerPort'), []);
    assert.deepEqual(codes(`${deployment('web', PORTS)}---\n${deployment('api', PORTS)}`, 'duplicateContainerPort'), []);
  });

  it('nodePortRange: a warning outside 30000-32767; the range ends, 0 and templates stay silent', () => {
    const node = (n: string) => svc('web', `    - port: 80\n      targetPort: http\n      nodePort: ${n}\n`);
    assert.deepEqual(codes(node('8080'), 'nodePortRange').map(lineOf), [11]);
    assert.match(String(codes(node('32768'), 'nodePortRange')[0].message), /^nodePort 32768 is outside the default range 30000-32767\./);
    for (const ok of ['30000', '32767', '0', '"{{ .Values.nodePort }}"']) assert.deepEqual(codes(node(ok), 'nodePortRange'), [], ok);
    // A compose file or a Helm values file with a nodePort key is no Service.
    assert.deepEqual(codes('service:\n  type: NodePort\n  nodePort: 8080\n', 'nodePortRange', 'file:///k/values.yaml'), []);
  });
});

describe('Kubernetes checks across files', () => {
  it('unmatchedTargetPort: a named targetPort is checked even when the container port number is templated', () => {
    const dep = deployment('web', `          ports:\n            - name: http\n              containerPort: {{ .Values.port }}\n`);
    assert.equal(unmatchedTargetPort(files({ 'svc.yaml': svc('web', '    - port: 80\n      targetPort: http\n'), 'dep.yaml': dep })).size, 0);
    const found = [...unmatchedTargetPort(files({ 'svc.yaml': svc('web', '    - port: 80\n      targetPort: htp\n'), 'dep.yaml': dep })).values()].flat();
    assert.equal(found.length, 1);
    // A templated port name in the pods: nothing can be said about names.
    const helm = deployment('web', `          ports:\n            - name: {{ .Values.portName }}\n              containerPort: 8080\n`);
    assert.equal(unmatchedTargetPort(files({ 'svc.yaml': svc('web', '    - port: 80\n      targetPort: htp\n'), 'dep.yaml': helm })).size, 0);
  });

  it('ingressBackendPort: a port name or number its Service does not expose; unknown Services and templates stay silent', () => {
    const service = svc('web', '    - name: web-public-http\n      port: 80\n      targetPort: http\n');
    const check = (port: string, name = 'web') => [...ingressBackendPort(files({ 'svc.yaml': service, 'ing.yaml': ingress(name, port) })).values()].flat();
    assert.deepEqual(check('name: web-public-http'), []);
    assert.deepEqual(check('number: 80'), []);
    const [byName] = check('name: http');
    assert.match(byName.message, /^Service "web" has no port named "http"\.\n/);
    const [byNumber] = check('number: 8080');
    assert.match(byNumber.message, /^Service "web" does not expose port 8080\.\n/);
    assert.equal(byNumber.port, 8080);
    assert.deepEqual(check('number: 8080', 'elsewhere'), [], 'a Service outside the workspace');
    assert.deepEqual(check('name: "{{ .Values.portName }}"'), []);
  });
});

describe('Kubernetes named ports', () => {
  const dep = deployment('web', `${PORTS}          readinessProbe:\n            httpGet:\n              port: http\n`);
  const service = svc('web', '    - name: web-public-http\n      port: 80\n      targetPort: http\n');
  const other = deployment('api', PORTS);
  const otherSvc = svc('api', '    - port: 80\n      targetPort: http\n');
  const ws = files({ 'dep.yaml': dep, 'svc.yaml': service, 'api.yaml': other, 'api-svc.yaml': otherSvc, 'ing.yaml': ingress('web', 'name: web-public-http') });
  const places = (uri: string, text: string, needle: string, n = 0) => {
    const named = namedPortAt(ws, `file:///repo/${uri}`, at(text, needle, n));
    assert.ok(named, `a named port at ${needle}`);
    return named;
  };
  const lines = (ls: { uri: string; range: { start: { line: number } } }[]) => ls.map((l) => `${l.uri.slice(13)}:${l.range.start.line + 1}`).sort();

  it('targetPort: http resolves to the container port named http of the selected pods only', () => {
    const n = places('svc.yaml', service, 'http', 1);
    assert.equal(n.kind, 'container');
    assert.deepEqual(n.declarations.map((d) => [d.location.uri.slice(13), d.location.range.start.line + 1]), [['dep.yaml', 15]]);
    assert.match(n.declarations[0].detail, /containerPort 8080\/TCP of container "web" in Deployment "web"/);
    assert.deepEqual(lines(allPlaces(n)), ['dep.yaml:15', 'dep.yaml:21', 'svc.yaml:11']);
  });

  it('the declaration, a probe and a targetPort share one set of places; the same name in another app is another port', () => {
    assert.deepEqual(lines(allPlaces(places('dep.yaml', dep, 'http'))), ['dep.yaml:15', 'dep.yaml:21', 'svc.yaml:11']);
    assert.deepEqual(lines(allPlaces(places('dep.yaml', dep, 'http', 2))), ['dep.yaml:15', 'dep.yaml:21', 'svc.yaml:11']);
    assert.deepEqual(lines(allPlaces(places('api.yaml', other, 'http'))), ['api-svc.yaml:10', 'api.yaml:15']);
    assert.deepEqual(lines(allPlaces(places('dep.yaml', dep, 'http'), false)), ['dep.yaml:21', 'svc.yaml:11']);
  });

  it('an Ingress port.name resolves to the Service port of that name', () => {
    const text = ingress('web', 'name: web-public-http');
    const n = places('ing.yaml', text, 'web-public-http');
    assert.equal(n.kind, 'service');
    assert.deepEqual(lines(n.declarations.map((d) => d.location)), ['svc.yaml:9']);
    assert.match(n.declarations[0].detail, /port 80\/TCP -> targetPort http of Service "web"/);
    assert.deepEqual(lines(allPlaces(places('svc.yaml', service, 'web-public-http'))), ['ing.yaml:15', 'svc.yaml:9']);
  });

  it('numbers, templates and other YAML are no named ports', () => {
    const numeric = svc('web', '    - port: 80\n      targetPort: 8080\n');
    assert.equal(namedPortAt(files({ 'svc.yaml': numeric }), 'file:///repo/svc.yaml', at(numeric, '8080')), undefined);
    const compose = 'services:\n  web:\n    ports:\n      - name: http\n        target: 80\n';
    assert.equal(namedPortAt(files({ 'compose.yaml': compose }), 'file:///repo/compose.yaml', at(compose, 'http')), undefined);
  });
});
