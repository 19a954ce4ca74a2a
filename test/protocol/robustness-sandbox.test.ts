import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusFiles } from '../helpers/robustness';
import { hoverText, LspClient } from '../helpers/lspClient';

// The language server only reads: it starts no process and opens no connection or listening socket.
// The built server runs under a preload that makes every such call record itself and throw; the test
// drives hovers, completions, code actions, diagnostics, look-ups and workspace indexing over the
// corpus, then checks that nothing was attempted. A control run shows that the preload catches calls.

const ROOT = path.resolve(__dirname, '../..');
const PRELOAD = path.join(__dirname, '../helpers/sandboxPreload.cjs');

/** Starts the server with the preload; NODE_OPTIONS reaches the child through the inherited environment. */
function sandboxedClient(log: string, loaded: string, opts: ConstructorParameters<typeof LspClient>[0]): LspClient {
  const saved = { options: process.env.NODE_OPTIONS, log: process.env.IANA_PORTS_SANDBOX_LOG, loaded: process.env.IANA_PORTS_SANDBOX_LOADED, proc: process.env.IANA_PORTS_SANDBOX_PROC };
  process.env.NODE_OPTIONS = `${saved.options ?? ''} --require ${PRELOAD}`.trim();
  process.env.IANA_PORTS_SANDBOX_LOG = log;
  process.env.IANA_PORTS_SANDBOX_LOADED = loaded;
  process.env.IANA_PORTS_SANDBOX_PROC = `${log}.proc`;
  try {
    return new LspClient(opts);
  } finally {
    for (const [k, v] of [['NODE_OPTIONS', saved.options], ['IANA_PORTS_SANDBOX_LOG', saved.log], ['IANA_PORTS_SANDBOX_LOADED', saved.loaded], ['IANA_PORTS_SANDBOX_PROC', saved.proc]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('robustness: no processes, no network', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-sandbox-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the preload catches process starts, connections, listening sockets, DNS and fetch (control)', () => {
    const attempts = [
      "require('node:child_process').execSync('true')",
      "require('node:child_process').spawn('true')",
      "require('node:net').connect(9, '127.0.0.1')",
      "new (require('node:net').Socket)().connect(9, '127.0.0.1')",
      "require('node:net').createServer().listen(0)",
      "require('node:http').get('http://127.0.0.1:9/')",
      "require('node:https').request('https://127.0.0.1:9/')",
      "require('node:dgram').createSocket('udp4')",
      "require('node:dns').lookup('localhost', () => {})",
      "fetch('http://127.0.0.1:9/')",
    ];
    for (const code of attempts) {
      const log = path.join(dir, 'control.log');
      fs.rmSync(log, { force: true });
      const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', code], { env: { ...process.env, IANA_PORTS_SANDBOX_LOG: log }, encoding: 'utf8', timeout: 10000 });
      assert.notEqual(r.status, 0, code);
      assert.match(r.stderr, /SANDBOX VIOLATION/, code);
      assert.ok(fs.existsSync(log), code);
    }
  });

  it('serving the whole corpus (hover, completion, code actions, diagnostics, look-ups, workspace index) attempts none of them', async () => {
    const log = path.join(dir, 'server.log');
    const corpusDir = path.join(ROOT, 'test/corpus');
    const loaded = path.join(dir, 'loaded.log');
    const client = sandboxedClient(log, loaded, { configuration: true, settings: {} });
    try {
      await client.initialize(pathToFileURL(corpusDir).href);
      let hovers = 0;
      let completions = 0;
      let diagnostics = 0;
      for (const f of corpusFiles()) {
        const uri = f.uri;
        client.open(uri, f.languageId, f.text);
        const published = await client.waitDiagnostics(uri, () => true, 15000);
        diagnostics += published.diagnostics.length;
        const lines = f.text.split('\n');
        let asked = 0;
        for (let line = 0; line < lines.length && asked < 15; line++) {
          for (const m of lines[line].matchAll(/\d+/g)) {
            if (asked++ >= 15) break;
            const position = { line, character: m.index! };
            const h = await client.request('textDocument/hover', { textDocument: { uri }, position });
            if (hoverText(h)) hovers++;
            const c = await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character: m.index! + m[0].length } });
            if (c?.items?.length) completions++;
          }
        }
        await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, context: { diagnostics: published.diagnostics } });
        client.notify('textDocument/didClose', { textDocument: { uri } });
      }
      assert.ok((await client.request('ianaPorts/lookup', { query: 'postgres' })).length > 0);
      assert.ok((await client.request('ianaPorts/registryInfo', null)).records > 10000);
      // Settings change: diagnostics and the workspace index are refreshed.
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(hovers > 200 && completions > 20 && diagnostics > 20, `work was done: ${hovers} hovers, ${completions} completions, ${diagnostics} diagnostics`);
      assert.equal(client.exited, undefined);
    } finally {
      await client.close();
    }
    assert.equal(fs.readFileSync(loaded, 'utf8').trim(), String(client.proc.pid), 'the preload ran in the server process');
    assert.doesNotMatch(client.stderr, /SANDBOX VIOLATION/, client.stderr);
    assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'no process or network call was attempted');
    // The one thing it reads outside the workspace and its own files: this machine's ports, from /proc.
    const procReads = fs.existsSync(`${log}.proc`) ? fs.readFileSync(`${log}.proc`, 'utf8').split('\n').filter(Boolean) : [];
    assert.ok(procReads.includes('/proc/net/tcp'), 'the hover read this machine\'s listening sockets');
    const allowed = /^\/proc(?:\/net\/(?:tcp|tcp6|udp|udp6)|\/\d+\/fd(?:\/\d+)?|\/\d+\/comm)?$/;
    assert.deepEqual(procReads.filter((p) => !allowed.test(p)), [], 'only /proc/net and processes\' fd folders and names are read');
  });
});
