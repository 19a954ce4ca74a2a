// Renders images/icon.svg to the 128x128 images/icon.png the VSIX ships, with the Chromium the e2e harness uses.
// usage: node scripts/e2e/render-icon.mjs   (after `npm run test:e2e:install`)
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, CHROMIUM_BIN, launchBrowser, HOME } from './lib.mjs';

if (!fs.existsSync(CHROMIUM_BIN)) throw new Error(`${CHROMIUM_BIN} is missing; run npm run test:e2e:install`);
const svg = fs.readFileSync(path.join(ROOT, 'images', 'icon.svg'), 'utf8');
const scratch = fs.mkdtempSync(path.join(HOME, 'icon-'));
const browser = await launchBrowser(scratch, { width: 128, height: 128 });
try {
  await browser.page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await browser.page.locator('svg').screenshot({ path: path.join(ROOT, 'images', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log('wrote images/icon.png');
