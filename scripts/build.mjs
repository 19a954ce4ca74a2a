// Builds the self-contained bundles with esbuild: the extension, the language server and the CLI for
// Node, and the extension and the language server for a web worker extension host (dist/web/).
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
  // dist/server.js, the file editors start, runs the server bundle dist/serverCore.js through V8's
  // code cache (server/src/codeCacheLoader.ts).
  { ...common, entryPoints: ['server/src/node.ts'], outfile: 'dist/serverCore.js' },
  { ...common, entryPoints: ['server/src/codeCacheLoader.ts'], outfile: 'dist/server.js' },
  // The CLI prints its version (`iana-ports --version`) without reading package.json at run time.
  {
    ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' },
    define: { IANA_PORTS_VERSION: JSON.stringify(JSON.parse(fs.readFileSync('package.json', 'utf8')).version) },
  },
];
// In the web worker bundles Node's built-in modules are stand-ins that fail when called (see
// server/src/web/nodeBuiltins.ts): the code that needs them is not run there.
const nodeStandIn = 'server/src/web/nodeBuiltins.ts';
const web = {
  ...common,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  alias: Object.fromEntries(['fs', 'path', 'url', 'util', 'http', 'https', 'os', 'v8', 'module', 'child_process', 'crypto']
    .flatMap((m) => [[`node:${m}`, `./${nodeStandIn}`], [m, `./${nodeStandIn}`]])
    // The CSV reader of IANA's registry files (Import Registry File): it needs Node's Buffer when it loads.
    .concat([['csv-parse/sync', `./${nodeStandIn}`]])),
  define: { 'process.env.NODE_ENV': '"production"' },
};
builds.push(
  { ...web, entryPoints: ['client/src/web.ts'], outfile: 'dist/web/client.js', external: ['vscode'] },
  { ...web, entryPoints: ['server/src/web/worker.ts'], outfile: 'dist/web/server.js', format: 'iife' },
);
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
