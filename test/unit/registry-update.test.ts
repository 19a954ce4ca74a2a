import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ENGLISH, registerRegistryCommands, TEST_LOOPBACK_ENV } from '../../client/src/registry';
import { hoverText, LspClient } from '../helpers/lspClient';

// The "Update Registry from IANA" command as a user meets it: its VS Code handler, run with a small stand-in
// for the VS Code API (commands, progress with a Cancel button, messages, settings), against a loopback
// HTTP server and the real language server (dist/server.js; build first).

const FIXTURES = path.resolve(__dirname, '../fixtures/iana');
const MINI = fs.readFileSync(path.join(FIXTURES, 'mini.xml'), 'utf8');
const COMPOSE_URI = 'file:///work/update/docker-compose.yml';
const COMPOSE = 'services:\n  web:\n    ports:\n      - "8080:80"\n';

/** IANA's XML with `count` extra records made by `record(i)`, inserted before the people table. */
function miniWith(count: number, record: (i: number) => string): string {
  const extra: string[] = [];
  for (let i = 0; i < count; i++) extra.push(record(i));
  const at = MINI.indexOf('<people>') >= 0 ? MINI.indexOf('<people>') : MINI.lastIndexOf('</registry>');
  return MINI.slice(0, at) + extra.join('\n') + MINI.slice(at);
}

const BODIES: Record<string, () => string> = {
  '/mini.xml': () => MINI,
  // 9 MB of control characters in one description: 54 MB once encoded as JSON, which the server refused
  // after the client had already replaced the stored registry with it.
  '/control-chars.xml': () => MINI.replace('<description>World Wide Web HTTP</description>', `<description>${'\u0001'.repeat(9_000_000)}</description>`),
  // 40,000 ranges nested inside each other: the index over them needs about 1.6 billion entries.
  '/nested-ranges.xml': () => miniWith(40_000, (i) => `<record><name>n${i}</name><protocol>tcp</protocol><number>${1 + (i % 20_000)}-${65_000 - (i % 20_000)}</number><description>nested</description></record>`),
  // 20,000 records on port 4000: every hover on it walked all of them (1.5 s).
  '/crowded-port.xml': () => miniWith(20_000, (i) => `<record><name>c${i}</name><protocol>tcp</protocol><number>4000</number><description>crowded</description></record>`),
};

interface Served {
  server: http.Server;
  base: string;
  requests: string[];
}

function serve(): Promise<Served> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const name = req.url ?? '/';
    requests.push(name);
    if (name === '/stall.xml') {
      // Sends the head and a first chunk, then nothing: only a deadline or a cancel ends it.
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write(MINI.slice(0, 200));
      return;
    }
    const body = BODIES[name];
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    const bytes = Buffer.from(body(), 'utf8');
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(bytes.length) });
    res.end(bytes);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

/** Just enough of the VS Code API for the registry commands, recording what the user would see. */
class FakeVsCode {
  readonly commands = new Map<string, () => Promise<void>>();
  readonly messages: { kind: 'error' | 'info'; text: string }[] = [];
  settings: { globalValue?: string; workspaceValue?: string } = {};
  /** Called with the progress notification's cancellation source when a progress starts. */
  onProgress: ((cancel: () => void) => void) | undefined;
  progressOptions: { cancellable?: boolean } | undefined;

  api() {
    // The API object is built from closures so that the handlers see this instance.
    const self = this;
    return {
      ProgressLocation: { Notification: 15 },
      l10n: ENGLISH,
      commands: {
        registerCommand(id: string, fn: () => Promise<void>) {
          self.commands.set(id, fn);
          return { dispose() {} };
        },
      },
      workspace: {
        getConfiguration: () => ({ inspect: () => ({ key: 'ianaPorts.registry.url', ...self.settings }), get: () => undefined }),
      },
      window: {
        showErrorMessage: async (text: string) => void self.messages.push({ kind: 'error', text }),
        showInformationMessage: async (text: string) => void self.messages.push({ kind: 'info', text }),
        showWarningMessage: async (text: string) => void self.messages.push({ kind: 'info', text }),
        withProgress: async (options: { cancellable?: boolean }, task: (progress: unknown, token: unknown) => Promise<unknown>) => {
          self.progressOptions = options;
          const listeners: (() => void)[] = [];
          const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose() {} }) };
          self.onProgress?.(() => {
            token.isCancellationRequested = true;
            for (const l of listeners) l();
          });
          return task({ report() {} }, token);
        },
      },
    };
  }
}

describe('Update Registry from IANA (the command)', function () {
  this.timeout(60_000);
  let served: Served;
  let storage: string;
  let lsp: LspClient | undefined;
  let vscode: FakeVsCode;
  const hook = process.env[TEST_LOOPBACK_ENV];

  before(async () => {
    served = await serve();
    process.env[TEST_LOOPBACK_ENV] = '1';
  });
  after(() => {
    if (hook === undefined) delete process.env[TEST_LOOPBACK_ENV];
    else process.env[TEST_LOOPBACK_ENV] = hook;
    return new Promise<void>((resolve) => served.server.close(() => resolve()));
  });
  beforeEach(async () => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-update-'));
    lsp = new LspClient();
    await lsp.initialize();
    vscode = new FakeVsCode();
    const context = { globalStorageUri: { fsPath: storage }, subscriptions: [] as unknown[] };
    registerRegistryCommands(vscode.api() as never, context as never, { sendRequest: (method: string, params?: unknown) => lsp!.request(method, params ?? null, 60_000) } as never);
  });
  afterEach(async () => {
    await lsp?.close();
    lsp = undefined;
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const update = async (urlPath: string) => {
    vscode.settings = { globalValue: `${served.base}${urlPath}` };
    vscode.messages.length = 0;
    await vscode.commands.get('ianaPorts.updateRegistry')!();
    assert.equal(vscode.messages.length, 1, JSON.stringify(vscode.messages));
    return vscode.messages[0];
  };
  const stored = () => path.join(storage, 'registry.json');

  it('stores a good download and uses it at once', async () => {
    const m = await update('/mini.xml');
    assert.equal(m.kind, 'info');
    assert.match(m.text, /now uses IANA registry release 2025-06-30 \(14 records\)/);
    assert.ok(fs.existsSync(stored()));
    assert.equal((await lsp!.request('ianaPorts/registryInfo', null)).release, '2025-06-30');
  });

  it('a download the server refuses (9 MB of control characters, 54 MB once encoded) keeps the stored registry, and the message says which release stays', async () => {
    await update('/mini.xml');
    const before = fs.readFileSync(stored());
    const m = await update('/control-chars.xml');
    assert.equal(m.kind, 'error');
    assert.ok(fs.existsSync(stored()), 'the previously stored registry was deleted');
    assert.deepEqual(fs.readFileSync(stored()), before, 'the previously stored registry was replaced');
    assert.match(m.text, /(registry|release) 2025-06-30 stays in use/);
    assert.ok(m.text.length < 2_500, `the message is ${m.text.length} characters long`);
    assert.equal((await lsp!.request('ianaPorts/registryInfo', null)).release, '2025-06-30');
    assert.deepEqual(fs.readdirSync(storage), ['registry.json'], 'the download left files behind');
  });

  it('refuses 40,000 nested ranges before storing them (they killed the server at its first look-up, on every start)', async () => {
    const m = await update('/nested-ranges.xml');
    assert.equal(m.kind, 'error', m.text);
    assert.match(m.text, /ranges cover port \d+, more than the limit of \d+ \(nested ranges\)/);
    assert.ok(!fs.existsSync(stored()));
    lsp!.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    const h = await lsp!.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: { line: 3, character: 14 } });
    assert.match(hoverText(h), /Port 80\*\*/);
  });

  it('refuses 20,000 records on one port (a hover on it took 1.5 s)', async () => {
    const m = await update('/crowded-port.xml');
    assert.equal(m.kind, 'error', m.text);
    assert.match(m.text, /20\d\d\d records on port 4000, more than the limit of \d+/);
    assert.ok(!fs.existsSync(stored()));
  });

  it('can be cancelled from its progress notification, leaving the stored registry and no partial file', async () => {
    await update('/mini.xml');
    const before = fs.readFileSync(stored());
    let cancel: (() => void) | undefined;
    vscode.onProgress = (c) => (cancel = c);
    vscode.settings = { globalValue: `${served.base}/stall.xml` };
    vscode.messages.length = 0;
    const done = vscode.commands.get('ianaPorts.updateRegistry')!();
    // Waits until the server has answered the stalled request's head, then presses Cancel.
    while (!served.requests.includes('/stall.xml')) await new Promise((r) => setTimeout(r, 20));
    assert.equal(vscode.progressOptions?.cancellable, true, 'the progress notification has no Cancel button');
    cancel!();
    await done;
    assert.equal(vscode.messages.length, 1);
    assert.match(vscode.messages[0].text, /cancelled.*release 2025-06-30 stays in use/);
    assert.deepEqual(fs.readFileSync(stored()), before);
    assert.deepEqual(fs.readdirSync(storage), ['registry.json']);
  });

  it('downloads from the user\'s URL only: a workspace value is ignored, and the setting is machine-scoped', async () => {
    served.requests.length = 0;
    vscode.settings = { globalValue: `${served.base}/mini.xml`, workspaceValue: `${served.base}/nested-ranges.xml` };
    await vscode.commands.get('ianaPorts.updateRegistry')!();
    assert.deepEqual(served.requests, ['/mini.xml']);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    assert.equal(pkg.contributes.configuration.properties['ianaPorts.registry.url'].scope, 'machine');
  });
});
