import type { PortFinder, PortOccurrence } from './types';
import { finish, indexIn } from './common';
import { readPortItem, scanComment, splitWords } from './keyvalue';

/**
 * Finds the ports in an `/etc/services`-style file: `name  port/proto  [aliases...]  [# comment]`.
 * The port (with its protocol) is a port occurrence and the name column a service occurrence, so a
 * hover on either tells the registry's story. Numbers in comments are not ports.
 */
export const findServicesPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  // A plain loop over line offsets: no generator, no [start, end] array per line.
  const textLength = text.length;
  for (let ls = 0, nextNl = 0; ls <= textLength; ls = nextNl + 1) {
    nextNl = text.indexOf('\n', ls);
    if (nextNl < 0) nextNl = textLength;
    const le = nextNl > ls && text.charCodeAt(nextNl - 1) === 13 ? nextNl - 1 : nextNl;
    let s = ls;
    while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    if (s >= le) continue;
    let cs = indexIn(text, 35 /* # */, s, le);
    if (cs < 0) cs = le;
    if (cs < le) scanComment(text, cs + 1, le, out);
    const words = splitWords(text, s, cs);
    if (words.length < 2) continue;
    const mine: PortOccurrence[] = [];
    // `http 80/tcp www`, and ranges as IANA writes them (`x11 6000-6063/tcp`).
    if (!readPortItem(text, words[1][0], words[1][1], 'unknown', mine)) continue;
    out.push(...mine);
    const [ns, ne] = words[0];
    out.push({ start: ns, end: ne, kind: 'service', port: NaN, name: text.slice(ns, ne), role: 'unknown', ...(mine[0].protocol ? { protocol: mine[0].protocol } : {}) });
  }
  return finish(out);
};
