import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { doCodeActions } from '../../server/src/service/codeActions';
import { doComplete } from '../../server/src/service/completion';
import { resolveSettings } from '../../server/src/service/settings';
import { LspClient } from '../helpers/lspClient';
import { testService } from '../helpers/service';

// 2,000 random incremental edits per client, interleaved with hovers, completions, code actions and
// diagnostic pulls, sent in bursts without waiting for answers. Every answer must be the one computed
// in-process for the text the client had when it sent the request (LSP orders requests after the
// edits before them), so an answer computed on an older or newer version fails. Push diagnostics:
// every publish must match the text of the version it names, and the last one names the last version.
// A third run changes settings now and then, so that requests wait for the client's configuration
// answer while later edits arrive; there the client cancels its open requests on each edit, as VS Code
// does, and every answer that is not RequestCancelled must still be for its version.

const ROOT = path.resolve(__dirname, '../..');
const EDITS = 2000;
const DOCS = [
  { uri: 'file:///w/load/docker-compose.yml', languageId: 'dockercompose', file: 'test/corpus/yaml/docker-compose.yml' },
  { uri: 'file:///w/load/server.js', languageId: 'javascript', file: 'test/corpus/code/server.js' },
];
const INSERTS = [
  '8080', '49153', '3301', '65536', '99999', '0', '22', ':', '"', "'", '\n', '\r\n', '  ', '- "', '"5432:5432"', '\n      - "8080:80"', 'ports:\n', 'port: ',
  'localhost:', 'http://localhost:6667/', 'app.listen(', ')', '{', '}', '[', ']', '#', '//', 'x', '😀', '数据库', 'e\u0301', 'targetPort: http', '\t',
];

/** A small seeded generator (mulberry32), so the run is the same every time. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON round trip, as the answer travels: drops undefined fields. */
function wire<T>(v: T): T {
  return v === undefined ? (null as T) : JSON.parse(JSON.stringify(v));
}

interface Run {
  requests: number;
  checked: number;
  cancelled: number;
  pushes: number;
}

interface DriveOptions {
  pull: boolean;
  /** Send a settings change every 300 operations, so the server asks the client for settings again. */
  settingsChanges?: boolean;
  /** Cancel this document's open requests with each edit, in the same write, as VS Code does. */
  cancelOnEdit?: boolean;
  /** Edits to send (EDITS by default). */
  edits?: number;
}

/** Runs `f` with every message it sends collected and written to the server at once. */
function oneWrite(client: LspClient, f: () => void): void {
  const realSend = client.send;
  const chunks: string[] = [];
  client.send = (obj: unknown) => {
    const body = JSON.stringify(obj);
    chunks.push(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  try {
    f();
  } finally {
    client.send = realSend;
    client.proc.stdin.write(chunks.join(''));
  }
}

async function drive(client: LspClient, seed: number, opts: DriveOptions): Promise<Run> {
  const pull = opts.pull;
  const random = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
  const service = testService();
  const settings = resolveSettings({ machine: { enable: 'off' } });
  const docs = new Map<string, TextDocument>();
  // Every version's text, to check each push against the version it names.
  const texts = new Map<string, Map<number, string>>();
  const published: { uri: string; version?: number; diagnostics: unknown[] }[] = [];
  // Every publish passes through the client's diagnostics map: record each one on its way in.
  const store = client.diagnostics;
  const set = store.set.bind(store);
  store.set = (uri, p) => {
    published.push({ uri, version: p.version, diagnostics: p.diagnostics });
    return set(uri, p);
  };
  for (const d of DOCS) {
    const text = fs.readFileSync(path.join(ROOT, d.file), 'utf8');
    docs.set(d.uri, TextDocument.create(d.uri, d.languageId, 1, text));
    texts.set(d.uri, new Map([[1, text]]));
    client.open(d.uri, d.languageId, text, 1);
  }
  const run: Run = { requests: 0, checked: 0, cancelled: 0, pushes: 0 };
  let outstanding: Promise<void>[] = [];
  // Ids of requests not answered yet, per document, for cancelOnEdit.
  const open = new Map<string, Set<number>>(DOCS.map((d) => [d.uri, new Set<number>()]));
  let edits = 0;
  let ops = 0;

  /** Sends a request against the current client-side text and checks the answer against that text in-process. */
  function ask(method: string, uri: string, params: Record<string, unknown>, expected: (doc: TextDocument) => unknown): void {
    const snap = docs.get(uri)!;
    const snapshot = TextDocument.create(uri, snap.languageId, snap.version, snap.getText());
    run.requests++;
    const { id, promise } = client.requestWithId(method, { textDocument: { uri }, ...params }, 20000);
    open.get(uri)!.add(id);
    outstanding.push(promise.then((got) => {
      open.get(uri)!.delete(id);
      const want = wire(expected(snapshot));
      assert.deepEqual(got, want, `${method} at version ${snapshot.version} ${JSON.stringify(params)}: the answer is not the one for the text the request was sent with`);
      run.checked++;
    }, (e: Error & { code?: number }) => {
      open.get(uri)!.delete(id);
      // Only a request this client cancelled may fail, and only with RequestCancelled.
      if (!(opts.cancelOnEdit && e.code === -32800)) throw e;
      run.cancelled++;
    }));
  }

  while (edits < (opts.edits ?? EDITS)) {
    ops++;
    const d = pick(DOCS);
    const doc = docs.get(d.uri)!;
    const text = doc.getText();
    const r = random();
    if (r < 0.6) {
      // An incremental edit: delete a little and insert a piece; shrink the document when it grows long.
      const at = Math.floor(random() * (text.length + 1));
      const del = text.length > 6000 ? Math.floor(random() * 200) : Math.floor(random() * 6);
      const insert = random() < 0.15 ? '' : pick(INSERTS);
      const range = { start: doc.positionAt(at), end: doc.positionAt(Math.min(text.length, at + del)) };
      const version = doc.version + 1;
      TextDocument.update(doc, [{ range, text: insert }], version);
      texts.get(d.uri)!.set(version, doc.getText());
      oneWrite(client, () => {
        client.notify('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: [{ range, text: insert }] });
        if (opts.cancelOnEdit) for (const id of open.get(d.uri)!) client.notify('$/cancelRequest', { id });
      });
      edits++;
    } else if (r < 0.8) {
      // Hover, half the time on a digit so that real cards come back.
      const digits = [...text.matchAll(/\d+/g)].map((m) => m.index!);
      const offset = digits.length && random() < 0.5 ? pick(digits) : Math.floor(random() * (text.length + 1));
      const position: Position = doc.positionAt(offset);
      ask('textDocument/hover', d.uri, { position }, (s) => service.doHover(s, position, settings));
    } else if (r < 0.9) {
      const position = doc.positionAt(Math.floor(random() * (text.length + 1)));
      ask('textDocument/completion', d.uri, { position }, (s) => doComplete(service, s, position, settings));
    } else if (pull) {
      ask('textDocument/diagnostic', d.uri, {}, (s) => ({ kind: 'full', items: service.doValidation(s, settings) }));
    } else {
      const snapshot = TextDocument.create(d.uri, d.languageId, doc.version, text);
      const diagnostics = wire(service.doValidation(snapshot, settings));
      const range = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
      ask('textDocument/codeAction', d.uri, { range, context: { diagnostics } }, (s) => doCodeActions(service, s, range, { diagnostics }, settings));
    }
    if (opts.settingsChanges && ops % 300 === 0) {
      // Settings "change" (to the same values): the server drops its settings cache and asks again,
      // so requests wait for the client while later edits arrive.
      client.notify('workspace/didChangeConfiguration', { settings: null });
    }
    if (random() < 0.08) {
      // End of a burst: wait for the answers, and for pushes of the versions in between.
      await Promise.all(outstanding);
      outstanding = [];
      if (!pull && random() < 0.5) await new Promise((res) => setTimeout(res, 2));
    }
  }
  await Promise.all(outstanding);

  if (pull) {
    // The final pull matches the final text.
    for (const d of DOCS) {
      const report = await client.request('textDocument/diagnostic', { textDocument: { uri: d.uri } });
      assert.deepEqual(report, wire({ kind: 'full', items: service.doValidation(docs.get(d.uri)!, settings) }));
    }
    assert.equal(client.diagnostics.size, 0, 'a pull client gets no pushed diagnostics');
  } else {
    for (const d of DOCS) {
      const doc = docs.get(d.uri)!;
      const last = await client.waitDiagnostics(d.uri, (p) => p.version === doc.version, 20000);
      assert.deepEqual(last.diagnostics, wire(service.doValidation(doc, settings)), `${d.uri}: the last push is the final text's diagnostics`);
    }
    // Every push names a version and carries that version's diagnostics; versions never go back.
    const seen = new Map<string, number>();
    for (const p of published) {
      assert.ok(typeof p.version === 'number', 'a push names its version');
      const text = texts.get(p.uri)!.get(p.version!)!;
      const doc = TextDocument.create(p.uri, DOCS.find((d) => d.uri === p.uri)!.languageId, p.version!, text);
      assert.deepEqual(p.diagnostics, wire(service.doValidation(doc, settings)), `${p.uri}: push for version ${p.version} does not match that version's text`);
      assert.ok(p.version! >= (seen.get(p.uri) ?? 0), `${p.uri}: version ${p.version} pushed after ${seen.get(p.uri)}`);
      seen.set(p.uri, p.version!);
    }
    run.pushes = published.length;
    for (const d of DOCS) assert.equal(client.diagnostics.get(d.uri)?.version, docs.get(d.uri)!.version, 'the last push names the last version');
  }
  return run;
}

describe('robustness: thousands of interleaved edits and requests', function () {
  this.timeout(120000);
  const clients: LspClient[] = [];
  after(async () => {
    for (const c of clients) await c.close();
  });

  const runs: [string, number, DriveOptions][] = [
    ['pull client', 4242, { pull: true }],
    ['push-only client', 4343, { pull: false }],
    ['push-only client with settings changes, cancelling open requests on each edit', 4444, { pull: false, settingsChanges: true, cancelOnEdit: true, edits: 1000 }],
    ['pull client with settings changes, cancelling open requests on each edit', 4545, { pull: true, settingsChanges: true, cancelOnEdit: true, edits: 1000 }],
  ];
  for (const [what, seed, opts] of runs) {
    it(`${what}: every answer is for the version it was asked about, and the final diagnostics match the final text`, async () => {
      // This machine's ports are not read: the answers are checked against an in-process service, and the
      // free port would otherwise follow whatever else listens on the machine during the run.
      const client = new LspClient({ pullDiagnostics: opts.pull, configuration: true, settings: { machine: { enable: 'off' } } });
      clients.push(client);
      await client.initialize();
      const t0 = performance.now();
      const run = await drive(client, seed, opts);
      const ms = performance.now() - t0;
      assert.equal(client.exited, undefined, 'the server is still running');
      const errors = client.logs.filter((l) => /Error|exception/i.test(l));
      assert.deepEqual(errors, [], 'nothing was logged as an error');
      assert.equal(run.checked + run.cancelled, run.requests);
      if (!opts.cancelOnEdit) assert.equal(run.cancelled, 0);
      console.log(`      ${opts.edits ?? EDITS} edits, ${run.checked} answers checked, ${run.cancelled} cancelled${opts.pull ? '' : `, ${run.pushes} pushes checked`}, in ${ms.toFixed(0)} ms`);
    });
  }
});
