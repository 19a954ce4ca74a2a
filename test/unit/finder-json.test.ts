import assert from 'node:assert/strict';
import { findJsonPorts } from '../../server/src/service/scan';
import { withCursor } from '../helpers/cursor';

/** The occurrence under the `|` cursor (placed before the port's first digit). */
function at(src: string) {
  const { doc, offset } = withCursor(src, 'jsonc');
  return findJsonPorts(doc.getText()).find((o) => o.start <= offset && offset < o.end);
}

function port(src: string, value: number, role?: string, scheme?: string): void {
  const o = at(src);
  assert.ok(o, `no port found at the cursor in: ${src}`);
  assert.equal(o.port, value, src);
  if (role) assert.equal(o.role, role, `role in: ${src}`);
  if (scheme) assert.equal(o.scheme, scheme, `scheme in: ${src}`);
}

function none(src: string): void {
  assert.deepEqual(findJsonPorts(src).map((o) => src.slice(o.start, o.end)), [], `expected no port in: ${src}`);
}

describe('JSON finder', () => {
  it('reads values of keys that name a port', () => {
    port(`{ "port": |9229 }`, 9229, 'listen');
    port(`{ "PORT": "|3000" }`, 3000);
    port(`{ "debugPort": |2345 }`, 2345);
    port(`{ "appPort": |3000 }`, 3000);
    port(`{ "env": { "PORT": "|4000", "DB_PORT": "5432" } }`, 4000, 'listen');
    port(`{ "env": { "PORT": "4000", "DB_PORT": "|5432" } }`, 5432, 'connect');
    port(`{ "liveServer.settings.port": |5501 }`, 5501);
    port(`{ "connect": { "host": "localhost", "port": |5678 } }`, 5678);
  });
  it('reads port lists and mappings', () => {
    port(`{ "forwardPorts": [|3000, "db:5432"] }`, 3000);
    port(`{ "forwardPorts": [3000, "db:|5432"] }`, 5432, 'connect');
    port(`{ "appPort": [3000, "|8080:80"] }`, 8080, 'host');
    port(`{ "appPort": [3000, "8080:|80"] }`, 80, 'container');
  });
  it('reads the keys of portsAttributes, single ports and ranges', () => {
    port(`{ "portsAttributes": { "|3000": { "label": "App" } } }`, 3000);
    port(`{ "portsAttributes": { "|3000-3005": { "label": "Range" } } }`, 3000);
    port(`{ "portsAttributes": { "3000-|3005": { "label": "Range" } } }`, 3005);
    none(`{ "portsAttributes": { ".+\\\\.js": { "label": "scripts" } }, "otherPortsAttributes": { "onAutoForward": "ignore" } }`);
  });
  it('reads URLs and host:port in any string', () => {
    port(`{ "proxy": "http://localhost:|8080" }`, 8080, 'connect', 'http');
    port(`{ "DATABASE_URL": "postgresql://u:p@db:|5432/app" }`, 5432, 'connect', 'postgresql');
    port(`{ "Redis": "redis:|6379,password=secret" }`, 6379);
    port(`{ "Default": "Host=db;Port=|5432;Database=app" }`, 5432);
  });
  it('reads package.json scripts as shell commands', () => {
    port(`{ "scripts": { "dev": "vite --port |5173" } }`, 5173);
    port(`{ "scripts": { "start": "next dev -p |3001" } }`, 3001);
    port(`{ "scripts": { "serve": "http-server -p |8081 -c-1" } }`, 8081);
    port(`{ "scripts": { "api": "PORT=|4000 node server.js" } }`, 4000);
    port(`{ "scripts": { "debug": "node --inspect=|9230 index.js" } }`, 9230);
    port(`{ "scripts": { "db": "docker run -p |5432:5432 postgres:16" } }`, 5432, 'host');
    port(`{ "scripts": { "dev": "concurrently \\"vite --port |5174\\" \\"tsc -w\\"" } }`, 5174);
    port(`{ "postStartCommand": "npx http-server docs -p |8090 > /tmp/log 2>&1 &" }`, 8090);
    none(`{ "scripts": { "test": "vitest --testTimeout 20000 --retries=2", "build": "tsc -p tsconfig.json", "lint": "eslint . --max-warnings 0" } }`);
  });
  it('reads a port flag and its value as separate array elements', () => {
    port(`{ "args": ["--listen", ":|8080", "--port", "8090"] }`, 8080);
    port(`{ "args": ["--listen", ":8080", "--port", "|8090"] }`, 8090);
    port(`{ "runArgs": ["-p", "127.0.0.1:|5005:5005"] }`, 5005, 'host');
    port(`{ "runtimeArgs": ["--inspect-brk=|9231"] }`, 9231);
    port(`{ "args": ["-N", "-L", "|6543:db.internal:5432", "bastion"] }`, 6543);
  });
  it('finds ports in comments where they read host:port, a URL or a port the sentence names, as documentation', () => {
    port(`// see http://localhost:|3000/docs\n{ }`, 3000);
    const src = `// port 3000 is the default, retry 3 times\n{ "a": 1 }`;
    assert.deepEqual(findJsonPorts(src).map((o) => [src.slice(o.start, o.end), o.inComment]), [['3000', true]]);
  });
  it('leaves versions, timeouts, sizes, colours and status codes alone', () => {
    none(`{
      "version": "1.2.3", "timeout": 3000, "retries": 3, "maxAge": 86400, "editor.tabSize": 2,
      "editor.lineHeight": 22, "color": "#ff8800", "dependencies": { "react": "^18.2.0" },
      "engines": { "node": ">=18.17.0" }, "status": 404, "release": "2024-03-15T10:30:00Z",
      "image": "node:20", "rulers": [80, 120], "http.timeout": 3000
    }`);
  });
  it('reads what it can from broken JSON', () => {
    port(`{ "port": |8080, "b": [1, 2 "url": "http://x:1`, 8080);
    port(`{ "a": , "proxy": "http://localhost:|3000", }`, 3000);
    port(`{ "port": 1 "other": { "port": |4000 `, 4000);
    assert.doesNotThrow(() => findJsonPorts('{"a":'.repeat(100000)));
    assert.doesNotThrow(() => findJsonPorts('['.repeat(100000) + '"--port",'));
  });
});
