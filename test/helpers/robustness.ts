import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { doCodeActions } from '../../server/src/service/codeActions';
import { doComplete } from '../../server/src/service/completion';
import type { PortLanguageService } from '../../server/src/service/languageService';
import type { FormatId } from '../../server/src/service/scan/detect';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';
import type { Settings } from '../../server/src/service/settings';
import { labelledFiles } from './labels';
import { languageIdFor } from './languageId';

const ROOT = path.resolve(__dirname, '../..');

/** A URI and language id per format, as a client would open such a file. */
export const FORMAT_DOCS: Record<FormatId, { uri: string; languageId: string }> = {
  compose: { uri: 'file:///w/docker-compose.yml', languageId: 'dockercompose' },
  yaml: { uri: 'file:///w/k8s/deploy.yaml', languageId: 'yaml' },
  dockerfile: { uri: 'file:///w/Dockerfile', languageId: 'dockerfile' },
  dotenv: { uri: 'file:///w/.env', languageId: 'dotenv' },
  keyvalue: { uri: 'file:///w/app.properties', languageId: 'properties' },
  toml: { uri: 'file:///w/config.toml', languageId: 'toml' },
  nginx: { uri: 'file:///w/nginx.conf', languageId: 'plaintext' },
  haproxy: { uri: 'file:///w/haproxy.cfg', languageId: 'plaintext' },
  caddy: { uri: 'file:///w/Caddyfile', languageId: 'plaintext' },
  ssh: { uri: 'file:///w/ssh_config', languageId: 'plaintext' },
  systemd: { uri: 'file:///w/app.service', languageId: 'plaintext' },
  terraform: { uri: 'file:///w/main.tf', languageId: 'terraform' },
  services: { uri: 'file:///etc/services', languageId: 'plaintext' },
  json: { uri: 'file:///w/settings.json', languageId: 'json' },
  code: { uri: 'file:///w/server.ts', languageId: 'typescript' },
  shell: { uri: 'file:///w/run.sh', languageId: 'shellscript' },
  markdown: { uri: 'file:///w/README.md', languageId: 'markdown' },
  http: { uri: 'file:///w/api.http', languageId: 'plaintext' },
  text: { uri: 'file:///w/notes', languageId: 'plaintext' },
};

/** One labelled corpus file: its text, language id and a URI that keeps its name (format detection reads it). */
export interface CorpusFile {
  name: string;
  text: string;
  uri: string;
  languageId: string;
}

/** Every labelled corpus file: ../shared/corpus when present, and test/corpus/**. */
export function corpusFiles(): CorpusFile[] {
  const dirs = [path.resolve(ROOT, '../shared/corpus'), path.join(ROOT, 'test/corpus')];
  const out: CorpusFile[] = [];
  for (const dir of dirs) {
    for (const file of labelledFiles(dir)) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      // The real path keeps directory hints such as /nginx/ or /ssh_config.d/ that detection uses.
      out.push({ name: rel, text: fs.readFileSync(file, 'utf8'), uri: 'file://' + file.split(path.sep).join('/'), languageId: languageIdFor(file) });
    }
  }
  return out;
}

/** Line and UTF-16 character of an offset, computed independently of the document library. */
export function lineChar(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    // LSP line ends: \n, \r\n and a lone \r.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Asserts a finder's output keeps the contract: in bounds, sorted, and each occurrence's text is what it claims. */
export function checkOccurrences(text: string, occs: PortOccurrence[], what = ''): void {
  let last = -1;
  for (const o of occs) {
    const ctx = () => `${what} ${JSON.stringify({ o, around: text.slice(Math.max(0, o.start - 30), o.end + 30) })}`;
    assert.ok(Number.isInteger(o.start) && Number.isInteger(o.end), ctx());
    assert.ok(o.start >= 0 && o.end <= text.length && o.start < o.end, 'in bounds: ' + ctx());
    assert.ok(o.start >= last, 'sorted by start: ' + ctx());
    last = o.start;
    const t = text.slice(o.start, o.end);
    if (o.kind === 'port') {
      assert.match(t, /^\d+$/, 'a port is digits: ' + ctx());
      // A negative port (`-1`) covers its digits; the rules report it as out of range.
      assert.equal(Math.abs(o.port), Number(t), 'port value is the number written: ' + ctx());
      if (o.port < 0) assert.equal(text[o.start - 1], '-', 'a negative port follows a minus sign: ' + ctx());
    } else {
      assert.equal(t, o.name, 'a name occurrence covers its name: ' + ctx());
    }
  }
}

function positionInside(doc: TextDocument, p: Position): boolean {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= doc.lineCount) return false;
  // A position past its line's end (or between \r and \n) would be moved by a round trip.
  const back = doc.positionAt(doc.offsetAt(p));
  return back.line === p.line && back.character === p.character;
}

/** Asserts a range lies inside the document and is not reversed. */
export function assertRangeInside(doc: TextDocument, r: Range, what: string): void {
  assert.ok(positionInside(doc, r.start) && positionInside(doc, r.end), `${what}: range ${JSON.stringify(r)} outside the document`);
  assert.ok(doc.offsetAt(r.start) <= doc.offsetAt(r.end), `${what}: reversed range ${JSON.stringify(r)}`);
}

/** What one pass of every feature over a document produced. */
export interface FeatureRun {
  occurrences: PortOccurrence[];
  diagnostics: Diagnostic[];
  hovers: { pos: Position; hover: Hover }[];
  completions: { pos: Position; list: CompletionList }[];
  actions: CodeAction[];
}

/**
 * Runs scan, doValidation, doHover and doComplete (at every occurrence and at the given extra offsets)
 * and doCodeActions (for every diagnostic), asserting that nothing throws (the test service rethrows
 * internal errors) and that every returned range lies inside the document.
 */
export function exerciseService(service: PortLanguageService, doc: TextDocument, settings: Settings, extraOffsets: number[] = []): FeatureRun {
  const text = doc.getText();
  const { occurrences } = service.scan(doc, settings);
  checkOccurrences(text, occurrences, doc.uri);
  const diagnostics = service.doValidation(doc, settings);
  for (const d of diagnostics) {
    assertRangeInside(doc, d.range, `diagnostic ${d.code}`);
    for (const r of d.relatedInformation ?? []) assertRangeInside(doc, r.location.range, `related information of ${d.code}`);
    assert.equal(typeof d.message, 'string');
  }
  const offsets = new Set<number>(extraOffsets.map((o) => Math.max(0, Math.min(text.length, o))));
  for (const o of occurrences.slice(0, 200)) {
    offsets.add(o.start);
    offsets.add(o.end);
  }
  const hovers: FeatureRun['hovers'] = [];
  const completions: FeatureRun['completions'] = [];
  for (const off of offsets) {
    const pos = doc.positionAt(off);
    const hover = service.doHover(doc, pos, settings);
    if (hover) {
      assert.ok(hover.range, 'a hover names the range it explains');
      assertRangeInside(doc, hover.range!, 'hover');
      const s = doc.offsetAt(hover.range!.start);
      const e = doc.offsetAt(hover.range!.end);
      assert.ok(s <= off && off <= e, `hover range ${s}-${e} does not contain the position ${off}`);
      hovers.push({ pos, hover });
    }
    const list = doComplete(service, doc, pos, settings);
    if (list) {
      for (const item of list.items) {
        const edit = item.textEdit as { range: Range; newText: string } | undefined;
        assert.ok(edit && 'range' in edit, 'completion items carry a text edit');
        assertRangeInside(doc, edit.range, 'completion edit');
        assert.deepEqual(edit.range.end, pos, 'a completion edit ends at the cursor');
      }
      completions.push({ pos, list });
    }
  }
  const all: Range = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
  const actions = doCodeActions(service, doc, all, { diagnostics }, settings);
  for (const a of actions) {
    for (const edits of Object.values(a.edit?.changes ?? {})) for (const e of edits) assertRangeInside(doc, e.range, `code action "${a.title}"`);
  }
  return { occurrences, diagnostics, hovers, completions, actions };
}
