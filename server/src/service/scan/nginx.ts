import type { Protocol } from '../registry/types';
import type { PortFinder, PortOccurrence } from './types';
import { finish, indexIn, isDigit, isPortKey, scanHostPorts } from './common';
import { readAddress, readPortItem, scanComment, scanPortPairs } from './keyvalue';

/** Directives whose first argument is an upstream address or URL. */
const PASS = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass', 'zmq_pass']);
/** Directives `name value` where the name may say port (`proxy_set_header X-Forwarded-Port 443`). */
const NAMED_VALUES = new Set(['proxy_set_header', 'fastcgi_param', 'uwsgi_param', 'scgi_param', 'grpc_set_header', 'add_header', 'set', 'env']);
/** Directives whose arguments never hold ports, though they contain colons and digits. */
const SKIP = new Set(['log_format', 'ssl_ciphers', 'ssl_protocols', 'ssl_ecdh_curve', 'server_name', 'error_page', 'charset', 'types', 'default_type']);

/**
 * A copy of text of the same length in which nginx/Caddy variables no longer break `host:port`
 * and URL scanning: `$host` reads as a name, and `$request_uri` right after a port as a path.
 */
export function maskVariables(text: string): string {
  if (indexIn(text, 36, 0, text.length) < 0) return text;
  const parts: string[] = [];
  let from = 0;
  const close = new NextIndex(text, 125);
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 36) continue;
    parts.push(text.slice(from, i));
    const afterDigit = i > 0 && isDigit(text.charCodeAt(i - 1));
    let j = i + 1;
    if (text.charCodeAt(j) === 123) {
      const c = close.from(j);
      j = c < 0 || c - j > 256 ? j + 1 : c + 1;
    } else {
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    }
    parts.push((afterDigit ? '/' : 'v') + 'v'.repeat(j - i - 1));
    from = j;
    i = j - 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}

/**
 * The next offset of one character at or after a position, for callers that ask with positions
 * that only grow: each search resumes where the last one ended, so all of them together stay linear.
 */
export class NextIndex {
  private at = -2;
  private readonly char: string;
  constructor(private readonly text: string, code: number) {
    this.char = String.fromCharCode(code);
  }
  from(i: number): number {
    if (this.at === -1) return -1;
    if (this.at < i) this.at = this.text.indexOf(this.char, i);
    return this.at;
  }
}

/**
 * The next ASCII digit at or after a position (or the text length), for positions that only grow.
 * Every port is a digit run, so a finder without state across lines can skip any stretch this
 * says holds no digit; the native search jumps over digit-free text faster than a character loop.
 */
export class NextDigit {
  private at = -1;
  private readonly re = /[0-9]/g;
  constructor(private readonly text: string) {}
  from(i: number): number {
    if (this.at < i) {
      this.re.lastIndex = i;
      this.at = this.re.test(this.text) ? this.re.lastIndex - 1 : this.text.length;
    }
    return this.at;
  }
}

/**
 * Walks the lines of a text: after each `next()` that returns true, [start, end) is the line
 * without its line break (and without the `\r` of a CRLF). The finders that read line by line share
 * it instead of each repeating the offset arithmetic.
 */
export class Lines {
  start = 0;
  end = 0;
  private nl = -1;
  constructor(private readonly text: string) {}
  next(): boolean {
    const text = this.text;
    const ls = this.nl + 1;
    if (ls > text.length) return false;
    let nl = text.indexOf('\n', ls);
    if (nl < 0) nl = text.length;
    this.nl = nl;
    this.start = ls;
    this.end = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    return true;
  }
}

/**
 * The whitespace-separated words of a stretch of text, as `splitWords` reads them (a word that
 * starts with a quote runs to the closing quote), kept in arrays reused from line to line so that
 * splitting allocates nothing once they have grown.
 */
export class Words {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  length = 0;
  split(text: string, s: number, e: number): number {
    let n = 0;
    let i = s;
    while (i < e) {
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9) {
        if (++i >= e) break;
        c = text.charCodeAt(i);
      }
      if (i >= e) break;
      const ws = i;
      if (c === 34 || c === 39) {
        const close = indexIn(text, c, i + 1, e);
        i = close < 0 ? e : close + 1;
      }
      while (i < e) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9) break;
        i++;
      }
      this.starts[n] = ws;
      this.ends[n] = i;
      n++;
    }
    this.length = n;
    return n;
  }
}

/**
 * True when text[s, e) lower-cases to `word`, which is lower-case ASCII, compared in place. Only the
 * ASCII capitals and the Kelvin sign (U+212A) lower-case to ASCII letters.
 */
export function isWordLower(text: string, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(s + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(w >= 97 && w <= 122 && (c === w - 32 || (w === 107 && c === 0x212a)))) return false;
  }
  return true;
}

/**
 * Finds the ports in an nginx configuration: `listen` (all its address forms, `udp`/`quic` for the
 * protocol), upstream `server host:port`, `*_pass` targets, URLs in `return`/`proxy_redirect`, and
 * port-named headers and params. Sizes, counts, durations, status codes and versions are not ports.
 */
export const findNginxPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  const masked = maskVariables(text);
  const stack: string[] = [];
  let words: Array<[number, number]> = [];
  const closes = new NextIndex(text, 125);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 35 /* # */) {
      let eol = indexIn(text, 10, i, n);
      if (eol < 0) eol = n;
      scanComment(text, i + 1, eol, out);
      i = eol;
      continue;
    }
    if (c === 59 /* ; */ || c === 123 /* { */ || c === 125 /* } */) {
      if (words.length) statement(text, masked, words, stack, c === 123, out);
      else if (c === 123) stack.push('');
      if (c === 125) stack.pop();
      words = [];
      i++;
      continue;
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      words.push([i + 1, Math.min(j, n)]);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 32 || d === 9 || d === 10 || d === 13 || d === 59 || d === 125) break;
      if (d === 123) {
        // `${var}` stays inside the word; any other brace opens a block.
        if (j > i && text.charCodeAt(j - 1) === 36) {
          const close = closes.from(j);
          if (close > 0 && close - j <= 256) {
            j = close + 1;
            continue;
          }
        }
        break;
      }
      j += d === 92 ? 2 : 1;
    }
    words.push([i, Math.min(j, n)]);
    i = j;
  }
  if (words.length) statement(text, masked, words, stack, false, out);
  return finish(out);
};

function statement(text: string, masked: string, words: Array<[number, number]>, stack: string[], opening: boolean, out: PortOccurrence[]): void {
  const name = text.slice(words[0][0], words[0][1]).toLowerCase();
  const parent = stack.length ? stack[stack.length - 1] : '';
  if (opening) stack.push(name);
  if (SKIP.has(name)) return;
  if (name === 'listen' && words.length >= 2) {
    let protocol: Protocol | undefined;
    for (let k = 2; k < words.length; k++) {
      const w = text.slice(words[k][0], words[k][1]).toLowerCase();
      if (w === 'udp' || w === 'quic') protocol = 'udp';
    }
    readAddress(text, words[1][0], words[1][1], 'listen', out, { bareNumber: true, anyHost: true, protocol });
    return;
  }
  if (name === 'server' && !opening && words.length >= 2 && parent === 'upstream') {
    readAddress(text, words[1][0], words[1][1], 'connect', out, { anyHost: true });
    for (let k = 2; k < words.length; k++) scanPortPairs(text, words[k][0], words[k][1], out, 'connect');
    return;
  }
  if (PASS.has(name) && words.length >= 2) {
    const [s, e] = words[1];
    if (text.slice(s, e).includes('://')) scanHostPorts(masked, s, e, out, { lowPortsOnBareHosts: true });
    else readAddress(masked, s, e, 'connect', out, { anyHost: true });
    return;
  }
  if (NAMED_VALUES.has(name) && words.length >= 3) {
    const key = text.slice(words[1][0], words[1][1]).replace(/^\$/, '');
    if (key.toLowerCase() === 'alt-svc') {
      // `add_header Alt-Svc 'h3=":443"; ma=86400'`: an alternative service on this port.
      scanHostPorts(text, words[2][0], words[2][1], out, { allowEmptyHost: true, role: 'listen' });
      return;
    }
    if (isPortKey(key) && readPortItem(text, words[2][0], words[2][1], name === 'set' ? 'listen' : 'connect', out)) return;
  }
  for (let k = 1; k < words.length; k++) {
    const [s, e] = words[k];
    if (indexIn(text, 58, s, e) >= 0) scanHostPorts(masked, s, e, out);
    scanPortPairs(text, s, e, out);
  }
}
