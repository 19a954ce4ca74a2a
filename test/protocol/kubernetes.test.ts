import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hoverText, LspClient } from '../helpers/lspClient';

// Kubernetes named ports over stdio, in a sample-collection workspace (test/fixtures/sample-collection):
// Go to Definition, Find All References, Rename and the hover of `targetPort: http` and its kin.

const FIXTURE = path.resolve(__dirname, '../fixtures/sample-collection');

function positionOf(text: string, needle: string, n = 0): { line: number; character: number } {
  let at = -1;
  for (let k = 0; k <= n; k++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${n} not in text`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) + 1 };
}

async function waitIndexed(client: LspClient): Promise<void> {
  // A deadline, not a count of polls: on a loaded machine each poll itself can take long.
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const s = await client.request('ianaPorts/indexStatus', null);
    if (s.state === 'ready') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('index never became ready');
}

describe('Kubernetes named ports over stdio', function () {
  let client: LspClient;
  let root: string;
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  const rel = (u: string) => path.relative(root, new URL(u).pathname);
  const places = (ls: any[]) => ls.map((l) => `${rel(l.uri)}:${l.range.start.line + 1}`).sort();

  function open(file: string): { uri: string; text: string } {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    client.open(uri(file), 'yaml', text);
    return { uri: uri(file), text };
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-kube-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    client = new LspClient({ configuration: true, settings: {}, workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const init = await client.initialize(pathToFileURL(root).href);
    assert.equal(init.capabilities.definitionProvider, true);
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    await waitIndexed(client);
  });
  after(async () => {
    await client.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('Go to Definition on targetPort: http jumps to the container port named http of the selected pods', async () => {
    const svc = open('kubernetes/shop/service.yaml');
    const defs = await client.request('textDocument/definition', { textDocument: { uri: svc.uri }, position: positionOf(svc.text, 'targetPort: http', 0) });
    assert.equal(defs, null, 'the key itself is no name');
    const at = positionOf(svc.text, 'http\n');
    const found = await client.request('textDocument/definition', { textDocument: { uri: svc.uri }, position: at });
    assert.deepEqual(places(found), ['kubernetes/shop/deployment.yaml:21']);
  });

  it('Find All References lists the declaration, the probes and the targetPort, not the catalog\'s own http port', async () => {
    const svc = open('kubernetes/shop/service.yaml');
    const refs = await client.request('textDocument/references', { textDocument: { uri: svc.uri }, position: positionOf(svc.text, 'http\n'), context: { includeDeclaration: true } });
    assert.deepEqual(places(refs), ['kubernetes/shop/deployment.yaml:21', 'kubernetes/shop/deployment.yaml:31', 'kubernetes/shop/deployment.yaml:35', 'kubernetes/shop/service.yaml:12']);
  });

  it('hover on targetPort: http says which port it is and where it is declared, before IANA\'s card on the name', async () => {
    const svc = open('kubernetes/shop/service.yaml');
    const h = hoverText(await client.request('textDocument/hover', { textDocument: { uri: svc.uri }, position: positionOf(svc.text, 'http\n') }));
    const resolved = h.indexOf('**http** → 8080');
    assert.ok(resolved === 0, h);
    assert.match(h, /containerPort 8080\/TCP of container "web" in Deployment "storefront"/);
    assert.match(h, /shop\/deployment\.yaml:21/);
  });

  it('Rename renames the declaration, the probes and the targetPort together, and refuses an invalid name', async () => {
    const dep = open('kubernetes/shop/deployment.yaml');
    const pos = positionOf(dep.text, 'http\n');
    const prep = await client.request('textDocument/prepareRename', { textDocument: { uri: dep.uri }, position: pos });
    assert.equal(prep.placeholder, 'http');
    assert.equal(prep.range.start.line, 20);
    const edit = await client.request('textDocument/rename', { textDocument: { uri: dep.uri }, position: pos, newName: 'web-http' });
    const edits = Object.entries(edit.changes as Record<string, any[]>).flatMap(([u, es]) => es.map((e) => `${rel(u)}:${e.range.start.line + 1}:${e.newText}`)).sort();
    assert.deepEqual(edits, ['kubernetes/shop/deployment.yaml:21:web-http', 'kubernetes/shop/deployment.yaml:31:web-http', 'kubernetes/shop/deployment.yaml:35:web-http', 'kubernetes/shop/service.yaml:12:web-http']);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: dep.uri }, position: pos, newName: 'storefront-http-main' }), /20 characters long \(at most 15\)/);
    // A number is no name to rename.
    const num = await client.request('textDocument/prepareRename', { textDocument: { uri: dep.uri }, position: positionOf(dep.text, '8080') });
    assert.equal(num, null);
  });

  it('an Ingress port.name leads to the Service port of that name; renaming a Service port name renames the backends', async () => {
    const ing = open('kubernetes/shop/ingress.yaml');
    const pos = positionOf(ing.text, 'storefront-public-http-traffic');
    assert.deepEqual(places(await client.request('textDocument/definition', { textDocument: { uri: ing.uri }, position: pos })), ['kubernetes/shop/service.yaml:10']);
    const edit = await client.request('textDocument/rename', { textDocument: { uri: ing.uri }, position: pos, newName: 'storefront-web' });
    const edits = Object.entries(edit.changes as Record<string, any[]>).flatMap(([u, es]) => es.map((e) => `${rel(u)}:${e.range.start.line + 1}`)).sort();
    assert.deepEqual(edits, ['kubernetes/shop/ingress.yaml:16', 'kubernetes/shop/service.yaml:10']);
  });
});

// Look-alikes (test/fixtures/kube-named-ports): the name `http` in four Deployments, of which a Service
// reaches only those its selector and namespace pick, and `admin`, declared only by a container that the
// Service naming it does not select.
describe('Kubernetes named ports over stdio: same names, different pods', function () {
  let client: LspClient;
  let root: string;
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  const rel = (u: string) => path.relative(root, new URL(u).pathname);
  const places = (ls: any[] | null) => (ls ?? []).map((l) => `${rel(l.uri)}:${l.range.start.line + 1}`).sort();
  const edits = (edit: any) => Object.entries(edit.changes as Record<string, any[]>).flatMap(([u, es]) => es.map((e) => `${rel(u)}:${e.range.start.line + 1}:${e.newText}`)).sort();

  function open(file: string): { uri: string; text: string } {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    client.open(uri(file), 'yaml', text);
    return { uri: uri(file), text };
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-kube-lookalikes-'));
    fs.cpSync(path.resolve(__dirname, '../fixtures/kube-named-ports'), root, { recursive: true });
    client = new LspClient({ configuration: true, settings: {}, workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    await client.initialize(pathToFileURL(root).href);
    await waitIndexed(client);
  });
  after(async () => {
    await client.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('Go to Definition on a Service\'s targetPort lists the http ports of the pods it selects in its namespace, and no others', async () => {
    const ledger = open('ledger.yaml');
    const found = await client.request('textDocument/definition', { textDocument: { uri: ledger.uri }, position: positionOf(ledger.text, 'targetPort: http', 0) });
    assert.equal(found, null, 'the key itself is no name');
    const defs = await client.request('textDocument/definition', { textDocument: { uri: ledger.uri }, position: positionOf(ledger.text, 'http\n', 4) });
    // ledger and ledger-canary in finance; not ledger in staging (line 70), not payments.
    assert.deepEqual(places(defs), ['ledger.yaml:21', 'ledger.yaml:47']);
    const payments = open('payments.yaml');
    const paymentDefs = await client.request('textDocument/definition', { textDocument: { uri: payments.uri }, position: positionOf(payments.text, 'http\n', 2) });
    assert.deepEqual(places(paymentDefs), ['payments.yaml:19']);
  });

  it('a targetPort name that only an unselected container declares has no definition, only its own reference, and an error', async () => {
    const ledger = open('ledger.yaml');
    const pos = positionOf(ledger.text, 'admin\n', 1);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri: ledger.uri }, position: pos }), null);
    const refs = await client.request('textDocument/references', { textDocument: { uri: ledger.uri }, position: pos, context: { includeDeclaration: true } });
    assert.deepEqual(places(refs), ['ledger.yaml:87']);
    const h = hoverText(await client.request('textDocument/hover', { textDocument: { uri: ledger.uri }, position: pos }));
    assert.ok(h.startsWith('**admin** — no container port of this name is declared'), h);
    const published = await client.waitDiagnostics(ledger.uri, (p) => p.diagnostics.some((d) => d.code === 'unmatchedTargetPort'), 15000);
    const errors = published.diagnostics.filter((d) => d.code === 'unmatchedTargetPort');
    assert.deepEqual(errors.map((d) => [d.range.start.line + 1, d.severity]), [[87, 1]]);
    assert.match(errors[0].message, /No selected container has a port named "admin"/);
    // Renaming it edits that one place: payments' own admin port is another port.
    const edit = await client.request('textDocument/rename', { textDocument: { uri: ledger.uri }, position: pos, newName: 'ops' });
    assert.deepEqual(edits(edit), ['ledger.yaml:87:ops']);
  });

  it('Find All References on one Deployment\'s http stays within the pods its Services link', async () => {
    const payments = open('payments.yaml');
    const refs = await client.request('textDocument/references', { textDocument: { uri: payments.uri }, position: positionOf(payments.text, 'http\n'), context: { includeDeclaration: true } });
    assert.deepEqual(places(refs), ['payments.yaml:19', 'payments.yaml:26', 'payments.yaml:39']);
    const withoutDeclaration = await client.request('textDocument/references', { textDocument: { uri: payments.uri }, position: positionOf(payments.text, 'http\n'), context: { includeDeclaration: false } });
    assert.deepEqual(places(withoutDeclaration), ['payments.yaml:26', 'payments.yaml:39']);
  });

  it('Rename from a declaration renames the ports one Service joins, not a same-named port elsewhere', async () => {
    const ledger = open('ledger.yaml');
    const pos = positionOf(ledger.text, 'http\n');
    const prep = await client.request('textDocument/prepareRename', { textDocument: { uri: ledger.uri }, position: pos });
    assert.deepEqual(prep, { range: { start: { line: 20, character: 20 }, end: { line: 20, character: 24 } }, placeholder: 'http' });
    const edit = await client.request('textDocument/rename', { textDocument: { uri: ledger.uri }, position: pos, newName: 'ledger-http' });
    // The Service ledger selects both finance Deployments, so their ports must keep one name.
    assert.deepEqual(edits(edit), ['ledger.yaml:21:ledger-http', 'ledger.yaml:25:ledger-http', 'ledger.yaml:47:ledger-http', 'ledger.yaml:84:ledger-http']);
    // The staging Deployment is another cluster's: renaming its port touches nothing else.
    const staging = await client.request('textDocument/rename', { textDocument: { uri: ledger.uri }, position: positionOf(ledger.text, 'http\n', 3), newName: 'web' });
    assert.deepEqual(edits(staging), ['ledger.yaml:70:web']);
  });
});
