import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { renderPortHover, renderServiceHover } from '../../server/src/service/hover';
import { PortLanguageService } from '../../server/src/service/languageService';
import { lookupCards } from '../../server/src/service/lookup';
import { escapeMarkdown, inlineCode, link } from '../../server/src/service/markdown';
import { emptyRecord } from '../../server/src/service/registry/codec';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import type { Protocol, RegistryData, ServiceRecord } from '../../server/src/service/registry/types';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/src/service/settings';
import { assertSafeMarkdown, assertSafeMarkup } from '../helpers/markdownSafety';
import { testService } from '../helpers/service';

// Hover cards, completion documentation and look-up cards are markdown that VS Code renders. Registry
// text (a downloaded registry is not ours) and file text (a cloned repository is not ours) must not
// become raw HTML, images, or links to `command:` URIs, and nothing may be marked trusted.

const HOSTILE = [
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<a href="command:workbench.action.quit">x</a>', '</div>',
  '[x](command:workbench.action.quit)', '[x](javascript:alert(1))', '![i](https://tracker.example/p.png)', '<https://evil.example>',
  '[ref]: command:workbench.action.quit', '[x][ref]', '&lt;img&gt;', '&#60;img&#62;', '\\<img>', '\\[x\\](command:x)', '`', '``', '```',
  '~~~', '**', '__', '|', '#', '\n# heading\n', '\r\n', '(', ')', '[', ']', '!', '<', '>', '&', '\\', '$(alert)', '{{x}}', 'command:', 'javascript:',
  'data:text/html,<b>x</b>', 'https://evil.example/a)(b', 'http://evil.example/"onmouseover=x', 'x', ' ', '80', 'évil', '😀', '\u0000', '\u202e',
];
const hostileText = fc.array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

describe('property: markdown safety', () => {
  it('escapeMarkdown, inlineCode and link never let hostile text become HTML or a non-http link', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        assertSafeMarkdown(`Text: ${escapeMarkdown(a)}`, 'escapeMarkdown');
        assertSafeMarkdown(`Name ${inlineCode(a)} and ${inlineCode(b)}`, 'inlineCode');
        assertSafeMarkdown(`See ${link(a, b)} and ${link(a, 'https://ok.example/' + b)}`, 'link');
      }),
      { seed: 7301, numRuns: 1000 },
    );
  });

  it('the safety check itself catches raw HTML, images and command links', () => {
    for (const bad of ['<img src=x>', 'a [x](command:foo) b', '![i](https://t.example/p.png)', '[r]: command:x', '<https://a.example>', '[x](javascript:alert(1))']) {
      assert.throws(() => assertSafeMarkdown(bad), bad);
    }
    for (const ok of ['&lt;img&gt;', '\\[x\\](command:foo)', '`<img>`', '[RFC 1](https://www.rfc-editor.org/rfc/rfc1)']) assertSafeMarkdown(ok);
  });

  it('a hostile registry (names, descriptions, notes, people, references, sources) renders safe hovers, completions and look-up cards', () => {
    const recordArb = fc.record({
      name: fc.oneof(fc.constant('zzevil'), hostileText.map((t) => 'zz' + t)),
      port: fc.integer({ min: 4440, max: 4449 }),
      hi: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      protocol: fc.constantFrom<Protocol | ''>('tcp', 'udp', ''),
      description: hostileText,
      assignee: fc.array(hostileText, { maxLength: 2 }),
      contact: fc.array(hostileText, { maxLength: 2 }),
      references: fc.array(fc.oneof(hostileText, fc.constantFrom('RFC6335', 'draft-x)(y', 'https://a.example/x](command:y)', 'http://a.example/<b>')), { maxLength: 3 }),
      notes: hostileText,
      unauthorized: hostileText,
      registered: hostileText,
      serviceCode: hostileText,
    });
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 5 }), hostileText, hostileText, (recs, personName, sourceId) => {
        const records: ServiceRecord[] = recs.map((r) => Object.assign(emptyRecord(), {
          name: r.name, portLo: r.port, portHi: r.port + (r.hi ?? 0), protocol: r.protocol, description: r.description,
          assignee: r.assignee, contact: r.contact, references: r.references, notes: r.notes, unauthorized: r.unauthorized,
          registered: r.registered, serviceCode: r.serviceCode, sources: [0],
        }));
        const data: RegistryData = {
          release: sourceId, generatedBy: sourceId,
          sources: [{ id: sourceId, title: sourceId, release: sourceId }],
          people: records.flatMap((r) => r.assignee).map((id) => ({ id, name: personName, org: personName, uri: personName })),
          records,
        };
        const index = new RegistryIndex(data);
        for (const r of records) {
          assertSafeMarkdown(renderPortHover(index, r.portLo!, { protocol: 'tcp', scheme: 'http' }, DEFAULT_SETTINGS), 'port hover');
          assertSafeMarkdown(renderServiceHover(index, r.name) ?? '', 'service hover');
        }
        for (const card of lookupCards(index, 'zz', 20).concat(lookupCards(index, '4444', 5))) assertSafeMarkdown(card.markdown, 'look-up card');
        // Through the language service, as the server answers: hover and completion documentation.
        const service = new PortLanguageService(() => index, (e) => {
          throw e;
        });
        const settings = resolveSettings({});
        const text = `PORT=${records[0].portLo}\nservices:\n`;
        const env = TextDocument.create('file:///w/.env', 'dotenv', 1, `PORT=${records[0].portLo}\nOTHER_PORT=zz\n`);
        const h = service.doHover(env, { line: 0, character: 6 }, settings);
        assert.ok(h, text);
        assertSafeMarkup(h.contents, 'hover');
        const list = doComplete(service, env, { line: 1, character: 13 }, settings);
        assert.ok(list && list.items.length > 1, 'completion offers the hostile entries');
        for (const item of list.items) assertSafeItem(item);
      }),
      { seed: 7302, numRuns: 150 },
    );
  });

  // File text reaches cards as URL schemes, service names (`targetPort: x`, /etc/services) and compose
  // service names and keys near ports; hover every offset of such files.
  const FILES: { uri: string; languageId: string; make: (h: string) => string; reaches?: RegExp }[] = [
    { uri: 'file:///w/docker-compose.yml', languageId: 'dockercompose', make: (h) => `services:\n  ${h}:\n    ports:\n      - "${h}:8080:80"\n      - "3306:3306" # ${h}\n    labels: {${h}: 80}\n` },
    { uri: 'file:///w/k8s/svc.yaml', languageId: 'yaml', make: (h) => `kind: Service\nspec:\n  ports:\n    - name: ${h}\n      port: 80\n      targetPort: ${h}\n    - ${h}: 8080\n      appProtocol: ${h}\n` },
    { uri: 'file:///etc/services', languageId: 'plaintext', make: (h) => `${h} 4444/tcp # ${h}\nhttp 80/tcp ${h}\n${h.replace(/\s/g, '')} 8080/udp\n`, reaches: /^\*\*Service `/ },
    { uri: 'file:///w/.env', languageId: 'dotenv', make: (h) => `URL=${h}://localhost:8080/${h}\n${h}_PORT=5432\nAPI=http://${h}:9000\n`, reaches: /^\*\*Port 8080\*\* · \S+ URL/ },
    { uri: 'file:///w/app.ts', languageId: 'typescript', make: (h) => `const u = "${h}://db:5432"; // ${h}\napp.listen(${h} || 3000);\nconst ${h}Port = 8080;\n` },
    { uri: 'file:///w/settings.json', languageId: 'json', make: (h) => `{"${h}": 8080, "port": "${h}", "url": "${h}://h:443"}\n` },
  ];

  for (const f of FILES) {
    it(`hostile file text in ${f.uri.slice(f.uri.lastIndexOf('/') + 1)}: every hover and completion is safe`, () => {
      const service = testService();
      let version = 0;
      let hovers = 0;
      let reached = 0;
      fc.assert(
        fc.property(hostileText, (h) => {
          const text = f.make(h);
          const doc = TextDocument.create(f.uri, f.languageId, ++version, text);
          const settings = resolveSettings({});
          for (let off = 0; off <= text.length; off++) {
            const pos = doc.positionAt(off);
            const hover = service.doHover(doc, pos, settings);
            if (hover) {
              hovers++;
              assertSafeMarkup(hover.contents, `hover in ${JSON.stringify(text)}`);
              if (f.reaches?.test((hover.contents as { value: string }).value)) reached++;
            }
            for (const item of doComplete(service, doc, pos, settings)?.items ?? []) assertSafeItem(item);
          }
          for (const d of service.doValidation(doc, settings)) assert.equal(typeof d.message, 'string');
        }),
        { seed: 7303, numRuns: 40 },
      );
      assert.ok(hovers > 0, 'some hovers were shown');
      // Where file text is shown in the card (a service name, a URL scheme), it really was.
      if (f.reaches) assert.ok(reached > 0, `file text reached the card (${f.reaches})`);
    });
  }

  it('no source of the server or the client marks markdown trusted or allows HTML', () => {
    const root = path.resolve(__dirname, '../..');
    const files = ['server/src', 'client/src'].flatMap((d) => fs.readdirSync(path.join(root, d), { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, d, f)));
    assert.ok(files.length > 20);
    for (const file of files) assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /isTrusted|supportHtml|supportThemeIcons/, file);
  });
});

/** A completion item: safe documentation, plain-text label and detail, and no command that would run on accept. */
function assertSafeItem(item: CompletionItem): void {
  assert.equal(item.command, undefined, 'a completion item runs no command');
  assert.equal(item.additionalTextEdits, undefined);
  assertSafeMarkup(item.documentation, `completion ${item.label}`);
  assert.equal(typeof item.label, 'string');
}
