// Scores the finders on labelled folders without a server: `npx tsx test/helpers/score.ts DIR...`.
// Prints MISS/FALSE lines and a precision/recall line per folder, like the LSP probe.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectFormat, findPorts, type FormatId } from '../../server/src/service/scan';
import { languageIdFor } from './languageId';
import { labelledFiles, readLabels, scoreAgainstLabels, type LabelScore } from './labels';

export interface FolderScore extends LabelScore {
  /** Each scored file as `relative/path (format)`. */
  files: string[];
}

/**
 * Scores the labelled files of a folder (optionally only those `include` accepts) with the finder
 * their name and language id pick, the way the LSP probe scores a server.
 */
export function scoreFolder(dir: string, include: (file: string, format: FormatId | undefined) => boolean = () => true): FolderScore {
  const total: FolderScore = { tp: 0, fp: 0, fn: 0, tn: 0, misses: [], falses: [], files: [] };
  for (const file of labelledFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const format = detectFormat(languageIdFor(file), pathToFileURL(file).href, text);
    if (!include(file, format)) continue;
    const found = format ? findPorts(format, text, (e) => { throw e; }) : [];
    const name = path.relative(dir, file);
    const s = scoreAgainstLabels(name, text, readLabels(file + '.labels'), found);
    total.tp += s.tp; total.fp += s.fp; total.fn += s.fn; total.tn += s.tn;
    total.misses.push(...s.misses); total.falses.push(...s.falses);
    total.files.push(`${name} (${format})`);
  }
  return total;
}

/** Asserts precision >= 0.98 and recall >= 0.95, listing every miss and false alarm on failure. */
export function assertTargets(s: LabelScore): void {
  const precision = s.tp / Math.max(1, s.tp + s.fp);
  const recall = s.tp / Math.max(1, s.tp + s.fn);
  const detail = `precision ${precision.toFixed(4)} recall ${recall.toFixed(4)}\nMISS ${s.misses.join('\nMISS ')}\nFALSE ${s.falses.join('\nFALSE ')}`;
  assert.ok(precision >= 0.98, detail);
  assert.ok(recall >= 0.95, detail);
}

if (require.main === module) {
  for (const dir of process.argv.slice(2)) {
    const s = scoreFolder(dir.replace(/\/$/, ''));
    for (const m of s.misses) console.log('MISS ' + m);
    for (const f of s.falses) console.log('FALSE ' + f);
    const p = s.tp / Math.max(1, s.tp + s.fp), r = s.tp / Math.max(1, s.tp + s.fn);
    console.log(`${dir}: files=${s.files.length} tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} precision=${p.toFixed(4)} recall=${r.toFixed(4)}`);
  }
}
