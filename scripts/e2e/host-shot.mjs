// `node scripts/e2e/host-shot.mjs [--web]`: where the extension runs, as VS Code itself reports it. The
// packaged VSIX (dist/iana-ports.vsix) installed offline into a fresh code-server (a remote window: the
// workbench in the browser, the files and the Node extension host on the server), the compose fixture opened
// and 5432 hovered, then *Developer: Show Running Extensions*, which lists each extension under the host that
// runs it. With --web the user setting `remote.extensionKind` puts IANA Ports into the browser's web worker
// extension host, as in vscode.dev. Screenshots: $IANA_E2E_HOME/screenshots/host-{remote,web}-{hover,running}.png.
// Exits 1 unless the hover shows and the running-extensions list names IANA Ports.
import fs from 'node:fs';
import path from 'node:path';
import { HOME, ROOT, ensureInstalled, forwardConsole, installVsix, launchBrowser, log, sleep, startCodeServer, wordCentre, workbenchUrl } from './lib.mjs';

const web = process.argv.includes('--web');
const name = web ? 'web' : 'remote';
const vsix = path.join(ROOT, 'dist', 'iana-ports.vsix');
ensureInstalled();
if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package first`);
const runDir = fs.mkdtempSync(path.join(HOME, `host-${name}-`));
const serverDir = path.join(runDir, 'server');
fs.mkdirSync(serverDir, { recursive: true });
installVsix(serverDir, vsix);
const workspace = path.join(runDir, 'workspace');
fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
const shots = path.join(HOME, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

const settings = web ? { 'remote.extensionKind': { 'iana-ports.iana-ports': ['web'] } } : {};
const server = await startCodeServer(serverDir, { settings });
const browser = await launchBrowser(runDir);
const { page } = browser;
let ok = false;
try {
  forwardConsole(page);
  await page.goto(workbenchUrl(server.port, workspace, [['skipWelcome', 'true']]));
  await page.locator('.monaco-workbench').waitFor();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('docker-compose.yml', { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'docker-compose.yml' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: '5432:5432' }).first().waitFor();
  // A real mouse hover over 5432 until the card shows (the first tries may precede activation).
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: /postgresql/ }).first();
  let shown = false;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !shown;) {
    const box = await wordCentre(page, '- "5432:5432"', '5432');
    await page.mouse.move(10, 10);
    await sleep(200);
    await page.mouse.move(box.x, box.y, { steps: 5 });
    shown = await hover.waitFor({ timeout: 3000 }).then(() => true, () => false);
  }
  await sleep(700);
  await page.screenshot({ path: path.join(shots, `host-${name}-hover.png`) });
  log(`hover ${shown ? 'shown' : 'NOT shown'}; screenshot host-${name}-hover.png`);
  await page.mouse.move(10, 10);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Developer: Show Running Extensions', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
  await page.keyboard.press('Enter');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'IANA Ports' }).first();
  const listed = await row.waitFor({ timeout: 30_000 }).then(() => true, () => false);
  const hosts = await page.locator('.runtime-extensions-editor').first().innerText().catch(() => '');
  log(`running extensions: ${hosts.replace(/\s+/g, ' ').slice(0, 400)}`);
  await sleep(700);
  await page.screenshot({ path: path.join(shots, `host-${name}-running.png`) });
  log(`screenshot host-${name}-running.png`);
  ok = shown && listed;
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}
log(ok ? `${name}: the hover shows and IANA Ports is running` : `${name}: FAILED`);
process.exit(ok ? 0 : 1);
