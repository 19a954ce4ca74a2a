import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';

// The workspace features of `node dist/server.js --stdio`: the background index and what it answers.

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');

/** Copies the fixture workspace to a temporary folder and adds what git cannot hold. */
function makeWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-ws-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  fs.renameSync(path.join(root, 'gitignore.txt'), path.join(root, '.gitignore'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('node_modules/pg/defaults.js', 'module.exports = { port: 5432 };\n');
  write('.git/config', '[remote "origin"]\n\turl = ssh://git@example.com:5432/x.git\n');
  write('excluded/compose.yml', 'services:\n  x:\n    ports:\n      - "5432:5432"\n');
  write('big/.env', `PGPORT=5432\n${'# padding\n'.repeat(600)}`);
  return root;
}

const uriOf = (root: string, rel: string) => pathToFileURL(path.join(root, rel)).href;
const rel = (root: string, uri: string) => path.relative(root, new URL(uri).pathname);

/**
 * Polls until `check` holds, within a deadline. The index announces each change with a notification, but
 * one may come from an earlier change (opening a document), so the state itself is what is waited for.
 */
async function eventually(what: string, check: () => Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}: not within ${ms} ms`);
}

function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
}

const SETTINGS = { maxFileSize: 4000 };
const FILES = { exclude: { '**/excluded': true, '**/.DS_Store': true } };

async function start(root: string, extra: Partial<ConstructorParameters<typeof LspClient>[0]> = {}): Promise<LspClient> {
  const client = new LspClient({
    configuration: true, settings: SETTINGS, sections: { files: FILES },
    workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true }, symbol: {} },
    ...extra,
  });
  await client.initialize(pathToFileURL(root).href);
  return client;
}

async function waitIndexed(client: LspClient): Promise<any> {
  // A deadline, not a count of polls: on a loaded machine each poll itself can take long.
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const s = await client.request('ianaPorts/indexStatus', null);
    if (s.state === 'ready') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('index never became ready');
}

function open(client: LspClient, root: string, file: string, languageId: string): { uri: string; text: string } {
  const uri = uriOf(root, file);
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  client.open(uri, languageId, text);
  return { uri, text };
}

describe('workspace features over stdio', function () {
  let client: LspClient;
  let root: string;
  beforeEach(() => (root = makeWorkspace()));
  afterEach(async () => {
    if (client) await client.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('finds every use of 5432 in the workspace, skipping gitignored, excluded, oversized and node_modules files', async () => {
    client = await start(root);
    const { uri, text } = open(client, root, 'app/docker-compose.yml', 'dockercompose');
    const refs = await client.request('textDocument/references', { textDocument: { uri }, position: positionOf(text, '5432'), context: { includeDeclaration: true } });
    const files = refs.map((l: any) => `${rel(root, l.uri)}:${l.range.start.line + 1}`).sort();
    assert.deepEqual(files, ['.env:1', 'app/docker-compose.yml:9', 'app/docker-compose.yml:9', 'src/db.ts:2', 'tools/compose.yaml:9']);
    // The file watcher is registered dynamically, for the whole workspace.
    const reg = client.serverRequests.find((r) => r.method === 'client/registerCapability' && r.params.registrations.some((x: any) => x.method === 'workspace/didChangeWatchedFiles'));
    assert.ok(reg, 'didChangeWatchedFiles registered');
    // files.exclude was asked for with the folder as scope.
    assert.ok(client.serverRequests.some((r) => r.method === 'workspace/configuration' && r.params.items[0].section === 'files'));
    const status = await waitIndexed(client);
    assert.equal(status.skippedLarge, 1);
    // The Ports view hears that the ports changed.
    if (!client.notifications.some((n) => n.method === 'ianaPorts/workspacePortsChanged')) await client.waitNotification('ianaPorts/workspacePortsChanged');
  });

  it('references 8080 from a Kubernetes Service: the containerPort, the compose files and the .env', async () => {
    client = await start(root);
    await waitIndexed(client);
    const { uri, text } = open(client, root, 'k8s/service.yaml', 'yaml');
    const refs = await client.request('textDocument/references', { textDocument: { uri }, position: positionOf(text, '8080'), context: { includeDeclaration: true } });
    const files = refs.map((l: any) => rel(root, l.uri)).sort();
    assert.deepEqual(files, ['.env', 'app/docker-compose.yml', 'k8s/deployment.yaml', 'k8s/service.yaml', 'tools/compose.yaml', 'tools/compose.yaml']);
    // A Service port's name is the Service's own (Ingress backends use it), not the container port of the
    // same name: that one is reached from a targetPort that names it (test/protocol/kubernetes.test.ts).
    const byName = await client.request('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'admin'), context: { includeDeclaration: true } });
    assert.deepEqual(byName.map((l: any) => `${rel(root, l.uri)}:${l.range.start.line + 1}`).sort(), ['k8s/service.yaml:15']);
    // Nothing under the cursor: no references.
    assert.deepEqual(await client.request('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 }, context: { includeDeclaration: true } }), []);
  });

  it('answers workspace symbols for 5432 and for postgres', async () => {
    client = await start(root);
    await waitIndexed(client);
    const byNumber = await client.request('workspace/symbol', { query: '5432' });
    const where = (syms: any[]) => [...new Set(syms.map((s) => rel(root, s.location.uri)))].sort();
    assert.deepEqual(where(byNumber), ['.env', 'app/docker-compose.yml', 'src/db.ts', 'tools/compose.yaml']);
    assert.ok(byNumber.every((s: any) => /^5432\b.*postgresql/.test(s.name)), byNumber.map((s: any) => s.name).join('; '));
    const byName = await client.request('workspace/symbol', { query: 'postgres' });
    assert.ok(byName.some((s: any) => s.name.startsWith('5432') && rel(root, s.location.uri) === 'src/db.ts'));
    assert.ok(!byName.some((s: any) => s.name.startsWith('8080')));
    assert.deepEqual(await client.request('workspace/symbol', { query: 'no-such-service-xyz' }), []);
  });

  it('reports the same host port in two Compose projects when asked to compare them, and a targetPort no container declares', async () => {
    client = await start(root, { settings: { ...SETTINGS, compose: { compareProjects: true } } });
    await waitIndexed(client);
    const app = open(client, root, 'app/docker-compose.yml', 'dockercompose');
    const d = await client.waitDiagnostics(app.uri, (p) => p.diagnostics.some((x) => x.code === 'duplicateHostPortAcrossFiles'));
    const dup = d.diagnostics.filter((x) => x.code === 'duplicateHostPortAcrossFiles');
    assert.equal(dup.length, 1);
    // Projects side by side clash only when both run at once: information at most.
    assert.equal(dup[0].severity, 3);
    assert.deepEqual(dup[0].range.start, positionOf(app.text, '8080:80'));
    assert.match(dup[0].message, /^Host port 8080\/tcp is also published by another Compose project\.\nBy 8080\/tcp \(service adminer\) in tools\/compose\.yaml/);
    assert.equal(rel(root, dup[0].relatedInformation[0].location.uri), 'tools/compose.yaml');
    const svc = open(client, root, 'k8s/service.yaml', 'yaml');
    const k = await client.waitDiagnostics(svc.uri, (p) => p.diagnostics.some((x) => x.code === 'unmatchedTargetPort'));
    const unmatched = k.diagnostics.filter((x) => x.code === 'unmatchedTargetPort').map((x) => x.range.start);
    const at = (needle: string) => { const p = positionOf(svc.text, needle); return { line: p.line, character: p.character + 'targetPort: '.length }; };
    assert.deepEqual(unmatched, [at('targetPort: metrics'), at('targetPort: 9001')]);
    const named = k.diagnostics.find((x) => x.code === 'unmatchedTargetPort' && /metrics/.test(x.message));
    assert.match(named.message, /^No selected container has a port named "metrics"\.\nService "web" selects app=web: Deployment "web"/);
    assert.match(named.message, /Declared: 8080 \(http\), 9000 \(admin\)/);
  });

  it('follows settings: a rule set to ignore disappears', async () => {
    client = await start(root, { settings: { ...SETTINGS, lint: { duplicateHostPortAcrossFiles: 'ignore', unmatchedTargetPort: 'error' } } });
    await waitIndexed(client);
    const app = open(client, root, 'app/docker-compose.yml', 'dockercompose');
    const svc = open(client, root, 'k8s/service.yaml', 'yaml');
    const k = await client.waitDiagnostics(svc.uri, (p) => p.diagnostics.some((x) => x.code === 'unmatchedTargetPort'));
    // A name weighs what the setting says; a number (containerPort is informational) a hint at most.
    assert.deepEqual(k.diagnostics.filter((x) => x.code === 'unmatchedTargetPort').map((x) => x.severity), [1, 4]);
    const d = await client.waitDiagnostics(app.uri);
    assert.equal(d.diagnostics.filter((x) => x.code === 'duplicateHostPortAcrossFiles').length, 0);
  });

  it('follows file changes: created, deleted, .gitignore edited, and edits of an open document', async () => {
    client = await start(root);
    await waitIndexed(client);
    const env = open(client, root, '.env', 'dotenv');
    const refs = async () => (await client.request('textDocument/references', { textDocument: { uri: env.uri }, position: positionOf(env.text, '5432'), context: { includeDeclaration: true } }))
      .map((l: any) => rel(root, l.uri)).sort();
    const changed = () => client.waitNotification('ianaPorts/workspacePortsChanged');
    // Created.
    fs.mkdirSync(path.join(root, 'new'));
    fs.writeFileSync(path.join(root, 'new/compose.yml'), 'services:\n  db2:\n    ports:\n      - "5432:5432"\n');
    let wait = changed();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'new/compose.yml'), type: 1 }] });
    await wait;
    await eventually('the created file is referenced', async () => (await refs()).includes('new/compose.yml'));
    // Deleted, by its folder.
    fs.rmSync(path.join(root, 'new'), { recursive: true });
    wait = changed();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'new'), type: 3 }] });
    await wait;
    await eventually('the deleted folder is forgotten', async () => !(await refs()).includes('new/compose.yml'));
    // .gitignore now ignores src/.
    fs.appendFileSync(path.join(root, '.gitignore'), 'src/\n');
    wait = changed();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, '.gitignore'), type: 2 }] });
    await wait;
    await waitIndexed(client);
    await eventually('the newly ignored folder is forgotten', async () => !(await refs()).includes('src/db.ts'));
    // An open document's edits count before it is saved: 5432 becomes 5434 in the app's compose file.
    const app = open(client, root, 'app/docker-compose.yml', 'dockercompose');
    const p = positionOf(app.text, '5432:5432');
    wait = changed();
    client.notify('textDocument/didChange', {
      textDocument: { uri: app.uri, version: 2 },
      contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 9 } }, text: '5434:5434' }],
    });
    await wait;
    await eventually('the open document\'s edit counts', async () => JSON.stringify(await refs()) === JSON.stringify(['.env', 'tools/compose.yaml']));
  });

  it('indexes again when files.exclude changes, and not when only a rule level changes', async () => {
    const sections: Record<string, unknown> = { files: FILES };
    client = await start(root, { sections });
    await waitIndexed(client);
    const env = open(client, root, '.env', 'dotenv');
    const refs = async () => (await client.request('textDocument/references', { textDocument: { uri: env.uri }, position: positionOf(env.text, '5432'), context: { includeDeclaration: true } }))
      .map((l: any) => rel(root, l.uri));
    assert.ok((await refs()).includes('tools/compose.yaml'));
    const walks = () => client.logs.filter((l) => /workspace indexed/.test(l)).length;
    const before = walks();
    client.settings = { ...SETTINGS, lint: { dynamicRange: 'error' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(walks(), before);
    sections.files = { exclude: { ...FILES.exclude, tools: true } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    for (let i = 0; i < 100 && walks() === before; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(walks(), before + 1);
    assert.ok(!(await refs()).includes('tools/compose.yaml'));
  });

  it('follows workspace folders added and removed', async () => {
    client = new LspClient({ workspaceCapabilities: { workspaceFolders: true } });
    const init = await client.initialize(uriOf(root, 'app'));
    assert.equal(init.capabilities.workspace.workspaceFolders.changeNotifications, true);
    await waitIndexed(client);
    const ports = async () => (await client.request('ianaPorts/workspacePorts', {})).ports.find((p: any) => p.port === 5432)?.places.map((x: any) => rel(root, x.uri)).sort();
    assert.deepEqual(await ports(), ['app/docker-compose.yml', 'app/docker-compose.yml']);
    const changed = client.waitNotification('ianaPorts/workspacePortsChanged', (s) => s.state === 'ready', 30000);
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(root, 'tools'), name: 'tools' }], removed: [{ uri: uriOf(root, 'app'), name: 'app' }] } });
    await changed;
    // The notification may be the first index's, sent late; the Ports view asks again on each one, so
    // wait (bounded) for the answer the view would settle on.
    const deadline = Date.now() + 30000;
    let now = await ports();
    while (JSON.stringify(now) !== JSON.stringify(['tools/compose.yaml']) && Date.now() < deadline) {
      await client.waitNotification('ianaPorts/workspacePortsChanged', (s) => s.state === 'ready', 30000).catch(() => undefined);
      now = await ports();
    }
    assert.deepEqual(now, ['tools/compose.yaml']);
  });

  it('lists the workspace ports with their registered service and places for the Ports view', async () => {
    client = await start(root);
    await waitIndexed(client);
    const res = await client.request('ianaPorts/workspacePorts', {});
    assert.equal(res.status.state, 'ready');
    const pg = res.ports.find((x: any) => x.port === 5432);
    assert.deepEqual(pg.services, ['postgresql']);
    assert.equal(pg.total, 5);
    assert.deepEqual(pg.places.map((x: any) => `${rel(root, x.uri)}:${x.range.start.line + 1}`).sort(), ['.env:1', 'app/docker-compose.yml:9', 'app/docker-compose.yml:9', 'src/db.ts:2', 'tools/compose.yaml:9']);
    assert.ok(pg.places.some((x: any) => x.line === '- "5432:5432"' && x.owner === 'db'));
    const redis = res.ports.find((x: any) => x.port === 6379);
    assert.ok(redis, 'keep.local.yml is re-included by the negated .gitignore pattern');
    assert.deepEqual(res.ports.map((x: any) => x.port), [...res.ports.map((x: any) => x.port)].sort((a: number, b: number) => a - b));
  });
});
