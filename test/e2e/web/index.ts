// The extension-host test entry for VS Code's web worker extension host (scripts/e2e/run.mjs --web).
// That host loads this bundle as a CommonJS module without Node: mocha's browser build replaces the
// Node runner, and the report goes to the console, where the runner reads it from the browser page.
import 'mocha/mocha';

/** The line prefix the runner looks for in the browser console. */
const REPORT_PREFIX = 'IANA_E2E_REPORT ';

export function run(): Promise<void> {
  (globalThis as { __ianaPortsE2eWebHost?: boolean }).__ianaPortsE2eWebHost = true;
  mocha.setup({ ui: 'bdd', timeout: 90_000, reporter: undefined as never, color: false });
  require('../extension.e2e');
  require('../completion.e2e');
  require('../hover.e2e');
  require('../untitled.e2e');
  require('../kubernetes.e2e');
  require('./web.e2e');
  const report = { passes: 0, failures: 0, skipped: 0, tests: [] as Array<{ title: string; state: string; durationMs?: number; error?: string; reason?: string }> };
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      report.passes = runner.stats?.passes ?? 0;
      report.failures = failures;
      console.log(REPORT_PREFIX + JSON.stringify(report));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else if (report.passes === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
    runner.on('test end', (test) => {
      if (test.state === 'failed' || test.isPending()) return;
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
