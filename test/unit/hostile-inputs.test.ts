import assert from 'node:assert/strict';
import { findPorts } from '../../server/src/service/scan';
import { duplicateHostPort } from '../../server/src/service/rules/duplicateHostPort';
import { indexFile } from '../../server/src/service/workspaceIndex';
import { duplicateHostPortAcrossFiles } from '../../server/src/service/workspaceRules';
import { isIgnored, parseGitignore } from '../../server/src/workspace/gitignore';
import { compileGlob, excludePatterns, isExcluded, MAX_GLOB_CHARS } from '../../server/src/workspace/glob';
import { ScanWorker } from '../helpers/scanWorker';

// What a hostile or unlucky repository holds, bounded: each test names the figure it guards. Sizes are
// chosen so that the old quadratic code is hopeless (minutes or gigabytes), while the bounded code
// answers in milliseconds; a deadline of many seconds separates the two without timing anything finely.

function compose(entries: string[]): string {
  return 'services:\n  web:\n    ports:\n' + entries.map((e) => `      - ${e}\n`).join('');
}

describe('hostile inputs: workspace rules and ignore files', function () {
  this.timeout(60000);

  it('duplicateHostPort: 2,000 copies of "8080:80" give 1,000 findings (the cap) linking at most 5 places each (was 2,000 findings and 3,998,000 links)', () => {
    const text = compose(Array.from({ length: 2000 }, () => '"8080:80"'));
    const findings = duplicateHostPort.check({ occurrences: findPorts('compose', text, (e) => { throw e; }) } as never);
    assert.equal(findings.length, 1000);
    const links = findings.reduce((n, f) => n + (f.related?.length ?? 0), 0);
    assert.equal(links, 1000 * 5);
    assert.match(findings[0].message, /\(1999 other places\)/);
    // The linked places are the nearest others, never the finding itself.
    for (const f of findings.slice(0, 50)) for (const r of f.related ?? []) assert.notEqual(r.start, f.start);
  });

  it('duplicateHostPort: ranges, addresses and protocols still decide a clash (indexed, not pairwise)', () => {
    const text = compose(['"127.0.0.1:8000-8010:80"', '"127.0.0.2:8005:80"', '"0.0.0.0:8010:80"', '"8010:80/udp"', '"[::1]:8003:80"', '"9000:80"']);
    const findings = duplicateHostPort.check({ occurrences: findPorts('compose', text, (e) => { throw e; }) } as never);
    // 127.0.0.1:8000-8010 clashes with the IPv4 wildcard's 8010 only; [::1]:8003 with no IPv4 binding.
    assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['127.0.0.1:8000-8010:80', '0.0.0.0:8010:80']);
    assert.equal(findings[0].related?.length, 1);
  });

  it('duplicateHostPortAcrossFiles: 12,000 folders publishing the same four ports, counted by index (pairwise it took 38 s)', async () => {
    const worker = new ScanWorker();
    try {
      const r = await worker.run({ kind: 'eval', code: `
        const { indexFile } = require(root + '/server/src/service/workspaceIndex');
        const { findPorts } = require(root + '/server/src/service/scan');
        const { duplicateHostPortAcrossFiles } = require(root + '/server/src/service/workspaceRules');
        const text = 'services:\\n  web:\\n    ports:\\n      - "8080:80"\\n      - "8081:81"\\n      - "8443:443"\\n      - "5432:5432"\\n';
        const occ = findPorts('compose', text, (e) => { throw e; });
        const files = [];
        for (let i = 0; i < 12000; i++) files.push(indexFile('file:///w/p' + String(i).padStart(5, '0') + '/compose.yaml', 'compose', text, occ));
        const out = duplicateHostPortAcrossFiles(files);
        const f = out.get('file:///w/p00000/compose.yaml');
        return { files: out.size, findings: f.length, related: f[0].related.length, message: f[0].message };
      ` }, 15000);
      assert.equal(r.error, undefined, r.error);
      const v = r.value as { files: number; findings: number; related: number; message: string };
      assert.equal(v.files, 12000);
      assert.equal(v.findings, 4);
      assert.equal(v.related, 10);
      assert.match(v.message, /^Host port 8080\/tcp is also published by another Compose project\.\nBy 8080\/tcp \(service web\) in p00001\/compose\.yaml and 11998 more places, in another Compose project\./);
    } finally {
      await worker.close();
    }
  });

  it('duplicateHostPortAcrossFiles: files of one folder are still left alone, counted through the folder index', () => {
    const text = compose(['"8080:80"']);
    const occ = findPorts('compose', text, (e) => { throw e; });
    const files = ['file:///w/a/compose.yaml', 'file:///w/a/compose.override.yaml', 'file:///w/b/compose.yaml'].map((u) => indexFile(u, 'compose', text, occ));
    const out = duplicateHostPortAcrossFiles(files);
    // The override repeats the base file's entry: one project, one entry, compared with b's project only.
    assert.match(out.get('file:///w/a/compose.yaml')![0].message, /\nBy 8080\/tcp \(service web\) in b\/compose\.yaml, in another Compose project\. /);
    assert.match(out.get('file:///w/b/compose.yaml')![0].message, /\nBy 8080\/tcp \(service web\) in a\/compose\.yaml and 1 more place, in another Compose project\. /);
  });

  it('duplicateHostPortAcrossFiles: 3,000 projects including one shared file, an include cycle through 2,000 folders and a 4 MB .env stay bounded', async () => {
    const worker = new ScanWorker();
    try {
      const r = await worker.run({ kind: 'eval', code: `
        const { indexEntry } = require(root + '/server/src/service/workspaceIndex');
        const { findPorts } = require(root + '/server/src/service/scan');
        const { duplicateHostPortAcrossFiles } = require(root + '/server/src/service/workspaceRules');
        const add = (files, uri, format, text) => { const e = indexEntry(uri, format, text, findPorts(format, text, (e) => { throw e; })); if (e) files.push(e); };
        const shared = 'services:\\n' + Array.from({ length: 200 }, (_, i) => '  s' + i + ':\\n    ports:\\n      - "' + (20000 + i) + ':80"\\n').join('');
        const files = [];
        add(files, 'file:///w/shared/common.yaml', 'yaml', shared);
        for (let i = 0; i < 3000; i++) {
          add(files, 'file:///w/p' + i + '/compose.yaml', 'compose', 'include:\\n  - ../shared/common.yaml\\nservices:\\n  web:\\n    ports:\\n      - "20000:80"\\n');
        }
        // A ring of includes: each folder's compose.yaml includes the next one's.
        for (let i = 0; i < 2000; i++) {
          add(files, 'file:///w/ring' + i + '/compose.yaml', 'compose', 'include:\\n  - ../ring' + ((i + 1) % 2000) + '/compose.yaml\\nservices:\\n  r' + i + ':\\n    ports:\\n      - "9000:80"\\n');
        }
        const env = 'COMPOSE_FILE=' + Array.from({ length: 200000 }, (_, i) => 'f' + i + '.yml').join(':') + '\\n' + 'X=1\\n'.repeat(200000);
        add(files, 'file:///w/env/.env', 'dotenv', env);
        add(files, 'file:///w/env/f1.yml', 'yaml', 'services:\\n  a:\\n    ports:\\n      - "7000:80"\\n');
        add(files, 'file:///w/env/f2.yml', 'yaml', 'services:\\n  b:\\n    ports:\\n      - "7000:81"\\n');
        // In URI order, as the index hands them over.
        files.sort((a, b) => (a.uri < b.uri ? -1 : 1));
        const out = duplicateHostPortAcrossFiles(files, { compareProjects: false });
        const of = (u) => (out.get(u) || []).map((f) => f.message.split('\\n')[0]);
        let reported = 0;
        let wrong = 0;
        for (let i = 0; i < 3000; i++) {
          const got = of('file:///w/p' + i + '/compose.yaml');
          if (got.length) reported++;
          if (got.length && (got.length > 1 || got[0] !== 'Host port 20000/tcp is published twice in Compose project "p' + i + '".')) wrong++;
        }
        let ring = 0;
        for (let i = 0; i < 2000; i++) ring += of('file:///w/ring' + i + '/compose.yaml').length;
        return { p0: of('file:///w/p0/compose.yaml'), reported, wrong, ring, env: of('file:///w/env/f2.yml') };
      ` }, 30000);
      assert.equal(r.error, undefined, r.error);
      const v = r.value as { p0: string[]; reported: number; wrong: number; ring: number; env: string[] };
      // Each project publishes 20000 twice: its own web and the shared s0.
      assert.deepEqual(v.p0, ['Host port 20000/tcp is published twice in Compose project "p0".']);
      // The shared file's 200 ports count once per project: past MAX_COMPARED_MAPPINGS the later projects
      // are left out, a miss and never a false warning.
      assert.equal(v.wrong, 0);
      assert.ok(v.reported >= 200 && v.reported < 3000, `${v.reported} projects reported`);
      // A ring longer than the include depth is a partial project: silent.
      assert.equal(v.ring, 0);
      // COMPOSE_FILE keeps its first 256 names; the two that exist are one project.
      assert.deepEqual(v.env, ['Host port 7000/tcp is published twice in Compose project "env".']);
    } finally {
      await worker.close();
    }
  });

  it('.gitignore: 2,000 rules against 2,000 files are one matcher (was 4 million glob runs, 24 s)', async () => {
    const worker = new ScanWorker();
    try {
      const r = await worker.run({ kind: 'eval', code: `
        const { isIgnored, parseGitignore } = require(root + '/server/src/workspace/gitignore');
        const rules = [];
        for (let i = 0; i < 2000; i++) rules.push(i % 2 ? 'build-' + i + '/*.tmp' : '*.gen' + i);
        const g = [parseGitignore(rules.join('\\n'))];
        let n = 0;
        for (let round = 0; round < 5; round++) for (let i = 0; i < 2000; i++) if (isIgnored(g, 'src/file' + i + (i % 3 ? '.ts' : '.gen' + (i % 100)), false)) n++;
        return n;
      ` }, 20000);
      assert.equal(r.error, undefined, r.error);
      // Every third file ends in .genN for an even N below 100.
      let expected = 0;
      for (let i = 0; i < 2000; i++) if (i % 3 === 0 && (i % 100) % 2 === 0) expected++;
      assert.equal(r.value, expected * 5);
    } finally {
      await worker.close();
    }
  });

  it('.gitignore: the last matching rule wins across names and paths, folders only, negation', () => {
    const g = [parseGitignore(['*.log', '!keep.log', 'out/', '/dist', 'docs/**/*.tmp', '**/cache', '!docs/cache'].join('\n'))];
    assert.equal(isIgnored(g, 'a/b/x.log', false), true);
    assert.equal(isIgnored(g, 'a/keep.log', false), false);
    assert.equal(isIgnored(g, 'a/out', true), true);
    assert.equal(isIgnored(g, 'a/out', false), false);
    assert.equal(isIgnored(g, 'dist', true), true);
    assert.equal(isIgnored(g, 'a/dist', true), false);
    assert.equal(isIgnored(g, 'docs/a/b/x.tmp', false), true);
    assert.equal(isIgnored(g, 'x/cache', true), true);
    assert.equal(isIgnored(g, 'docs/cache', true), false);
  });

  it('.gitignore: a line of 120 KB of blanks is trimmed in one pass (was 24 s) and left out as longer than any path (compiling it took 0.1-1 s)', async () => {
    const worker = new ScanWorker();
    try {
      const r = await worker.run({ kind: 'eval', code: `
        const { parseGitignore, isIgnored } = require(root + '/server/src/workspace/gitignore');
        const g = parseGitignore('a' + ' '.repeat(120000) + 'b' + ' '.repeat(120000) + '\\n' + ' '.repeat(120000) + '\\n*.log  \\n');
        return [g.rules.length, g.leftOut, isIgnored([g], 'a' + ' '.repeat(120000) + 'b', false), isIgnored([g], 'x.log', false)];
      ` }, 10000);
      assert.equal(r.error, undefined, r.error);
      assert.deepEqual(r.value, [1, 1, false, true]);
    } finally {
      await worker.close();
    }
  });

  it('.gitignore: rules up to 4,096 characters each and 64 KB in all are compiled, the rest left out and counted (1 MB of rules blocked 3-4 s)', () => {
    const long = 'x'.repeat(MAX_GLOB_CHARS + 1);
    const fits = 'y'.repeat(MAX_GLOB_CHARS);
    const filler = Array.from({ length: 4000 }, (_, i) => `build-${i}/out/*.tmp`);
    const g = parseGitignore([long, fits, '*.log', ...filler, '*.late'].join('\n'));
    assert.equal(isIgnored([g], long, false), false);
    assert.equal(isIgnored([g], fits, false), true);
    assert.equal(isIgnored([g], 'a/x.log', false), true);
    assert.equal(isIgnored([g], 'build-7/out/a.tmp', false), true);
    // The rules past the bound: the filler's tail and the last line.
    assert.equal(isIgnored([g], 'a/x.late', false), false);
    assert.equal(isIgnored([g], 'build-3999/out/a.tmp', false), false);
    const kept = g.rules.length;
    assert.ok(kept > 2000 && kept < 4003, `${kept} rules kept`);
    assert.equal(g.leftOut, 4003 - kept + 1);
  });

  it('files.exclude: a pattern longer than 4,096 characters matches nothing (a 120 KB pattern allocated 480 KB per file walked)', () => {
    const ex = excludePatterns({ ['a'.repeat(MAX_GLOB_CHARS + 1)]: true, [`${'b'.repeat(MAX_GLOB_CHARS - 1)}*`]: true });
    assert.equal(isExcluded(ex, 'a'.repeat(MAX_GLOB_CHARS + 1)), false);
    assert.equal(isExcluded(ex, 'b'.repeat(MAX_GLOB_CHARS + 5)), true);
  });

  it('globs: 5,000 nested braces in files.exclude or .gitignore neither throw nor void the file (deeper braces are literal)', () => {
    const deep = '{'.repeat(5000) + 'a' + '}'.repeat(5000);
    const ex = excludePatterns({ [deep]: true, '**/*.tmp': true });
    assert.equal(ex.length, 2);
    assert.equal(isExcluded(ex, 'x/y.tmp'), true);
    assert.equal(isExcluded(ex, 'a'), false);
    const g = parseGitignore(`${deep}\n*.log\n`);
    assert.equal(isIgnored([g], 'x.log', false), true);
    assert.equal(compileGlob('{a,{b,{c,d}}}.ts').test('d.ts'), true);
  });

  it('index: a YAML of 800,000 ports keeps 20,000 places and counts the rest; re-indexing it unchanged is decided by a digest (JSON comparison took 18 s and 2.6 GB)', async () => {
    const worker = new ScanWorker();
    try {
      const r = await worker.run({ kind: 'eval', code: `
        const { indexFile, WorkspaceIndex } = require(root + '/server/src/service/workspaceIndex');
        const occ = [];
        const lines = [];
        for (let i = 0; i < 800000; i++) {
          lines.push('p' + i + ': ' + (1024 + (i % 60000)));
          occ.push({ start: 0, end: 1, kind: 'port', port: 1024 + (i % 60000), role: 'unknown' });
        }
        const text = lines.join('\\n');
        const index = new WorkspaceIndex();
        index.set(indexFile('file:///w/ports.yaml', 'yaml', text, occ));
        const g = index.generation;
        index.set(indexFile('file:///w/ports.yaml', 'yaml', text, occ));
        return { places: index.placeCount(), omitted: index.omittedCount(), same: index.generation === g, holds: index.holds('file:///w/ports.yaml', text) };
      ` }, 20000);
      assert.equal(r.error, undefined, r.error);
      assert.deepEqual(r.value, { places: 20000, omitted: 780000, same: true, holds: true });
    } finally {
      await worker.close();
    }
  });
});

/** `unit` repeated to about `n` characters between `pre` and `post`. */
function shape(pre: string, unit: string, n: number, post = ''): string {
  return pre + unit.repeat(Math.ceil(n / unit.length)) + post;
}

const MB = 1 << 20;

describe('hostile inputs: documents slow per byte', function () {
  this.timeout(120000);
  const worker = new ScanWorker();
  const figures: string[] = [];
  before(async () => {
    const r = await worker.run({ kind: 'find', format: 'yaml', text: 'port: 80\n' }, 30000);
    assert.equal(r.ports, 1, r.error);
  });
  after(async () => {
    await worker.close();
    if (figures.length) console.log('      figures:\n' + figures.map((f) => '        ' + f).join('\n'));
  });

  it('Markdown: a 512 KB README of decreasing backtick runs is read line by line (searching the rest of the document took 77 s here)', async () => {
    const lines: string[] = [];
    let len = 0;
    for (let k = 2000; len < 512 * 1024; k = k > 1 ? k - 1 : 2000) {
      const l = `a ${'`'.repeat(k)} x\n`;
      lines.push(l);
      len += l.length;
    }
    const text = lines.join('') + 'Run `docker run -p 8080:80 nginx` to start.\n';
    const r = await worker.run({ kind: 'find', format: 'markdown', text }, 10000);
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.ports, 2);
    figures.push(`512 KB of backtick runs: ${r.ms.toFixed(0)} ms`);
  });

  it('compose: ${A:-...} nested 5,000 deep keeps the file\'s ports (the stack overflowed and all were lost)', () => {
    // In this thread, whose stack is the server's: a worker's stack is larger.
    const d = 5000;
    const text = 'services:\n  web:\n    ports:\n      - "' + '${A:-'.repeat(d) + '8080' + '}'.repeat(d) + ':80"\n      - "9090:90"\n';
    const ports = findPorts('compose', text, (e) => { throw e; }).map((o) => `${o.port}/${o.role}`);
    assert.deepEqual(ports, ['8080/host', '80/container', '9090/host', '90/container']);
  });

  it('Markdown port table: the finder\'s searches visit each character of a 256 KB table about once (searching to the end of the document from every line visited 8,740 per character; 13 s at 4.8 MB when filed)', async () => {
    // Counts the characters that indexOf, lastIndexOf, includes and regular expressions search in the
    // document's text, in the worker only: work counted, not time.
    const r = await worker.run({ kind: 'eval', code: `
      const { findPorts } = require(root + '/server/src/service/scan');
      const unit = '| web | 8080 |\\n';
      const text = '| Service | Port |\\n|---|---|\\n' + unit.repeat(Math.ceil(256 * 1024 / unit.length));
      let visited = 0;
      const S = String.prototype;
      const saved = { indexOf: S.indexOf, lastIndexOf: S.lastIndexOf, includes: S.includes, exec: RegExp.prototype.exec };
      S.indexOf = function (search, from) {
        const r = saved.indexOf.call(this, search, from);
        if (this.length === text.length) visited += (r < 0 ? this.length : r) - Math.max(0, from || 0);
        return r;
      };
      S.lastIndexOf = function (search, from) {
        const r = saved.lastIndexOf.call(this, search, from);
        if (this.length === text.length) visited += Math.min(this.length, from ?? this.length) - Math.max(r, 0);
        return r;
      };
      S.includes = function (search, from) {
        const r = saved.includes.call(this, search, from);
        if (this.length === text.length) visited += this.length - Math.max(0, from || 0);
        return r;
      };
      RegExp.prototype.exec = function (s) {
        const from = this.global || this.sticky ? this.lastIndex : 0;
        const m = saved.exec.call(this, s);
        if (typeof s === 'string' && s.length === text.length) visited += (m ? m.index + m[0].length : s.length) - from;
        return m;
      };
      try {
        const ports = findPorts('markdown', text, (e) => { throw e; }).length;
        return { ports, perChar: visited / text.length };
      } finally {
        Object.assign(S, { indexOf: saved.indexOf, lastIndexOf: saved.lastIndexOf, includes: saved.includes });
        RegExp.prototype.exec = saved.exec;
      }
    ` }, 60000);
    assert.equal(r.error, undefined, r.error);
    const v = r.value as { ports: number; perChar: number };
    assert.equal(v.ports, Math.ceil((256 * 1024) / '| web | 8080 |\n'.length));
    assert.ok(v.perChar <= 4, `searches visited ${v.perChar.toFixed(1)} characters per character of the table`);
    figures.push(`Markdown table of 256 KB: searches visited ${v.perChar.toFixed(2)} characters per character`);
  });

  it('compose port ranges on many addresses, 2 MB (28 s when filed): 1,000 findings (the cap) linking at most 5 places each, found through the clash index', async () => {
    const r = await worker.run({ kind: 'eval', code: `
      const { findPorts } = require(root + '/server/src/service/scan');
      const { duplicateHostPort } = require(root + '/server/src/service/rules/duplicateHostPort');
      const unit = '      - 127.0.0.1:8000-8100:8000-8100\\n      - 10.0.0.2:8050-8150:80\\n';
      const text = 'services:\\n  web:\\n    ports:\\n' + unit.repeat(Math.ceil(2 * 1024 * 1024 / unit.length));
      const occurrences = findPorts('compose', text, (e) => { throw e; });
      const findings = duplicateHostPort.check({ occurrences });
      return { findings: findings.length, links: findings.reduce((n, f) => n + (f.related ? f.related.length : 0), 0), message: findings[0].message };
    ` }, 60000);
    assert.equal(r.error, undefined, r.error);
    const v = r.value as { findings: number; links: number; message: string };
    assert.equal(v.findings, 1000);
    assert.ok(v.links <= 5 * 1000, `${v.links} links`);
    assert.match(v.message, /other places\)/);
  });
});
