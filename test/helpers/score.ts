// Scores the finders on labelled folders without a server: `npx tsx test/helpers/score.ts DIR...`.
// Prints MISS/FALSE lines and a precision/recall line per folder, like the LSP probe.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { languageIdFor } from './languageId';
import { labelledFiles, readLabels, scoreAgainstLabels, type LabelScore } from './labels';

export function scoreFolder(dir: string): LabelScore & { files: number } {
  const total = { tp: 0, fp: 0, fn: 0, tn: 0, misses: [] as string[], falses: [] as string[], files: 0 };
  for (const file of labelledFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    const format = detectFormat(languageIdFor(file), uri, text);
    const found = format ? findPorts(format, text, (e) => { throw e; }) : [];
    const s = scoreAgainstLabels(file.slice(dir.length + 1), text, readLabels(file + '.labels'), found);
    total.tp += s.tp; total.fp += s.fp; total.fn += s.fn; total.tn += s.tn;
    total.misses.push(...s.misses); total.falses.push(...s.falses);
    total.files++;
  }
  return total;
}

if (require.main === module) {
  for (const dir of process.argv.slice(2)) {
    const s = scoreFolder(dir.replace(/\/$/, ''));
    for (const m of s.misses) console.log('MISS ' + m);
    for (const f of s.falses) console.log('FALSE ' + f);
    const p = s.tp / Math.max(1, s.tp + s.fp), r = s.tp / Math.max(1, s.tp + s.fn);
    console.log(`${dir}: files=${s.files} tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} precision=${p.toFixed(4)} recall=${r.toFixed(4)}`);
  }
}
