import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PortLanguageService } from '../../server/src/service/languageService';
import { decodeRegistry } from '../../server/src/service/registry/codec';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import { resolveSettings, type Settings } from '../../server/src/service/settings';

let index: RegistryIndex | undefined;

/** The bundled registry, loaded once per test run. */
export function bundledIndex(): RegistryIndex {
  index ??= new RegistryIndex(decodeRegistry(fs.readFileSync(path.join(__dirname, '../../data/registry.json'), 'utf8')));
  return index;
}

/** A language service over the bundled registry that fails the test on any internal error. */
export function testService(): PortLanguageService {
  return new PortLanguageService(bundledIndex, (e) => {
    throw e;
  });
}

export function doc(text: string, uri: string, languageId = 'plaintext', version = 1): TextDocument {
  return TextDocument.create(uri, languageId, version, text);
}

export function settings(raw: unknown = {}): Settings {
  return resolveSettings(raw);
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(d: TextDocument, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  return TextDocument.applyEdits(d, edits);
}
