// The UI-level check: the packaged VSIX installed offline into code-server, the compose fixture opened in the
// workbench, and what a user sees: a real mouse hover over a port shows the card, Ctrl+Space after `postg`
// lists 5432, and the dynamic-range warning shows on 61000. Each view is saved as a screenshot.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HOME, ROOT, forwardConsole, installVsix, launchBrowser, log, sleep, startCodeServer, wordCentre, workbenchUrl } from './lib.mjs';

const SHOTS = path.join(HOME, 'screenshots');
const STEP_DEADLINE_MS = 60_000;

/** Moves the mouse onto `word` until a hover matching `expect` shows; the first tries may precede activation. */
async function hoverUntil(page, lineText, word, expect) {
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: expect });
  const deadline = Date.now() + STEP_DEADLINE_MS;
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    const { x, y } = await wordCentre(page, lineText, word);
    await page.mouse.move(x - 220, y + 140);
    await sleep(250);
    await page.mouse.move(x, y, { steps: 6 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 3000 });
      log(`hover on ${word} shown (attempt ${attempt})`);
      return (await hover.first().innerText()).trim();
    } catch {
      log(`attempt ${attempt}: no hover matching ${expect} yet`);
    }
  }
  throw new Error(`no hover matching ${expect} over ${word} within ${STEP_DEADLINE_MS / 1000} s; visible: ` +
    JSON.stringify(await page.locator('.monaco-hover').allInnerTexts()));
}

/** Pids of processes running the language server from the extensions folder under `serverDir` (read from /proc). */
function languageServerProcesses(serverDir) {
  const marker = path.join(serverDir, 'extensions');
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended meanwhile
    }
    if (cmd.some((a) => a.startsWith(marker) && a.endsWith(path.join('dist', 'server.js')))) found.push(Number(pid));
  }
  return found;
}

/**
 * Saves the page as SHOTS/name and, given the widget on show (a hover or the suggest list), the part of the
 * editor around it as SHOTS/readme-name: the README's picture. The VSIX carries the README's pictures (the
 * Extensions view of an installed extension reads them from its folder, offline) within its 1 MB.
 */
async function shoot(page, name, ...widgets) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await sleep(700); // hovers and the suggest widget fade in; a picture taken at once shows them half transparent
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file });
  log(`screenshot ${file}`);
  if (!widgets.length) return;
  const editor = await page.locator('.editor-group-container .monaco-editor').first().boundingBox();
  const boxes = (await Promise.all(widgets.map((w) => w.boundingBox().catch(() => null)))).filter((b) => b && b.width > 0);
  if (!editor || !boxes.length) return;
  const left = Math.min(...boxes.map((b) => b.x));
  const topmost = Math.min(...boxes.map((b) => b.y));
  const box = { x: left, y: topmost, width: Math.max(...boxes.map((b) => b.x + b.width)) - left, height: Math.max(...boxes.map((b) => b.y + b.height)) - topmost };
  // The widget, the line it is about (above it) and a margin; at most 220 px high, so that the three
  // pictures add little to the VSIX. The suggest list's details may stand left of the editor.
  const x = Math.max(0, Math.min(box.x - 30, editor.x + 40));
  const top = Math.max(editor.y, box.y - 45);
  const bottom = Math.min(editor.y + editor.height, box.y + box.height + 10, top + 220);
  const right = Math.min(editor.x + editor.width, box.x + box.width + 10);
  await page.screenshot({ path: path.join(SHOTS, `readme-${name}`), clip: { x, y: top, width: right - x, height: bottom - top } });
}

/**
 * The README's pictures in few colours (pngquant, installed by `npm run test:e2e:install`): a cut of the
 * editor in 16 colours stays readable at a fifth of the bytes.
 */
function readmePicture(from, to) {
  const r = spawnSync('pngquant', ['--force', '--strip', '--speed', '1', '16', '--output', to, from], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`pngquant failed (${r.error?.message ?? r.stderr}); install it with npm run test:e2e:install`);
  log(`${path.relative(ROOT, to)}: ${fs.statSync(to).size} bytes`);
}

/** Opens a file of the workspace through Quick Open, the way a user would, and waits for its text. */
async function openFile(page, name, visibleText) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(name, { delay: 20 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: visibleText }).first().waitFor({ state: 'visible' });
}

/** Runs a command from the Command Palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>' + title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/**
 * Runs the UI check in a fresh code-server with the VSIX installed; returns true when every view appeared.
 * With `updateScreenshots`, copies the screenshots into docs/images/.
 */
export async function runUiCheck({ runDir, vsix, workspace, updateScreenshots, settings = {}, prefix = '', name = 'ui' }) {
  const serverDir = path.join(runDir, `${name}-server`);
  const web = prefix === 'web-';
  fs.mkdirSync(serverDir, { recursive: true });
  installVsix(serverDir, vsix);
  const installed = fs.readdirSync(path.join(serverDir, 'extensions')).filter((d) => d.startsWith('iana-ports.'));
  log(`installed offline: ${installed.join(', ') || 'nothing'}`);
  if (installed.length !== 1) return false;

  const server = await startCodeServer(serverDir, { settings });
  const browser = await launchBrowser(runDir);
  const { page } = browser;
  try {
    forwardConsole(page);
    await page.goto(workbenchUrl(server.port, workspace), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor();
    log('workbench up');
    await openFile(page, 'docker-compose.yml', '5432:5432');
    log('docker-compose.yml open');

    // 1. A real mouse hover over the published PostgreSQL port shows the registry card.
    const card = await hoverUntil(page, '- "5432:5432"', '5432', /postgresql/i);
    console.log(card.split('\n').map((l) => '  > ' + l).join('\n'));
    await shoot(page, `${prefix}hover.png`, page.locator('.monaco-hover:visible').filter({ hasText: /postgresql/i }).first());
    // Where the language server ran: a Node process started from the installed extension's dist/server.js,
    // or (web worker host) none at all, since the server is then a web worker inside the browser page.
    const nodeServers = languageServerProcesses(serverDir);
    log(`Node language server processes of the installed extension: ${nodeServers.length}${nodeServers.length ? ` (pid ${nodeServers.join(', ')})` : ''}`);
    if (web ? nodeServers.length !== 0 : nodeServers.length === 0) {
      throw new Error(web ? 'the hover came from a Node language server, not from the web worker host' : 'no Node language server process found');
    }

    // 2. Typing `postg` in a new ports entry and asking for completions lists 5432.
    await page.keyboard.press('Escape');
    const { right, y } = await wordCentre(page, '- "5432:5432"', '"5432:5432"');
    await page.mouse.click(right + 40, y);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- "postg', { delay: 40 });
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: '5432' });
    const deadline = Date.now() + STEP_DEADLINE_MS;
    for (;;) {
      await page.keyboard.press('Control+Space');
      try {
        await suggestion.first().waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error('no completion item with 5432 after typing postg');
        await page.keyboard.press('Escape');
      }
    }
    const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    log(`completion list: ${JSON.stringify(rows.map((r) => r.replace(/\s+/g, ' ')))}`);
    // Focus the PostgreSQL item, so the picture shows its details.
    const focused = page.locator('.suggest-widget .monaco-list-row.focused');
    for (let i = 0; i < rows.length && !/5432/.test(await focused.innerText()); i++) await page.keyboard.press('ArrowDown');
    await shoot(page, `${prefix}completion.png`, page.locator('.suggest-widget').first(), page.locator('.suggest-details-container:visible').first());
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Revert File');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });

    // 2b. A new ports entry of the `db` service (image postgres:16): before anything is typed, the image's
    // port is proposed first, as a mapping.
    {
      const { right: r2, y: y2 } = await wordCentre(page, '- "5432:5432"', '"5432:5432"');
      await page.mouse.click(r2 + 40, y2);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('- ', { delay: 40 });
      const mapping = page.locator('.suggest-widget .monaco-list-row', { hasText: '5432:5432' });
      const until = Date.now() + STEP_DEADLINE_MS;
      for (;;) {
        await page.keyboard.press('Control+Space');
        try {
          await mapping.first().waitFor({ state: 'visible', timeout: 3000 });
          break;
        } catch {
          if (Date.now() > until) throw new Error('no completion item 5432:5432 in a new ports entry of the postgres service');
          await page.keyboard.press('Escape');
        }
      }
      const shown = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
      log(`completion list from the image: ${JSON.stringify(shown.map((r) => r.replace(/\s+/g, ' ')))}`);
      if (!/5432:5432/.test(shown[0] ?? '')) throw new Error(`the image's port is not first: ${shown[0]}`);
      await shoot(page, 'completion-image.png');
      await page.keyboard.press('Escape');
      await runCommand(page, 'File: Revert File');
      await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
    }

    // 3. The warning on the fixed port in the dynamic range: Problems panel open, mouse on the squiggle.
    await page.keyboard.press('Control+Shift+M');
    // Wait for the entry at the fixture's own line: until the server has re-checked the reverted text, the
    // panel may still list the warning one line lower.
    const line = fs.readFileSync(path.join(workspace, 'docker-compose.yml'), 'utf8').split('\n').findIndex((l) => l.includes('"61000:61000"')) + 1;
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'dynamicRange' }).filter({ hasText: `Ln ${line},` }).first();
    await problem.waitFor({ state: 'visible', timeout: STEP_DEADLINE_MS });
    log(`Problems panel: ${JSON.stringify((await problem.innerText()).replace(/\s+/g, ' '))}`);
    await problem.click(); // reveals the line in the editor, which the panel has made shorter
    await hoverUntil(page, '- "61000:61000"', '61000', /dynamicRange/);
    await shoot(page, `${prefix}diagnostic.png`, page.locator('.monaco-hover:visible').filter({ hasText: /dynamicRange/ }).first());

    if (updateScreenshots && !prefix) {
      const images = path.join(ROOT, 'docs', 'images');
      fs.mkdirSync(images, { recursive: true });
      for (const f of ['hover.png', 'completion.png', 'diagnostic.png'].map((n) => prefix + n)) readmePicture(path.join(SHOTS, `readme-${f}`), path.join(images, f));
      log(`screenshots copied to ${images}`);
    }
    return true;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await shoot(page, `${prefix}failure.png`).catch(() => {});
    return false;
  } finally {
    await browser.close();
    await server.stop();
  }
}
