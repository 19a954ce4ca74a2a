import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageIdFor } from '../helpers/languageId';
import { labelledFiles, readLabels } from '../helpers/labels';
import { hoverText, LspClient, SERVER_JS } from '../helpers/lspClient';

// Precision and recall of the built server on labelled files, measured through LSP exactly as
// ../shared/tools/lsp-probe.mjs measures: hover every digit run; it is recognised when the hover names it.

const ROOT = path.resolve(__dirname, '../..');
const SHARED_CORPUS = path.resolve(ROOT, '../shared/corpus');
const PROBE = path.resolve(ROOT, '../shared/tools/lsp-probe.mjs');
const OWN_CORPUS = path.join(ROOT, 'test/corpus');

interface Figures {
  tp: number; fp: number; fn: number; diagExpected: number; diagFound: number; diagFalse: number; notes: string[];
}

async function measure(dir: string): Promise<Figures> {
  const client = new LspClient();
  const f: Figures = { tp: 0, fp: 0, fn: 0, diagExpected: 0, diagFound: 0, diagFalse: 0, notes: [] };
  try {
    await client.initialize(pathToFileURL(dir).href);
    for (const file of labelledFiles(dir)) {
      const rel = path.relative(dir, file);
      const text = fs.readFileSync(file, 'utf8');
      const uri = pathToFileURL(file).href;
      client.open(uri, languageIdFor(file), text);
      const diagFile = file + '.diag';
      if (fs.existsSync(diagFile)) {
        const want = fs.readFileSync(diagFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' '));
        const got = (await client.waitDiagnostics(uri)).diagnostics.filter((d) => (d.severity ?? 1) <= 2);
        for (const [ln, sev] of want) {
          f.diagExpected++;
          const limit = sev === 'E' ? 1 : 2;
          if (got.some((d) => d.range.start.line === Number(ln) - 1 && (d.severity ?? 1) <= limit)) f.diagFound++;
          else f.notes.push(`DIAG-MISS ${rel}:${ln} want ${sev}`);
        }
        for (const d of got) {
          if (!want.some(([ln]) => Number(ln) - 1 === d.range.start.line)) {
            f.diagFalse++;
            f.notes.push(`DIAG-FALSE ${rel}:${d.range.start.line + 1} ${d.code}`);
          }
        }
      }
      const labels = readLabels(file + '.labels');
      const lines = text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const want = [...(labels.get(i) ?? [])];
        for (const m of lines[i].matchAll(/\d+/g)) {
          const idx = want.indexOf(m[0]);
          const isPort = idx >= 0;
          if (isPort) want.splice(idx, 1);
          const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: i, character: m.index! } });
          const got = !!h && hoverText(h).includes(String(Number(m[0])));
          if (isPort && got) f.tp++;
          else if (isPort) { f.fn++; f.notes.push(`MISS ${rel}:${i + 1}:${m.index! + 1} ${m[0]}`); }
          else if (got) { f.fp++; f.notes.push(`FALSE ${rel}:${i + 1}:${m.index! + 1} ${m[0]}`); }
        }
      }
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    await client.close();
  }
  return f;
}

function check(f: Figures): void {
  const precision = f.tp / Math.max(1, f.tp + f.fp);
  const recall = f.tp / Math.max(1, f.tp + f.fn);
  const summary = `tp=${f.tp} fp=${f.fp} fn=${f.fn} precision=${precision.toFixed(4)} recall=${recall.toFixed(4)} diag ${f.diagFound}/${f.diagExpected} false=${f.diagFalse}\n${f.notes.join('\n')}`;
  assert.ok(f.tp > 50, summary);
  assert.ok(precision >= 0.98, summary);
  assert.ok(recall >= 0.95, summary);
  assert.equal(f.diagFound, f.diagExpected, summary);
  assert.equal(f.diagFalse, 0, summary);
}

describe('labelled corpora through the server', function () {
  this.timeout(120000);

  it('our own labelled files (test/corpus): precision >= 0.98, recall >= 0.95, every expected diagnostic and no false one', async () => {
    check(await measure(OWN_CORPUS));
  });

  if (fs.existsSync(SHARED_CORPUS)) {
    it('the shared sample corpus: the same targets', async () => {
      check(await measure(SHARED_CORPUS));
    });
  }

  if (fs.existsSync(PROBE) && fs.existsSync(SHARED_CORPUS)) {
    it('the shared LSP probe agrees on the shared corpus', () => {
      const r = spawnSync(process.execPath, [PROBE, '--timeout', '10000', '--server', `node ${SERVER_JS} --stdio`, 'corpus', SHARED_CORPUS], { encoding: 'utf8', timeout: 110000 });
      const last = r.stdout.trim().split('\n').pop() ?? '';
      const num = (k: string) => Number(new RegExp(`${k}=([\\d.]+)`).exec(last)?.[1]);
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.ok(num('precision') >= 0.98 && num('recall') >= 0.95, r.stdout);
      assert.equal(num('diag_found'), num('diag_expected'), r.stdout);
      assert.equal(num('diag_false'), 0, r.stdout);
    });
  }
});
