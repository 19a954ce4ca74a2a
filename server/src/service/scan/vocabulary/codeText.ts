import type { PortOccurrence, PortRole } from './types';
import { portAt } from './occurrence';
import { markDocumentation, scanProseNumbers } from './prose';
import { defaultAfterName, isClearHost, isPlaceholderNameChar, isPortKey, portValue, protocolSuffix, scanHostPorts, scanPortFlags, sortTail } from './common';
import { digitsEnd, isDigit, CHAR_MARK, MARK_COLON, MARK_DASH, MARK_DOLLAR, MARK_EQUALS, MARK_FORMAT } from '../text/chars';
import { scanUpstreamsActions } from './templates';
import type { HostPortOptions } from './common';
import { mayHoldPortWord, roleForKey } from './keys';
import { EVERY_COMMAND_LONG } from './commandTable';

/**
 * Recognition inside free text that the code, JSON and shell finders share: the contents of a string
 * literal, a comment, a shell word. Everything here is linear in the length of the text it reads.
 */

/** File extensions that make `main.go:1234` a source position rather than a host and port. */
const FILE_EXTENSIONS = new Set([
  'go', 'py', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'rs', 'java', 'kt', 'rb', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs',
  'php', 'swift', 'scala', 'ex', 'exs', 'erl', 'hs', 'lua', 'pl', 'pm', 'sh', 'txt', 'log', 'json', 'yaml', 'yml',
  'md', 'html', 'css', 'vue', 'svelte', 'dart', 'groovy', 'class', 'jar', 'dll', 'so', 'o', 'jl', 'r', 'zig',
]);

/** True for `main.go`, `app.log`: a file name, which `name:120` follows as a line number. */
export function isFilePosition(host: string): boolean {
  const dot = host.lastIndexOf('.');
  return dot > 0 && FILE_EXTENSIONS.has(host.slice(dot + 1).toLowerCase());
}

/** Characters that may stand right before a dotless host written as a whole token (`db:5432`). */
function isBareHostBoundary(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 ||
    c === 61 /* = */ || c === 40 /* ( */ || c === 44 /* , */ || c === 91 /* [ */ || c === 123 /* { */ || c === 64 /* @ */;
}

/** What may stand before a host-less `:8080` inside a string: a space, `=` or `,` (a quote there closes a JSON key). */
function isEmptyHostBoundary(c: number): boolean {
  return c === 32 || c === 9 || c === 61 /* = */ || c === 44 /* , */;
}

export interface TextScanOptions {
  /** Text of a comment or prose: only URLs and clear hosts (localhost, IP addresses, dotted names) count. */
  prose?: boolean;
  /** Role for host:port pairs without a scheme (default: from the host). */
  role?: PortRole;
  /** Accept `:8080` with no host. */
  allowEmptyHost?: boolean;
}

/**
 * URLs and `host:port` in text[from, to), with stricter rules than `scanHostPorts` alone for free
 * text: a dotless host (`db:5432`) must be a whole token, `main.go:120` is a source position, and in
 * prose only URLs and clear hosts count.
 */
export function scanHostPortsInText(text: string, from: number, to: number, out: PortOccurrence[], opts: TextScanOptions = NO_OPTIONS): void {
  // The candidates are appended to `out` and those that fail the stricter rules removed again in place.
  const first = out.length;
  const hostOpts = opts === NO_OPTIONS ? PLAIN_HOSTS : opts === STRING_TEXT ? STRING_HOSTS : opts === PROSE ? PROSE_HOSTS
    : { role: opts.role, allowEmptyHost: opts.allowEmptyHost && !opts.prose, sentenceEnd: opts.prose };
  scanHostPorts(text, from, to, out, hostOpts);
  let w = first;
  for (let r = first; r < out.length; r++) {
    const o = out[r];
    if (keepHostPort(text, from, o, opts)) out[w++] = o;
  }
  if (w < out.length) out.length = w;
}

// Option objects for the common calls, made once rather than per string or comment.
const NO_OPTIONS: TextScanOptions = {};
const STRING_TEXT: TextScanOptions = { allowEmptyHost: true };
const PROSE: TextScanOptions = { prose: true };
const PLAIN_HOSTS: HostPortOptions = { role: undefined, allowEmptyHost: undefined, sentenceEnd: undefined };
const STRING_HOSTS: HostPortOptions = { role: undefined, allowEmptyHost: true, sentenceEnd: undefined };
const PROSE_HOSTS: HostPortOptions = { role: undefined, allowEmptyHost: undefined, sentenceEnd: true };

/** The stricter rules of `scanHostPortsInText` for one candidate. */
function keepHostPort(text: string, from: number, o: PortOccurrence, opts: TextScanOptions): boolean {
  if (o.scheme) return true;
  const host = o.host ?? '';
  const hs = o.start - 1 - host.length;
  // `:8080` alone, not a slice (`[:2]`) or a label (`note:80`).
  if (host === '' && hs > from && !isEmptyHostBoundary(text.charCodeAt(hs - 1))) return false;
  // `${inventory.page-size:25}`: the default of a placeholder that does not name a port.
  if (hs >= from + 2 && text.charCodeAt(hs - 1) === 123 && text.charCodeAt(hs - 2) === 36) return false;
  if (isFilePosition(host)) return false;
  const clear = host !== '' && isClearHost(host);
  if (opts.prose && !clear) return false;
  if (!clear && host !== '') {
    // Machine names have no underscores; `iso_8859-2:1987` is a label.
    if (host.includes('_')) return false;
    if (!isBareHostBoundary(hs > from ? text.charCodeAt(hs - 1) : NaN)) return false;
  }
  return true;
}

/**
 * Placeholders with a port default, `${server.port:8080}` (Spring), `${PORT:-3000}` and `${PORT:=3000}`
 * (shell), in text[from, to). The variable must name a port.
 */
export function scanPlaceholderDefaults(text: string, from: number, to: number, out: PortOccurrence[]): void {
  let i = text.indexOf('${', from);
  while (i >= 0 && i < to - 2) {
    let j = i + 2;
    while (j < to && isPlaceholderNameChar(text.charCodeAt(j), true)) j++;
    const key = text.slice(i + 2, j);
    const v = defaultAfterName(text, j, true);
    if (v > 0 && key && isPortKey(key)) {
      const ve = digitsEnd(text, v, to);
      if (ve > v && text.charCodeAt(ve) === 125 /* } */) {
        const port = portValue(text, v, ve);
        if (port >= 0) out.push(portAt(v, ve, port, roleForKey(key)));
      }
    }
    i = text.indexOf('${', j > i + 2 ? j : i + 2);
    if (i >= to) break;
  }
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 46 || c === 45;
}

/** Connection-string keys whose value may be `host,port` (SQL Server: `Server=sql.internal,1433`). */
const SERVER_KEYS = new Set(['server', 'source', 'address', 'addr']);

function readCommaPort(text: string, v: number, to: number, out: PortOccurrence[]): void {
  // `Server=tcp:sql.example.com,1433`: the protocol prefix is no part of the host.
  if (to - v > 4 && (text.charCodeAt(v) | 32) === 116 && (text.charCodeAt(v + 1) | 32) === 99 && (text.charCodeAt(v + 2) | 32) === 112 && text.charCodeAt(v + 3) === 58) v += 4;
  let i = v;
  while (i < to && i - v < 256 && isKeyChar(text.charCodeAt(i))) i++;
  if (i === v || text.charCodeAt(i) !== 44 /* , */) return;
  const ps = i + 1;
  const pe = digitsEnd(text, ps, to);
  const after = pe < to ? text.charCodeAt(pe) : NaN;
  if (pe === ps || !(Number.isNaN(after) || after === 59 || after === 34 || after === 39 || after === 32)) return;
  const port = portValue(text, ps, pe);
  if (port >= 0) out.push(portAt(ps, pe, port, 'connect', text.slice(v, i)));
}

/**
 * SQL Server's `host,port` in the connection strings of text[from, to) (`Server=db,1433;`,
 * `Data Source=tcp:sql.example.com,1433`), for the formats whose values are not read with
 * `scanKeyEqualsPorts`.
 */
export function scanServerCommaPorts(text: string, from: number, to: number, out: PortOccurrence[]): void {
  for (let i = indexOfBounded(text, 61 /* = */, from, to); i >= 0; i = indexOfBounded(text, 61, i + 1, to)) {
    let k = i;
    while (k > from && i - k <= 8 && isKeyChar(text.charCodeAt(k - 1))) k--;
    if (k < i && i - k <= 7 && SERVER_KEYS.has(text.slice(k, i).toLowerCase())) readCommaPort(text, i + 1, to, out);
  }
}

/**
 * `key=value` pairs whose key names a port inside text[from, to): connection strings
 * (`host=db port=5432`, `Server=db;Port=5432`), `server.port=8081`, `PORT=3000 node app.js`.
 */
export function scanKeyEqualsPorts(text: string, from: number, to: number, out: PortOccurrence[]): void {
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 61 /* = */) continue;
    let k = i;
    while (k > from && isKeyChar(text.charCodeAt(k - 1))) k--;
    if (k === i) continue;
    if (text.charCodeAt(k) === 45) {
      // `--server.port=8081` is a flag, which scanPortFlags reads; `-Dserver.port=8081` a Java system property.
      if (text.charCodeAt(k + 1) !== 68 /* D */ || i - k < 3) continue;
      k += 2;
    }
    const key = text.slice(k, i);
    if (!isPortKey(key)) {
      if (SERVER_KEYS.has(key.toLowerCase())) readCommaPort(text, i + 1, to, out);
      continue;
    }
    let v = i + 1;
    const q = text.charCodeAt(v);
    if (q === 34 || q === 39) v++;
    const ve = digitsEnd(text, v, to);
    if (ve === v) continue;
    const after = ve < to ? text.charCodeAt(ve) : NaN;
    // A colon may end it too: firewalld's `port=80:proto=tcp:toport=8080`.
    if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 59 || after === 38 || after === 44 ||
      after === 34 || after === 39 || after === 47 || after === 92 || after === 41 || after === 10 || after === 13 ||
      after === 58)) continue;
    const port = portValue(text, v, ve);
    if (port >= 0) out.push(portAt(v, ve, port, roleForKey(key), undefined, protocolSuffix(text, ve)));
  }
}

/**
 * Everything a string literal of code or JSON can say about ports: URLs, `host:port`, `:8080`,
 * Spring/shell placeholders with defaults, `key=port` pairs and `--port N` flags. `from`/`to` bound
 * the literal's contents, without quotes.
 */
export function scanStringContent(text: string, from: number, to: number, out: PortOccurrence[]): void {
  let marks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) marks |= CHAR_MARK[c];
  }
  scanStringContentMarked(text, from, to, out, marks);
}

/**
 * `scanStringContent` for a caller that has already read the characters: `marks` holds (at least)
 * the CHAR_MARK bits of every character in text[from, to). A bit set for a character that is not
 * there only costs a scan that finds nothing.
 */
export function scanStringContentMarked(text: string, from: number, to: number, out: PortOccurrence[], marks: number): void {
  if (to - from < 2) return;
  // Placeholders come first so that `${server.port:8080}` keeps its role when host:port finds it too.
  if (marks & MARK_DOLLAR) scanPlaceholderDefaults(text, from, to, out);
  if (marks & MARK_COLON) scanHostPortsInText(text, from, to, out, STRING_TEXT);
  if (marks & MARK_EQUALS) scanKeyEqualsPorts(text, from, to, out);
  if (marks & MARK_DASH) scanPortFlags(text, from, to, out);
  // A container label's value: caddy-docker-proxy's `{{upstreams 80}}`.
  if (marks & MARK_FORMAT) scanUpstreamsActions(text, from, to, out);
}

/** What a comment can say: URLs, clear `host:port` and numbers its sentences tie to a port; all documentation. */
export function scanCommentContent(text: string, from: number, to: number, out: PortOccurrence[]): void {
  const first = out.length;
  if (indexOfBounded(text, 58, from, to) >= 0) scanHostPortsInText(text, from, to, out, PROSE);
  scanProseNumbers(text, from, to, out, first);
  markDocumentation(out, first);
  // A host:port is read before the sentence's numbers, which may stand before it.
  sortTail(out, first);
}

/**
 * A string of code read as a message (`"listening on port 5000"`, `"set PORT to 8080"`): numbers its
 * sentence ties to a port word, as documentation. Only strings that hold the letters "port" are read;
 * `out[from..]` are what the string's other readers found, which it leaves alone.
 */
export function scanMessageContent(text: string, cs: number, ce: number, out: PortOccurrence[], from: number): void {
  if (!mayHoldPortWord(text, cs, ce)) return;
  const first = out.length;
  scanProseNumbers(text, cs, ce, out, from);
  markDocumentation(out, first);
  sortTail(out, from);
}

function indexOfBounded(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/**
 * Long flags that give a port besides names that `isPortKey` accepts (`--inspect=9229`): the command
 * table's flags of every command whose value is a port or a published mapping.
 */
const LONG_PORT_FLAGS: ReadonlySet<string> = new Set(
  Object.keys(EVERY_COMMAND_LONG).filter((f) => EVERY_COMMAND_LONG[f] === 'port' || EVERY_COMMAND_LONG[f] === 'published'),
);

/** A command-line flag, written alone, whose value is a port: `-p`, `--port`, `--metrics-port`, `--inspect`. */
export function isPortFlag(flag: string): boolean {
  if (flag === '-p' || flag === '-P') return true;
  if (!flag.startsWith('--') || flag.length < 4) return false;
  const name = flag.slice(2);
  return isPortKey(name) || LONG_PORT_FLAGS.has(name);
}

/** Last labels of names that are certainly machines (`cache.internal`, `mail.example.com`). */
const HOST_SUFFIXES = new Set([
  'com', 'org', 'net', 'io', 'dev', 'local', 'internal', 'lan', 'corp', 'svc', 'cloud', 'app', 'ai', 'co', 'us',
  'uk', 'de', 'fr', 'eu', 'gov', 'edu', 'test', 'example', 'localdomain', 'home', 'arpa', 'intra', 'private',
  'cluster', 'consul', 'ru', 'cn', 'jp', 'nl', 'ch', 'se', 'no', 'fi', 'ca', 'au', 'in', 'br', 'it', 'es', 'pl',
]);

/**
 * True for a string that names a machine beyond doubt: localhost, an IP address, a wildcard, or a
 * dotted name ending in a known domain (`cache.internal`, `smtp.example.com`). Stricter than
 * `isClearHost`, for strings with no `:port` of their own (`connect("db.internal", 5432)`).
 */
export function isLikelyHost(host: string): boolean {
  if (host === '' || host === '*' || host === '::' || host === '::1' || host === '[::]' || host === '[::1]') return true;
  const h = host.toLowerCase();
  if (h === 'localhost' || h === 'host.docker.internal') return true;
  if (!isClearHost(host) || host.includes('/') || host.includes(' ') || host.includes('@')) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return true;
  const dot = h.lastIndexOf('.');
  return dot > 0 && HOST_SUFFIXES.has(h.slice(dot + 1));
}

/**
 * For a format string, the index (among its placeholders) of the one that stands for a port:
 * `"%s:%d"` gives 1, `"{}:{}"` gives 1, `"probe %s:%d: %w"` gives 1. -1 when there is none.
 */
export function formatPortIndex(text: string, from: number, to: number): number {
  let idx = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */) {
      const d = text.charCodeAt(i + 1);
      if (d === 37) {
        i++;
        continue;
      }
      if (d === 100 || d === 115 || d === 118 || d === 105 || d === 117) {
        if (text.charCodeAt(i - 1) === 58 && i - 1 >= from) return idx;
        idx++;
        i++;
      }
    } else if (c === 123 /* { */ && text.charCodeAt(i + 1) === 125) {
      if (text.charCodeAt(i - 1) === 58 && i - 1 >= from) return idx;
      idx++;
      i++;
    }
  }
  return -1;
}

/** What a log message says of the argument after it: nothing, a port by its wording, or one by "on" alone. */
export const MESSAGE_NONE = 0;
/** The message ends in a port word: `'up on port'`, `"port:"`, `'listening on port='`. */
export const MESSAGE_PORT = 1;
/** The message ends in "on" or "at": `'ledger callbacks on'`, `"listening at"`; only a port-like number counts. */
export const MESSAGE_ON = 2;

/**
 * How a string that a log call prints before its next argument ends (`console.log('up on port', 3000)`):
 * MESSAGE_PORT after the word "port" or "ports", MESSAGE_ON after " on" or " at" (with a colon or blanks
 * after either), else MESSAGE_NONE. Only the last 16 characters are read.
 */
export function messageEnding(text: string, from: number, to: number): number {
  let e = to;
  const stop = Math.max(from, to - 16);
  while (e > stop) {
    const c = text.charCodeAt(e - 1);
    if (c === 32 || c === 58 /* : */ || c === 61 /* = */ || c === 9) e--;
    else break;
  }
  let w = e;
  while (w > stop && isLetter(text.charCodeAt(w - 1))) w--;
  // The word must stand alone: at the string's start or after a blank.
  if (w > from && text.charCodeAt(w - 1) !== 32) return MESSAGE_NONE;
  const n = e - w;
  if (n === 4 || n === 5) {
    const last = (text.charCodeAt(e - 1) | 32);
    const p = n === 5 && last === 115 ? e - 1 : e;
    if (p - w === 4 && (text.charCodeAt(w) | 32) === 112 && (text.charCodeAt(w + 1) | 32) === 111 &&
      (text.charCodeAt(w + 2) | 32) === 114 && (text.charCodeAt(w + 3) | 32) === 116) return MESSAGE_PORT;
  }
  if (n === 2 && w > from) {
    const a = text.charCodeAt(w) | 32;
    const b = text.charCodeAt(w + 1) | 32;
    if ((a === 111 && b === 110) || (a === 97 && b === 116)) return MESSAGE_ON;
  }
  return MESSAGE_NONE;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * For a log message with placeholders, the index (among its placeholders) of the one the word "port"
 * stands right before: `"endpoint on port {} is gone"` gives 0, `"%s listening on port %d"` gives 1. -1
 * when there is none.
 */
export function messagePortIndex(text: string, from: number, to: number): number {
  let idx = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let len = 0;
    if (c === 37 /* % */) {
      const d = text.charCodeAt(i + 1);
      if (d === 37) {
        i++;
        continue;
      }
      if (d === 100 || d === 115 || d === 118 || d === 105 || d === 117) len = 2;
    } else if (c === 123 /* { */ && text.charCodeAt(i + 1) === 125) len = 2;
    if (len === 0) continue;
    if (i > from && messageEnding(text, from, i) === MESSAGE_PORT) return idx;
    idx++;
    i += len - 1;
  }
  return -1;
}

/** True for a number that reads as a port where only "on" ties it to one: 80, 443, or 1024-65535 but for powers of two. */
export function isPortLikeNumber(v: number): boolean {
  if (v === 80 || v === 443) return true;
  return v >= 1024 && v <= 65535 && (v & (v - 1)) !== 0;
}

/** True when text[from, to) is a run of ASCII digits short enough to be a port. */
export function isPortDigits(text: string, from: number, to: number): boolean {
  return to > from && to - from <= 6 && digitsEnd(text, from, to) === to;
}

