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
    assert.match(md, /any free port when the program binds/);
    assert.doesNotMatch(md, /not a valid destination/);
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
    assert.match(md, /\*\*Common practice\*\* \(not IANA\): Node\.js\/React dev servers, Grafana/);
    // What runs there leads; IANA's names follow, and the programs' own documentation is linked.
    assert.ok(md.indexOf('Common practice') < md.indexOf('hbci'), md);
    assert.match(md, /Documented by \[Express\]\(https:\/\/expressjs\.com\//);
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

const CARD = (src: string, lang: string, uri: string): string => hoverAt(src, lang, uri);
const COMPOSE_URI = 'file:///p/docker-compose.yml';

describe('hover facts follow the role of the port', () => {
  it('"needs privileges" only where something binds, worded for a listener, a host port and a container port', () => {
    assert.match(CARD('FROM nginx\nEXPOSE |80\n', 'dockerfile', 'file:///p/Dockerfile'), /Below 1024: binding it needs root or CAP_NET_BIND_SERVICE/);
    assert.match(CARD('services:\n  w:\n    ports:\n      - "|80:8080"\n', 'dockercompose', COMPOSE_URI), /Below 1024 on the host: Docker publishes it as root; rootless Docker and Podman/);
    const container = CARD('services:\n  w:\n    ports:\n      - "8080:|80"\n', 'dockercompose', COMPOSE_URI);
    assert.match(container, /a container may bind it without privileges/);
    assert.doesNotMatch(container, /needs root/);
    // Look-alikes: the same number as a client's destination says nothing about privileges.
    for (const [src, lang, uri] of [
      ['API_URL=http://example.com:|80/x\n', 'dotenv', 'file:///p/.env'],
      ['const db = "postgres://db.internal:|443/app";\n', 'typescript', 'file:///p/db.ts'],
    ] as const) assert.doesNotMatch(CARD(src, lang, uri), /Below 1024/, src);
  });

  it('"browsers refuse this port" only for an http(s)/ws URL or a dev server', () => {
    assert.match(CARD('SITE=ws://localhost:|6667/chat\n', 'dotenv', 'file:///p/.env'), /Blocked by browsers/);
    assert.match(CARD('export default defineConfig({\n  server: {\n    port: |6000,\n  },\n});\n', 'typescript', 'file:///p/vite.config.ts'), /Browsers refuse this port:\*\* a dev server here/);
    assert.match(CARD('{"scripts": {"dev": "vite --port |6000"}}', 'json', 'file:///p/package.json'), /Browsers refuse this port/);
    // Look-alikes: X11 on 6000, IRC on 6667, SMTP on 25 and a Postgres URL on 6000 are not fetched by browsers.
    for (const [src, lang, uri] of [
      ['EXPOSE |6000\n', 'dockerfile', 'file:///p/Dockerfile'],
      ['services:\n  irc:\n    ports:\n      - "|6667:6667"\n', 'dockercompose', COMPOSE_URI],
      ['SMTP_PORT=|25\n', 'dotenv', 'file:///p/.env'],
      ['DATABASE_URL=postgres://db:|6000/app\n', 'dotenv', 'file:///p/.env'],
      ['const server = { port: |6000 };\n', 'typescript', 'file:///p/server.config.ts'],
    ] as const) assert.doesNotMatch(CARD(src, lang, uri), /[Bb]rowsers? refuse|Blocked by browsers/, src);
  });

  it('the dynamic-range fact is worded for a listener or for a client', () => {
    const listener = CARD('EXPOSE |55000\n', 'dockerfile', 'file:///p/Dockerfile');
    assert.match(listener, /so this listener can collide with them/);
    assert.match(listener, /Linux ephemeral range/);
    const client = CARD('API=http://api.internal:|55000/\n', 'dotenv', 'file:///p/.env');
    assert.match(client, /a client has nothing to change here/);
    assert.doesNotMatch(client, /collide|ephemeral range/);
    // Without a known role the card says what holds for any listener, conditionally.
    assert.match(renderPortHover(bundledIndex(), 55000, {}, DEFAULT_SETTINGS), /a fixed listener here can collide/);
  });

  it('nodePort: 0 and port 0 are said for what they mean there', () => {
    const svc = 'apiVersion: v1\nkind: Service\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: |0\n';
    const node = CARD(svc, 'yaml', 'file:///p/svc.yaml');
    assert.match(node, /`nodePort: 0`\*\* is the same as leaving it out: Kubernetes allocates a node port/);
    assert.doesNotMatch(node, /listen\(0\)/);
    const client = CARD('const u = "http://localhost:|0/";\n', 'typescript', 'file:///p/a.ts');
    assert.match(client, /not a valid destination/);
    assert.doesNotMatch(client, /any free port/);
    assert.match(renderPortHover(bundledIndex(), 0, { role: 'host' }, DEFAULT_SETTINGS), /container engine pick a free host port/);
    assert.match(renderPortHover(bundledIndex(), 0, { role: 'listen', key: 'containerPort' }, DEFAULT_SETTINGS), /not valid for `containerPort`: Kubernetes accepts 1–65535/);
  });
});

describe('hover card: common practice first where the IANA name misleads', () => {
  it('9092 leads with Kafka, labelled, before IANA\'s XmlIpcRegSvc; 5432 leads with IANA\'s postgresql, which says the same', () => {
    const kafka = renderPortHover(bundledIndex(), 9092, { protocol: 'tcp' }, DEFAULT_SETTINGS);
    assert.match(kafka, /^\*\*Port 9092\*\* · tcp · User port \(1024-49151\)\n\n\*\*Common practice\*\* \(not IANA\): Apache Kafka broker  \nDocumented by \[Apache Kafka\]\(https:\/\/kafka\.apache\.org\//);
    assert.ok(kafka.indexOf('Common practice') < kafka.indexOf('XmlIpcRegSvc'));
    const pg = renderPortHover(bundledIndex(), 5432, {}, DEFAULT_SETTINGS);
    assert.ok(pg.indexOf('postgresql') < pg.indexOf('Common practice'), pg);
    // A look-alike: 5433, a second Postgres often, is not in the table and gets no common practice.
    assert.doesNotMatch(renderPortHover(bundledIndex(), 5433, {}, DEFAULT_SETTINGS), /Common practice/);
  });

  it('a UDP-only default is not claimed for TCP: WireGuard on 51820/udp', () => {
    assert.match(renderPortHover(bundledIndex(), 51820, { protocol: 'udp' }, DEFAULT_SETTINGS), /Common practice\*\* \(not IANA\): WireGuard/);
    assert.doesNotMatch(renderPortHover(bundledIndex(), 51820, { protocol: 'tcp' }, DEFAULT_SETTINGS), /WireGuard/);
  });
});

describe('hover card: provenance and notes', () => {
  it('says what is from when, the same way on every card', () => {
    for (const port of [80, 3000, 6000, 49153, 0]) {
      assert.match(renderPortHover(bundledIndex(), port, {}, DEFAULT_SETTINGS), /\nIANA names as of 2026-09; details as of 2015-07 · \[IANA registry entry\]/, String(port));
    }
    assert.doesNotMatch(renderPortHover(bundledIndex(), 80, {}, DEFAULT_SETTINGS), /release 2026-09-17|port-numbers@/);
    assert.match(renderServiceHover(bundledIndex(), 'postgresql')!, /IANA names as of 2026-09; details as of 2015-07/);
    // The seed's records carry IANA's 2025 details.
    assert.match(renderPortHover(bundledIndex(), 3301, {}, DEFAULT_SETTINGS), /IANA names as of 2026-09; details as of 2025-03/);
  });

  it('a 2015 service beside another name in the newer list is shown, with what is uncertain about it', () => {
    const md = renderPortHover(bundledIndex(), 465, { protocol: 'tcp' }, DEFAULT_SETTINGS);
    assert.match(md, /\*\*urd\*\* \(tcp\)[^\n]*\n[^\n]*\n  Only in IANA's 2015 data: the newer list names \*\*submissions\*\* on this port and protocol/);
    assert.ok(md.indexOf('**submissions**') < md.indexOf('**urd**'), 'the confirmed service comes first');
    // Look-alikes: confirmed records, and a port whose services the newer list confirms, carry no such line.
    assert.doesNotMatch(md.split('**urd**')[0], /Only in IANA's 2015 data/);
    for (const port of [80, 5432, 3000]) assert.doesNotMatch(renderPortHover(bundledIndex(), port, {}, DEFAULT_SETTINGS), /Only in IANA's 2015 data/, String(port));
  });

  it('a registry refreshed from IANA is one publication of one date', () => {
    const r = emptyRecord();
    Object.assign(r, { name: 'demo', portLo: 4444, portHi: 4444, protocol: 'tcp', description: 'Demo', sources: [0] });
    const idx = new RegistryIndex({ release: '2025-12-15', generatedBy: 'test', sources: [{ id: 'iana-xml', title: 'IANA XML', release: '2025-12-15' }], people: [], records: [r] });
    const md = renderPortHover(idx, 4444, {}, DEFAULT_SETTINGS);
    assert.match(md, /IANA registry as of 2025-12-15 · /);
    assert.doesNotMatch(md, /details as of/);
  });

  it('an unauthorized-use note shows on the port it is about, not on its neighbours in the range', () => {
    assert.match(renderPortHover(bundledIndex(), 6003, {}, DEFAULT_SETTINGS), /Unauthorized use reported:\*\* Known Unauthorized Use on port 6003/);
    for (const port of [6000, 6002, 6004, 6063]) assert.doesNotMatch(renderPortHover(bundledIndex(), port, {}, DEFAULT_SETTINGS), /Unauthorized/, String(port));
    // A note naming several ports ("ports 2194-2196") shows on each of them; a service card shows every note.
    assert.match(renderPortHover(bundledIndex(), 2195, {}, DEFAULT_SETTINGS), /Unauthorized Use Known on ports 2194-2196/);
    assert.match(renderServiceHover(bundledIndex(), 'x11')!, /Known Unauthorized Use on port 6003/);
  });
});
