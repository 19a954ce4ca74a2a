// `npm run bench`: bundles the benchmark (scripts/bench/bench.ts, which imports the server core) with
// esbuild, as the server itself is bundled, and runs it in a fresh node process.
// Options: --quick (tiny counts, a smoke run), --json FILE (also write the figures as JSON).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-bench-'));
const outfile = path.join(outDir, 'bench.cjs');
try {
  await esbuild.build({
    stdin: {
      contents: `import { main } from './bench';\nmain(process.argv.slice(2), ${JSON.stringify(root)}).catch((e) => { console.error(e); process.exit(1); });`,
      resolveDir: path.join(root, 'scripts', 'bench'),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning',
    // ES module builds first, as scripts/build.mjs does: jsonc-parser's UMD build cannot be bundled.
    mainFields: ['module', 'main'],
  });
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
