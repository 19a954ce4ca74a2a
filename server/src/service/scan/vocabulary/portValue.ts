import type { Protocol } from '../../registry/types';
import type { PortOccurrence, PortPair, PortRole } from './types';
import { digitsEnd, indexIn, isAsciiSpace, isDigit, isSpace, isWordChar } from '../text/chars';
import { isClearHost, placeholderDefaultStart, portValue, protocolSuffix, protocolWord } from './common';
import { portAt } from './occurrence';

/*
 * The one reader of port values. A format finds where a value stands (after a key, a flag, a
 * directive); how the value itself is written is read here, for every format alike. Each reader builds
 * on the ones above it:
 * - `valueStart`/`valueEnd`: the value without the blanks around it and one pair of quotes;
 * - `readPortRange`: `8080` or `3000-3005`, into a `PortPart`;
 * - `readPortPart`: that, empty, or a placeholder with a default (`${PORT:-3000}`, nested ones peeled);
 * - `readPortValue`: exactly one port, perhaps quoted or a placeholder's default;
 * - `readPortItem`, `readPortsValue`: a port or range with a protocol (`53/udp`), and lists of them;
 * - `readAddress`: one address token (`127.0.0.1:8080`, `[::]:443`, `ipv4@:80`, `user@bastion:2222`);
 * - `readPortSpec`: a value that states ports and nothing else, a published mapping (`8080:80`) included;
 * - `readFirewallItem`: a firewall's port item, whose colon makes a range (`1024:65535`, `:1023`);
 * - `parseShortMapping`: a Compose / `docker run -p` entry (`127.0.0.1:8080-8081:80-81/udp`).
 * Free text that may hold ports among other words (URLs, `host:port` in a sentence) is scanned in
 * common.ts and values.ts instead.
 */

/** True when text[s, e) is wrapped in one pair of matching quotes. */
function isQuoted(text: string, s: number, e: number): boolean {
  const q = text.charCodeAt(s);
  return (q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q;
}

/** End of text[s, e) without trailing blanks and carriage return. */
function trimmedEnd(text: string, s: number, e: number): number {
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 13)) e--;
  return e;
}

/** Start of text[s, e) without leading blanks. */
function trimmedStart(text: string, s: number, e: number): number {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  return s;
}

/** Where the value in text[s, e) starts: after leading blanks and an opening quote that a closing one matches. */
export function valueStart(text: string, s: number, e: number): number {
  const ts = trimmedStart(text, s, e);
  return isQuoted(text, ts, trimmedEnd(text, ts, e)) ? ts + 1 : ts;
}

/** Where the value in text[s, e) ends: before trailing blanks and a closing quote that an opening one matches. */
export function valueEnd(text: string, s: number, e: number): number {
  const ts = trimmedStart(text, s, e);
  const te = trimmedEnd(text, ts, e);
  return isQuoted(text, ts, te) ? te - 1 : te;
}

/**
 * A port part of a value: one number, a range, empty (ephemeral, in a mapping) or a variable with no
 * default. Reading fills a PortPart owned by the caller: a compose file has thousands of port entries,
 * and objects made for each only to be read once were a large share of what the finder allocated.
 */
export class PortPart {
  kind: 'num' | 'empty' | 'var' = 'empty';
  /**
   * The number, or the range's ends, for kind 'num'; -1 for the others. Small integers, never NaN: a
   * field that once held a non-integer gives every number read from it as a boxed double, and one such
   * number stored as an occurrence's `port` made all occurrences from then on take a slower layout.
   */
  lo = -1;
  hi = -1;
  loS = 0;
  loE = 0;
  hiS = 0;
  hiE = 0;

  set(kind: 'num' | 'empty' | 'var', lo: number, hi: number, loS: number, loE: number, hiS: number, hiE: number): true {
    this.kind = kind;
    this.lo = lo;
    this.hi = hi;
    this.loS = loS;
    this.loE = loE;
    this.hiS = hiS;
    this.hiE = hiE;
    return true;
  }

  /** True for a range (`3000-3005`) rather than one number. */
  get isRange(): boolean {
    return this.hiS !== this.loS;
  }
}

/** Reads `8080` or `3000-3005` spanning exactly text[s, e) into `p` (kind 'num'); false for anything else. */
export function readPortRange(text: string, s: number, e: number, p: PortPart): boolean {
  const a = digitsEnd(text, s, e);
  if (a === s) return false;
  const lo = portValue(text, s, a);
  if (lo < 0) return false;
  if (a === e) return p.set('num', lo, lo, s, a, s, a);
  if (text.charCodeAt(a) !== 45 /* - */) return false;
  const b = digitsEnd(text, a + 1, e);
  if (b !== e || b === a + 1) return false;
  const hi = portValue(text, a + 1, b);
  if (hi < 0) return false;
  return p.set('num', lo, hi, s, a, a + 1, b);
}

/**
 * Reads `8080`, `3000-3005`, `${PORT:-8080}` or `` in text[s, e) into `p`; false when it is none of them.
 * Nested defaults (`${A:-${B:-8080}}`) are peeled in a loop, not by recursion: 5,000 levels overflowed
 * the stack and the whole file lost its ports.
 */
export function readPortPart(text: string, s: number, e: number, p: PortPart): boolean {
  // The outermost placeholder, which the part is when no number lies at its core.
  let outerS = -1;
  let outerE = -1;
  for (;;) {
    while (s < e && text.charCodeAt(s) === 32) s++;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    if (outerS < 0 && s >= e) return p.set('empty', -1, -1, s, s, s, s);
    if (s >= e || text.charCodeAt(s) !== 36 /* $ */) break;
    if (outerS < 0) {
      outerS = s;
      outerE = e;
    }
    // `${VAR:-8080}`, `${VAR-8080}`, `$VAR`, `${VAR}`
    if (text.charCodeAt(s + 1) !== 123 || text.charCodeAt(e - 1) !== 125) return p.set('var', -1, -1, outerS, outerE, outerS, outerE);
    const d = placeholderDefaultStart(text, s, e);
    if (d < 0) return p.set('var', -1, -1, outerS, outerE, outerS, outerE);
    s = d;
    e = e - 1;
  }
  if (outerS < 0) return readPortRange(text, s, e, p);
  return readPortRange(text, s, e, p) || p.set('var', -1, -1, outerS, outerE, outerS, outerE);
}

/**
 * Reads a scalar value that should be exactly a port (`3000`, `"8000"`, `'5432'`, `${PORT:-3000}`, and
 * `-1`, which the rules judge) in text[from, to). Returns the occurrence or undefined.
 */
export function readPortValue(text: string, from: number, to: number, role: PortRole): PortOccurrence | undefined {
  let s = trimmedStart(text, from, to);
  let e = trimmedEnd(text, s, to);
  if (isQuoted(text, s, e)) {
    s++;
    e--;
  }
  // ${VAR:-3000}, ${VAR-3000}, ${VAR:=3000}: the default is the port
  if (text.charCodeAt(s) === 36 && text.charCodeAt(s + 1) === 123 && text.charCodeAt(e - 1) === 125) {
    const d = placeholderDefaultStart(text, s, e);
    if (d < 0) return undefined;
    s = d;
    e = e - 1;
  }
  let neg = false;
  if (text.charCodeAt(s) === 45 /* - */ && isDigit(text.charCodeAt(s + 1))) {
    neg = true;
    s++;
  }
  const de = digitsEnd(text, s, e);
  if (de !== e || de === s) return undefined;
  const v = portValue(text, s, e);
  if (v < 0) return undefined;
  // Not `-v` for 0: a -0 would make `port` a boxed double in every occurrence from then on.
  return portAt(s, e, neg && v !== 0 ? -v : v, role);
}

export function portOcc(s: number, e: number, port: number, role: PortRole, protocol: Protocol | undefined): PortOccurrence {
  const o = portAt(s, e, port, role);
  o.protocol = protocol;
  return o;
}

export function rangeOcc(s: number, e: number, port: number, role: PortRole, lo: number, hi: number, protocol: Protocol | undefined): PortOccurrence {
  const o = portAt(s, e, port, role);
  o.rangeLo = lo;
  o.rangeHi = hi;
  o.protocol = protocol;
  return o;
}

export function hostOcc(s: number, e: number, port: number, role: PortRole, host: string | undefined, protocol: Protocol | undefined): PortOccurrence {
  const o = portAt(s, e, port, role);
  o.host = host;
  o.protocol = protocol;
  return o;
}

function hostRangeOcc(
  s: number, e: number, port: number, role: PortRole, host: string | undefined, lo: number, hi: number, protocol: Protocol | undefined,
): PortOccurrence {
  const o = rangeOcc(s, e, port, role, lo, hi, protocol);
  o.host = host;
  return o;
}

/** Pushes the number of a part read as 'num', or both ends of its range. */
function pushPart(p: PortPart, role: PortRole, protocol: Protocol | undefined, out: PortOccurrence[]): void {
  if (!p.isRange) {
    out.push(portOcc(p.loS, p.loE, p.lo, role, protocol));
    return;
  }
  out.push(rangeOcc(p.loS, p.loE, p.lo, role, p.lo, p.hi, protocol));
  out.push(rangeOcc(p.hiS, p.hiE, p.hi, role, p.lo, p.hi, protocol));
}

/** `pushPart` for a port written after a host, which it names (undefined for none). */
function pushHostPart(p: PortPart, role: PortRole, host: string | undefined, protocol: Protocol | undefined, out: PortOccurrence[]): void {
  if (!p.isRange) {
    out.push(hostOcc(p.loS, p.loE, p.lo, role, host, protocol));
    return;
  }
  out.push(hostRangeOcc(p.loS, p.loE, p.lo, role, host, p.lo, p.hi, protocol));
  out.push(hostRangeOcc(p.hiS, p.hiE, p.hi, role, host, p.lo, p.hi, protocol));
}

/** Scratch of `readPortItem`, filled and read within one call. */
const ITEM = new PortPart();

/**
 * Reads one port item in text[s, e): `8080`, `8000-8010`, `53/udp`, `"443"`, `${PORT:-3000}`. Pushes the
 * numbers and returns true when the whole item is a port (or range), false otherwise (nothing pushed).
 */
export function readPortItem(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[], protocol?: Protocol): boolean {
  let vs = trimmedStart(text, s, e);
  let ve = trimmedEnd(text, vs, e);
  if (isQuoted(text, vs, ve)) {
    vs++;
    ve--;
  }
  if (text.charCodeAt(vs) === 36 /* $ */) {
    const o = readPortValue(text, vs, ve, role);
    if (!o) return false;
    out.push(o);
    return true;
  }
  // A `/udp` right after the number or range states the protocol.
  const d = digitsEnd(text, vs, ve);
  if (d === vs) return false;
  let pe = d;
  if (pe < ve && text.charCodeAt(pe) === 45 /* - */) pe = digitsEnd(text, pe + 1, ve);
  let proto = protocol;
  if (pe < ve) {
    const p = text.charCodeAt(pe) === 47 ? protocolSuffix(text, pe) : undefined;
    if (!p) return false;
    let end = pe + 1;
    while (end < ve && isWordChar(text.charCodeAt(end))) end++;
    if (end !== ve) return false;
    proto = p;
  }
  // One number, the common case (every line of /etc/services), is pushed without the range reader.
  if (pe === d) {
    const port = portValue(text, vs, d);
    if (port < 0) return false;
    out.push(portOcc(vs, d, port, role, proto));
    return true;
  }
  if (!readPortRange(text, vs, pe, ITEM)) return false;
  pushPart(ITEM, role, proto, out);
  return true;
}

/**
 * Reads a value that should be ports: a single item, a comma- or space-separated list, or a
 * bracketed list (`[80, 443]`, `["80", "8000-8010"]`). Pushes only when every item is a port.
 */
export function readPortsValue(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[]): boolean {
  s = trimmedStart(text, s, e);
  e = trimmedEnd(text, s, e);
  if (s >= e) return false;
  // One pair of quotes around the whole list, not `"80", "443"`.
  if (isQuoted(text, s, e) && indexIn(text, text.charCodeAt(s), s + 1, e - 1) < 0) {
    s++;
    e--;
  }
  if (text.charCodeAt(s) === 91 /* [ */) {
    if (text.charCodeAt(e - 1) !== 93) return false;
    s++;
    e--;
  }
  // Items go straight into `out`, and are taken back if one of them is not a port.
  const before = out.length;
  let is = s;
  let items = 0;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 44;
    if (c === 44 /* , */ || c === 32 || c === 9) {
      if (i > is && !isBlank(text, is, i)) {
        if (!readPortItem(text, is, i, role, out)) {
          out.length = before;
          return false;
        }
        items++;
      }
      is = i + 1;
    }
  }
  return items > 0;
}

/** True when text[s, e) is empty after `trim`. */
function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return text.slice(s, e).trim().length === 0;
    if (!isAsciiSpace(c)) return false;
  }
  return true;
}

export interface AddressOptions {
  /** A bare number is a port (`listen 80`, `ListenStream=8080`). */
  bareNumber?: boolean;
  /** Accept a dotless host with a low port (`web:80`): the context says it is an address. */
  anyHost?: boolean;
  /** Accept `:8080` with no host. */
  emptyHost?: boolean;
  protocol?: Protocol;
}

/** Scratch of `readAddress`, filled and read within one call. */
const ADDRESS_PORT = new PortPart();

/**
 * Reads one address token text[s, e): `80`, `8000-8010`, `*:80`, `127.0.0.1:8080`, `[::]:443`,
 * `:::443`, `web:80`, `ipv4@:80`, `user@bastion:2222`, `53/udp`. Paths and `unix:` sockets yield
 * nothing. Returns true when a port was pushed.
 */
export function readAddress(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[], opts: AddressOptions = {}): boolean {
  s = trimmedStart(text, s, e);
  e = trimmedEnd(text, s, e);
  if (isQuoted(text, s, e)) {
    s++;
    e--;
  }
  if (s >= e) return false;
  // haproxy `ipv4@`, `udp@`, ssh `user@`: the address follows the last `@`.
  let at = -1;
  for (let i = e - 1; i >= s; i--) {
    if (text.charCodeAt(i) === 64) {
      at = i;
      break;
    }
  }
  let protocol = opts.protocol;
  if (at >= 0) {
    const prefix = text.slice(s, at).toLowerCase();
    if (/^(udp|quic)[46]?$/.test(prefix)) protocol = 'udp';
    else if (prefix === 'unix' || prefix === 'abns' || prefix === 'fd' || prefix === 'sockpair') return false;
    s = at + 1;
  }
  const c0 = text.charCodeAt(s);
  if (c0 === 47 /* / */ || c0 === 126 /* ~ */ || c0 === 64) return false;
  if (startsWithWord(text, s, e, 'unix:') || startsWithWord(text, s, e, 'vsock:')) return false;
  // A trailing `/udp` states the protocol.
  let pe = e;
  const slash = indexIn(text, 47, s, e);
  if (slash >= 0) {
    const p = protocolSuffix(text, slash);
    if (!p) return false;
    protocol = p;
    pe = slash;
  }
  if (isDigit(c0) && opts.bareNumber && readPortItem(text, s, pe, role, out, protocol)) return true;
  // The port follows the last colon, or the colon after `]`.
  let colon = -1;
  if (c0 === 91 /* [ */) {
    const close = indexIn(text, 93, s, pe);
    if (close < 0 || text.charCodeAt(close + 1) !== 58) return false;
    colon = close + 1;
  } else {
    for (let i = pe - 1; i >= s; i--) {
      if (text.charCodeAt(i) === 58) {
        colon = i;
        break;
      }
    }
  }
  if (colon < 0) return false;
  const host = text.slice(s, colon);
  if (host === '' && !opts.emptyHost) return false;
  if (!isAddressHost(host)) return false;
  const p = ADDRESS_PORT;
  if (!readPortRange(text, colon + 1, pe, p)) return false;
  if (!opts.anyHost && !clearHost(host) && p.lo < 1024) return false;
  pushHostPart(p, role, host || undefined, protocol, out);
  return true;
}

/**
 * True when text[s, e) starts with `word` (lower-case ASCII, at most 6 characters) in any case. A
 * non-ASCII character leaves the answer to `toLowerCase`, which may turn it into ASCII letters.
 */
function startsWithWord(text: string, s: number, e: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    if (s + i >= e) return false;
    const c = text.charCodeAt(s + i);
    if (c >= 128) return text.slice(s, Math.min(e, s + 6)).toLowerCase().startsWith(word);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** A host in an address token: empty, `*`, `::`, `_default_`, a bracketed IPv6 address, an IPv4 address or a name. */
function isAddressHost(h: string): boolean {
  // Apache's `_default_` is the catch-all address of a virtual host.
  if (h === '' || h === '*' || h === '::' || h === '0' || h === '_default_') return true;
  if (h.charCodeAt(0) === 91) return /^\[[0-9a-fA-F:.%a-zA-Z]+\]$/.test(h);
  if (isDigit(h.charCodeAt(0))) return /^\d{1,3}(\.\d{1,3}){3}$/.test(h);
  // A name: /^[A-Za-z_][A-Za-z0-9_.-]*$/ ending in a letter or digit, read by character codes (this runs
  // for every address a Caddyfile or haproxy.cfg names).
  const c0 = h.charCodeAt(0);
  if (!(isAsciiLetter(c0) || c0 === 95)) return false;
  for (let i = 1; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (!(isAsciiLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 45)) return false;
  }
  const last = h.charCodeAt(h.length - 1);
  return isAsciiLetter(last) || isDigit(last);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function clearHost(h: string): boolean {
  return h === '' || h === '*' || h === '::' || h.startsWith('[') || h === 'localhost' || h.includes('.');
}

/** Scratch of `readPortSpec`: the colon-separated parts and the port or range each reads as. */
const PART_S = [0, 0, 0, 0];
const PART_E = [0, 0, 0, 0];
const SPEC_PARTS = [new PortPart(), new PortPart(), new PortPart(), new PortPart()];

/**
 * Reads a value that states ports and nothing else: `3000`, `3000-3005`, `8080:80`,
 * `127.0.0.1:5432:5432/tcp`, `[::1]:4001:4001`, `db:5432`, `53/udp`, and comma lists `22,80,443`.
 * Two numbers joined by a colon are a published mapping (roles 'host' and 'container'); a host name
 * before one number makes it a port of that host. Returns false, adding nothing, when the value has
 * another shape.
 */
export function readPortSpec(text: string, from: number, to: number, out: PortOccurrence[], role: PortRole, allowList = false): boolean {
  // The first `/` (protocol suffix) and whether there is a `,` (a list), in one pass.
  let slash = -1;
  let comma = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 47) {
      if (slash < 0) slash = i;
    } else if (c === 44) comma = true;
  }
  if (allowList && comma) {
    const tmp: PortOccurrence[] = [];
    let s = from;
    for (let i = from; i <= to; i++) {
      if (i === to || text.charCodeAt(i) === 44) {
        if (!readPortSpec(text, s, i, tmp, role)) return false;
        s = i + 1;
      }
    }
    out.push(...tmp);
    return true;
  }
  // Protocol suffix
  let e = to;
  let protocol: Protocol | undefined;
  if (slash >= 0) {
    protocol = protocolSuffix(text, slash);
    if (!protocol || slash + 1 + protocol.length !== to) return false;
    e = slash;
  }
  // Split on colons, keeping `[v6]` whole; more than four parts is another shape. The parts live in
  // module-level scratch arrays: this runs for every word of a command line.
  let n = 0;
  let s = from;
  if (text.charCodeAt(from) === 91 /* [ */) {
    const close = indexIn(text, 93, from, e);
    if (close < 0 || text.charCodeAt(close + 1) !== 58) return false;
    PART_S[0] = from;
    PART_E[0] = close + 1;
    n = 1;
    s = close + 2;
  }
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 58) {
      if (n === 4) return false;
      PART_S[n] = s;
      PART_E[n] = i;
      n++;
      s = i + 1;
    }
  }
  // Trailing numeric parts (ports or ranges) and at most one leading host.
  let firstNum = n;
  for (let p = n - 1; p >= 0; p--) {
    if (!readPortRange(text, PART_S[p], PART_E[p], SPEC_PARTS[p])) break;
    firstNum = p;
  }
  const count = n - firstNum;
  if (count === 0 || count > 2) return false;
  if (firstNum > 1) return false;
  let host: string | undefined;
  if (firstNum === 1) {
    host = text.slice(PART_S[0], PART_E[0]);
    if (!(isClearHost(host) || /^[A-Za-z_][\w.-]*$/.test(host))) return false;
  }
  const single: PortRole = host !== undefined && !isWildcard(host) ? 'connect' : role;
  // `HOST:CONTAINER` publishes or forwards: both sides are one mapping.
  const pair: PortPair | undefined = count === 2 ? { by: 'mapping' } : undefined;
  const first = out.length;
  for (let idx = 0; idx < count; idx++) {
    const p = SPEC_PARTS[firstNum + idx];
    const r: PortRole = count === 2 ? (idx === 0 ? 'host' : 'container') : single;
    const h = idx === 0 && host ? host : undefined;
    if (!p.isRange) {
      out.push(hostOcc(p.loS, p.loE, p.lo, r, h, protocol));
    } else {
      out.push(hostRangeOcc(p.loS, p.loE, p.lo, r, h, p.lo, p.hi, protocol));
      out.push(hostRangeOcc(p.hiS, p.hiE, p.hi, r, h, p.lo, p.hi, protocol));
    }
  }
  if (pair) for (let i = first; i < out.length; i++) out[i].pair = pair;
  return true;
}

function isWildcard(host: string): boolean {
  return host === '' || host === '*' || host === '0.0.0.0' || host === '[::]';
}

/** Scratch of `readFirewallItem`, filled and read within one call. */
const FIREWALL_ITEM = new PortPart();

/**
 * One port item of a firewall rule, text[s, e): `443`, `5060-5061`, and with iptables' colon
 * `1024:65535`, `:1023` (from 0), `1024:` (to 65535). Ranges bind nothing (role 'unknown'); a single
 * port takes `role`. Returns false, pushing nothing, for another shape.
 */
export function readFirewallItem(text: string, s: number, e: number, out: PortOccurrence[], role: PortRole, protocol: Protocol | undefined): boolean {
  const d = digitsEnd(text, s, e);
  let lo: number;
  let hi: number;
  let hiS: number;
  if (text.charCodeAt(d) === 58 /* : */ && d < e) {
    // Only the colon leaves an end open; `1024-` is no range.
    hiS = d + 1;
    if (digitsEnd(text, hiS, e) !== e || (d === s && e === hiS)) return false;
    lo = d > s ? portValue(text, s, d) : 0;
    hi = e > hiS ? portValue(text, hiS, e) : 65535;
    if (lo < 0 || hi < 0) return false;
  } else {
    const p = FIREWALL_ITEM;
    if (!readPortRange(text, s, e, p)) return false;
    if (!p.isRange) {
      out.push(portOcc(s, e, p.lo, role, protocol));
      return true;
    }
    lo = p.lo;
    hi = p.hi;
    hiS = p.hiS;
  }
  if (d > s) out.push(rangeOcc(s, d, lo, 'unknown', lo, hi, protocol));
  if (e > hiS) out.push(rangeOcc(hiS, e, hi, 'unknown', lo, hi, protocol));
  return true;
}

/** A parsed short-syntax port entry: `[IP:][HOST:]CONTAINER[/PROTO]`; `host` counts only when `hasHost`. */
export class ShortMapping {
  hostIp = '';
  hasHost = false;
  readonly host = new PortPart();
  readonly container = new PortPart();
  protocol: Protocol = 'tcp';
}

/**
 * Parses a Compose / `docker run -p` port entry in text[s, e) into `m`, as Compose writes it:
 * `[IP:][HOST:]CONTAINER[/PROTO]`, each side a number, a range, empty or a variable. False when it is
 * not one.
 */
export function parseShortMapping(text: string, s: number, e: number, m: ShortMapping): boolean {
  let end = e;
  let protocol: Protocol = 'tcp';
  for (let i = e - 1; i >= s && e - i <= 6; i--) {
    if (text.charCodeAt(i) === 47 /* / */) {
      const p = protocolWord(text.slice(i + 1, e));
      if (!p) return false;
      protocol = p;
      end = i;
      break;
    }
  }
  // Split at the colons outside `[...]` and `${...}`; only the last two cuts matter.
  let cuts = 0;
  let last = -1;
  let before = -1;
  let bracket = 0;
  let brace = 0;
  for (let i = s; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) bracket++;
    else if (c === 93) bracket = Math.max(0, bracket - 1);
    else if (c === 36 && text.charCodeAt(i + 1) === 123) {
      brace++;
      i++;
    } else if (c === 125) brace = Math.max(0, brace - 1);
    else if (c === 58 && bracket === 0 && brace === 0) {
      cuts++;
      before = last;
      last = i;
    } else if (c === 32 || c === 9) return false;
  }
  const container = m.container;
  if (!readPortPart(text, cuts ? last + 1 : s, end, container) || container.kind === 'empty') return false;
  m.hasHost = false;
  m.hostIp = '';
  m.protocol = protocol;
  if (cuts >= 1) {
    const host = m.host;
    if (!readPortPart(text, cuts >= 2 ? before + 1 : s, last, host)) return false;
    if (host.kind === 'empty' && cuts === 1) return false;
    if (cuts >= 2) {
      let hostIp = text.slice(s, before);
      if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
      if (!/^[0-9A-Za-z.:%_${}-]+$/.test(hostIp) || hostIp.length > 253) return false;
      if (hostIp === '0.0.0.0') hostIp = '';
      m.hostIp = hostIp;
    }
    m.hasHost = host.kind !== 'empty';
  }
  return true;
}
