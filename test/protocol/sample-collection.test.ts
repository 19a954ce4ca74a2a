import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';

// Every finding of `node dist/server.js --stdio` on a workspace that imitates a repository of samples
// (test/fixtures/sample-collection): independent Compose projects that publish the same host ports on
// purpose, projects made of an override file, an include or COMPOSE_FILE, Kubernetes examples with long
// Service port names and named target ports, and gRPC clients. The list is pinned whole: a new finding
// here is either noise or a real problem the fixture's README should name.

const FIXTURE = path.resolve(__dirname, '../fixtures/sample-collection');

/** The finding of each file, as `file:line:column severity rule`, sorted. */
const DEFAULT_FINDINGS = [
  // The shop project includes the shared monitoring file: Grafana and the storefront both publish 3000.
  'compose/shared/monitoring.yaml:9:10 warning duplicateHostPortAcrossFiles',
  'compose/shop/compose.yaml:14:10 warning duplicateHostPortAcrossFiles',
  // MinIO's console on 9001, where IANA records unauthorized use: the --console-address, and "9001:9001"
  // once, on its host side (the user's choice; the container side is the image's).
  'compose/minio/docker-compose.yml:4:47 information unauthorizedUse',
  'compose/minio/docker-compose.yml:7:10 information unauthorizedUse',
  // gRPC servers listening in the dynamic range (their clients' addresses draw nothing).
  'grpc/orders/server.ts:8:76 warning dynamicRange',
  'kubernetes/shop/catalog.yaml:19:30 warning dynamicRange',
].sort();

/** What compose.compareProjects adds: the same host ports in projects side by side, as information. */
const COMPARED_FINDINGS = [
  // Side by side, profiles do not matter: any profile of one project may run beside the other project.
  'compose/api-profiles/compose.yaml:13:10 information duplicateHostPortAcrossFiles',
  'compose/api-profiles/compose.yaml:18:10 information duplicateHostPortAcrossFiles',
  'compose/api-profiles/compose.yaml:6:10 information duplicateHostPortAcrossFiles',
  'compose/elk/docker-compose.yml:15:10 information duplicateHostPortAcrossFiles',
  'compose/gitea/docker-compose.yml:7:10 information duplicateHostPortAcrossFiles',
  'compose/gitea/docker-compose.yml:12:10 information duplicateHostPortAcrossFiles',
  'compose/shop/compose.override.yaml:5:10 information duplicateHostPortAcrossFiles',
  'compose/shop/compose.yaml:8:10 information duplicateHostPortAcrossFiles',
  'compose/voting-app/docker-compose.yml:5:10 information duplicateHostPortAcrossFiles',
  'compose/wordpress/compose.override.yaml:7:10 information duplicateHostPortAcrossFiles',
  'compose/wordpress/compose.yaml:9:10 information duplicateHostPortAcrossFiles',
];

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** The language id VS Code gives a file of the fixture (with the Docker extension installed). */
function languageOf(file: string): string {
  const base = path.basename(file);
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/.test(base)) return 'dockercompose';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (base.endsWith('.ts')) return 'typescript';
  if (base === '.env') return 'dotenv';
  if (base.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else out.push(r);
  }
  return out.sort();
}

async function waitIndexed(client: LspClient): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const s = await client.request('ianaPorts/indexStatus', null);
    if (s.state === 'ready') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('index never became ready');
}

describe('a sample-collection repository over stdio: every finding', function () {
  this.timeout(60000);
  let client: LspClient;
  let root: string;
  const files = filesUnder(FIXTURE);
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;

  /** Pulls the diagnostics of every file of the workspace. */
  async function findings(): Promise<string[]> {
    const out: string[] = [];
    for (const f of files) {
      const r = await client.request('textDocument/diagnostic', { textDocument: { uri: uri(f) } });
      for (const d of r.items) out.push(`${f}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]} ${d.code}`);
    }
    return out.sort();
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-samples-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    client = new LspClient({ pullDiagnostics: true, configuration: true, settings: {} });
    await client.initialize(pathToFileURL(root).href);
    await waitIndexed(client);
    for (const f of files) client.open(uri(f), languageOf(f), fs.readFileSync(path.join(root, f), 'utf8'));
  });

  after(async () => {
    await client?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('holds the fixture\'s files (a new file changes the pinned list below)', () => {
    assert.equal(files.length, 23, files.join(', '));
  });

  it('finds the clash inside the shop project and nothing between the projects side by side', async () => {
    assert.deepEqual(await findings(), DEFAULT_FINDINGS);
    const r = await client.request('textDocument/diagnostic', { textDocument: { uri: uri('compose/shop/compose.yaml') } });
    const [dup] = r.items.filter((d: any) => d.code === 'duplicateHostPortAcrossFiles');
    assert.match(dup.message, /^Host port 3000\/tcp is published twice in Compose project "shop"\.\nAlso by 3000\/tcp \(service grafana\) in shared\/monitoring\.yaml\./);
    assert.equal(path.relative(root, new URL(dup.relatedInformation[0].location.uri).pathname), 'compose/shared/monitoring.yaml');
  });

  it('reports an override file\'s new clash as it is typed, and forgets it when undone', async () => {
    const file = 'compose/wordpress/compose.override.yaml';
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const edited = `${text}  phpmyadmin:\n    image: phpmyadmin:5\n    ports:\n      - "8080:80"\n`;
    const change = (version: number, t: string) => client.notify('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text: t }] });
    change(2, edited);
    const dups = async () => (await findings()).filter((f) => f.startsWith('compose/wordpress/'));
    // phpMyAdmin's 8080 clashes with WordPress's in the override file itself (the per-file rule's error) and
    // in compose.yaml; the override's own "8080:80" for wordpress repeats compose.yaml's entry, so it is not
    // a clash across the two files.
    assert.deepEqual(await dups(), [
      'compose/wordpress/compose.override.yaml:11:10 error duplicateHostPort',
      'compose/wordpress/compose.override.yaml:11:10 warning duplicateHostPortAcrossFiles',
      'compose/wordpress/compose.override.yaml:7:10 error duplicateHostPort',
      'compose/wordpress/compose.yaml:9:10 warning duplicateHostPortAcrossFiles',
    ]);
    change(3, text);
    assert.deepEqual(await dups(), []);
  });

  it('reads COMPOSE_FILE from the project\'s .env: without its !override the dev file\'s port clashes with compose.yaml\'s', async () => {
    const file = 'compose/vite-app/compose.dev.yaml';
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const change = (version: number, t: string) => client.notify('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text: t }] });
    change(2, text.replace('ports: !override', 'ports:'));
    const vite = async () => (await findings()).filter((f) => f.startsWith('compose/vite-app/'));
    // Merged, "8000:80" and "8000:5173" are two entries of the service web: two bindings of host port 8000.
    assert.deepEqual(await vite(), [
      'compose/vite-app/compose.dev.yaml:9:10 warning duplicateHostPortAcrossFiles',
      'compose/vite-app/compose.yaml:6:10 warning duplicateHostPortAcrossFiles',
    ]);
    change(3, text);
    assert.deepEqual(await vite(), []);
  });

  it('reads Compose profiles: services in disjoint profiles share a host port, a shared profile or none clashes', async () => {
    const file = 'compose/api-profiles/compose.yaml';
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const change = (version: number, t: string) => client.notify('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text: t }] });
    const api = async () => (await findings()).filter((f) => f.startsWith('compose/api-profiles/'));
    // Both in the dev profile: `docker compose --profile dev up` starts both on 8080.
    change(2, text.replace('profiles: [prod]', 'profiles: [prod, dev]'));
    const both = ['compose/api-profiles/compose.yaml:13:10 error duplicateHostPort', 'compose/api-profiles/compose.yaml:6:10 error duplicateHostPort'];
    assert.deepEqual(await api(), both);
    // Without profiles the API always runs, beside the dev server too.
    change(3, text.replace('    profiles: [prod]\n', ''));
    assert.deepEqual(await api(), both.map((f) => f.replace(':13:', ':12:').replace(':6:', ':5:')).sort());
    change(4, text);
    assert.deepEqual(await api(), []);
  });

  it('compares the projects side by side once compose.compareProjects is on', async () => {
    client.settings = { compose: { compareProjects: true } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const compared = [...DEFAULT_FINDINGS.filter((f) => !/compose\/(shop\/compose\.yaml:14|shared\/monitoring)/.test(f)), ...COMPARED_FINDINGS,
      // The shop's own clash keeps its weight, and names the other project too.
      'compose/shared/monitoring.yaml:9:10 warning duplicateHostPortAcrossFiles',
      'compose/shop/compose.yaml:14:10 warning duplicateHostPortAcrossFiles',
    ].sort();
    assert.deepEqual(await findings(), compared);
    const r = await client.request('textDocument/diagnostic', { textDocument: { uri: uri('compose/gitea/docker-compose.yml') } });
    assert.match(r.items[0].message, /^Host port 3000\/tcp is also published by another Compose project\.\nBy 3000\/tcp \(service grafana\) in shared\/monitoring\.yaml and 1 more place, in another Compose project\./);
  });
});
