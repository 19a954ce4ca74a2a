import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveSettings } from '../../server/src/service/settings';
import { withCursor } from '../helpers/cursor';
import { corpusFiles, lineChar } from '../helpers/robustness';
import { testService } from '../helpers/service';

// Malformed YAML and JSON: whatever can still be read gets its hovers and diagnostics. A broken line
// must not take the ports of the rest of the file with it.

const service = testService();
const defaults = resolveSettings({});

function hoverValue(src: string, languageId: string, uri: string): string {
  const { doc, pos } = withCursor(src, languageId, uri);
  const h = service.doHover(doc, pos, defaults);
  return h ? (h.contents as { value: string }).value : '';
}

function codesOn(text: string, languageId: string, uri: string, line: number): string[] {
  const doc = TextDocument.create(uri, languageId, 1, text);
  return service.doValidation(doc, defaults).filter((d) => d.range.start.line === line).map((d) => String(d.code));
}

describe('malformed YAML and JSON', () => {
  const COMPOSE = 'file:///w/docker-compose.yml';
  const broken: [string, string][] = [
    ['an unclosed quote before the service', 'services:\n  bad:\n    image: "nginx\n  web:\n    ports:\n      - "|49153:80"\n'],
    ['an unclosed flow sequence before the service', 'services:\n  bad:\n    command: [sh, -c, "x"\n  web:\n    ports:\n      - "|49153:80"\n'],
    ['a tab where indentation belongs', 'services:\n\tbad: 1\n  web:\n    ports:\n      - "|49153:80"\n'],
    ['a key without a value and a stray colon', 'services:\n  :\n  bad\n  web:\n    ports:\n      - "|49153:80"\n'],
    ['a duplicate key and a bad anchor', 'services:\n  web:\n    x: &\n    x: *nothing\n    ports:\n      - "|49153:80"\n'],
    ['garbage after the port list', 'services:\n  web:\n    ports:\n      - "|49153:80"\n  }}}]]] :::\n\t- - -\n'],
    ['a missing document end and a half directive', '%YAML\nservices:\n  web:\n    ports:\n      - "|49153:80"\n---\n- {\n'],
  ];
  for (const [what, src] of broken) {
    it(`compose with ${what}: the port is hovered and its dynamic-range warning reported`, () => {
      assert.match(hoverValue(src, 'dockercompose', COMPOSE), /\*\*Port 49153\*\*.*Dynamic\/Private range|Dynamic\/Private range/s);
      const { doc, pos } = withCursor(src, 'dockercompose', COMPOSE);
      assert.ok(codesOn(doc.getText(), 'dockercompose', COMPOSE, pos.line).includes('dynamicRange'), what);
    });
  }

  it('Kubernetes YAML with an unclosed quote and an unclosed flow collection still gives the containerPort and the port name rule', () => {
    const src = 'spec:\n  containers:\n    - name: web\n      image: "nginx\n      args: [--a, {b: \n      ports:\n        - name: Web_HTTP\n          containerPort: |8080\n';
    const uri = 'file:///w/k8s/deploy.yaml';
    assert.match(hoverValue(src, 'yaml', uri), /\*\*Port 8080\*\*/);
    const { doc } = withCursor(src, 'yaml', uri);
    assert.ok(codesOn(doc.getText(), 'yaml', uri, 6).includes('portName'));
  });

  const SETTINGS = 'file:///w/.vscode/settings.json';
  const jsonBroken: [string, string][] = [
    ['a missing closing brace', '{\n  "name": "app",\n  "port": |49153\n'],
    ['trailing commas and comments', '{\n  // dev server\n  "port": |49153,\n  "x": [1, 2,],\n}\n'],
    ['a missing comma', '{\n  "name": "app"\n  "port": |49153\n}\n'],
    ['an unclosed string before the port', '{\n  "name": "app,\n  "port": |49153\n}\n'],
    ['unquoted keys and single quotes', "{\n  name: 'app',\n  \"port\": |49153\n}\n"],
    ['garbage after the document', '{"port": |49153}\n}}} ]]] "x\n'],
  ];
  for (const [what, src] of jsonBroken) {
    it(`JSON with ${what}: the port is hovered and its dynamic-range warning reported`, () => {
      assert.match(hoverValue(src, 'jsonc', SETTINGS), /\*\*Port 49153\*\*/);
      const { doc, pos } = withCursor(src, 'jsonc', SETTINGS);
      assert.ok(codesOn(doc.getText(), 'jsonc', SETTINGS, pos.line).includes('dynamicRange'), what);
    });
  }

  // Damage after a line does not change what was found before it: the scanners read forward.
  const files = corpusFiles().filter((f) => /\.(ya?ml|json)$/.test(f.name));
  it(`${files.length} YAML and JSON corpus files cut at any line and followed by garbage keep the ports above the cut`, () => {
    assert.ok(files.length >= 10);
    const garbage = fc.constantFrom('"unclosed', '[1, 2', '{a: ', '\t- x\n  : :\n', '}}}]]]', "'", '- - - {', '&a *b !!c', '\u0000\ud800', '{"x": ');
    let version = 0;
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.nat(), garbage, (i, at, junk) => {
        const f = files[i];
        const lines = f.text.split('\n');
        const cut = at % lines.length;
        const head = lines.slice(0, cut).join('\n') + (cut ? '\n' : '');
        const text = head + junk + '\n' + lines.slice(cut).join('\n');
        const before = service.scan(TextDocument.create(f.uri, f.languageId, ++version, f.text), defaults).occurrences.filter((o) => o.end <= head.length && o.kind === 'port');
        const doc = TextDocument.create(f.uri, f.languageId, ++version, text);
        const after = service.scan(doc, defaults).occurrences;
        for (const o of before) {
          assert.ok(after.some((a) => a.start === o.start && a.port === o.port), `${f.name}: port ${o.port} at ${JSON.stringify(lineChar(f.text, o.start))} lost after ${JSON.stringify(junk)} at line ${cut + 1}`);
          assert.ok(service.doHover(doc, lineChar(text, o.start), defaults), `${f.name}: no hover on ${o.port}`);
        }
      }),
      { seed: 7401, numRuns: 300 },
    );
  });
});
