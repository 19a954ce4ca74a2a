// `node scripts/e2e/extension-page.mjs [--vsix FILE] [--shot FILE]`: the packaged VSIX (default
// dist/iana-ports.vsix, made by `npm run package`) installed offline into a fresh code-server, its page
// opened from the Extensions view as a user does (search "@installed IANA Ports", click it), and the
// README checked there: every picture it shows must have loaded from the installed extension (no network),
// with a width. Screenshot: $IANA_E2E_HOME/screenshots/extension-page.png (or --shot FILE).
// Exits 1 when the page, the README or one of its pictures does not show.
import fs from 'node:fs';
import path from 'node:path';
import { HOME, ROOT, ensureInstalled, forwardConsole, installVsix, launchBrowser, log, sleep, startCodeServer, workbenchUrl } from './lib.mjs';

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const vsix = path.resolve(option('--vsix') ?? path.join(ROOT, 'dist', 'iana-ports.vsix'));
const shot = path.resolve(option('--shot') ?? path.join(HOME, 'screenshots', 'extension-page.png'));
/** The pictures the README shows, by the text of their alt attribute. */
const README_PICTURES = (fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').match(/!\[[^\]]*\]\([^)]+\)/g) ?? []).length;

ensureInstalled();
if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package first`);
const runDir = fs.mkdtempSync(path.join(HOME, 'extension-page-'));
const serverDir = path.join(runDir, 'server');
fs.mkdirSync(serverDir, { recursive: true });
installVsix(serverDir, vsix);
const workspace = path.join(runDir, 'workspace');
fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

const server = await startCodeServer(serverDir);
const browser = await launchBrowser(runDir);
const { page } = browser;
let ok = false;
try {
  forwardConsole(page);
  await page.goto(workbenchUrl(server.port, workspace, [['skipWelcome', 'true']]));
  await page.locator('.monaco-workbench').waitFor();
  // The Extensions view, filtered to installed extensions, then the extension's own entry.
  await page.keyboard.press('Control+Shift+X');
  // The view puts the cursor in its search box.
  await page.locator('.extensions-viewlet .suggest-input-container').first().waitFor({ state: 'visible' });
  await sleep(500);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@installed IANA Ports', { delay: 20 });
  const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'IANA Ports' }).first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.click();
  await page.locator('.extension-editor .header .name', { hasText: 'IANA Ports' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  log('the extension page is open');
  // The README is rendered in a webview: an iframe holding an iframe with the document.
  let pictures = [];
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    pictures = [];
    for (const frame of page.frames()) {
      const found = await frame.evaluate(() => [...document.querySelectorAll('img')]
        .filter((img) => img.closest('body') && !img.classList.contains('icon'))
        .map((img) => ({ alt: img.alt, src: img.currentSrc || img.src, width: img.naturalWidth, complete: img.complete })), undefined).catch(() => []);
      if (found.some((p) => p.alt)) pictures = found.filter((p) => p.alt);
    }
    if (pictures.length >= README_PICTURES && pictures.every((p) => p.complete && p.width > 0)) break;
    await sleep(500);
  }
  for (const p of pictures) log(`README picture "${p.alt}": ${p.width ? `${p.width} px wide` : 'NOT LOADED'} from ${p.src.slice(0, 160)}`);
  ok = pictures.length >= README_PICTURES && README_PICTURES > 0 && pictures.every((p) => p.complete && p.width > 0);
  if (!ok) log(`expected ${README_PICTURES} loaded pictures, found ${pictures.filter((p) => p.width > 0).length} of ${pictures.length}`);
  // Scroll the README to its first picture, so that the screenshot shows it.
  for (const frame of page.frames()) {
    await frame.evaluate(() => document.querySelector('img[alt]')?.scrollIntoView({ block: 'start' })).catch(() => undefined);
  }
  await sleep(700);
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}
log(ok ? 'the README shows its pictures on the extension page' : 'extension page: FAILED');
process.exit(ok ? 0 : 1);
