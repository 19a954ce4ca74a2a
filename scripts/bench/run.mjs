// `npm run bench`: bundles the benchmark (scripts/bench/bench.ts, which imports the server core) with
// esbuild, as the server itself is bundled, and runs it in a fresh node process.
// Options: --quick (tiny counts, a smoke run), --json FILE (also write the figures as JSON),
// --hostile-only (only the "hostile inputs" section of issue 16), --stdio-only (only the figures over stdio
// against the null server: start-up, hover, first diagnostics, memory; with --server FILE, of another build),
// --cold-only --base FILE (only the cold first diagnostics, taking turns with another build's server, e.g. the
// commit before a change; --rounds N).
// `node scripts/bench/run.mjs scan [format...]` runs only the scanning figures (scripts/bench/scan.ts),
// bundled in the same way, so that work on one finder measures the code that ships. With `--base DIR`
// (a checkout of the same project, e.g. `git worktree add /tmp/main-base main`; `--base .` for the A/A
// control) the finders of DIR are bundled too and timed in the same run on the same samples, in CPU time
// and in alternating pairs: ours / base per finder with its spread (scan.ts has the method and options).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-bench-'));
const outfile = path.join(outDir, 'bench.cjs');
const scanOnly = process.argv[2] === 'scan';
const args = scanOnly ? process.argv.slice(3) : process.argv.slice(2);
/** A tree as the scan bench names it: its path, commit and whether it has uncommitted changes. */
function treeLabel(dir) {
  try {
    const git = (...a) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${dir} at ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'server/src') ? ' + uncommitted changes' : ''}`;
  } catch {
    return dir;
  }
}

try {
  await esbuild.build({
    stdin: {
      contents: scanOnly
        ? `import { main } from './scan';\nmain(process.argv.slice(2));`
        : `import { main } from './bench';\nmain(process.argv.slice(2), ${JSON.stringify(root)}).catch((e) => { console.error(e); process.exit(1); });`,
      resolveDir: path.join(root, 'scripts', 'bench'),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning',
    // ES module builds first, as scripts/build.mjs does: jsonc-parser's UMD build cannot be bundled.
    mainFields: ['module', 'main'],
  });
  const env = { ...process.env };
  // The finders of a tree, bundled alone. Ours and the base are bundled and loaded the same way, so that an
  // A/A run (--base .) compares two identical things and an A/B run differs only in the source.
  const finders = (dir, file) => esbuild.build({
    stdin: { contents: `export { finderFor } from './server/src/service/scan';`, resolveDir: dir, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: file, logLevel: 'warning',
    mainFields: ['module', 'main'], nodePaths: [path.join(root, 'node_modules')],
  });
  const baseAt = args.indexOf('--base');
  if (scanOnly) {
    env.IANA_BENCH_OURS = path.join(outDir, 'ours.cjs');
    env.IANA_BENCH_OURS_LABEL = treeLabel(root);
    await finders(root, env.IANA_BENCH_OURS);
  }
  if (scanOnly && baseAt >= 0) {
    const baseDir = path.resolve(args[baseAt + 1] ?? '');
    if (!fs.existsSync(path.join(baseDir, 'server', 'src', 'service', 'scan', 'index.ts'))) throw new Error(`--base ${baseDir}: not a checkout of this project`);
    env.IANA_BENCH_BASE = path.join(outDir, 'base.cjs');
    env.IANA_BENCH_BASE_LABEL = treeLabel(baseDir) + (baseDir === root ? ' (A/A: our own tree, bundled a second time)' : '');
    await finders(baseDir, env.IANA_BENCH_BASE);
  }
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], { cwd: root, stdio: 'inherit', env });
  process.exitCode = r.status ?? 1;
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
