import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { LspProcess } from '../../scripts/bench/lsp';

// dist/server.js runs the bundle dist/serverCore.js through V8's code cache (server/src/codeCacheLoader.ts).
// Each test copies the built server (build first) into a folder of its own, so the cache it writes
// is the test's: what matters is that the server answers whatever the cache holds, and that a cache
// V8 accepted is kept, not rewritten on every start, once it holds the code the server ran.

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n';

function installCopy(): { dir: string; server: string; cache: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-code-cache-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.mkdirSync(path.join(dir, 'data'));
  for (const f of ['server.js', 'serverCore.js']) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(dir, 'dist', f));
  fs.copyFileSync(path.join(ROOT, 'data', 'registry.json'), path.join(dir, 'data', 'registry.json'));
  return { dir, server: path.join(dir, 'dist', 'server.js'), cache: path.join(dir, 'dist', 'serverCore.cache') };
}

/** Starts the copy, hovers the published port of a small compose file, and shuts it down; returns the hover text. */
async function hoverOnce(server: string): Promise<string> {
  const p = new LspProcess(server);
  try {
    await p.initialize();
    const uri = 'file:///cache/docker-compose.yml';
    const diagnostics = p.nextDiagnostics(uri, 20000);
    p.open(uri, 'dockercompose', COMPOSE);
    await diagnostics;
    const hover = await p.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } }, 20000);
    return hover?.contents.value ?? '';
  } finally {
    await p.close();
  }
}

describe('V8 code cache of the server bundle (dist/server.js loading dist/serverCore.js)', function () {
  this.timeout(60000);
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the first start writes the cache, the next start reads it and leaves it as it is; both answer the same hover', async () => {
    const copy = installCopy();
    dirs.push(copy.dir);
    const first = await hoverOnce(copy.server);
    assert.match(first, /\*\*Port 8080\*\*/);
    assert.ok(fs.existsSync(copy.cache), 'no cache after the first start');
    const written = fs.readFileSync(copy.cache);
    assert.ok(written.length > 100_000, `cache of ${written.length} bytes`);
    const second = await hoverOnce(copy.server);
    assert.equal(second, first);
    assert.deepEqual(fs.readFileSync(copy.cache), written, 'an accepted cache was rewritten');
    assert.deepEqual(fs.readdirSync(path.join(copy.dir, 'dist')).sort(), ['server.js', 'serverCore.cache', 'serverCore.js']);
  });

  it('a start that ran the server writes the cache once more with that code compiled, and later starts keep it', async () => {
    const copy = installCopy();
    dirs.push(copy.dir);
    // A start killed right after its initialize answer: only the cache made after loading is written.
    const killed = new LspProcess(copy.server);
    await killed.initialize();
    const gone = once(killed.proc, 'exit');
    killed.proc.kill('SIGKILL');
    await gone;
    const loaded = fs.readFileSync(copy.cache);
    // A start that validates a document and answers a hover writes it again at exit, holding what it compiled.
    const first = await hoverOnce(copy.server);
    const warm = fs.readFileSync(copy.cache);
    assert.ok(warm.length > loaded.length + 50_000, `cache of ${warm.length} bytes after the server ran, ${loaded.length} after loading`);
    assert.equal(await hoverOnce(copy.server), first);
    assert.deepEqual(fs.readFileSync(copy.cache), warm, 'a cache holding the compiled code was rewritten');
  });

  it('a warm cache this V8 refuses for this bundle (its own heap flag values differ) is not tried again: later starts keep a top-level one', async () => {
    const copy = installCopy();
    dirs.push(copy.dir);
    const maker = `${process.versions.v8} ${Module.wrap(fs.readFileSync(path.join(copy.dir, 'dist', 'serverCore.js'), 'utf8')).length}`;
    fs.writeFileSync(copy.cache, Buffer.concat([Buffer.from(`warm ${maker}\n`), Buffer.from('a cache V8 refuses')]));
    const first = await hoverOnce(copy.server);
    assert.match(first, /\*\*Port 8080\*\*/);
    const written = fs.readFileSync(copy.cache);
    assert.equal(written.subarray(0, written.indexOf(10)).toString(), `no-warm ${maker}`);
    assert.equal(await hoverOnce(copy.server), first);
    assert.deepEqual(fs.readFileSync(copy.cache), written);
  });

  it('a corrupt or truncated cache is refused: the server answers and writes a cache V8 accepts', async () => {
    const copy = installCopy();
    dirs.push(copy.dir);
    const good = await hoverOnce(copy.server);
    const valid = fs.readFileSync(copy.cache);
    for (const bad of [Buffer.from('not a code cache at all'), valid.subarray(0, valid.length >> 1), Buffer.alloc(0)]) {
      fs.writeFileSync(copy.cache, bad);
      assert.equal(await hoverOnce(copy.server), good);
      const rewritten = fs.readFileSync(copy.cache);
      assert.ok(rewritten.length > 100_000, `cache of ${rewritten.length} bytes after a corrupt one of ${bad.length}`);
      // The rewritten cache is accepted: the next start keeps it.
      await hoverOnce(copy.server);
      assert.deepEqual(fs.readFileSync(copy.cache), rewritten);
    }
  });

  it('where the cache cannot be written, the server answers and leaves no temporary file', async () => {
    const copy = installCopy();
    dirs.push(copy.dir);
    // A folder where the file should be: reading and renaming onto it fail (whatever the user's rights).
    fs.mkdirSync(copy.cache);
    fs.writeFileSync(path.join(copy.cache, 'keep'), '');
    assert.match(await hoverOnce(copy.server), /\*\*Port 8080\*\*/);
    assert.match(await hoverOnce(copy.server), /\*\*Port 8080\*\*/);
    assert.deepEqual(fs.readdirSync(path.join(copy.dir, 'dist')).sort(), ['server.js', 'serverCore.cache', 'serverCore.js']);
    assert.ok(fs.statSync(copy.cache).isDirectory());
  });
});
