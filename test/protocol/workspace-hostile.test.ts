import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';

// What a hostile repository can commit, against `node dist/server.js --stdio`: special files in place
// of .gitignore and compose files, links that leave the workspace, a folder chain 1,000 deep. The
// server reads regular files inside the workspace only, and keeps answering while it indexes.

const COMPOSE = 'services:\n  db:\n    ports:\n      - "5432:5432"\n';

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

async function start(root: string): Promise<LspClient> {
  const client = new LspClient({
    configuration: true, settings: {},
    workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true }, symbol: {} },
  });
  await client.initialize(pathToFileURL(root).href);
  return client;
}

async function waitIndexed(client: LspClient, timeoutMs = 30000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await client.request('ianaPorts/indexStatus', null);
    if (s.state === 'ready') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`index not ready after ${timeoutMs} ms`);
}

async function referencesTo5432(client: LspClient, root: string): Promise<string[]> {
  const uri = pathToFileURL(path.join(root, 'open.yaml')).href;
  client.open(uri, 'yaml', 'port: 5432\n');
  const refs = await client.request('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 7 }, context: { includeDeclaration: true } });
  return [...new Set<string>(refs.map((l: any) => path.relative(root, new URL(l.uri).pathname)))].filter((f) => f !== 'open.yaml').sort();
}

describe('workspace: special files and links a repository can hold', function () {
  this.timeout(60000);
  let client: LspClient | undefined;
  const roots: string[] = [];
  const tmp = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-hostile-'));
    roots.push(d);
    return d;
  };
  afterEach(async () => {
    await client?.close();
    client = undefined;
    for (const d of roots.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a .gitignore linked to /dev/zero or /dev/stdin and a FIFO named compose.yaml are not read: the index completes and 20 of 20 hovers are answered', async function () {
    if (process.platform === 'win32') this.skip();
    const root = tmp();
    write(root, 'app/compose.yaml', COMPOSE);
    fs.symlinkSync('/dev/zero', path.join(root, '.gitignore'));
    fs.mkdirSync(path.join(root, 'sub'));
    fs.symlinkSync('/dev/stdin', path.join(root, 'sub', '.gitignore'));
    write(root, 'sub/compose.yaml', COMPOSE);
    fs.mkdirSync(path.join(root, 'pipe'));
    execFileSync('mkfifo', [path.join(root, 'pipe', 'compose.yaml')]);
    fs.mkdirSync(path.join(root, 'pipe2'));
    execFileSync('mkfifo', [path.join(root, 'pipe2', '.gitignore')]);
    write(root, 'pipe2/compose.yaml', COMPOSE);
    client = await start(root);
    const hoverDoc = pathToFileURL(path.join(root, 'hover.yaml')).href;
    client.open(hoverDoc, 'yaml', 'port: 8080\n');
    let answered = 0;
    for (let i = 0; i < 20; i++) {
      const h = await client.request('textDocument/hover', { textDocument: { uri: hoverDoc }, position: { line: 0, character: 7 } }, 5000).catch(() => null);
      if (h) answered++;
    }
    assert.equal(answered, 20, `${answered} of 20 hovers answered`);
    await waitIndexed(client);
    assert.deepEqual(await referencesTo5432(client, root), ['app/compose.yaml', 'pipe2/compose.yaml', 'sub/compose.yaml']);
    const used = Number((await client.request('ianaPorts/indexStatus', null)).files);
    assert.ok(used >= 3);
  });

  it('file events under a link that leaves the workspace are not followed (the first walk does not follow it either)', async () => {
    const root = tmp();
    const outside = tmp();
    write(outside, 'compose.yaml', COMPOSE);
    write(outside, 'deep/compose.yaml', COMPOSE);
    write(root, 'app/compose.yaml', COMPOSE);
    fs.symlinkSync(outside, path.join(root, 'root'), 'dir');
    fs.symlinkSync(path.join(outside, 'compose.yaml'), path.join(root, 'linked.compose.yaml'));
    client = await start(root);
    await waitIndexed(client);
    assert.deepEqual(await referencesTo5432(client, root), ['app/compose.yaml']);
    // The events a watcher sends when such links are committed.
    const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
    client.notify('workspace/didChangeWatchedFiles', { changes: [
      { uri: uri('root'), type: 1 }, { uri: uri('root/compose.yaml'), type: 1 }, { uri: uri('root/deep/compose.yaml'), type: 2 }, { uri: uri('linked.compose.yaml'), type: 1 },
    ] });
    // A real change after them proves the events were handled.
    write(root, 'later/compose.yaml', COMPOSE);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('later/compose.yaml'), type: 1 }] });
    const deadline = Date.now() + 10000;
    let refs: string[] = [];
    while (Date.now() < deadline) {
      refs = await referencesTo5432(client, root);
      if (refs.includes('later/compose.yaml')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(refs, ['app/compose.yaml', 'later/compose.yaml']);
  });

  it('a folder chain 1,000 deep is indexed and a watcher event at its bottom is handled (each folder extends its parent\'s ignore list)', async () => {
    const root = tmp();
    const deep = Array.from({ length: 1000 }, () => 'd').join('/');
    write(root, `${deep}/compose.yaml`, COMPOSE);
    write(root, '.gitignore', '*.log\n');
    write(root, 'd/d/.gitignore', 'tmp/\n');
    client = await start(root);
    await waitIndexed(client);
    assert.deepEqual(await referencesTo5432(client, root), [`${deep}/compose.yaml`]);
    write(root, `${deep}/more/compose.yaml`, COMPOSE);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, deep, 'more')).href, type: 1 }] });
    const hoverDoc = pathToFileURL(path.join(root, 'hover.yaml')).href;
    client.open(hoverDoc, 'yaml', 'port: 8080\n');
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri: hoverDoc }, position: { line: 0, character: 7 } }, 5000));
    const deadline = Date.now() + 20000;
    let refs: string[] = [];
    while (Date.now() < deadline && refs.length < 2) {
      refs = await referencesTo5432(client, root);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(refs, [`${deep}/compose.yaml`, `${deep}/more/compose.yaml`]);
  });
});
