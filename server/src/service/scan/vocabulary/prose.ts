import type { PortOccurrence } from './types';
import { portAt } from './occurrence';
import { portValue } from './common';
import { digitsEnd, isDigit } from '../text/chars';
import { SOFTWARE } from '../../softwarePorts';

/**
 * Reads ports out of sentences: comments, README prose, list items and table rows. A number counts
 * only when the text ties it to a port: a port word before or after it ("listens on port 9000",
 * "ports 587 / 465", "the 50000 port"), a known service whose usual port it is ("SMTP 25", "Kafka
 * broker: 9092", "80 for HTTP"), or the same number already read as a port on the line ("prefer port
 * 465, as 465 provides ..."). Versions, steps, issue numbers, years, sizes and digits inside names
 * never count. Everything found here is documentation: it carries `inComment`, which rules skip.
 */

/** A word, a number or one punctuation character of a sentence, with its offsets in the text. */
interface Token {
  s: number;
  e: number;
  /** Lower-case text. */
  w: string;
  /** The value for a run of digits, else -1. */
  n: number;
}

// A token is what /[A-Za-z0-9]+(?:[._'\u2019-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]/g matches (`tokenize` reads it by
// character codes): words joined by `_`, `-`, `.` or an apostrophe stay one token (`in_25`, `6379.conf`,
// `v1.2`, `don't`), so digits inside names and versions never stand alone; `40000-40002` is split again.

/** Characters that decorate a word in prose and Markdown without changing what it says. */
const DECORATION = new Set(['*', '`', '_', '"', '\'', '(', '[', ']', '<', '>', '~', '\u201c', '\u201d']);

/** Words and signs that join the numbers of a list: "587 / 465", "80, 443 and 8080", "3000 to 3005". */
const LIST_JOINERS = new Set([',', '/', 'or', 'and', '&', '-', '\u2013', '\u2014', 'to', 'through', '+', '|']);

/** Words that may stand between a port word and its number: "port is 80", "the port to 587", "port, default is 6379". */
const FILLERS = new Set([
  'is', 'are', 'was', 'were', 'be', 'the', 'a', 'default', 'defaults', 'to', 'on', 'at', 'of', 'number', 'numbers',
  'set', 'as', 'e', 'g', 'eg', 'i', 'ie', ':', '=', ',', 'by', 'its', 'their', 'from', 'value', 'usually', 'typically',
  'normally', 'also', 'then', 'still', 'will', 'range', 'between', '-', '\u2013', 'tcp', 'udp', 'such', 'like',
]);

/** Port words in the sense of a TCP/UDP port; a hardware port (`USB port 3`) is not one. */
const PORT_WORDS = new Set(['port', 'ports', 'portnumber']);
const HARDWARE = new Set(['usb', 'serial', 'parallel', 'com', 'hdmi', 'display', 'thunderbolt', 'switch', 'ethernet', 'sata', 'pcie', 'gpio']);

/**
 * Verbs after which "on" or "at" and a number name where something listens: "listens on 8080", "the
 * sidecar answers on 7878", "published on the host's 54320".
 */
const LISTEN_VERBS = new Set([
  'listen', 'listens', 'listening', 'serve', 'serves', 'served', 'serving', 'run', 'runs', 'running', 'answer',
  'answers', 'answering', 'bound', 'bind', 'binds', 'published', 'publishes', 'exposed', 'exposes', 'available',
  'reachable', 'accepts', 'accepting', 'up', 'started', 'starts', 'lives', 'sits',
]);

/** Verbs whose object, right after them, is a port: "forwards 2222", "the gateway only routes 8080", "blocks 587". */
const PORT_OBJECT_VERBS = new Set([
  'forward', 'forwards', 'forwarded', 'route', 'routes', 'routed', 'expose', 'exposes', 'publish', 'publishes',
  'block', 'blocks', 'blocked', 'holds', 'occupies', 'frees', 'opens',
]);

/**
 * A number that reads as a port where only the wording around it says so: 20 and up, not a year, not a
 * power of two from 64 (a size), at most 65535.
 */
function isPortish(v: number): boolean {
  return v >= 20 && v <= 65535 && !isYear(v) && !(v >= 64 && (v & (v - 1)) === 0);
}

/** The `on`, `at` or `to` before number `i`, over `the` and a possessive ("on the host's 54320"), or -1. */
function onBefore(t: Token[], i: number): number {
  let on = prev(t, i);
  for (let k = 0; on >= 0 && k < 2 && (t[on].w === 'the' || /['\u2019]s$/.test(t[on].w)); k++) on = prev(t, on);
  return on >= 0 && (t[on].w === 'on' || t[on].w === 'at' || t[on].w === 'to') ? on : -1;
}

/** "listens on 8080": a listening verb within three words before the `on` or `at` before number `i`. */
function listenVerbBefore(t: Token[], i: number): boolean {
  const on = onBefore(t, i);
  if (on < 0) return false;
  let j = prev(t, on);
  // "on the host's 54320": the words between `on` and the number were skipped by `prev` only when decoration.
  for (let words = 0; j >= 0 && words < 3; words++) {
    if (LISTEN_VERBS.has(t[j].w)) return t[on].w !== 'to' || t[j].w === 'bound';
    if (t[j].w === '.' || t[j].w === ';') return false;
    j = prev(t, j);
  }
  return false;
}

/** "the API's 8080": a possessive right before number `i`. */
function possessiveBefore(t: Token[], i: number): boolean {
  const p = prev(t, i);
  return p >= 0 && /['\u2019]s$/.test(t[p].w) && t[p].e === t[i].s - 1;
}

/** "forwards 2222", "blocks 587": a verb whose object is a port right before number `i`. */
function objectVerbBefore(t: Token[], i: number): boolean {
  const p = prev(t, i);
  return p >= 0 && PORT_OBJECT_VERBS.has(t[p].w);
}

/** A port written with its protocol glued on (`22/tcp`, `80,443/tcp` of `ufw status`) or after a lone colon (`:50051`). */
function gluedPort(text: string, tok: Token): boolean {
  if (text.charCodeAt(tok.s - 1) === 58) return isColonPort(text, tok.s - 1);
  let a = tok.e;
  // The numbers of `80,443/tcp` share the suffix; a few of them at most, so that `1,1,1,...` stays linear.
  for (let items = 0; items < 8 && text.charCodeAt(a) === 44 && isDigit(text.charCodeAt(a + 1)); items++) {
    a++;
    for (let d = 0; d < 6 && isDigit(text.charCodeAt(a)); d++) a++;
  }
  return text.charCodeAt(a) === 47 && /^\/(tcp|udp|sctp)\b/i.test(text.slice(a, a + 6));
}

/** "runs on 5000 volunteers": a plural noun right after number `i` makes it a count, whatever the verb. */
function countedAfter(t: Token[], i: number): boolean {
  const n = next(t, i);
  if (n < 0 || t[n].s > t[i].e + 1) return false;
  const w = t[n].w;
  return w.length >= 4 && w.charCodeAt(w.length - 1) === 115 && /^[a-z]+$/.test(w) && !NOT_PLURAL.has(w);
}

/** Words ending in "s" that are no plural noun. */
const NOT_PLURAL = new Set(['this', 'plus', 'thus', 'does', 'goes', 'has', 'was', 'unless', 'its', 'always', 'across', 'less']);

function hasPortWord(t: Token[]): boolean {
  for (const x of t) if (PORT_WORDS.has(x.w) || x.w.endsWith('-port')) return true;
  return false;
}

/** Words right before a number that make it a count, an ordinal or a reference rather than a port. */
const NOT_BEFORE = new Set([
  'step', 'steps', 'issue', 'issues', 'pr', 'rfc', 'version', 'versions', 'v', 'chapter', 'section', 'line', 'lines',
  'page', 'pages', 'item', 'phase', 'stage', 'part', 'level', 'rule', 'figure', 'fig', 'table', 'id', '#', 'no',
  'since', 'in', 'year', 'until', 'release', 'python', 'java', 'node', 'go', 'php', 'ruby', 'ubuntu', 'debian',
  'rhel', 'centos', 'alpine', 'jdk', 'java', 'option', 'case', 'top', 'last', 'first', 'every', 'each', 'about',
  'around', 'over', 'under', 'than', 'max', 'min', 'maximum', 'minimum', 'up', 'cve', 'uid', 'gid', 'pid', 'x',
]);

/** Words right after a number that make it a quantity: "5 seconds", "10 MB", "3 replicas". */
const NOT_AFTER = new Set([
  'ms', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'hour', 'hours', 'day',
  'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib',
  'byte', 'bytes', 'bit', 'bits', '%', 'percent', 'times', 'x', 'px', 'k', 'm', 'g', 'characters', 'chars',
  'lines', 'users', 'requests', 'connections', 'workers', 'threads', 'replicas', 'items', 'rows', 'nodes', 'cores',
  'cpus', 'instances', 'containers', 'pods', 'services', 'files', 'steps', 'retries', 'attempts', 'entries',
  'digits', 'bytes', 'of', 'more', 'st', 'nd', 'rd', 'th', 'ports',
]);

/**
 * Software and services whose name in a sentence ties a number to a port, with their usual ports: the
 * names and aliases of the common-practice table (softwarePorts.ts), one word each. A number counts
 * only when it is one of them ("Redis 6379", never "Redis 7").
 */
const SERVICE_PORTS: ReadonlyMap<string, readonly number[]> = (() => {
  const m = new Map<string, number[]>();
  for (const software of SOFTWARE) {
    for (const name of [software.id, ...software.aliases]) {
      // A sentence is read word by word: names of two words ("sql server") are never one token.
      if (name.includes(' ')) continue;
      let ports = m.get(name);
      if (!ports) m.set(name, (ports = []));
      for (const p of software.ports) if (!ports.includes(p.port)) ports.push(p.port);
    }
  }
  return m;
})();

function tokenize(text: string, s: number, e: number): Token[] {
  const out: Token[] = [];
  // TOKEN's matches, found by character codes: this runs for every comment and sentence with a digit.
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (!isAsciiAlnum(c)) {
      if (!isRegExpSpace(c)) out.push({ s: i, e: i + 1, w: c < 128 ? ASCII_CHARACTERS[c] : text.slice(i, i + 1).toLowerCase(), n: -1 });
      i++;
      continue;
    }
    const at = i;
    i = alnumEnd(text, i + 1, e);
    while (i + 1 < e && isJoiner(text.charCodeAt(i)) && isAsciiAlnum(text.charCodeAt(i + 1))) i = alnumEnd(text, i + 2, e);
    if (isDigit(c)) {
      // Digits alone are a number, and a range written `40000-40002` two numbers joined by a dash;
      // read from the characters, without a copy of the token.
      const d = digitsEnd(text, at, i);
      if (d === i) {
        out.push(number(text, at, i));
        continue;
      }
      if (text.charCodeAt(d) === 45 && d + 1 < i && digitsEnd(text, d + 1, i) === i) {
        out.push(number(text, at, d));
        out.push({ s: d, e: d + 1, w: '-', n: -1 });
        out.push(number(text, d + 1, i));
        continue;
      }
    }
    out.push({ s: at, e: i, w: text.slice(at, i).toLowerCase(), n: -1 });
  }
  return out;
}

/** Each ASCII character as a string (what lower-casing a character other than a letter leaves as it is). */
const ASCII_CHARACTERS = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function alnumEnd(text: string, i: number, e: number): number {
  while (i < e && isAsciiAlnum(text.charCodeAt(i))) i++;
  return i;
}

/** `.`, `_`, `'`, `\u2019` and `-`, which join the words of one token when a letter or digit follows. */
function isJoiner(c: number): boolean {
  return c === 46 || c === 95 || c === 39 || c === 0x2019 || c === 45;
}

/** What `\s` matches in a regular expression: ASCII and Unicode white space and line ends. */
function isRegExpSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function number(text: string, s: number, e: number): Token {
  // A leading zero (`0800`, `007`) is a code, not a port.
  const v = text.charCodeAt(s) === 48 ? -1 : portValue(text, s, e);
  return { s, e, w: text.slice(s, e), n: v >= 1 && v <= 65535 ? v : -2 };
}

/** The index of the previous token that is not a decoration, or -1. */
function prev(t: Token[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!DECORATION.has(t[j].w)) return j;
  return -1;
}

function next(t: Token[], i: number): number {
  for (let j = i + 1; j < t.length; j++) if (!DECORATION.has(t[j].w)) return j;
  return -1;
}

/** True when the characters around a number make it part of something else: a time, a path, `HTTP/2`, `#12`. */
function looksLikeSomethingElse(text: string, t: Token[], i: number): boolean {
  const tok = t[i];
  const before = text.charCodeAt(tok.s - 1);
  const after = text.charCodeAt(tok.e);
  // `10:30`, `8080:80` (a mapping the host:port readers handle), `1.2` is already one token.
  if (after === 58 /* : */ && isDigit(text.charCodeAt(tok.e + 1))) return true;
  if (before === 58 && isColonPort(text, tok.s - 1)) return false;
  if (before === 58 || before === 35 /* # */ || before === 36 /* $ */ || before === 64 /* @ */ || before === 61 /* = */) return true;
  // `HTTP/2`, `/etc/6379`: a slash after a word; `465/587` (a list) keeps the number.
  if (before === 47 /* / */) {
    const p = i > 0 ? t[i - 1] : undefined;
    const pp = i > 1 ? t[i - 2] : undefined;
    if (!pp || pp.e !== p!.s || pp.n < 0) return true;
  }
  if (after === 47 && !/^\/(tcp|udp|sctp)\b/i.test(text.slice(tok.e, tok.e + 5)) && !(isDigit(text.charCodeAt(tok.e + 1)))) return true;
  // Sign, percentage, unit glued with a symbol, decimal comma: `-1`, `50%`, `3,5`.
  if (after === 37 /* % */) return true;
  if (before === 45 /* - */ && i > 0 && t[i - 1].s === tok.s - 1 && (i < 2 || t[i - 2].e !== tok.s - 1)) return true;
  if (after === 44 /* , */ && isDigit(text.charCodeAt(tok.e + 1)) && !gluedPort(text, tok)) return true;
  const p = prev(t, i);
  if (p >= 0 && NOT_BEFORE.has(t[p].w) && t[p].e >= tok.s - 2) return true;
  const n = next(t, i);
  if (n >= 0 && NOT_AFTER.has(t[n].w) && t[n].s <= tok.e + 1) return true;
  return false;
}

/**
 * A colon at `c` that starts a port written alone: `gRPC :50051`, `--:8080-->` in a diagram, `:::8080`
 * (every IPv6 address, as netstat prints it), `TCP:8080` (lsof's `-iTCP:8080`, adb's `tcp:8081`). Not a
 * time (`10:30`), a ratio (`16:9`) or `host:port`, which the host readers handle.
 */
function isColonPort(text: string, c: number): boolean {
  const b = text.charCodeAt(c - 1);
  if (Number.isNaN(b) || b === 32 || b === 9 || b === 45 /* - */ || b === 40 /* ( */ || b === 124 /* | */ || b === 96 /* ` */) return true;
  if (b === 58 && text.charCodeAt(c - 2) === 58) return true;
  return /(?:^|[^A-Za-z]|-i[46]?)(?:tcp|udp)$/i.test(text.slice(Math.max(0, c - 8), c));
}

function isYear(v: number): boolean {
  return v >= 1900 && v <= 2099;
}

/** Walks back from number `i` over the numbers of its list to the list's first number. */
function listStart(t: Token[], i: number, ok: (j: number) => boolean): number {
  let first = i;
  for (;;) {
    const j = prev(t, first);
    if (j < 0 || !LIST_JOINERS.has(t[j].w)) return first;
    const k = prev(t, j);
    if (k < 0 || t[k].n < 0 || !ok(k)) return first;
    first = k;
  }
}

/** True when a port word stands before the list that starts at `first`, with at most three fillers between. */
function portWordBefore(t: Token[], first: number): boolean {
  let j = prev(t, first);
  for (let fillers = 0; j >= 0 && fillers <= 3; fillers++) {
    if (PORT_WORDS.has(t[j].w) || t[j].w.endsWith('-port')) {
      const h = prev(t, j);
      return h < 0 || !HARDWARE.has(t[h].w);
    }
    // "the ephemeral range 32768-60999", "dynamic ranges 49152–65535"
    if (t[j].w === 'range' || t[j].w === 'ranges') {
      const h = prev(t, j);
      if (h >= 0 && (t[h].w === 'ephemeral' || t[h].w === 'dynamic' || PORT_WORDS.has(t[h].w))) return true;
    }
    if (!FILLERS.has(t[j].w)) return false;
    j = prev(t, j);
  }
  return false;
}

/** True when "port" follows number `i` ("the `50000` port mapping"). */
function portWordAfter(t: Token[], i: number): boolean {
  let j = next(t, i);
  // "80/tcp port"
  if (j >= 0 && t[j].w === '/' && j + 1 < t.length && /^(tcp|udp|sctp)$/.test(t[j + 1].w)) j = next(t, j + 1);
  return j >= 0 && t[j].w === 'port' && t[i].n >= 20;
}

/** True when a service whose usual port this is stands within a few words of number `i`. */
function serviceNear(t: Token[], i: number): boolean {
  const v = t[i].n;
  let words = 0;
  for (let j = i - 1; j >= 0 && words < 6; j--) {
    if (t[j].w === '.' || t[j].w === ';') break;
    const ports = SERVICE_PORTS.get(t[j].w);
    if (ports && ports.includes(v)) return true;
    if (!DECORATION.has(t[j].w)) words++;
  }
  words = 0;
  for (let j = i + 1; j < t.length && words < 6; j++) {
    if (t[j].w === '.' || t[j].w === ';') break;
    const ports = SERVICE_PORTS.get(t[j].w);
    if (ports && ports.includes(v)) return true;
    if (!DECORATION.has(t[j].w)) words++;
  }
  return false;
}

/**
 * Appends the ports that the sentences of text[s, e) name. Host:port and URLs are the callers' (the
 * host:port readers); numbers they found, `out[from..]`, are left alone.
 */
export function scanProseNumbers(text: string, s: number, e: number, out: PortOccurrence[], from = out.length): void {
  // Most comments hold no digit at all: leave before making tokens.
  let d = s;
  while (d < e && !isDigit(text.charCodeAt(d))) d++;
  if (d >= e) return;
  const t = tokenize(text, s, e);
  // The numbers accepted so far, and the starts of what the host readers found; made only when needed
  // (most sentences have neither).
  let found: Set<number> | undefined;
  let taken: Set<number> | undefined;
  if (from < out.length) {
    taken = new Set<number>();
    for (let k = from; k < out.length; k++) taken.add(out[k].start);
  }
  const accepted: number[] = [];
  let portWords: boolean | undefined;
  const plain = (j: number): boolean => t[j].n > 0 && !looksLikeSomethingElse(text, t, j);
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (tok.n <= 0 || (taken !== undefined && taken.has(tok.s))) continue;
    if (!plain(i)) continue;
    let yes = portWordBefore(t, listStart(t, i, plain)) || portWordAfter(t, i) || gluedPort(text, tok);
    if (!yes && !isYear(tok.n)) yes = serviceNear(t, i) || (found !== undefined && found.has(tok.n) && tok.n >= 10);
    // Wording alone ("listens on 8080", "forwards 2222", "the admin UI on 8081" after a port) takes port-like numbers only.
    if (!yes && isPortish(tok.n) && !countedAfter(t, i)) {
      yes = listenVerbBefore(t, i) || objectVerbBefore(t, i) || (found !== undefined && onBefore(t, i) >= 0) ||
        (possessiveBefore(t, i) && (portWords ??= hasPortWord(t)));
    }
    if (!yes) continue;
    (found ??= new Set<number>()).add(tok.n);
    accepted.push(i);
  }
  for (const i of accepted) {
    const o = portAt(t[i].s, t[i].e, t[i].n, 'unknown');
    o.inComment = true;
    out.push(o);
  }
}

/** Marks the occurrences from `first` on as documentation: comments and prose, which rules skip. */
export function markDocumentation(out: PortOccurrence[], first: number): void {
  for (let i = first; i < out.length; i++) out[i].inComment = true;
}
