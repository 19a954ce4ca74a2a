import type { PortFinder, PortOccurrence, PortRole } from './types';
import { digitsEnd, finish, isPortKey, portValue, protocolSuffix } from './common';
import { isPortDigits, readPortSpec, roleForKey, scanCommentContent, scanHostPortsInText, scanPlaceholderDefaults } from './codeText';

/**
 * Port recognition in shell scripts and Makefiles, and in shell commands embedded elsewhere
 * (package.json `scripts`, devcontainer commands). Commands are split into words with shell quoting
 * rules; each command is then read with what its name tells: `-p` is a port for `psql` and `ssh`, a
 * published mapping for `docker run`, a password for `mysql` and a process id for `ps`.
 */

/** A word: raw offsets, quotes included. */
interface Word {
  s: number;
  e: number;
}

/** Commands that merely run the next word as the command. */
const WRAPPERS = new Set([
  'sudo', 'exec', 'env', 'nohup', 'time', 'command', 'builtin', 'npx', 'pnpx', 'bunx', 'if', 'then', 'else', 'elif',
  'do', 'while', 'until', '!', 'watch', 'timeout', 'nice', 'ionice', 'stdbuf', 'caffeinate', 'dotenv', 'cross-env',
  'exec-cmd', '{', '(',
]);

/** Commands whose `-p` is not a port. */
const NO_SHORT_P = new Set([
  'ps', 'top', 'htop', 'kill', 'pkill', 'pgrep', 'strace', 'ltrace', 'gdb', 'perf', 'pidstat', 'renice', 'taskset',
  'prlimit', 'lsof', 'patch', 'git', 'mkdir', 'cp', 'mv', 'install', 'read', 'xargs', 'tar', 'unzip', 'zip',
  'rsync', 'sed', 'grep', 'curl', 'wget', 'sort', 'make', 'mysql', 'mysqldump', 'mysqladmin', 'mariadb',
  'mysqlimport', 'mysqlshow', 'chrt', 'mount', 'useradd', 'usermod', 'passwd', 'printf', 'echo', 'date', 'tsc',
  'jest', 'pip', 'pip3', 'pnpm', 'yarn', 'cargo', 'go', 'helm', 'terraform', 'ls', 'cat', 'diff', 'less', 'openssl',
  'ssh-keygen', 'gpg', 'zstd', 'gzip', 'xz', 'docker-compose', 'compose', 'ln', 'chmod', 'chown', 'time', 'watch',
  'sysctl', 'nproc', 'kubectl', 'awk', 'perl',
]);
/** Commands whose `-P` is the port. */
const SHORT_P_UPPER = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'mysqlimport', 'mysqlshow', 'scp', 'sftp', 'mysqlsh']);
/** Commands that accept the port glued to the flag (`-p5432`). */
const GLUED_OK = new Set(['psql', 'pg_dump', 'pg_isready', 'pg_restore', 'pg_dumpall', 'redis-cli', 'ssh', 'nc', 'ncat', 'netcat', 'mysql', 'mysqldump', 'mysqladmin', 'mariadb']);
/** Commands that connect to the port they are given. */
const CLIENTS = new Set([
  'psql', 'pg_dump', 'pg_isready', 'pg_restore', 'pg_dumpall', 'redis-cli', 'mysql', 'mysqldump', 'mysqladmin',
  'mariadb', 'mongosh', 'mongo', 'mongodump', 'mongorestore', 'ssh', 'scp', 'sftp', 'curl', 'wget', 'telnet',
  'nmap', 'wait-on', 'wait-for-it', 'wait-for-it.sh', 'grpcurl', 'openssl', 'ab', 'wrk', 'hey', 'k6', 'nats',
  'kafka-console-producer', 'kafka-console-consumer', 'cqlsh', 'clickhouse-client', 'influx', 'ldapsearch',
]);
const DOCKER_LIKE = new Set(['docker', 'podman', 'nerdctl']);
const NETCAT = new Set(['nc', 'ncat', 'netcat']);
/** Short netcat flags that take a value (which is then not the port). */
const NETCAT_VALUE_FLAGS = 'wisqxXTOIMmVec';
/** Long flags that give a port (besides names that `isPortKey` accepts). */
const LONG_PORT_FLAGS = new Set(['inspect', 'inspect-brk', 'debug-port', 'listen', 'dport', 'sport', 'expose', 'publish']);

/** Finds the ports in a shell script or Makefile. Never throws; linear in the text. */
export const findShellPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  try {
    scanShellText(text, 0, text.length, out);
  } catch {
    /* keep what was found */
  }
  return finish(out);
};

/**
 * Reads shell commands in text[from, to) and appends their ports to `out`. Used for whole scripts
 * and for command strings inside other formats (the offsets are those of `text`).
 */
export function scanShellText(text: string, from: number, to: number, out: PortOccurrence[]): void {
  let words: Word[] = [];
  let ws = -1;
  let i = from;
  const endWord = (e: number) => {
    if (ws >= 0 && e > ws) words.push({ s: ws, e });
    ws = -1;
  };
  const endCommand = () => {
    if (words.length) readCommand(text, words, out);
    words = [];
  };
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c >= 128 || PLAIN[c] === 1) {
      // The run of ordinary word characters, read in one tight loop.
      if (ws < 0) ws = i;
      i++;
      while (i < to && ((c = text.charCodeAt(i)) >= 128 || PLAIN[c] === 1)) i++;
      if (i >= to) break;
    }
    if (c === 32 || c === 9 || c === 13) {
      endWord(i);
      i++;
      continue;
    }
    if (c === 10) {
      endWord(i);
      endCommand();
      i++;
      continue;
    }
    if (c === 92 /* \ */) {
      if (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10)) {
        // Line continuation: the command goes on.
        endWord(i);
        i += text.charCodeAt(i + 1) === 13 ? 3 : 2;
        continue;
      }
      if (ws < 0) ws = i;
      i += 2;
      continue;
    }
    if (c === 35 /* # */ && ws < 0) {
      let e = text.indexOf('\n', i);
      if (e < 0 || e > to) e = to;
      scanCommentContent(text, i + 1, e, out);
      i = e;
      continue;
    }
    if (c === 59 /* ; */ || c === 124 /* | */ || c === 38 /* & */ || c === 40 /* ( */ || c === 41 /* ) */) {
      endWord(i);
      endCommand();
      i++;
      continue;
    }
    if (c === 62 /* > */ || c === 60 /* < */) {
      // A redirection: `2>&1`, `>/dev/null`, `<<EOF`. A number glued before it is a file descriptor.
      if (ws >= 0 && isPortDigits(text, ws, i)) ws = -1;
      endWord(i);
      i++;
      while (i < to && (text.charCodeAt(i) === 62 || text.charCodeAt(i) === 60)) i++;
      if (text.charCodeAt(i) === 38) i = digitsEnd(text, i + 1, to);
      continue;
    }
    if (ws < 0) ws = i;
    if (c === 39 /* ' */) {
      const e = text.indexOf("'", i + 1);
      i = e < 0 || e >= to ? to : e + 1;
      continue;
    }
    if (c === 34 /* " */ || c === 96 /* ` */) {
      i = quotedEnd(text, i, to, c);
      continue;
    }
    if (c === 36 /* $ */ && (text.charCodeAt(i + 1) === 40 || text.charCodeAt(i + 1) === 123)) {
      // `$(...)`, `${...}` and Make's `$(VAR)` stay inside the word.
      i = groupEnd(text, i + 1, to);
      continue;
    }
    i++;
  }
  endWord(to);
  endCommand();
}

/** 1 for ASCII characters that the tokenizer treats as part of a word with no further thought. */
const PLAIN = (() => {
  const t = new Uint8Array(128);
  for (let c = 33; c < 127; c++) t[c] = 1;
  // Blanks and line ends, escapes, comments, operators, redirections, quotes and `$` need a look.
  for (const ch of '\\#;|&()<>\'"`$') t[ch.charCodeAt(0)] = 0;
  return t;
})();

function quotedEnd(text: string, i: number, to: number, q: number): number {
  let j = i + 1;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q) return j + 1;
    else j++;
  }
  return to;
}

/** End of a `(...)` or `{...}` group opened at `i`, on the same line. */
function groupEnd(text: string, i: number, to: number): number {
  const open = text.charCodeAt(i);
  const close = open === 40 ? 41 : 125;
  let depth = 0;
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 10) return j;
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
    j++;
  }
  return to;
}

/** The word without surrounding quotes and backslashes (`"8080"`, `\"5173\"`). */
function unquoted(text: string, w: Word): Word {
  let s = w.s;
  let e = w.e;
  while (s < e && isQuoteish(text.charCodeAt(s))) s++;
  while (e > s && isQuoteish(text.charCodeAt(e - 1))) e--;
  return { s, e };
}

function isQuoteish(c: number): boolean {
  return c === 34 || c === 39 || c === 92 || c === 96;
}

function wordText(text: string, w: Word): string {
  return text.slice(w.s, Math.min(w.e, w.s + 200));
}

/** The word without leading and trailing `"`, `'` and `\\`, after its last `/` (`"/usr/bin/nc"` -> `nc`). */
function baseName(word: string): string {
  let s = 0;
  let e = word.length;
  while (s < e && isNameQuote(word.charCodeAt(s))) s++;
  while (e > s && isNameQuote(word.charCodeAt(e - 1))) e--;
  const slash = word.lastIndexOf('/', e - 1);
  if (slash >= s) s = slash + 1;
  return s === 0 && e === word.length ? word : word.slice(s, e);
}

function isNameQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 92;
}

/** `NAME=value`, `NAME?=value`, `NAME:=value`: the name's end and the value's start, or undefined. */
function assignment(text: string, w: Word): { name: string; v: number } | undefined {
  let i = w.s;
  const c0 = text.charCodeAt(i);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return undefined;
  while (i < w.e && isNameChar(text.charCodeAt(i))) i++;
  const nameEnd = i;
  while (i < w.e && (text.charCodeAt(i) === 63 || text.charCodeAt(i) === 58 || text.charCodeAt(i) === 43 || text.charCodeAt(i) === 33)) i++;
  if (text.charCodeAt(i) !== 61 || i - nameEnd > 3) return undefined;
  return { name: text.slice(w.s, nameEnd), v: i + 1 };
}

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}

/** An assignment value that names a port: `8080`, `"8080"`, `${PORT:-8080}`, `db:5432`. */
function readValue(text: string, s: number, e: number, out: PortOccurrence[], role: PortRole): void {
  const v = unquoted(text, { s, e });
  if (v.e <= v.s) return;
  if (text.charCodeAt(v.s) === 36 /* $ */) {
    // `${PORT:-3000}` / `${PORT:=3000}` whatever the inner name is: the variable holds a port.
    if (text.charCodeAt(v.s + 1) === 123 && text.charCodeAt(v.e - 1) === 125) {
      let i = v.s + 2;
      while (i < v.e && isNameChar(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 58) i++;
      if (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 61) {
        const d = digitsEnd(text, i + 1, v.e - 1);
        if (d === v.e - 1 && d > i + 1) {
          const port = portValue(text, i + 1, d);
          if (port >= 0) out.push({ start: i + 1, end: d, kind: 'port', port, role });
        }
      }
    }
    return;
  }
  readPortSpec(text, v.s, v.e, out, role);
}

/** A flag's value: `8080`, `8080:80`, `127.0.0.1:5432:5432/tcp`, `:8080`, `22,80,443`, `$(PORT):5432`. */
function readFlagValue(text: string, w: Word, out: PortOccurrence[], role: PortRole, mapping: boolean): void {
  const v = unquoted(text, w);
  if (v.e <= v.s) return;
  let s = v.s;
  if (text.charCodeAt(s) === 58 /* : */) s++;
  if (readPortSpec(text, s, v.e, out, role, true)) return;
  if (mapping) readLooseMapping(text, v.s, v.e, out);
}

/**
 * A published mapping with variables in it (`$(POSTGRES_PORT):5432`, `${HOST_PORT}:80/tcp`): the
 * segments that are numbers are still ports.
 */
function readLooseMapping(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let ps = s;
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 58) {
      let pe = i;
      const slash = text.lastIndexOf('/', pe);
      if (slash >= ps && protocolSuffix(text, slash)) pe = slash;
      if (isPortDigits(text, ps, pe)) {
        const port = portValue(text, ps, pe);
        out.push({ start: ps, end: pe, kind: 'port', port, role: i === e ? 'container' : 'host', protocol: protocolSuffix(text, pe) });
      }
      ps = i + 1;
    }
  }
}

/** ssh `-L [bind:]port:host:hostport`, `-R ...`, `-D [bind:]port`: the first and last numbers. */
export function readForward(text: string, w: Word, out: PortOccurrence[]): void {
  const v = unquoted(text, w);
  const parts: [number, number][] = [];
  let ps = v.s;
  for (let i = v.s; i <= v.e; i++) {
    if (i === v.e || text.charCodeAt(i) === 58) {
      parts.push([ps, i]);
      ps = i + 1;
    }
  }
  const nums = parts.filter(([a, b]) => isPortDigits(text, a, b));
  if (nums.length === 0 || nums.length > 2) return;
  nums.forEach(([a, b], k) => {
    out.push({ start: a, end: b, kind: 'port', port: portValue(text, a, b), role: k === 0 ? 'listen' : 'connect' });
  });
}

/** Reads one simple command (its words) for ports. */
function readCommand(text: string, words: Word[], out: PortOccurrence[]): void {
  // Every word may hold a URL, host:port or a `${PORT:-3000}` default.
  for (const w of words) scanWord(text, w, out);

  // Make-style and spaced assignments: `PORT ?= 8000`, `PORT := 8000`.
  if (words.length >= 3) {
    const op = wordText(text, words[1]);
    if (op === '=' || op === '?=' || op === ':=' || op === '::=' || op === '+=') {
      const name = wordText(text, words[0]).replace(/^export\s+/, '');
      if (isPortKey(name) && words.length === 3) readValue(text, words[2].s, words[2].e, out, roleForKey(name));
      return;
    }
  }

  let k = 0;
  // Leading assignments and wrappers (`PGPASSWORD=x psql`, `sudo -u app nc`, `export PORT=1`).
  for (; k < words.length; k++) {
    const w = words[k];
    const a = assignment(text, w);
    if (a) {
      if (isPortKey(a.name)) readValue(text, a.v, w.e, out, roleForKey(a.name));
      continue;
    }
    const t = wordText(text, w);
    if (t === 'export' || t === 'local' || t === 'readonly' || t === 'declare' || t === 'typeset' || t === 'set') {
      for (k++; k < words.length; k++) {
        const b = assignment(text, words[k]);
        if (b && isPortKey(b.name)) readValue(text, b.v, words[k].e, out, roleForKey(b.name));
      }
      return;
    }
    if (WRAPPERS.has(baseName(t))) {
      if (t === 'sudo') while (k + 1 < words.length && wordText(text, words[k + 1]).startsWith('-')) k += /^-[ugCD]$/.test(wordText(text, words[k + 1])) ? 2 : 1;
      continue;
    }
    if (t.startsWith('-') && k > 0) continue;
    break;
  }
  if (k >= words.length) return;
  const cmd = baseName(wordText(text, words[k]));
  let sub = '';
  const docker = DOCKER_LIKE.has(cmd);
  const netcat = NETCAT.has(cmd);
  const clientRole: PortRole = CLIENTS.has(cmd) ? 'connect' : 'listen';
  let listenFlag = false;
  let pythonModule = '';
  const positional: Word[] = [];

  for (let j = k + 1; j < words.length; j++) {
    const w = words[j];
    const u = unquoted(text, w);
    const a = assignment(text, u);
    if (a) {
      if (isPortKey(a.name)) readValue(text, a.v, u.e, out, roleForKey(a.name));
      continue;
    }
    // Most words are plain arguments: only flags need their text.
    if (text.charCodeAt(u.s) !== 45 /* - */ || u.e <= u.s) {
      if (!sub) sub = wordText(text, u);
      positional.push(u);
      continue;
    }
    const t = wordText(text, u);
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq >= 0 ? t.slice(2, eq) : t.slice(2);
      const portFlag = isPortKey(name) || LONG_PORT_FLAGS.has(name);
      if (!portFlag) continue;
      const mapping = name === 'publish' || (docker && name === 'port');
      const role: PortRole = name === 'publish' ? 'host' : clientRole;
      if (eq >= 0) readFlagValue(text, { s: u.s + eq + 1, e: u.e }, out, role, mapping);
      else if (j + 1 < words.length) readFlagValue(text, words[++j], out, role, mapping);
      continue;
    }
    if (t.startsWith('-') && t.length >= 2 && !/^-\d/.test(t)) {
      const letters = t.slice(1);
      if (netcat && letters.includes('l')) listenFlag = true;
      const last = letters[letters.length - 1];
      if (cmd === 'python' || cmd === 'python3') {
        if (letters === 'm' && j + 1 < words.length) pythonModule = wordText(text, words[++j]);
        continue;
      }
      if (cmd === 'ssh' && (letters === 'L' || letters === 'R' || letters === 'D')) {
        if (j + 1 < words.length) readForward(text, words[++j], out);
        continue;
      }
      let isPort = false;
      if (last === 'p' && !docker) isPort = !NO_SHORT_P.has(cmd);
      else if (last === 'p' && docker) isPort = true;
      else if (last === 'P') isPort = SHORT_P_UPPER.has(cmd);
      const glued = letters.length > 1 && (letters[0] === 'p' || letters[0] === 'P') && /^\d+$/.test(letters.slice(1));
      if (glued) {
        if (GLUED_OK.has(cmd) && (letters[0] === 'P' ? SHORT_P_UPPER.has(cmd) : !NO_SHORT_P.has(cmd))) readFlagValue(text, { s: u.s + 2, e: u.e }, out, clientRole, false);
        continue;
      }
      if (isPort) {
        if (j + 1 < words.length) readFlagValue(text, words[++j], out, docker ? 'host' : netcat && !listenFlag ? 'listen' : clientRole, docker);
        continue;
      }
      if (netcat && NETCAT_VALUE_FLAGS.includes(last) && letters.length === 1) j++;
      continue;
    }
    if (!sub) sub = t;
    positional.push(u);
  }

  // Commands that take the port as a plain argument.
  if (netcat || cmd === 'telnet') {
    const hostFirst = !(netcat && listenFlag);
    positional.forEach((w, idx) => {
      if (hostFirst && idx === 0) return;
      readPortSpec(text, w.s, w.e, out, hostFirst ? 'connect' : 'listen');
    });
  } else if ((cmd === 'python' || cmd === 'python3' || cmd === 'py') && /^(http\.server|SimpleHTTPServer)$/.test(pythonModule)) {
    const p = positional.find((w) => isPortDigits(text, w.s, w.e));
    if (p) readPortSpec(text, p.s, p.e, out, 'listen');
  } else if (cmd === 'kubectl' && sub === 'port-forward') {
    for (const w of positional.slice(2)) readFlagValue(text, w, out, 'listen', false);
  } else if (cmd === 'ufw' && (sub === 'allow' || sub === 'deny' || sub === 'reject' || sub === 'limit')) {
    for (const w of positional.slice(1)) readPortSpec(text, w.s, w.e, out, 'listen');
  } else if (cmd === 'fuser') {
    for (const w of positional) if (/^\d+\/(tcp|udp)$/.test(wordText(text, w))) readPortSpec(text, w.s, w.e, out, 'listen');
  }
}

/** URLs, host:port and `${PORT:-3000}` defaults anywhere in a word. */
function scanWord(text: string, w: Word, out: PortOccurrence[]): void {
  let colon = false;
  let dollar = false;
  for (let i = w.s; i < w.e; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) colon = true;
    else if (c === 36) dollar = true;
  }
  if (dollar) scanPlaceholderDefaults(text, w.s, w.e, out);
  if (colon) {
    const u = unquoted(text, w);
    // `:3000` (lsof -i :3000, gunicorn -b :8000) is a port on all addresses.
    const empty = text.charCodeAt(u.s) === 58 && isPortDigits(text, u.s + 1, u.e);
    if (empty) out.push({ start: u.s + 1, end: u.e, kind: 'port', port: portValue(text, u.s + 1, u.e), role: 'listen' });
    else scanHostPortsInText(text, w.s, w.e, out);
  }
}
