import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { portsUsed, windowCovers, type ScanWindow } from '../../server/src/service/languageService';
import { LargeDocuments, MAX_MAIN_CHECK_OCCURRENCES, MID_DOCUMENT_CHARS, OFF_THREAD_DOCUMENT_CHARS, spanAt } from '../../server/src/workspace/openDocuments';
import type { CheckRequest, CheckResult, OffThread } from '../../server/src/workspace/scanThread';
import { heldPart, MAX_HELD_OCCURRENCES, windowOf, type KeptScan } from '../../server/src/workspace/scanWindow';
import type { Settings } from '../../server/src/service/settings';
import type { UsedPorts } from '../../server/src/service/freePort';
import { doc, settings, testService } from '../helpers/service';

// A large open document's occurrences stay in the scan thread (server/src/workspace/openDocuments.ts);
// past MAX_HELD_OCCURRENCES the server holds only a window of them around what a request reads. A 2 MB
// compose file of port ranges holds 215,000 occurrences, and decoding them all for its first hover
// blocked the server 0.5-5 s (issue 16; the timings are in `npm run bench -- --hostile-only`).

/** Occurrences of random lengths at random, sorted offsets, some sharing a start. */
function randomOccurrences(n: number, seed: number): { start: number; end: number }[] {
  let x = seed;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += Math.floor(next() * 40);
    out.push({ start: at, end: at + 1 + Math.floor(next() * 6) });
  }
  return out;
}

/** The scan thread, played in this process: checks with a service of its own and answers `kept` as the worker does. */
class FakeThread implements OffThread {
  readonly service = testService();
  readonly asked: (ScanWindow | undefined)[] = [];
  private readonly docs = new Map<string, { doc: TextDocument; settings: Settings; cache: { ports?: UsedPorts } }>();

  constructor(private readonly docFor: (uri: string, version: number) => TextDocument) {}

  scan(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }

  async check(r: CheckRequest): Promise<CheckResult> {
    const d = this.docFor(r.uri, r.version);
    const diagnostics = this.service.doValidation(d, r.settings);
    this.docs.set(r.uri, { doc: d, settings: r.settings, cache: {} });
    return { format: this.service.scan(d, r.settings).format, diagnostics, total: diagnostics.length, errors: [] };
  }

  async kept(uri: string, version: number, span?: ScanWindow, max = MAX_HELD_OCCURRENCES): Promise<KeptScan | undefined> {
    const k = this.docs.get(uri);
    if (!k || k.doc.version !== version) return undefined;
    this.asked.push(span);
    return heldPart(this.service.scan(k.doc, k.settings), span, max, k.cache);
  }

  forget(): void {}

  convert(): Promise<string> {
    return Promise.reject(new Error('not used'));
  }
}

describe('large open documents: a window of their occurrences past 20,000', function () {
  this.timeout(60000);

  it('windowOf: every occurrence starting inside the window it states is sent, at most max, the one under the span included', () => {
    for (const seed of [1, 7, 42]) {
      const occurrences = randomOccurrences(5000, seed);
      const last = occurrences[occurrences.length - 1].end;
      for (let k = 0; k < 200; k++) {
        const a = Math.floor(((k * 7919 + seed) % 1000) / 1000 * last);
        const span = { start: a, end: a + (k % 3) * 500 };
        for (const max of [50, 400, 10_000]) {
          const { from, to, window } = windowOf(occurrences, span, max);
          assert.ok(to - from <= max, `${to - from} > ${max}`);
          occurrences.forEach((o, i) => {
            if (o.start >= window.start && o.start < window.end) assert.ok(i >= from && i < to, `occurrence ${i} at ${o.start} is inside [${window.start}, ${window.end}) but not sent`);
          });
          if (max >= 400) assert.ok(windowCovers(window, { start: span.start, end: span.start }), `[${window.start}, ${window.end}) does not cover ${span.start}`);
        }
      }
    }
  });

  it('a 500 KB compose file of over 40,000 port-range occurrences: hovers at its start, middle and end answer from windows of at most 20,000, and completion still knows every port it uses', async () => {
    const lines = ['services:', '  web:', '    ports:'];
    for (let i = 0, n = 0; n < 500_000; i++) n += lines[lines.push(`      - 10.0.${i >> 8}.${i & 255}:${10000 + i}-${10002 + i}:80`) - 1].length + 1;
    const text = lines.join('\n') + '\n';
    const d = doc(text, 'file:///large/ranges/compose.yaml', 'dockercompose');
    const thread = new FakeThread(() => d);
    const service = testService();
    const large = new LargeDocuments(thread, service, () => undefined, () => undefined);
    const s = settings();
    assert.ok(large.applies(d, s));
    const whole = thread.service.scan(d, s);
    const all = whole.occurrences.length;
    assert.ok(all > 40_000, `${all} occurrences`);
    for (const line of [3, lines.length >> 1, lines.length - 1]) {
      const col = lines[line].indexOf(':', 10) + 1;
      const pos = { line, character: col + 1 };
      await large.ensureScan(d, s, spanAt(d, pos));
      const held = service.scan(d, s);
      assert.ok(held.window, 'a window is held');
      assert.ok(held.occurrences.length <= MAX_HELD_OCCURRENCES, `${held.occurrences.length} held`);
      const hover = service.doHover(d, pos, s);
      const card = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(card, new RegExp(String(10000 + line - 3)), `hover at line ${line}`);
      assert.deepEqual([...portsUsed(held).bounds], [...portsUsed(whole).bounds]);
    }
    // Three windows were fetched; a request inside the last one fetches nothing more.
    assert.equal(thread.asked.length, 3);
    await large.ensureScan(d, s, spanAt(d, { line: lines.length - 2, character: 8 }));
    assert.equal(thread.asked.length, 3);
  });

  it('a large document of fewer than 20,000 occurrences is held whole, as before', async () => {
    const text = 'services:\n  web:\n    environment:\n' + '      LOG_LEVEL: info\n'.repeat(Math.ceil(OFF_THREAD_DOCUMENT_CHARS / 20)) + '    ports:\n      - "8080:80"\n';
    const d = doc(text, 'file:///large/few/compose.yaml', 'dockercompose');
    const thread = new FakeThread(() => d);
    const service = testService();
    const large = new LargeDocuments(thread, service, () => undefined, () => undefined);
    const s = settings();
    await large.ensureScan(d, s, spanAt(d, { line: 3, character: 4 }));
    const held = service.scan(d, s);
    assert.equal(held.window, undefined);
    assert.deepEqual(held.occurrences, thread.service.scan(d, s).occurrences);
  });
});

describe('which open documents are checked in the scan thread', function () {
  this.timeout(60000);
  const s = settings();
  const large = (service = testService()) => new LargeDocuments(new FakeThread(() => { throw new Error('not used'); }), service, () => undefined, () => undefined);
  const copies = (n: number) => 'services:\n  web:\n    ports:\n' + '      - "8080:80"\n'.repeat(n);

  it('a 70 KB compose file of 2,000 copies of "8080:80" (7,778 ports; its check held up every hover 1.2-1.7 s): yes, its ports counted by a scan here', () => {
    const service = testService();
    const d = doc(copies(Math.ceil(70_000 / 18)), 'file:///mid/dup/compose.yaml', 'dockercompose');
    assert.ok(d.getText().length >= MID_DOCUMENT_CHARS && d.getText().length < OFF_THREAD_DOCUMENT_CHARS);
    assert.equal(large(service).applies(d, s), true);
    assert.ok(service.scan(d, s).occurrences.length > MAX_MAIN_CHECK_OCCURRENCES);
  });

  it('a 144 KB compose file of ordinary services with 2,000 ports: no, its first diagnostics do not wait for the thread', () => {
    const services = Array.from({ length: 2000 }, (_, i) => `  app${i}:\n    image: registry.local/app:${i % 9}.0\n    restart: unless-stopped\n    ports:\n      - "${10000 + i}:80"\n`);
    const d = doc('services:\n' + services.join(''), 'file:///mid/plain/compose.yaml', 'dockercompose');
    assert.ok(d.getText().length >= MID_DOCUMENT_CHARS && d.getText().length < OFF_THREAD_DOCUMENT_CHARS, `${d.getText().length}`);
    assert.equal(large().applies(d, s), false);
  });

  it('below 64 KB never, from 256 KB always, over maxFileSize never', () => {
    assert.equal(large().applies(doc(copies(3000), 'file:///small/compose.yaml', 'dockercompose'), s), false);
    const big = doc('x: 1\n'.repeat(OFF_THREAD_DOCUMENT_CHARS / 5 + 1), 'file:///big/a.yaml', 'yaml');
    assert.equal(large().applies(big, s), true);
    assert.equal(large().applies(big, settings({ maxFileSize: 100_000 })), false);
  });
});
