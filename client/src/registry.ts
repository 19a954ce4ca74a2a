import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type * as vscodeApi from 'vscode';
import { IANA_REGISTRY_URL, IMPORT_REGISTRY_REQUEST, REGISTRY_INFO_REQUEST, USE_REGISTRY_REQUEST, type UseRegistryResult } from '../../server/src/protocol';

/**
 * "IANA Ports: Update Registry from IANA" and "Revert to Bundled Registry".
 *
 * The download runs here, in the extension host, not in the language server: the extension host
 * applies VS Code's proxy settings (`http.proxy`, system proxies) to Node's https module, and the
 * global storage folder is the extension's to write. The client only downloads bytes into a
 * temporary file; the server converts and validates them, and replaces the stored registry only
 * with one it has loaded itself (request `ianaPorts/importRegistry`). So a refused download never
 * touches the registry in use or the one stored before, and every message says which is in use.
 *
 * The functions below take plain paths and URLs so tests can run them against a loopback server;
 * only `registerRegistryCommands` touches the VS Code API, which it receives as an argument.
 */

/** The converted registry in the extension's global storage. */
export const REGISTRY_FILE_NAME = 'registry.json';
/** IANA's XML is about 4 MB; anything much larger is not the registry. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
/** IANA's registry holds over 14,000 records; far fewer means a truncated or wrong document. */
export const MIN_RECORDS = 10_000;
/** A connection silent for this long is given up. */
const IDLE_TIMEOUT_MS = 30_000;
/** The whole download, redirects included, must finish within this (4 MB at 25 KB/s). */
const DEADLINE_MS = 180_000;
const MAX_REDIRECTS = 5;
/** The longest error text shown in a notification. */
const MAX_MESSAGE_CHARS = 2_000;

/**
 * Test hook: with `IANA_PORTS_TEST_LOOPBACK=1` in the extension host's environment, the commands also
 * accept `http://` on a loopback host and a small registry, so end-to-end tests can serve a fixture.
 */
export const TEST_LOOPBACK_ENV = 'IANA_PORTS_TEST_LOOPBACK';

/**
 * Where messages are put into the display language: `vscode.l10n` in the extension, English in tests and
 * wherever no translation is given. The English text is the key, `{0}`, `{1}` the arguments.
 */
export interface Translator {
  t(message: string, ...args: Array<string | number>): string;
}

/** Messages as written, with their arguments filled in. */
export const ENGLISH: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
};

export interface DownloadOptions {
  /** The display language of the errors (default English). */
  l10n?: Translator;
  maxBytes?: number;
  /** Gives up when the connection is silent this long. */
  timeoutMs?: number;
  /** Gives up when the whole download has not finished this long after it started. */
  deadlineMs?: number;
  /** Aborts the download (the progress notification's Cancel button). */
  signal?: AbortSignal;
  /** Told the bytes received so far. */
  onBytes?: (received: number, total: number | undefined) => void;
  /** Accept `http://` when the host is 127.0.0.1, ::1 or localhost (tests only). */
  allowLoopbackHttp?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/** Throws unless the URL may be fetched: https, or http on a loopback host when the test hook allows it. */
export function checkUrl(url: string, allowLoopbackHttp = false, l10n: Translator = ENGLISH): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(l10n.t('"{0}" is not a URL', url));
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.has(u.hostname)) return u;
  throw new Error(l10n.t('refusing {0}: only https:// URLs are fetched', url));
}

/** The error a cancelled download rejects with. */
export class DownloadCancelled extends Error {
  constructor() {
    super('the download was cancelled');
  }
}

/**
 * Downloads a URL into bytes. Follows a few redirects (each checked like the first), refuses bodies
 * over the size cap, reports a body shorter than its Content-Length or cut off by the connection as
 * truncated, and gives up at an overall deadline or when the signal aborts.
 */
export function download(url: string, options: DownloadOptions = {}): Promise<Buffer> {
  const deadlineMs = options.deadlineMs ?? DEADLINE_MS;
  const l10n = options.l10n ?? ENGLISH;
  return new Promise((resolve, reject) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    const finish = (e: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (e) {
        current?.destroy();
        reject(e);
      } else resolve(body as Buffer);
    };
    const timer = setTimeout(() => finish(new Error(l10n.t('{0} did not finish downloading within {1} s', url, deadlineMs / 1000))), deadlineMs);
    const onAbort = () => finish(new DownloadCancelled());
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    const get = (target: string, redirects: number) => {
      let u: URL;
      try {
        u = checkUrl(target, options.allowLoopbackHttp, l10n);
      } catch (e) {
        return finish(e as Error);
      }
      fetchOnce(u, target, options, (req) => (current = req), (e, res) => {
        if (e) return finish(e);
        if (res!.redirect) {
          if (redirects <= 0) return finish(new Error(l10n.t('{0}: too many redirects', target)));
          return get(new URL(res!.redirect, u).toString(), redirects - 1);
        }
        finish(undefined, res!.body);
      });
    };
    get(url, MAX_REDIRECTS);
  });
}

/** One GET: calls back with a redirect target, the body, or an error. */
function fetchOnce(u: URL, url: string, options: DownloadOptions, started: (req: http.ClientRequest) => void, done: (e: Error | undefined, res?: { redirect?: string; body?: Buffer }) => void): void {
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const timeoutMs = options.timeoutMs ?? IDLE_TIMEOUT_MS;
  const l10n = options.l10n ?? ENGLISH;
  let settled = false;
  const fail = (e: Error) => {
    if (settled) return;
    settled = true;
    done(e);
  };
  const get = u.protocol === 'https:' ? https.get : http.get;
  const req = get(u, { headers: { 'user-agent': 'vscode-iana-ports', accept: 'application/xml, text/xml, text/csv' }, timeout: timeoutMs }, (res) => {
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      settled = true;
      done(undefined, { redirect: res.headers.location });
      return;
    }
    if (status !== 200) {
      res.resume();
      fail(new Error(l10n.t('{0} answered HTTP {1}', url, status)));
      return;
    }
    const declared = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
    if (declared !== undefined && declared > maxBytes) {
      res.destroy();
      fail(new Error(l10n.t('{0} is {1} bytes, more than the {2}-byte limit', url, declared, maxBytes)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        res.destroy();
        fail(new Error(l10n.t('{0} sent more than the {1}-byte limit', url, maxBytes)));
        return;
      }
      chunks.push(c);
      options.onBytes?.(size, declared);
    });
    res.on('end', () => {
      if (settled) return;
      if (declared !== undefined && size !== declared) {
        fail(new Error(l10n.t('the download was truncated: {0} of {1} bytes arrived', size, declared)));
        return;
      }
      settled = true;
      done(undefined, { body: Buffer.concat(chunks) });
    });
    const cut = (why: string) => fail(new Error(declared !== undefined
      ? l10n.t('the download was truncated: {0} of {1} bytes arrived before the connection {2}', size, declared, why)
      : l10n.t('the download was truncated: {0} bytes arrived before the connection {1}', size, why)));
    res.on('error', (e) => cut(l10n.t('failed ({0})', e.message)));
    res.on('close', () => {
      if (!res.complete) cut(l10n.t('closed'));
    });
  });
  started(req);
  req.on('timeout', () => req.destroy(new Error(l10n.t('{0} sent nothing for {1} s', url, timeoutMs / 1000))));
  req.on('error', fail);
}

export interface UpdateOptions extends DownloadOptions {
  /** The folder the registry is stored in (the extension's global storage). */
  storageDir: string;
  /** Refuse a registry with fewer records (default MIN_RECORDS). */
  minRecords?: number;
  /** The language server, which converts, validates, stores and uses the download. */
  client: RegistryClient;
}

/** What an update did, as the user is told. */
export interface UpdateOutcome {
  ok: boolean;
  cancelled?: boolean;
  message: string;
}

/** An error text bounded for a notification. */
function bounded(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…`;
}

/** The release the server uses now, for "… stays in use"; undefined when the server does not answer. */
async function releaseInUse(client: RegistryClient): Promise<string | undefined> {
  const info = await client.sendRequest<{ release: string }>(REGISTRY_INFO_REQUEST).catch(() => undefined);
  return info?.release;
}

/**
 * Downloads IANA's registry into a temporary file beside the stored one and hands it to the server,
 * which converts, validates, stores and uses it, or refuses it leaving everything as it was. The
 * temporary file is always removed.
 */
export async function updateRegistry(url: string, options: UpdateOptions): Promise<UpdateOutcome> {
  const { client, storageDir } = options;
  const l10n = options.l10n ?? ENGLISH;
  const temp = path.join(storageDir, `download-${process.pid}-${Date.now()}.tmp`);
  try {
    let bytes: Buffer;
    try {
      bytes = await download(url, options);
    } catch (e) {
      const release = await releaseInUse(client);
      if (e instanceof DownloadCancelled) {
        const message = release
          ? l10n.t('IANA Ports: the registry download was cancelled; release {0} stays in use.', release)
          : l10n.t('IANA Ports: the registry download was cancelled.');
        return { ok: false, cancelled: true, message };
      }
      const lead = release ? l10n.t('IANA Ports: the registry was not updated; release {0} stays in use.', release) : l10n.t('IANA Ports: the registry was not updated.');
      return { ok: false, message: bounded(`${lead} ${(e as Error).message}`) };
    }
    fs.mkdirSync(storageDir, { recursive: true });
    fs.writeFileSync(temp, bytes);
    const res = await client.sendRequest<UseRegistryResult>(IMPORT_REGISTRY_REQUEST, {
      source: temp, target: path.join(storageDir, REGISTRY_FILE_NAME), origin: url, minRecords: options.minRecords ?? MIN_RECORDS,
    });
    if (!res.ok) return { ok: false, message: bounded(`IANA Ports: ${res.message ?? l10n.t('the language server refused the download; release {0} stays in use.', res.release)}`) };
    return { ok: true, message: l10n.t('IANA Ports now uses IANA registry release {0} ({1} records), downloaded from {2}.', res.release, res.records, url) };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The stored registry file, if a previous update left one. */
export function storedRegistryFile(storageDir: string): string | undefined {
  const file = path.join(storageDir, REGISTRY_FILE_NAME);
  return fs.existsSync(file) ? file : undefined;
}

/** Deletes the stored registry; true when there was one. */
export function removeRegistryFile(storageDir: string): boolean {
  const file = path.join(storageDir, REGISTRY_FILE_NAME);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file, { force: true });
  return true;
}

/** The server's answer to `ianaPorts/useRegistry`. */
export type { UseRegistryResult };

/** What the commands need from the language client. */
export interface RegistryClient {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
}

/** The download URL: the user's setting only, so that a workspace cannot redirect the download. */
function registryUrl(vscode: typeof vscodeApi): string {
  const inspected = vscode.workspace.getConfiguration('ianaPorts').inspect<string>('registry.url');
  return inspected?.globalValue || IANA_REGISTRY_URL;
}

/** Registers the two registry commands. */
export function registerRegistryCommands(vscode: typeof vscodeApi, context: vscodeApi.ExtensionContext, client: RegistryClient): void {
  const storageDir = context.globalStorageUri.fsPath;
  const testHook = process.env[TEST_LOOPBACK_ENV] === '1';
  context.subscriptions.push(
    vscode.commands.registerCommand('ianaPorts.updateRegistry', async () => {
      const url = registryUrl(vscode);
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('IANA Ports: downloading the registry from IANA'), cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          let shown = 0;
          const onBytes = (received: number, total: number | undefined) => {
            // One report per 5% (or per MB without a length): each report repaints the notification.
            const step = total ? Math.floor((received / total) * 20) : Math.floor(received / 1_048_576);
            if (step <= shown) return;
            progress.report(total ? { increment: (step - shown) * 5 } : { message: `${step} MB` });
            shown = step;
          };
          return updateRegistry(url, { storageDir, client, l10n: vscode.l10n, signal: abort.signal, onBytes, allowLoopbackHttp: testHook, minRecords: testHook ? 1 : MIN_RECORDS });
        },
      );
      if (outcome.ok || outcome.cancelled) void vscode.window.showInformationMessage(outcome.message);
      else void vscode.window.showErrorMessage(outcome.message);
    }),
    vscode.commands.registerCommand('ianaPorts.revertRegistry', async () => {
      const removed = removeRegistryFile(storageDir);
      const res = await client.sendRequest<UseRegistryResult>(USE_REGISTRY_REQUEST, { path: null });
      if (!res.ok) {
        void vscode.window.showErrorMessage(`IANA Ports: ${res.message ?? vscode.l10n.t('cannot switch back to the bundled registry.')}`);
        return;
      }
      void vscode.window.showInformationMessage(removed
        ? vscode.l10n.t('IANA Ports now uses the bundled registry, release {0}.', res.release)
        : vscode.l10n.t('IANA Ports now uses the bundled registry, release {0} (no downloaded registry was stored).', res.release));
    }),
  );
}
