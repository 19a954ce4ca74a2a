import fs from 'node:fs';
import { validateRegistry } from '../registry/validate';
import { decodeRegistry } from '../service/registry/codec';
import { RegistryIndex } from '../service/registry/registryIndex';

/**
 * Loads a registry file other than the bundled one: the release that "IANA Ports: Update Registry from
 * IANA" stored in the extension's global storage. The server reads, decodes and validates it itself,
 * so a damaged or foreign file is refused with a reason and the registry in use stays.
 */

/** Custom request: switch to the registry file at `path`, or back to the bundled one when `path` is null. */
export const USE_REGISTRY_REQUEST = 'ianaPorts/useRegistry';

export interface UseRegistryResult {
  ok: boolean;
  /** The release in use after the request. */
  release: string;
  records: number;
  /** The file in use after the request. */
  path: string;
  /** Why the file was refused. */
  message?: string;
}

/** Larger than any plausible registry file: IANA's whole registry encodes to about 3 MB. */
export const MAX_REGISTRY_FILE_BYTES = 50 * 1024 * 1024;

/** Reads, decodes and validates a registry file. Throws an Error saying why it cannot be used. */
export function loadRegistryFile(file: string): RegistryIndex {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new Error(`cannot read registry file ${file}: ${(e as Error).message}`);
  }
  if (!st.isFile()) throw new Error(`registry file ${file} is not a file`);
  if (st.size > MAX_REGISTRY_FILE_BYTES) throw new Error(`registry file ${file} is ${st.size} bytes, more than the ${MAX_REGISTRY_FILE_BYTES}-byte limit`);
  const data = decodeRegistry(fs.readFileSync(file, 'utf8'));
  validateRegistry(data, { minRecords: 1 });
  return new RegistryIndex(data);
}
