import type { RegistryData } from '../service/registry/types';
import { PROTOCOLS } from '../service/registry/types';
import { isRegistryDate, quote } from './common';

export { quote };

export interface ValidateOptions {
  /** Fewer records than this means truncated or wrong input. */
  minRecords: number;
}

/**
 * Bounds a registry must keep before it is stored or used. IANA's registry (about 14,500 records, 760
 * ranges, at most 2 ranges over one port, at most 9 records on one port, no field over 2,000
 * characters) stays far inside them; a file beyond them is damaged or hostile, and using it would make
 * every look-up slow or the index too large to build (40,000 nested ranges cost 1.6 billion entries).
 */
export const REGISTRY_LIMITS = {
  records: 100_000,
  people: 10_000,
  sources: 30,
  /** Current records spanning more than one port. */
  ranges: 10_000,
  /** Current ranges that cover any one port. */
  rangesPerPort: 32,
  /** Current records on any one port, ranges that cover it included. */
  recordsPerPort: 64,
  /** Current records with any one service name (a hover on the name lists them all). */
  recordsPerName: 64,
  /** Characters in any one text field. */
  fieldChars: 8_192,
  /** Items in any one list (assignees, contacts, references). */
  listItems: 64,
} as const;

/**
 * Checks registry data before it is written or used, and throws one Error listing the first problems
 * found. It guards the bundle against a truncated download or a source that changed shape, and the
 * server against a downloaded or stored file it could not serve: wrong types, sizes, counts, ranges,
 * nesting and records per port are all checked here, in one linear pass plus one over the port line.
 */
export function validateRegistry(data: RegistryData, options: ValidateOptions): void {
  const L = REGISTRY_LIMITS;
  const problems: string[] = [];
  const note = (msg: string): void => {
    if (problems.length < 10) problems.push(msg);
  };
  const fail = (): never => {
    throw new Error(`registry data is not usable:\n  - ${problems.join('\n  - ')}`);
  };
  if (typeof data.release !== 'string' || !isRegistryDate(data.release)) note(`release ${quote(data.release)} is not a YYYY-MM-DD or YYYY-MM date`);
  if (typeof data.generatedBy !== 'string' || data.generatedBy.length > L.fieldChars) note('the generatedBy text is not a string of a usable length');
  if (!Array.isArray(data.sources) || !Array.isArray(data.people) || !Array.isArray(data.records)) {
    note('records, people or sources are not lists');
    fail();
  }
  if (data.sources.length === 0) note('no sources are listed');
  if (data.sources.length > L.sources) note(`${data.sources.length} sources, more than the limit of ${L.sources}`);
  if (data.records.length < options.minRecords) {
    note(`only ${data.records.length} records, expected at least ${options.minRecords} (truncated or wrong input?)`);
  }
  if (data.records.length > L.records) note(`${data.records.length} records, more than the limit of ${L.records}`);
  if (data.people.length > L.people) note(`${data.people.length} people, more than the limit of ${L.people}`);
  // Counts over the limits make the per-record checks below pointless and slow.
  if (problems.length) fail();
  const text = (v: unknown): boolean => typeof v === 'string' && v.length <= L.fieldChars;
  const list = (v: unknown): boolean => Array.isArray(v) && v.length <= L.listItems && v.every(text);
  for (const s of data.sources) {
    if (!s || typeof s !== 'object' || !text(s.id) || !text(s.title) || !text(s.release)) note(`source ${quote(JSON.stringify(s))} is not an id, title and release`);
  }
  const protocols = new Set<string>(['', ...PROTOCOLS]);
  // Records per port: singles counted per port, ranges as +1/-1 at their ends, summed along the port line.
  const singles = new Uint32Array(65536);
  const rangeEdges = new Int32Array(65537);
  let ranges = 0;
  const perName = new Map<string, number>();
  let crowdedName = '';
  const records = data.records;
  for (let i = 0; i < records.length && problems.length < 10; i++) {
    const r = records[i];
    if (!r || typeof r !== 'object') {
      note(`record ${i + 1} is not a record`);
      continue;
    }
    const where = `record ${i + 1} (${quote(r.name || r.description || '?')} ${r.portLo ?? ''})`;
    const fields = ['name', 'protocol', 'description', 'registered', 'modified', 'serviceCode', 'unauthorized', 'notes'] as const;
    const badField = fields.find((f) => !text(r[f]));
    if (badField) {
      note(`record ${i + 1} has a ${badField} that is not text of at most ${L.fieldChars} characters`);
      continue;
    }
    const badList = (['assignee', 'contact', 'references'] as const).find((f) => !list(r[f]));
    if (badList) {
      note(`${where} has a ${badList} list that is not at most ${L.listItems} texts of at most ${L.fieldChars} characters`);
      continue;
    }
    if (!r.name && !r.description) note(`${where} has neither a name nor a description`);
    if (r.name && !r.superseded) {
      const key = r.name.toLowerCase();
      const n = (perName.get(key) ?? 0) + 1;
      perName.set(key, n);
      if (n > L.recordsPerName && !crowdedName) crowdedName = r.name;
    }
    if (r.portLo === null) {
      if (r.portHi !== null) note(`${where} has a last port but no first port`);
      if (!r.name) note(`${where} has no port number and no service name`);
    } else if (r.portHi === null || !Number.isInteger(r.portLo) || !Number.isInteger(r.portHi) || r.portLo < 0 || r.portHi > 65535 || r.portHi < r.portLo) {
      note(`${where} has a bad port or range ${quote(r.portLo)}-${quote(r.portHi)}`);
      continue;
    } else if (!r.superseded) {
      if (r.portHi === r.portLo) singles[r.portLo]++;
      else {
        ranges++;
        rangeEdges[r.portLo]++;
        rangeEdges[r.portHi + 1]--;
      }
    }
    if (!protocols.has(r.protocol)) note(`${where} has an unknown protocol ${quote(r.protocol)}`);
    if (r.registered && !isRegistryDate(r.registered)) note(`${where} has a bad registration date ${quote(r.registered)}`);
    if (r.modified && !isRegistryDate(r.modified)) note(`${where} has a bad modification date ${quote(r.modified)}`);
    if (!Array.isArray(r.sources) || r.sources.length === 0) note(`${where} names no source`);
    else {
      for (let k = 0; k < r.sources.length; k++) {
        const s = r.sources[k];
        if (!Number.isInteger(s) || s < 0 || s >= data.sources.length || (k > 0 && s <= r.sources[k - 1])) {
          note(`${where} has bad source indices`);
          break;
        }
      }
    }
  }
  if (ranges > L.ranges) note(`${ranges} port ranges, more than the limit of ${L.ranges}`);
  let depth = 0;
  let deepest = 0;
  let deepestPort = 0;
  let busiest = 0;
  let busiestPort = 0;
  for (let port = 0; port < 65536; port++) {
    depth += rangeEdges[port];
    if (depth > deepest) [deepest, deepestPort] = [depth, port];
    if (depth + singles[port] > busiest) [busiest, busiestPort] = [depth + singles[port], port];
  }
  if (deepest > L.rangesPerPort) note(`${deepest} ranges cover port ${deepestPort}, more than the limit of ${L.rangesPerPort} (nested ranges)`);
  if (crowdedName) note(`more than ${L.recordsPerName} records name the service ${quote(crowdedName)}`);
  if (busiest > L.recordsPerPort) note(`${busiest} records on port ${busiestPort}, more than the limit of ${L.recordsPerPort}`);
  const ids = new Set<string>();
  for (const p of data.people) {
    if (!p || typeof p !== 'object' || !text(p.id) || !text(p.name) || [p.org, p.uri, p.updated].some((v) => v !== undefined && !text(v))) {
      note('a person is not an id and a name of usable length');
      continue;
    }
    if (!p.id) note('a person has no id');
    else if (ids.has(p.id)) note(`person id ${quote(p.id)} appears twice`);
    ids.add(p.id);
  }
  if (problems.length) fail();
}
