import assert from 'node:assert/strict';
import { hoverText, LspClient } from '../helpers/lspClient';

// End-to-end tests of `node dist/server.js --stdio` through the Language Server Protocol.

const COMPOSE_URI = 'file:///work/shop/docker-compose.yml';
const COMPOSE = `services:
  tarantool:
    image: tarantool/tarantool:3
    ports:
      - "3301:3301"
  mail:
    image: axllent/mailpit:v1.20
    ports:
      - "49153:8025"
`;

function positionOf(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

describe('language server over stdio', function () {
  let client: LspClient;
  afterEach(async () => client && (await client.close()));

  it('answers initialize with hover, completion and code actions, and pull diagnostics only when the client can pull', async () => {
    client = new LspClient();
    const res = await client.initialize();
    assert.equal(res.capabilities.hoverProvider, true);
    assert.ok(res.capabilities.completionProvider);
    assert.ok(res.capabilities.codeActionProvider);
    assert.equal(res.capabilities.diagnosticProvider, undefined);
    await client.close();
    client = new LspClient({ pullDiagnostics: true });
    const res2 = await client.initialize();
    assert.ok(res2.capabilities.diagnosticProvider);
  });

  it('hovers 3301 in a compose file with tarantool and its unauthorized-use report', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const h = await client.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: positionOf(COMPOSE, '3301') });
    const text = hoverText(h);
    assert.match(text, /tarantool/);
    assert.match(text, /Unauthorized use reported/);
    assert.match(text, /Known Unauthorized Use on port 3301/);
    assert.deepEqual(h.range.start, positionOf(COMPOSE, '3301'));
    assert.equal(h.range.end.character - h.range.start.character, 4);
  });

  it('says a host port in 49152-65535 is in the dynamic range, and gives no hover on an image tag', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const h = await client.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: positionOf(COMPOSE, '49153') });
    assert.match(hoverText(h), /Dynamic\/Private range/);
    const tag = await client.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: positionOf(COMPOSE, '3\n') });
    assert.equal(tag, null);
  });

  it('counts positions in UTF-16 code units, with emoji, CJK and combining marks before the port', async () => {
    client = new LspClient();
    await client.initialize();
    const uri = 'file:///work/app/db.ts';
    const text = `// 数据库 😀\nconst url = "e\u0301t\u00e9 😀 数据库 localhost:5432";\n`;
    client.open(uri, 'typescript', text);
    const pos = positionOf(text, '5432');
    // 😀 is two UTF-16 units; a server counting code points would be off by one here.
    assert.equal(pos.character, text.split('\n')[1].indexOf('5432'));
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.match(hoverText(h), /postgresql/);
    assert.deepEqual(h.range.start, pos);
    const before = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: pos.character - 2 } });
    assert.equal(before, null);
  });

  it('pushes diagnostics to a client without pull support, and follows incremental edits', async () => {
    client = new LspClient();
    await client.initialize();
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const first = await client.waitDiagnostics(COMPOSE_URI, (p) => p.diagnostics.length > 0);
    const dyn = first.diagnostics.find((d) => d.code === 'dynamicRange');
    assert.ok(dyn, 'dynamicRange diagnostic expected');
    assert.equal(dyn.severity, 2);
    assert.deepEqual(dyn.range.start, positionOf(COMPOSE, '49153'));
    // Replace 49153 with 8025 incrementally: the warning must go away with version 2.
    const p = positionOf(COMPOSE, '49153');
    client.notify('textDocument/didChange', {
      textDocument: { uri: COMPOSE_URI, version: 2 },
      contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 5 } }, text: '8025' }],
    });
    const second = await client.waitDiagnostics(COMPOSE_URI, (d) => d.version === 2);
    assert.equal(second.diagnostics.filter((d) => d.code === 'dynamicRange').length, 0);
  });

  it('answers pull diagnostics where the client supports them, and pushes nothing', async () => {
    client = new LspClient({ pullDiagnostics: true });
    await client.initialize();
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: COMPOSE_URI } });
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((d: any) => d.code === 'dynamicRange'));
    assert.equal(client.diagnostics.has(COMPOSE_URI), false);
  });

  it('re-runs diagnostics when settings change', async () => {
    client = new LspClient({ configuration: true, settings: {} });
    await client.initialize();
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    await client.waitDiagnostics(COMPOSE_URI, (p) => p.diagnostics.some((d) => d.code === 'dynamicRange'));
    client.settings = { lint: { dynamicRange: 'ignore', ephemeralRange: 'ignore' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const after = await client.waitDiagnostics(COMPOSE_URI, (p) => !p.diagnostics.some((d) => d.code === 'dynamicRange'));
    assert.equal(after.diagnostics.filter((d) => d.code === 'dynamicRange' || d.code === 'ephemeralRange').length, 0);
    // The server asked for this document's settings, scoped to its URI.
    assert.ok(client.serverRequests.some((r) => r.method === 'workspace/configuration' && r.params.items[0].scopeUri === COMPOSE_URI && r.params.items[0].section === 'ianaPorts'));
  });

  it('answers null for unknown documents and out-of-range positions, and a cancelled request with RequestCancelled', async () => {
    client = new LspClient();
    await client.initialize();
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nope.yml' }, position: { line: 0, character: 0 } }), null);
    client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: { line: 999, character: 999 } }), null);
    const promise = client.requestThenCancel('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: positionOf(COMPOSE, '3301') });
    await assert.rejects(promise, (e: Error & { code?: number }) => e.code === -32800);
    // The server is still up and answering.
    const h = await client.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: positionOf(COMPOSE, '3301') });
    assert.match(hoverText(h), /tarantool/);
  });

  it('caps the problems of one document at 1,000 and says how many there were', async () => {
    client = new LspClient({ pullDiagnostics: true });
    await client.initialize();
    const uri = 'file:///work/big/docker-compose.yml';
    const text = `services:\n  s:\n    ports:\n${Array.from({ length: 1200 }, (_, i) => `      - "${50000 + i}:80"\n`).join('')}`;
    client.open(uri, 'dockercompose', text);
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.items.length, 1001);
    const last = report.items[1000];
    assert.equal(last.code, 'tooManyProblems');
    assert.match(last.message, /first 1000 of 1200/);
  });
});
