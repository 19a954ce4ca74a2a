import assert from 'node:assert/strict';
import { findComposePorts } from '../../server/src/service/scan';
import { looksLikeCompose } from '../../server/src/service/scan/formats/yaml/compose';
import { findYamlPorts } from '../../server/src/service/scan';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';
import { withCursor } from '../helpers/cursor';

// The Compose finder: each test writes a compose fragment with a `|` cursor before a number and
// checks the occurrence a hover there would use, or that nothing is found there.

/** The port occurrence starting at the cursor, or undefined. */
function at(src: string, find = findComposePorts): PortOccurrence | undefined {
  const { doc, offset } = withCursor(src);
  return find(doc.getText()).find((o) => o.start === offset);
}

function portAt(src: string, find = findComposePorts): PortOccurrence {
  const o = at(src, find);
  assert.ok(o, `no port at the cursor in:\n${src}`);
  return o;
}

function noPortAt(src: string): void {
  const { doc, offset } = withCursor(src);
  const o = findComposePorts(doc.getText()).find((x) => x.start <= offset && offset < x.end);
  assert.equal(o, undefined, `unexpected port ${o?.port} at the cursor in:\n${src}`);
}

const svc = (body: string) => `services:\n  web:\n    image: nginx:1.27\n${body}`;

describe('compose finder: ports short syntax', () => {
  it('reads HOST:CONTAINER with roles, protocol tcp and a quoted mapping', () => {
    const src = svc('    ports:\n      - "|8080:80"\n');
    const host = portAt(src);
    assert.equal(host.port, 8080);
    assert.equal(host.role, 'host');
    assert.equal(host.protocol, 'tcp');
    const m = host.mapping!;
    assert.deepEqual(
      { hostIp: m.hostIp, hostLo: m.hostLo, hostHi: m.hostHi, containerLo: m.containerLo, containerHi: m.containerHi, protocol: m.protocol, quoted: m.quoted, service: m.service },
      { hostIp: '', hostLo: 8080, hostHi: 8080, containerLo: 80, containerHi: 80, protocol: 'tcp', quoted: true, service: 'web' },
    );
    const text = withCursor(src).doc.getText();
    assert.equal(text.slice(m.start, m.end), '8080:80', 'the mapping spans the entry without its quotes');
    const container = portAt(svc('    ports:\n      - "8080:|80"\n'));
    assert.equal(container.port, 80);
    assert.equal(container.role, 'container');
    assert.equal(container.mapping!.hostLo, 8080);
  });

  it('reads a host address, IPv6 in brackets, 0.0.0.0 as all addresses and a protocol suffix', () => {
    const v4 = portAt(svc('    ports:\n      - "127.0.0.1:|3000:3000"\n'));
    assert.equal(v4.port, 3000);
    assert.equal(v4.mapping!.hostIp, '127.0.0.1');
    const v6 = portAt(svc('    ports:\n      - "[::1]:4001:|4001"\n'));
    assert.equal(v6.role, 'container');
    assert.equal(v6.mapping!.hostIp, '::1');
    const all = portAt(svc('    ports:\n      - "0.0.0.0:|4000:4000/tcp"\n'));
    assert.equal(all.mapping!.hostIp, '');
    assert.equal(all.protocol, 'tcp');
    const udp = portAt(svc('    ports:\n      - "53:|53/udp"\n'));
    assert.equal(udp.protocol, 'udp');
    assert.equal(udp.mapping!.protocol, 'udp');
    assert.equal(portAt(svc('    ports:\n      - "|6379:6379/tcp"\n')).mapping!.protocol, 'tcp');
  });

  it('reads ranges on both sides, each end with the whole range', () => {
    const src = (c: string) => svc(`    ports:\n      - "${c}"\n`);
    const lo = portAt(src('|3000-3005:3000-3005'));
    assert.deepEqual([lo.port, lo.rangeLo, lo.rangeHi, lo.role], [3000, 3000, 3005, 'host']);
    const hi = portAt(src('3000-3005:3000-|3005'));
    assert.deepEqual([hi.port, hi.rangeLo, hi.rangeHi, hi.role], [3005, 3000, 3005, 'container']);
    assert.deepEqual([hi.mapping!.hostLo, hi.mapping!.hostHi, hi.mapping!.containerLo, hi.mapping!.containerHi], [3000, 3005, 3000, 3005]);
  });

  it('marks a plain unquoted mapping as not quoted, for the base-60 rule', () => {
    const o = portAt(svc('    ports:\n      - |8000:8000\n'));
    assert.equal(o.mapping!.quoted, false);
    const b60 = portAt(svc('    ports:\n      - 21:|21\n'));
    assert.equal(b60.port, 21);
    assert.equal(b60.mapping!.quoted, false);
    assert.equal(portAt(svc("    ports:\n      - '|22:22'\n")).mapping!.quoted, true);
  });

  it('reads a bare container port (an ephemeral host port) and a bare range', () => {
    const o = portAt(svc('    ports:\n      - |80\n'));
    assert.equal(o.role, 'container');
    assert.equal(o.mapping!.hostLo, null);
    assert.equal(o.mapping!.containerLo, 80);
    const r = portAt(svc('    ports:\n      - "3000-|3005"\n'));
    assert.deepEqual([r.port, r.rangeLo, r.rangeHi], [3005, 3000, 3005]);
    const eph = portAt(svc('    ports:\n      - "127.0.0.1::|5432"\n'));
    assert.equal(eph.mapping!.hostLo, null);
    assert.equal(eph.mapping!.hostIp, '127.0.0.1');
  });

  it('reports numbers above 65535 for the outOfRange rule', () => {
    const o = portAt(svc('    ports:\n      - "|99999:80"\n'));
    assert.equal(o.port, 99999);
    assert.equal(o.mapping!.hostLo, 99999);
  });

  it('takes the default of a variable as the port: "${WEB_PORT:-8080}:80"', () => {
    const o = portAt(svc('    ports:\n      - "${WEB_PORT:-|8080}:80"\n'));
    assert.equal(o.port, 8080);
    assert.equal(o.role, 'host');
    assert.equal(o.mapping!.hostLo, 8080);
  });

  it('reads a flow sequence of entries', () => {
    const o = portAt(svc('    ports: ["80:80", "|443:443"]\n'));
    assert.equal(o.port, 443);
    assert.equal(o.mapping!.service, 'web');
  });

  it('names the service of every entry', () => {
    const src = 'services:\n  api:\n    ports:\n      - "8080:80"\n  db:\n    image: postgres:16\n    ports:\n      - "|5432:5432"\n';
    assert.equal(portAt(src).mapping!.service, 'db');
  });
});

describe('compose finder: ports long syntax', () => {
  const long = (cursorOn: string) =>
    svc(
      '    ports:\n' +
        `      - target: ${cursorOn === 'target' ? '|' : ''}80\n` +
        `        published: "${cursorOn === 'published' ? '|' : ''}8080"\n` +
        '        host_ip: 127.0.0.1\n' +
        '        protocol: udp\n' +
        '        mode: host\n',
    );

  it('reads target as the container port and published as the host port, with one shared mapping', () => {
    const t = portAt(long('target'));
    assert.equal(t.port, 80);
    assert.equal(t.role, 'container');
    assert.equal(t.protocol, 'udp');
    const p = portAt(long('published'));
    assert.equal(p.port, 8080);
    assert.equal(p.role, 'host');
    assert.equal(p.protocol, 'udp');
    const m = p.mapping!;
    assert.deepEqual(
      { hostIp: m.hostIp, hostLo: m.hostLo, containerLo: m.containerLo, protocol: m.protocol, quoted: m.quoted, service: m.service },
      { hostIp: '127.0.0.1', hostLo: 8080, containerLo: 80, protocol: 'udp', quoted: true, service: 'web' },
    );
  });

  it('reports the name of a long-syntax entry for the portName rule, and app_protocol as a service name', () => {
    const src = (n: string, a: string) => svc(`    ports:\n      - name: ${n}web-ui\n        target: 80\n        app_protocol: ${a}http\n`);
    const n = at(src('|', ''))!;
    assert.deepEqual([n.kind, n.name], ['name', 'web-ui']);
    const a = at(src('', '|'))!;
    assert.deepEqual([a.kind, a.name], ['service', 'http']);
  });

  it('reads a published range', () => {
    const o = portAt(svc('    ports:\n      - target: 80\n        published: "8080-|8081"\n'));
    assert.deepEqual([o.port, o.rangeLo, o.rangeHi, o.role], [8081, 8080, 8081, 'host']);
    assert.deepEqual([o.mapping!.hostLo, o.mapping!.hostHi], [8080, 8081]);
  });
});

describe('compose finder: expose, environment, labels, commands', () => {
  it('reads expose entries as listening ports, with ranges and protocols', () => {
    const o = portAt(svc('    expose:\n      - "|3000"\n'));
    assert.equal(o.role, 'listen');
    assert.equal(o.mapping, undefined);
    assert.equal(portAt(svc('    expose:\n      - |8000\n')).port, 8000);
    assert.equal(portAt(svc('    expose:\n      - "|53/udp"\n')).protocol, 'udp');
    assert.equal(portAt(svc('    expose:\n      - "5000-|5010"\n')).rangeHi, 5010);
  });

  it('reads environment entries whose key names a port, in list and map form', () => {
    assert.equal(portAt(svc('    environment:\n      - PORT=|3000\n')).port, 3000);
    assert.equal(portAt(svc('    environment:\n      - "API_PORT=|8000"\n')).port, 8000);
    assert.equal(portAt(svc('    environment:\n      API_PORT: "|8000"\n')).port, 8000);
    assert.equal(portAt(svc('    environment:\n      CATALOG_PORT: |4000\n')).port, 4000);
    assert.equal(portAt(svc('    environment:\n      PORT: ${PORT:-|3000}\n')).port, 3000);
    assert.equal(portAt(svc('    environment:\n      PGPORT: |5432\n')).port, 5432);
  });

  it('does not read other environment numbers', () => {
    noPortAt(svc('    environment:\n      WORKERS: "|2"\n'));
    noPortAt(svc('    environment:\n      - PAGE_SIZE=|25\n'));
    noPortAt(svc('    environment:\n      - ES_JAVA_OPTS=-Xms|512m\n'));
    noPortAt(svc('    environment:\n      REPORT_DAYS: |30\n'));
  });

  it('reads URLs and host:port in any string value', () => {
    const db = portAt(svc('    environment:\n      DATABASE_URL: postgres://app:secret@db:|5432/app\n'));
    assert.equal(db.port, 5432);
    assert.equal(db.scheme, 'postgres');
    assert.equal(db.host, 'db');
    assert.equal(db.role, 'connect');
    assert.equal(portAt(svc('    healthcheck:\n      test: curl -f http://localhost:|8080/health\n')).port, 8080);
    assert.equal(portAt(svc('    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:|3000/health"]\n')).port, 3000);
    assert.equal(portAt(svc('    environment:\n      ES_HOSTS: search.internal:|9200\n')).port, 9200);
  });

  it('reads a low port on a bare host only when the host is a service of the file', () => {
    const src = 'services:\n  app:\n    environment:\n      UPSTREAM: "web:|80"\n  web:\n    image: nginx:1.27\n';
    assert.equal(portAt(src).port, 80);
    noPortAt('services:\n  app:\n    environment:\n      BASE: "node:|18"\n');
  });

  it('reads ports in commands: --port N, address=:80, -p N, and a flag whose value is the next entry', () => {
    assert.equal(portAt(svc('    command: uvicorn app:app --host 0.0.0.0 --port |8000\n')).port, 8000);
    assert.equal(portAt(svc('    command:\n      - "--entrypoints.web.address=:|80"\n')).port, 80);
    assert.equal(portAt(svc('    command: redis-server --port |6380 --save 60 1000\n')).port, 6380);
    assert.equal(portAt(svc('    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -h localhost -p |5432"]\n')).port, 5432);
    assert.equal(portAt(svc('    command: ["node", "worker.js", "--metrics-port", "|9464"]\n')).port, 9464);
    noPortAt(svc('    command: redis-server --port 6380 --save |60 1000\n'));
  });

  it('reads traefik labels that name a port', () => {
    assert.equal(portAt(svc('    labels:\n      - "traefik.http.services.web.loadbalancer.server.port=|8080"\n')).port, 8080);
    assert.equal(portAt(svc('    labels:\n      traefik.http.services.web.loadbalancer.server.port: "|8080"\n')).port, 8080);
  });
});

describe('compose finder: images and numbers that are not ports', () => {
  it('reads the registry port of an image, never its tag', () => {
    const o = portAt(svc('    image: registry.local:|5000/team/api:2.3.1\n'));
    assert.equal(o.port, 5000);
    assert.equal(o.host, 'registry.local');
    assert.equal(portAt(svc('    image: localhost:|5000/app\n')).port, 5000);
    noPortAt(svc('    image: registry.local:5000/team/api:|2.3.1\n'));
    noPortAt('services:\n  db:\n    image: postgres:|16\n');
    noPortAt('services:\n  db:\n    image: redis:|7.2-alpine\n');
    noPortAt('services:\n  db:\n    image: myapp:|1234\n');
    noPortAt('services:\n  p:\n    image: traefik:v|3.0\n');
  });

  it('does not read replicas, memory, intervals, cpus, build args, ulimits or versions', () => {
    noPortAt('version: "|3.8"\nservices: {}\n');
    noPortAt(svc('    deploy:\n      replicas: |3\n'));
    noPortAt(svc('    deploy:\n      resources:\n        limits:\n          memory: |512M\n'));
    noPortAt(svc('    mem_limit: |1g\n'));
    noPortAt(svc('    cpus: "|1.5"\n'));
    noPortAt(svc('    healthcheck:\n      interval: |10s\n'));
    noPortAt(svc('    build:\n      args:\n        NODE_VERSION: "|20"\n'));
    noPortAt(svc('    ulimits:\n      nofile:\n        soft: |65536\n'));
    noPortAt(svc('    stop_grace_period: 1m|30s\n'));
    noPortAt(svc('    extra_hosts:\n      - "somehost:|162.242.195.82"\n'));
    noPortAt('networks:\n  default:\n    ipam:\n      config:\n        - subnet: |172.28.0.0/16\n');
  });

  it('reads commented-out configuration and host:port in comments as documentation, never other numbers', () => {
    const commented = portAt(svc('    # ports: "|8080:80"\n'));
    assert.deepEqual([commented.port, commented.inComment], [8080, true]);
    assert.equal(portAt(svc('    # dashboard on http://localhost:|8080/\n')).port, 8080);
    noPortAt(svc('    # keep |3 replicas, 512 MB each\n'));
  });

  it('reads ports inside extension fields and through anchors', () => {
    const src = 'x-env: &env\n  REDIS_URL: redis://cache:|6379/0\nservices:\n  app:\n    environment:\n      <<: *env\n';
    assert.equal(portAt(src).port, 6379);
  });
});

  it('gives every mapping of a service the software its image names, whether the image comes before or after the ports', () => {
    const software = (src: string) => portAt(src).mapping?.software;
    assert.equal(software(svc('    ports:\n      - "|8080:80"\n')), 'nginx');
    assert.equal(software('services:\n  db:\n    ports:\n      - |5432:5432\n    image: postgres:16\n'), 'postgres');
    assert.equal(software('services:\n  db:\n    ports:\n      - target: 5432\n        published: |15432\n    image: docker.io/library/postgres:16\n'), 'postgres');
    // The image given last wins, for the mappings before and after it.
    const twice = 'services:\n  db:\n    image: mysql\n    ports:\n      - "3306:3306"\n    image: mariadb\n    expose:\n      - "3307"\n    ports:\n      - "3308:3308"\n';
    assert.deepEqual(findComposePorts(twice).filter((o) => o.mapping).map((o) => o.mapping?.software), ['mariadb', 'mariadb', 'mariadb', 'mariadb']);
    // A service without an image, or with a variable for one, names no software; another service's image is not its own.
    assert.equal(software('services:\n  app:\n    build: .\n    ports:\n      - "|3000:3000"\n  db:\n    image: postgres\n'), undefined);
    assert.equal(software('services:\n  app:\n    image: ${APP_IMAGE}\n    ports:\n      - "|3000:3000"\n'), undefined);
    // A service named again in a later document is the same service.
    assert.equal(software('services:\n  web:\n    ports:\n      - "|8080:80"\n---\nservices:\n  web:\n    image: caddy:2\n'), 'caddy');
  });

describe('compose detection by content', () => {
  it('knows a compose file by a top-level services: whose entries have image, build or ports', () => {
    assert.equal(looksLikeCompose('services:\n  web:\n    image: nginx\n'), true);
    assert.equal(looksLikeCompose('version: "3"\nservices:\n  web:\n    build: .\n'), true);
    assert.equal(looksLikeCompose('jobs:\n  test:\n    services:\n      postgres:\n        image: postgres:16\n'), false);
    assert.equal(looksLikeCompose('apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n'), false);
  });

  it('applies the compose rules to a compose file opened as plain YAML', () => {
    const o = portAt('services:\n  web:\n    image: nginx\n    ports:\n      - "|8080:80"\n', findYamlPorts);
    assert.equal(o.mapping?.service, 'web');
  });
});
