import fs from 'node:fs';
import path from 'node:path';
import { quote } from '../registry/common';
import { convertIana } from '../registry/ianaConvert';
import { validateRegistry } from '../registry/validate';
import { encodeRegistry } from '../service/registry/codec';
import type { RegistryIndex } from '../service/registry/registryIndex';
import { loadIndex } from '../service/registry/load';
import { t } from '../service/l10n';

/**
 * Registry files other than the bundled one: the release that "IANA Ports: Update Registry from IANA"
 * stores in the extension's global storage. The client only downloads IANA's bytes; the server
 * converts and validates them here and replaces the stored file only with a registry it has just
 * loaded itself, so a refused download never touches the registry in use or the one stored before.
 */

// The request names and the result are the protocol file's; exported here too for the code and tests that import them from here.
export { IMPORT_REGISTRY_REQUEST, USE_REGISTRY_REQUEST, type UseRegistryResult } from '../protocol';

export interface ImportRegistryParams {
  /** The downloaded IANA XML (or CSV) file. */
  source: string;
  /** Where the converted registry is stored once it is valid (the extension's `registry.json`). */
  target: string;
  /** Where the bytes came from, recorded in the registry's provenance. */
  origin?: string;
  /** Refuse a registry with fewer records: IANA's holds over 14,000, so far fewer means a wrong document. */
  minRecords?: number;
}

/** Larger than any plausible registry file: IANA's whole registry encodes to about 1.6 MB. */
export const MAX_REGISTRY_FILE_BYTES = 16 * 1024 * 1024;
/** IANA's XML is about 4 MB; anything much larger is not the registry. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
/** Longest message sent back to the client: data quoted in it is already short, this bounds the rest. */
const MAX_MESSAGE_CHARS = 2_000;

/** A message bounded for a notification or a log line. */
export function boundMessage(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length - MAX_MESSAGE_CHARS} more characters)`;
}

/** Reads a regular file of at most `max` bytes; throws a readable Error otherwise. */
function readRegularFile(file: string, max: number, what: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new Error(t('cannot read {0} {1}: {2}', what, file, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(t('{0} {1} is not a regular file', what, file));
    if (st.size > max) throw new Error(t('{0} {1} is {2} bytes, more than the {3}-byte limit', what, file, st.size, max));
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = fs.readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Decodes, validates and indexes registry text; the index is built whole so that no look-up can fail later. */
function indexOf(text: string): RegistryIndex {
  return loadIndex(text, (data) => validateRegistry(data, { minRecords: 1 }));
}

/** The text of a registry file, read as a regular file of at most MAX_REGISTRY_FILE_BYTES. */
export function readRegistryFile(file: string): string {
  return readRegularFile(file, MAX_REGISTRY_FILE_BYTES, t('registry file')).toString('utf8');
}

/** Reads, decodes and validates a registry file. Throws an Error saying why it cannot be used. */
export function loadRegistryFile(file: string): RegistryIndex {
  return indexOf(readRegistryFile(file));
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
 * Reads and converts a downloaded IANA file into the registry's encoded text (the slow part of an
 * import, about 0.5 s for IANA's 4 MB of XML, which the server runs in its scan thread). Throws an
 * Error saying why the download is not a registry.
 */
export function convertDownload(params: ImportRegistryParams): string {
  const text = readRegularFile(params.source, MAX_SOURCE_BYTES, t('downloaded file')).toString('utf8');
  try {
    const data = convertIana(text, { minRecords: Math.max(1, params.minRecords ?? 1), origin: params.origin });
    data.generatedBy = `IANA Ports: Update Registry from IANA (${params.origin ?? 'a downloaded file'}, ${new Date().toISOString().slice(0, 10)})`;
    return encodeRegistry(data);
  } catch (e) {
    throw new Error(t('the download is not a usable IANA registry: {0}', (e as Error).message));
  }
}

/**
 * Converts a downloaded IANA file (or takes its conversion made in the scan thread) and stores it at
 * `target`, returning the new index. The encoded text is checked exactly as a later start-up will load
 * it (size, decoding, validation, index) before the stored file is replaced; on any failure nothing is
 * written and the Error says why.
 */
export function importRegistry(params: ImportRegistryParams, encoded = convertDownload(params)): RegistryIndex {
  const bytes = Buffer.byteLength(encoded);
  if (bytes > MAX_REGISTRY_FILE_BYTES) throw new Error(t('the converted registry would be {0} bytes, more than the {1}-byte limit', bytes, MAX_REGISTRY_FILE_BYTES));
  const index = indexOf(encoded);
  writeAtomically(params.target, encoded);
  return index;
}

/** The text of an error for a message: its message only, bounded, never a stack. */
export function errorMessage(e: unknown): string {
  return boundMessage(e instanceof Error ? e.message : quote(e));
}
