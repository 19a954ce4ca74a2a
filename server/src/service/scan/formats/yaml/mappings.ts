import type { Protocol } from '../../../registry/types';
import { digitsEnd } from '../../text/chars';
import { placeholderDefaultStart, portValue, protocolWord } from '../../vocabulary/common';

/*
 * Parsing a short-syntax port entry, as Compose `ports:` and `docker run -p` write it:
 * `[IP:][HOST:]CONTAINER[/PROTO]`, each side a number, a range, empty or a variable.
 */

/**
 * A port part of a short-syntax mapping: one number, a range, empty (ephemeral) or a variable with no
 * default. Parsing fills a PortPart owned by the caller: a compose file has thousands of port entries,
 * and objects made for each only to be read once were a large share of what the finder allocated.
 */
export class PortPart {
  kind: 'num' | 'empty' | 'var' = 'empty';
  lo = NaN;
  hi = NaN;
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
}

/**
 * Parses `8080`, `3000-3005`, `${PORT:-8080}` or `` in text[s, e) into `p`; false when it is none of them.
 * Nested defaults (`${A:-${B:-8080}}`) are peeled in a loop, not by recursion: 5,000 levels overflowed
 * the stack and the whole file lost its ports.
 */
export function parsePortPart(text: string, s: number, e: number, p: PortPart): boolean {
  // The outermost placeholder, which the entry is when no number lies at its core.
  let outerS = -1;
  let outerE = -1;
  for (;;) {
    while (s < e && text.charCodeAt(s) === 32) s++;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    if (outerS < 0 && s >= e) return p.set('empty', NaN, NaN, s, s, s, s);
    if (s >= e || text.charCodeAt(s) !== 36 /* $ */) break;
    if (outerS < 0) {
      outerS = s;
      outerE = e;
    }
    // `${VAR:-8080}`, `${VAR-8080}`, `$VAR`, `${VAR}`
    if (text.charCodeAt(s + 1) !== 123 || text.charCodeAt(e - 1) !== 125) return p.set('var', NaN, NaN, outerS, outerE, outerS, outerE);
    const d = placeholderDefaultStart(text, s, e);
    if (d < 0) return p.set('var', NaN, NaN, outerS, outerE, outerS, outerE);
    s = d;
    e = e - 1;
  }
  if (outerS >= 0) {
    if (parsePortNumber(text, s, e, p) && p.kind === 'num') return true;
    return p.set('var', NaN, NaN, outerS, outerE, outerS, outerE);
  }
  return parsePortNumber(text, s, e, p);
}

/** Parses `8080` or `3000-3005` (no placeholder) in text[s, e) into `p`. */
function parsePortNumber(text: string, s: number, e: number, p: PortPart): boolean {
  if (s >= e) return p.set('empty', NaN, NaN, s, s, s, s);
  const a = digitsEnd(text, s, e);
  if (a === s) return false;
  const lo = portValue(text, s, a);
  if (lo < 0) return false;
  if (a === e) return p.set('num', lo, lo, s, a, s, a);
  if (text.charCodeAt(a) !== 45) return false;
  const b = digitsEnd(text, a + 1, e);
  if (b !== e || b === a + 1) return false;
  const hi = portValue(text, a + 1, b);
  if (hi < 0) return false;
  return p.set('num', lo, hi, s, a, a + 1, b);
}

/** A parsed short-syntax port entry: `[IP:][HOST:]CONTAINER[/PROTO]`; `host` counts only when `hasHost`. */
export class ShortMapping {
  hostIp = '';
  hasHost = false;
  readonly host = new PortPart();
  readonly container = new PortPart();
  protocol: Protocol = 'tcp';
}

/** Parses a Compose / `docker run -p` port entry in text[s, e) into `m`; false when it is not one. */
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
  if (!parsePortPart(text, cuts ? last + 1 : s, end, container) || container.kind === 'empty') return false;
  m.hasHost = false;
  m.hostIp = '';
  m.protocol = protocol;
  if (cuts >= 1) {
    const host = m.host;
    if (!parsePortPart(text, cuts >= 2 ? before + 1 : s, last, host)) return false;
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
