// `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by
// headless Chromium. Two phases, each with its own fresh code-server, profile and copy of the fixture workspace:
//   suite  the extension-host mocha suite (test/e2e/index.ts, bundled with esbuild) runs inside the extension
//          host through VS Code's extensionTestsPath payload; its exit code is this phase's result.
//   web-suite  the same suite (minus the server-process test) with the extension in VS Code's web worker
//          extension host, as in vscode.dev, from its `browser` entry (dist/web/client.js). The user setting
//          `remote.extensionKind: { "iana-ports.iana-ports": ["web"] }` puts it there. (The workbench payload
//          `extensionDevelopmentKind=web` does not: VS Code 1.100's web workbench reads it into a property
//          that its extension-kind lookup does not consult.)
//   ui     the packaged VSIX is installed offline into code-server, and a real mouse hover over a port in the
//          compose fixture must show the card; screenshots of hover, completion list and warning are saved.
//   web-ui the UI check with the installed VSIX forced into the web worker host by that same setting
//          (screenshots web-*.png); it also checks that no Node language server process exists then.
// The extension under test is the packaged VSIX (unpacked for the suite), so the tests see exactly what ships.
// On first use it installs the harness (scripts/e2e/install.sh) into $IANA_E2E_HOME (default /tmp/iana-ports-e2e).
//
// usage: node scripts/e2e/run.mjs [--suite-only | --ui-only] [--no-web | --web-only] [--no-package] [--ext DIR]
//                                 [--vsix FILE] [--update-screenshots] [--keep] [--electron]
//   --no-web / --web-only skip the web worker phases / run only them
//   --no-package          use the existing dist/iana-ports.vsix instead of running `npm run package`
//   --ext DIR             run the suite against an unpacked extension folder instead (implies --suite-only)
//   --update-screenshots  copy the screenshots into docs/images/ (the README's pictures)
//   --keep                keep the run folder under $IANA_E2E_HOME for inspection
//   --electron            run the suite in desktop VS Code through @vscode/test-electron (test/e2e/runTest.ts)
//                         instead; needs a machine that can download VS Code (and a display or xvfb-run)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import {
  HOME, ROOT, ensureInstalled, forwardConsole, launchBrowser, log, runChecked, startCodeServer, workbenchUrl,
} from './lib.mjs';
import { runUiCheck } from './ui.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const extDir = option('--ext') ? path.resolve(option('--ext')) : undefined;
const vsix = path.resolve(option('--vsix') ?? path.join(ROOT, 'dist', 'iana-ports.vsix'));
const allPhases = flag('--ui-only') ? ['ui', 'web-ui'] : flag('--suite-only') || extDir ? ['suite', 'web-suite'] : ['suite', 'web-suite', 'ui', 'web-ui'];
const phases = allPhases.filter((p) => (flag('--no-web') ? !p.startsWith('web-') : flag('--web-only') ? p.startsWith('web-') : true));
/** The user setting that makes VS Code run the installed extension in the web worker extension host. */
const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'iana-ports.iana-ports': ['web'] } };
/** The line the web suite prints with its report (test/e2e/web/index.ts). */
const WEB_REPORT_PREFIX = 'IANA_E2E_REPORT ';
const SUITE_TIMEOUT_MS = 6 * 60_000;
const TOTAL_TIMEOUT_MS = 15 * 60_000;

// A hard bound on the whole run, whatever hangs: the exit handler in lib.mjs still kills the servers.
setTimeout(() => {
  log(`giving up after ${TOTAL_TIMEOUT_MS / 60_000} minutes`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS).unref();

if (flag('--electron')) {
  runChecked('npm', ['run', '--silent', 'build']);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.mjs'), path.join(ROOT, 'test', 'e2e', 'runTest.ts')],
    { stdio: 'inherit', cwd: ROOT, timeout: TOTAL_TIMEOUT_MS });
  process.exit(r.status ?? 1);
}
ensureInstalled();
const runDir = fs.mkdtempSync(path.join(HOME, 'run-'));
log(`run folder ${runDir}`);

/** Copies the fixture workspace, so tests may edit files without touching the repository. */
function freshWorkspace(name) {
  const dest = path.join(runDir, name);
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), dest, { recursive: true });
  return dest;
}

/** Unpacks the VSIX the way VS Code installs it: its extension/ folder is the extension. */
let unpacked;
function unpackVsix() {
  if (unpacked) return unpacked;
  const dest = path.join(runDir, 'vsix');
  unpacked = path.join(dest, 'extension');
  fs.mkdirSync(dest);
  runChecked('unzip', ['-q', vsix, 'extension/*', '-d', dest]);
  return path.join(dest, 'extension');
}

/** Bundles the suite for the Node extension host, or (web) for the web worker host, which has no Node modules. */
async function bundleSuite(suiteDir, web) {
  const e2e = path.join(ROOT, 'test', 'e2e');
  await esbuild.build({
    entryPoints: [path.join(e2e, web ? 'web/index.ts' : 'index.ts')],
    outfile: path.join(suiteDir, 'index.js'),
    bundle: true, format: 'cjs', external: ['vscode'],
    ...(web
      ? {
        platform: 'browser', target: 'es2022',
        alias: { 'node:assert/strict': path.join(e2e, 'web', 'assert.ts'), 'node:events': path.join(e2e, 'web', 'events.ts') },
      }
      : { platform: 'node', target: 'node20' }),
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the suite runs serially and never loads them.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

async function runSuite(extensionDir, { web = false } = {}) {
  const name = web ? 'web-suite' : 'suite';
  // VS Code runs the tests in the extension host of the extension whose folder holds them; outside any
  // extension, a vscode-remote: test file runs in the Node host. So the web suite goes inside the extension.
  const suiteDir = web ? path.join(extensionDir, 'dist', 'e2e-web-suite') : path.join(runDir, name);
  await bundleSuite(suiteDir, web);
  const workspace = freshWorkspace(`${name}-workspace`);
  const report = path.join(runDir, `${name}-report.json`);
  const server = await startCodeServer(path.join(runDir, `${name}-server`), { env: { IANA_E2E_REPORT: report }, settings: web ? WEB_HOST_SETTINGS : {} });
  log(`code-server ${server.port} (process group ${server.pid}); extension ${extensionDir}`);
  const browser = await launchBrowser(runDir);
  let code;
  try {
    const { page } = browser;
    forwardConsole(page);
    // The web worker host cannot write files: its suite prints the report, which is read from the console.
    if (web) {
      page.on('console', (message) => {
        const text = message.text();
        const at = text.indexOf(WEB_REPORT_PREFIX);
        if (at >= 0) fs.writeFileSync(report, text.slice(at + WEB_REPORT_PREFIX.length));
      });
    }
    // VS Code calls window.codeAutomationExit(code) when the extensionTestsPath module's run() settles.
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (c) => resolve(c)));
    await page.goto(workbenchUrl(server.port, workspace, [
      ['extensionDevelopmentPath', extensionDir],
      ['extensionTestsPath', path.join(suiteDir, 'index.js')],
      ['skipWelcome', 'true'],
    ]));
    code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS))]);
  } finally {
    await browser.close();
    await server.stop();
    if (web) fs.rmSync(suiteDir, { recursive: true, force: true });
  }
  log(`extension-host suite exit code: ${code}`);
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    for (const t of r.tests) {
      console.log(`  ${t.state === 'passed' ? 'ok  ' : t.state === 'skipped' ? 'SKIP' : 'FAIL'} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
      if (t.reason) console.log(`       skipped: ${t.reason}`);
      if (t.error) console.log(t.error.split('\n').map((l) => '       ' + l).join('\n'));
    }
    console.log(`e2e suite: ${r.passes} passed, ${r.failures} failed${r.skipped ? `, ${r.skipped} skipped (not counted as passed)` : ''}`);
  } else {
    console.log('e2e suite: no report written (the suite did not run to its end)');
    console.log(fs.readFileSync(server.logFile, 'utf8').slice(-3000));
  }
  return code === 0;
}

let ok = true;
try {
  if (!extDir && !flag('--no-package')) {
    log('npm run package');
    runChecked('npm', ['run', '--silent', 'package']);
  }
  if (!extDir && !fs.existsSync(vsix)) throw new Error(`${vsix} does not exist; run \`npm run package\``);
  for (const phase of phases) {
    log(`phase ${phase}`);
    const web = phase.startsWith('web-');
    const passed = phase.endsWith('suite')
      ? await runSuite(extDir ?? unpackVsix(), { web })
      : await runUiCheck({
        runDir, vsix, workspace: freshWorkspace(`${phase}-workspace`), updateScreenshots: flag('--update-screenshots'),
        ...(web ? { settings: WEB_HOST_SETTINGS, prefix: 'web-', name: phase } : {}),
      });
    log(`phase ${phase}: ${passed ? 'passed' : 'FAILED'}`);
    ok &&= passed;
  }
} catch (e) {
  ok = false;
  console.error(e instanceof Error ? e.stack : e);
} finally {
  if (ok && !flag('--keep')) fs.rmSync(runDir, { recursive: true, force: true });
  else log(`run folder kept: ${runDir}`);
}
log(ok ? 'e2e: PASSED' : 'e2e: FAILED');
process.exit(ok ? 0 : 1);
