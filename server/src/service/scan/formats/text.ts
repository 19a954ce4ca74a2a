import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, protocolSuffix, scanHostPorts } from '../vocabulary/common';
import { indexIn } from '../text/chars';
import { markDocumentation, scanProseNumbers } from '../vocabulary/prose';

/**
 * Finds the ports in a plain-text document of no known format (notes, `docker ps` or `ss -ltn`
 * output pasted into a file): URLs, clear `host:port` and the numbers its sentences tie to a port.
 * All of it is documentation, which rules never judge.
 */
export const findTextPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  const n = text.length;
  for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
    nl = text.indexOf('\n', ls);
    if (nl < 0) nl = n;
    readTextLine(text, ls, nl, out);
  }
  return finish(out);
};

/** One line of plain text or prose: `host:port`, URLs, `docker ps` mappings and sentence-level ports. */
export function readTextLine(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const first = out.length;
  if (indexIn(text, 58, s, e) >= 0) {
    scanHostPorts(text, s, e, out, { sentenceEnd: true });
    scanArrows(text, s, e, out, first);
  }
  scanProseNumbers(text, s, e, out, first);
  markDocumentation(out, first);
}

/**
 * The container side of `docker ps` and `lsof` output: `0.0.0.0:3000->3000/tcp`,
 * `localhost:5432->localhost:51234`; the side before the arrow is a `host:port` already read.
 */
function scanArrows(text: string, s: number, e: number, out: PortOccurrence[], first: number): void {
  if (out.length === first) return;
  for (let i = text.indexOf('->', s); i >= 0 && i + 2 < e; i = text.indexOf('->', i + 2)) {
    const before = text.charCodeAt(i - 1);
    if (before < 48 || before > 57) continue;
    let j = i + 2;
    const ds = j;
    while (j < e && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === ds || j - ds > 5 || text.charCodeAt(j) !== 47 /* / */) continue;
    const v = Number(text.slice(ds, j));
    const proto = protocolSuffix(text, j);
    if (v >= 1 && v <= 65535 && proto) out.push({ start: ds, end: j, kind: 'port', port: v, role: 'container', protocol: proto });
  }
}
