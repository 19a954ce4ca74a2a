import type { PortFinder, PortOccurrence, PortRole } from '../vocabulary/types';
import { finish, isPortKey, portValue, scanHostPorts } from '../vocabulary/common';
import { digitsEnd, indexIn } from '../text/chars';
import { scanComment, hasSchemeSeparator, LISTEN_ADDRESS, maskVariables, URL_ANY_HOST } from '../vocabulary/values';
import { readAddress, readPortItem } from '../vocabulary/portValue';
import { HashCommentedLines, isWordLower, NextIndex, FoldedWordSet } from '../text/words';
import { giveKey } from '../vocabulary/keys';

/** Directives whose arguments (after an optional matcher) are upstream addresses. */
const UPSTREAMS = new FoldedWordSet(['reverse_proxy', 'to', 'php_fastcgi', 'forward_auth', 'upstreams']);
/** Directives whose single argument is a port. */
const PORT_OPTIONS = new FoldedWordSet(['http_port', 'https_port', 'health_port', 'port']);
/** Global options whose arguments are listening addresses. */
const GLOBAL_ADDRESSES = new FoldedWordSet(['admin', 'servers', 'default_bind']);

/**
 * Finds the ports in a Caddyfile: site addresses (`:8080 {`, `localhost:8443`, `example.com:8443,
 * www.example.com {`, `http://localhost:2015`), `reverse_proxy`/`php_fastcgi` upstreams, the global
 * options `http_port`, `https_port`, `admin`, `servers`, `health_port`, URLs in `redir`, and
 * `{$PORT:8080}` defaults. Durations, sizes and status codes are not ports.
 */
export const findCaddyPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  const masked = caddyMask(text);
  // The open blocks: how many, and whether the outermost is the global options block.
  let depth = 0;
  let inGlobalBlock = false;
  let seenContent = false;
  const lines = new HashCommentedLines(text);
  const { digits, words } = lines;
  const dollars = new NextIndex(text, 36 /* $ */);
  const ws = words.starts;
  const we = words.ends;
  while (lines.next()) {
    const le = lines.end;
    const s = lines.first;
    if (s >= le) continue;
    const cs = lines.commentStart();
    if (cs < le) scanComment(text, cs + 1, le, out);
    let e = cs;
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (s >= e) continue;
    // Every port is a digit run: a line without digits only opens or closes blocks.
    const hasDigit = digits.from(s) < e;
    const dollar = dollars.from(s);
    if (dollar >= 0 && dollar < e) envDefaults(text, s, e, out);
    const opens = text.charCodeAt(e - 1) === 123;
    const n = words.split(text, s, opens ? e - 1 : e);
    const fs = n > 0 ? ws[0] : s;
    const fe = n > 0 ? we[0] : s;
    if (fe - fs === 1 && text.charCodeAt(fs) === 125 /* } */) {
      if (depth > 0) depth--;
      // `} else {`-like continuations do not exist in Caddyfiles; a lone `}` closes one block.
      if (opens && depth++ === 0) inGlobalBlock = false;
      continue;
    }
    const firstLine = !seenContent;
    seenContent = true;
    if (depth === 0) {
      if (n === 0 && opens) {
        depth = 1;
        inGlobalBlock = firstLine;
        continue;
      }
      const f0 = text.charCodeAt(fs);
      if (fe > fs && (f0 === 40 /* ( */ || (f0 === 38 /* & */ && text.charCodeAt(fs + 1) === 40))) {
        // A snippet.
        if (opens) {
          depth = 1;
          inGlobalBlock = false;
        }
        continue;
      }
      if (fe - fs === 6 && text.startsWith('import', fs)) continue;
      // Site addresses: the line that opens a site block, or the first line of a one-site file.
      if (opens || firstLine) {
        if (hasDigit) for (let k = 0; k < n; k++) siteAddress(text, masked, ws[k], we[k], out);
        if (opens) {
          depth = 1;
          inGlobalBlock = false;
        }
        continue;
      }
    }
    const inGlobal = depth > 0 && inGlobalBlock;
    if (opens) depth++;
    if (!hasDigit) continue;
    if (n >= 2 && PORT_OPTIONS.has(text, fs, fe)) {
      const first = out.length;
      readPortItem(text, ws[1], we[1], isWordLower(text, fs, fe, 'health_port') ? 'connect' : 'listen', out);
      giveKey(out, first, text, fs, fe);
      continue;
    }
    if (UPSTREAMS.has(text, fs, fe)) {
      for (let k = 1; k < n; k++) {
        const c = text.charCodeAt(ws[k]);
        if (c === 47 || c === 42 || c === 64) continue; // a matcher: `/api/*`, `*`, `@name`
        upstream(text, masked, ws[k], we[k], 'connect', out);
      }
      continue;
    }
    if ((inGlobal && n >= 2 && GLOBAL_ADDRESSES.has(text, fs, fe)) || isWordLower(text, fs, fe, 'bind')) {
      for (let k = 1; k < n; k++) readAddress(masked, ws[k], we[k], 'listen', out, LISTEN_ADDRESS);
      continue;
    }
    if (indexIn(text, 58, s, e) >= 0) {
      // A bare `:PORT` argument is a listening address: CoreDNS `ready :8181`, `prometheus :9153`.
      for (let k = 1; k < n; k++) bareListenPort(text, ws[k], we[k], out);
      scanHostPorts(masked, s, e, out);
    }
  }
  return finish(out);
};

/** Masks `{placeholders}` (and `$vars`) so that `https://{host}:8443{uri}` reads as a URL with a port. */
function caddyMask(text: string): string {
  const m = maskVariables(text);
  let i = m.indexOf('{');
  if (i < 0) return m;
  const parts: string[] = [];
  let from = 0;
  const closes = new NextIndex(m, 125);
  const breaks = new NextIndex(m, 10);
  const spaces = new NextIndex(m, 32);
  for (; i >= 0; i = m.indexOf('{', i + 1)) {
    // A block brace stands after whitespace or at the line end; a placeholder is `{name}` inside a word.
    const close = closes.from(i + 1);
    if (close < 0 || close - i > 128 || close === i + 1) continue;
    const nl = breaks.from(i);
    const sp = spaces.from(i);
    if ((nl >= 0 && nl < close) || (sp >= 0 && sp < close)) continue;
    const afterDigit = i > 0 && m.charCodeAt(i - 1) >= 48 && m.charCodeAt(i - 1) <= 57;
    parts.push(m.slice(from, i), (afterDigit ? '/' : 'v') + 'v'.repeat(close - i));
    from = close + 1;
    i = close;
  }
  parts.push(m.slice(from));
  return parts.join('');
}

/** A site address: `:8080`, `localhost:8443`, `example.com:8443,`, `http://localhost:2015/path`. */
function siteAddress(text: string, masked: string, s: number, e: number, out: PortOccurrence[]): void {
  while (e > s && text.charCodeAt(e - 1) === 44) e--;
  if (s >= e) return;
  const scheme = indexIn(text, 58, s, e);
  if (scheme > s && text.charCodeAt(scheme + 1) === 47 && text.charCodeAt(scheme + 2) === 47) {
    const mine: PortOccurrence[] = [];
    scanHostPorts(masked, s, e, mine, URL_ANY_HOST);
    // A loop, not push(...mine): one address word may hold 100,000+ URLs and overflow the call stack.
    for (const o of mine) {
      o.role = 'listen';
      out.push(o);
    }
    return;
  }
  // `example.com:8443/api/*`: the path is not part of the address.
  const slash = indexIn(text, 47, s, e);
  if (slash < 0 && zoneAddress(text, s, e, out)) return;
  readAddress(masked, s, slash < 0 ? e : slash, 'listen', out, LISTEN_ADDRESS);
}

/**
 * A CoreDNS server block key whose zone is no host name: the root zone `.:53` and reverse zones that
 * start with a digit (`10.in-addr.arpa:53`, `0.168.192.in-addr.arpa.:53`). Returns true when it was one.
 */
function zoneAddress(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  const colon = indexIn(text, 58, s, e);
  if (colon <= s || indexIn(text, 58, colon + 1, e) >= 0) return false;
  const de = digitsEnd(text, colon + 1, e);
  if (de !== e || de === colon + 1) return false;
  const c0 = text.charCodeAt(s);
  if (!(colon === s + 1 && c0 === 46) && !(c0 >= 48 && c0 <= 57 && isReverseZone(text, s, colon))) return false;
  const port = portValue(text, colon + 1, de);
  if (port < 0) return false;
  out.push({ start: colon + 1, end: de, kind: 'port', port, role: 'listen' });
  return true;
}

/** A dotted DNS name in text[s, e) with a letter in its last label: `10.in-addr.arpa`, not `10.0.0.1`. */
function isReverseZone(text: string, s: number, e: number): boolean {
  if (text.charCodeAt(e - 1) === 46) e--;
  let letter = false;
  let dot = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (i === s || text.charCodeAt(i - 1) === 46) return false;
      dot = true;
      letter = false;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letter = true;
    else if (!((c >= 48 && c <= 57) || c === 45)) return false;
  }
  return dot && letter;
}

/** `:8181` as a whole word: a port to listen on. */
function bareListenPort(text: string, s: number, e: number, out: PortOccurrence[]): void {
  if (text.charCodeAt(s) !== 58) return;
  const de = digitsEnd(text, s + 1, e);
  if (de !== e || de === s + 1) return;
  const port = portValue(text, s + 1, de);
  if (port >= 0) out.push({ start: s + 1, end: de, kind: 'port', port, role: 'listen' });
}

function upstream(text: string, masked: string, s: number, e: number, role: PortRole, out: PortOccurrence[]): void {
  if (hasSchemeSeparator(text, s, e)) {
    scanHostPorts(masked, s, e, out, URL_ANY_HOST);
    return;
  }
  readAddress(masked, s, e, role, out, LISTEN_ADDRESS);
}

/** `{$PORT:8080}`: the default of an environment placeholder whose name says port. */
function envDefaults(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let i = indexIn(text, 123, s, e);
  while (i >= 0) {
    if (text.charCodeAt(i + 1) === 36) {
      const close = indexIn(text, 125, i + 2, e);
      if (close < 0) return;
      const colon = indexIn(text, 58, i + 2, close);
      if (colon > 0) {
        const de = digitsEnd(text, colon + 1, close);
        const port = portValue(text, colon + 1, de);
        if (de === close && port >= 0) {
          if (isPortKey(text.slice(i + 2, colon))) {
            out.push({ start: colon + 1, end: de, kind: 'port', port, role: 'listen' });
            giveKey(out, out.length - 1, text, i + 2, colon);
          }
        } else {
          // `{$BACKEND:localhost:4001}`: the default is an address.
          readAddress(text, colon + 1, close, 'connect', out, LISTEN_ADDRESS);
        }
      }
      i = indexIn(text, 123, close, e);
    } else i = indexIn(text, 123, i + 1, e);
  }
}
