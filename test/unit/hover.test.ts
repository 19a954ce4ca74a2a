import assert from 'node:assert/strict';
import { renderPortHover, renderServiceHover } from '../../server/src/service/hover';
import { PortLanguageService } from '../../server/src/service/languageService';
import { emptyRecord } from '../../server/src/service/registry/codec';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { withCursor } from '../helpers/cursor';
import { bundledIndex, settings, testService } from '../helpers/service';

const service = testService();

function hoverAt(src: string, languageId: string, uri: string, raw: unknown = {}): string {
  const { doc, pos } = withCursor(src, languageId, uri);
  const h = service.doHover(doc, pos, settings(raw));
  if (!h) return '';
  return (h.contents as { value: string }).value;
}

describe('hover card', () => {
  it('3301 in a compose file: tarantool, its people, date and the unauthorized-use report', () => {
    const md = hoverAt('services:\n  t:\n    ports:\n      - "|3301:3301"\n', 'dockercompose', 'file:///p/docker-compose.yml');
    assert.match(md, /\*\*Port 3301\*\*/);
    assert.match(md, /User port \(1024-49151\)/);
    assert.match(md, /\*\*tarantool\*\* \(tcp, udp\)/);
    assert.match(md, /Assignee: Tarantool · Contact: Alexander Turenko · Registered 2022-06-10/);
    assert.match(md, /⚠️ \*\*Unauthorized use reported:\*\* Known Unauthorized Use on port 3301/);
    assert.match(md, /\(https:\/\/www\.iana\.org\/assignments\/service-names-port-numbers\/service-names-port-numbers\.xhtml\?search=3301\)/);
  });

  it('49153: unassigned, in the dynamic range and the ephemeral ranges', () => {
    const md = hoverAt('services:\n  t:\n    ports:\n      - "|49153:80"\n', 'dockercompose', 'file:///p/docker-compose.yml');
    assert.match(md, /\*\*Unassigned\*\*/);
    assert.match(md, /Dynamic\/Private range/);
    assert.match(md, /Linux ephemeral range \(32768–60999\)/);
  });

  it('0 in a listen call: the operating system picks a free port', () => {
    const md = hoverAt('server.listen(|0, "127.0.0.1");\n', 'javascript', 'file:///p/server.js');
    assert.match(md, /any free port when a program binds/);
  });

  it('6667 in an http URL: blocked by browsers', () => {
    const md = hoverAt('SITE_URL=http://localhost:|6667/docs\n', 'dotenv', 'file:///p/.env');
    assert.match(md, /http URL/);
    assert.match(md, /Blocked by browsers/);
    assert.match(md, /ircu/);
  });

  it('3000: both IANA names and common practice, labelled; common practice can be turned off', () => {
    const src = 'const server = app.listen(|3000);\n';
    const md = hoverAt(src, 'javascript', 'file:///p/server.js');
    assert.match(md, /hbci/);
    assert.match(md, /remoteware-cl/);
    assert.match(md, /\*\*Common practice\*\* \(not IANA\): Node\.js/);
    assert.doesNotMatch(hoverAt(src, 'javascript', 'file:///p/server.js', { commonPractice: { enable: false } }), /Common practice/);
    assert.equal(hoverAt(src, 'javascript', 'file:///p/server.js', { hover: { enable: false } }), '');
  });

  it('80/tcp: every service on the port, the protocol from the context first', () => {
    const md = hoverAt('FROM nginx\nEXPOSE |80/tcp\n', 'dockerfile', 'file:///p/Dockerfile');
    assert.match(md, /\*\*Port 80\*\* · tcp/);
    for (const n of ['http', 'www', 'www-http']) assert.match(md, new RegExp(`\\*\\*${n.replace('-', '\\\\?-')}\\*\\*`));
    assert.match(md, /Below 1024/);
  });

  it('a port inside a range: x11 6000-6063 on 6001, with the range shown', () => {
    const md = renderPortHover(bundledIndex(), 6001, {}, DEFAULT_SETTINGS);
    assert.match(md, /\*\*x11\*\* \(6000–6063/);
  });

  it('a service name standing for a port shows that service\'s ports', () => {
    const md = renderServiceHover(bundledIndex(), 'postgresql')!;
    assert.match(md, /5432/);
    assert.match(md, /PostgreSQL Database/);
  });

  it('no hover on numbers that are not ports', () => {
    for (const [src, lang, uri] of [
      ['services:\n  db:\n    image: postgres:|16\n', 'dockercompose', 'file:///p/compose.yaml'],
      ['spec:\n  replicas: |3\n', 'yaml', 'file:///p/deploy.yaml'],
      ['[Service]\nLimitNOFILE=|65536\n', 'plaintext', 'file:///p/app.service'],
      ['const t = setTimeout(f, |3000);\n', 'typescript', 'file:///p/a.ts'],
    ] as const) {
      assert.equal(hoverAt(src, lang, uri), '', src);
    }
  });

  it('escapes registry text: no raw HTML, no command or javascript links, no markdown injection', () => {
    const hostile = emptyRecord();
    Object.assign(hostile, {
      name: 'evil<b>',
      portLo: 4444, portHi: 4444, protocol: 'tcp',
      description: '<img src=x onerror=alert(1)> [click](command:workbench.action.quit) **bold** `code`',
      assignee: ['[x](javascript:alert(1))'],
      references: ['command:workbench.action.quit', 'javascript:alert(1)', 'https://ok.example/a)(b'],
      notes: '<script>alert(1)</script>\n# heading',
      unauthorized: '![img](http://tracker.example/p.png)',
      sources: [0],
    });
    const idx = new RegistryIndex({ release: 'test', generatedBy: 'test', sources: [{ id: 'test', title: 't', release: 'test' }], people: [], records: [hostile] });
    const md = renderPortHover(idx, 4444, {}, DEFAULT_SETTINGS);
    assert.doesNotMatch(md, /<(img|script|b)\b/i);
    // An escaped bracket (\\]) is literal text; only an unescaped one could close a link.
    assert.doesNotMatch(md, /(?<!\\)\]\((command|javascript):/i);
    assert.doesNotMatch(md, /!\[img\]/);
    assert.doesNotMatch(md, /\]\(https:\/\/ok\.example\/a\)\(b/);
    assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt;/);
    // The language service sends markdown without any trust flag: clients render it untrusted.
    const svc = new PortLanguageService(() => idx);
    const { doc, pos } = withCursor('PORT=|4444\n', 'dotenv', 'file:///p/.env');
    const h = svc.doHover(doc, pos, DEFAULT_SETTINGS)!;
    assert.deepEqual(Object.keys(h.contents).sort(), ['kind', 'value']);
  });
});
