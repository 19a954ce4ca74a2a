import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The command line as CI runs it: `node dist/cli.js` (build first), in a scratch folder.

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scratch(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

// One error (a port above 65535) and one warning (a fixed port in the dynamic range).
const BAD_COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "99999:80"\n      - "49200:8080"\n';
const WARN_ONLY = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "49200:8080"\n';
const CLEAN = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n';

describe('iana-ports CLI', function () {
  const roots: string[] = [];
  const make = (files: Record<string, string>) => {
    const r = scratch(files);
    roots.push(r);
    return r;
  };
  after(() => {
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  describe('check', () => {
    it('exits 0 with a summary on a clean folder', () => {
      const root = make({ 'compose.yaml': CLEAN, 'README.md': 'Port 99999 in prose is not a config file.\n' });
      const r = run(root, 'check');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), '0 problems (0 errors) in 0 files.');
    });

    it('prints file:line:column, severity, rule and message, and exits 1 on an error', () => {
      const root = make({ 'deploy/compose.yaml': BAD_COMPOSE });
      const r = run(root, 'check', 'deploy');
      assert.equal(r.code, 1);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0], /^deploy\/compose\.yaml:5:10: error \[outOfRange\] Port 99999 is out of range/);
      assert.ok(lines.some((l) => /^deploy\/compose\.yaml:6:10: warning \[dynamicRange\] Port 49200/.test(l)));
      assert.match(lines[lines.length - 1], /^\d+ problems \(1 error\) in 1 file\.$/);
    });

    it('exits 0 when only warnings are found', () => {
      const root = make({ 'compose.yaml': WARN_ONLY });
      const r = run(root, 'check', 'compose.yaml');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /warning \[dynamicRange\]/);
    });

    it('writes JSON for machines', () => {
      const root = make({ 'compose.yaml': BAD_COMPOSE });
      const r = run(root, 'check', '--format', 'json', '.');
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout);
      const err = out.find((d: any) => d.rule === 'outOfRange');
      assert.deepEqual(err, {
        file: 'compose.yaml', line: 5, column: 10, endLine: 5, endColumn: 15, severity: 'error', rule: 'outOfRange',
        message: err.message,
      });
      assert.match(err.message, /99999/);
      assert.ok(out.some((d: any) => d.rule === 'dynamicRange' && d.severity === 'warning'));
    });

    it('writes SARIF 2.1.0 for code-scanning services', () => {
      const root = make({ 'svc/compose.yaml': BAD_COMPOSE });
      const r = run(root, 'check', '--format', 'sarif');
      assert.equal(r.code, 1);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      const run0 = sarif.runs[0];
      assert.equal(run0.tool.driver.name, 'iana-ports');
      const err = run0.results.find((x: any) => x.ruleId === 'outOfRange');
      assert.equal(err.level, 'error');
      assert.deepEqual(err.locations[0].physicalLocation, { artifactLocation: { uri: 'svc/compose.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 5, startColumn: 10, endLine: 5, endColumn: 15 } });
      assert.equal(run0.results.find((x: any) => x.ruleId === 'dynamicRange').level, 'warning');
    });

    it('exits 2 on an unknown format or an unreadable settings file', () => {
      const root = make({ 'compose.yaml': CLEAN, 'broken.json': '{ nope' });
      const a = run(root, 'check', '--format', 'xml');
      assert.equal(a.code, 2);
      assert.match(a.stderr, /unknown format "xml"/);
      const b = run(root, 'check', '--config', 'broken.json');
      assert.equal(b.code, 2);
      assert.match(b.stderr, /cannot use settings file broken\.json/);
    });

    it('reads settings from .iana-ports.json in the current folder, or from --config', () => {
      const root = make({ 'compose.yaml': BAD_COMPOSE, '.iana-ports.json': JSON.stringify({ lint: { outOfRange: 'warning' } }), 'strict.json': JSON.stringify({ ianaPorts: { lint: { dynamicRange: 'error' } } }) });
      const relaxed = run(root, 'check', '--format', 'json');
      assert.equal(relaxed.code, 0);
      assert.equal(JSON.parse(relaxed.stdout).find((d: any) => d.rule === 'outOfRange').severity, 'warning');
      // --config replaces .iana-ports.json; the `ianaPorts` wrapper of settings.json is accepted.
      const strict = run(root, 'check', '--config', 'strict.json', '--format', 'json');
      assert.equal(strict.code, 1);
      const diags = JSON.parse(strict.stdout);
      assert.equal(diags.find((d: any) => d.rule === 'dynamicRange').severity, 'error');
      assert.equal(diags.find((d: any) => d.rule === 'outOfRange').severity, 'error');
      const ignoring = make({ 'compose.yaml': BAD_COMPOSE, '.iana-ports.json': JSON.stringify({ ignorePorts: [99999, '49000-49999'] }) });
      const none = run(ignoring, 'check');
      assert.equal(none.code, 0);
      assert.doesNotMatch(none.stdout, /outOfRange|dynamicRange/);
    });

    it('reports cross-file conflicts among the files checked together', () => {
      const root = make({
        'shop/compose.yaml': CLEAN,
        'blog/compose.yaml': CLEAN.replace('web:', 'ghost:'),
        'k8s/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8081\n',
        'k8s/dep.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          ports:\n            - containerPort: 8080\n',
      });
      const got = (...args: string[]) => {
        const r = run(root, 'check', '--format', 'json', ...args);
        assert.equal(r.code, 0, 'neither rule is an error by default');
        return JSON.parse(r.stdout).map((d: any) => `${d.file}:${d.line} ${d.rule} ${d.severity}`).sort();
      };
      // Two Compose projects side by side are started one at a time: compared only on request.
      assert.deepEqual(got(), []);
      fs.writeFileSync(path.join(root, 'compare.json'), JSON.stringify({ compose: { compareProjects: true } }));
      assert.deepEqual(got('--config', 'compare.json'), [
        'blog/compose.yaml:5 duplicateHostPortAcrossFiles info',
        'shop/compose.yaml:5 duplicateHostPortAcrossFiles info',
      ]);
      // Checking one folder alone has nothing to compare with.
      assert.doesNotMatch(run(root, 'check', '--config', 'compare.json', 'shop').stdout, /duplicateHostPortAcrossFiles/);
      // An override file of the same project publishing the port for another service: a warning.
      fs.writeFileSync(path.join(root, 'shop/compose.override.yaml'), CLEAN.replace('web:', 'admin:'));
      assert.deepEqual(got('shop'), ['shop/compose.override.yaml:5 duplicateHostPortAcrossFiles warning', 'shop/compose.yaml:5 duplicateHostPortAcrossFiles warning']);
      fs.writeFileSync(path.join(root, '.iana-ports.json'), JSON.stringify({ lint: { duplicateHostPortAcrossFiles: 'error' } }));
      assert.equal(run(root, 'check').code, 1);
    });
  });

  describe('scan', () => {
    it('lists each port with what runs there first where the IANA name misleads, and says what data is from when', () => {
      const root = make({ 'compose.yaml': 'services:\n  web:\n    image: grafana/grafana\n    ports:\n      - "3000:3000"\n  db:\n    image: postgres:16\n    ports:\n      - "5433:5432"\n' });
      const r = run(root, 'scan', '.');
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      const at = (col: string) => lines.find((l) => l.trimStart().startsWith(col)) ?? '';
      assert.match(at('5:10'), /^\s+5:10\s+3000\s+tcp\s+host\s+Node\.js\/React dev servers, Grafana, .* \(common practice\); IANA: hbci, remoteware-cl$/);
      // IANA's postgresql already says what runs on 5432; 5433 is not in the table: IANA's answer alone.
      assert.match(at('9:15'), /^\s+9:15\s+5432\s+tcp\s+container\s+postgresql$/);
      assert.match(at('9:10'), /^\s+9:10\s+5433\s+tcp\s+host\s+pyrrho$/);
      assert.match(r.stdout, /\n2 ports in 1 files, 0 problems \(IANA names as of 2026-09; details as of 2015-07\)\.\n$|ports in 1 files, \d+ problems \(IANA names as of 2026-09; details as of 2015-07\)\./);
    });
  });

  describe('lookup', () => {
    it('prints the hover card for a port number as text', () => {
      const r = run(os.tmpdir(), 'lookup', '5432');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Port 5432/);
      assert.match(r.stdout, /postgresql/);
      assert.doesNotMatch(r.stdout, /\*\*|\\\[/, 'markdown emphasis and escapes are removed');
    });

    it('finds a service by name, and says when nothing matches', () => {
      const r = run(os.tmpdir(), 'lookup', 'tarantool');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /3301/);
      const none = run(os.tmpdir(), 'lookup', 'no-such-service-zzz');
      assert.equal(none.code, 1);
      assert.match(none.stdout, /Nothing in the registry matches "no-such-service-zzz"/);
    });

    it('exits 2 without a query, on an unknown command, and without a command', () => {
      assert.equal(run(os.tmpdir(), 'lookup').code, 2);
      const unknown = run(os.tmpdir(), 'frobnicate');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown command "frobnicate"/);
      const bare = run(os.tmpdir());
      assert.equal(bare.code, 2);
      assert.match(bare.stdout, /Usage: iana-ports/);
      assert.equal(run(os.tmpdir(), '--help').code, 0);
    });
  });
});
