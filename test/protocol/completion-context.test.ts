import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

// Completion by software and by the image in front of the cursor, through the server as editors use it.

describe('completion through the server: software names and the image in front of you', function () {
  this.timeout(30000);
  let client: LspClient;
  before(async () => {
    client = new LspClient({ configuration: true, settings: { machine: { enable: 'off' } } });
    await client.initialize(null);
  });
  after(() => client.close());

  async function complete(uri: string, languageId: string, text: string): Promise<any[]> {
    const at = text.indexOf('|');
    const clean = text.slice(0, at) + text.slice(at + 1);
    client.open(uri, languageId, clean);
    const before = clean.slice(0, at);
    const position = { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position });
    return list.items;
  }

  it('offers the compose service image\'s port first, as a quoted mapping', async () => {
    const items = await complete('file:///w/compose.yaml', 'dockercompose', 'services:\n  broker:\n    image: bitnami/kafka:3.7\n    ports:\n      - |\n');
    assert.equal(items[0].label, '9092:9092');
    assert.equal(items[0].textEdit.newText, '"9092:9092"');
    assert.equal(items[items.length - 1].labelDetails.description, 'free port');
  });

  it('offers a Kubernetes container image\'s port, and a Dockerfile FROM image\'s port after EXPOSE', async () => {
    const k8s = await complete('file:///w/deploy.yaml', 'yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: grafana\n          image: grafana/grafana:11.1.0\n          ports:\n            - containerPort: |\n');
    assert.equal(k8s[0].label, '3000');
    assert.equal(k8s[0].textEdit.newText, '3000');
    const docker = await complete('file:///w/Dockerfile', 'dockerfile', 'FROM rabbitmq:3-management\nEXPOSE |\n');
    assert.equal(docker[0].label, '5672');
  });

  it('completes software names people type, not rare registrations that look alike', async () => {
    const vite = await complete('file:///w/.env', 'dotenv', 'VITE_PORT=vite|\n');
    assert.equal(vite[0].label, '5173');
    assert.ok(!vite.some((i: any) => i.labelDetails?.description === 'igmpv3lite'));
  });
});
