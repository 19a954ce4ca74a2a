// The extension-host test entry, in the shape @vscode/test-electron and VS Code's `extensionTestsPath` expect:
// a module exporting `run()`, whose promise rejects when a test fails. VS Code loads it inside the extension
// host after the extension under development is registered, and closes with a non-zero code on rejection.
// scripts/e2e/run.mjs bundles this file (mocha included) with esbuild into one self-contained module.
import * as fs from 'node:fs';
import Mocha from 'mocha';

interface TestReport {
  passes: number;
  failures: number;
  skipped: number;
  tests: Array<{ title: string; state: string; durationMs?: number; error?: string; reason?: string }>;
}

/** Runs every extension-host test; resolves when all pass, rejects otherwise. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: 'spec' });
  // Define describe/it on the global object, then load the tests; they are bundled in, so require() is static.
  mocha.suite.emit('pre-require', globalThis, 'extension.e2e', mocha);
  require('./extension.e2e');
  require('./completion.e2e');
  require('./hover.e2e');
  require('./staleFindings.e2e');
  require('./untitled.e2e');
  require('./kubernetes.e2e');

  const report: TestReport = { passes: 0, failures: 0, skipped: 0, tests: [] };
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      report.passes = runner.stats?.passes ?? 0;
      report.failures = failures;
      // A second channel besides the exit code: the runner reads this file and prints it, which matters in
      // code-server, where the extension host's console reaches the terminal only through the browser.
      const reportPath = process.env.IANA_E2E_REPORT;
      if (reportPath) fs.writeFileSync(reportPath, JSON.stringify(report, null, 2));
      // A run with no passing test proves nothing, so it fails like a failing test does.
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else if (report.passes === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
    runner.on('test end', (test) => {
      if (test.state === 'failed' || test.isPending()) return; // reported with its error by the 'fail' event
      report.tests.push({ title: test.fullTitle(), state: test.state ?? 'unknown', durationMs: test.duration });
    });
    // A test skipped where it cannot apply says why; it counts as neither passed nor failed.
    runner.on('pending', (test) => {
      report.skipped += 1;
      report.tests.push({ title: test.fullTitle(), state: 'skipped', reason: (test as { skipReason?: string }).skipReason });
    });
    runner.on('fail', (test, err: Error) => {
      report.tests.push({ title: test.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
    });
  });
}
