import type { EmbeddedFormats, PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, isPortKey, scanHostPorts } from '../vocabulary/common';
import { scanComment, scanPortPairs, ANY_HOST, URL_ANY_HOST, hasSchemeSeparator, maskVariables } from '../vocabulary/values';
import { readAddress, readPortItem, type AddressOptions } from '../vocabulary/portValue';
import { NextDigit, NextIndex, FoldedWordSet, Words, isWordLower } from '../text/words';

/* The nginx finder: the directives that hold ports (listen, server, proxy_pass, ...) and their addresses. */

const LISTEN: AddressOptions = { bareNumber: true, anyHost: true, emptyHost: false, protocol: undefined };
const LISTEN_UDP: AddressOptions = { bareNumber: true, anyHost: true, emptyHost: false, protocol: 'udp' };

/** Directives whose first argument is an upstream address or URL. */
const PASS = new FoldedWordSet(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass', 'zmq_pass']);
/** Directives `name value` where the name may say port (`proxy_set_header X-Forwarded-Port 443`). */
const NAMED_VALUES = new FoldedWordSet(['proxy_set_header', 'fastcgi_param', 'uwsgi_param', 'scgi_param', 'grpc_set_header', 'add_header', 'set', 'env']);
/** Directives whose arguments never hold ports, though they contain colons and digits. */
const SKIP = new FoldedWordSet(['log_format', 'ssl_ciphers', 'ssl_protocols', 'ssl_ecdh_curve', 'server_name', 'error_page', 'charset', 'types', 'default_type']);

/** 1 for the ASCII characters that end an nginx word or need a look (`{` of `${var}`, `\\` escapes). */
const WORD_STOPS = new Uint8Array(128);
for (const c of ' \t\n\r;{}\\') WORD_STOPS[c.charCodeAt(0)] = 1;

/** Makes the nginx finder; `embedded` reads OpenResty's Lua blocks with the code finder. */
export function nginxFinder(embedded: EmbeddedFormats): PortFinder {
  return (text) => findNginxPorts(text, embedded);
}

/**
 * Finds the ports in an nginx configuration: `listen` (all its address forms, `udp`/`quic` for the
 * protocol), upstream `server host:port`, `*_pass` targets, URLs in `return`/`proxy_redirect`, and
 * port-named headers and params. Sizes, counts, durations, status codes and versions are not ports.
 */
function findNginxPorts(text: string, embedded: EmbeddedFormats): PortOccurrence[] {
  const out: PortOccurrence[] = [];
  const masked = maskVariables(text);
  // One entry per open block: whether it is an `upstream` block, whose `server` lines are addresses.
  const upstreams: boolean[] = [];
  const words = new Words();
  const ws = words.starts;
  const we = words.ends;
  let nw = 0;
  const digits = new NextDigit(text);
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
      let eol = text.indexOf('\n', i);
      if (eol < 0) eol = n;
      scanComment(text, i + 1, eol, out);
      i = eol;
      continue;
    }
    if (c === 59 /* ; */ || c === 123 /* { */ || c === 125 /* } */) {
      words.length = nw;
      const lua = c === 123 && nw > 0 && isLuaBlock(text, ws[0], we[0]);
      if (nw) statement(text, masked, words, digits, upstreams, c === 123, out);
      else if (c === 123) upstreams.push(false);
      if (c === 125) upstreams.pop();
      nw = 0;
      i++;
      if (lua) {
        // OpenResty `content_by_lua_block { ... }` holds Lua, not directives: the code finder reads it,
        // and the `}` that closes it is read here as the end of the block.
        const end = luaBlockEnd(text, i);
        if (digits.from(i) < end) {
          for (const o of embedded.finder('code')(text.slice(i, end))) {
            o.start += i;
            o.end += i;
            out.push(o);
          }
        }
        i = end;
      }
      continue;
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      ws[nw] = i + 1;
      we[nw++] = Math.min(j, n);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      // One table look-up passes the plain characters of a word.
      if (d >= 128 || WORD_STOPS[d] === 0) {
        j++;
        continue;
      }
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
    ws[nw] = i;
    we[nw++] = Math.min(j, n);
    i = j;
  }
  words.length = nw;
  if (nw) statement(text, masked, words, digits, upstreams, false, out);
  return finish(out);
}

/** True when text[s, e) names an OpenResty Lua block directive: `access_by_lua_block`, `init_worker_by_lua_block`. */
function isLuaBlock(text: string, s: number, e: number): boolean {
  return e - s > 13 && text.startsWith('_by_lua_block', e - 13);
}

/**
 * The offset of the `}` that closes a Lua block whose body starts at `i` (or the text length), as
 * OpenResty finds it: braces inside strings, long brackets `[[ ]]` and comments do not count.
 */
function luaBlockEnd(text: string, i: number): number {
  const n = text.length;
  let depth = 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) {
      if (--depth === 0) return i;
    } else if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === c || d === 10) break;
        j += d === 92 ? 2 : 1;
      }
      i = j;
    } else if (c === 91 /* [ */) {
      const close = longBracketEnd(text, i);
      if (close > 0) i = close - 1;
    } else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      const close = text.charCodeAt(i + 2) === 91 ? longBracketEnd(text, i + 2) : -1;
      if (close > 0) i = close - 1;
      else {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      }
    }
    i++;
  }
  return n;
}

/** For a Lua long bracket `[[`, `[==[` at `i`: the offset after its closing bracket (or the text length); -1 when it is none. */
function longBracketEnd(text: string, i: number): number {
  let j = i + 1;
  while (text.charCodeAt(j) === 61) j++;
  if (text.charCodeAt(j) !== 91) return -1;
  const close = ']' + '='.repeat(j - i - 1) + ']';
  const at = text.indexOf(close, j + 1);
  return at < 0 ? text.length : at + close.length;
}

function statement(text: string, masked: string, words: Words, digits: NextDigit, upstreams: boolean[], opening: boolean, out: PortOccurrence[]): void {
  const ws = words.starts;
  const we = words.ends;
  const n = words.length;
  const inUpstream = upstreams.length > 0 && upstreams[upstreams.length - 1];
  const ns = ws[0];
  const ne = we[0];
  if (opening) upstreams.push(isWordLower(text, ns, ne, 'upstream'));
  // Every port is a digit run: a statement without digits holds none.
  if (digits.from(ns) >= we[n - 1] || SKIP.has(text, ns, ne)) return;
  if (n >= 2 && isWordLower(text, ns, ne, 'listen')) {
    let udp = false;
    for (let k = 2; k < n; k++) {
      if (isWordLower(text, ws[k], we[k], 'udp') || isWordLower(text, ws[k], we[k], 'quic')) udp = true;
    }
    readAddress(text, ws[1], we[1], 'listen', out, udp ? LISTEN_UDP : LISTEN);
    return;
  }
  if (inUpstream && !opening && n >= 2 && isWordLower(text, ns, ne, 'server')) {
    readAddress(text, ws[1], we[1], 'connect', out, ANY_HOST);
    for (let k = 2; k < n; k++) scanPortPairs(text, ws[k], we[k], out, 'connect');
    return;
  }
  if (n >= 2 && PASS.has(text, ns, ne)) {
    const s = ws[1];
    const e = we[1];
    if (hasSchemeSeparator(text, s, e)) scanHostPorts(masked, s, e, out, URL_ANY_HOST);
    else readAddress(masked, s, e, 'connect', out, ANY_HOST);
    return;
  }
  if (n >= 3 && NAMED_VALUES.has(text, ns, ne)) {
    const key = text.slice(text.charCodeAt(ws[1]) === 36 /* $ */ ? ws[1] + 1 : ws[1], we[1]);
    if (key.toLowerCase() === 'alt-svc') {
      // `add_header Alt-Svc 'h3=":443"; ma=86400'`: an alternative service on this port.
      scanHostPorts(text, ws[2], we[2], out, { allowEmptyHost: true, role: 'listen' });
      return;
    }
    if (isPortKey(key) && readPortItem(text, ws[2], we[2], isWordLower(text, ns, ne, 'set') ? 'listen' : 'connect', out)) return;
  }
  for (let k = 1; k < n; k++) {
    const s = ws[k];
    const e = we[k];
    if (digits.from(s) >= e) continue;
    let colon = false;
    let equals = false;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c === 58) colon = true;
      else if (c === 61) equals = true;
    }
    if (colon) scanHostPorts(masked, s, e, out);
    // A port key inside an unquoted word is followed by `=` (`port=80`): whitespace ends the word.
    const q = s > 0 ? text.charCodeAt(s - 1) : 0;
    if (equals || q === 34 || q === 39) scanPortPairs(text, s, e, out);
  }
}
