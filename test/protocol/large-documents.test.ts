import assert from 'node:assert/strict';
import { hoverText, LspClient } from '../helpers/lspClient';

// Large open documents are scanned and checked in the scan thread (server/src/workspace/openDocuments.ts),
// against `node dist/server.js --stdio`. Issue 16 filed each shape below as freezing the server while it
// was open (the figure in each test's name); measured on the code of that time they took 0.2-25 s to
// check here, always on the main thread, so every hover on another document waited for them. Each test
// opens the shape and, in the same write, asks for a hover on another open document: the hover is
// answered before the large document's diagnostics, and the server's log says the check ran in the
// scan thread. The timings are in the "hostile inputs" section of `npm run bench`.

const MB = 1 << 20;

function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

const SHAPES = [
  {
    name: 'compose file of 2,000 copies of "8080:80", 70 KB and 7,778 ports (its check held up every hover 1.2-1.7 s under load)', uri: 'file:///large/dup/compose.yaml', languageId: 'dockercompose',
    text: 'services:\n  web:\n    ports:\n' + repeatTo('      - "8080:80"\n', 70_000),
    hoverAt: { line: 5, character: 10 }, card: /8080/,
  },
  {
    name: 'package.json with one 2 MB script (36 s when filed)', uri: 'file:///large/app/package.json', languageId: 'json',
    text: '{"scripts": {"start": "' + repeatTo('node server.js --port=3000 && ', 2 * MB) + 'true"}}',
    hoverAt: { line: 0, character: 23 + 'node server.js --port='.length + 1 }, card: /3000/,
  },
  {
    name: 'compose command: block of 4.8 MB (55 s when filed)', uri: 'file:///large/cmd/compose.yaml', languageId: 'dockercompose',
    text: 'services:\n  web:\n    command:\n' + repeatTo('      - --port=8080\n      - --listen\n      - 0.0.0.0:9090\n', 4_800_000),
    hoverAt: { line: 3, character: 16 }, card: /8080/,
  },
  {
    name: 'Markdown port table of 4.8 MB (13 s when filed)', uri: 'file:///large/table/README.md', languageId: 'markdown',
    text: '| Service | Port |\n|---|---|\n' + repeatTo('| web | 8080 |\n', 4_800_000),
    hoverAt: { line: 2, character: 9 }, card: /8080/,
  },
];

const OTHER = 'file:///large/other/hover.yaml';

/** Sends several messages in one write, so that the server reads them all before it handles the first. */
function together(client: LspClient, send: () => void): void {
  const realSend = client.send.bind(client);
  const chunks: string[] = [];
  client.send = (obj: unknown) => {
    const s = JSON.stringify(obj);
    chunks.push(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  try {
    send();
  } finally {
    client.send = realSend;
    client.proc.stdin.write(chunks.join(''));
  }
}

describe('large open documents are checked in the scan thread', function () {
  this.timeout(120000);
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: a hover on another document is answered before its diagnostics, which come from the scan thread`, async () => {
      client = new LspClient();
      await client.initialize(null);
      client.open(OTHER, 'yaml', 'port: 8080\n');
      assert.match(hoverText(await client.request('textDocument/hover', { textDocument: { uri: OTHER }, position: { line: 0, character: 7 } })), /8080/);
      const order: string[] = [];
      const diagnostics = client.waitDiagnostics(shape.uri, () => true, 100000).then((d) => {
        order.push('diagnostics');
        return d;
      });
      let hover!: Promise<unknown>;
      together(client, () => {
        client!.open(shape.uri, shape.languageId, shape.text);
        hover = client!.request('textDocument/hover', { textDocument: { uri: OTHER }, position: { line: 0, character: 7 } }, 100000).then((h) => {
          order.push('hover');
          return h;
        });
      });
      assert.match(hoverText(await hover), /8080/);
      const d = await diagnostics;
      assert.equal(d.version, 1);
      assert.deepEqual(order, ['hover', 'diagnostics']);
      assert.ok(client.logs.some((l) => l.includes(`${shape.uri} (`) && l.includes('version 1) was checked in the scan thread')), client.logs.join('\n'));
      // The document's own features answer from the scan the thread made.
      const own = await client.request('textDocument/hover', { textDocument: { uri: shape.uri }, position: shape.hoverAt }, 100000);
      assert.match(hoverText(own), shape.card);
    });
  }

  it('compose port ranges on many addresses, 2 MB (215,000 ports; decoding them all for the first hover blocked the server 0.5-5 s): hovers and a quick fix answer from windows of at most 20,000 ports', async () => {
    client = new LspClient();
    await client.initialize(null);
    const uri = 'file:///large/ranges/compose.yaml';
    const text = 'services:\n  web:\n    ports:\n' + repeatTo('      - 127.0.0.1:8000-8100:8000-8100\n      - 10.0.0.2:8050-8150:80\n', 2 * MB);
    const lines = text.split('\n');
    const diagnostics = client.waitDiagnostics(uri, () => true, 100000);
    client.open(uri, 'dockercompose', text);
    const d = await diagnostics;
    assert.ok(d.diagnostics.length > 0);
    const windows = () => client!.logs.filter((l) => l.includes(`${uri} (version 1) has more than 20000 ports`));
    // A line in the middle and the last full line: each its own window, each hover the right port.
    for (const line of [lines.length >> 1, lines.length - 3]) {
      const at = lines[line].indexOf('8');
      const h = hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: at + 1 } }, 100000));
      assert.match(h, new RegExp(lines[line].slice(at, at + 4)), `line ${line}: ${lines[line]}`);
    }
    assert.equal(windows().length, 2, client.logs.join('\n'));
    for (const l of windows()) assert.ok(Number(/the (\d+) from offset/.exec(l)?.[1]) <= 20000, l);
    // A quick fix on a duplicate offers a free port: one the whole file does not name.
    const near = d.diagnostics.filter((x) => x.code === 'duplicateHostPort').pop();
    if (near) {
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: near.range, context: { diagnostics: [near] } }, 100000) as { title: string }[];
      const free = actions.map((a) => /free port (\d+)/.exec(a.title)?.[1]).find(Boolean);
      assert.ok(free, JSON.stringify(actions.map((a) => a.title)));
      assert.ok(![80, 8000, 8050, 8100, 8150].includes(Number(free)), `free port ${free} is named in the file`);
    }
  });

  it('a 300 KB compose file edited twice while its first version is checked: the middle version is never checked, and the diagnostics are those of the last version', async () => {
    client = new LspClient();
    await client.initialize(null);
    const uri = 'file:///large/edits/compose.yaml';
    const filler = '    # padding that keeps this file above the scan thread threshold\n'.repeat(5000);
    const version = (bad: string) => `services:\n  web:\n${filler}    ports:\n      - "${bad}"\n`;
    const texts = [version('70000:80'), version('80000:80'), version('90000:80')];
    const published: { version?: number; diagnostics: any[] }[] = [];
    const last = client.waitDiagnostics(uri, (p) => {
      published.push(p);
      return p.version === 3;
    }, 100000);
    together(client, () => {
      client!.open(uri, 'dockercompose', texts[0]);
      for (let v = 2; v <= 3; v++) client!.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: texts[v - 1] }] });
    });
    const final = await last;
    const outOfRange = final.diagnostics.filter((d) => d.code === 'outOfRange');
    assert.equal(outOfRange.length, 1, JSON.stringify(final.diagnostics.slice(0, 3)));
    assert.match(outOfRange[0].message, /90000/);
    assert.equal(outOfRange[0].range.start.line, texts[2].split('\n').length - 2);
    // Nothing older arrives after the last version's diagnostics, and no push was for version 2.
    assert.deepEqual(published.map((p) => p.version).filter((v) => v !== 3), published.map((p) => p.version).filter((v) => v === 1));
    const checked = client.logs.filter((l) => l.startsWith(`IANA Ports: ${uri} (`) && l.includes('checked in the scan thread')).map((l) => /version (\d+)/.exec(l)?.[1]);
    assert.ok(!checked.includes('2'), checked.join(', '));
    assert.ok(checked.includes('3'), checked.join(', '));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.diagnostics.get(uri)?.version, 3);
  });
});
