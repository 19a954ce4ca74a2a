import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { formatTable, QUICK, runBenchmark, type BenchResult } from '../../scripts/bench/bench';
import { BENCH_FORMATS, composeFile, formatSample, kubernetesFile, proseSample } from '../../scripts/bench/generate';
import { killAll } from '../../scripts/bench/lsp';

const root = path.resolve(__dirname, '..', '..');

// A quick run of `npm run bench` with tiny counts, so the benchmark cannot rot. It asserts that every
// figure is produced and the table prints, never how fast anything is.
describe('benchmark smoke run (npm run bench -- --quick)', function () {
  this.timeout(120000);
  let result: BenchResult;
  let table: string;

  before(async () => {
    result = await runBenchmark({ root, ...QUICK, log: () => undefined });
    table = formatTable(result);
  });
  after(() => killAll());

  const row = (section: string, figure: RegExp) => {
    const r = result.rows.find((x) => x.section === section && figure.test(x.figure));
    assert.ok(r, `a ${section} row matching ${figure}`);
    return r;
  };

  it('produces every figure the issue asks for, each beside its reference', () => {
    const paired: [string, RegExp][] = [
      ['stdio', /^start-up/], ['stdio', /^hover p50/], ['stdio', /^hover p99/], ['stdio', /^first diagnostics, compose \d+ lines/],
      ['stdio', /^first diagnostics, Kubernetes/], ['registry', /^load: decodeRegistry/], ['registry', /^byPort/],
      ...BENCH_FORMATS.map((f): [string, RegExp] => ['scanning', new RegExp(`^finder ${f}$`)]),
      ...BENCH_FORMATS.map((f): [string, RegExp] => ['scanning', new RegExp(`^finder ${f}, comments and prose$`)]),
    ];
    for (const [section, figure] of paired) {
      const r = row(section, figure);
      assert.ok(Number.isFinite(r.ours) && r.ours >= 0, `${r.figure}: ours is a number`);
      assert.ok(r.reference !== undefined && Number.isFinite(r.reference) && r.reference > 0, `${r.figure}: reference is a number`);
      assert.ok(r.ratio !== undefined && Number.isFinite(r.ratio), `${r.figure}: ratio is a number`);
    }
    for (const figure of [/^hover p50 \(compose/, /^completion, one letter/]) assert.ok(Number.isFinite(row('in-process', figure).ours));
    assert.ok(row('bundle', /^dist\/serverCore\.js/).ours > 0);
    row('bundle', /^VSIX/);
    if (fs.existsSync('/proc/self/status')) {
      for (const figure of [/^RSS after start/, /^RSS after opening/]) {
        const r = row('memory', figure);
        assert.ok(r.ours > 0 && r.reference! > 0, `${r.figure} measured`);
      }
    }
  });

  it('marks every target as met or missed', () => {
    const targeted = result.rows.filter((r) => r.target);
    assert.ok(targeted.length >= 7 + BENCH_FORMATS.length);
    for (const r of targeted) assert.equal(typeof r.met, 'boolean', r.figure);
  });

  it('measures real work: the server answered every hover and published diagnostics, every finder found ports', () => {
    assert.equal(result.checks.stdioHoversAnswered, QUICK.hovers);
    assert.equal(result.checks.inProcessHoversAnswered, QUICK.calls);
    assert.ok(result.checks.composeDiagnostics > 0);
    assert.ok(result.checks.completionItems > 0);
    for (const f of result.finders) assert.ok(f.ports > 0, `${f.format} finder found ports in its sample`);
  });

  it('prints the table: machine line, one row per figure, target marks', () => {
    assert.match(table, /^IANA Ports benchmark, .* node v\d+/);
    const lines = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| section'));
    assert.equal(lines.length, result.rows.length);
    assert.match(table, /\| met \||\*\*MISSED\*\*/);
    assert.match(table, /null server/);
  });
});

describe('benchmark inputs', () => {
  it('are deterministic and as long as asked', () => {
    assert.equal(composeFile(5000).text, composeFile(5000).text);
    assert.equal(composeFile(5000).text.split('\n').length - 1, 5000);
    assert.equal(kubernetesFile(10000).text.split('\n').length - 1, 10000);
    for (const f of BENCH_FORMATS) {
      const t = formatSample(f, 50_000);
      assert.ok(t.length >= 50_000 && t.length < 60_000, `${f}: ${t.length} characters`);
      assert.equal(t, formatSample(f, 50_000));
      const p = proseSample(f, 50_000);
      assert.ok(p.length >= 50_000 && p.length < 60_000, `${f} with comments: ${p.length} characters`);
      assert.equal(p, proseSample(f, 50_000));
    }
  });

  it('give hover positions that sit on a port number', () => {
    const c = composeFile(300);
    const lines = c.text.split('\n');
    assert.ok(c.hoverPoints.length > 20);
    for (const p of c.hoverPoints) assert.match(lines[p.line].slice(p.character), /^\d/);
  });

  it('the JSON sample is valid JSON', () => {
    assert.doesNotThrow(() => JSON.parse(formatSample('json', 20_000)));
  });
});
