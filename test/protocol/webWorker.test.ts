import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { hoverText } from '../helpers/lspClient';

// The web worker bundle (dist/web/server.js) run the way a browser runs it: a global scope with
// postMessage and onmessage and nothing of Node (no require, process, setImmediate or Buffer), so a
// Node API reached at load or on a request fails here as it would in vscode.dev.

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist', 'web', 'server.js');
const COMPOSE_URI = 'untitled:Untitled-1';
const COMPOSE = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n      - "61000:8080"\n';

/**
 * A browser MessageChannel as far as the server uses it (a macrotask for its setImmediate stand-in).
 * Node's own would keep the test process alive after the tests: its ports hold the event loop open.
 */
class TimerChannel {
  readonly port1: { onmessage: ((e: { data: unknown }) => void) | null } = { onmessage: null };
  readonly port2 = { postMessage: (data: unknown) => void setTimeout(() => this.port1.onmessage?.({ data }), 0) };
}

class WorkerScope {
  private seq = 0;
  private readonly waiting = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
  readonly notifications: { method: string; params: any }[] = [];
  readonly context: vm.Context;

  constructor() {
    const scope: Record<string, unknown> = {
      console: { log() {}, info() {}, warn() {}, error() {} },
      setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, MessageChannel: TimerChannel, TextEncoder, TextDecoder, performance, URL,
      addEventListener() {},
      removeEventListener() {},
      postMessage: (m: any) => this.received(m),
    };
    scope.self = scope;
    this.context = vm.createContext(scope);
    vm.runInContext(fs.readFileSync(SERVER, 'utf8'), this.context, { filename: SERVER });
  }

  private received(m: any): void {
    if (m.id !== undefined && !m.method) {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    } else if (m.method && m.id !== undefined) {
      // Requests from the server (configuration, registrations) get an empty answer.
      this.send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? (m.params.items as unknown[]).map(() => null) : null });
    } else {
      this.notifications.push(m);
    }
  }

  private send(m: unknown): void {
    (this.context.onmessage as (e: { data: unknown }) => void)({ data: m });
  }

  request(method: string, params: unknown): Promise<any> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)));
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }
}

async function until<T>(what: string, f: () => T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${what}`);
}

describe('language server in a web worker scope (dist/web/server.js)', () => {
  it('loads without Node, takes its registry from initializationOptions, and serves an untitled compose file', async () => {
    const scope = new WorkerScope();
    assert.equal(typeof scope.context.onmessage, 'function', 'the server listens on the worker scope');
    const registry = fs.readFileSync(path.join(ROOT, 'data', 'registry.json'), 'utf8');
    const init = await scope.request('initialize', {
      processId: null, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: 'vscode-vfs://github/acme/shop', name: 'shop' }],
      initializationOptions: { bundledRegistry: registry },
    });
    assert.equal(init.capabilities.hoverProvider, true);
    scope.notify('initialized', {});
    scope.notify('textDocument/didOpen', { textDocument: { uri: COMPOSE_URI, languageId: 'dockercompose', version: 1, text: COMPOSE } });

    const hover = await scope.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: { line: 4, character: 10 } });
    assert.match(hoverText(hover), /postgresql/);

    const completion = await scope.request('textDocument/completion', { textDocument: { uri: COMPOSE_URI }, position: { line: 4, character: 10 } });
    const items = Array.isArray(completion) ? completion : completion?.items ?? [];
    assert.ok(items.length > 0, 'completion answers');

    const published = await until('diagnostics', () => scope.notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === COMPOSE_URI));
    const dynamic = published.params.diagnostics.filter((d: any) => d.code === 'dynamicRange');
    assert.equal(dynamic.length, 1, JSON.stringify(published.params.diagnostics));
    assert.equal(dynamic[0].range.start.line, 5);

    const actions = await scope.request('textDocument/codeAction', {
      textDocument: { uri: COMPOSE_URI }, range: dynamic[0].range, context: { diagnostics: dynamic },
    });
    assert.ok(actions.length > 0, 'a quick fix is offered for the dynamicRange warning');
  });

  it('answers with an error log instead of crashing when the client sends no registry', async () => {
    const scope = new WorkerScope();
    await scope.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: {} });
    scope.notify('initialized', {});
    scope.notify('textDocument/didOpen', { textDocument: { uri: COMPOSE_URI, languageId: 'dockercompose', version: 1, text: COMPOSE } });
    const hover = await scope.request('textDocument/hover', { textDocument: { uri: COMPOSE_URI }, position: { line: 4, character: 10 } });
    assert.equal(hover, null);
    const logged = await until('log', () => scope.notifications.find((n) => n.method === 'window/logMessage' && /registry/.test(n.params.message)));
    assert.match(logged.params.message, /no registry/);
  });
});
