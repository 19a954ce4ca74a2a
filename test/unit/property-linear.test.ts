import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { doCodeActions } from '../../server/src/service/codeActions';
import { doComplete } from '../../server/src/service/completion';
import { FORMAT_IDS } from '../../server/src/service/scan/detect';
import { HOSTILE_PATTERNS, PATHOLOGICAL, repeatTo } from '../helpers/pathological';
import { FORMAT_DOCS } from '../helpers/robustness';
import { ScanWorker } from '../helpers/scanWorker';
import { settings, testService } from '../helpers/service';

// Linear time on pathological input. Scans run in a worker thread with a deadline, so a finder that
// loops forever or goes quadratic fails here with a timeout instead of hanging the test run.
// Figures are printed so that a run records them. How fast a 10 MB file is declined and how fast
// completion answers on 100,000-character lines is measured by `npm run bench` ("hostile inputs",
// scripts/bench/hostile.ts pathologicalRows), not asserted here: a loaded machine made those timings flaky.

const MB = 1 << 20;
const TEN_MB = 10 * MB;
/** Under the default ianaPorts.maxFileSize (5,000,000), so these are really scanned. */
const UNDER_LIMIT = 2 * MB;
const SWEEP = 128 * 1024;

describe('property: linear time on pathological documents', function () {
  this.timeout(60000);
  const worker = new ScanWorker();
  const figures: string[] = [];

  before(async () => {
    // Loading the sources in the worker is not part of any deadline.
    const r = await worker.run({ kind: 'find', format: 'yaml', text: 'port: 80\n' }, 30000);
    assert.equal(r.ports, 1, r.error);
  });
  after(async () => {
    await worker.close();
    if (figures.length) console.log('      figures:\n' + figures.map((f) => '        ' + f).join('\n'));
  });

  it('10 MB of each pathological content is not scanned: one information diagnostic says why, no hover, no completion', () => {
    const service = testService();
    const s = settings();
    assert.equal(s.maxFileSize, 5_000_000);
    for (const c of PATHOLOGICAL) {
      const text = c.gen(TEN_MB);
      assert.ok(text.length > s.maxFileSize, c.name);
      const { uri, languageId } = FORMAT_DOCS[c.format];
      const doc = TextDocument.create(uri, languageId, 1, text);
      const diags = service.doValidation(doc, s);
      const middle = doc.positionAt(text.length >> 1);
      const hover = service.doHover(doc, middle, s);
      const list = doComplete(service, doc, middle, s);
      const actions = doCodeActions(service, doc, { start: middle, end: middle }, { diagnostics: diags }, s);
      assert.equal(diags.length, 1, c.name);
      assert.equal(diags[0].code, 'fileTooLarge');
      assert.equal(diags[0].severity, DiagnosticSeverity.Information);
      assert.match(diags[0].message as string, /ianaPorts\.maxFileSize \(5000000\)/);
      assert.deepEqual(diags[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(hover, null);
      assert.equal(list, null);
      assert.deepEqual(actions, []);
      // Declined, not scanned: the service holds no occurrence of it.
      assert.deepEqual(service.scan(doc, s).occurrences, []);
      assert.equal(service.scan(doc, s).tooLarge, true);
      service.forget(uri);
    }
  });

  for (const c of PATHOLOGICAL) {
    it(`${c.format}: ${c.name}, 2 MB, is scanned, checked and hovered within seconds`, async () => {
      const text = c.gen(UNDER_LIMIT);
      const { uri, languageId } = FORMAT_DOCS[c.format];
      const r = await worker.run({ kind: 'validate', uri, languageId, text }, 15000);
      assert.equal(r.error, undefined, r.error);
      figures.push(`${(text.length / MB).toFixed(2)} MB ${c.format} ${c.name}: ${r.ms.toFixed(0)} ms, ${r.ports} ports, ${r.diagnostics} diagnostics`);
    });
  }

  it('completion on a 100,000-character line answers wherever the cursor is: a list of known items or none, never an error', () => {
    const service = testService();
    const s = settings();
    const lines = ['a.', 'a$', 'a.b', '"a', '- ', 'port: [1,', '--port ', 'listen( ', 'http://a:'].map((p) => repeatTo(p, 100_000));
    let answered = 0;
    for (const format of ['compose', 'yaml', 'code', 'keyvalue', 'json', 'dockerfile', 'shell', 'nginx', 'dotenv'] as const) {
      const { uri, languageId } = FORMAT_DOCS[format];
      for (const line of lines) {
        const doc = TextDocument.create(uri, languageId, 1, 'x: 1\n' + line + '\n');
        for (const character of [line.length, 1999, 2000, 2001, 50_000]) {
          const list = doComplete(service, doc, { line: 1, character }, s);
          if (list === null) continue;
          answered++;
          // Every item is a port completion with a label, and an edit stays on the cursor's line.
          for (const item of list.items) {
            assert.equal(typeof item.label, 'string', `${format} ${JSON.stringify(line.slice(0, 12))} at ${character}`);
            const edit = item.textEdit as { range?: { start: { line: number }; end: { line: number } } } | undefined;
            if (edit?.range) assert.deepEqual([edit.range.start.line, edit.range.end.line], [1, 1]);
          }
        }
        service.forget(uri);
      }
    }
    figures.push(`completion on 100,000-character lines: ${answered} of ${9 * lines.length * 5} positions answered with a list`);
  });

  for (const p of HOSTILE_PATTERNS) {
    it(`every finder reads 128 KB of "${p.name}" within a deadline`, async () => {
      const text = p.gen(SWEEP);
      let slowest = { format: '', ms: 0 };
      for (const format of FORMAT_IDS) {
        const r = await worker.run({ kind: 'find', format, text }, 5000);
        assert.equal(r.error, undefined, `${format}: ${r.error}`);
        if (r.ms > slowest.ms) slowest = { format, ms: r.ms };
      }
      figures.push(`128 KB "${p.name}" x 16 finders: slowest ${slowest.format} ${slowest.ms.toFixed(0)} ms`);
    });
  }
});
