// The same extension-host suite in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (on Linux without a display, run it under xvfb-run). These machines cannot; there
// scripts/e2e/run.mjs runs the suite in code-server instead.
// usage: node scripts/run-ts.mjs test/e2e/runTest.ts     (or: npm run test:e2e -- --electron)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');

/** Builds the suite and the extension, then runs the suite in VS Code 1.100.3 on a copy of the fixture workspace. */
async function main(): Promise<number> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-electron-'));
  try {
    const suite = path.join(ROOT, '.vscode-test', 'e2e-suite', 'index.js');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'test', 'e2e', 'index.ts')],
      outfile: suite,
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'],
      logLevel: 'warning', logOverride: { 'require-resolve-not-external': 'silent' },
    });
    const workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    // The same quiet settings as the code-server run: no walkthrough, no trust prompt, no chat panel.
    fs.mkdirSync(path.join(scratch, 'user-data', 'User'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'scripts', 'e2e', 'settings.json'), path.join(scratch, 'user-data', 'User', 'settings.json'));
    const report = path.join(scratch, 'report.json');
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      extensionTestsEnv: { IANA_E2E_REPORT: report },
      launchArgs: [
        workspace,
        '--user-data-dir', path.join(scratch, 'user-data'),
        '--extensions-dir', path.join(scratch, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    return 0;
  } catch (e) {
    console.error(`extension-host tests failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
