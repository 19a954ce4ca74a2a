import fs from 'node:fs';
import path from 'node:path';
import { setHeapFlags } from './heapFlags';
import { MachineReader } from './machine';
import type { MachinePorts } from './service/machine/types';
import type { IndexedFile } from './service/workspaceIndex';
import { ScanThread, type OffThread } from './workspace/scanThread';

/** What the server needs from its host that the pure core may not touch: files. */
export interface Runtime {
  /** Text of the bundled registry snapshot. */
  readBundledRegistry(): string;
  /** Where the bundled registry lives, for messages. */
  bundledRegistryPath: string;
  /** Receives the client's `initializationOptions` before anything is read (the web worker gets its registry text there). */
  initializationOptions?(options: unknown): void;
  /** False where the host cannot list files (a web worker): workspace folders are then not walked, and only open documents are indexed. */
  walksFolders?: boolean;
  /** Adjusts the host's memory management for a long-lived server; called once, after the initialize answer. */
  tuneHeap?(): void;
  /** This machine's ports in use and reserved ranges, where the host can read them. */
  machine?: MachinePorts;
  /**
   * Scans a large workspace file off the main thread into its index entry; rejects with the reason when
   * the file cannot be scanned within the thread's memory and time. Absent where threads are not
   * available (the sources run through tsx), and then files are scanned in slices on the main thread.
   */
  scanOffThread?(uri: string, text: string, associations: Record<string, string>): Promise<{ file: IndexedFile | undefined; errors: string[] }>;
  /** The scan thread, which also checks large open documents; absent, as `scanOffThread`, where threads are not available. */
  offThread?: OffThread;
}

/** Finds `data/registry.json` beside the bundle (dist/../data) or beside the sources (server/src/../../data). */
export function bundledRegistryPath(): string {
  const candidates = [path.join(__dirname, '..', 'data', 'registry.json'), path.join(__dirname, '..', '..', 'data', 'registry.json')];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

export function nodeRuntime(): Runtime {
  const p = bundledRegistryPath();
  // The bundle starts itself as the scan thread; the TypeScript sources cannot be started that way.
  const thread = __filename.endsWith('.js') ? new ScanThread(__filename) : undefined;
  return {
    scanOffThread: thread && ((uri, text, associations) => thread.scan(uri, text, associations)),
    offThread: thread,
    bundledRegistryPath: p,
    machine: new MachineReader(),
    readBundledRegistry: () => fs.readFileSync(p, 'utf8'),
    tuneHeap: () => setHeapFlags(),
  };
}
