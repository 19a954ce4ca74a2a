// Builds the three self-contained bundles with esbuild: the extension, the language server and the CLI.
import fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Prefer ES module builds: jsonc-parser's UMD "main" loads its parts with a dynamic require that
  // esbuild cannot follow, so a bundle built from it fails at start-up.
  mainFields: ['module', 'main'],
};
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node.ts'], outfile: 'dist/server.js' },
  // The CLI prints its version (`iana-ports --version`) without reading package.json at run time.
  {
    ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' },
    define: { IANA_PORTS_VERSION: JSON.stringify(JSON.parse(fs.readFileSync('package.json', 'utf8')).version) },
  },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
