import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { labelledFiles, readLabels, scoreAgainstLabels, type LabelScore } from '../helpers/labels';
import { languageIdFor } from '../helpers/languageId';

// The Compose and YAML finders measured on labelled files the way the LSP probe measures the server:
// every digit run is a port or not, and a run counts as recognised when an occurrence covers its
// first character. Targets: precision >= 0.98 and recall >= 0.95.

interface Scored extends LabelScore {
  files: string[];
}

/** Scores the labelled YAML files (`.yml`, `.yaml`) of a folder with the finder their name and language pick. */
function scoreYamlFiles(dir: string): Scored {
  const total: Scored = { tp: 0, fp: 0, fn: 0, tn: 0, misses: [], falses: [], files: [] };
  for (const file of labelledFiles(dir)) {
    if (!/\.ya?ml$/.test(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const format = detectFormat(languageIdFor(file), pathToFileURL(file).href, text);
    const found = format ? findPorts(format, text, (e) => { throw e; }) : [];
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

describe('compose and yaml finders on labelled corpora', () => {
  const own = path.join(__dirname, '../corpus/yaml');

  it('hold precision >= 0.98 and recall >= 0.95 on test/corpus/yaml', () => {
    const s = scoreYamlFiles(own);
    assert.ok(s.files.length >= 8, s.files.join(', '));
    // Both finders are exercised, including a compose file known by content only (stack.yml).
    assert.ok(s.files.some((f) => f.endsWith('(compose)')), s.files.join(', '));
    assert.ok(s.files.includes('stack.yml (yaml)'), s.files.join(', '));
    assert.ok(s.tp > 150, `only ${s.tp} ports labelled and found`);
    assert.ok(s.tn > 200, `only ${s.tn} non-ports labelled`);
    assertTargets(s);
  });

  // The shared sample lives beside the project (never in it); where it is, hold the same targets.
  const shared = path.resolve(__dirname, '../../../shared/corpus');
  if (fs.existsSync(shared)) {
    it('hold precision >= 0.98 and recall >= 0.95 on the YAML files of ../shared/corpus', () => {
      const s = scoreYamlFiles(shared);
      for (const f of ['docker-compose.yml', 'compose.override.yml', 'pod.yaml', 'service.yaml', 'application.yaml']) {
        assert.ok(s.files.some((x) => x.startsWith(f + ' ')), `${f} not scored: ${s.files.join(', ')}`);
      }
      assertTargets(s);
    });
  }
});
