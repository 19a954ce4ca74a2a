import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The document as it is now, frozen: a request that waits for settings must answer for the version
 * it was sent with, not for edits that arrive meanwhile. One snapshot serves every request for a
 * version, so its line offsets are computed once, not on each hover (0.2-0.5 ms for 5,000 lines).
 */
export class Snapshots {
  private readonly byUri = new Map<string, TextDocument>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  get(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText();
    const old = this.byUri.get(uri);
    // The same string when nothing changed, so the text comparison is cheap; it guards against a
    // document closed and reopened with the same version number.
    if (old && old.version === doc.version && old.languageId === doc.languageId && old.getText() === text) return old;
    const fresh = TextDocument.create(doc.uri, doc.languageId, doc.version, text);
    this.byUri.set(uri, fresh);
    return fresh;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
