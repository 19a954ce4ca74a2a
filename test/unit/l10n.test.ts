import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderPortHover, renderServiceHover } from '../../server/src/service/hover';
import { MESSAGE_TABLES, setLocale, t } from '../../server/src/service/l10n';
import { machineLine } from '../../server/src/service/machine/facts';
import { bundledIndex, doc, settings, testService } from '../helpers/service';

// The Simplified Chinese translation is complete: the manifest, the client's messages and the server's
// messages and hover cards, with the placeholders of each English text; port data stays as IANA wrote it.

const ROOT = path.resolve(__dirname, '../..');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')) as Record<string, string>;

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

/** The first argument of every call `name('...')` in the files, as the program sees it (single-quoted literals only). */
function literals(files: string[], call: RegExp): string[] {
  const found = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(new RegExp(`${call.source}\\(\\s*'((?:[^'\\\\]|\\\\.)*)'`, 'g'))) found.add(m[1].replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c));
  }
  return [...found];
}

/**
 * Calls whose message this test cannot read: a template or double-quoted literal (a missing translation
 * there would go unnoticed), as `file:line`.
 */
function unreadable(files: string[], call: RegExp): string[] {
  const out: string[] = [];
  for (const f of files) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (new RegExp(`${call.source}\\(\\s*[\`"]`).test(line)) out.push(`${path.relative(ROOT, f)}:${i + 1}`);
    });
  }
  return out;
}

function placeholders(s: string): string {
  return [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
}

describe('localisation (Simplified Chinese)', () => {
  afterEach(() => setLocale(undefined));

  it('translates every manifest text, keeping its placeholders', () => {
    const en = read('package.nls.json');
    const zh = read('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const k of Object.keys(en)) assert.ok(zh[k].trim(), `${k} is translated`);
  });

  it('translates every message the client passes to vscode.l10n.t', () => {
    const files = sources(path.join(ROOT, 'client', 'src'));
    assert.deepEqual(unreadable(files, /\bl10n\.t/), [], 'messages are single-quoted literals, so that this test reads them');
    const used = literals(files, /\bl10n\.t/);
    assert.ok(used.length >= 25, `${used.length} client messages`);
    const bundle = read('l10n/bundle.l10n.zh-cn.json');
    for (const m of used) {
      assert.ok(bundle[m], `l10n/bundle.l10n.zh-cn.json translates "${m}"`);
      assert.equal(placeholders(bundle[m]), placeholders(m), `placeholders of "${m}"`);
    }
  });

  it('translates every server message passed to t()', () => {
    const files = sources(path.join(ROOT, 'server', 'src')).filter((f) => !f.includes(`${path.sep}l10n${path.sep}`));
    assert.deepEqual(unreadable(files, /(?<![\w.])t/), [], 'messages are single-quoted literals, so that this test reads them');
    const used = literals(files, /(?<![\w.])t/);
    assert.ok(used.length >= 150, `${used.length} server messages`);
    const zh = MESSAGE_TABLES['zh-cn'];
    for (const m of used) {
      assert.ok(zh[m], `server/src/service/l10n/zh-cn.ts translates "${m}"`);
      assert.equal(placeholders(zh[m]), placeholders(m), `placeholders of "${m}"`);
    }
  });

  it('writes rule messages, quick fixes and the machine line in Chinese, keeping ports, names and IANA\'s words', () => {
    const service = testService();
    const compose = doc('services:\n  web:\n    image: nginx\n    ports:\n      - "61000:80"\n', 'file:///w/docker-compose.yml', 'dockercompose');
    const pod = doc('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      ports:\n        - name: Metrics_Port\n          containerPort: 9090\n', 'file:///w/pod.yaml', 'yaml');
    const english = service.doValidation(compose, settings()).map((d) => d.message);
    setLocale('zh-cn');
    const [dynamic] = service.doValidation(compose, settings());
    assert.equal(dynamic.code, 'dynamicRange');
    assert.equal(dynamic.message, '端口 61000 位于动态/私有范围（49152–65535）。\n操作系统会把这些端口分配给出站连接，因此服务启动时它可能已被占用。请使用用户范围（1024–49151）内的固定端口。');
    const name = service.doValidation(pod, settings()).find((d) => d.code === 'portName');
    assert.ok(name);
    assert.match(String(name.message), /^容器端口名称“Metrics_Port”长度为 12 个字符|^容器端口名称“Metrics_Port”包含大写字母/);
    const snapshot = { takenAt: 0, platform: 'linux', sockets: [{ port: 5432, protocol: 'tcp', address: '127.0.0.1', process: 'postgres', pid: 42 }], reserved: [] };
    assert.equal(machineLine(snapshot as never, 5432, 'tcp', 'code', 'listen', 30_000), '**本机（30 秒前）：** 5432/tcp 当前已被占用：`postgres` (pid 42) 在 `127.0.0.1:5432` 上监听。');
    setLocale(undefined);
    assert.deepEqual(service.doValidation(compose, settings()).map((d) => d.message), english);
    assert.match(String(english[0]), /^Port 61000 is in the Dynamic\/Private range/);
  });

  it('fills placeholders and falls back to English for an unknown locale or message', () => {
    setLocale('fr');
    assert.equal(t('**Port {0}**', 5432), '**Port 5432**');
    setLocale('zh-CN');
    assert.equal(t('**Port {0}**', 5432), '**端口 5432**');
    assert.equal(t('a message no table has {0}', 1), 'a message no table has 1');
  });

  it('shows the hover card in Chinese while the port data stays as IANA wrote it', () => {
    const index = bundledIndex();
    const english = renderPortHover(index, 5432, {}, settings());
    setLocale('zh-cn');
    const chinese = renderPortHover(index, 5432, {}, settings());
    assert.match(chinese, /\*\*端口 5432\*\*/);
    assert.match(chinese, /IANA 注册的服务/);
    assert.match(chinese, /IANA 注册表条目/);
    // Service names and IANA's descriptions are the same bytes in both cards.
    const data = english.match(/\*\*postgresql\*\*[^\n]*/)?.[0];
    assert.ok(data, english);
    assert.ok(chinese.includes(data), `"${data}" appears unchanged in:\n${chinese}`);
    assert.match(renderServiceHover(index, 'postgresql') ?? '', /\*\*服务 `postgresql`\*\*/);
    setLocale(undefined);
    assert.equal(renderPortHover(index, 5432, {}, settings()), english);
  });
});
