import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describePlace, describePort } from '../../client/src/portsView';
import { decodeRegistry } from '../../server/src/service/registry/codec';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { resolveSettings } from '../../server/src/service/settings';
import { indexFile, LineMap, WorkspaceIndex, type IndexedFile } from '../../server/src/service/workspaceIndex';
import { kubeFacts } from '../../server/src/service/workspaceKube';
import { unmatchedTargetPort } from '../../server/src/service/kubeRules';
import { duplicateHostPortAcrossFiles, workspaceDiagnostics, workspaceFindings } from '../../server/src/service/workspaceRules';
import { excludePatterns, compileGlob, isExcluded } from '../../server/src/workspace/glob';
import { isIgnored, parseGitignore } from '../../server/src/workspace/gitignore';

const registry = new RegistryIndex(decodeRegistry(fs.readFileSync(path.resolve(__dirname, '../../data/registry.json'), 'utf8')));

/** Indexes a text as the server would a file of that name. */
function file(uri: string, text: string): IndexedFile {
  const format = detectFormat('plaintext', uri, text);
  assert.ok(format, `${uri} has a format`);
  return indexFile(uri, format, text, findPorts(format, text));
}

function workspace(files: Record<string, string>): WorkspaceIndex {
  const w = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) w.set(file(`file:///repo/${name}`, text));
  return w;
}

const compose = (service: string, ...ports: string[]) => `services:\n  ${service}:\n    ports:\n${ports.map((p) => `      - "${p}"\n`).join('')}`;

const SERVICE = (target: string, selector = 'app: web', protocol = '') => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    ${selector}
  ports:
    - port: 80
      targetPort: ${target}${protocol ? `\n      protocol: ${protocol}` : ''}
`;
const DEPLOYMENT = (labels = 'app: web', ports = '- containerPort: 8080\n              name: http') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            ${ports}
`;

describe('workspace index', () => {
  it('turns offsets into line and character positions', () => {
    const m = new LineMap('ab\ncd\r\nef');
    assert.deepEqual(m.position(0), { line: 0, character: 0 });
    assert.deepEqual(m.position(4), { line: 1, character: 1 });
    assert.deepEqual(m.position(8), { line: 2, character: 1 });
    assert.equal(m.lineAt(4), 'cd');
  });

  it('finds references to a port across formats, sorted by file and position', () => {
    const w = workspace({
      'b/compose.yaml': compose('db', '5432:5432'),
      'a/.env': 'PGPORT=5432\nREDIS_PORT=6379\n',
      'src/db.py': 'DSN = "postgresql://app@localhost:5432/app"\n',
    });
    const refs = w.references({ port: 5432 }).map((l) => `${l.uri.slice('file:///repo/'.length)}:${l.range.start.line}:${l.range.start.character}`);
    assert.deepEqual(refs, ['a/.env:0:7', 'b/compose.yaml:3:9', 'b/compose.yaml:3:14', 'src/db.py:0:34']);
    assert.deepEqual(w.references({ port: 6379 }).length, 1);
    assert.deepEqual(w.references({ port: 1 }), []);
  });

  it('finds references to a port name case-insensitively', () => {
    const w = workspace({ 'svc.yaml': SERVICE('HTTP'), 'other.yaml': SERVICE('http') });
    assert.equal(w.references({ name: 'http' }).length, 2);
  });

  it('forgets deleted files and whole folders, and does not count an unchanged re-index as a change', () => {
    const w = workspace({ 'a/.env': 'PORT=3000\n', 'a/b/.env': 'PORT=3000\n', 'c/.env': 'PORT=3000\n' });
    const gen = w.generation;
    w.set(file('file:///repo/c/.env', 'PORT=3000\n'));
    assert.equal(w.generation, gen);
    w.deleteUnder('file:///repo/a');
    assert.deepEqual(w.uris(), ['file:///repo/c/.env']);
    assert.ok(w.generation > gen);
  });

  it('answers workspace symbols by number prefix and by registered or common name', () => {
    const w = workspace({ 'compose.yaml': compose('db', '5432:5432', '9200:9200'), '.env': 'PORT=54321\n' });
    const by = (q: string) => w.symbols(q, registry).map((s) => s.name);
    assert.deepEqual(by('5432'), ['5432/tcp postgresql', '5432/tcp postgresql', '54321']);
    assert.ok(by('postgres').every((n) => n.startsWith('5432/tcp postgresql')));
    // Elasticsearch is what runs on 9200 in practice, though IANA says wap-wsp.
    assert.ok(by('elasticsearch').length === 2 && by('elasticsearch').every((n) => n.startsWith('9200')));
    assert.deepEqual(by('zzzz-nothing'), []);
    assert.equal(w.symbols('', registry, 2).length, 2);
  });

  it('lists each port once with its service and every place, for the Ports view', () => {
    const w = workspace({ 'x/compose.yaml': compose('web', '8080:80'), 'y/.env': 'PORT=8080\n' });
    const ports = w.ports(registry);
    assert.deepEqual(ports.map((p) => p.port), [80, 8080]);
    const p8080 = ports[1];
    assert.deepEqual(p8080.services, ['http-alt']);
    assert.equal(p8080.total, 2);
    assert.deepEqual(p8080.places.map((p) => [p.uri.slice(13), p.line, p.owner]), [['x/compose.yaml', '- "8080:80"', 'web'], ['y/.env', 'PORT=8080', undefined]]);
    assert.equal(w.ports(registry, 1)[1].places.length, 1);
  });
});

describe('Kubernetes facts', () => {
  it('reads Services, pod labels and container ports, whatever the key order', () => {
    const k = kubeFacts(`${SERVICE('http')}---\n${DEPLOYMENT('app: web', '- {containerPort: 9090, name: metrics}\n            - name: http\n              containerPort: 8080\n              protocol: UDP')}`);
    assert.equal(k.services.length, 1);
    assert.deepEqual(k.services[0].selector, { app: 'web' });
    assert.equal(k.services[0].ports[0].targetPort?.text, 'http');
    assert.deepEqual(k.workloads[0].labels, { app: 'web' });
    assert.deepEqual(k.workloads[0].ports.map((p) => [p.containerPort, p.name, p.protocol, p.container]), [[9090, 'metrics', 'TCP', 'web'], [8080, 'http', 'UDP', 'web']]);
  });

  it('reads nothing from YAML that is not Kubernetes', () => {
    assert.deepEqual(kubeFacts('ports:\n  - containerPort: 80\n'), { services: [], workloads: [], backends: [], manifest: false });
  });
});

describe('cross-file rules', () => {
  const files = (m: Record<string, string>) => workspace(m).all();

  it('duplicateHostPortAcrossFiles: the same host port in two Compose projects, a finding for compose.compareProjects', () => {
    const f = duplicateHostPortAcrossFiles(files({
      'shop/compose.yaml': compose('web', '8080:80'),
      'blog/docker-compose.yml': compose('ghost', '8080:2368'),
      'docs/compose.yaml': compose('docs', '127.0.0.1:8081:80'),
    }));
    assert.deepEqual([...f.keys()].sort(), ['file:///repo/blog/docker-compose.yml', 'file:///repo/shop/compose.yaml']);
    const shop = f.get('file:///repo/shop/compose.yaml')![0];
    assert.equal(shop.compareProjects, 'on');
    assert.match(shop.message, /^Host port 8080\/tcp is also published by another Compose project\.\nBy 8080\/tcp \(service ghost\) in blog\/docker-compose\.yml, in another Compose project\./);
    assert.equal(shop.port, 8080);
    assert.equal(shop.related[0].uri, 'file:///repo/blog/docker-compose.yml');
    assert.deepEqual(shop.range.start, { line: 3, character: 9 });
  });

  it('duplicateHostPortAcrossFiles: no clash across address families, protocols, or override files of one folder', () => {
    assert.equal(duplicateHostPortAcrossFiles(files({
      'a/compose.yaml': compose('a', '127.0.0.1:8080:80'),
      'b/compose.yaml': compose('b', '[::1]:8080:80'),
      'c/compose.yaml': compose('c', '8081:80/udp'),
      'd/compose.yaml': compose('d', '8081:80'),
      'e/compose.yaml': compose('web', '9000:80'),
      'e/compose.override.yaml': compose('web', '9000:80'),
      'e/compose.dev.yaml': compose('dev', '9000:80'),
    })).size, 0);
  });

  it('duplicateHostPortAcrossFiles: overlapping ranges clash, and the count of other places is given', () => {
    const f = duplicateHostPortAcrossFiles(files({
      'a/compose.yaml': compose('a', '9000-9010:9000-9010'),
      'b/compose.yaml': compose('b', '9005:80'),
      'c/compose.yaml': compose('c', '9010:80'),
    }));
    assert.match(f.get('file:///repo/a/compose.yaml')![0].message, /and 1 more place\b/);
    assert.equal(f.get('file:///repo/a/compose.yaml')![0].related.length, 2);
  });

  it('unmatchedTargetPort: a number or name the selected pods do not declare', () => {
    const check = (svc: string, dep = DEPLOYMENT()) => [...unmatchedTargetPort(files({ 'k/svc.yaml': svc, 'k/dep.yaml': dep })).values()].flat();
    assert.deepEqual(check(SERVICE('8080')), []);
    assert.deepEqual(check(SERVICE('http')), []);
    const [num] = check(SERVICE('8081'));
    assert.match(num.message, /^No selected container declares port 8081\/TCP\.\nService "web" selects app=web: Deployment "web"\. .* Declared: 8080 \(http\)\./);
    assert.equal(num.maxLevel, 'hint', 'a numeric targetPort is a hint at most');
    assert.equal(num.port, 8081);
    assert.equal(num.related[0].uri, 'file:///repo/k/dep.yaml');
    const [named] = check(SERVICE('metrics'));
    assert.match(named.message, /^No selected container has a port named "metrics"\.\n.* no endpoints/);
    assert.equal(named.maxLevel, undefined, 'a name weighs what the rule says (error by default)');
    // UDP 8080 is not TCP 8080.
    assert.equal(check(SERVICE('8080', 'app: web', 'UDP')).length, 1);
  });

  it('unmatchedTargetPort: pods of another app do not count; without matching pods, or without declared ports, it is silent', () => {
    const other = DEPLOYMENT('app: api', '- containerPort: 9000');
    const ws = files({ 'svc.yaml': SERVICE('8080'), 'web.yaml': DEPLOYMENT(), 'api.yaml': other });
    assert.equal(unmatchedTargetPort(ws).size, 0);
    const wrongApp = files({ 'svc.yaml': SERVICE('9000'), 'web.yaml': DEPLOYMENT(), 'api.yaml': other });
    assert.match([...unmatchedTargetPort(wrongApp).values()].flat()[0].message, /selects app=web: Deployment "web"/);
    const noPods = files({ 'svc.yaml': SERVICE('9000', 'app: elsewhere'), 'api.yaml': other });
    assert.equal(unmatchedTargetPort(noPods).size, 0);
    // The Service's pods are defined elsewhere (another chart or repository): nothing can be judged.
    const noMatch = files({ 'svc.yaml': SERVICE('9001', 'app: elsewhere'), 'api.yaml': other });
    assert.equal(unmatchedTargetPort(noMatch).size, 0);
    // Pods that declare no port at all: a number still reaches them.
    const noPorts = DEPLOYMENT().replace(/\n\s+ports:[\s\S]*$/, '\n');
    assert.equal(unmatchedTargetPort(files({ 'svc.yaml': SERVICE('9001'), 'web.yaml': noPorts, 'api.yaml': other })).size, 0);
  });

  it('unmatchedTargetPort: silent without workloads, without a selector, and on templated values', () => {
    assert.equal(unmatchedTargetPort(files({ 'svc.yaml': SERVICE('9999') })).size, 0);
    const noSelector = SERVICE('9999').replace('  selector:\n    app: web\n', '');
    assert.equal(unmatchedTargetPort(files({ 'svc.yaml': noSelector, 'dep.yaml': DEPLOYMENT() })).size, 0);
    assert.equal(unmatchedTargetPort(files({ 'svc.yaml': SERVICE('"{{ .Values.port }}"'), 'dep.yaml': DEPLOYMENT() })).size, 0);
  });

  it('turns findings into diagnostics with the rule levels, ignorePorts and ignore comments', () => {
    const m = { 'a/compose.yaml': compose('a', '8080:80'), 'a/compose.override.yaml': compose('b', '8080:80').replace('      - "8080', '      # iana-ports-ignore-next-line duplicateHostPortAcrossFiles\n      - "8080') };
    const w = workspace(m);
    const found = workspaceFindings(w.all());
    const docA = TextDocument.create('file:///repo/a/compose.yaml', 'dockercompose', 1, m['a/compose.yaml']);
    const docB = TextDocument.create('file:///repo/a/compose.override.yaml', 'dockercompose', 1, m['a/compose.override.yaml']);
    const a = workspaceDiagnostics(found.get(docA.uri), resolveSettings({}), docA);
    assert.equal(a.length, 1);
    // A warning by default: the files are one project, which cannot start.
    assert.equal(a[0].severity, 2);
    assert.equal(a[0].code, 'duplicateHostPortAcrossFiles');
    assert.equal(a[0].source, 'iana-ports');
    assert.deepEqual(a[0].data, { port: 8080 });
    assert.equal(a[0].relatedInformation?.[0].location.uri, docB.uri);
    assert.equal(workspaceDiagnostics(found.get(docA.uri), resolveSettings({ lint: { duplicateHostPortAcrossFiles: 'error' } }), docA)[0].severity, 1);
    assert.deepEqual(workspaceDiagnostics(found.get(docA.uri), resolveSettings({ lint: { duplicateHostPortAcrossFiles: 'ignore' } }), docA), []);
    assert.deepEqual(workspaceDiagnostics(found.get(docA.uri), resolveSettings({ ignorePorts: ['8000-8100'] }), docA), []);
    assert.deepEqual(workspaceDiagnostics(found.get(docA.uri), resolveSettings({ diagnostics: { enable: false } }), docA), []);
    // The ignore comment above the line in b silences b only.
    assert.deepEqual(workspaceDiagnostics(found.get(docB.uri), resolveSettings({}), docB), []);
  });
});

describe('files.exclude globs and .gitignore', () => {
  it('matches VS Code exclude globs against folder-relative paths', () => {
    const pats = excludePatterns({ '**/.git': true, '**/*.{log,tmp}': true, 'out/[ab]*': true, 'off/**': false, '**/*.js': { when: '$(basename).ts' } });
    assert.equal(pats.length, 4);
    assert.ok(isExcluded(pats, '.git') && isExcluded(pats, 'a/b/.git'));
    assert.ok(isExcluded(pats, 'x/y.log') && isExcluded(pats, 'y.tmp') && !isExcluded(pats, 'y.toml'));
    assert.ok(isExcluded(pats, 'out/alpha') && !isExcluded(pats, 'out/core'));
    assert.ok(!isExcluded(pats, 'off/x.yml'));
    assert.ok(isExcluded(pats, 'src/app.js', new Set(['app.js', 'app.ts'])));
    assert.ok(!isExcluded(pats, 'src/tool.js', new Set(['tool.js'])));
    assert.ok(compileGlob('[').test('[') && compileGlob('a{b,c').test('ab'));
  });

  it('reads the common .gitignore forms: anchors, folders only, negation, ** and nested files', () => {
    const root = parseGitignore('# comment\n\n/build\ndist/\n*.log\n!keep.log\ndocs/**/*.tmp\n\\#literal\n');
    const nested = parseGitignore('secret.env\n!*.log\n', 'app');
    const ig = (p: string, dir = false) => isIgnored([root, nested], p, dir);
    assert.ok(ig('build', true) && !ig('src/build', true));
    assert.ok(ig('dist', true) && ig('x/dist', true) && !ig('dist', false));
    assert.ok(ig('a.log') && ig('x/y/a.log') && !ig('keep.log'));
    assert.ok(ig('docs/a/b/c.tmp') && ig('docs/c.tmp') && !ig('other/c.tmp'));
    assert.ok(ig('#literal'));
    assert.ok(ig('app/secret.env') && !ig('secret.env'));
    // The nested file re-includes logs below it.
    assert.ok(!ig('app/x.log') && ig('lib/x.log'));
  });
});

describe('Ports view labels', () => {
  it('shows a port with common practice first where known, then its IANA service, and its count', () => {
    const d = describePort({ port: 9200, services: ['wap-wsp'], description: 'WAP connectionless session service', commonPractice: 'Elasticsearch HTTP API', total: 3, places: [] });
    assert.equal(d.label, '9200');
    // What runs there leads, labelled; IANA's name follows.
    assert.equal(d.description, 'Elasticsearch HTTP API (common practice) · IANA: wap-wsp · 3 places');
    assert.equal(d.tooltip, 'Port 9200\nCommon practice (not IANA): Elasticsearch HTTP API\nIANA: wap-wsp\nWAP connectionless session service\n3 places');
    // Without common practice the row is IANA's answer alone.
    assert.equal(describePort({ port: 5432, services: ['postgresql'], description: 'PostgreSQL Database', total: 1, places: [] }).description, 'postgresql · 1 place');
    assert.equal(describePort({ port: 5174, services: [], description: '', total: 1, places: [] }).description, 'unassigned · 1 place');
  });

  it('marks a port in use on this machine now', () => {
    const d = describePort({ port: 3000, services: ['hbci'], description: 'HBCI', total: 1, places: [], here: 'in use now by node' });
    assert.equal(d.description, 'hbci · 1 place · ● in use now by node');
    assert.match(d.tooltip, /This machine: in use now by node/);
  });

  it('shows a place as file:line with the line itself', () => {
    const d = describePlace({ uri: 'file:///r/a.yml', range: { start: { line: 8, character: 9 }, end: { line: 8, character: 13 } }, role: 'host', format: 'compose', line: '- "5432:5432"', protocol: 'tcp', owner: 'db' }, 'app/a.yml');
    assert.deepEqual(d, { label: 'app/a.yml:9', description: '- "5432:5432"', tooltip: 'app/a.yml:9:10\ncompose · host · tcp · service db\n- "5432:5432"' });
  });
});
