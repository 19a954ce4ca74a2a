import type { ComposeMapping } from '../scan/types';
import type { Rule, RuleFinding } from './types';

type Family = 'dual' | 'v4' | 'v6';

/** Which address family a host IP binds, and whether it is the wildcard of that family. */
function addressOf(ip: string): { family: Family; wildcard: boolean; ip: string } {
  const a = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (a === '') return { family: 'dual', wildcard: true, ip: a };
  if (a === '0.0.0.0') return { family: 'v4', wildcard: true, ip: a };
  if (a === '::') return { family: 'v6', wildcard: true, ip: a };
  return { family: a.includes(':') ? 'v6' : 'v4', wildcard: false, ip: a };
}

/** True when two host bindings compete for the same address: a wildcard takes every address of its family. */
function addressesClash(x: string, y: string): boolean {
  const a = addressOf(x);
  const b = addressOf(y);
  if (a.family === 'dual' || b.family === 'dual') return true;
  if (a.family !== b.family) return false;
  return a.wildcard || b.wildcard || a.ip === b.ip;
}

/** True when two compose mappings publish the same host address, port (range) and protocol. */
export function clash(a: ComposeMapping, b: ComposeMapping): boolean {
  return (
    a.protocol === b.protocol && addressesClash(a.hostIp, b.hostIp) &&
    (a.hostLo as number) <= (b.hostHi as number) && (b.hostLo as number) <= (a.hostHi as number)
  );
}

/** A mapping's host side for messages: `127.0.0.1:8080/tcp (service web)`. */
export function describe(m: ComposeMapping): string {
  const port = m.hostLo === m.hostHi ? `${m.hostLo}` : `${m.hostLo}-${m.hostHi}`;
  return `${m.hostIp ? m.hostIp + ':' : ''}${port}/${m.protocol}${m.service ? ` (service ${m.service})` : ''}`;
}

/**
 * Two services (or one twice) publishing the same host address, port and protocol: Docker starts the
 * first and fails the second with "port is already allocated". Every occurrence is flagged.
 */
export const duplicateHostPort: Rule = {
  id: 'duplicateHostPort',
  description: 'The same host address, port and protocol published twice in one compose file.',
  check: (ctx) => {
    const mappings: ComposeMapping[] = [];
    const seen = new Set<ComposeMapping>();
    for (const o of ctx.occurrences) {
      const m = o.mapping;
      if (m && m.hostLo !== null && m.hostHi !== null && !seen.has(m)) {
        seen.add(m);
        mappings.push(m);
      }
    }
    // Only mappings of the same protocol whose host ranges overlap can clash: sort each protocol's
    // mappings by first host port and look only at the window that can overlap, so a file with
    // thousands of entries is not compared pair by pair. `others` keeps file order.
    const byProtocol = new Map<string, number[]>();
    for (let i = 0; i < mappings.length; i++) {
      const list = byProtocol.get(mappings[i].protocol);
      if (list) list.push(i);
      else byProtocol.set(mappings[i].protocol, [i]);
    }
    const candidates: number[][] = mappings.map(() => []);
    for (const list of byProtocol.values()) {
      const lo = (i: number): number => mappings[i].hostLo as number;
      const hi = (i: number): number => mappings[i].hostHi as number;
      const sorted = list.slice().sort((a, b) => lo(a) - lo(b) || a - b);
      let span = 0;
      for (const i of sorted) span = Math.max(span, hi(i) - lo(i));
      for (const i of list) {
        // Every j with lo(j) in [lo(i) - span, hi(i)] may overlap i; others cannot.
        let a = 0;
        let b = sorted.length;
        const from = lo(i) - span;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (lo(sorted[mid]) < from) a = mid + 1;
          else b = mid;
        }
        for (let k = a; k < sorted.length && lo(sorted[k]) <= hi(i); k++) {
          const j = sorted[k];
          if (j !== i && hi(j) >= lo(i)) candidates[i].push(j);
        }
      }
    }
    const findings: RuleFinding[] = [];
    for (let i = 0; i < mappings.length; i++) {
      const m = mappings[i];
      const cand = candidates[i].sort((a, b) => a - b);
      const others: ComposeMapping[] = [];
      for (const j of cand) if (clash(m, mappings[j])) others.push(mappings[j]);
      if (!others.length) continue;
      findings.push({
        start: m.start, end: m.end, port: m.hostLo as number,
        message: `Host port ${describe(m)} is published more than once in this file; Docker will refuse to start the second container ("port is already allocated"). Publish a different host port or bind another host address.`,
        related: others.map((x) => ({ start: x.start, end: x.end, message: `also published here: ${describe(x)}` })),
      });
    }
    return findings;
  },
};
