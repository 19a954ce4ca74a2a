import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type * as vscodeApi from 'vscode';
import { convertIanaXml } from '../../server/src/registry/ianaConvert';
import { encodeRegistry } from '../../server/src/service/registry/codec';
import { IANA_REGISTRY_URL } from '../../server/src/service/settings';

/**
 * "IANA Ports: Update Registry from IANA" and "Revert to Bundled Registry".
 *
 * The download runs here, in the extension host, not in the language server: the extension host
 * applies VS Code's proxy settings (`http.proxy`, system proxies) to Node's https module, and the
 * global storage folder is the extension's to write. The server stays free of network access; it
 * only reads the converted file, validates it once more and swaps its registry without a restart.
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
const TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

/**
 * Test hook: with `IANA_PORTS_TEST_LOOPBACK=1` in the extension host's environment, the commands also
 * accept `http://` on a loopback host and a small registry, so end-to-end tests can serve a fixture.
 */
export const TEST_LOOPBACK_ENV = 'IANA_PORTS_TEST_LOOPBACK';

export interface DownloadOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** Accept `http://` when the host is 127.0.0.1, ::1 or localhost (tests only). */
  allowLoopbackHttp?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/** Throws unless the URL may be fetched: https, or http on a loopback host when the test hook allows it. */
export function checkUrl(url: string, allowLoopbackHttp = false): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL`);
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.has(u.hostname)) return u;
  throw new Error(`refusing ${url}: only https:// URLs are fetched`);
}

/**
 * Downloads a URL into a string. Follows a few redirects (each checked like the first), refuses
 * bodies over the size cap, and reports a body shorter than its Content-Length or cut off by the
 * connection as truncated.
 */
export function download(url: string, options: DownloadOptions = {}, redirects = MAX_REDIRECTS): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = checkUrl(url, options.allowLoopbackHttp);
    } catch (e) {
      reject(e);
      return;
    }
    const get = u.protocol === 'https:' ? https.get : http.get;
    const req = get(u, { headers: { 'user-agent': 'vscode-iana-ports', accept: 'application/xml, text/xml, text/csv' }, timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects <= 0) reject(new Error(`${url}: too many redirects`));
        else download(new URL(res.headers.location, u).toString(), options, redirects - 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new Error(`${url} answered HTTP ${status}`));
        return;
      }
      const declared = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
      if (declared !== undefined && declared > maxBytes) {
        res.destroy();
        reject(new Error(`${url} is ${declared} bytes, more than the ${maxBytes}-byte limit`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          res.destroy();
          fail(new Error(`${url} sent more than the ${maxBytes}-byte limit`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (settled) return;
        if (declared !== undefined && size !== declared) {
          fail(new Error(`the download was truncated: ${size} of ${declared} bytes arrived`));
          return;
        }
        settled = true;
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      const cut = (why: string) => fail(new Error(`the download was truncated: ${size}${declared !== undefined ? ` of ${declared}` : ''} bytes arrived before the connection ${why}`));
      res.on('error', (e) => cut(`failed (${e.message})`));
      res.on('close', () => {
        if (!res.complete) cut('closed');
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out after ${timeoutMs / 1000} s`)));
    req.on('error', reject);
  });
}

export interface UpdateOptions extends DownloadOptions {
  /** The folder the converted registry is written to (the extension's global storage). */
  storageDir: string;
  /** Refuse a registry with fewer records (default MIN_RECORDS). */
  minRecords?: number;
}

export interface UpdateResult {
  file: string;
  release: string;
  records: number;
  people: number;
}

/** Writes a file so that readers see the old content or the new, never a part. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Downloads IANA's registry, converts and validates it with the bundle's own converter, and stores
 * it in `storageDir`. On any failure nothing is written and the error says why.
 */
export async function updateRegistryFile(url: string, options: UpdateOptions): Promise<UpdateResult> {
  const text = await download(url, options);
  let data;
  try {
    data = convertIanaXml(text, { minRecords: options.minRecords ?? MIN_RECORDS, origin: url });
  } catch (e) {
    throw new Error(`the download is not a usable IANA registry: ${(e as Error).message}`);
  }
  data.generatedBy = `IANA Ports: Update Registry from IANA (${url}, ${new Date().toISOString().slice(0, 10)})`;
  const file = path.join(options.storageDir, REGISTRY_FILE_NAME);
  writeAtomically(file, encodeRegistry(data));
  return { file, release: data.release, records: data.records.length, people: data.people.length };
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
export interface UseRegistryResult {
  ok: boolean;
  release: string;
  records: number;
  path: string;
  message?: string;
}

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
      let result: UpdateResult;
      try {
        result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'IANA Ports: downloading the registry from IANA…' },
          () => updateRegistryFile(url, { storageDir, allowLoopbackHttp: testHook, minRecords: testHook ? 1 : MIN_RECORDS }),
        );
      } catch (e) {
        const info = await client.sendRequest<{ release: string }>('ianaPorts/registryInfo').catch(() => undefined);
        void vscode.window.showErrorMessage(`IANA Ports: the registry was not updated${info ? `; release ${info.release} stays in use` : ''}. ${(e as Error).message}`);
        return;
      }
      const res = await client.sendRequest<UseRegistryResult>('ianaPorts/useRegistry', { path: result.file });
      if (!res.ok) {
        removeRegistryFile(storageDir);
        void vscode.window.showErrorMessage(`IANA Ports: ${res.message ?? 'the language server refused the new registry.'}`);
        return;
      }
      void vscode.window.showInformationMessage(`IANA Ports now uses IANA registry release ${res.release} (${res.records} records), downloaded from ${url}.`);
    }),
    vscode.commands.registerCommand('ianaPorts.revertRegistry', async () => {
      const removed = removeRegistryFile(storageDir);
      const res = await client.sendRequest<UseRegistryResult>('ianaPorts/useRegistry', { path: null });
      if (!res.ok) {
        void vscode.window.showErrorMessage(`IANA Ports: ${res.message ?? 'cannot switch back to the bundled registry.'}`);
        return;
      }
      void vscode.window.showInformationMessage(`IANA Ports now uses the bundled registry, release ${res.release}${removed ? '' : ' (no downloaded registry was stored)'}.`);
    }),
  );
}
