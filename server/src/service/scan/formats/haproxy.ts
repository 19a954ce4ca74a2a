import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, scanHostPorts } from '../vocabulary/common';
import { indexIn } from '../text/chars';
import { scanComment, scanPortPairs, ANY_HOST, LISTEN_ADDRESS } from '../vocabulary/values';
import { readAddress, readPortItem } from '../vocabulary/portValue';
import { HashCommentedLines, isWordLower, type NextDigit, type Words } from '../text/words';
import { giveKey } from '../vocabulary/keys';

/**
 * Finds the ports in a haproxy configuration: `bind` addresses (`*:80`, `:::443`, `ipv4@:80`,
 * `quic4@:443` for UDP), `server name host:port` (a dotless host with a low port is an address
 * here), `port`/`agent-port` options, `peer`/`nameserver`/`mailer` addresses, `log host:port`,
 * `stats socket` addresses and `dst_port` ACLs. Counts, timeouts and weights are not ports.
 */
export const findHaproxyPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  const lines = new HashCommentedLines(text);
  const { digits, words } = lines;
  const ws = words.starts;
  const we = words.ends;
  while (lines.next()) {
    const le = lines.end;
    const s = lines.first;
    // Every port is a digit run and no state passes from line to line: a line without digits holds none.
    if (s >= le || digits.from(s) >= le) continue;
    const cs = lines.commentStart();
    if (cs < le) scanComment(text, cs + 1, le, out);
    const n = words.split(text, s, cs);
    if (n === 0) continue;
    const k0 = ws[0];
    const k1 = we[0];
    if (isWordLower(text, k0, k1, 'bind')) {
      if (n >= 2) {
        // `bind 0.0.0.0:443,:::443`
        const be = we[1];
        let as = ws[1];
        for (let i = as; i <= be; i++) {
          if (i === be || text.charCodeAt(i) === 44) {
            readAddress(text, as, i, 'listen', out, LISTEN_ADDRESS);
            as = i + 1;
          }
        }
      }
      continue;
    }
    const listen = isWordLower(text, k0, k1, 'listen');
    if (n >= 3 && (listen || isWordLower(text, k0, k1, 'server') || isWordLower(text, k0, k1, 'peer') ||
      isWordLower(text, k0, k1, 'nameserver') || isWordLower(text, k0, k1, 'mailer'))) {
      readAddress(text, ws[2], we[2], listen ? 'listen' : 'connect', out, listen ? LISTEN_ADDRESS : ANY_HOST);
      portOptions(text, words, digits, 3, out);
      continue;
    }
    if (isWordLower(text, k0, k1, 'server-template') && n >= 4) {
      readAddress(text, ws[3], we[3], 'connect', out, ANY_HOST);
      portOptions(text, words, digits, 4, out);
      continue;
    }
    if (isWordLower(text, k0, k1, 'default-server')) {
      portOptions(text, words, digits, 1, out);
      continue;
    }
    if (isWordLower(text, k0, k1, 'log') && n >= 2) {
      readAddress(text, ws[1], we[1], 'connect', out, ANY_HOST);
      continue;
    }
    if (isWordLower(text, k0, k1, 'stats') && n >= 3) {
      const socket = isWordLower(text, ws[1], we[1], 'socket');
      if (socket || isWordLower(text, ws[1], we[1], 'bind')) readAddress(text, ws[2], we[2], 'listen', out, LISTEN_ADDRESS);
      if (socket || isWordLower(text, ws[1], we[1], 'auth')) continue;
    }
    portOptions(text, words, digits, 1, out);
    if (indexIn(text, 58, s, cs) >= 0) scanHostPorts(text, s, cs, out);
  }
  return finish(out);
};

/** Sample fetches whose following numbers are ports (`acl p dst_port 8080`, `dst_port 1024:65535`). */
const PORT_FETCHES = ['dst_port', 'src_port', 'fc_dst_port', 'fc_src_port', 'bc_dst_port', 'bc_src_port', 'be_port'];

/** True when text[s, e) lower-cases to one of `options`, all of which end in "port". */
function isPortOption(text: string, s: number, e: number, options: readonly string[]): boolean {
  // Checking the last letter first rules out almost every word at once.
  if (e - s < 4 || (text.charCodeAt(e - 1) | 32) !== 116 /* t */) return false;
  for (const o of options) if (isWordLower(text, s, e, o)) return true;
  return false;
}

const PORT_OPTIONS = ['port', 'agent-port', 'check-port'];

/** `port 8081`, `agent-port 9999`, `dst_port 8080`, `dst_port 1024:65535` among the words from `from`. */
function portOptions(text: string, words: Words, digits: NextDigit, from: number, out: PortOccurrence[]): void {
  const ws = words.starts;
  const we = words.ends;
  const n = words.length;
  for (let k = from; k < n; k++) {
    // An anonymous ACL may be written without a space after its brace: `{dst_port 8080}`.
    const s = text.charCodeAt(ws[k]) === 123 ? ws[k] + 1 : ws[k];
    if (isPortOption(text, s, we[k], PORT_FETCHES)) {
      const first = out.length;
      const fetch = k;
      // Every following number (or `lo:hi` range) until the next word.
      for (let m = k + 1; m < n; m++) {
        const s = ws[m];
        const e = we[m];
        const colon = indexIn(text, 58, s, e);
        const mine: PortOccurrence[] = [];
        if (colon > s) {
          if (readPortItem(text, s, colon, 'listen', mine) && readPortItem(text, colon + 1, e, 'listen', mine)) {
            const lo = mine[0].port;
            const hi = mine[mine.length - 1].port;
            for (const o of mine) {
              o.rangeLo = lo;
              o.rangeHi = hi;
            }
            out.push(...mine);
          } else break;
        } else if (readPortItem(text, s, text.charCodeAt(e - 1) === 125 ? e - 1 : e, 'listen', out)) {
          // consumed
        } else break;
        k = m;
      }
      giveKey(out, first, text, s, we[fetch]);
      continue;
    }
    if (k + 1 < n && isPortOption(text, s, we[k], PORT_OPTIONS)) {
      const first = out.length;
      readPortItem(text, ws[k + 1], we[k + 1], 'connect', out);
      giveKey(out, first, text, s, we[k]);
      k++;
      continue;
    }
    if (digits.from(ws[k]) < we[k]) scanPortPairs(text, ws[k], we[k], out, 'connect');
  }
}
