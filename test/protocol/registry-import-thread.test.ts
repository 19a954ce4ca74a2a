import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hoverText, LspClient } from '../helpers/lspClient';

// "Update Registry from IANA" hands the server a downloaded file to convert; converting IANA's 4 MB of
// XML took about 0.5 s on the main thread, during which no request was answered. It is converted in
// the scan thread now, against `node dist/server.js --stdio`: a hover sent in the same write as the
// import request is answered first, and the converted registry is still checked, stored and used.

const FIXTURE = path.resolve(__dirname, '../fixtures/iana/mini.xml');

describe('registry import in the scan thread', function () {
  this.timeout(60000);
  let client: LspClient | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('IANA XML is converted off the main thread (0.5 s for 4 MB when filed): a hover sent with the import is answered first, and the registry is stored and used', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-import-'));
    const target = path.join(dir, 'registry.json');
    client = new LspClient();
    await client.initialize(null);
    const doc = 'file:///import/hover.yaml';
    client.open(doc, 'yaml', 'port: 8080\n');
    assert.match(hoverText(await client.request('textDocument/hover', { textDocument: { uri: doc }, position: { line: 0, character: 7 } })), /8080/);
    const order: string[] = [];
    // Both requests in one write: the server reads them before it handles the first.
    const realSend = client.send.bind(client);
    const chunks: string[] = [];
    client.send = (obj: unknown) => {
      const s = JSON.stringify(obj);
      chunks.push(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
    };
    const imported = client.request('ianaPorts/importRegistry', { source: FIXTURE, target, origin: 'test fixture' }, 30000).then((r) => (order.push('import'), r));
    const hover = client.request('textDocument/hover', { textDocument: { uri: doc }, position: { line: 0, character: 7 } }, 30000).then((h) => (order.push('hover'), h));
    client.send = realSend;
    client.proc.stdin.write(chunks.join(''));
    const [result] = await Promise.all([imported, hover]);
    assert.deepEqual(order, ['hover', 'import']);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.release, '2025-06-30');
    assert.ok(fs.existsSync(target));
    assert.equal((await client.request('ianaPorts/registryInfo', null)).release, '2025-06-30');
  });

  it('a file that is not a registry, converted in the scan thread, is still refused with the reason, and nothing is stored', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-import-'));
    const target = path.join(dir, 'registry.json');
    client = new LspClient();
    await client.initialize(null);
    const result = await client.request('ianaPorts/importRegistry', { source: path.resolve(__dirname, '../fixtures/iana/malformed.xml'), target }, 30000);
    assert.equal(result.ok, false);
    assert.match(result.message, /refused and nothing stored was changed.*not a usable IANA registry/);
    assert.ok(!fs.existsSync(target));
  });
});
