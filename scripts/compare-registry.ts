// Measures how faithful data/registry.json is to IANA's official releases in ../shared/registry/
// (or the XML files given as arguments). It only prints figures: nothing made from the XML is written.
// Usage: node scripts/run-ts.mjs scripts/compare-registry.ts [--json] [FILE.xml ...]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeRegistry } from '../server/src/service/registry/codec';
import { compareRegistries, COMPARED_FIELDS, type Fidelity } from '../server/src/registry/compare';
import { convertIanaXml } from '../server/src/registry/ianaConvert';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
let files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  const dir = path.resolve(root, '..', 'shared', 'registry');
  if (!existsSync(dir)) {
    console.error(`no reference releases: ${dir} does not exist; pass XML files as arguments`);
    process.exit(2);
  }
  files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
}
const bundle = decodeRegistry(readFileSync(path.join(root, 'data', 'registry.json'), 'utf8'));
const results: Fidelity[] = [];
for (const f of files) {
  const reference = convertIanaXml(readFileSync(f, 'utf8'), { minRecords: 10000 });
  const r = compareRegistries(bundle, reference, json ? 20 : 3);
  results.push(r);
  if (json) continue;
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
  console.log(`\n== ${path.basename(f)} (release ${r.referenceRelease}): ${r.referenceRecords} records, ${r.people.reference} people`);
  console.log(`bundle: ${r.bundleCurrent} current + ${r.bundleSuperseded} superseded records, ${r.people.bundle} people`);
  console.log(`matched ${r.matched} (${pct(r.matched, r.referenceRecords)}), missing ${r.missing} ` +
    `(named single ports ${r.missingByKind.named}, ranges ${r.missingByKind.ranges}, name-only ${r.missingByKind.nameOnly}, ` +
    `Reserved/Unassigned ${r.missingByKind.unnamed}; ${r.missingButSuperseded} of them superseded, ${r.supersededByNewer} by a record newer than ` +
    `this release, ${r.missingButSuperseded - r.supersededByNewer} wrongly), extra ${r.extra}, ` +
    `superseded and gone ${r.supersededAbsent}`);
  console.log(`  missing e.g. ${r.missingExamples.join('; ')}`);
  if (r.wronglySupersededExamples.length) console.log(`  wrongly superseded e.g. ${r.wronglySupersededExamples.join('; ')}`);
  console.log(`  extra e.g. ${r.extraExamples.join('; ')}`);
  console.log('field (over matched records): equal / missing in bundle / different / only in bundle');
  for (const k of COMPARED_FIELDS) {
    const x = r.fields[k];
    console.log(`  ${k.padEnd(13)} ${String(x.equal).padStart(6)} (${pct(x.equal, r.matched)}) / ${x.missing} / ${x.differs} / ${x.extra}` +
      (x.examples.length ? `   e.g. ${x.examples[0]}` : ''));
  }
  console.log(`people: ${r.people.bundleInReference} of the bundle's ${r.people.bundle} are in the reference, ${r.people.sameName} with the same name`);
}
if (json) console.log(JSON.stringify(results, null, 2));
