import type { Worker } from 'node:worker_threads';
import { findPorts } from '../service/scan';
import { detectFormat, formatFromAssociations } from '../service/scan/detect';
import { indexEntry, type IndexedFile } from '../service/workspaceIndex';

/**
 * Large workspace files are scanned in a worker thread, so that a 4.8 MB compose file in the repository
 * does not hold up hovers while the background index reads it. The worker runs the same bundle as the
 * server (started with a role in its workerData), with a memory limit of its own and a deadline per
 * file: a file that exhausts either is left out of the index with a note, and the worker is restarted.
 */

/** The argument that starts the bundle as the scan thread instead of the server. */
export const SCAN_THREAD_ARG = '--iana-ports-scan-thread';
/** Heap of the worker, in MB: a file that needs more is left out, the server itself is untouched. */
export const SCAN_THREAD_HEAP_MB = 384;
/** A file whose scan takes longer than this is left out of the index. */
export const SCAN_THREAD_DEADLINE_MS = 30_000;

/** Which format a workspace file is read as and its index entry; undefined when the workspace needs nothing from it. */
export function scanToIndex(uri: string, text: string, associations: Record<string, string>, onError: (e: unknown) => void): IndexedFile | undefined {
  const format = formatFromAssociations(uri, associations) ?? detectFormat('plaintext', uri, text);
  if (!format) return undefined;
  const occurrences = findPorts(format, text, onError);
  return indexEntry(uri, format, text, occurrences);
}

interface Job {
  id: number;
  uri: string;
  text: string;
  associations: Record<string, string>;
}

interface Answer {
  id: number;
  file?: IndexedFile;
  errors: string[];
}

// node:worker_threads is required where used, not imported: the server's start-up need not load it.
function threads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** The worker's side: answers one job at a time. */
export function runScanThread(): void {
  const { parentPort } = threads();
  parentPort?.on('message', (job: Job) => {
    const errors: string[] = [];
    let file: IndexedFile | undefined;
    try {
      file = scanToIndex(job.uri, job.text, job.associations, (e) => errors.push(e instanceof Error ? e.message : String(e)));
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
    parentPort?.postMessage({ id: job.id, file, errors } satisfies Answer);
  });
}

/** Why a file could not be scanned in the worker. */
export class ScanThreadError extends Error {}

/** The server's side: one worker, started on first use, restarted after a crash or a missed deadline. */
export class ScanThread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly entry: string) {}

  /** Scans a file's text off the main thread; rejects with a reason when the worker gives up on it. */
  async scan(uri: string, text: string, associations: Record<string, string>): Promise<{ file: IndexedFile | undefined; errors: string[] }> {
    const w = this.worker ?? this.start();
    const id = this.nextId++;
    const answer = await new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ScanThreadError(`not scanned within ${SCAN_THREAD_DEADLINE_MS / 1000} s`));
        this.restart();
      }, SCAN_THREAD_DEADLINE_MS);
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ id, uri, text, associations } satisfies Job);
    });
    return { file: answer.file, errors: answer.errors };
  }

  close(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private start(): Worker {
    const w = new (threads().Worker)(this.entry, {
      argv: [SCAN_THREAD_ARG],
      resourceLimits: { maxOldGenerationSizeMb: SCAN_THREAD_HEAP_MB },
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
