// `node scripts/e2e/locale-shot.mjs [zh-cn]`: the extension (this working tree, after `npm run build`) in
// code-server with its display language set to a locale, a real mouse hover over 5432 in the compose
// fixture and over the dynamic-range warning on 61000, and screenshots ($IANA_E2E_HOME/screenshots/<locale>-hover.png
// and <locale>-diagnostic.png; with --update-screenshots
// also docs/images/). Offline there is no Marketplace language pack, so a stub pack for the locale
// (test/e2e/language-pack, translating nothing of VS Code itself) is packaged and installed: it lets
// code-server resolve the locale, and VS Code then loads this extension's own translations
// (package.nls.<locale>.json, l10n/, the server's message table). Exits 1 unless the card and the warning are translated.
import fs from 'node:fs';
import path from 'node:path';
import {
  HOME, ROOT, ensureInstalled, forwardConsole, installVsix, launchBrowser, log, runChecked, sleep, startCodeServer, wordCentre, workbenchUrl,
} from './lib.mjs';

const locale = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'zh-cn';
/** A word of the card's first line in the locale, which English never shows. */
const EXPECTED = { 'zh-cn': /端口 5432/ };
/** The first line of the dynamic-range warning in the locale. */
const EXPECTED_WARNING = { 'zh-cn': /端口 61000 位于动态\/私有范围/ };
ensureInstalled();
const runDir = fs.mkdtempSync(path.join(HOME, `locale-${locale}-`));
const serverDir = path.join(runDir, 'server');
fs.mkdirSync(serverDir, { recursive: true });
const workspace = path.join(runDir, 'workspace');
fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

// The stub language pack, with the locale written into its manifest.
const pack = path.join(runDir, 'language-pack');
fs.cpSync(path.join(ROOT, 'test', 'e2e', 'language-pack'), pack, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(pack, 'package.json'), 'utf8'));
manifest.name = `test-language-pack-${locale}`;
manifest.contributes.localizations[0].languageId = locale;
fs.writeFileSync(path.join(pack, 'package.json'), JSON.stringify(manifest, null, 2));
fs.writeFileSync(path.join(pack, 'LICENSE'), 'MIT\n');
fs.writeFileSync(path.join(pack, 'README.md'), `Stub language pack for ${locale} (tests only).\n`);
runChecked(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '-o', path.join(runDir, 'pack.vsix')], { cwd: pack });
installVsix(serverDir, path.join(runDir, 'pack.vsix'));
// code-server 4.100 resolves --locale from user-data/languagepacks.json, which it does not write for a pack
// installed from the command line: write what its language pack service would.
const packDir = fs.readdirSync(path.join(serverDir, 'extensions')).find((d) => d.includes(manifest.name));
if (!packDir) throw new Error('the stub language pack was not installed');
fs.mkdirSync(path.join(serverDir, 'user-data'), { recursive: true });
fs.writeFileSync(path.join(serverDir, 'user-data', 'languagepacks.json'), JSON.stringify({
  [locale]: {
    hash: 'test', label: locale, extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
    translations: { vscode: path.join(serverDir, 'extensions', packDir, 'translations', 'main.i18n.json') },
  },
}));

/**
 * Moves the mouse onto `word` in the line that holds `lineText` until a hover matching `shows` appears, takes
 * a screenshot, and says whether the hover also matches `translated`.
 */
async function hoverShot(page, lineText, word, shows, translated, file) {
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: shows }).first();
  const deadline = Date.now() + 60_000;
  let seen = false;
  while (Date.now() < deadline && !seen) {
    const box = await wordCentre(page, lineText, word);
    await page.mouse.move(10, 10);
    await sleep(200);
    await page.mouse.move(box.x, box.y, { steps: 5 });
    try {
      await hover.waitFor({ timeout: 3000 });
      seen = true;
    } catch {
      log('no hover yet');
    }
  }
  const text = seen ? await hover.innerText() : '';
  log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
  await sleep(700);
  await page.screenshot({ path: file });
  log(`screenshot ${file}`);
  return seen && translated.test(text);
}

const server = await startCodeServer(serverDir, { args: ['--locale', locale] });
const browser = await launchBrowser(runDir);
const { page } = browser;
let ok = false;
try {
  forwardConsole(page);
  await page.goto(workbenchUrl(server.port, workspace, [['extensionDevelopmentPath', ROOT], ['skipWelcome', 'true']]));
  await page.locator('.monaco-workbench').waitFor();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('docker-compose.yml', { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'docker-compose.yml' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: '5432:5432' }).first().waitFor();
  const shots = path.join(HOME, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  // The card on 5432, then the warning on 61000: a rule message in the display language.
  const card = await hoverShot(page, '- "5432:5432"', '5432', /postgresql/, EXPECTED[locale] ?? /./, path.join(shots, `${locale}-hover.png`));
  const warning = await hoverShot(page, '- "61000:61000"', '61000', /dynamicRange/, EXPECTED_WARNING[locale] ?? /./, path.join(shots, `${locale}-diagnostic.png`));
  ok = card && warning;
  if (process.argv.includes('--update-screenshots')) fs.copyFileSync(path.join(shots, `${locale}-hover.png`), path.join(ROOT, 'docs', 'images', `${locale}-hover.png`));
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}
log(ok ? `${locale}: the card is translated` : `${locale}: FAILED`);
process.exit(ok ? 0 : 1);
