/** @type {import('jest-environment-puppeteer').JestPuppeteerConfig} */
module.exports = {
  launch: {
    headless: 'new',
    slowMo: process.env.SLOWMO ? 50 : 0,
    args: ['--no-sandbox', '--window-size=1366,768'],
  },
  server: {
    command: 'pnpm http-server ./out -p 4444 -s',
    port: 4444,
    launchTimeout: 30000,
    debug: true,
    usedPortAction: 'kill',
  },
  browserContext: 'incognito',
};
