import type { PortFinder, PortOccurrence, PortRole } from './types';
import { digitsEnd, finish, indexIn, isPortKey, portValue, scanHostPorts } from './common';
import { commentStart, readAddress, readPortItem, scanComment, splitWords } from './keyvalue';
import { maskVariables, NextIndex } from './nginx';

/** Directives whose arguments (after an optional matcher) are upstream addresses. */
const UPSTREAMS = new Set(['reverse_proxy', 'to', 'php_fastcgi', 'forward_auth', 'upstreams']);
/** Directives whose single argument is a port. */
const PORT_OPTIONS = new Set(['http_port', 'https_port', 'health_port', 'port']);

/**
 * Finds the ports in a Caddyfile: site addresses (`:8080 {`, `localhost:8443`, `example.com:8443,
 * www.example.com {`, `http://localhost:2015`), `reverse_proxy`/`php_fastcgi` upstreams, the global
 * options `http_port`, `https_port`, `admin`, `servers`, `health_port`, URLs in `redir`, and
 * `{$PORT:8080}` defaults. Durations, sizes and status codes are not ports.
 */
export const findCaddyPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  const masked = caddyMask(text);
  // One entry per open block: 'global', 'site', 'snippet' or the directive that opened it.
  const stack: string[] = [];
  let seenContent = false;
  // A plain loop over line offsets: no generator, no [start, end] array per line.
  const textLength = text.length;
  for (let ls = 0, nextNl = 0; ls <= textLength; ls = nextNl + 1) {
    nextNl = text.indexOf('\n', ls);
    if (nextNl < 0) nextNl = textLength;
    const le = nextNl > ls && text.charCodeAt(nextNl - 1) === 13 ? nextNl - 1 : nextNl;
    let s = ls;
    while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    if (s >= le) continue;
    const cs = commentStart(text, s, le, '#');
    if (cs < le) scanComment(text, cs + 1, le, out);
    let e = cs;
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (s >= e) continue;
    envDefaults(text, s, e, out);
    const opens = text.charCodeAt(e - 1) === 123;
    const words = splitWords(text, s, opens ? e - 1 : e);
    const first = words.length ? text.slice(words[0][0], words[0][1]) : '';
    if (first === '}') {
      stack.pop();
      // `} else {`-like continuations do not exist in Caddyfiles; a lone `}` closes one block.
      if (opens) stack.push('block');
      continue;
    }
    const depth = stack.length;
    const firstLine = !seenContent;
    seenContent = true;
    if (depth === 0) {
      if (!words.length && opens) {
        stack.push(firstLine ? 'global' : 'block');
        continue;
      }
      if (first.startsWith('(') || first.startsWith('&(')) {
        if (opens) stack.push('snippet');
        continue;
      }
      if (first === 'import') continue;
      // Site addresses: the line that opens a site block, or the first line of a one-site file.
      if (opens || firstLine) {
        for (const [ws, we] of words) siteAddress(text, masked, ws, we, out);
        if (opens) stack.push('site');
        continue;
      }
    }
    const name = first.toLowerCase();
    const inGlobal = stack[0] === 'global';
    if (opens) stack.push(name);
    if (PORT_OPTIONS.has(name) && words.length >= 2) {
      readPortItem(text, words[1][0], words[1][1], name === 'health_port' ? 'connect' : 'listen', out);
      continue;
    }
    if (UPSTREAMS.has(name)) {
      for (let k = 1; k < words.length; k++) {
        const [ws, we] = words[k];
        const c = text.charCodeAt(ws);
        if (c === 47 || c === 42 || c === 64) continue; // a matcher: `/api/*`, `*`, `@name`
        upstream(text, masked, ws, we, 'connect', out);
      }
      continue;
    }
    if (inGlobal && (name === 'admin' || name === 'servers' || name === 'default_bind') && words.length >= 2) {
      for (let k = 1; k < words.length; k++) readAddress(masked, words[k][0], words[k][1], 'listen', out, { emptyHost: true, anyHost: true });
      continue;
    }
    if (name === 'bind') {
      for (let k = 1; k < words.length; k++) readAddress(masked, words[k][0], words[k][1], 'listen', out, { emptyHost: true, anyHost: true });
      continue;
    }
    if (indexIn(text, 58, s, e) >= 0) scanHostPorts(masked, s, e, out);
  }
  return finish(out);
};

/** Masks `{placeholders}` (and `$vars`) so that `https://{host}:8443{uri}` reads as a URL with a port. */
function caddyMask(text: string): string {
  const m = maskVariables(text);
  if (indexIn(m, 123, 0, m.length) < 0) return m;
  const parts: string[] = [];
  let from = 0;
  const closes = new NextIndex(m, 125);
  const breaks = new NextIndex(m, 10);
  const spaces = new NextIndex(m, 32);
  for (let i = 0; i < m.length; i++) {
    if (m.charCodeAt(i) !== 123) continue;
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
    scanHostPorts(masked, s, e, mine, { lowPortsOnBareHosts: true });
    // A loop, not push(...mine): one address word may hold 100,000+ URLs and overflow the call stack.
    for (const o of mine) {
      o.role = 'listen';
      out.push(o);
    }
    return;
  }
  // `example.com:8443/api/*`: the path is not part of the address.
  const slash = indexIn(text, 47, s, e);
  readAddress(masked, s, slash < 0 ? e : slash, 'listen', out, { emptyHost: true, anyHost: true });
}

function upstream(text: string, masked: string, s: number, e: number, role: PortRole, out: PortOccurrence[]): void {
  if (text.slice(s, e).includes('://')) {
    scanHostPorts(masked, s, e, out, { lowPortsOnBareHosts: true });
    return;
  }
  readAddress(masked, s, e, role, out, { emptyHost: true, anyHost: true });
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
          if (isPortKey(text.slice(i + 2, colon))) out.push({ start: colon + 1, end: de, kind: 'port', port, role: 'listen' });
        } else {
          // `{$BACKEND:localhost:4001}`: the default is an address.
          readAddress(text, colon + 1, close, 'connect', out, { anyHost: true, emptyHost: true });
        }
      }
      i = indexIn(text, 123, close, e);
    } else i = indexIn(text, 123, i + 1, e);
  }
}
