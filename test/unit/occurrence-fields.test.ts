import assert from 'node:assert/strict';
import { finderFor, type FormatId, type PortOccurrence } from '../../server/src/service/scan';
import { isRangeBound } from '../../server/src/service/rules/rangeBound';
import { isDevServerCommand } from '../../server/src/service/scan/vocabulary/commands';
import { doc, settings, testService } from '../helpers/service';

// An occurrence says where it came from (its key, command, flag and software), so that rules and
// hovers read these fields and never the document's text again.

function fields(format: FormatId, text: string): string[] {
  return finderFor(format)(text).map((o) => [o.port, o.key ?? '-', o.command ?? '-', o.flag ?? '-', o.software ?? '-'].join(' '));
}

describe('occurrence fields', () => {
  it('a command line gives its ports the command, subcommand, flag and program, in every format that holds one', () => {
    const line = 'docker run -p 8080:80 --publish=9000:9000 nginx';
    const expected = ['8080 - docker run -p docker', '80 - docker run -p docker', '9000 - docker run --publish docker', '9000 - docker run --publish docker'];
    assert.deepEqual(fields('shell', line + '\n'), expected);
    assert.deepEqual(fields('dockerfile', `FROM alpine\nRUN ${line}\n`), expected);
    assert.deepEqual(fields('compose', `services:\n  a:\n    image: docker\n    command: ${line}\n`), expected);
  });

  it('an assignment gives its name as the key; a glued flag is the flag alone; a nested script keeps its own command', () => {
    assert.deepEqual(fields('shell', 'PGPORT=5433 psql -h db -p5432\n'), ['5433 PGPORT psql - psql', '5432 - psql -p psql']);
    assert.deepEqual(fields('shell', "sh -c 'redis-server --port 6380'\n"), ['6380 - redis-server --port redis-server']);
  });

  it('a key=value setting gives its key to the port, the way the range rules read it', () => {
    assert.deepEqual(fields('keyvalue', 'pasv_min_port=50000\npasv_max_port=50100\n').map((f) => f.split(' ')[1]), ['pasv_min_port', 'pasv_max_port']);
    // The second number of a setting has the setting as its key.
    assert.deepEqual(finderFor('keyvalue')('net.ipv4.ip_local_port_range = 49152 65535\n').map((o) => o.key), ['net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_port_range']);
    assert.deepEqual(finderFor('yaml')('spec:\n  nodePort: 30080\n').map((o) => o.key), ['nodePort']);
  });

  it('the key readers of each format give a port its key where they read the key, and a flag element its flag', () => {
    const keys = (format: FormatId, text: string) => finderFor(format)(text).map((o) => `${o.port} ${o.key ?? '-'} ${o.flag ?? '-'}`);
    assert.deepEqual(keys('json', '{ "spec": { "nodePort": 0, "ports": [50000, 50001] }, "args": ["--min-port", 49160] }\n'), ['0 nodePort -', '50000 - -', '50001 - -', '49160 - --min-port']);
    assert.deepEqual(keys('compose', 'services:\n  turn:\n    image: coturn\n    command: ["-n", "--min-port=49160", "--max-port", "49200"]\n    environment:\n      - MIN_PORT=21000\n      PASV_MAX_PORT: 21010\n'),
      ['49160 --min-port -', '49200 - --max-port', '21000 MIN_PORT -', '21010 PASV_MAX_PORT -']);
    assert.deepEqual(keys('yaml', 'spec:\n  hostPort: 0\n  prometheus.io/port: "9100"\n'), ['0 hostPort -', '9100 prometheus.io/port -']);
    assert.deepEqual(keys('terraform', 'resource "x" "y" {\n  from_port = 0\n  to_port   = 65535\n  ports     = [80, 443]\n}\n'), ['65535 to_port -', '80 - -', '443 - -']);
    assert.deepEqual(keys('systemd', '[Container]\nPublishPort=8443:443/tcp\nEnvironment=PORT=8080 rtpPortMax=50100\n'), ['8443 PublishPort -', '443 PublishPort -', '8080 PORT -', '50100 rtpPortMax -']);
    assert.deepEqual(keys('dockerfile', 'FROM x\nENV HTTP_PORT=8080 WORKERS=4\nEXPOSE 8080\n'), ['8080 HTTP_PORT -', '8080 - -']);
    assert.deepEqual(keys('haproxy', 'frontend f\n  acl high dst_port 1024:65535\n  server a 10.0.0.1:80 check port 8081\n'), ['1024 dst_port -', '65535 dst_port -', '80 - -', '8081 port -']);
    assert.deepEqual(keys('caddy', '{\n  http_port 8080\n}\n:{$APP_PORT:3000} {\n}\n'), ['8080 http_port -', '3000 APP_PORT -']);
  });

  it('isRangeBound reads the key of the occurrence, not the text', () => {
    const o: PortOccurrence = { start: 0, end: 5, kind: 'port', port: 50000, role: 'listen' };
    assert.equal(isRangeBound(o), false);
    assert.equal(isRangeBound({ ...o, key: 'rtpPortMax' }), true);
    assert.equal(isRangeBound({ ...o, key: 'min-port' }), true);
    assert.equal(isRangeBound({ ...o, key: 'server.port' }), false);
    assert.equal(isRangeBound({ ...o, key: 'max_connections' }), false);
    assert.equal(isRangeBound({ ...o, flag: '--min-port' }), true);
  });

  it('the command table knows dev servers by program and subcommand', () => {
    for (const c of ['vite', 'next dev', 'next start', 'ng serve', 'hugo server', 'webpack serve', 'webpack-dev-server']) assert.ok(isDevServerCommand(c), c);
    for (const c of ['next build', 'ng', 'node', 'psql', 'webpack', 'hugo']) assert.ok(!isDevServerCommand(c), c);
  });

  it('browserUnsafe and the hover judge a dev server by the command the port was given to', () => {
    const service = testService();
    const pkg = '{\n  "scripts": {\n    "dev": "next dev -p 6000",\n    "serve": "node server.js --port 6000",\n    "db": "psql -p 6000"\n  }\n}\n';
    const ds = service.doValidation(doc(pkg, 'file:///p/package.json', 'json'), settings()).filter((d) => d.code === 'browserUnsafe');
    // The script named "serve" runs node, no dev server: before the command was read, the word on its line drew a warning.
    assert.deepEqual(ds.map((d) => d.range.start.line + 1), [3]);
    const hover = (line: number, character: number) => JSON.stringify(service.doHover(doc(pkg, 'file:///p/package.json', 'json'), { line, character }, settings()));
    assert.match(hover(2, 25), /Browsers refuse this port/);
    assert.doesNotMatch(hover(3, 36), /Browsers refuse this port/);
  });
});

describe('one reader of placeholder defaults', () => {
  it('reads ${NAME:-N}, ${NAME-N}, ${NAME:=N} and ${NAME=N} alike in Compose, YAML, shell and .env', () => {
    for (const op of [':-', '-', ':=', '=']) {
      const v = `\${APP_PORT${op}3000}`;
      assert.deepEqual(finderFor('compose')(`services:\n  a:\n    image: a\n    ports:\n      - "${v}:3000"\n`).map((o) => o.port), [3000, 3000], op);
      assert.deepEqual(finderFor('yaml')(`server:\n  port: ${v}\n`).map((o) => o.port), [3000], op);
      assert.deepEqual(finderFor('shell')(`PORT=${v} node app.js\n`).map((o) => o.port), [3000], op);
    }
  });

  it('reads no default after another operator: ${PORT:?set-3000} is an error message', () => {
    assert.deepEqual(finderFor('yaml')('server:\n  port: ${PORT:?set-3000}\n').map((o) => o.port), []);
  });
});
