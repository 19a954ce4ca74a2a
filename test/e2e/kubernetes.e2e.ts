// Kubernetes named ports as a user meets them in the editor: F12 on `targetPort: http` lands on the container
// port named http, Shift+F12 lists its uses, F2 renames them together (in every file) and refuses a name that
// Kubernetes would reject. Fixtures in test/e2e/workspace/k8s: broker.yaml (a Deployment and its Service in
// one file), shop.yaml (two Deployments that both name a port http, only one of them selected) and
// shop-service.yaml (the Service of one of them and an Ingress that names a Service port).
//
// In the web worker host (vscode.dev, github.dev) the server cannot read the workspace's files and indexes
// only `file:` documents, so names resolve within one file there (package.json
// `capabilities.virtualWorkspaces` says so); the cross-file tests are skipped in that host with that reason.
// In the Node host the Service's file is still closed when Find All References runs: the server read it from disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoversAt, hoverText, openFixture, poll, positionOf, workspaceRoot } from './helpers';

const webHost = (globalThis as { __ianaPortsE2eWebHost?: boolean }).__ianaPortsE2eWebHost === true;
const NO_FILES_IN_WEB_HOST =
  'the web worker host\'s server knows only the open document\'s own manifests (no file system; virtual workspaces are declared limited)';

/** Skips the running test in the web worker host, with the reason the report prints. */
function needsWorkspaceFiles(context: Mocha.Context): void {
  if (!webHost) return;
  if (context.test) (context.test as { skipReason?: string }).skipReason = NO_FILES_IN_WEB_HOST;
  context.skip();
}

const DEPLOYMENTS = 'k8s/shop.yaml';
const SERVICE = 'k8s/shop-service.yaml';

/** A location as the user reads it in the references list: file and 1-based line:column. */
function place(l: vscode.Location | vscode.LocationLink): string {
  const uri = 'uri' in l ? l.uri : l.targetUri;
  const range = 'range' in l ? l.range : (l.targetSelectionRange ?? l.targetRange);
  const root = workspaceRoot().path;
  return `${uri.path.slice(root.length + 1)}:${range.start.line + 1}:${range.start.character + 1}`;
}

function places(ls: ReadonlyArray<vscode.Location | vscode.LocationLink> | undefined): string[] {
  return (ls ?? []).map(place).sort();
}

function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** The position on the `n`-th (0-based) occurrence of `word` that stands alone at a line's end, one character in. */
function nameAt(document: vscode.TextDocument, word: string, n = 0): vscode.Position {
  let seen = 0;
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (text.endsWith(` ${word}`) && seen++ === n) return new vscode.Position(line, text.length - word.length + 1);
  }
  assert.fail(`no ${n}-th "${word}" at a line's end in ${document.uri.path}`);
}

const definitions = (uri: vscode.Uri, at: vscode.Position) =>
  vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, at);
const references = (uri: vscode.Uri, at: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, at);
const rename = (uri: vscode.Uri, at: vscode.Position, newName: string) =>
  vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, newName);

/** A rename's edits as `file:line:column -> new text`, sorted. */
function editsOf(edit: vscode.WorkspaceEdit | undefined): string[] {
  return (edit?.entries() ?? []).flatMap(([uri, es]) => es.map((e) => `${place(new vscode.Location(uri, e.range))} -> ${e.newText}`)).sort();
}

describe('Kubernetes named ports in one file (both extension hosts)', () => {
  let broker: vscode.TextDocument;

  before(async () => {
    broker = (await openFixture('k8s/broker.yaml')).document;
  });

  after(async () => {
    await openFixture('k8s/broker.yaml');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Go to Definition on targetPort: amqp lands on the container port named amqp', async () => {
    const defs = await poll('the definition of targetPort amqp', () => definitions(broker.uri, nameAt(broker, 'amqp', 1)), (d) => (d ?? []).length > 0);
    assert.deepEqual(places(defs), ['k8s/broker.yaml:19:21']);
  });

  it('Find All References on the declaration lists it and the targetPort', async () => {
    const refs = await poll('references of amqp', () => references(broker.uri, nameAt(broker, 'amqp', 0)), (r) => (r ?? []).length > 0);
    assert.deepEqual(places(refs), ['k8s/broker.yaml:19:21', 'k8s/broker.yaml:31:19']);
  });

  it('Rename (F2) on targetPort: amqp offers the name and renames the declaration with it', async () => {
    const at = nameAt(broker, 'amqp', 1);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string } | vscode.Range>('vscode.prepareRename', broker.uri, at);
    const range = prepared instanceof vscode.Range ? prepared : prepared.range;
    assert.equal(place(new vscode.Location(broker.uri, range)), 'k8s/broker.yaml:31:19');
    assert.equal(broker.getText(range), 'amqp');
    const edit = await poll('a rename of amqp', () => rename(broker.uri, at, 'rabbit-amqp'), (e) => editsOf(e).length > 0);
    assert.deepEqual(editsOf(edit), ['k8s/broker.yaml:19:21 -> rabbit-amqp', 'k8s/broker.yaml:31:19 -> rabbit-amqp']);
    assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applies the rename');
    assert.equal(broker.lineAt(18).text, '            - name: rabbit-amqp');
    assert.equal(broker.lineAt(30).text, '      targetPort: rabbit-amqp');
  });

  it('Rename refuses a container port name Kubernetes would reject, saying why', async () => {
    const at = positionOf(broker, 'name: rabbit-amqp', 'name: r'.length);
    await assert.rejects(Promise.resolve(rename(broker.uri, at, 'rabbitmq-amqp-main')), /18 characters long \(at most 15\)/);
  });
});

describe('Kubernetes named ports across files', () => {
  let deployments: vscode.TextDocument;

  before(async () => {
    deployments = (await openFixture(DEPLOYMENTS)).document;
  });

  after(async () => {
    // Leave both files as the fixture wrote them for the tests that follow.
    for (const file of [SERVICE, DEPLOYMENTS]) {
      await openFixture(file);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('Go to Definition on a probe\'s port: http lands on the port named http of its own container', async () => {
    const defs = await poll('the definition of the probe\'s http', () => definitions(deployments.uri, nameAt(deployments, 'http', 1)),
      (d) => (d ?? []).length > 0);
    assert.deepEqual(places(defs), ['k8s/shop.yaml:18:21']);
  });

  it('Find All References on the declaration lists the probe and the Service\'s targetPort, not the other Deployment\'s http', async function () {
    needsWorkspaceFiles(this);
    // The Service's file is not open yet: the server read it from the workspace.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith(SERVICE)), `${SERVICE} is not open`);
    const refs = await poll('references in both files', () => references(deployments.uri, nameAt(deployments, 'http', 0)),
      (r) => places(r).some((p) => p.startsWith(SERVICE)));
    assert.deepEqual(places(refs), ['k8s/shop-service.yaml:11:19', 'k8s/shop.yaml:18:21', 'k8s/shop.yaml:23:21']);
  });

  it('Go to Definition and hover on the Service\'s targetPort: http resolve to containerPort 8080 of Deployment storefront', async function () {
    needsWorkspaceFiles(this);
    const service = (await openFixture(SERVICE)).document;
    const at = nameAt(service, 'http');
    const defs = await poll('the definition of targetPort http', () => definitions(service.uri, at), (d) => (d ?? []).length > 0);
    assert.deepEqual(places(defs), ['k8s/shop.yaml:18:21']);
    const hover = hoverText(await hoversAt(service.uri, at));
    assert.ok(hover.startsWith('**http** → 8080: containerPort 8080/TCP of container "web" in Deployment "storefront"'), hover);
  });

  it('a targetPort name no selected container declares has no definition, and the hover says so', async function () {
    needsWorkspaceFiles(this);
    const service = (await openFixture(SERVICE)).document;
    const at = nameAt(service, 'admin');
    // Ask once the server resolves names in this file (the http one above), so that an empty answer means "none".
    await poll('the definition of targetPort http', () => definitions(service.uri, nameAt(service, 'http')), (d) => (d ?? []).length > 0);
    assert.deepEqual(places(await definitions(service.uri, at)), []);
    assert.deepEqual(places(await references(service.uri, at)), ['k8s/shop-service.yaml:14:19']);
    assert.match(hoverText(await hoversAt(service.uri, at)), /^\*\*admin\*\* — no container port of this name is declared/);
  });

  it('an Ingress backend\'s port.name goes to the Service port of that name', async () => {
    const service = (await openFixture(SERVICE)).document;
    const defs = await poll('the definition of the backend port name', () => definitions(service.uri, nameAt(service, 'storefront-web', 1)),
      (d) => (d ?? []).length > 0);
    assert.deepEqual(places(defs), ['k8s/shop-service.yaml:9:13']);
  });

  it('Rename (F2) on the declaration offers the name, renames it in both files, and leaves the other Deployment alone', async function () {
    needsWorkspaceFiles(this);
    deployments = (await openFixture(DEPLOYMENTS)).document;
    const at = nameAt(deployments, 'http', 0);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string } | vscode.Range>('vscode.prepareRename', deployments.uri, at);
    const range = prepared instanceof vscode.Range ? prepared : prepared.range;
    assert.equal(deployments.getText(range), 'http');
    assert.equal(place(new vscode.Location(deployments.uri, range)), 'k8s/shop.yaml:18:21');

    const edit = await poll('a rename that reaches the Service', () => rename(deployments.uri, at, 'web-http'),
      (e) => editsOf(e).some((x) => x.startsWith(SERVICE)));
    assert.deepEqual(editsOf(edit), ['k8s/shop-service.yaml:11:19 -> web-http', 'k8s/shop.yaml:18:21 -> web-http', 'k8s/shop.yaml:23:21 -> web-http']);
    assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applies the rename');
    const service = await vscode.workspace.openTextDocument(fixtureUri(SERVICE));
    assert.equal(service.lineAt(10).text, '      targetPort: web-http');
    assert.equal(deployments.lineAt(17).text, '            - name: web-http');
    assert.equal(deployments.lineAt(22).text, '              port: web-http');
    assert.equal(deployments.lineAt(41).text, '            - name: http', 'admin-console keeps its own http');
  });
});
