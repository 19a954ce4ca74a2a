import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { doCodeActions } from '../../server/src/service/codeActions';
import { applyEdits, bundledIndex, doc, settings, testService } from '../helpers/service';

const service = testService();

function actionsFor(text: string, uri: string, languageId: string, rule: string) {
  const d = doc(text, uri, languageId);
  const s = settings();
  const diags = service.doValidation(d, s).filter((x) => x.code === rule);
  assert.ok(diags.length > 0, `no ${rule} diagnostic`);
  const actions = doCodeActions(service, d, diags[0].range, { diagnostics: [diags[0]] }, s);
  return { d, actions };
}

function apply(d: ReturnType<typeof doc>, a: CodeAction | undefined): string {
  assert.ok(a?.edit?.changes, 'action with an edit');
  return applyEdits(d, a.edit.changes[d.uri] as TextEdit[]);
}

const C = 'file:///p/docker-compose.yml';

describe('quick fixes', () => {
  it('replaces a port in the dynamic range with a free one', () => {
    const text = 'services:\n  m:\n    ports:\n      - "61000:8025"\n';
    const { d, actions } = actionsFor(text, C, 'dockercompose', 'dynamicRange');
    const a = actions.find((x) => /free port/.test(x.title));
    const out = apply(d, a);
    const m = /- "(\d+):8025"/.exec(out);
    assert.ok(m, out);
    const p = Number(m[1]);
    assert.ok(p >= 1024 && p < 32768 && !bundledIndex().isAssigned(p));
    assert.equal(a!.isPreferred, true);
  });

  it('never offers a port inside a range the file already publishes', () => {
    const text = 'services:\n  a:\n    ports:\n      - "7900-8100:7900-8100"\n  m:\n    ports:\n      - "61000:8025"\n';
    const { d, actions } = actionsFor(text, C, 'dockercompose', 'dynamicRange');
    const m = /- "(\d+):8025"/.exec(apply(d, actions.find((x) => /free port/.test(x.title))));
    assert.ok(m);
    const p = Number(m[1]);
    assert.ok(p < 7900 || p > 8100, `${p} is published by 7900-8100`);
  });

  it('replaces the host port of a duplicate, not the container port', () => {
    const text = 'services:\n  a:\n    ports:\n      - "8080:80"\n  b:\n    ports:\n      - "8080:81"\n';
    const { d, actions } = actionsFor(text, C, 'dockercompose', 'duplicateHostPort');
    const out = apply(d, actions.find((x) => /free port/.test(x.title)));
    assert.match(out, /- "\d+:80"\n/);
    assert.doesNotMatch(out.split('\n')[3], /8080/);
    assert.match(out.split('\n')[3], /:80"$/);
  });

  it('quotes an unquoted compose mapping', () => {
    const text = 'services:\n  s:\n    ports:\n      - 22:22\n';
    const { d, actions } = actionsFor(text, C, 'dockercompose', 'yamlBase60');
    assert.equal(apply(d, actions.find((x) => /Quote/.test(x.title))), 'services:\n  s:\n    ports:\n      - "22:22"\n');
  });

  it('renames an invalid Kubernetes port name', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      ports:\n        - name: Http-Web\n          containerPort: 8080\n';
    const { d, actions } = actionsFor(text, 'file:///p/pod.yaml', 'yaml', 'portName');
    assert.match(apply(d, actions.find((x) => /Rename/.test(x.title))), /- name: http-web\n/);
  });

  it('ignores the rule on this line with a comment in the file\'s own syntax, which then silences it', () => {
    const text = 'services:\n  m:\n    ports:\n      - "61000:8025"\n';
    const { d, actions } = actionsFor(text, C, 'dockercompose', 'dynamicRange');
    const out = apply(d, actions.find((x) => x.title === 'Ignore dynamicRange on this line'));
    assert.equal(out, 'services:\n  m:\n    ports:\n      # iana-ports-ignore-next-line dynamicRange\n      - "61000:8025"\n');
    assert.equal(service.doValidation(doc(out, C, 'dockercompose'), settings()).filter((x) => x.code === 'dynamicRange').length, 0);
    const js = actionsFor('const s = "http://localhost:6667/";\n', 'file:///p/a.js', 'javascript', 'browserUnsafe');
    assert.match(apply(js.d, js.actions.find((x) => /^Ignore/.test(x.title))), /^\/\/ iana-ports-ignore-next-line browserUnsafe\n/);
  });

  it('offers adding the port to ianaPorts.ignorePorts through the client command', () => {
    const { actions } = actionsFor('services:\n  m:\n    ports:\n      - "61000:8025"\n', C, 'dockercompose', 'dynamicRange');
    const a = actions.find((x) => /ignorePorts/.test(x.title));
    assert.equal(a?.command?.command, 'ianaPorts.addIgnoredPort');
    assert.deepEqual(a?.command?.arguments, [61000, C]);
  });
});
