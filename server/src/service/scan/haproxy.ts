import type { PortFinder, PortOccurrence } from './types';
import { finish, indexIn, scanHostPorts } from './common';
import { commentStart, readAddress, readPortItem, scanComment, scanPortPairs, splitWords } from './keyvalue';

/** Keywords `KEYWORD name address` whose third word is an address with a port. */
const NAMED_ADDRESS = new Set(['server', 'peer', 'nameserver', 'mailer', 'listen']);
/** Sample fetches whose following numbers are ports (`acl p dst_port 8080`, `dst_port 1024:65535`). */
const PORT_FETCHES = new Set(['dst_port', 'src_port', 'fc_dst_port', 'fc_src_port', 'bc_dst_port', 'bc_src_port', 'be_port']);

/**
 * Finds the ports in a haproxy configuration: `bind` addresses (`*:80`, `:::443`, `ipv4@:80`,
 * `quic4@:443` for UDP), `server name host:port` (a dotless host with a low port is an address
 * here), `port`/`agent-port` options, `peer`/`nameserver`/`mailer` addresses, `log host:port`,
 * `stats socket` addresses and `dst_port` ACLs. Counts, timeouts and weights are not ports.
 */
export const findHaproxyPorts: PortFinder = (text) => {
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
    const cs = commentStart(text, s, le, '#');
    if (cs < le) scanComment(text, cs + 1, le, out);
    const words = splitWords(text, s, cs);
    if (!words.length) continue;
    const kw = text.slice(words[0][0], words[0][1]).toLowerCase();
    if (kw === 'bind') {
      if (words.length >= 2) {
        const [bs, be] = words[1];
        // `bind 0.0.0.0:443,:::443`
        let as = bs;
        for (let i = bs; i <= be; i++) {
          if (i === be || text.charCodeAt(i) === 44) {
            readAddress(text, as, i, 'listen', out, { emptyHost: true, anyHost: true });
            as = i + 1;
          }
        }
      }
      continue;
    }
    if (NAMED_ADDRESS.has(kw) && words.length >= 3) {
      readAddress(text, words[2][0], words[2][1], kw === 'listen' ? 'listen' : 'connect', out, { emptyHost: kw === 'listen', anyHost: true });
      portOptions(text, words, 3, out);
      continue;
    }
    if (kw === 'server-template' && words.length >= 4) {
      readAddress(text, words[3][0], words[3][1], 'connect', out, { anyHost: true });
      portOptions(text, words, 4, out);
      continue;
    }
    if (kw === 'default-server') {
      portOptions(text, words, 1, out);
      continue;
    }
    if (kw === 'log' && words.length >= 2) {
      readAddress(text, words[1][0], words[1][1], 'connect', out, { anyHost: true });
      continue;
    }
    if (kw === 'stats' && words.length >= 3) {
      const sub = text.slice(words[1][0], words[1][1]).toLowerCase();
      if (sub === 'socket' || sub === 'bind') readAddress(text, words[2][0], words[2][1], 'listen', out, { emptyHost: true, anyHost: true });
      if (sub === 'auth' || sub === 'socket') continue;
    }
    portOptions(text, words, 1, out);
    if (indexIn(text, 58, s, cs) >= 0) scanHostPorts(text, s, cs, out);
  }
  return finish(out);
};

/** `port 8081`, `agent-port 9999`, `dst_port 8080`, `dst_port 1024:65535` among the words from `from`. */
function portOptions(text: string, words: Array<[number, number]>, from: number, out: PortOccurrence[]): void {
  for (let k = from; k < words.length; k++) {
    const w = text.slice(words[k][0], words[k][1]).toLowerCase().replace(/^\{/, '');
    if (PORT_FETCHES.has(w)) {
      // Every following number (or `lo:hi` range) until the next word.
      for (let m = k + 1; m < words.length; m++) {
        const [s, e] = words[m];
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
      continue;
    }
    if ((w === 'port' || w === 'agent-port' || w === 'check-port') && k + 1 < words.length) {
      readPortItem(text, words[k + 1][0], words[k + 1][1], 'connect', out);
      k++;
      continue;
    }
    scanPortPairs(text, words[k][0], words[k][1], out, 'connect');
  }
}
