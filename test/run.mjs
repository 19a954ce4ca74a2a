// Runs every mocha test (TypeScript through tsx) and ends with one plain summary line,
// "N passed, N failed", that CI reads. Skipped tests are reported, never counted as passed.
// Usage: node test/run.mjs [glob-or-folder ...]   (default: test/unit and test/protocol)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
require('tsx/cjs');
const Mocha = require('mocha');

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice(7);
const dirs = roots.length ? roots : ['test/unit', 'test/protocol'];
const files = [];
for (const d of dirs) {
  if (d.endsWith('.ts')) files.push(d);
  else for (const f of fs.readdirSync(d, { recursive: true })) if (String(f).endsWith('.test.ts')) files.push(path.join(d, String(f)));
}
files.sort();
const mocha = new Mocha({ timeout: 30000, reporter: 'spec', grep });
for (const f of files) mocha.addFile(path.resolve(f));
const runner = mocha.run((failures) => {
  const s = runner.stats;
  console.log(`${s.passes} passed, ${failures} failed` + (s.pending ? `, ${s.pending} skipped` : ''));
  process.exitCode = failures || s.passes === 0 || s.pending ? 1 : 0;
});
