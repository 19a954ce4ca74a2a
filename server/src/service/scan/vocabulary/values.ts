import type { PortOccurrence, PortPair, PortRole } from './types';
import { portAt } from './occurrence';
import { digitsEnd, indexIn, isDigit, isSpace, isWordChar, isQuoteish } from '../text/chars';
import { type HostPortOptions, isPortKeyIn, portValue, protocolSuffix, scanAtPorts, scanHostPorts, sortTail } from './common';
import { type AddressOptions, portOcc, rangeOcc } from './portValue';
import { roleForKeyIn } from './keys';
import { markDocumentation, scanProseNumbers } from './prose';
import { NextIndex } from '../text/words';
import { isPortDigits, scanServerCommaPorts } from './codeText';
import { scanUpstreamsActions } from './templates';

/*
 * Reading free text inside a value for `host:port`, URLs, `--port N` and `port=N` (`scanValueText`,
 * `scanPortPairs`, `scanComment`). A value that is only ports or an address is read in portValue.ts;
 * a `key = value` pair in keyValues.ts, which may hand a command key's value to the command reader.
 */

/** Options for scanning free text inside a value. */
export interface TextScanOptions {
  /** The value is an address: accept `:8080` and dotless hosts with low ports. */
  address?: boolean;
  /** Role for `host:port` without a scheme. */
  role?: PortRole;
}

/**
 * Scans free text for ports: URLs and `host:port` (also with `\:` escapes as Java properties write
 * them) and `port=5432` / `port 5432` pairs (libpq conninfo, haproxy `check port 8081`). Command
 * lines go through `scanCommand` instead, which also reads `--port N` and `-p N`.
 */
export function scanValueText(text: string, s: number, e: number, out: PortOccurrence[], opts: TextScanOptions = TEXT): void {
  if (e <= s) return;
  // One pass says which of the readers below can find anything: each needs its character in the value.
  let has = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) has |= VALUE_CHAR[c];
  }
  if ((has & V_COLON) !== 0) {
    const hp = opts.role !== undefined
      ? { allowEmptyHost: !!opts.address, lowPortsOnBareHosts: !!opts.address, role: opts.role }
      : opts.address ? ADDRESS_HOST_PORTS : TEXT_HOST_PORTS;
    if ((has & V_BACKSLASH) !== 0) scanEscaped(text, s, e, out, hp);
    else scanHostPorts(text, s, e, out, hp);
  }
  if ((has & V_AT_OR_HASH) !== 0) scanAtPorts(text, s, e, out, !!opts.address);
  scanPortPairs(text, s, e, out);
  if ((has & V_BRACE) !== 0) scanUpstreamsActions(text, s, e, out);
  if ((has & V_COMMA) !== 0) scanServerCommaPorts(text, s, e, out);
}

const V_COLON = 1;
const V_BACKSLASH = 2;
const V_AT_OR_HASH = 4;
const V_BRACE = 8;
const V_COMMA = 16;

/** For each ASCII character, the V_ bit of the reader of `scanValueText` that looks for it. */
const VALUE_CHAR = (() => {
  const t = new Uint8Array(128);
  t[58] = V_COLON;
  t[92] = V_BACKSLASH;
  t[64] = V_AT_OR_HASH;
  t[35] = V_AT_OR_HASH;
  t[123] = V_BRACE;
  t[44] = V_COMMA;
  return t;
})();

const ADDRESS_HOST_PORTS: HostPortOptions = { allowEmptyHost: true, lowPortsOnBareHosts: true, role: undefined };

const TEXT_HOST_PORTS: HostPortOptions = { allowEmptyHost: false, lowPortsOnBareHosts: false, role: undefined };

/** Runs scanHostPorts over a copy with `\:` `\=` escapes removed, mapping offsets back. */
function scanEscaped(text: string, s: number, e: number, out: PortOccurrence[], opts: Parameters<typeof scanHostPorts>[4]): void {
  let copy = '';
  const map: number[] = [];
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < e) {
      const n = text.charCodeAt(i + 1);
      if (n === 58 || n === 61 || n === 92 || n === 32 || n === 35 || n === 33) {
        i++;
        copy += text[i];
        map.push(i);
        continue;
      }
    }
    copy += text[i];
    map.push(i);
  }
  map.push(e);
  const mine: PortOccurrence[] = [];
  scanHostPorts(copy, 0, copy.length, mine, opts);
  for (const o of mine) {
    o.start = map[o.start];
    o.end = map[o.end - 1] + 1;
    out.push(o);
  }
}

/**
 * Finds `port=5432`, `port = 5432`, `port 5432`, `agent-port 9999`, `SERVER_PORT 80`, `listen 80;`
 * inside text: a word that names a port followed by a number (libpq conninfo, haproxy options,
 * prose such as "runs on port 8080").
 */
export function scanPortPairs(text: string, s: number, e: number, out: PortOccurrence[], role?: PortRole): void {
  let i = s;
  while (i < e) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < e && isWordChar(text.charCodeAt(j))) j++;
    // A word starts after a character that is not a word character (the rest of a number read below is not one).
    if (i > s && isWordChar(text.charCodeAt(i - 1))) {
      i = j;
      continue;
    }
    // A trailing dot belongs to prose, not to the key.
    let we = j;
    while (we > i && text.charCodeAt(we - 1) === 46) we--;
    if (we - i >= 4 && (isPortKeyIn(text, i, we) || isListen(text, i, we))) {
      // The number follows `=` or whitespace; `port:8080` is left to the host:port scanner.
      let k = j;
      while (k < e && isSpace(text.charCodeAt(k))) k++;
      const sep = text.charCodeAt(k);
      let v = -1;
      if (sep === 61 /* = */) {
        v = k + 1;
        while (v < e && isSpace(text.charCodeAt(v))) v++;
      } else if (k > j) v = k;
      if (v >= 0) {
        const q = text.charCodeAt(v);
        const vs = q === 34 || q === 39 ? v + 1 : v;
        const ve = digitsEnd(text, vs, e);
        const after = ve < e ? text.charCodeAt(ve) : NaN;
        // squid `acl Safe_ports port 1025-65535`: a range of ports.
        if (ve > vs && after === 45 /* - */ && readPairRange(text, vs, ve, e, out, role ?? roleForKeyIn(text, i, we))) {
          i = digitsEnd(text, ve + 1, e);
          continue;
        }
        if (ve > vs && isPairEnd(after)) {
          const port = portValue(text, vs, ve);
          const proto = after === 47 ? protocolSuffix(text, ve) : undefined;
          if (port >= 0 && (after !== 47 || proto)) {
            out.push(portOcc(vs, ve, port, role ?? roleForKeyIn(text, i, we), proto));
          }
          i = ve;
          continue;
        }
      }
    }
    i = j;
  }
}

/** What may follow the number of a `port 5432` pair: the end, a blank, `;`, `,`, `&`, a quote, a closing bracket or `/`. */
function isPairEnd(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 59 || c === 44 || c === 38 || c === 34 || c === 39 || c === 41 ||
    c === 125 || c === 93 || c === 13 || c === 47;
}

/** Pushes the range `lo-hi` of a port pair whose low end is text[vs, ve), when it is one (lo <= hi). */
function readPairRange(text: string, vs: number, ve: number, e: number, out: PortOccurrence[], role: PortRole): boolean {
  const hs = ve + 1;
  const he = digitsEnd(text, hs, e);
  const after = he < e ? text.charCodeAt(he) : NaN;
  if (he === hs || after === 47 || !isPairEnd(after)) return false;
  const lo = portValue(text, vs, ve);
  const hi = portValue(text, hs, he);
  if (lo < 0 || hi < 0 || lo > hi || hi > 65535) return false;
  out.push(rangeOcc(vs, ve, lo, role, lo, hi, undefined));
  out.push(rangeOcc(hs, he, hi, role, lo, hi, undefined));
  return true;
}

/** True when text[s, e) is `listen` in any case. */
function isListen(text: string, s: number, e: number): boolean {
  return e - s === 6 && (text.charCodeAt(s) | 32) === 108 && (text.charCodeAt(s + 1) | 32) === 105 && (text.charCodeAt(s + 2) | 32) === 115 &&
    (text.charCodeAt(s + 3) | 32) === 116 && (text.charCodeAt(s + 4) | 32) === 101 && (text.charCodeAt(s + 5) | 32) === 110;
}

/** Scans comment text: `host:port`, URLs and numbers the sentence ties to a port; all of them documentation. */
export function scanComment(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const first = out.length;
  if (indexIn(text, 58, s, e) >= 0) scanHostPorts(text, s, e, out);
  scanProseNumbers(text, s, e, out, first);
  markDocumentation(out, first);
  // A host:port is read before the sentence's numbers, which may stand before it.
  sortTail(out, first);
}

/** Options of a value scanned as plain text, shared rather than made per word. */
export const TEXT: TextScanOptions = {};


/*
 * Address options shared by every call instead of a new object literal per call; all have the same
 * fields in the same order, so the reader sees one object shape.
 */
/** A dotless host with a low port is an address here (`server web:80`). */
export const ANY_HOST: AddressOptions = { bareNumber: false, anyHost: true, emptyHost: false, protocol: undefined };

/** A listening address, which may leave out the host (`:8080`). */
export const LISTEN_ADDRESS: AddressOptions = { bareNumber: false, anyHost: true, emptyHost: true, protocol: undefined };

/** URLs whose host may be a dotless name with a low port (`proxy_pass http://web:80`). */
export const URL_ANY_HOST = { lowPortsOnBareHosts: true };

/**
 * A copy of text of the same length in which nginx/Caddy variables no longer break `host:port`
 * and URL scanning: `$host` reads as a name, and `$request_uri` right after a port as a path.
 */
export function maskVariables(text: string): string {
  let i = text.indexOf('$');
  if (i < 0) return text;
  const parts: string[] = [];
  let from = 0;
  const close = new NextIndex(text, 125);
  while (i >= 0) {
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
    i = text.indexOf('$', j);
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}

/** True when text[s, e) holds `://`. */
export function hasSchemeSeparator(text: string, s: number, e: number): boolean {
  for (let i = indexIn(text, 58, s, e - 2); i >= 0; i = indexIn(text, 58, i + 1, e - 2)) {
    if (text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return true;
  }
  return false;
}

/**
 * Port recognition in shell scripts and Makefiles, and in shell commands embedded elsewhere
 * (package.json `scripts`, devcontainer commands). Commands are split into words with shell quoting
 * rules; each command is then read with what its name tells: `-p` is a port for `psql` and `ssh`, a
 * published mapping for `docker run`, a password for `mysql` and a process id for `ps`.
 * Words are kept as offsets and compared where they stand: a script has many words and few ports.
 */

/** A word: raw offsets, quotes included. */
interface Word {
  s: number;
  e: number;
}

/** Start of a word without its leading quotes and backslashes (`"8080"`, `\"5173\"`). */
export function unquotedStart(text: string, s: number, e: number): number {
  while (s < e && isQuoteish(text.charCodeAt(s))) s++;
  return s;
}

/** End of a word without its trailing quotes and backslashes; `s` is its unquoted start. */
export function unquotedEnd(text: string, s: number, e: number): number {
  while (e > s && isQuoteish(text.charCodeAt(e - 1))) e--;
  return e;
}

/** ssh `-L [bind:]port:host:hostport`, `-R ...`, `-D [bind:]port`: the first and last numbers. */
export function readForward(text: string, w: Word, out: PortOccurrence[]): void {
  const vs = unquotedStart(text, w.s, w.e);
  const ve = unquotedEnd(text, vs, w.e);
  // The colon-separated parts that are port numbers; only the first two matter, and more than two is another shape.
  let count = 0;
  let a0 = 0, b0 = 0, a1 = 0, b1 = 0;
  let ps = vs;
  for (let i = vs; i <= ve; i++) {
    if (i === ve || text.charCodeAt(i) === 58) {
      if (isPortDigits(text, ps, i)) {
        if (count === 0) {
          a0 = ps;
          b0 = i;
        } else if (count === 1) {
          a1 = ps;
          b1 = i;
        }
        count++;
      }
      ps = i + 1;
    }
  }
  if (count === 0 || count > 2) return;
  if (count === 1) {
    out.push(portAt(a0, b0, portValue(text, a0, b0), 'listen'));
    return;
  }
  // The forwarded port and the one it reaches are one mapping.
  const pair: PortPair = { by: 'forward' };
  const listen = portAt(a0, b0, portValue(text, a0, b0), 'listen');
  const connect = portAt(a1, b1, portValue(text, a1, b1), 'connect');
  listen.pair = connect.pair = pair;
  out.push(listen, connect);
}
