import type { Worker } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { currentLocale, setLocale } from '../service/l10n';
import { PortLanguageService, type ScanWindow } from '../service/languageService';
import { UsedPorts } from '../service/freePort';
import { heldPart, MAX_HELD_OCCURRENCES, type KeptScan } from './scanWindow';
import type { MachineSnapshot } from '../service/machine/types';
import { loadIndex } from '../service/registry/load';
import type { RegistryIndex } from '../service/registry/registryIndex';
import { findPorts, type FormatId, type PortOccurrence } from '../service/scan';
import { detectFormat, formatFromAssociations } from '../service/scan/detect';
import type { Settings } from '../service/settings';
import { indexEntry, type IndexedFile } from '../service/workspaceIndex';
import { decodeRecords, encodeRecords, transferables, type EncodedRecords } from './recordCodec';
import { convertDownload, type ImportRegistryParams } from './registryFile';

/**
 * Large files are scanned in a worker thread, so that a 4.8 MB compose file does not hold up hovers
 * on other documents: workspace files while the background index reads them, and large open documents
 * (scan, rules and index entry) while the editor shows them. The worker runs the same bundle as the
 * server (started with a role in its argv), with a memory limit of its own and a deadline per job: a
 * file that exhausts either is left out with a note, and the worker is restarted.
 */

/** The argument that starts the bundle as the scan thread instead of the server. */
export const SCAN_THREAD_ARG = '--iana-ports-scan-thread';
/** Heap of the worker, in MB: a file that needs more is left out, the server itself is untouched. */
export const SCAN_THREAD_HEAP_MB = 384;
/** A file whose scan takes longer than this is left out of the index. */
export const SCAN_THREAD_DEADLINE_MS = 30_000;
/** Most diagnostics a document check sends back; the server shows at most this many anyway. */
export const MAX_THREAD_DIAGNOSTICS = 1000;
/** Open documents whose scan the worker keeps for later requests (hover, code actions) on them. */
const KEPT_DOCUMENTS = 4;
/** Which format a workspace file is read as and its index entry; undefined when the workspace needs nothing from it. */
export function scanToIndex(uri: string, text: string, associations: Record<string, string>, onError: (e: unknown) => void): IndexedFile | undefined {
  const format = formatFromAssociations(uri, associations) ?? detectFormat('plaintext', uri, text);
  if (!format) return undefined;
  const occurrences = findPorts(format, text, onError);
  return indexEntry(uri, format, text, occurrences);
}

/** An open document to check: its diagnostics under these settings, and its workspace index entry. */
export interface CheckRequest {
  uri: string;
  /** The URI its index entry is filed under (the canonical spelling of `uri`); undefined when the workspace does not index it. */
  indexUri?: string;
  languageId: string;
  version: number;
  text: string;
  settings: Settings;
  /** The registry file in use; undefined for the bundled one. */
  registryFile?: string;
  /** This machine's ports, for the rule on ports the system reserves. */
  machine?: MachineSnapshot;
}

/** What a check of one document version found. */
export interface CheckResult {
  format: FormatId | undefined;
  tooLarge?: boolean;
  /** The first MAX_THREAD_DIAGNOSTICS of the document's own diagnostics, in line order. */
  diagnostics: Diagnostic[];
  /** How many diagnostics there were in all. */
  total: number;
  /** The entry for the workspace index; undefined when the workspace needs nothing from the document. */
  file?: IndexedFile;
  errors: string[];
}

export type { KeptScan };

/** How a check and a kept scan travel from the worker: their lists of records encoded (recordCodec.ts). */
interface EncodedCheck {
  format: FormatId | undefined;
  tooLarge?: boolean;
  diagnostics: EncodedRecords;
  total: number;
  file?: EncodedFile;
}

type EncodedFile = Omit<IndexedFile, 'places' | 'mappings'> & { places: EncodedRecords; mappings: EncodedRecords };

function encodeFile(file: IndexedFile | undefined): EncodedFile | undefined {
  return file && { ...file, places: encodeRecords(file.places), mappings: encodeRecords(file.mappings) };
}

function decodeFile(file: EncodedFile | undefined): IndexedFile | undefined {
  return file && { ...file, places: decodeRecords(file.places), mappings: decodeRecords(file.mappings) };
}

interface EncodedScan {
  format: FormatId | undefined;
  occurrences: EncodedRecords;
  tooLarge?: boolean;
  window?: ScanWindow;
  /** With a window: the ports of the whole document, as the bounds of their intervals ({@link UsedPorts}). */
  ports?: Float64Array;
}

/** The buffers of an answer's encoded lists, transferred rather than copied. */
function encodedBuffers(value: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (!value || typeof value !== 'object') return out;
  const v = value as Partial<EncodedCheck & EncodedScan & EncodedFile>;
  transferables(v.places, out);
  transferables(v.mappings, out);
  transferables(v.diagnostics, out);
  transferables(v.occurrences, out);
  if (v.ports) out.push(v.ports.buffer as ArrayBuffer);
  transferables(v.file?.places, out);
  transferables(v.file?.mappings, out);
  return out;
}

type Job =
  | { kind: 'index'; id: number; uri: string; text: string; associations: Record<string, string> }
  | ({ kind: 'check'; id: number } & CheckRequest)
  | { kind: 'scan'; id: number; uri: string; version: number; span?: ScanWindow; max: number }
  | { kind: 'forget'; id: number; uri: string }
  | { kind: 'convert'; id: number; params: ImportRegistryParams };

interface Answer {
  id: number;
  value?: unknown;
  errors: string[];
}

// node:worker_threads is required where used, not imported: the server's start-up need not load it.
function threads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/**
 * The worker's side: answers one job at a time. `readRegistry` gives the registry text for a file (or
 * the bundled one for undefined); the worker decodes it once per file.
 */
export function runScanThread(readRegistry: (file: string | undefined) => string): void {
  const { parentPort } = threads();
  let registry: { file: string | undefined; index: RegistryIndex } | undefined;
  const indexOf = (file: string | undefined): RegistryIndex => {
    if (!registry || registry.file !== file) {
      let index: RegistryIndex;
      try {
        index = loadIndex(readRegistry(file));
      } catch {
        // The server validated this file when it switched to it; should it be gone since, the bundled one serves.
        index = loadIndex(readRegistry(undefined));
      }
      registry = { file, index };
    }
    return registry.index;
  };
  let errors: string[] = [];
  const service = new PortLanguageService(() => indexOf(current?.registryFile), (e) => errors.push(e instanceof Error ? e.message : String(e)));
  let current: CheckRequest | undefined;
  service.machine = () => current?.machine;
  // The documents checked last, oldest first, with the settings they were checked under.
  const kept = new Map<string, { doc: TextDocument; settings: Settings; ports?: UsedPorts }>();
  const run = (job: Job): unknown => {
    switch (job.kind) {
      case 'index':
        return encodeFile(scanToIndex(job.uri, job.text, job.associations, (e) => errors.push(e instanceof Error ? e.message : String(e))));
      case 'check': {
        current = job;
        const doc = TextDocument.create(job.uri, job.languageId, job.version, job.text);
        const all = service.doValidation(doc, job.settings);
        const scan = service.scan(doc, job.settings);
        kept.delete(job.uri);
        kept.set(job.uri, { doc, settings: job.settings });
        for (const uri of kept.keys()) {
          if (kept.size <= KEPT_DOCUMENTS) break;
          kept.delete(uri);
          service.forget(uri);
        }
        const file = job.indexUri && scan.format && !scan.tooLarge ? indexEntry(job.indexUri, scan.format, job.text, scan.occurrences, scan.kube) : undefined;
        return {
          format: scan.format, tooLarge: scan.tooLarge, diagnostics: encodeRecords(all.slice(0, MAX_THREAD_DIAGNOSTICS)), total: all.length,
          file: encodeFile(file),
        } satisfies EncodedCheck;
      }
      case 'scan': {
        const k = kept.get(job.uri);
        if (!k || k.doc.version !== job.version) return undefined;
        const part = heldPart(service.scan(k.doc, k.settings), job.span, job.max, k);
        return { ...part, occurrences: encodeRecords(part.occurrences), ports: part.usedPorts && Float64Array.from(part.usedPorts.bounds) } satisfies EncodedScan;
      }
      case 'forget':
        kept.delete(job.uri);
        service.forget(job.uri);
        return undefined;
      case 'convert':
        return convertDownload(job.params);
    }
  };
  parentPort?.on('message', (job: Job & { locale?: string }) => {
    errors = [];
    // Rule messages and refusals in the language the server speaks.
    setLocale(job.locale);
    let value: unknown;
    try {
      value = run(job);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
    parentPort?.postMessage({ id: job.id, value, errors } satisfies Answer, encodedBuffers(value));
  });
}

/** Why a file could not be scanned in the worker. */
export class ScanThreadError extends Error {}

/** What the server asks of the scan thread (the Node runtime has one; a web worker has none). */
export interface OffThread {
  /** Scans a workspace file's text into its index entry; rejects with a reason when the worker gives up on it. */
  scan(uri: string, text: string, associations: Record<string, string>): Promise<{ file: IndexedFile | undefined; errors: string[] }>;
  /** Checks an open document: its diagnostics and index entry; the worker keeps its scan for `kept`. */
  check(request: CheckRequest): Promise<CheckResult>;
  /**
   * The occurrences of a document version checked last, all of them or (past `max`) a window around
   * `span`; undefined when the worker no longer holds it.
   */
  kept(uri: string, version: number, span?: ScanWindow, max?: number): Promise<KeptScan | undefined>;
  /** A closed document: the worker drops its scan. */
  forget(uri: string): void;
  /** Converts a downloaded IANA file into the registry's encoded text; rejects with the reason it is not one. */
  convert(params: ImportRegistryParams): Promise<string>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The server's side: one worker, started on first use, restarted after a crash or a missed deadline. */
export class ScanThread implements OffThread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly entry: string) {}

  async scan(uri: string, text: string, associations: Record<string, string>): Promise<{ file: IndexedFile | undefined; errors: string[] }> {
    const answer = await this.send({ kind: 'index', uri, text, associations });
    return { file: decodeFile(answer.value as EncodedFile | undefined), errors: answer.errors };
  }

  async check(request: CheckRequest): Promise<CheckResult> {
    const answer = await this.send({ kind: 'check', ...request });
    const e = answer.value as EncodedCheck | undefined;
    if (!e) throw new ScanThreadError(answer.errors[0] ?? 'the scan thread gave no answer');
    return { format: e.format, tooLarge: e.tooLarge, diagnostics: decodeRecords<Diagnostic>(e.diagnostics), total: e.total, file: decodeFile(e.file), errors: answer.errors };
  }

  async kept(uri: string, version: number, span?: ScanWindow, max = MAX_HELD_OCCURRENCES): Promise<KeptScan | undefined> {
    if (!this.worker) return undefined;
    const e = (await this.send({ kind: 'scan', uri, version, span, max })).value as EncodedScan | undefined;
    if (!e) return undefined;
    const occurrences = decodeRecords<PortOccurrence>(e.occurrences);
    return e.window ? { format: e.format, tooLarge: e.tooLarge, occurrences, window: e.window, usedPorts: UsedPorts.fromBounds(e.ports ?? new Float64Array(0)) } : { format: e.format, tooLarge: e.tooLarge, occurrences };
  }

  forget(uri: string): void {
    if (this.worker) void this.send({ kind: 'forget', uri }).catch(() => undefined);
  }

  async convert(params: ImportRegistryParams): Promise<string> {
    const answer = await this.send({ kind: 'convert', params });
    if (typeof answer.value !== 'string') throw new Error(answer.errors[0] ?? 'the scan thread gave no answer');
    return answer.value;
  }

  close(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private send(job: Distribute<Job>): Promise<Answer> {
    const w = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ScanThreadError(`not scanned within ${SCAN_THREAD_DEADLINE_MS / 1000} s`));
        this.restart();
      }, SCAN_THREAD_DEADLINE_MS);
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ ...job, id, locale: currentLocale() } as Job & { locale?: string });
    });
  }

  private start(): Worker {
    const w = new (threads().Worker)(this.entry, {
      argv: [SCAN_THREAD_ARG],
      resourceLimits: { maxOldGenerationSizeMb: SCAN_THREAD_HEAP_MB, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    w.unref();
    w.on('message', (a: Answer) => {
      const p = this.pending.get(a.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(a.id);
      p.resolve(a);
    });
    const fail = (why: string): void => {
      if (this.worker !== w) return;
      this.worker = undefined;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.reject(new ScanThreadError(why));
      }
    };
    w.on('error', (e) => fail(`the scan thread failed: ${e.message}`));
    w.on('exit', (code) => fail(`the scan thread stopped (exit code ${code}), probably out of its ${SCAN_THREAD_HEAP_MB} MB`));
    this.worker = w;
    return w;
  }

  /** Ends a worker stuck on a file; the jobs still queued in it fail and their files are left out. */
  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new ScanThreadError('the scan thread was restarted'));
    }
    void w?.terminate();
  }
}
