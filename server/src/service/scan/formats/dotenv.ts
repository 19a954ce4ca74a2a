import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish } from '../vocabulary/common';
import { indexIn } from '../text/chars';
import { scanComment, scanValueText } from '../vocabulary/values';
import { scanKeyValue, scanKeyValueAt } from '../vocabulary/keyValues';
import { commentStart } from '../text/words';

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Finds the ports in a `.env` file: `KEY=value` and `export KEY=value` lines. A key that names a
 * port (`PORT`, `DB_PORT`) holds one; any value may hold URLs and `host:port`. Comments are `#` at
 * the line start or after whitespace in an unquoted value; a quoted value may run over several lines.
 */
export const findDotenvPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  // The quote character of a value still open from an earlier line, or 0.
  let open = 0;
  const n = text.length;
  for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
    nl = text.indexOf('\n', ls);
    if (nl < 0) nl = n;
    const le = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (open) {
      const close = indexIn(text, open, ls, le);
      scanValueText(text, ls, close < 0 ? le : close, out);
      if (close >= 0) open = 0;
      continue;
    }
    let s = ls;
    while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    if (s >= le) continue;
    if (text.charCodeAt(s) === 35) {
      scanComment(text, s + 1, le, out);
      continue;
    }
    if (text.startsWith('export ', s) || text.startsWith('set ', s)) {
      s = text.indexOf(' ', s) + 1;
      while (s < le && text.charCodeAt(s) === 32) s++;
    }
    const eq = indexIn(text, 61 /* = */, s, le);
    if (eq < 0) {
      scanComment(text, s, le, out);
      continue;
    }
    // The key is read where it stands, trimmed of ASCII whitespace; an unusual character at either
    // end (which `trim` might remove) makes it a string.
    let ks = s;
    let ke = eq;
    while (ks < ke && isAsciiSpace(text.charCodeAt(ks))) ks++;
    while (ke > ks && isAsciiSpace(text.charCodeAt(ke - 1))) ke--;
    const key = ke > ks && (text.charCodeAt(ks) >= 128 || text.charCodeAt(ke - 1) >= 128) ? text.slice(s, eq).trim() : undefined;
    // `KEY: value` is accepted by some loaders; the key never holds spaces.
    if (key === undefined ? indexIn(text, 32, ks, ke) >= 0 : key.includes(' ')) {
      scanValueText(text, s, le, out);
      continue;
    }
    let vs = eq + 1;
    while (vs < le && (text.charCodeAt(vs) === 32 || text.charCodeAt(vs) === 9)) vs++;
    const q = text.charCodeAt(vs);
    let ve: number;
    if (q === 34 || q === 39 || q === 96) {
      const close = indexIn(text, q, vs + 1, le);
      if (close < 0) {
        // A quoted value that continues on the next lines.
        open = q;
        scanValueText(text, vs + 1, le, out);
        continue;
      }
      ve = close + 1;
      const cs = commentStart(text, ve, le, '#', false);
      if (cs < le) scanComment(text, cs + 1, le, out);
    } else {
      ve = commentStart(text, vs, le, '#', false);
      if (ve < le) scanComment(text, ve + 1, le, out);
    }
    if (key === undefined) scanKeyValueAt(text, ks, ke, vs, ve, out);
    else scanKeyValue(text, key, vs, ve, out);
  }
  return finish(out);
};
