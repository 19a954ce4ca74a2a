// Shared pieces of the real-VS-Code harness: paths, a code-server that always dies with its process group,
// and a headless Chromium. Everything binds to 127.0.0.1 and writes under $IANA_E2E_HOME.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOME = process.env.IANA_E2E_HOME || '/tmp/iana-ports-e2e';
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_BIN = path.join(HOME, 'cs', 'node_modules', '.bin', 'code-server');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// code-server and Chromium write to ~/.config and ~/.local unless the XDG directories point elsewhere.
const XDG = {
  XDG_CONFIG_HOME: path.join(HOME, 'xdg', 'config'),
  XDG_DATA_HOME: path.join(HOME, 'xdg', 'data'),
  XDG_CACHE_HOME: path.join(HOME, 'xdg', 'cache'),
  XDG_STATE_HOME: path.join(HOME, 'xdg', 'state'),
  TMPDIR: path.join(HOME, 'tmp'),
};
for (const dir of Object.values(XDG)) fs.mkdirSync(dir, { recursive: true });

const t0 = Date.now();
/** Prints a line prefixed with the seconds since the harness started. */
export function log(message) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

function missingParts() {
  const missing = [];
  if (!fs.existsSync(path.join(HOME, 'cs', `.installed-${CODE_SERVER_VERSION}`))) missing.push(`code-server ${CODE_SERVER_VERSION}`);
  if (!fs.existsSync(CHROMIUM_BIN)) missing.push(`chromium (${CHROMIUM_BIN})`);
  return missing;
}

/**
 * Installs the harness on first use (scripts/e2e/install.sh: apt-get needs root), unless IANA_E2E_NO_INSTALL
 * is set; exits with the command that fixes it when something is still missing.
 */
export function ensureInstalled() {
  let missing = missingParts();
  if (missing.length && !process.env.IANA_E2E_NO_INSTALL) {
    log(`first use: installing ${missing.join(', ')} (scripts/e2e/install.sh)`);
    spawnSync('bash', [path.join(ROOT, 'scripts', 'e2e', 'install.sh')], { stdio: 'inherit', timeout: 40 * 60_000 });
    missing = missingParts();
  }
  if (missing.length) {
    console.error(`missing: ${missing.join(', ')}\nrun \`npm run test:e2e:install\` (needs root for apt-get)`);
    process.exit(2);
  }
}

/** Runs a command to completion, inheriting stdio; throws on a non-zero exit or after `timeoutMs`. */
export function runChecked(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, timeout: 300_000, killSignal: 'SIGKILL', ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

// Every server started here (process-group id -> pid file), so that any way out of the process stops them.
const servers = new Map();
function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}
function killAllServers() {
  for (const [pgid, pidFile] of servers) {
    killGroup(pgid, 'SIGKILL');
    fs.rmSync(pidFile, { force: true });
  }
  servers.clear();
}
process.on('exit', killAllServers);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping code-server and leaving`);
    killAllServers();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * Starts code-server on 127.0.0.1 (a port the OS picks) with a fresh user-data and extensions directory under
 * `runDir`, no auth, and the quiet settings. Returns `{ port, pid, stop() }`; stop() ends the whole process group
 * (the server leaves an extension-host process behind for every browser connection).
 */
export async function startCodeServer(runDir, { env = {}, timeoutMs = 60_000, settings = {}, args = [] } = {}) {
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  // The quiet settings, plus a phase's own (the web phases force the extension into the web worker host).
  const quiet = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'e2e', 'settings.json'), 'utf8'));
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const logFile = path.join(runDir, 'server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--config', config, '--bind-addr', '127.0.0.1:0', '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--ignore-last-opened', '--user-data-dir', userData, '--extensions-dir', extensions, ...args,
    ],
    // detached: the server leads a new process group, so the whole tree can be signalled at once.
    { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...XDG, ...env } },
  );
  fs.closeSync(out);
  const pidFile = path.join(runDir, 'server.pid');
  fs.writeFileSync(pidFile, String(child.pid));
  servers.set(child.pid, pidFile);
  let exited = null;
  child.on('exit', (code, signal) => (exited = code ?? signal));

  const stop = async () => {
    if (!servers.has(child.pid)) return;
    killGroup(child.pid, 'SIGTERM');
    for (let i = 0; i < 40 && killGroup(child.pid, 0); i++) await sleep(125);
    killGroup(child.pid, 'SIGKILL');
    servers.delete(child.pid);
    fs.rmSync(pidFile, { force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.readFileSync(logFile, 'utf8');
    const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(text);
    if (m) {
      const port = Number(m[1]);
      await waitForHealth(port, deadline);
      return { port, pid: child.pid, stop, logFile };
    }
    if (exited !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not start (${exited !== null ? `exited ${exited}` : 'timeout'}); log:\n${text.slice(-3000)}`);
    }
    await sleep(100);
  }
}

async function waitForHealth(port, deadline) {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`code-server on port ${port} never answered /healthz`);
}

/** Installs a VSIX into `runDir`'s extensions directory with code-server's own CLI (offline). */
export function installVsix(runDir, vsix) {
  runChecked(
    CODE_SERVER_BIN,
    ['--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions'), '--install-extension', vsix],
    { env: { ...process.env, ...XDG }, timeout: 120_000 },
  );
}

/** Launches headless Chromium with a throw-away profile; returns `{ context, page, close() }`. */
export async function launchBrowser(runDir, viewport = { width: 1280, height: 760 }) {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(runDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    env: { ...process.env, ...XDG },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

// Workbench chatter that says nothing about the extension: the gallery it cannot reach, routine INFO lines.
const NOISE = /ERR_NAME_NOT_RESOLVED|open-vsx|marketplace|status of 404|iframe|Overwriting|^\s+at |^ ?INFO (Creat|Resolv|Updat|\[Serv|ChatSession)/;

/** Prints the page's console (the extension host's console arrives there) minus known noise. */
export function forwardConsole(page, { all = !!process.env.IANA_E2E_ALL_CONSOLE } = {}) {
  page.on('console', async (message) => {
    const text = message.text();
    if (!all && NOISE.test(text)) return;
    let args = await Promise.all(message.args().map((h) => h.jsonValue().catch(() => '?')));
    if (!args.length) args = [text];
    // Extension-host output arrives as ('%c[Extension Host] %cformat', css, css, ...args).
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
      const styles = args[0].split('%c').length - 1;
      args = [args[0].replace(/%c/g, '').trim(), ...args.slice(1 + styles)];
    }
    const line = util.format(...args);
    if (!all && NOISE.test(line)) return;
    console.log(`  | ${line}`);
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** The payload URL that opens `folder` with the extension at `extensionDir` in development mode. */
export function workbenchUrl(port, folder, payload = []) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const entries = payload.map(([k, v]) => [k, k.endsWith('Path') ? remote(v) : v]);
  const query = `folder=${encodeURIComponent(folder)}` + (entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '');
  return `http://127.0.0.1:${port}/?${query}`;
}

/** Centre of the first `word` inside the editor line that contains `lineText`, in page pixels. */
export async function wordCentre(page, lineText, word) {
  const box = await page.evaluate(([needle, w]) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      // Monaco renders spaces as U+00A0; compare with plain spaces.
      const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const target = at + needle.indexOf(w);
      // Walk the token spans' text nodes to the character offset, then measure a DOM range over the word.
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (target < seen + len) {
          const range = document.createRange();
          range.setStart(node, target - seen);
          range.setEnd(node, Math.min(len, target - seen + w.length));
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2, right: r.right };
        }
        seen += len;
      }
    }
    return null;
  }, [lineText, word]);
  if (!box) throw new Error(`"${lineText}" is not on screen`);
  return box;
}
