// Builds data/registry.json from the pinned sources (see data/README.md). Deterministic: the same
// inputs give the same bytes. `--check` rebuilds in memory and fails if the committed file differs.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBundle } from '../server/src/registry/bundle';

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'data', 'registry.json');
const check = process.argv.includes('--check');
const verbose = process.argv.includes('--stats');

const { data, text, stats } = buildBundle(root);
if (verbose) console.log(JSON.stringify(stats, null, 2));
if (check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== text) {
    console.error('data/registry.json is out of date with its sources or build script; run `npm run registry:build` and commit it.');
    process.exit(1);
  }
  console.log(`data/registry.json is up to date (${data.records.length} records).`);
} else {
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, target);
  console.log(`wrote data/registry.json: ${data.records.length} records, ${data.people.length} people, release ${data.release}, ${text.length} bytes`);
}
