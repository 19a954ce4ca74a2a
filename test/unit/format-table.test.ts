import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMAT_TABLE, activationEvents, readmeFormatTable } from '../../server/src/service/scan/table';
import { FORMAT_IDS, detectFormat, formatFromFileName } from '../../server/src/service/scan/detect';
import { finderFor } from '../../server/src/service/scan';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** A file name a glob of the table matches: `**\/.env.*` -> `file:///work/.env.sample`. */
function sampleUri(glob: string): string {
  return 'file:///work/' + glob.replace(/^\*\*\//, '').replace(/\*/g, 'sample');
}

describe('the format table', () => {
  it('has one row per format, each with a finder', () => {
    const ids = FORMAT_TABLE.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, [...FORMAT_IDS]);
    for (const id of ids) assert.equal(typeof finderFor(id), 'function', id);
  });

  it("package.json's activationEvents are the table's (regenerate them from activationEvents() in server/src/service/scan/table.ts)", () => {
    assert.deepEqual(pkg.activationEvents, activationEvents());
  });

  it("package.json's files.associations formats are the table's formats", () => {
    const assoc = pkg.contributes.configuration.properties?.['ianaPorts.files.associations']
      ?? pkg.contributes.configuration.find?.((c: { properties: Record<string, unknown> }) => c.properties['ianaPorts.files.associations'])?.properties['ianaPorts.files.associations'];
    assert.deepEqual(assoc.additionalProperties.enum, [...FORMAT_IDS]);
  });

  it('a language id of a row is detected as its format', () => {
    for (const row of FORMAT_TABLE) {
      for (const lang of row.languageIds) assert.equal(detectFormat(lang, 'untitled:Untitled-1'), row.id, lang);
    }
  });

  it('a file a row\'s pattern names is detected as its format, opened as plain text', () => {
    for (const row of FORMAT_TABLE) {
      for (const glob of row.filePatterns) {
        const uri = sampleUri(glob);
        assert.equal(formatFromFileName(uri), row.id, glob);
        // A `.conf` or `.cfg` name is read by its content; with none it stays key/value.
        assert.equal(detectFormat('plaintext', uri, ''), row.id, glob);
      }
    }
  });

  it('fails on a disagreement: a made-up event list is not the table', () => {
    assert.notDeepEqual(activationEvents().slice(1), activationEvents());
    assert.ok(activationEvents().includes('onLanguage:dockercompose'));
    assert.ok(activationEvents().includes('workspaceContains:**/Dockerfile'));
  });
});

describe("the README's format table", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  /** The lines README.md holds between its format-table markers. */
  function readmeTable(text: string): string[] {
    const m = /<!-- format-table[^\n]*-->\n\n([\s\S]*?)\n\n<!-- \/format-table -->/.exec(text);
    assert.ok(m, 'README.md has no <!-- format-table --> block');
    return m[1].split('\n');
  }

  it('is the table\'s (regenerate it from readmeFormatTable() in server/src/service/scan/table.ts)', () => {
    assert.deepEqual(readmeTable(readme), readmeFormatTable());
  });

  it('has a row for every format, and fails when one is missing', () => {
    const rows = readmeTable(readme);
    assert.equal(rows.length, FORMAT_TABLE.length + 3);
    for (const row of FORMAT_TABLE) assert.ok(rows.includes(`| ${row.readme.files} | ${row.readme.recognised} |`), row.id);
    const withoutHttp = readme.replace(/\n\| HTTP request files[^\n]*/, '');
    assert.notDeepEqual(readmeTable(withoutHttp), readmeFormatTable());
  });

  it("lists every format for ianaPorts.files.associations", () => {
    const line = readme.split('\n').find((l) => l.startsWith('| `ianaPorts.files.associations`'));
    assert.ok(line);
    assert.deepEqual([...line.matchAll(/`(\w+)`/g)].map((m) => m[1]).filter((w) => (FORMAT_IDS as readonly string[]).includes(w)), [...FORMAT_IDS]);
  });
});
