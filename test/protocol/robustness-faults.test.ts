import assert from 'node:assert/strict';
import { useFastReader } from '../helpers/fastReader';
import { hoverText, LspClient } from '../helpers/lspClient';
import { PATHOLOGICAL } from '../helpers/pathological';

// Faults a client can cause: cancelled requests, unknown documents, positions out of range, malformed
// parameters that make a handler throw, odd notifications, and a big document being processed while
// a small one is hovered. The server answers every request (a result, null or an error) and stays up.

const URI = 'file:///w/.env';
const TEXT = '# local\nPORT=3301\nDB_URL=postgres://db:5432/app\n';
const PORT_POS = { line: 1, character: 5 };

/** A request that must be answered (with anything, or an error), never left hanging. */
async function answered(client: LspClient, method: string, params: unknown): Promise<{ result?: unknown; code?: number }> {
  try {
    return { result: await client.request(method, params, 5000) };
  } catch (e) {
    const err = e as Error & { code?: number };
    assert.ok(err.code !== undefined, `${method} was not answered: ${err.message}`);
    return { code: err.code };
  }
}

/** Whether a position lies inside TEXT. */
function inside(p: { line: number; character: number }): boolean {
  const lines = TEXT.split('\n');
  return Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length && Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length;
}

async function stillHovers(client: LspClient): Promise<void> {
  const h = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: PORT_POS });
  assert.match(hoverText(h), /tarantool/, 'the server still answers a hover');
  assert.equal(client.exited, undefined, 'the server is still running');
}

describe('robustness: faults over LSP', function () {
  this.timeout(30000);
  let client: LspClient;
  afterEach(async () => client && (await client.close()));

  it('answers RequestCancelled (-32800) to each cancelled request: hover, completion, code action and diagnostic pull', async () => {
    client = new LspClient({ pullDiagnostics: true });
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    const td = { uri: URI };
    const requests: [string, unknown][] = [
      ['textDocument/hover', { textDocument: td, position: PORT_POS }],
      ['textDocument/completion', { textDocument: td, position: PORT_POS }],
      ['textDocument/codeAction', { textDocument: td, range: { start: PORT_POS, end: PORT_POS }, context: { diagnostics: [] } }],
      ['textDocument/diagnostic', { textDocument: td }],
    ];
    for (const [method, params] of requests) {
      await assert.rejects(client.requestThenCancel(method, params), (e: Error & { code?: number }) => e.code === -32800, method);
    }
    // Cancelling an id that is unknown or already answered is harmless.
    client.notify('$/cancelRequest', { id: 987654 });
    await stillHovers(client);
  });

  it('answers null or an empty report for unknown documents, and null for positions outside the document', async () => {
    client = new LspClient({ pullDiagnostics: true });
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    const unknown = { uri: 'file:///w/never-opened.env' };
    assert.equal(await client.request('textDocument/hover', { textDocument: unknown, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('textDocument/completion', { textDocument: unknown, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('textDocument/codeAction', { textDocument: unknown, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), null);
    assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: unknown }), { kind: 'full', items: [] });
    for (const position of [{ line: 999999, character: 0 }, { line: 1, character: 999999 }, { line: -1, character: -5 }, { line: 1e12, character: 1e12 }, { line: 0.5, character: 5.5 }]) {
      const h = await answered(client, 'textDocument/hover', { textDocument: { uri: URI }, position });
      // LSP clamps a character past the line end to the line end, where a port may end: then the hover
      // is that port's, and its range lies inside the document.
      const range = (h.result as { range?: { start: { line: number; character: number }; end: { line: number; character: number } } } | null)?.range;
      assert.ok(h.result === null || h.code !== undefined || (range && inside(range.start) && inside(range.end)), JSON.stringify({ position, h }));
      const c = await answered(client, 'textDocument/completion', { textDocument: { uri: URI }, position });
      assert.ok(c.code !== undefined || c.result === null || Array.isArray((c.result as { items?: unknown[] }).items), JSON.stringify({ position, c }));
    }
    await stillHovers(client);
  });

  it('a handler that throws on malformed parameters is logged and answered, and the server stays up', async () => {
    client = new LspClient({ pullDiagnostics: true });
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    const before = client.logs.length;
    // A null position makes the hover handler throw inside offsetAt: the guard logs it and answers null.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: null }), null);
    assert.equal(await client.request('textDocument/completion', { textDocument: { uri: URI }, position: null }), null);
    // A code action whose diagnostic has no range throws in the range check.
    const bad = { range: null, source: 'iana-ports', code: 'dynamicRange', message: 'x', data: { port: 49153 } };
    assert.equal(await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: PORT_POS, end: PORT_POS }, context: { diagnostics: [bad] } }), null);
    const thrown = client.logs.slice(before).filter((l) => /^IANA Ports: TypeError/.test(l));
    assert.ok(thrown.length >= 3, `each thrown handler error is logged:\n${client.logs.slice(before).join('\n')}`);
    // Parameters of the wrong shape: a result, null or an error response, never silence.
    const shapes: unknown[] = [{ textDocument: URI, position: PORT_POS }, { textDocument: 5 }, {}, null, [1, 2], undefined, { textDocument: { uri: URI }, position: { line: '1', character: '5' } }];
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/diagnostic', 'ianaPorts/lookup']) {
      for (const params of shapes) await answered(client, method, params);
    }
    // An unknown method is answered MethodNotFound.
    assert.equal((await answered(client, 'iana/noSuchMethod', {})).code, -32601);
    await stillHovers(client);
  });

  it('odd notifications (edits to unknown documents, reversed or out-of-range edit ranges, null changes, bad settings) do not break it', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    const odd: [string, unknown][] = [
      ['textDocument/didChange', { textDocument: { uri: 'file:///w/unknown.env', version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 50, character: 0 }, end: { line: 40, character: 0 } }, text: '' }] }],
      ['textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [null] }],
      ['textDocument/didChange', { textDocument: { uri: URI, version: 4 } }],
      ['textDocument/didOpen', null],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///w/b.env', languageId: 'dotenv', version: 1, text: 5 } }],
      ['textDocument/didClose', { textDocument: { uri: 'file:///w/never-opened' } }],
      ['workspace/didChangeConfiguration', { settings: { ianaPorts: { maxFileSize: 'x', lint: 5, ignorePorts: [null, {}], files: { associations: { '**/*': 'nope' } } } } }],
      ['$/cancelRequest', { id: 'not-a-request' }],
      ['iana/unknownNotification', { x: 1 }],
    ];
    for (const [method, params] of odd) client.notify(method, params);
    // The document kept its text: the port is still where it was.
    await stillHovers(client);
    const d = await client.waitDiagnostics(URI, (p) => p.diagnostics.some((x: any) => x.code === 'unauthorizedUse'));
    assert.equal(d.diagnostics.find((x: any) => x.code === 'unauthorizedUse').range.start.line, 1);
  });

  it('refuses requests after shutdown, exits 1 on exit without shutdown and 0 after it, and exits when its input closes (what the client restart watches)', async () => {
    const exitCode = (c: LspClient) => new Promise<number | null>((resolve) => (c.exited !== undefined ? resolve(c.exited) : c.proc.once('exit', (code) => resolve(code))));
    client = new LspClient();
    await client.initialize();
    client.notify('exit', null);
    assert.equal(await exitCode(client), 1);
    client = new LspClient();
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    await client.request('shutdown', null);
    // LSP: requests after shutdown are answered InvalidRequest rather than served.
    const late = await answered(client, 'textDocument/hover', { textDocument: { uri: URI }, position: PORT_POS });
    assert.equal(late.code, -32600);
    client.notify('exit', null);
    assert.equal(await exitCode(client), 0);
    client = new LspClient();
    await client.initialize();
    client.proc.stdin.end();
    assert.notEqual(await exitCode(client), undefined);
  });

  it('logs a body that is not JSON and goes on; exits 1 with a message on a frame without Content-Length', async () => {
    const exitCode = (c: LspClient) => new Promise<number | null>((resolve) => (c.exited !== undefined ? resolve(c.exited) : c.proc.once('exit', (code) => resolve(code))));
    client = new LspClient();
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    const garbage = '{"jsonrpc": "2.0", "id": 99, "method": ';
    client.proc.stdin.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    // The framing is intact, so the next request is read and answered.
    await stillHovers(client);
    assert.match(client.stderr, /unreadable message/);
    // Without a length the reader cannot find where the next message starts: a silent, deaf server
    // would leave the editor waiting, while an exit lets the client restart it.
    client.proc.stdin.write('Content-Type: application/json\r\n\r\n{}');
    assert.equal(await exitCode(client), 1);
    assert.match(client.stderr, /Content-Length/);
  });

  it('keeps answering a small document while big ones are processed (times recorded)', async function () {
    this.timeout(60000);
    client = new LspClient();
    // The 100,000-port file yields a publishDiagnostics of about 90 MB; read it without quadratic copying.
    const reader = useFastReader(client);
    await client.initialize();
    client.open(URI, 'dotenv', TEXT);
    await stillHovers(client);
    const figures: string[] = [];
    const cases = [
      { label: '10 MB compose, 100,000 ports (over maxFileSize)', c: PATHOLOGICAL.find((p) => p.name.startsWith('100,000 ports in one compose list'))!, size: 10 << 20, uri: 'file:///w/big/docker-compose.yml', languageId: 'dockercompose' },
      { label: '4.9 MB compose, 100,000 ports', c: PATHOLOGICAL.find((p) => p.name.startsWith('100,000 ports in one compose list'))!, size: 4_900_000, uri: 'file:///w/big2/docker-compose.yml', languageId: 'dockercompose' },
      { label: '4.9 MB Dockerfile, EXPOSE continued on every line', c: PATHOLOGICAL.find((p) => p.format === 'dockerfile')!, size: 4_900_000, uri: 'file:///w/big3/Dockerfile', languageId: 'dockerfile' },
    ];
    for (const k of cases) {
      const text = k.c.gen(k.size);
      const t0 = performance.now();
      client.open(k.uri, k.languageId, text);
      // Right behind the big didOpen: a hover on the small document.
      const h = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: PORT_POS }, 30000);
      const hoverMs = performance.now() - t0;
      assert.match(hoverText(h), /tarantool/);
      const big = await client.waitDiagnostics(k.uri, () => true, 30000);
      const diagMs = performance.now() - t0;
      if (text.length > 5_000_000) assert.deepEqual(big.diagnostics.map((d: any) => d.code), ['fileTooLarge']);
      const h2 = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: PORT_POS });
      assert.match(hoverText(h2), /tarantool/);
      figures.push(`${k.label} (${(text.length / 1e6).toFixed(2)}M chars): small-file hover answered after ${hoverMs.toFixed(0)} ms, big file's ${big.diagnostics.length} diagnostics after ${diagMs.toFixed(0)} ms (largest message so far ${(reader.largest() / 1e6).toFixed(1)} MB)`);
      client.notify('textDocument/didClose', { textDocument: { uri: k.uri } });
    }
    console.log('      figures:\n' + figures.map((f) => '        ' + f).join('\n'));
    await stillHovers(client);
  });
});
