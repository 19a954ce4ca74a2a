import type { ComposeMapping } from '../scan/vocabulary/types';
import type { Rule, RuleFinding } from './types';
import { t } from '../l10n';

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

/**
 * True when the services of two mappings can run at once: one has no profiles (it always runs), or
 * they share a profile. Services only in disjoint profiles are started by different commands
 * (`docker compose --profile dev up` or `--profile prod up`), so their ports do not clash.
 */
export function runTogether(a: ComposeMapping, b: ComposeMapping): boolean {
  const p = a.profiles;
  const q = b.profiles;
  if (!p?.length || !q?.length) return true;
  for (const x of p) if (q.includes(x)) return true;
  return false;
}

/**
 * The clashes of a mapping whose service has profiles are counted one by one (probe-bounded) among the
 * mappings it can run with; past this many such mappings in one file they are left out (a miss, never a
 * false clash).
 */
export const MAX_PROFILED_CHECKS = 1000;

/** A mapping's host side for messages: `127.0.0.1:8080/tcp (service web)`. */
export function describe(m: ComposeMapping): string {
  const port = m.hostLo === m.hostHi ? `${m.hostLo}` : `${m.hostLo}-${m.hostHi}`;
  return `${m.hostIp ? m.hostIp + ':' : ''}${port}/${m.protocol}${m.service ? ` ${t('(service {0})', m.service)}` : ''}`;
}

/** At most this many other places are linked from one duplicate finding; the message counts the rest. */
export const MAX_RELATED_PLACES = 5;

/**
 * At most this many duplicate findings per file: the server shows 1,000 diagnostics of a file, and a
 * generated file of 60,000 clashing ranges would otherwise spend seconds writing messages no one reads.
 */
export const MAX_DUPLICATE_FINDINGS = 1000;

/** Probes spent looking for the places to link from one finding, so a crowded port costs a bounded time. */
const LINK_PROBES = 256;

/** One mapping's host side, as the clash index compares it. */
export interface HostSpan {
  lo: number;
  hi: number;
  protocol: string;
  hostIp: string;
}

/** The mappings of one address class, sorted by first port, with a max tree over their last ports. */
class SpanGroup {
  readonly members: number[] = [];
  private los!: Int32Array;
  private sortedHis!: Int32Array;
  private tree!: Int32Array;
  private size = 1;

  seal(spans: readonly HostSpan[]): void {
    this.members.sort((a, b) => spans[a].lo - spans[b].lo || a - b);
    const n = this.members.length;
    this.los = Int32Array.from(this.members, (i) => spans[i].lo);
    this.sortedHis = Int32Array.from(this.members, (i) => spans[i].hi).sort();
    while (this.size < n) this.size *= 2;
    this.tree = new Int32Array(2 * this.size).fill(-1);
    for (let k = 0; k < n; k++) this.tree[this.size + k] = spans[this.members[k]].hi;
    for (let k = this.size - 1; k >= 1; k--) this.tree[k] = Math.max(this.tree[2 * k], this.tree[2 * k + 1]);
  }

  /** How many members overlap [lo, hi]: all but those wholly above or wholly below it. */
  count(lo: number, hi: number): number {
    return this.members.length - (this.members.length - firstAbove(this.los, hi)) - firstAtLeast(this.sortedHis, lo);
  }

  /**
   * Members overlapping [lo, hi] in sorted order (file order among equal ports), while `take` asks for
   * more and the probe budget lasts. Each probe finds the next overlapping member in O(log n) through
   * the max tree.
   */
  each(lo: number, hi: number, take: (member: number) => boolean, probes: { left: number }): void {
    const r = firstAbove(this.los, hi);
    let l = 0;
    while (l < r && probes.left-- > 0) {
      const k = this.leftmost(1, 0, this.size, l, r, lo);
      if (k < 0 || !take(this.members[k])) return;
      l = k + 1;
    }
  }

  /** The first position in [l, r) whose last port is at least `lo`, or -1. */
  private leftmost(node: number, nl: number, nr: number, l: number, r: number, lo: number): number {
    if (nr <= l || nl >= r || this.tree[node] < lo) return -1;
    if (nr - nl === 1) return nl;
    const mid = (nl + nr) >> 1;
    const left = this.leftmost(2 * node, nl, mid, l, r, lo);
    return left >= 0 ? left : this.leftmost(2 * node + 1, mid, nr, l, r, lo);
  }
}

/** The first index whose value is greater than `x` in an ascending array. */
function firstAbove(a: Int32Array, x: number): number {
  let l = 0;
  let h = a.length;
  while (l < h) {
    const m = (l + h) >> 1;
    if (a[m] <= x) l = m + 1;
    else h = m;
  }
  return l;
}

/** The first index whose value is at least `x` in an ascending array. */
function firstAtLeast(a: Int32Array, x: number): number {
  return firstAbove(a, x - 1);
}

/**
 * Which host bindings clash, answered per mapping in O(log n) instead of comparing pairs: 2,000 copies
 * of `8080:80` are 2,000 questions, not 4 million comparisons. Mappings are grouped by protocol and
 * address class; the groups a mapping clashes with are disjoint, so their counts add up:
 * an all-address binding clashes with every group of its protocol, a family's wildcard with the
 * all-address group and its whole family, a single address with the all-address group, its family's
 * wildcard and the same address.
 */
export class ClashIndex {
  private readonly groups = new Map<string, SpanGroup>();

  constructor(readonly spans: readonly HostSpan[]) {
    spans.forEach((s, i) => {
      for (const key of memberKeys(s)) {
        let g = this.groups.get(key);
        if (!g) this.groups.set(key, (g = new SpanGroup()));
        g.members.push(i);
      }
    });
    for (const g of this.groups.values()) g.seal(spans);
  }

  /** How many other mappings clash with mapping `i`. */
  count(i: number): number {
    const s = this.spans[i];
    let n = -1;
    for (const key of clashKeys(s)) n += this.groups.get(key)?.count(s.lo, s.hi) ?? 0;
    return n;
  }

  /** Up to `limit` other mappings clashing with mapping `i` that `accept` allows, in index order. */
  some(i: number, limit: number, accept: (j: number) => boolean = () => true): number[] {
    const s = this.spans[i];
    const out: number[] = [];
    const probes = { left: LINK_PROBES };
    for (const key of clashKeys(s)) {
      this.groups.get(key)?.each(s.lo, s.hi, (j) => {
        if (j !== i && accept(j)) out.push(j);
        return out.length < limit;
      }, probes);
      if (out.length >= limit) break;
    }
    return out.sort((a, b) => a - b);
  }
}

function memberKeys(s: HostSpan): string[] {
  const a = addressOf(s.hostIp);
  if (a.family === 'dual') return [`${s.protocol}|*`, `${s.protocol}|dual`];
  if (a.wildcard) return [`${s.protocol}|*`, `${s.protocol}|${a.family}`, `${s.protocol}|${a.family}*`];
  return [`${s.protocol}|*`, `${s.protocol}|${a.family}`, `${s.protocol}|${a.family}=${a.ip}`];
}

function clashKeys(s: HostSpan): string[] {
  const a = addressOf(s.hostIp);
  if (a.family === 'dual') return [`${s.protocol}|*`];
  if (a.wildcard) return [`${s.protocol}|dual`, `${s.protocol}|${a.family}`];
  return [`${s.protocol}|dual`, `${s.protocol}|${a.family}*`, `${s.protocol}|${a.family}=${a.ip}`];
}

/** " and 12 more places" when a finding links fewer places than it has. */
export function morePlaces(count: number, linked: number): string {
  const more = count - linked;
  return more > 1 ? ` ${t('and {0} more places', more)}` : more === 1 ? ` ${t('and 1 more place')}` : '';
}

/**
 * Two services (or one twice) publishing the same host address, port and protocol: Docker starts the
 * first and fails the second with "port is already allocated". Every occurrence is flagged; each
 * finding links a few of the other places and counts the rest.
 */
export const duplicateHostPort: Rule = {
  id: 'duplicateHostPort',
  description: 'The same host address, port and protocol published twice in one compose file.',
  level: 'error',
  roles: ['host'],
  fix: 'freePort',
  help: {
    name: 'DuplicateHostPort', uri: 'https://docs.docker.com/reference/compose-file/services/#ports',
    full: 'A compose file publishes the same host address, port and protocol twice; the second container fails to start with "port is already allocated".',
  },
  check: (ctx) => {
    const all: ComposeMapping[] = [];
    const seen = new Set<ComposeMapping>();
    for (const o of ctx.occurrences) {
      const m = o.mapping;
      if (m && m.hostLo !== null && m.hostHi !== null && !seen.has(m)) {
        seen.add(m);
        all.push(m);
      }
    }
    if (all.length < 2) return [];
    const index = new ClashIndex(all.map((m) => ({ lo: m.hostLo as number, hi: m.hostHi as number, protocol: m.protocol, hostIp: m.hostIp })));
    // Each mapping is named in the messages of all it clashes with: describe it once.
    const texts: (string | undefined)[] = [];
    const text = (i: number): string => (texts[i] ??= describe(all[i]));
    const findings: RuleFinding[] = [];
    let profiledChecks = 0;
    for (let i = 0; i < all.length && findings.length < MAX_DUPLICATE_FINDINGS; i++) {
      let count = index.count(i);
      if (count <= 0) continue;
      const m = all[i];
      let others: number[];
      if (m.profiles?.length) {
        // Only the services it can run with clash with it (a service without profiles always runs).
        if (++profiledChecks > MAX_PROFILED_CHECKS) continue;
        const together = index.some(i, MAX_DUPLICATE_FINDINGS, (j) => runTogether(m, all[j]));
        count = together.length;
        if (count === 0) continue;
        others = together.slice(0, MAX_RELATED_PLACES);
      } else {
        others = index.some(i, MAX_RELATED_PLACES);
      }
      findings.push({
        start: m.start, end: m.end, port: m.hostLo as number,
        message: `${count === 1 ? t('Host port {0} is published twice in this file.', text(i)) : t('Host port {0} is published {1} times in this file ({2} other places).', text(i), count + 1, count)}\n${t('Docker refuses to start the second container ("port is already allocated"). Publish a different host port or bind another host address.')}`,
        related: others.map((j) => ({ start: all[j].start, end: all[j].end, message: t('also published here: {0}', text(j)) })),
      });
    }
    return findings;
  },
};
