import assert from 'node:assert/strict';
import { once } from 'node:events';
import { LspClient } from '../helpers/lspClient';

// Bounds of the protocol layer over stdio (dist/server.js; build first): absurd frames end the server
// with a message, so the client restarts it, and no request makes an answer of unbounded size.

const URI = 'file:///work/limits/docker-compose.yml';
const COMPOSE = 'services:\n  web:\n    ports:\n      - "99999:80"\n';

/** Waits for the server to exit; a server that stays up fails the test at the mocha timeout. */
async function exitOf(client: LspClient): Promise<number | null> {
  if (client.exited !== undefined) return client.exited;
  const [code] = await once(client.proc, 'exit');
  return code as number | null;
}

describe('protocol limits', function () {
  this.timeout(20_000);
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.close().catch(() => undefined);
    client = undefined;
  });

  it('a declared 2 GB Content-Length ends the server with a message (it stayed up, deaf)', async () => {
    client = new LspClient();
    await client.initialize();
    client.proc.stdin.write('Content-Length: 2147483648\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}');
    assert.equal(await exitOf(client), 1);
    assert.match(client.stderr, /a message of 2147483648 bytes, more than the \d+-byte limit; exiting so that the client restarts the server/);
  });

  it('a header that never ends (100 KB without a blank line) ends the server with a message', async () => {
    client = new LspClient();
    await client.initialize();
    client.proc.stdin.write(`X-Padding: ${'a'.repeat(100_000)}`);
    assert.equal(await exitOf(client), 1);
    assert.match(client.stderr, /a message header longer than \d+ bytes/);
  });

  it('messages split anywhere, header included, still arrive', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(URI, 'dockercompose', COMPOSE);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 4242, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 3, character: 10 } } });
    const frame = Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const answered = new Promise<string>((resolve) => client!.proc.stdout.on('data', (d: Buffer) => d.toString().includes('"id":4242') && resolve(d.toString())));
    for (let i = 0; i < frame.length; i += 7) client.proc.stdin.write(frame.subarray(i, i + 7));
    assert.match(await answered, /Port 99999/);
    assert.equal(client.exited, undefined);
  });

  it('a code-action request carrying 100,000 diagnostics gets a bounded answer (it was 118 MB)', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(URI, 'dockercompose', COMPOSE);
    const diagnostic = { range: { start: { line: 3, character: 9 }, end: { line: 3, character: 14 } }, severity: 1, code: 'outOfRange', source: 'iana-ports', message: 'Port 99999 is out of range' };
    const diagnostics = Array.from({ length: 100_000 }, () => diagnostic);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range: diagnostic.range, context: { diagnostics } });
    const size = Buffer.byteLength(JSON.stringify(actions));
    assert.ok(Array.isArray(actions) && actions.length > 0, 'quick fixes are still offered');
    assert.ok(size < 1_000_000, `the answer is ${(size / 1e6).toFixed(1)} MB`);
  });
});
