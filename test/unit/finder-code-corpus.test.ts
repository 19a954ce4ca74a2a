import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FormatId } from '../../server/src/service/scan';
import { labelledFiles } from '../helpers/labels';
import { assertTargets, scoreFolder } from '../helpers/score';

// The code, JSON and shell finders measured on labelled files the way the LSP probe measures the
// server: every digit run is a port or not, and a run counts as recognised when an occurrence
// covers its first character. Targets: precision >= 0.98 and recall >= 0.95.

const CODE_FORMATS = new Set<FormatId>(['code', 'json', 'shell']);

/** Scores the labelled files of a folder that are detected as code, JSON or shell. */
const scoreCodeFiles = (dir: string) => scoreFolder(dir, (_f, format) => !!format && CODE_FORMATS.has(format));

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
