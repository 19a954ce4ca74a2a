import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish } from '../vocabulary/common';
import { indexIn, skipBlanks } from '../text/chars';
import { scanComment } from '../vocabulary/values';
import { readPortItem } from '../vocabulary/portValue';
import { Lines, wordEnd } from '../text/words';

/**
 * Finds the ports in an `/etc/services`-style file: `name  port/proto  [aliases...]  [# comment]`.
 * The port (with its protocol) is a port occurrence and the name column a service occurrence, so a
 * hover on either tells the registry's story. Numbers in comments are not ports.
 */
export const findServicesPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  const lines = new Lines(text);
  while (lines.next()) {
    const le = lines.end;
    const s = skipBlanks(text, lines.start, le);
    if (s >= le) continue;
    let cs = indexIn(text, 35 /* # */, s, le);
    if (cs < 0) cs = le;
    // The name and the port are the first two words; the rest (aliases) is not read.
    const ne = wordEnd(text, s, cs);
    let ps = ne;
    while (ps < cs && (text.charCodeAt(ps) === 32 || text.charCodeAt(ps) === 9)) ps++;
    const before = out.length;
    // `http 80/tcp www`, and ranges as IANA writes them (`x11 6000-6063/tcp`).
    if (ps < cs && readPortItem(text, ps, wordEnd(text, ps, cs), 'unknown', out)) {
      // The name goes before the port (or range) it names, so that the line's occurrences come in
      // their order in the text and `finish` has nothing to sort.
      const protocol = out[before].protocol;
      const name = text.slice(s, ne);
      out.push(out[out.length - 1]);
      for (let k = out.length - 2; k > before; k--) out[k] = out[k - 1];
      // A literal, not nameAt: this file holds one name per port, and nameAt's 19 slots cost more in garbage
      // collection than its fixed layout saves here. `name` stands before `port`, so that this layout never
      // shares the port numbers' (portAt's), whose `port` a NaN here would make a boxed double.
      out[before] = { start: s, end: ne, kind: 'service', name, port: NaN, role: 'unknown', protocol };
    }
    if (cs < le) scanComment(text, cs + 1, le, out);
  }
  return finish(out);
};
