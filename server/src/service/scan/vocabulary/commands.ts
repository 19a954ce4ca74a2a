import { ADDRESS_FLAGS, isAddressFlagName, isPortKey } from './common';
import { indexIn, isDigit, isSpace, lastIndexIn } from '../text/chars';
import type { PortOccurrence } from './types';
import { type AddressOptions, readAddress, readPortItem, scanKeyValue, scanValueText, TEXT } from './values';
import { wordOffsets } from '../text/words';

/*
 * Command lines: which commands and flags take ports (`--port 8080`, `-p 5432`, `-b 0.0.0.0:8000`, `docker run -p`,
 * `nc -z db 5432`), read from words a format has split (`scanCommandWords`) or from a command line (`scanCommand`).
 */

/** Flags whose value is a listen address: the list the shell finder reads too, kept in common.ts. */
const BIND_FLAGS = ADDRESS_FLAGS;

/**
 * Commands whose `-p`/`-P` is not a port: a pid (`ps -p 1`, `strace -p`), a count (`xargs -P 4`,
 * `go test -p 4`), a strip level (`patch -p1`), "parents" (`mkdir -p`), a prompt or a password.
 */
const NOT_PORT_P = new Set([
  'mkdir', 'cp', 'ps', 'xargs', 'parallel', 'tar', 'install', 'useradd', 'usermod', 'grep', 'egrep', 'patch', 'git',
  'pgrep', 'pkill', 'strace', 'ltrace', 'perf', 'gdb', 'kill', 'renice', 'taskset', 'prlimit', 'ionice', 'lsof', 'top',
  'htop', 'pidstat', 'unzip', 'zip', 'read', 'sudo', 'su', 'time', 'type', 'command', 'hash', 'ulimit', 'go', 'make',
  'pytest', 'java', 'rsync', 'wget', 'curl', 'ab', 'chrt', 'chown', 'numactl', 'timeout',
  'mktemp', 'touch', 'ln', 'mv', 'openssl', 'passwd', 'chpasswd', 'crontab', 'diff', 'ls', 'cat', 'jq', 'yq', 'sort',
]);

/** Commands whose second positional argument is a port (`nc -z db 5432`, `telnet mail 25`). */
const HOST_PORT_COMMANDS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'wait-for', 'wait-for-it']);

/** Command words after which the next word starts a new command: `&&`, `||`, `;`, `|`, `(`, `exec`, `sudo`, `then`, `do`. */
function isCommandBreak(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  switch (e - s) {
    case 1: return c === 59 || c === 124 || c === 40;
    case 2: return (c === 38 || c === 124) && text.charCodeAt(s + 1) === c || (c === 100 && text.charCodeAt(s + 1) === 111);
    case 4: return text.startsWith('exec', s) || text.startsWith('sudo', s) || text.startsWith('then', s);
    default: return false;
  }
}

/** True when text[s, e) is an environment variable name: `[A-Za-z_][A-Za-z0-9_.]*`. */
function isVariableName(text: string, s: number, e: number): boolean {
  const c0 = text.charCodeAt(s);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95)) return false;
  for (let i = s + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 46)) return false;
  }
  return e > s;
}

/**
 * Scans a command line held as words (already without quotes, as `wordOffsets` lists them):
 * `--port 8080`, `--port=8080`, `-p 5432`, `-Dserver.port=8080`, `-b 0.0.0.0:8000`, `--bind :8000`,
 * `PORT=3000 node app.js`, `nc -z db 5432`, `python -m http.server 8000`, and URLs or `host:port` in
 * any word. Words are read where they stand; only flags, commands and variable names become strings.
 */
export function scanCommandWords(text: string, words: readonly number[], out: PortOccurrence[]): void {
  let cmd = '';
  let positional = 0;
  for (let n = 0; n < words.length; n += 2) {
    const s = words[n];
    const e = words[n + 1];
    if (isCommandBreak(text, s, e)) {
      cmd = '';
      positional = 0;
      continue;
    }
    // `cmd;` ends a command too.
    const last = text.charCodeAt(e - 1);
    const ends = e > s && (last === 59 || (last === 38 && e - s >= 2 && text.charCodeAt(e - 2) === 38));
    const eqAt = indexIn(text, 61 /* = */, s, e);
    if (text.charCodeAt(s) === 45 /* - */ && e - s > 1) {
      const long = text.charCodeAt(s + 1) === 45;
      const eq = eqAt < 0 ? -1 : eqAt - s;
      const name = text.slice(s + (long ? 2 : 1), eq < 0 ? e : eqAt);
      const hasNext = n + 2 < words.length;
      let vs = -1;
      let ve = -1;
      if (eq >= 0) {
        vs = eqAt + 1;
        ve = e;
      } else if (!long && name.length > 1 && (name[0] === 'p' || name[0] === 'P') && /^\d+$/.test(name.slice(1))) {
        // `-p5432`
        vs = s + 2;
        ve = e;
      } else if (hasNext && text.charCodeAt(words[n + 2]) !== 45) {
        vs = words[n + 2];
        ve = words[n + 3];
      }
      const lname = name.toLowerCase();
      const isPortFlag = long || eq >= 0
        ? isPortKey(name) || lname === 'debug-port'
        : ((name === 'p' || name === 'P' || /^[pP]\d+$/.test(name)) && !NOT_PORT_P.has(cmd)) ||
          // Go's flag package takes long names after one dash: `-dns.port 53`, `-relay-port 7000`.
          (name.length >= 4 && isPortKey(name));
      const isBind = long ? BIND_FLAGS.has(lname) : name === 'b';
      // `--console-address :9001`, `--metrics-addr=:8080`: an address flag by its last word, whose bare number is left alone.
      const isAddressFlag = long && !isBind && !isPortFlag && isAddressFlagName(lname);
      const isListenShort = !long && name === 'l' && (cmd === 'nc' || cmd === 'ncat' || cmd === 'netcat' || cmd === 'serve');
      if (vs >= 0 && ve > vs) {
        if (isPortFlag || isListenShort) {
          if (!readPortItem(text, vs, ve, 'listen', out) && !readPortMapping(text, vs, ve, out)) readAddress(text, vs, ve, 'listen', out, PORT_FLAG_ADDRESS);
        } else if (isBind) {
          readAddress(text, vs, ve, 'listen', out, BIND_ADDRESS);
        } else if (isAddressFlag) {
          readAddress(text, vs, ve, 'listen', out, PORT_FLAG_ADDRESS);
        }
      }
      // `-Dserver.port=8080`: a Java system property.
      if (!long && eq > 0 && (name[0] === 'D') && isPortKey(name.slice(1))) readPortItem(text, eqAt + 1, e, 'listen', out);
      scanValueText(text, s, e, out, TEXT);
      continue;
    }
    if (eqAt > s && isVariableName(text, s, eqAt)) {
      // `PORT=3000 node server.js`, `-e DB_PORT=5432`
      scanKeyValue(text, text.slice(s, eqAt), eqAt + 1, e, out);
      continue;
    }
    if (!cmd) {
      const slash = lastIndexIn(text, 47 /* / */, s, e);
      cmd = text.slice(slash < 0 ? s : slash + 1, e);
      positional = 0;
    } else {
      positional++;
      if (positional === 2 && HOST_PORT_COMMANDS.has(cmd)) readPortItem(text, s, e, 'connect', out);
      if ((e - s === 11 && text.startsWith('http.server', s)) || (e - s === 16 && text.startsWith('SimpleHTTPServer', s))) {
        if (n + 2 < words.length) readPortItem(text, words[n + 2], words[n + 3], 'listen', out);
      }
    }
    scanValueText(text, s, e, out, TEXT);
    if (ends) {
      cmd = '';
      positional = 0;
    }
  }
}

export const PORT_FLAG_ADDRESS: AddressOptions = { emptyHost: true, anyHost: true };

const BIND_ADDRESS: AddressOptions = { bareNumber: true, anyHost: true, emptyHost: true };

/** `docker run -p 8080:80` / `127.0.0.1:8080:80/tcp`: the host port and the container port. */
function readPortMapping(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  // Two or three parts separated by colons; the last two are the host and container ports.
  const c1 = indexIn(text, 58, s, e);
  if (c1 < 0) return false;
  const c2 = indexIn(text, 58, c1 + 1, e);
  if (c2 >= 0 && indexIn(text, 58, c2 + 1, e) >= 0) return false;
  const hs = c2 < 0 ? s : c1 + 1;
  const he = c2 < 0 ? c1 : c2;
  const before = out.length;
  if (!readPortItem(text, hs, he, 'host', out)) return false;
  if (!readPortItem(text, he + 1, e, 'container', out)) {
    out.length = before;
    return false;
  }
  return true;
}

/** The string items of a JSON-style exec array `["gunicorn", "-b", "0.0.0.0:8000"]` in text[s, e), as flat offsets. */
function execFormWords(text: string, s: number, e: number): number[] {
  const words: number[] = [];
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < e && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      words.push(i + 1, Math.min(j, e));
      i = j + 1;
    } else i++;
  }
  return words;
}

/** Scans a command given in shell form, or in exec form when it starts with `[`. */
export function scanCommand(text: string, s: number, e: number, out: PortOccurrence[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  const words = text.charCodeAt(s) === 91 ? execFormWords(text, s, e) : wordOffsets(text, s, e, true);
  scanCommandWords(text, words, out);
}
