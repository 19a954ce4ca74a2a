import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderPortHover, renderServiceHover } from '../../server/src/service/hover';
import { MESSAGE_TABLES, setLocale, t } from '../../server/src/service/l10n';
import { bundledIndex, settings } from '../helpers/service';

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

/** The first argument of every call `name('...')` in the files, as written (single-quoted literals only). */
function literals(files: string[], call: RegExp): string[] {
  const found = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(new RegExp(`${call.source}\\(\\s*'((?:[^'\\\\]|\\\\.)*)'`, 'g'))) found.add(m[1].replace(/\\(.)/g, '$1'));
  }
  return [...found];
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
    const used = literals(sources(path.join(ROOT, 'client', 'src')), /\bl10n\.t/);
    assert.ok(used.length >= 5, `${used.length} client messages`);
    const bundle = read('l10n/bundle.l10n.zh-cn.json');
    for (const m of used) {
      assert.ok(bundle[m], `l10n/bundle.l10n.zh-cn.json translates "${m}"`);
      assert.equal(placeholders(bundle[m]), placeholders(m), `placeholders of "${m}"`);
    }
  });

  it('translates every server message passed to t()', () => {
    const files = sources(path.join(ROOT, 'server', 'src')).filter((f) => !f.includes(`${path.sep}l10n${path.sep}`));
    const used = literals(files, /(?<![\w.])t/);
    assert.ok(used.length >= 40, `${used.length} server messages`);
    const zh = MESSAGE_TABLES['zh-cn'];
    for (const m of used) {
      assert.ok(zh[m], `server/src/service/l10n/zh-cn.ts translates "${m}"`);
      assert.equal(placeholders(zh[m]), placeholders(m), `placeholders of "${m}"`);
    }
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
