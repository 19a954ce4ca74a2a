import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectFormat, findPorts, type FormatId } from '../../server/src/service/scan';
import { labelledFiles, readLabels, scoreAgainstLabels, type LabelScore } from '../helpers/labels';
import { languageIdFor } from '../helpers/languageId';

// The code, JSON and shell finders measured on labelled files the way the LSP probe measures the
// server: every digit run is a port or not, and a run counts as recognised when an occurrence
// covers its first character. Targets: precision >= 0.98 and recall >= 0.95.

const CODE_FORMATS = new Set<FormatId>(['code', 'json', 'shell']);

interface Scored extends LabelScore {
  files: string[];
}

/** Scores the labelled files of a folder that are detected as code, JSON or shell. */
function scoreCodeFiles(dir: string): Scored {
  const total: Scored = { tp: 0, fp: 0, fn: 0, tn: 0, misses: [], falses: [], files: [] };
  for (const file of labelledFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const format = detectFormat(languageIdFor(file), pathToFileURL(file).href, text);
    if (!format || !CODE_FORMATS.has(format)) continue;
    const found = findPorts(format, text, (e) => {
      throw e;
    });
    const name = path.relative(dir, file);
    const s = scoreAgainstLabels(name, text, readLabels(file + '.labels'), found);
    total.tp += s.tp;
    total.fp += s.fp;
    total.fn += s.fn;
    total.tn += s.tn;
    total.misses.push(...s.misses);
    total.falses.push(...s.falses);
    total.files.push(`${name} (${format})`);
  }
  return total;
}

function assertTargets(s: Scored): void {
  const precision = s.tp / Math.max(1, s.tp + s.fp);
  const recall = s.tp / Math.max(1, s.tp + s.fn);
  const detail = `precision ${precision.toFixed(4)} recall ${recall.toFixed(4)}\nMISS ${s.misses.join('\nMISS ')}\nFALSE ${s.falses.join('\nFALSE ')}`;
  assert.ok(precision >= 0.98, detail);
  assert.ok(recall >= 0.95, detail);
}

describe('code, JSON and shell finders on labelled corpora', () => {
  it('hold precision >= 0.98 and recall >= 0.95 on test/corpus/code', () => {
    const s = scoreCodeFiles(path.join(__dirname, '../corpus/code'));
    // Every labelled file there is served, and each of the three formats has files.
    const labelled = labelledFiles(path.join(__dirname, '../corpus/code')).length;
    assert.equal(s.files.length, labelled, s.files.join(', '));
    for (const f of CODE_FORMATS) assert.ok(s.files.some((x) => x.endsWith(`(${f})`)), `no labelled ${f} file`);
    assert.ok(s.tp > 150, `only ${s.tp} ports labelled and found`);
    assert.ok(s.tn > 300, `only ${s.tn} non-ports labelled`);
    assertTargets(s);
  });

  // The shared sample lives beside the project (never in it); where it is, hold the same targets.
  const shared = path.resolve(__dirname, '../../../shared/corpus');
  if (fs.existsSync(shared)) {
    it('hold precision >= 0.98 and recall >= 0.95 on the code files of ../shared/corpus', () => {
      const s = scoreCodeFiles(shared);
      for (const f of ['app.ts', 'main.go', 'settings.py']) assert.ok(s.files.some((x) => x.startsWith(f + ' ')), `${f} not scored`);
      assertTargets(s);
    });
  }
});
