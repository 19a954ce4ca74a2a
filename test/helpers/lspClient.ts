import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

/** The built server, as users run it: `node dist/server.js --stdio`. */
export const SERVER_JS = path.resolve(__dirname, '../../dist/server.js');

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export interface ClientOptions {
  /** Advertise pull diagnostics (textDocument.diagnostic). */
  pullDiagnostics?: boolean;
  /** Advertise workspace/configuration; answers come from `settings`. */
  configuration?: boolean;
  settings?: unknown;
  initializationOptions?: unknown;
  /** Answers for other configuration sections (e.g. `files`), by section name. */
  sections?: Record<string, unknown>;
  /** Extra `capabilities.workspace` entries (e.g. `didChangeWatchedFiles`). */
  workspaceCapabilities?: Record<string, unknown>;
}

/**
 * A small LSP client over a real child process, for protocol tests: requests with ids, notifications,
 * published diagnostics with waiters, and answers to the server's own requests.
 */
export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  readonly diagnostics = new Map<string, { version?: number; diagnostics: any[] }>();
  private waiters: { uri: string; pred: (d: any) => boolean; resolve: (d: any) => void }[] = [];
  readonly serverRequests: { method: string; params: any }[] = [];
  readonly logs: string[] = [];
  /** Other notifications from the server (custom ones included), in arrival order. */
  readonly notifications: { method: string; params: any }[] = [];
  private notificationWaiters: { method: string; pred: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  stderr = '';
  settings: unknown;
  exited: number | null | undefined;

  constructor(private readonly opts: ClientOptions = {}) {
    this.settings = opts.settings ?? null;
    this.proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.on('exit', (code) => {
      this.exited = code;
      for (const p of this.pending.values()) p.reject(new Error(`server exited with ${code}: ${this.stderr.slice(-500)}`));
      this.pending.clear();
    });
    this.proc.stdin.on('error', () => undefined);
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const h = this.buf.indexOf('\r\n\r\n');
      if (h < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buf.subarray(0, h).toString());
      if (!m) throw new Error('bad header from server');
      const len = Number(m[1]);
      if (this.buf.length < h + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(h + 4, h + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(h + 4 + len);
      this.onMessage(msg);
    }
  }

  private onMessage(msg: any): void {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.error) {
        const e = new Error(msg.error.message) as Error & { code?: number };
        e.code = msg.error.code;
        p.reject(e);
      } else p.resolve(msg.result);
    } else if (msg.id !== undefined) {
      this.serverRequests.push({ method: msg.method, params: msg.params });
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') {
        result = (msg.params.items ?? []).map((it: { section?: string }) =>
          it.section && this.opts.sections && it.section in this.opts.sections ? this.opts.sections[it.section] : this.settings);
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result });
    } else if (msg.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.set(msg.params.uri, msg.params);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === msg.params.uri && w.pred(msg.params)) {
          w.resolve(msg.params);
          return false;
        }
        return true;
      });
    } else if (msg.method === 'window/logMessage') {
      this.logs.push(msg.params.message);
    } else if (msg.method !== undefined) {
      this.notifications.push({ method: msg.method, params: msg.params });
      this.notificationWaiters = this.notificationWaiters.filter((w) => {
        if (w.method === msg.method && w.pred(msg.params)) {
          w.resolve(msg.params);
          return false;
        }
        return true;
      });
    }
  }

  send(obj: unknown): void {
    const s = JSON.stringify(obj);
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }

  /** Sends a request; returns its id with the promise so tests can cancel it. */
  requestWithId<T = any>(method: string, params: unknown, timeoutMs = 10000): { id: number; promise: Promise<T> } {
    const id = ++this.nextId;
    const promise = new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timeout waiting for ${method}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(t); resolve(v as T); },
        reject: (e) => { clearTimeout(t); reject(e); },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
    return { id, promise };
  }

  /** Sends a request and its $/cancelRequest in one write, so the server reads both before dispatching. */
  requestThenCancel<T = any>(method: string, params: unknown): Promise<T> {
    const realSend = this.send.bind(this);
    const chunks: string[] = [];
    this.send = (obj: unknown) => {
      const s = JSON.stringify(obj);
      chunks.push(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
    };
    try {
      const { id, promise } = this.requestWithId<T>(method, params);
      this.notify('$/cancelRequest', { id });
      return promise;
    } finally {
      this.send = realSend;
      this.proc.stdin.write(chunks.join(''));
    }
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 10000): Promise<T> {
    return this.requestWithId<T>(method, params, timeoutMs).promise;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(rootUri: string | null = null): Promise<any> {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: null,
      initializationOptions: this.opts.initializationOptions,
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          ...(this.opts.pullDiagnostics ? { diagnostic: { dynamicRegistration: false } } : {}),
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
        workspace: { configuration: !!this.opts.configuration, didChangeConfiguration: { dynamicRegistration: true }, ...this.opts.workspaceCapabilities },
      },
    });
    this.notify('initialized', {});
    return res;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Resolves with the first publishDiagnostics for `uri` that satisfies `pred` (already received ones count). */
  waitDiagnostics(uri: string, pred: (p: { version?: number; diagnostics: any[] }) => boolean = () => true, timeoutMs = 5000): Promise<{ version?: number; diagnostics: any[] }> {
    const have = this.diagnostics.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (d) => { clearTimeout(t); resolve(d); } });
    });
  }

  /** Resolves with the first notification `method` whose params satisfy `pred` from now on. */
  waitNotification(method: string, pred: (p: any) => boolean = () => true, timeoutMs = 10000): Promise<any> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ${method} notification within ${timeoutMs} ms`)), timeoutMs);
      this.notificationWaiters.push({ method, pred, resolve: (p) => { clearTimeout(t); resolve(p); } });
    });
  }

  async close(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await this.request('shutdown', null, 3000);
        this.notify('exit', null);
      } catch {
        /* already gone */
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited !== undefined) return resolve();
      const t = setTimeout(() => { this.proc.kill('SIGKILL'); resolve(); }, 2000);
      this.proc.once('exit', () => { clearTimeout(t); resolve(); });
    });
  }
}

/** Hover contents as one string. */
export function hoverText(h: any): string {
  if (!h) return '';
  const c = h.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value ?? '';
}
