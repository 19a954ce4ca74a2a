import assert from 'node:assert/strict';
import { findPorts } from '../../server/src/service/scan';
import { resolveSettings } from '../../server/src/service/settings';
import { duplicateHostPortAcrossFiles, workspaceDiagnostics } from '../../server/src/service/workspaceRules';
import { doc, settings, testService } from '../helpers/service';
import { indexedFiles as files } from '../helpers/indexedFiles';

// Compose profiles: services only in disjoint profiles are started by different commands
// (`docker compose --profile dev up` or `--profile prod up`), so the same host port in both is no clash;
// services that share a profile, or one without profiles (it always runs), do clash.

const service = testService();
const C = 'file:///p/compose.yaml';

/** Lines of the duplicateHostPort findings of one compose file. */
function clashLines(text: string): number[] {
  return service.doValidation(doc(text, C, 'dockercompose'), settings())
    .filter((d) => d.code === 'duplicateHostPort')
    .map((d) => d.range.start.line + 1);
}

/** The lines of the two services' port entries in a text made by twoServices. */
function entryLines(text: string): number[] {
  const lines = text.split('\n');
  return [lines.findIndex((l) => l.includes('"8080:80"')) + 1, lines.findIndex((l) => l.includes('target: 80')) + 1];
}

/** Two services publishing host port 8080, with the profiles lines given (or none). */
function twoServices(a: string, b: string): string {
  return `services:\n  web-dev:\n    image: example/web\n${a}    ports:\n      - "8080:80"\n  web-prod:\n    image: example/web\n${b}    ports:\n      - target: 80\n        published: 8080\n`;
}

describe('Compose profiles and duplicate host ports in one file', () => {
  it('reads a service\'s profiles, in a flow or a block list, before or after its ports', () => {
    const text = 'services:\n  a:\n    ports:\n      - "8080:80"\n    profiles: [dev, "test"]\n  b:\n    profiles:\n      - prod\n    ports:\n      - "9090:80"\n  c:\n    ports: ["7070:80"]\n';
    const profiles = findPorts('compose', text).filter((o) => o.role === 'host').map((o) => [o.port, o.mapping?.profiles]);
    assert.deepEqual(profiles, [[8080, ['dev', 'test']], [9090, ['prod']], [7070, undefined]]);
  });

  it('is silent on services in disjoint profiles', () => {
    assert.deepEqual(clashLines(twoServices('    profiles: [dev]\n', '    profiles:\n      - prod\n')), []);
    assert.deepEqual(clashLines(twoServices('    profiles: [dev, debug]\n', '    profiles: [prod, staging]\n')), []);
  });

  it('reports services that share a profile', () => {
    const text = twoServices('    profiles: [dev, test]\n', '    profiles: [test]\n');
    assert.deepEqual(clashLines(text), entryLines(text));
  });

  it('reports a service without profiles against any other: it always runs', () => {
    // An empty list names no profile: the service always runs.
    for (const [a, b] of [['', '    profiles: [prod]\n'], ['    profiles: [dev]\n', ''], ['', ''], ['    profiles: []\n', '    profiles: [prod]\n']]) {
      const text = twoServices(a, b);
      assert.deepEqual(clashLines(text), entryLines(text), text);
    }
  });

  it('counts only the services each one runs with', () => {
    // db runs always and clashes with both; dev and prod never run together.
    const text = 'services:\n  db:\n    ports: ["8080:80"]\n  dev:\n    profiles: [dev]\n    ports: ["8080:80"]\n  prod:\n    profiles: [prod]\n    ports: ["8080:80"]\n';
    const ds = service.doValidation(doc(text, C, 'dockercompose'), settings()).filter((d) => d.code === 'duplicateHostPort');
    assert.deepEqual(ds.map((d) => [d.range.start.line + 1, d.relatedInformation?.length]), [[3, 2], [6, 1], [9, 1]]);
    assert.match(String(ds[1].message), /published twice in this file/);
    assert.match(String(ds[0].message), /published 3 times in this file/);
  });

  it('stays bounded on thousands of profiled services on one port (speed is the bench\'s; this checks the answers)', () => {
    const many = (profile: (k: number) => string) => `services:\n${Array.from({ length: 5000 }, (_, k) => `  s${k}:\n    profiles: [${profile(k)}]\n    ports: ["8080:80"]\n`).join('')}`;
    assert.deepEqual(clashLines(many((k) => `p${k}`)), []);
    // All in one profile: every one clashes; the per-file cap of findings holds.
    assert.equal(clashLines(many(() => 'p')).length, 1000);
  });

  it('looks only at services.<name>.profiles: the same word elsewhere names no profile', () => {
    const text = 'x-profiles: &p\n  profiles: [dev]\nservices:\n  a:\n    labels:\n      profiles: dev\n    ports: ["8080:80"]\n  b:\n    profiles: [prod]\n    ports: ["8080:80"]\n';
    assert.deepEqual(clashLines(text), [7, 10]);
  });
});

/** Cross-file findings as `file:line`, as the Problems panel shows them. */
function shown(m: Record<string, string>): string[] {
  const s = resolveSettings({});
  const out: string[] = [];
  for (const [uri, list] of duplicateHostPortAcrossFiles(files(m))) {
    for (const d of workspaceDiagnostics(list, s)) out.push(`${uri.slice('file:///repo/'.length)}:${d.range.start.line + 1}`);
  }
  return out.sort();
}

describe('Compose profiles and duplicate host ports across the files of one project', () => {
  const base = 'services:\n  web:\n    image: example/web\n    profiles: [prod]\n    ports:\n      - "8080:80"\n';
  const override = (profiles: string) => `services:\n  web-debug:\n    image: example/web\n${profiles}    ports:\n      - "8080:80"\n`;

  it('is silent when the override file\'s service is in another profile', () => {
    assert.deepEqual(shown({ 'app/compose.yaml': base, 'app/compose.override.yaml': override('    profiles: [debug]\n') }), []);
  });

  it('reports a shared profile, and a service without profiles', () => {
    assert.deepEqual(shown({ 'app/compose.yaml': base, 'app/compose.override.yaml': override('    profiles: [debug, prod]\n') }), ['app/compose.override.yaml:6', 'app/compose.yaml:6']);
    assert.deepEqual(shown({ 'app/compose.yaml': base, 'app/compose.override.yaml': override('') }), ['app/compose.override.yaml:5', 'app/compose.yaml:6']);
  });

  it('follows an include: the included file\'s profiles count', () => {
    const main = 'include:\n  - tools.yaml\nservices:\n  web:\n    image: example/web\n    ports:\n      - "3000:3000"\n';
    const tools = (p: string) => `services:\n  grafana:\n    image: grafana/grafana\n${p}    ports:\n      - "3000:3000"\n`;
    // web has no profiles: it runs whenever grafana does.
    assert.deepEqual(shown({ 'shop/compose.yaml': main, 'shop/tools.yaml': tools('    profiles: [monitoring]\n') }), ['shop/compose.yaml:7', 'shop/tools.yaml:6']);
    const profiledMain = main.replace('    image: example/web\n', '    image: example/web\n    profiles: [app]\n');
    assert.deepEqual(shown({ 'shop/compose.yaml': profiledMain, 'shop/tools.yaml': tools('    profiles: [monitoring]\n') }), []);
  });
});
