import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

/** Splits a test source with one `|` cursor marker into the document and the cursor position. */
export function withCursor(src: string, languageId = 'plaintext', uri = 'file:///test/file'): { doc: TextDocument; pos: Position; offset: number } {
  const offset = src.indexOf('|');
  if (offset < 0) throw new Error('test source has no | cursor');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const doc = TextDocument.create(uri, languageId, 1, text);
  return { doc, pos: doc.positionAt(offset), offset };
}
