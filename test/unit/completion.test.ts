import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { withCursor } from '../helpers/cursor';
import { applyEdits, bundledIndex, settings, testService } from '../helpers/service';

const service = testService();

function complete(src: string, languageId: string, uri: string, raw: unknown = {}) {
  const { doc, pos } = withCursor(src, languageId, uri);
  const list = doComplete(service, doc, pos, settings(raw));
  return { doc, items: list?.items ?? [], list };
}

/** The text after accepting an item, as the client does with its textEdit. */
function accept(src: string, languageId: string, uri: string, pick: (i: CompletionItem) => boolean): string {
  const { doc, items } = complete(src, languageId, uri);
  const item = items.find(pick);
  assert.ok(item, `no matching item among ${items.map((i) => i.label).join(', ')}`);
  return applyEdits(doc, [item.textEdit as TextEdit]);
}

const COMPOSE = 'file:///p/docker-compose.yml';

describe('completion', () => {
  it('offers 5432 for "postg" in a compose port, first, and inserts the number', () => {
    const src = 'services:\n  db:\n    ports:\n      - "postg|"\n';
    const { items } = complete(src, 'dockercompose', COMPOSE);
    assert.equal(items[0].label, '5432');
    // Where the number comes from: the software's default, and IANA's name for the port.
    assert.equal(String(items[0].detail), '5432 - PostgreSQL (common practice; IANA: postgresql)');
    assert.equal(accept(src, 'dockercompose', COMPOSE, (i) => i.label === '5432'), 'services:\n  db:\n    ports:\n      - "5432"\n');
  });

  it('offers 6379 for "redis" in a Kubernetes containerPort and in JSON', () => {
    const k8s = 'spec:\n  containers:\n    - name: cache\n      ports:\n        - containerPort: redis|\n';
    assert.equal(complete(k8s, 'yaml', 'file:///p/pod.yaml').items[0].label, '6379');
    assert.equal(accept('{ "port": redis| }', 'json', 'file:///p/c.json', (i) => i.label === '6379'), '{ "port": 6379 }');
  });

  it('ranks exact names and well-known services first', () => {
    const { items } = complete('PORT=http|\n', 'dotenv', 'file:///p/.env');
    assert.equal(items[0].label, '80');
    assert.equal(items[0].labelDetails?.description, 'http');
  });

  it('offers registered ports by digit prefix, with their service names', () => {
    const src = 'DB_PORT=543|\n';
    const { items } = complete(src, 'dotenv', 'file:///p/.env');
    const five = items.find((i) => i.label === '5432');
    assert.ok(five);
    assert.equal(five.labelDetails?.description, 'PostgreSQL');
    assert.match(String(five.detail), /IANA: postgresql/);
    assert.ok(items.filter((i) => i.labelDetails?.description !== 'free port').every((i) => String(i.label).startsWith('543')));
    assert.equal(accept(src, 'dotenv', 'file:///p/.env', (i) => i.label === '5432'), 'DB_PORT=5432\n');
  });

  it('offers Kubernetes-valid IANA service names for a port name', () => {
    const src = 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - name: ht|\n      port: 80\n';
    const { items } = complete(src, 'yaml', 'file:///p/svc.yaml');
    const labels = items.map((i) => String(i.label));
    assert.ok(labels.includes('http') && labels.includes('https'));
    assert.ok(labels.every((l) => l.length <= 15 && /^[a-z0-9-]+$/.test(l)), labels.join(','));
    assert.equal(accept(src, 'yaml', 'file:///p/svc.yaml', (i) => i.label === 'https'), 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - name: https\n      port: 80\n');
  });

  it('offers a free port: unassigned, outside the ephemeral ranges and unused in the document', () => {
    const src = 'services:\n  a:\n    ports:\n      - "7996:80"\n      - "|"\n';
    const { items } = complete(src, 'dockercompose', COMPOSE);
    const free = items.find((i) => i.labelDetails?.description === 'free port');
    assert.ok(free);
    const p = Number(free.label);
    assert.ok(p >= 1024 && p < 32768 && p !== 7996);
    assert.equal(bundledIndex().isAssigned(p), false);
  });

  it('offers nothing where no port goes, and nothing when completion is off', () => {
    assert.equal(complete('services:\n  db:\n    image: postg|\n', 'dockercompose', COMPOSE).list, null);
    assert.equal(complete('const retries = 3|;\n', 'typescript', 'file:///p/a.ts').list, null);
    assert.equal(complete('PORT=postg|\n', 'dotenv', 'file:///p/.env', { completion: { enable: false } }).list, null);
  });

  it('completes ports in code calls and after a host colon', () => {
    assert.ok(complete('app.listen(|)', 'javascript', 'file:///p/a.js').items.length > 0);
    assert.equal(complete('const u = "http://localhost:postg|";', 'javascript', 'file:///p/a.js').items[0].label, '5432');
  });

  it('offers a port after a flag that takes one (the command table\'s and every --name-port), not after a flag that merely ends in "port"', () => {
    const SH = 'file:///p/run.sh';
    const offered = (src: string) => complete(src, 'shellscript', SH).items.some((i) => /^\d+$/.test(String(i.label)));
    for (const src of ['docker run --publish |', 'node --inspect=|', 'node --inspect-brk=|', 'redis-server --port |', 'app --metrics-port=|', 'psql -p |', 'mysql -P |', 'iptables -A INPUT --dport |', 'iptables -m multiport --dports |']) {
      assert.ok(offered(src), `a port is offered: ${src}`);
    }
    for (const src of ['make --report |', 'curl --transport |', 'gpg --export |', 'tar --exclude |']) {
      assert.deepEqual(complete(src, 'shellscript', SH).items.map((i) => i.label), [], `nothing is offered: ${src}`);
    }
  });

  it("offers ports on each format's own port lines (the format table's completion positions), not on its other lines", () => {
    const places: [languageId: string, uri: string, port: string, other: string][] = [
      ['dockerfile', 'file:///p/Dockerfile', 'FROM node:22\nEXPOSE 80 |', 'FROM |'],
      ['nginx', 'file:///p/nginx.conf', 'server {\n    listen |', 'server {\n    server_name |'],
      ['ssh_config', 'file:///p/.ssh/config', 'Host a\n  LocalForward |', 'Host a\n  User |'],
      ['systemd-unit-file', 'file:///p/app.socket', '[Socket]\nListenStream=|', '[Socket]\nAccept=|'],
      ['caddyfile', 'file:///p/Caddyfile', ':|', 'reverse_proxy |'],
      ['ini', 'file:///p/pgbouncer.ini', '[pgbouncer]\nport |', '[pgbouncer]\nauth_type |'],
      ['javascript', 'file:///p/app.js', 'app.listen(|', 'app.use(|'],
      ['plaintext', 'file:///etc/services', 'myapp |', '# my |'],
    ];
    for (const [languageId, uri, port, other] of places) {
      assert.ok(complete(port, languageId, uri).items.some((i) => /^\d+$/.test(String(i.label))), `a port is offered in ${uri}: ${port}`);
      assert.deepEqual(complete(other, languageId, uri).items.map((i) => i.label), [], `nothing is offered in ${uri}: ${other}`);
    }
    // /etc/services lines start with a service name.
    assert.ok(complete('post|', 'plaintext', 'file:///etc/services').items.some((i) => i.label === 'postgresql'));
  });
});
