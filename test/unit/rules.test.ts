import assert from 'node:assert/strict';
import { doc, settings, testService } from '../helpers/service';

// Each rule, firing and not firing, through real documents as a user writes them.

const service = testService();

function codes(text: string, uri: string, languageId: string, raw: unknown = {}) {
  return service.doValidation(doc(text, uri, languageId), settings(raw));
}

function lineOf(d: { range: { start: { line: number } } }): number {
  return d.range.start.line + 1;
}

describe('rules', () => {
  const compose = (ports: string[]) => `services:\n  web:\n    image: nginx:1.27\n    ports:\n${ports.map((p) => `      - ${p}\n`).join('')}`;
  const C = 'file:///p/docker-compose.yml';

  it('outOfRange: an error on a port above 65535, none on 65535', () => {
    const ds = codes(compose(['"99999:80"', '"65535:80"']), C, 'dockercompose');
    const oor = ds.filter((d) => d.code === 'outOfRange');
    assert.equal(oor.length, 1);
    assert.equal(oor[0].severity, 1);
    assert.equal(lineOf(oor[0]), 5);
    assert.match(String(oor[0].message), /99999.*0 to 65535/s);
  });

  it('dynamicRange: a warning from 49152 on, none at 49151', () => {
    const ds = codes(compose(['"49152:80"', '"49151:80"']), C, 'dockercompose');
    const dyn = ds.filter((d) => d.code === 'dynamicRange');
    assert.deepEqual(dyn.map(lineOf), [5]);
    assert.equal(dyn[0].severity, 2);
  });

  it('ephemeralRange: information inside the Linux range below 49152, following the preset setting', () => {
    const text = compose(['"40000:80"', '"20000:80"']);
    const linux = codes(text, C, 'dockercompose').filter((d) => d.code === 'ephemeralRange');
    assert.deepEqual(linux.map(lineOf), [5]);
    assert.equal(linux[0].severity, 3);
    assert.equal(codes(text, C, 'dockercompose', { ephemeralRange: 'windows' }).filter((d) => d.code === 'ephemeralRange').length, 0);
    const custom = codes(text, C, 'dockercompose', { ephemeralRange: 'custom', customEphemeralRanges: ['15000-25000'] }).filter((d) => d.code === 'ephemeralRange');
    assert.deepEqual(custom.map(lineOf), [6]);
  });

  it('browserUnsafe: a warning on an http URL on a bad port, none on a database URL or a good port', () => {
    const env = 'SITE_URL=http://localhost:6667/docs\nOK_URL=http://localhost:8080/\nDB_URL=postgres://u:p@db:6000/x\n';
    const ds = codes(env, 'file:///p/.env', 'dotenv').filter((d) => d.code === 'browserUnsafe');
    assert.deepEqual(ds.map(lineOf), [1]);
    assert.equal(ds[0].severity, 2);
  });

  it('unauthorizedUse on a range: only the ports its report names (6003 of x11, 4490 and 4491 of 4489-4499)', () => {
    const ports = ['"6003:6003"', '"6000:6000"', '"4490:4490"', '"4491:4491"', '"4495:4495"', '"27012:27012"'];
    const ds = codes(compose(ports), C, 'dockercompose').filter((d) => d.code === 'unauthorizedUse');
    // Lines 5-10 hold the entries in order: 6003, 6000, 4490, 4491, 4495 (look-alike in the same range), 27012
    // (in 27011-27015, whose report names 27017-27019 only).
    assert.deepEqual([...new Set(ds.map(lineOf))], [5, 7, 8]);
  });

  it('unauthorizedUse: information on tarantool 3301, none on 3302', () => {
    const ds = codes(compose(['"3301:3301"', '"3302:3302"']), C, 'dockercompose').filter((d) => d.code === 'unauthorizedUse');
    assert.ok(ds.length >= 1);
    assert.ok(ds.every((d) => lineOf(d) === 5));
    assert.equal(ds[0].severity, 3);
    assert.match(String(ds[0].message), /Known Unauthorized Use on port 3301/);
  });

  it('duplicateHostPort: every clash flagged with related information, aware of IPs, protocols and ranges', () => {
    const text = compose(['"443:443"', '"0.0.0.0:443:8443"', '"127.0.0.1:8080:80"', '"127.0.0.2:8080:80"', '"53:53/udp"', '"53:53/tcp"', '"3000-3005:3000-3005"', '"3004:4000"', '"[::1]:9000:9000"', '"127.0.0.1:9000:9000"']);
    const ds = codes(text, C, 'dockercompose').filter((d) => d.code === 'duplicateHostPort');
    assert.deepEqual(ds.map(lineOf), [5, 6, 11, 12]);
    assert.ok(ds.every((d) => d.severity === 1 && d.relatedInformation && d.relatedInformation.length === 1));
    assert.equal(ds[0].relatedInformation![0].location.range.start.line, 5);
    // A bare host port clashes with a specific address.
    const ds2 = codes(compose(['"127.0.0.1:80:80"', '"80:8080"']), C, 'dockercompose').filter((d) => d.code === 'duplicateHostPort');
    assert.equal(ds2.length, 2);
  });

  it('yamlBase60: a warning on unquoted 22:22, none on quoted or non-sexagesimal mappings', () => {
    const ds = codes(compose(['22:22', '"21:21"', '8080:80', '3000:30']), C, 'dockercompose').filter((d) => d.code === 'yamlBase60');
    assert.deepEqual(ds.map(lineOf), [5, 8]);
    assert.match(String(ds[0].message), /1342/);
  });

  it('portName: an error on a Kubernetes port name that breaks IANA_SVC_NAME', () => {
    const k8s = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      ports:\n        - name: Http-Web\n          containerPort: 8080\n        - name: metrics\n          containerPort: 9090\n        - name: a-very-long-port-name\n          containerPort: 9091\n';
    const ds = codes(k8s, 'file:///p/pod.yaml', 'yaml').filter((d) => d.code === 'portName');
    assert.deepEqual(ds.map(lineOf), [7, 11]);
    assert.equal(ds[0].severity, 1);
  });

  it('portName: a Service port name is a DNS label (up to 63), a templated or compose name is not judged', () => {
    const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: tempo\nspec:\n  ports:\n    - name: ${name}\n      port: 3100\n`;
    const on = (text: string) => codes(text, 'file:///p/svc.yaml', 'yaml').filter((d) => d.code === 'portName');
    assert.equal(on(svc('distributor-prom-metrics')).length, 0);
    assert.equal(on(svc('grpc-distributor-and-ingester-and-querier-for-the-whole-cluster-x')).length, 1);
    const bad = on(svc('Http_Metrics'));
    assert.equal(bad.length, 1);
    assert.match(String(bad[0].message), /^Service port name "Http_Metrics" has upper-case letters/);
    const helm = 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          ports:\n            - name: {{ .Values.containerPortName }}\n              containerPort: 9093\n';
    assert.equal(codes(helm, 'file:///p/templates/deploy.yaml', 'yaml').filter((d) => d.code === 'portName').length, 0);
    const compose = 'services:\n  web:\n    image: nginx\n    ports:\n      - name: Web_Public_Interface_Port\n        target: 80\n        published: "8080"\n';
    assert.equal(codes(compose, C, 'dockercompose').filter((d) => d.code === 'portName').length, 0);
  });

  it('roles decide: a client address and the container side of a published mapping draw no range warning', () => {
    const one = codes(compose(['"61000:61000"']), C, 'dockercompose').filter((d) => d.code === 'dynamicRange');
    assert.equal(one.length, 1, 'one warning per mapping');
    assert.equal(one[0].range.start.character, 9, 'on the host side');
    // A container port published on an ephemeral host port, and a listener, still draw it.
    assert.equal(codes(compose(['"61000"']), C, 'dockercompose').filter((d) => d.code === 'dynamicRange').length, 1);
    const env = 'ORDERS_ADDR=orders.internal:50051\nDB_URL=postgres://db.internal:61000/app\nPORT=50052\n';
    assert.deepEqual(codes(env, 'file:///p/.env', 'dotenv').filter((d) => d.code === 'dynamicRange' || d.code === 'ephemeralRange').map(lineOf), [3]);
    const linux = codes('UPSTREAM=http://api.internal:40000/\nPORT=40001\n', 'file:///p/.env', 'dotenv').filter((d) => d.code === 'ephemeralRange');
    assert.deepEqual(linux.map(lineOf), [2]);
  });

  it('unauthorizedUse: no finding on the registered owner\'s own software, advice only on a port the file binds', () => {
    const tarantool = 'services:\n  tarantool:\n    image: tarantool/tarantool:2.11\n    ports:\n      - "3301:3301"\n';
    assert.equal(codes(tarantool, C, 'dockercompose').filter((d) => d.code === 'unauthorizedUse').length, 0);
    const other = codes(compose(['"3301:8080"']), C, 'dockercompose').filter((d) => d.code === 'unauthorizedUse');
    assert.equal(other.length, 1);
    assert.match(String(other[0].message), /^IANA records unauthorized use of port 3301 \(registered to tarantool\)\.\n/);
    assert.match(String(other[0].message), /consider another/);
    const client = codes('CACHE_ADDR=cache.internal:3301\n', 'file:///p/.env', 'dotenv').filter((d) => d.code === 'unauthorizedUse');
    assert.ok(client.length <= 1);
    for (const d of client) assert.doesNotMatch(String(d.message), /consider another/);
  });

  it('unauthorizedUse: the owner\'s software is read from the occurrence (its service, image, key, command or host), not from the text near it', () => {
    const uu = (text: string, uri: string, lang: string) => codes(text, uri, lang).filter((d) => d.code === 'unauthorizedUse').length;
    // The image names the owner though the service does not.
    assert.equal(uu('services:\n  db:\n    image: tarantool/tarantool:2.11\n    ports:\n      - "3301:3301"\n', C, 'dockercompose'), 0);
    assert.equal(uu('services:\n  db:\n    ports:\n      - "3301:3301"\n    image: docker.io/tarantool/tarantool\n', C, 'dockercompose'), 0);
    assert.equal(uu('TARANTOOL_PORT=3301\n', 'file:///p/.env', 'dotenv'), 0);
    assert.equal(uu('CACHE_ADDR=tarantool:3301\n', 'file:///p/.env', 'dotenv'), 0);
    assert.equal(uu('tarantool --listen 3301\n', 'file:///p/run.sh', 'shellscript'), 0);
    // The name written nearby, in a comment or another service, is not the software of this port.
    assert.equal(uu('services:\n  web:\n    image: nginx\n    # not tarantool\n    ports:\n      - "3301:3301"\n', C, 'dockercompose'), 1);
    assert.equal(uu('FROM tarantool/tarantool\nFROM nginx\nEXPOSE 3301\n', 'file:///p/Dockerfile', 'dockerfile'), 1);
    assert.equal(uu('# tarantool\nAPP_PORT=3301\n', 'file:///p/.env', 'dotenv'), 1);
  });

  it('every rule message leads with what is wrong in under 90 characters', () => {
    const text = compose(['"99999:80"', '"61000:61000"', '"3301:80"', '22:22', '"8080:80"', '"8080:81"']);
    const ds = codes(text, C, 'dockercompose', { ephemeralRange: 'custom', customEphemeralRanges: ['8000-8100'] });
    const k8s = codes('kind: Pod\nspec:\n  containers:\n    - name: web\n      ports:\n        - name: Http_Web\n          containerPort: 8080\n', 'file:///p/pod.yaml', 'yaml');
    const env = codes('SITE=http://localhost:6667/\n', 'file:///p/.env', 'dotenv');
    const js = codes('app.listen(80);\n', 'file:///p/server.js', 'javascript');
    const all = [...ds, ...k8s, ...env, ...js];
    assert.deepEqual([...new Set(all.map((d) => d.code))].sort(), ['browserUnsafe', 'duplicateHostPort', 'dynamicRange', 'ephemeralRange', 'outOfRange', 'portName', 'privileged', 'unauthorizedUse', 'yamlBase60']);
    for (const d of all) assert.ok(String(d.message).split('\n')[0].length < 90, `${d.code}: ${d.message}`);
  });

  it('privileged: a hint on a port below 1024 a program listens on, none inside a container', () => {
    const code = codes('app.listen(80);\napp.listen(8080);\n', 'file:///p/server.js', 'javascript').filter((d) => d.code === 'privileged');
    assert.deepEqual(code.map(lineOf), [1]);
    assert.equal(code[0].severity, 4);
    assert.equal(codes('FROM nginx\nEXPOSE 80\n', 'file:///p/Dockerfile', 'dockerfile').filter((d) => d.code === 'privileged').length, 0);
  });

  it('suppression: an ignore comment silences the next line, for all rules or the ones named', () => {
    const text = `services:\n  web:\n    ports:\n      # iana-ports-ignore-next-line\n      - "61000:61000"\n      # iana-ports-ignore-next-line outOfRange\n      - "61001:80"\n      - "61002:80"\n`;
    const ds = codes(text, C, 'dockercompose').filter((d) => d.severity! <= 2);
    assert.deepEqual(ds.map(lineOf), [7, 8]);
  });

  it('ignorePorts and rule levels: ignored ports and ignored rules report nothing', () => {
    const text = compose(['"61000:61000"', '"99999:80"']);
    assert.equal(codes(text, C, 'dockercompose', { ignorePorts: ['60000-61000'] }).filter((d) => d.code === 'dynamicRange').length, 0);
    assert.equal(codes(text, C, 'dockercompose', { lint: { outOfRange: 'ignore' } }).filter((d) => d.code === 'outOfRange').length, 0);
    const asHint = codes(text, C, 'dockercompose', { lint: { outOfRange: 'hint' } }).filter((d) => d.code === 'outOfRange');
    assert.equal(asHint[0].severity, 4);
  });
});

describe('size limit', () => {
  it('skips a document over ianaPorts.maxFileSize with one information message saying why', () => {
    const text = `PORT=61000\n${'# filler line\n'.repeat(100)}`;
    const ds = service.doValidation(doc(text, 'file:///p/.env', 'dotenv'), settings({ maxFileSize: 200 }));
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 3);
    assert.match(String(ds[0].message), /did not scan.*maxFileSize \(200\)/);
    assert.ok(service.doValidation(doc(text, 'file:///p/.env', 'dotenv'), settings()).some((d) => d.code === 'dynamicRange'));
  });
});

describe('dynamicRange on ranges', () => {
  it('does not flag the upper end of a range that reaches up from below 49152, but flags a fixed range inside it', () => {
    const cfg = 'frontend web\n    bind *:80\n    acl high_ports dst_port 1024:65535\n';
    assert.equal(service.doValidation(doc(cfg, 'file:///p/haproxy.cfg', 'ini'), settings()).filter((d) => d.code === 'dynamicRange').length, 0);
    const compose = 'services:\n  a:\n    ports:\n      - "50000-50002:50000-50002"\n';
    assert.ok(service.doValidation(doc(compose, 'file:///p/compose.yaml', 'dockercompose'), settings()).some((d) => d.code === 'dynamicRange'));
  });

  it('does not flag the ends of a port pool given as settings, but flags a fixed listener beside them', () => {
    const dyn = (text: string, uri: string, lang: string) =>
      service.doValidation(doc(text, uri, lang), settings()).filter((d) => d.code === 'dynamicRange').map(lineOf);
    // vsftpd's passive range and a TURN relay's pool: the software picks a free port inside them.
    assert.deepEqual(dyn('listen_port=21\npasv_min_port=50000\npasv_max_port=50100\n', 'file:///etc/vsftpd.conf', 'plaintext'), []);
    assert.deepEqual(dyn('listening-port=3478\nmin-port=49152\nmax-port=65535\nalt-listening-port=50000\n', 'file:///etc/turnserver.conf', 'plaintext'), [4]);
    assert.deepEqual(dyn('net.ipv4.ip_local_port_range = 49152 65535\n', 'file:///etc/sysctl.d/10-ports.conf', 'plaintext'), []);
    assert.deepEqual(dyn('{ "rtcMinPort": 50000, "rtcMaxPort": 50100, "port": 50200 }\n', 'file:///p/mediasoup.json', 'json'), [1]);
  });
});

describe('browserUnsafe on dev servers', () => {
  it('flags a dev server configured on a bad port, in its config and in package.json scripts, but not other commands', () => {
    const vite = "export default defineConfig({ server: { port: 6000 } });\n";
    assert.ok(service.doValidation(doc(vite, 'file:///p/vite.config.ts', 'typescript'), settings()).some((d) => d.code === 'browserUnsafe'));
    assert.equal(service.doValidation(doc(vite, 'file:///p/other.ts', 'typescript'), settings()).filter((d) => d.code === 'browserUnsafe').length, 0);
    const pkg = '{\n  "scripts": {\n    "dev": "vite --port 6000",\n    "db": "psql -p 6000"\n  }\n}\n';
    const ds = service.doValidation(doc(pkg, 'file:///p/package.json', 'json'), settings()).filter((d) => d.code === 'browserUnsafe');
    assert.deepEqual(ds.map(lineOf), [3]);
  });
});

describe('suppression of cross-file rules', () => {
  it('a comment naming only a cross-file rule does not silence the per-file rules', () => {
    const text = 'services:\n  web:\n    ports:\n      # iana-ports-ignore-next-line duplicateHostPortAcrossFiles\n      - "61000:80"\n';
    assert.ok(service.doValidation(doc(text, 'file:///p/docker-compose.yml', 'dockercompose'), settings()).some((d) => d.code === 'dynamicRange'));
  });
});
