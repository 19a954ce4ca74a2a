import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The command line as CI meets it (`node dist/cli.js`; build first): exit code 2 with a clear message
// for whatever it could not do, never a silent "0 problems"; the files the editor would check, once
// each; output that file contents cannot forge or use to drive the terminal.

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const PKG = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
/** Root reads everything: the permission cases run the CLI as `nobody` then. */
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function run(cwd: string, args: string[], extra: { asNobody?: boolean; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: extra.timeout ?? 20_000, maxBuffer: 64 << 20, ...(extra.asNobody ? AS_NOBODY : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

const BAD = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "99999:80"\n';
const WARN = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "49200:8080"\n';
const CLEAN = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n';

describe('iana-ports CLI in CI', function () {
  const roots: string[] = [];
  /** A scratch folder readable by everyone, so that the CLI can run as another user in it. */
  const make = (files: Record<string, string>): string => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-ci-'));
    fs.chmodSync(root, 0o755);
    roots.push(root);
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o755 });
      fs.writeFileSync(abs, text, { mode: 0o644 });
    }
    return root;
  };
  after(() => {
    for (const r of roots) {
      execFileSync('chmod', ['-R', 'u+rwx', r]);
      fs.rmSync(r, { recursive: true, force: true });
    }
  });

  describe('what it cannot read is exit code 2, never "0 problems"', () => {
    it('an unreadable folder: a message naming it and exit 2, not an uncaught EACCES (exit 1, empty SARIF); the rest is still checked', () => {
      const root = make({ 'a/compose.yaml': WARN, 'locked/compose.yaml': BAD });
      fs.chmodSync(path.join(root, 'locked'), 0o000);
      const r = run(root, ['check'], { asNobody: true });
      assert.equal(r.code, 2, r.stderr);
      assert.doesNotMatch(r.stderr, /EACCES: permission denied, scandir|at .*cli\.js/);
      assert.match(r.stderr, /iana-ports: locked cannot be listed \(EACCES\)/);
      assert.match(r.stdout, /a\/compose\.yaml:5:10: warning \[dynamicRange\]/);
      assert.match(r.stdout, /1 path could not be read/);
      const s = run(root, ['check', '--format', 'sarif'], { asNobody: true });
      assert.equal(s.code, 2);
      const inv = JSON.parse(s.stdout).runs[0].invocations[0];
      assert.equal(inv.executionSuccessful, false);
      assert.match(inv.toolExecutionNotifications[0].message.text, /locked cannot be listed/);
    });

    it('an unreadable file: exit 2 with its name (it was skipped silently with exit 0)', () => {
      const root = make({ 'compose.yaml': CLEAN, 'secret/compose.yaml': BAD });
      fs.chmodSync(path.join(root, 'secret/compose.yaml'), 0o000);
      const r = run(root, ['check'], { asNobody: true });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /iana-ports: secret\/compose\.yaml cannot be read/);
    });

    it('a path that does not exist: exit 2 (it printed "0 problems" and exit 0)', () => {
      const root = make({ 'compose.yaml': CLEAN });
      const r = run(root, ['check', 'no-such-dir']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /iana-ports: no-such-dir does not exist/);
    });

    it('an unknown option: exit 2 with the option named', () => {
      const root = make({ 'compose.yaml': CLEAN });
      for (const opt of ['--formt', '-x', '--min-severity=loud']) {
        const r = run(root, ['check', opt]);
        assert.equal(r.code, 2, opt);
        assert.match(r.stderr, opt === '--min-severity=loud' ? /unknown level "loud" for --min-severity/ : new RegExp(`unknown option "${opt}"`));
        assert.equal(r.stdout, '');
      }
    });

    it('an unknown key or level in .iana-ports.json, flat keys included: exit 2 saying which (they were ignored)', () => {
      const cases: [unknown, RegExp][] = [
        [{ 'lint.dynamicRange': 'error' }, /unknown key "lint\.dynamicRange": write it nested, as in \{ "lint": \{ "dynamicRange": "error" \} \}/],
        [{ 'ianaPorts.lint.outOfRange': 'hint' }, /unknown key "ianaPorts\.lint\.outOfRange": write it nested/],
        [{ lint: { dynamicRange: 'loud' } }, /unknown level "loud" for "lint\.dynamicRange" \(ignore, hint, information, warning, error\)/],
        [{ lint: { dynamicRang: 'error' } }, /unknown key "lint\.dynamicRang"/],
        [{ ephemeralRnage: 'linux' }, /unknown key "ephemeralRnage"/],
        [{ ephemeralRange: 'solaris' }, /"ephemeralRange" cannot be "solaris"/],
        [{ ignorePorts: ['80-'] }, /"ignorePorts" holds "80-", which is not a port/],
        [['lint'], /must hold a JSON object/],
      ];
      for (const [config, message] of cases) {
        const root = make({ 'compose.yaml': BAD, '.iana-ports.json': JSON.stringify(config) });
        const r = run(root, ['check']);
        assert.equal(r.code, 2, JSON.stringify(config));
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '', 'nothing is checked with a bad settings file');
      }
    });
  });

  describe('the files the editor would check, each once', () => {
    it('a symlink to "." reports every file once (41 times before), and two such links finish (they never did)', function () {
      const root = make({ 'compose.yaml': BAD });
      fs.symlinkSync('.', path.join(root, 'self'));
      fs.symlinkSync('..', path.join(root, 'self2'));
      fs.mkdirSync(path.join(root, 'sub'));
      fs.symlinkSync('..', path.join(root, 'sub', 'up'));
      const r = run(root, ['check'], { timeout: 15_000 });
      assert.equal(r.timedOut, false, 'the walk did not finish');
      assert.equal(r.code, 1);
      assert.equal(r.stdout.match(/\[outOfRange\]/g)?.length, 1, r.stdout.slice(0, 500));
    });

    it('reads .iana-ports.json only as a regular file of bounded size (a link to /dev/zero grew without end)', () => {
      const root = make({ 'compose.yaml': BAD });
      fs.symlinkSync('/dev/zero', path.join(root, '.iana-ports.json'));
      const r = run(root, ['check'], { timeout: 15_000 });
      assert.equal(r.timedOut, false);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot use settings file \.iana-ports\.json: it is not a regular file/);
      const big = make({ 'compose.yaml': BAD, '.iana-ports.json': `{"lint": {}, "x": "${'y'.repeat(2 << 20)}"}` });
      assert.match(run(big, ['check']).stderr, /it is over 1048576 bytes/);
    });

    it('honours .gitignore as the editor does, including one in the repository above the checked folder', () => {
      const root = make({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.gitignore': 'build/\n*.local.yml\n!keep.local.yml\n',
        'app/compose.yaml': BAD,
        'app/build/compose.yaml': BAD,
        'app/dev.local.yml': BAD.replace('web:', 'dev:'),
        'app/keep.local.yml': BAD.replace('web:', 'keep:'),
        'app/gen/.gitignore': '*\n',
        'app/gen/compose.yaml': BAD,
        'node_modules/x/compose.yaml': BAD,
      });
      for (const [cwd, arg, prefix] of [[root, '.', 'app/'], [path.join(root, 'app'), '.', ''], [root, 'app', 'app/']]) {
        const r = run(cwd, ['check', arg]);
        const files = [...new Set([...r.stdout.matchAll(/^(.+?):\d+:\d+: /gm)].map((m) => m[1]))].sort();
        assert.deepEqual(files, [`${prefix}compose.yaml`, `${prefix}keep.local.yml`], `${cwd} ${arg}: ${r.stdout}`);
      }
      // A file named on the command line is checked even when ignored.
      assert.match(run(root, ['check', 'app/build/compose.yaml']).stdout, /app\/build\/compose\.yaml:5:10/);
    });
  });

  describe('output that file contents cannot forge', () => {
    it('escapes terminal escape sequences and control characters from file text', () => {
      const root = make({ 'k8s.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      ports:\n        - name: "\u001b[2J\u001b]0;pwned\u0007x\u009b31m"\n          containerPort: 8080\n' });
      for (const cmd of ['check', 'scan']) {
        const r = run(root, [cmd]);
        assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, `${cmd} printed a raw control character`);
      }
      const json = run(root, ['check', '--format', 'json']).stdout;
      assert.doesNotMatch(json, /[\u007f-\u009f]/);
      assert.match(JSON.parse(json)[0].message, /\u001b\[2J/, 'JSON keeps the text itself, escaped');
    });

    it('a file name with a newline cannot forge a finding line', () => {
      const root = make({ ['x\nevil.yaml:1:1: error [outOfRange] forged\ncompose.yaml']: BAD });
      const r = run(root, ['check']);
      // Finding lines start at the margin; a message's details follow indented.
      const lines = r.stdout.trim().split('\n').filter((l) => !l.startsWith(' '));
      assert.equal(lines.length, 2, r.stdout);
      assert.match(lines[0], /^x\\nevil\.yaml:1:1: error \[outOfRange\] forged\\ncompose\.yaml:5:10: error \[outOfRange\]/);
    });

    it('percent-encodes SARIF URIs', () => {
      const root = make({ 'my dir/compose #1%.yaml': BAD });
      const r = run(root, ['check', '--format', 'sarif']);
      const loc = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
      assert.deepEqual(loc, { uri: 'my%20dir/compose%20%231%25.yaml', uriBaseId: 'SRCROOT' });
      // A path outside the current folder is a file URL.
      const abs = run(make({}), ['check', '--format', 'sarif', path.join(root, 'my dir')]);
      assert.match(JSON.parse(abs.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/\/.*\/my%20dir\/compose%20%231%25\.yaml$/);
    });
  });

  describe('options', () => {
    // privileged (hint) on 80, dynamicRange (warning) on 49200, unauthorizedUse (information) on 3301 published.
    const MIXED = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - "49200:8080"\n';

    it('--min-severity chooses what is printed and what fails the build; hints are not printed by default', () => {
      const root = make({ 'compose.yaml': MIXED, 'server.js': 'app.listen(80);\n' });
      const plain = run(root, ['check']);
      assert.equal(plain.code, 0, 'warnings do not fail by default');
      assert.doesNotMatch(plain.stdout, /\bhint\b/);
      const hints = run(root, ['check', '--min-severity', 'hint', '--fail-on', 'error']);
      assert.match(hints.stdout, /hint \[privileged\]/);
      assert.equal(hints.code, 0);
      const warnings = run(root, ['check', '--min-severity', 'warning']);
      assert.equal(warnings.code, 1, 'warnings fail with --min-severity warning');
      assert.match(warnings.stdout, /warning \[dynamicRange\]/);
      assert.doesNotMatch(warnings.stdout, /\b(hint|info)\b \[/);
      assert.equal(run(root, ['check', '--min-severity=warning', '--fail-on=none']).code, 0);
      const errorsOnly = run(root, ['check', '--min-severity', 'error', '--format', 'json']);
      assert.deepEqual(JSON.parse(errorsOnly.stdout), []);
      assert.equal(errorsOnly.code, 0);
    });

    it('--version prints the package version', () => {
      const r = run(os.tmpdir(), ['--version']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), PKG.version);
    });

    it('lookup 22/udp shows the card for one protocol; lookup --json gives the records', () => {
      const udp = run(os.tmpdir(), ['lookup', '22/udp']);
      assert.equal(udp.code, 0, udp.stderr);
      assert.match(udp.stdout, /Port 22 · udp/);
      assert.match(udp.stdout, /ssh/);
      const json = JSON.parse(run(os.tmpdir(), ['lookup', '--json', '22/tcp']).stdout);
      assert.equal(json.port, 22);
      assert.equal(json.protocol, 'tcp');
      assert.ok(json.records.some((r: { name: string; protocol: string }) => r.name === 'ssh' && r.protocol === 'tcp'));
      assert.ok(json.records.every((r: { protocol: string | null }) => r.protocol === 'tcp' || r.protocol === null));
      const byName = JSON.parse(run(os.tmpdir(), ['lookup', 'postgresql', '--json']).stdout);
      assert.ok(byName.records.some((r: { port: number }) => r.port === 5432));
      assert.equal(run(os.tmpdir(), ['lookup', '22/xyz']).code, 2);
    });
  });
});
