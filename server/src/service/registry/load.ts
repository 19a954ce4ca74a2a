import { parseRegistry } from './codec';
import { RegistryIndex } from './registryIndex';
import type { RegistryData } from './types';

/**
 * The one way registry text becomes an index: the language server's bundled registry (read by its
 * runtime, a file in Node and the client's copy in a web worker), the command line's, and a registry
 * file the user downloaded. `check` is given the decoded data first and throws to refuse it; a checked
 * index also builds its range table at once, so that a fault shows here and no look-up can fail later.
 */
export function loadIndex(text: string, check?: (data: RegistryData) => void): RegistryIndex {
  const records = parseRegistry(text);
  if (!check) return new RegistryIndex(records);
  check(records.data);
  const index = new RegistryIndex(records);
  index.byPort(0);
  return index;
}
