import fs from 'node:fs';
import path from 'node:path';

/** What the server needs from its host that the pure core may not touch: files. */
export interface Runtime {
  /** Text of the bundled registry snapshot. */
  readBundledRegistry(): string;
  /** Where the bundled registry lives, for messages. */
  bundledRegistryPath: string;
}

/** Finds `data/registry.json` beside the bundle (dist/../data) or beside the sources (server/src/../../data). */
export function bundledRegistryPath(): string {
  const candidates = [path.join(__dirname, '..', 'data', 'registry.json'), path.join(__dirname, '..', '..', 'data', 'registry.json')];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

export function nodeRuntime(): Runtime {
  const p = bundledRegistryPath();
  return { bundledRegistryPath: p, readBundledRegistry: () => fs.readFileSync(p, 'utf8') };
}
