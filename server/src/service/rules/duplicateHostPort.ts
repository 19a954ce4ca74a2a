import type { ComposeMapping } from '../scan/vocabulary/types';
import type { Rule, RuleFinding } from './types';

type Family = 'dual' | 'v4' | 'v6';

interface Address {
  family: Family;
  wildcard: boolean;
  ip: string;
}

// Most mappings bind every address; they share one record and skip the string work below.
const ANY_ADDRESS: Address = { family: 'dual', wildcard: true, ip: '' };

/** Which address family a host IP binds, and whether it is the wildcard of that family. */
function addressOf(ip: string): Address {
  if (ip === '') return ANY_ADDRESS;
  const a = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (a === '') return ANY_ADDRESS;
  if (a === '0.0.0.0') return { family: 'v4', wildcard: true, ip: a };
  if (a === '::') return { family: 'v6', wildcard: true, ip: a };
  return { family: a.includes(':') ? 'v6' : 'v4', wildcard: false, ip: a };
}

/** True when two host bindings compete for the same address: a wildcard takes every address of its family. */
function addressesClash(a: Address, b: Address): boolean {
  if (a.family === 'dual' || b.family === 'dual') return true;
  if (a.family !== b.family) return false;
  return a.wildcard || b.wildcard || a.ip === b.ip;
}

/** True when two compose mappings publish the same host address, port (range) and protocol. */
export function clash(a: ComposeMapping, b: ComposeMapping): boolean {
  return (
    a.protocol === b.protocol && addressesClash(addressOf(a.hostIp), addressOf(b.hostIp)) &&
    (a.hostLo as number) <= (b.hostHi as number) && (b.hostLo as number) <= (a.hostHi as number)
  );
}

/** A mapping's host side for messages: `127.0.0.1:8080/tcp (service web)`. */
export function describe(m: ComposeMapping): string {
  const port = m.hostLo === m.hostHi ? `${m.hostLo}` : `${m.hostLo}-${m.hostHi}`;
  return `${m.hostIp ? m.hostIp + ':' : ''}${port}/${m.protocol}${m.service ? ` (service ${m.service})` : ''}`;
}

/** A published mapping with what the comparison needs worked out once. */
interface Published {
  m: ComposeMapping;
  lo: number;
  hi: number;
  address: Address;
  /** Position in file order. */
  order: number;
  /** The mappings it clashes with, by `order`. */
  others: number[] | undefined;
}

/**
 * Two services (or one twice) publishing the same host address, port and protocol: Docker starts the
 * first and fails the second with "port is already allocated". Every occurrence is flagged.
 */
export const duplicateHostPort: Rule = {
  id: 'duplicateHostPort',
  description: 'The same host address, port and protocol published twice in one compose file.',
  check: (ctx) => {
    const all: Published[] = [];
    const seen = new Set<ComposeMapping>();
    for (const o of ctx.occurrences) {
      const m = o.mapping;
      if (m && m.hostLo !== null && m.hostHi !== null && !seen.has(m)) {
        seen.add(m);
        all.push({ m, lo: m.hostLo, hi: m.hostHi, address: addressOf(m.hostIp), order: all.length, others: undefined });
      }
    }
    if (all.length < 2) return [];
    // Sorted by first host port, each mapping needs comparing only with the ones after it that start
    // within its own range: every overlapping pair is met once, from its lower end, so a file with
    // thousands of entries is not compared pair by pair.
    const sorted = all.slice().sort((a, b) => a.lo - b.lo || a.order - b.order);
    let clashing = false;
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      for (let k = i + 1; k < sorted.length && sorted[k].lo <= a.hi; k++) {
        const b = sorted[k];
        if (a.m.protocol !== b.m.protocol || !addressesClash(a.address, b.address)) continue;
        (a.others ??= []).push(b.order);
        (b.others ??= []).push(a.order);
        clashing = true;
      }
    }
    if (!clashing) return [];
    // Each mapping is named in the messages of all it clashes with: describe it once.
    const texts: (string | undefined)[] = [];
    const text = (p: Published): string => (texts[p.order] ??= describe(p.m));
    const findings: RuleFinding[] = [];
    for (const p of all) {
      if (!p.others) continue;
      const others = p.others.sort((x, y) => x - y);
      const related = [];
      for (const j of others) {
        const x = all[j];
        related.push({ start: x.m.start, end: x.m.end, message: `also published here: ${text(x)}` });
      }
      findings.push({
        start: p.m.start, end: p.m.end, port: p.lo,
        message: `Host port ${text(p)} is published more than once in this file; Docker will refuse to start the second container ("port is already allocated"). Publish a different host port or bind another host address.`,
        related,
      });
    }
    return findings;
  },
};
