// A minimal LSP client over stdio for the benchmark: spawns a server, frames messages, answers the
// server's own requests the way an editor would, and times what it is asked to. Every process it
// starts is remembered so the benchmark can kill them all, whatever happens.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

const live = new Set<ChildProcess>();

/** Kills every server still running (used on exit and on interruption). */
export function killAll(): void {
  for (const p of live) {
    try {
      p.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

type Json = Record<string, unknown>;

export class LspProcess {
  readonly proc: ChildProcess;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
  private buf: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly diagWaiters = new Map<string, ((at: number, count: number) => void)[]>();
  /** Settings answered to workspace/configuration, by section; null (the defaults) for the others. */
  configuration: Record<string, unknown> = {};
  /** Log lines the server sent (window/logMessage), kept for the registry load time it reports. */
  readonly logs: string[] = [];
  private stderr = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;

  /** `nodeArgs` go before the script, e.g. `--cpu-prof` to profile the server. */
  constructor(script: string, args: string[] = ['--stdio'], nodeArgs: string[] = []) {
    this.spawnedAt = performance.now();
    this.proc = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this.proc);
    this.exitPromise = new Promise((resolve) => {
      this.proc.once('exit', () => {
        this.exited = true;
        live.delete(this.proc);
        for (const p of this.pending.values()) p.reject(new Error(`server exited: ${this.stderr.slice(-500)}`));
        this.pending.clear();
        resolve();
      });
    });
    this.proc.stdout!.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.proc.stdin!.on('error', () => undefined);
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  private onData(d: Buffer): void {
    const now = performance.now();
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      const h = this.buf.indexOf('\r\n\r\n');
      if (h < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buf.subarray(0, h).toString('ascii'));
      const len = m ? Number(m[1]) : 0;
      if (this.buf.length < h + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(h + 4, h + 4 + len).toString('utf8')) as Json;
      this.buf = this.buf.subarray(h + 4 + len);
      this.dispatch(msg, now);
    }
  }

  private dispatch(msg: Json, at: number): void {
    if (msg.method !== undefined && msg.id !== undefined) {
      // A request from the server: answer as an editor with default settings would.
      const params = msg.params as { items?: { section?: string }[] } | undefined;
      const result = msg.method === 'workspace/configuration' ? (params?.items ?? []).map((i) => this.configuration[i.section ?? ''] ?? null) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
    } else if (msg.method !== undefined) {
      if (msg.method === 'textDocument/publishDiagnostics') {
        const p = msg.params as { uri: string; diagnostics: unknown[] };
        const ws = this.diagWaiters.get(p.uri);
        if (ws?.length) ws.shift()!(at, p.diagnostics.length);
      } else if (msg.method === 'window/logMessage') {
        this.logs.push(String((msg.params as { message?: unknown }).message ?? ''));
      }
    } else {
      const p = this.pending.get(msg.id as number);
      if (!p) return;
      this.pending.delete(msg.id as number);
      if (msg.error) p.reject(new Error(JSON.stringify(msg.error)));
      else p.resolve(msg.result);
    }
  }

  private write(o: unknown): void {
    if (this.exited) return;
    const s = JSON.stringify(o);
    this.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 30000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(t);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Sends `initialize` as VS Code would (configuration pull, push diagnostics) and `initialized`. */
  async initialize(rootUri: string | null = null): Promise<unknown> {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: null,
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          publishDiagnostics: { relatedInformation: true },
          synchronization: { didSave: true },
        },
        workspace: { configuration: true },
      },
    });
    this.notify('initialized', {});
    return res;
  }

  /** Resolves with performance.now() of the next publishDiagnostics for `uri` and its count. */
  nextDiagnostics(uri: string, timeoutMs = 30000): Promise<{ at: number; count: number }> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.diagWaiters.get(uri) ?? [];
      list.push((at, count) => {
        clearTimeout(t);
        resolve({ at, count });
      });
      this.diagWaiters.set(uri, list);
    });
  }

  /** Opens a document; returns performance.now() taken just before the notification is written. */
  open(uri: string, languageId: string, text: string): number {
    const t = performance.now();
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return t;
  }

  /** Resident memory of the server in bytes (Linux /proc), or undefined where not available. */
  rss(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+)\s*kB/.exec(fs.readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * CPU time the server has used so far, all its threads, in ms (Linux /proc, in steps of the kernel's
   * 10 ms tick), or undefined where not available. Under load it moves far less than wall time does.
   */
  cpuMs(): number | undefined {
    try {
      const fields = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  /** Asks the server to shut down and exit; kills it if it has not gone within a second. */
  async close(): Promise<void> {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, 1000);
      this.notify('exit', null);
    } catch {
      /* kill below */
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 1000);
    await this.exitPromise;
    clearTimeout(timer);
  }
}
