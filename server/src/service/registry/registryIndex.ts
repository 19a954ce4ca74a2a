import { RegistryRecords } from './codec';
import type { Person, Protocol, RegistryData, ServiceRecord } from './types';

/** IANA's three ranges (RFC 6335 section 6), plus 'invalid' for anything outside 0-65535. */
export type PortClass = 'system' | 'user' | 'dynamic' | 'invalid';

export const PORT_CLASS_LABEL: Record<PortClass, string> = {
  system: 'System port (0-1023)',
  user: 'User port (1024-49151)',
  dynamic: 'Dynamic/Private port (49152-65535)',
  invalid: 'Not a valid port (0-65535)',
};

/** Classifies a port number into IANA's ranges. */
export function classify(port: number): PortClass {
  if (!Number.isInteger(port) || port < 0 || port > 65535) return 'invalid';
  if (port <= 1023) return 'system';
  if (port <= 49151) return 'user';
  return 'dynamic';
}

/** The records on one port and protocol. */
export interface ProtocolGroup {
  /** '' holds records the registry gives without a protocol (most ranges). */
  protocol: Protocol | '';
  records: ServiceRecord[];
}

export interface PortLookup {
  port: number;
  portClass: PortClass;
  /** Every current record on the port, ranges that contain it included, in registry order. */
  records: ServiceRecord[];
  /** The same records grouped by protocol, tcp/udp/sctp/dccp/'' in that order, empty groups left out. */
  groups: ProtocolGroup[];
  /** True when some record names a service (not only Reserved/Unassigned rows). */
  assigned: boolean;
}

/** A service for completion and look-up: one name on one port or range, with all its protocols. */
export interface ServiceEntry {
  name: string;
  portLo: number | null;
  portHi: number | null;
  protocols: (Protocol | '')[];
  description: string;
  records: ServiceRecord[];
}

export interface SearchResult {
  entry: ServiceEntry;
  score: number;
}

const PROTOCOL_ORDER: (Protocol | '')[] = ['tcp', 'udp', 'sctp', 'dccp', ''];

/**
 * Services people reach for every day; they rank first in completion when a query matches several.
 * Names are IANA's, so ranking never invents data.
 */
const WELL_KNOWN = new Map<string, number>(
  [
    'http', 'https', 'ssh', 'postgresql', 'mysql', 'redis', 'mongodb', 'domain', 'smtp', 'submission', 'imap', 'imaps',
    'pop3', 'pop3s', 'ftp', 'ldap', 'ldaps', 'ntp', 'snmp', 'amqp', 'amqps', 'mqtt', 'secure-mqtt', 'kerberos', 'telnet',
    'rdp', 'ms-wbt-server', 'vnc', 'rfb', 'memcache', 'http-alt', 'https-alt', 'radius', 'sip', 'sips', 'rtsp', 'nfs',
    'microsoft-ds', 'netbios-ssn', 'syslog', 'git', 'xmpp-client', 'etcd-client', 'etcd-server', 'kafka', 'cassandra',
    'zookeeper', 'prometheus', 'grpc', 'ms-sql-s', 'oracle', 'couchdb', 'elasticsearch', 'docker', 'docker-s',
  ].map((n, i, a) => [n, a.length - i]),
);

/** True for a service people reach for every day (`ssh`, `smtp`, `http`), which completion ranks with common software. */
export function isWellKnownService(name: string): boolean {
  return WELL_KNOWN.has(name.toLowerCase());
}

/** Formats a person id readably when the people table does not know it (`Joe_Touch` -> `Joe Touch`). */
export function readablePersonId(id: string): string {
  return id.replace(/_\d+$/, '').replace(/_/g, ' ').trim();
}

/**
 * The registry index: answers by port, by name and by search. Pure data in, plain objects out; it
 * knows nothing of LSP, files or the network.
 */
export class RegistryIndex {
  /** The records, each made on first use when the index was loaded from registry text (parseRegistry). */
  private readonly table: RegistryRecords;
  /** Single-port records by port, as positions in `table`. */
  private readonly singles = new Map<number, number[]>();
  /** Range records sorted by first port, as positions in `table`. */
  private readonly ranges: number[] = [];
  /**
   * The port line cut where some range starts or ends: segment i runs from segStarts[i] up to the next
   * start, and segRanges[i] holds the ranges covering it (in `ranges` order). Built on first use, so a
   * lookup is a binary search instead of a walk over every range.
   */
  private segStarts: Int32Array | undefined;
  private segRanges: number[][] = [];
  /** The records of each segment, made when a look-up first lands in it. */
  private segRecords: (ServiceRecord[] | undefined)[] = [];
  /** Built on first use: only hovers on service names and look-ups need it, not start-up. */
  private namesCache: Map<string, ServiceRecord[]> | undefined;
  private peopleCache: Map<string, Person> | undefined;
  private entriesCache: ServiceEntry[] | undefined;
  private unauthorizedCache: Uint8Array | undefined;
  private recordCount = 0;

  constructor(data: RegistryData | RegistryRecords) {
    const table = (this.table = data instanceof RegistryRecords ? data : RegistryRecords.fromData(data));
    const { portLo, portHi } = table;
    for (let i = 0; i < table.length; i++) {
      if (table.superseded(i)) continue;
      this.recordCount++;
      const lo = portLo[i];
      if (Number.isNaN(lo)) continue;
      const hi = portHi[i];
      if (!Number.isNaN(hi) && hi !== lo) {
        this.ranges.push(i);
      } else {
        const list = this.singles.get(lo);
        if (list) list.push(i);
        else this.singles.set(lo, [i]);
      }
    }
    this.ranges.sort((a, b) => portLo[a] - portLo[b]);
  }

  /** The registry's data; its records are all made when first read (look-ups by port make only the ones they return). */
  get data(): RegistryData {
    return this.table.data;
  }

  private records(positions: readonly number[]): ServiceRecord[] {
    const out: ServiceRecord[] = new Array(positions.length);
    for (let i = 0; i < positions.length; i++) out[i] = this.table.record(positions[i]);
    return out;
  }

  private get names(): Map<string, ServiceRecord[]> {
    if (this.namesCache) return this.namesCache;
    const names = new Map<string, ServiceRecord[]>();
    for (const r of this.table.all()) {
      if (r.superseded || !r.name) continue;
      const k = r.name.toLowerCase();
      const list = names.get(k);
      if (list) list.push(r);
      else names.set(k, [r]);
    }
    this.namesCache = names;
    return names;
  }

  /** The ranges that contain a port (0-65535), in first-port order. */
  private rangesAt(port: number): ServiceRecord[] {
    let starts = this.segStarts;
    if (!starts) starts = this.buildSegments();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= port) lo = mid;
      else hi = mid - 1;
    }
    return (this.segRecords[lo] ??= this.records(this.segRanges[lo]));
  }

  private buildSegments(): Int32Array {
    const { portLo, portHi } = this.table;
    const cuts = new Set<number>([0]);
    for (const r of this.ranges) {
      cuts.add(portLo[r]);
      cuts.add(portHi[r] + 1);
    }
    const starts = Int32Array.from(cuts).sort();
    const segs: number[][] = Array.from({ length: starts.length }, () => []);
    const find = (port: number): number => {
      let a = 0;
      let b = starts.length - 1;
      while (a < b) {
        const m = (a + b + 1) >> 1;
        if (starts[m] <= port) a = m;
        else b = m - 1;
      }
      return a;
    };
    for (const r of this.ranges) {
      for (let i = find(portLo[r]); i < starts.length && starts[i] <= portHi[r]; i++) segs[i].push(r);
    }
    this.segRanges = segs;
    this.segRecords = new Array(starts.length);
    this.segStarts = starts;
    return starts;
  }

  /** Number of current (not superseded) records. */
  get size(): number {
    return this.recordCount;
  }

  /** The registry release the data reflects. */
  get release(): string {
    return this.table.release;
  }

  /**
   * Every current record for a port, including ranges that contain it, grouped by protocol.
   * With a protocol, only records for that protocol and records that name none are returned.
   */
  byPort(port: number, protocol?: Protocol): PortLookup {
    const portClass = classify(port);
    const records: ServiceRecord[] = [];
    if (portClass !== 'invalid') {
      const singles = this.singles.get(port);
      if (singles) {
        for (const i of singles) {
          const r = this.table.record(i);
          if (!protocol || r.protocol === protocol || r.protocol === '') records.push(r);
        }
      }
      for (const r of this.rangesAt(port)) if (!protocol || r.protocol === protocol || r.protocol === '') records.push(r);
    }
    const groups: ProtocolGroup[] = [];
    let assigned = false;
    for (const r of records) if (r.name !== '') assigned = true;
    for (const p of PROTOCOL_ORDER) {
      let rs: ServiceRecord[] | undefined;
      for (const r of records) if (r.protocol === p) (rs ??= []).push(r);
      if (rs) groups.push({ protocol: p, records: rs });
    }
    return { port, portClass, records, groups, assigned };
  }

  /** True when a named service is registered on the port (for any protocol, or the given one). */
  isAssigned(port: number, protocol?: Protocol): boolean {
    const singles = this.singles.get(port);
    if (singles && this.records(singles).some((r) => r.name !== '' && (!protocol || r.protocol === protocol || r.protocol === ''))) return true;
    if (classify(port) === 'invalid') return false;
    return this.rangesAt(port).some((r) => r.name !== '' && (!protocol || r.protocol === protocol || r.protocol === ''));
  }

  /**
   * True when some current record covering the port (a single port or a range, any protocol) carries
   * an unauthorized-use report. A cheap pre-check for the unauthorizedUse rule: most ports have none,
   * and those need no `byPort` lookup. Built on first use.
   */
  mayHaveUnauthorized(port: number): boolean {
    let u = this.unauthorizedCache;
    if (!u) {
      // Only the records that carry a report: about a hundred of 14,000.
      const { portLo, portHi, withUnauthorized } = this.table;
      u = this.unauthorizedCache = new Uint8Array(65536);
      for (const i of withUnauthorized) {
        if (this.table.superseded(i)) continue;
        const lo = portLo[i];
        const hi = portHi[i];
        if (Number.isNaN(lo)) continue;
        if (!Number.isNaN(hi) && hi !== lo) u.fill(1, Math.max(0, lo), Math.min(65535, hi) + 1);
        else if (lo >= 0 && lo <= 65535) u[lo] = 1;
      }
    }
    return port >= 0 && port <= 65535 && u[port] === 1;
  }

  /** Every current record with this service name, case-insensitively. */
  byName(name: string): ServiceRecord[] {
    return this.names.get(name.toLowerCase()) ?? [];
  }

  /** The people-table entry for an id, if the registry knows it. */
  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  private get people(): Map<string, Person> {
    if (this.peopleCache) return this.peopleCache;
    const people = new Map<string, Person>();
    for (const p of this.table.people) people.set(p.id, p);
    return (this.peopleCache = people);
  }

  /** A person id as a display name: the people table's name where known, else the id made readable. */
  personName(id: string): string {
    return this.people.get(id)?.name ?? readablePersonId(id);
  }

  /** Services (one entry per name and port/range), in registry order; built once on first use. */
  entries(): ServiceEntry[] {
    if (this.entriesCache) return this.entriesCache;
    const byKey = new Map<string, ServiceEntry>();
    for (const r of this.table.all()) {
      if (r.superseded || !r.name) continue;
      const key = `${r.name.toLowerCase()}\u0000${r.portLo}\u0000${r.portHi}`;
      const e = byKey.get(key);
      if (e) {
        if (!e.protocols.includes(r.protocol)) e.protocols.push(r.protocol);
        e.records.push(r);
        if (!e.description && r.description) e.description = r.description;
      } else {
        byKey.set(key, { name: r.name, portLo: r.portLo, portHi: r.portHi, protocols: [r.protocol], description: r.description, records: [r] });
      }
    }
    this.entriesCache = [...byKey.values()];
    return this.entriesCache;
  }

  /**
   * Ranked matching over service names, descriptions and port numbers: exact name, then name prefix,
   * then a word of the description starting with the query, then names containing the query or its
   * letters in order. A query of digits matches ports with that prefix. Well-known services rank first
   * among equals, then lower ports.
   */
  search(query: string, limit = 50): SearchResult[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const results: SearchResult[] = [];
    const digits = /^\d+$/.test(q);
    for (const e of this.entries()) {
      const score = digits ? scoreDigits(e, q) : scoreText(e, q);
      if (score > 0) {
        const wk = WELL_KNOWN.get(e.name.toLowerCase());
        results.push({ entry: e, score: score + (wk ? 50 + wk : 0) });
      }
    }
    results.sort((a, b) => b.score - a.score || (a.entry.portLo ?? 1e9) - (b.entry.portLo ?? 1e9) || a.entry.name.localeCompare(b.entry.name));
    return results.slice(0, limit);
  }
}

function scoreDigits(e: ServiceEntry, q: string): number {
  if (e.portLo === null) return 0;
  const lo = String(e.portLo);
  if (lo === q) return 1000;
  if (lo.startsWith(q)) return 600 - lo.length * 10;
  const n = Number(q);
  if (e.portHi !== null && e.portHi !== e.portLo && n >= e.portLo && n <= e.portHi) return 700;
  return 0;
}

function scoreText(e: ServiceEntry, q: string): number {
  const name = e.name.toLowerCase();
  if (name === q) return 1000;
  if (name.startsWith(q)) return 800 - (name.length - q.length) * 5;
  const desc = e.description.toLowerCase();
  const at = desc.indexOf(q);
  if (at === 0 || (at > 0 && !isWordChar(desc.charCodeAt(at - 1)))) return 400 - Math.min(at, 100);
  if (name.includes(q)) return 300;
  if (at > 0) return 150;
  if (q.length >= 3 && isSubsequence(q, name)) return 100;
  return 0;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isSubsequence(q: string, s: string): boolean {
  let j = 0;
  for (let i = 0; i < s.length && j < q.length; i++) if (s.charCodeAt(i) === q.charCodeAt(j)) j++;
  return j === q.length;
}
