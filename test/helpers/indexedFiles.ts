import assert from 'node:assert/strict';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { indexEntry, type IndexedFile } from '../../server/src/service/workspaceIndex';

/** Indexes texts by file name under file:///repo/ as the server's workspace index does, sorted by URI. */
export function indexedFiles(m: Record<string, string>): IndexedFile[] {
  const out: IndexedFile[] = [];
  for (const [name, text] of Object.entries(m)) {
    const uri = `file:///repo/${name}`;
    const format = detectFormat('plaintext', uri, text);
    assert.ok(format, `${name} has a format`);
    const entry = indexEntry(uri, format, text, findPorts(format, text));
    if (entry) out.push(entry);
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : 1));
}
