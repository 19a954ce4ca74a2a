import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { findPorts } from '../../server/src/service/scan';
import { FORMAT_IDS, type FormatId } from '../../server/src/service/scan/detect';
import { resolveSettings } from '../../server/src/service/settings';
import { PIECES } from '../helpers/arbitraries';
import { corpusFiles, lineChar } from '../helpers/robustness';
import { testService } from '../helpers/service';

// Positions are UTF-16 code units, as LSP's default position encoding says: text with emoji, CJK and
// combining marks before a port moves the port by exactly those code units. And a CRLF copy of a file
// has the same ports at the same lines and characters as the LF copy. Line and character are computed
// here independently of the document library.

const service = testService();
const defaults = resolveSettings({});

/** Wide or tricky characters that no finder gives a meaning to: astral emoji, ZWJ sequences, flags, CJK, combining marks. */
const WIDE = ['😀', '👩‍💻', '🇩🇪', '数据库', '端口', 'ポート', 'e\u0301', 'a\u0308\u0323', 'Ω', 'ß', '𝄞', '🙂🙂', 'ñ', '中'];
const wideArb = fc.array(fc.constantFrom(...WIDE), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

/** Templates: `{P}` is replaced by the wide text, `|` marks the first digit of the port that must be found. */
const TEMPLATES: { name: string; uri: string; languageId: string; src: string }[] = [
  { name: 'TypeScript string then listen()', uri: 'file:///w/server.ts', languageId: 'typescript', src: '// {P}\nconst banner = "{P}"; app.listen(|3000);\n' },
  { name: 'TypeScript URL after text', uri: 'file:///w/db.ts', languageId: 'typescript', src: 'const url = "{P} localhost:|5432";\n' },
  { name: 'Python keyword argument', uri: 'file:///w/app.py', languageId: 'python', src: '# {P}\nprint("{P}"); app.run(host="0.0.0.0", port=|5000)\n' },
  { name: 'Go address string', uri: 'file:///w/main.go', languageId: 'go', src: 'log.Println("{P}"); http.ListenAndServe(":|8080", nil)\n' },
  { name: 'JSON key after a value', uri: 'file:///w/settings.json', languageId: 'json', src: '{"name": "{P}", "port": |8080}\n' },
  { name: 'shell command after echo', uri: 'file:///w/run.sh', languageId: 'shellscript', src: '#!/bin/sh\necho "{P}" && nc -l |9000\n' },
  { name: 'dotenv URL with a user name', uri: 'file:///w/.env', languageId: 'dotenv', src: '# {P}\nDATABASE_URL=postgres://{P}:pw@localhost:|5432/db\n' },
  { name: 'compose flow mapping', uri: 'file:///w/docker-compose.yml', languageId: 'dockercompose', src: 'services:\n  web:\n    labels: {note: "{P}"}\n    ports: ["{P}", "|8080:80"]\n' },
  { name: 'Kubernetes flow port', uri: 'file:///w/k8s/pod.yaml', languageId: 'yaml', src: 'spec:\n  containers:\n    - name: web\n      ports: [{name: "{P}", containerPort: |8080}]\n' },
  { name: 'YAML comment then URL', uri: 'file:///w/app.yaml', languageId: 'yaml', src: 'url: "{P} http://localhost:|8080/"\n' },
  { name: 'Dockerfile ENV', uri: 'file:///w/Dockerfile', languageId: 'dockerfile', src: 'FROM node\nENV GREETING="{P}" PORT=|8080\n' },
  { name: 'TOML inline table', uri: 'file:///w/config.toml', languageId: 'toml', src: 'server = { name = "{P}", port = |8080 }\n' },
  { name: 'nginx directives on one line', uri: 'file:///w/nginx.conf', languageId: 'plaintext', src: 'server {\n  set $greeting "{P}"; listen |8080;\n}\n' },
  { name: 'properties URL', uri: 'file:///w/app.properties', languageId: 'properties', src: 'app.title={P}\nservice.url=http://{P}@localhost:|8081/\n' },
  { name: 'Terraform object', uri: 'file:///w/main.tf', languageId: 'terraform', src: 'locals {\n  svc = { note = "{P}", port = |8080 }\n}\n' },
];

function expand(src: string, p: string): { text: string; at: number } {
  const withP = src.split('{P}').join(p);
  const at = withP.indexOf('|');
  return { text: withP.slice(0, at) + withP.slice(at + 1), at };
}

describe('property: UTF-16 positions', () => {
  for (const t of TEMPLATES) {
    it(`${t.name}: the port moves by the code units of wide text before it, and hover/completion ranges agree`, () => {
      // Without wide text the template must work at all, or the property would test nothing.
      const plain = expand(t.src, 'x');
      const plainDoc = TextDocument.create(t.uri, t.languageId, 1, plain.text);
      assert.ok(service.scan(plainDoc, defaults).occurrences.some((o) => o.start === plain.at), `${t.name}: port not found without wide text`);
      let version = 1;
      fc.assert(
        fc.property(wideArb, (p) => {
          const { text, at } = expand(t.src, p);
          const doc = TextDocument.create(t.uri, t.languageId, ++version, text);
          const occ = service.scan(doc, defaults).occurrences.find((o) => o.start === at);
          assert.ok(occ, `port expected at UTF-16 offset ${at} in ${JSON.stringify(text)}`);
          const digits = /^\d+/.exec(text.slice(at))![0];
          assert.equal(occ.end, at + digits.length);
          const pos: Position = lineChar(text, at);
          const h = service.doHover(doc, pos, defaults);
          assert.ok(h?.range, `hover at ${JSON.stringify(pos)}`);
          assert.deepEqual(h.range.start, pos);
          assert.deepEqual(h.range.end, lineChar(text, at + digits.length));
          assert.match((h.contents as { value: string }).value, new RegExp(`\\*\\*Port ${Number(digits)}\\*\\*`));
          // Completion in the middle of the number replaces from the number's first digit.
          const mid = lineChar(text, at + 1);
          const list = doComplete(service, doc, mid, defaults);
          for (const item of list?.items ?? []) {
            const edit = item.textEdit as { range: { start: Position; end: Position } };
            assert.deepEqual(edit.range.start, pos);
            assert.deepEqual(edit.range.end, mid);
          }
        }),
        { seed: 7201, numRuns: 60 },
      );
    });
  }
});

interface Spot {
  line: number;
  character: number;
  end: Position;
  kind: string;
  port: number;
  name?: string;
  protocol?: string;
  role: string;
}

function spots(text: string, format: FormatId): Spot[] {
  return findPorts(format, text, (e) => {
    throw e;
  }).map((o) => ({ ...lineChar(text, o.start), end: lineChar(text, o.end), kind: o.kind, port: o.port, name: o.name, protocol: o.protocol, role: o.role }));
}

describe('property: CRLF line ends', () => {
  const corpus = corpusFiles();
  it(`each of the ${corpus.length} corpus files has the same ports, lines and characters with CRLF as with LF`, () => {
    for (const f of corpus) {
      const lf = f.text.replace(/\r\n/g, '\n');
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = TextDocument.create(f.uri, f.languageId, 1, lf);
      const b = TextDocument.create(f.uri + '?crlf', f.languageId, 1, crlf);
      const sa = service.scan(a, defaults);
      const sb = service.scan(b, defaults);
      assert.equal(sb.format, sa.format, f.name);
      if (!sa.format) continue;
      assert.deepEqual(spots(crlf, sa.format), spots(lf, sa.format), f.name);
      const da = service.doValidation(a, defaults).map((d) => ({ range: d.range, code: d.code, severity: d.severity }));
      const db = service.doValidation(b, defaults).map((d) => ({ range: d.range, code: d.code, severity: d.severity }));
      assert.deepEqual(db, da, `${f.name}: diagnostics`);
      for (const o of sa.occurrences) {
        const pos = lineChar(lf, o.start);
        const ha = service.doHover(a, pos, defaults);
        const hb = service.doHover(b, pos, defaults);
        assert.deepEqual(hb, ha, `${f.name}: hover at ${JSON.stringify(pos)}`);
      }
    }
  });

  it('random texts in every format: the CRLF copy has the same ports at the same lines and characters', () => {
    const noCr = PIECES.filter((p) => !p.includes('\r'));
    fc.assert(
      fc.property(fc.constantFrom(...FORMAT_IDS), fc.array(fc.constantFrom(...noCr), { maxLength: 60 }), (format, parts) => {
        const lf = parts.join('');
        const crlf = lf.replace(/\n/g, '\r\n');
        assert.deepEqual(spots(crlf, format), spots(lf, format), JSON.stringify(lf));
      }),
      { seed: 7202, numRuns: 1500 },
    );
  });
});
