import assert from 'node:assert/strict';
import { hoverText, LspClient } from '../helpers/lspClient';

// A document's own Kubernetes facts are read once per version of its text (workspace/attach.ts): the
// hover and Go to Definition on `targetPort: http` must follow every edit, and a document closed and
// opened again under the same version number with other text.

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
              name: http
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector: { app: shop }
  ports:
    - port: 80
      targetPort: http
`;

function at(text: string, needle: string): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i);
  return { line: before.split('\n').length - 1, character: i - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('Kubernetes named ports follow edits of the open document', function () {
  this.timeout(30000);
  let client: LspClient;
  const uri = 'file:///k8s-edits/shop.yaml';

  before(async () => {
    client = new LspClient({ configuration: true, settings: {} });
    await client.initialize(null);
  });
  after(async () => {
    await client.close();
  });

  it('hover and definition on targetPort: http after an edit of the port, after lines added above, and after a reopen', async () => {
    // The position asked is the Service's `targetPort: http`, the last `http` of the text.
    const lastHttp = (text: string) => ({ ...at(text, 'targetPort: http'), character: at(text, 'targetPort: http').character + 12 });
    const hoverAt = async (text: string) => hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: lastHttp(text) }));
    const definitionAt = async (text: string) => {
      const defs = await client.request('textDocument/definition', { textDocument: { uri }, position: lastHttp(text) });
      assert.equal(defs?.length, 1, JSON.stringify(defs));
      return defs[0].range.start.line;
    };

    client.open(uri, 'yaml', MANIFEST, 1);
    assert.ok((await hoverAt(MANIFEST)).startsWith('**http** → 8080'), await hoverAt(MANIFEST));
    assert.equal(await definitionAt(MANIFEST), 16);

    // The container port changes: 8080 -> 9090 (an incremental edit, version 2).
    const line = MANIFEST.split('\n').findIndex((l) => l.includes('containerPort: 8080'));
    const col = MANIFEST.split('\n')[line].indexOf('8080');
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 4 } }, text: '9090' }],
    });
    const v2 = MANIFEST.replace('containerPort: 8080', 'containerPort: 9090');
    assert.ok((await hoverAt(v2)).startsWith('**http** → 9090'), await hoverAt(v2));

    // Three lines added at the top (version 3): the declaration moves down with them.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n# three\n' }],
    });
    const v3 = '# one\n# two\n# three\n' + v2;
    assert.equal(await definitionAt(v3), 19);
    assert.ok((await hoverAt(v3)).startsWith('**http** → 9090'));

    // Closed and opened again as version 1 with the first text: the first answers again.
    client.notify('textDocument/didClose', { textDocument: { uri } });
    client.open(uri, 'yaml', MANIFEST, 1);
    assert.ok((await hoverAt(MANIFEST)).startsWith('**http** → 8080'), await hoverAt(MANIFEST));
    assert.equal(await definitionAt(MANIFEST), 16);

    // Closed and opened as version 1 again, now with 7070: the same version number, other text.
    client.notify('textDocument/didClose', { textDocument: { uri } });
    const other = MANIFEST.replace('containerPort: 8080', 'containerPort: 7070');
    client.open(uri, 'yaml', other, 1);
    assert.ok((await hoverAt(other)).startsWith('**http** → 7070'), await hoverAt(other));
  });
});
