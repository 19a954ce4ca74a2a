import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What one timed job in the worker did. */
export interface ScanTiming {
  /** Milliseconds spent scanning (and, for `validate`, checking rules and hovering), measured in the worker. */
  ms: number;
  ports: number;
  diagnostics?: number;
  error?: string;
  /** What an `eval` job's code returned. */
  value?: unknown;
}

export type ScanJob =
  | { kind: 'find'; format: string; text: string }
  /** Runs code with \`root\` (the repository) and \`require\` in scope; what it returns comes back as \`value\`. */
  | { kind: 'eval'; code: string }
  | { kind: 'validate'; uri: string; languageId: string; text: string; maxFileSize?: number };

// Runs in the worker: loads the TypeScript sources through tsx and answers jobs one at a time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.tsx);
const { findPorts } = require(workerData.root + '/server/src/service/scan');
const { testService, doc, settings } = require(workerData.root + '/test/helpers/service');
const service = testService();
parentPort.on('message', (job) => {
  const t0 = performance.now();
  const r = {};
  try {
    if (job.kind === 'eval') {
      r.value = new Function('root', 'require', job.code)(workerData.root, require);
    } else if (job.kind === 'find') {
      r.ports = findPorts(job.format, job.text, (e) => { throw e; }).length;
    } else {
      const d = doc(job.text, job.uri, job.languageId);
      const s = settings({ maxFileSize: job.maxFileSize ?? 5000000 });
      r.diagnostics = service.doValidation(d, s).length;
      r.ports = service.scan(d, s).occurrences.length;
      service.doHover(d, d.positionAt(job.text.length >> 1), s);
      service.forget(job.uri);
    }
  } catch (e) {
    r.error = String((e && e.stack) || e);
  }
  r.ms = performance.now() - t0;
  parentPort.postMessage(r);
});
`;

/**
 * A worker thread that scans text with a deadline: a finder that loops forever or goes quadratic fails
 * the test with a timeout instead of hanging the whole test run.
 */
export class ScanWorker {
  private worker: Worker | undefined;

  private start(): Worker {
    const root = path.resolve(__dirname, '../..');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root, tsx: require.resolve('tsx/cjs') } });
    this.worker.unref();
    return this.worker;
  }

  /** Runs a job; rejects when it takes longer than `deadlineMs` (the worker is then restarted). */
  run(job: ScanJob, deadlineMs: number): Promise<ScanTiming> {
    const w = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        w.removeAllListeners('message');
        void w.terminate();
        this.worker = undefined;
        reject(new Error(`${job.kind} ${'format' in job ? job.format : 'uri' in job ? job.uri : 'code'} (${'text' in job ? job.text.length : job.code.length} chars) still running after ${deadlineMs} ms`));
      }, deadlineMs);
      w.once('message', (r: ScanTiming) => {
        clearTimeout(timer);
        resolve(r);
      });
      w.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
