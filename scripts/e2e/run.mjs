// `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by
// headless Chromium. Two phases, each with its own fresh code-server, profile and copy of the fixture workspace:
//   suite  the extension-host mocha suite (test/e2e/index.ts, bundled with esbuild) runs inside the extension
//          host through VS Code's extensionTestsPath payload; its exit code is this phase's result.
//   ui     the packaged VSIX is installed offline into code-server, and a real mouse hover over a port in the
//          compose fixture must show the card; screenshots of hover, completion list and warning are saved.
// The extension under test is the packaged VSIX (unpacked for the suite), so the tests see exactly what ships.
// On first use it installs the harness (scripts/e2e/install.sh) into $IANA_E2E_HOME (default /tmp/iana-ports-e2e).
//
// usage: node scripts/e2e/run.mjs [--suite-only | --ui-only] [--no-package] [--ext DIR] [--vsix FILE]
//                                 [--update-screenshots] [--keep] [--electron]
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
const phases = flag('--ui-only') ? ['ui'] : flag('--suite-only') || extDir ? ['suite'] : ['suite', 'ui'];
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
function unpackVsix() {
  const dest = path.join(runDir, 'vsix');
  fs.mkdirSync(dest);
  runChecked('unzip', ['-q', vsix, 'extension/*', '-d', dest]);
  return path.join(dest, 'extension');
}

async function runSuite(extensionDir) {
  const suiteDir = path.join(runDir, 'suite');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test', 'e2e', 'index.ts')],
    outfile: path.join(suiteDir, 'index.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the suite runs serially and never loads them.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  const workspace = freshWorkspace('suite-workspace');
  const report = path.join(runDir, 'suite-report.json');
  const server = await startCodeServer(path.join(runDir, 'suite-server'), { env: { IANA_E2E_REPORT: report } });
  log(`code-server ${server.port} (process group ${server.pid}); extension ${extensionDir}`);
  const browser = await launchBrowser(runDir);
  let code;
  try {
    const { page } = browser;
    forwardConsole(page);
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
  }
  log(`extension-host suite exit code: ${code}`);
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    for (const t of r.tests) {
      console.log(`  ${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
      if (t.error) console.log(t.error.split('\n').map((l) => '       ' + l).join('\n'));
    }
    console.log(`e2e suite: ${r.passes} passed, ${r.failures} failed`);
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
    const passed = phase === 'suite'
      ? await runSuite(extDir ?? unpackVsix())
      : await runUiCheck({ runDir, vsix, workspace: freshWorkspace('ui-workspace'), updateScreenshots: flag('--update-screenshots') });
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
