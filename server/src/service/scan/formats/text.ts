import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, joinMapping, scanHostPorts, sortTail, type HostPortOptions } from '../vocabulary/common';
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
    scanHostPorts(text, s, e, out, SENTENCE);
    if (hasArrow(text, s, e)) scanArrows(text, s, e, out);
  }
  scanProseNumbers(text, s, e, out, first);
  markDocumentation(out, first);
  // A host:port is read before the sentence's numbers, which may stand before it.
  sortTail(out, first);
}

/** Prose: a full stop may end the sentence right after a port; made once rather than per line. */
const SENTENCE: HostPortOptions = { sentenceEnd: true };

/** True when `->` stands in text[s, e), found without a copy of the line. */
function hasArrow(text: string, s: number, e: number): boolean {
  for (let i = indexIn(text, 45 /* - */, s, e); i >= 0 && i + 1 < e; i = indexIn(text, 45, i + 1, e)) {
    if (text.charCodeAt(i + 1) === 62 /* > */) return true;
  }
  return false;
}

// `0.0.0.0:3000->3000/tcp`, `[::]:8080->80/tcp`, `*:443->443/tcp`: a published address, then the container's port.
const ARROW = /(?:(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-fA-F:]*\]|::|\*|localhost):(\d{1,5})->(\d{1,5})\/(tcp|udp|sctp)\b/g;

/** The published mappings of `docker ps` and `docker compose ps` output, which `host:port` alone does not read. */
function scanArrows(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const line = text.slice(s, e);
  ARROW.lastIndex = 0;
  for (let m = ARROW.exec(line); m; m = ARROW.exec(line)) {
    const protocol = m[3] as 'tcp' | 'udp' | 'sctp';
    const host = s + m.index + m[0].indexOf(':' + m[1] + '->') + 1;
    const container = host + m[1].length + 2;
    const hp = Number(m[1]);
    const cp = Number(m[2]);
    const first = out.length;
    if (hp >= 1 && hp <= 65535) out.push({ start: host, end: host + m[1].length, kind: 'port', port: hp, role: 'host', protocol });
    if (cp >= 1 && cp <= 65535) out.push({ start: container, end: container + m[2].length, kind: 'port', port: cp, role: 'container', protocol });
    joinMapping(out, first, 'mapping');
  }
}
