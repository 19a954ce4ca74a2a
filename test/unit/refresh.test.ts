import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkUrl, download, removeRegistryFile, storedRegistryFile, updateRegistry, type UpdateOptions } from '../../client/src/registry';
import { decodeRegistry } from '../../server/src/service/registry/codec';
import { hoverText, LspClient } from '../helpers/lspClient';

// "Update Registry from IANA" against a loopback HTTP server serving fixtures, and the server switching
// registries without a restart. Needs `npm run build` (the server half runs dist/server.js).

const FIXTURES = path.resolve(__dirname, '../fixtures/iana');
const MINI = fs.readFileSync(path.join(FIXTURES, 'mini.xml'));
const COMPOSE_URI = 'file:///work/refresh/docker-compose.yml';
const COMPOSE = 'services:\n  web:\n    ports:\n      - "8080:80"\n';

/** Serves the fixtures, plus a download cut off halfway, a redirect and an error status. */
function startServer(): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    const name = req.url ?? '/';
    if (name === '/cut.xml') {
      // Promises the whole file, sends half of it, then drops the connection.
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(MINI.length) });
      res.write(MINI.subarray(0, MINI.length >> 1), () => res.socket?.destroy());
      return;
    }
    if (name === '/trickle.xml') {
      // One byte every 50 ms: never silent long enough for the idle timeout, so only the deadline ends it.
      res.writeHead(200, { 'content-type': 'application/xml' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 50);
      return;
    }
    if (name === '/moved') {
      res.writeHead(302, { location: '/mini.xml' });
      res.end();
      return;
    }
    const file = path.join(FIXTURES, path.basename(name));
    if (!/^\/[\w.-]+\.xml$/.test(name) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(body.length) });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('registry refresh', function () {
  let server: http.Server;
  let base: string;
  let storage: string;
  let client: LspClient | undefined;
  // The server that converts, validates and stores downloads, as the extension's own does.
  let importer: LspClient;
  const options = (): UpdateOptions => ({ storageDir: storage, allowLoopbackHttp: true, minRecords: 1, client: { sendRequest: (m: string, p?: unknown) => importer.request(m, p ?? null) } });
  /** Runs an update; throws with the user's message when it did not store a registry. */
  const updateRegistryFile = async (url: string, opts: UpdateOptions) => {
    const outcome = await updateRegistry(url, opts);
    if (!outcome.ok) throw new Error(outcome.message);
    const info = await importer.request('ianaPorts/registryInfo', null);
    return { file: path.join(storage, 'registry.json'), release: info.release as string, records: info.records as number };
  };

  before(async () => {
    ({ server, base } = await startServer());
    importer = new LspClient();
    await importer.initialize();
  });
  after(async () => {
    await importer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (storage = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-storage-'))));
  afterEach(async () => {
    await client?.close();
    client = undefined;
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('downloads, converts, validates and stores the registry atomically', async () => {
    const r = await updateRegistryFile(`${base}/mini.xml`, options());
    assert.equal(r.release, '2025-06-30');
    assert.equal(r.records, 14);
    assert.equal(storedRegistryFile(storage), r.file);
    const data = decodeRegistry(fs.readFileSync(r.file, 'utf8'));
    assert.equal(data.release, '2025-06-30');
    assert.ok(data.records.some((x) => x.name === 'tarantool' && x.portLo === 3301));
    assert.match(data.generatedBy, /Update Registry from IANA/);
    // No temporary file is left beside it.
    assert.deepEqual(fs.readdirSync(storage), ['registry.json']);
  });

  it('follows a redirect', async () => {
    const r = await updateRegistryFile(`${base}/moved`, options());
    assert.equal(r.release, '2025-06-30');
  });

  it('refuses a truncated download, a cut connection and malformed XML, and keeps the stored registry', async () => {
    const good = await updateRegistryFile(`${base}/mini.xml`, options());
    const before = fs.readFileSync(good.file, 'utf8');
    await assert.rejects(updateRegistryFile(`${base}/truncated.xml`, options()), /not a usable IANA registry: IANA XML is malformed or truncated/);
    await assert.rejects(updateRegistryFile(`${base}/cut.xml`, options()), /truncated: .*\d+ of \d+ bytes/);
    await assert.rejects(updateRegistryFile(`${base}/malformed.xml`, options()), /malformed or truncated \(line 7/);
    await assert.rejects(updateRegistryFile(`${base}/missing.xml`, options()), /answered HTTP 404/);
    assert.equal(fs.readFileSync(good.file, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(storage), ['registry.json']);
  });

  it('refuses a registry far smaller than IANA\'s unless told otherwise (a well-formed but partial file)', async () => {
    await assert.rejects(updateRegistryFile(`${base}/mini.xml`, { ...options(), minRecords: undefined }), /only 14 records, expected at least 10000/);
    assert.equal(storedRegistryFile(storage), undefined);
  });

  it('fetches https only; plain http only on loopback with the test hook', async () => {
    assert.throws(() => checkUrl('http://www.iana.org/x.xml', true), /only https:\/\/ URLs/);
    assert.throws(() => checkUrl(`${base}/mini.xml`, false), /only https:\/\/ URLs/);
    assert.throws(() => checkUrl('file:///etc/passwd', true), /only https:\/\/ URLs/);
    assert.throws(() => checkUrl('not a url'), /is not a URL/);
    assert.equal(checkUrl('https://www.iana.org/assignments/x.xml').hostname, 'www.iana.org');
    await assert.rejects(download(`${base}/mini.xml`), /only https:\/\//);
    await assert.rejects(download(`${base}/mini.xml`, { allowLoopbackHttp: true, maxBytes: 1000 }), /more than the 1000-byte limit/);
    await assert.rejects(download(`${base}/trickle.xml`, { allowLoopbackHttp: true, deadlineMs: 300 }), /did not finish downloading within 0.3 s/);
  });

  it('the server starts with the stored registry and says which release is in use', async () => {
    const r = await updateRegistryFile(`${base}/mini.xml`, options());
    client = new LspClient({ initializationOptions: { registryFile: r.file } });
    await client.initialize();
    const info = await client.request('ianaPorts/registryInfo', null);
    assert.equal(info.release, '2025-06-30');
    assert.equal(info.path, r.file);
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const h = await client.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: { line: 3, character: 14 } });
    assert.match(hoverText(h), /IANA registry as of 2025-06-30 · /);
  });

  it('switches registries without a restart, refuses a bad file keeping the current one, and reverts', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const hover = async () => hoverText(await client!.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: { line: 3, character: 14 } }));
    const bundled = await client.request('ianaPorts/registryInfo', null);
    assert.notEqual(bundled.release, '2025-06-30');
    assert.doesNotMatch(await hover(), /2025-06-30/);

    const r = await updateRegistryFile(`${base}/mini.xml`, options());
    const used = await client.request('ianaPorts/useRegistry', { path: r.file });
    assert.deepEqual({ ok: used.ok, release: used.release, records: used.records }, { ok: true, release: '2025-06-30', records: 14 });
    assert.match(await hover(), /IANA registry as of 2025-06-30 · /);
    assert.equal((await client.request('ianaPorts/registryInfo', null)).release, '2025-06-30');

    // A damaged file (here: cut in half) is refused with a reason; the registry in use stays.
    const bad = path.join(storage, 'damaged.json');
    const text = fs.readFileSync(r.file, 'utf8');
    fs.writeFileSync(bad, text.slice(0, text.length >> 1));
    const refused = await client.request('ianaPorts/useRegistry', { path: bad });
    assert.equal(refused.ok, false);
    assert.match(refused.message, /cannot be used, so registry 2025-06-30 stays in use: registry file is not valid JSON/);
    const missing = await client.request('ianaPorts/useRegistry', { path: path.join(storage, 'nope.json') });
    assert.match(missing.message, /cannot read registry file/);
    assert.match(await hover(), /2025-06-30/);

    // Revert: the stored file goes, the bundled registry comes back.
    assert.equal(removeRegistryFile(storage), true);
    const back = await client.request('ianaPorts/useRegistry', { path: null });
    assert.equal(back.ok, true);
    assert.equal(back.release, bundled.release);
    assert.equal((await client.request('ianaPorts/registryInfo', null)).path, bundled.path);
    assert.doesNotMatch(await hover(), /2025-06-30/);
  });

  it('falls back to the bundled registry when the stored file is damaged at start-up', async () => {
    const bad = path.join(storage, 'registry.json');
    fs.writeFileSync(bad, '{"format": 99}');
    client = new LspClient({ initializationOptions: { registryFile: bad } });
    await client.initialize();
    const info = await client.request('ianaPorts/registryInfo', null);
    assert.notEqual(info.path, bad);
    assert.ok(client.logs.some((l) => /cannot use the downloaded registry, using the bundled one: .*format 99/.test(l)), client.logs.join('\n'));
  });
});
