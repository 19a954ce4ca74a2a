import type { Person, Protocol, RegistryData, ServiceRecord, SourceInfo } from './types';

/**
 * The on-disk form of RegistryData (`data/registry.json`): records as positional tuples with trailing
 * empty fields dropped. It is about 40% smaller than named objects and faster to JSON.parse, which
 * matters because the server parses it on its first request.
 */
export const REGISTRY_FORMAT = 1;

const FIELDS = [
  'name', 'port', 'protocol', 'description', 'assignee', 'contact', 'registered', 'modified',
  'references', 'serviceCode', 'unauthorized', 'notes', 'sources', 'superseded',
] as const;

type Tuple = (string | number | number[] | string[] | null | boolean)[];

interface RegistryFile {
  format: number;
  release: string;
  generatedBy: string;
  fields: readonly string[];
  sources: SourceInfo[];
  people: [string, string, string?, string?, string?][];
  records: Tuple[];
}

/** Serialises registry data deterministically (stable key order, one record per line). */
export function encodeRegistry(data: RegistryData): string {
  const head = {
    format: REGISTRY_FORMAT,
    release: data.release,
    generatedBy: data.generatedBy,
    fields: FIELDS,
    sources: data.sources.map((s) => ({ id: s.id, title: s.title, release: s.release })),
  };
  const people = data.people.map((p) => trimTuple([p.id, p.name, p.org ?? '', p.uri ?? '', p.updated ?? '']));
  const records = data.records.map(encodeRecord);
  const lines: string[] = [];
  lines.push('{');
  for (const [k, v] of Object.entries(head)) lines.push(`${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('"people": [');
  lines.push(people.map((p) => JSON.stringify(p)).join(',\n'));
  lines.push('],');
  lines.push('"records": [');
  lines.push(records.map((r) => JSON.stringify(r)).join(',\n'));
  lines.push(']');
  lines.push('}');
  return lines.join('\n') + '\n';
}

function encodeRecord(r: ServiceRecord): Tuple {
  const port: string | number | null =
    r.portLo === null ? null : r.portHi !== null && r.portHi !== r.portLo ? `${r.portLo}-${r.portHi}` : r.portLo;
  return trimTuple([
    r.name, port, r.protocol, r.description, r.assignee, r.contact, r.registered, r.modified,
    r.references, r.serviceCode, r.unauthorized, r.notes, r.sources, r.superseded ? true : false,
  ]);
}

function isEmpty(v: unknown): boolean {
  return v === '' || v === false || (Array.isArray(v) && v.length === 0);
}

function trimTuple<T extends unknown[]>(t: T): T {
  let n = t.length;
  while (n > 0 && isEmpty(t[n - 1])) n--;
  return t.slice(0, n) as T;
}

/** Thrown when a registry file cannot be used; the message says why, for the user. */
export class RegistryFormatError extends Error {}

/** Parses and validates `data/registry.json` text. Throws RegistryFormatError with a readable reason. */
export function decodeRegistry(text: string): RegistryData {
  let file: RegistryFile;
  try {
    file = JSON.parse(text) as RegistryFile;
  } catch (e) {
    throw new RegistryFormatError(`registry file is not valid JSON: ${(e as Error).message}`);
  }
  if (!file || typeof file !== 'object' || file.format !== REGISTRY_FORMAT) {
    throw new RegistryFormatError(`registry file has format ${String(file && (file as RegistryFile).format)}, expected ${REGISTRY_FORMAT}`);
  }
  if (!Array.isArray(file.records) || !Array.isArray(file.people) || !Array.isArray(file.sources)) {
    throw new RegistryFormatError('registry file lacks records, people or sources');
  }
  const people: Person[] = file.people.map((p) => ({
    id: String(p[0]), name: String(p[1] ?? p[0]), org: p[2] || undefined, uri: p[3] || undefined, updated: p[4] || undefined,
  }));
  const records: ServiceRecord[] = new Array(file.records.length);
  for (let i = 0; i < file.records.length; i++) {
    const t = file.records[i];
    if (!Array.isArray(t)) throw new RegistryFormatError(`registry record ${i} is not an array`);
    records[i] = decodeRecord(t, i);
  }
  return { release: String(file.release ?? ''), generatedBy: String(file.generatedBy ?? ''), sources: file.sources, people, records };
}

const EMPTY: string[] = [];

function decodeRecord(t: Tuple, i: number): ServiceRecord {
  const port = t[1];
  let portLo: number | null = null;
  let portHi: number | null = null;
  if (typeof port === 'number') {
    portLo = portHi = port;
  } else if (typeof port === 'string') {
    const dash = port.indexOf('-');
    portLo = Number(port.slice(0, dash));
    portHi = Number(port.slice(dash + 1));
    if (dash < 0 || !Number.isInteger(portLo) || !Number.isInteger(portHi) || portHi < portLo) {
      throw new RegistryFormatError(`registry record ${i} has a bad port range "${port}"`);
    }
  } else if (port !== null && port !== undefined) {
    throw new RegistryFormatError(`registry record ${i} has a bad port`);
  }
  return {
    name: (t[0] as string) ?? '',
    portLo,
    portHi,
    protocol: ((t[2] as Protocol) ?? '') as Protocol | '',
    description: (t[3] as string) ?? '',
    assignee: (t[4] as string[]) ?? EMPTY,
    contact: (t[5] as string[]) ?? EMPTY,
    registered: (t[6] as string) ?? '',
    modified: (t[7] as string) ?? '',
    references: (t[8] as string[]) ?? EMPTY,
    serviceCode: (t[9] as string) ?? '',
    unauthorized: (t[10] as string) ?? '',
    notes: (t[11] as string) ?? '',
    sources: (t[12] as number[]) ?? [],
    superseded: t[13] === true ? true : undefined,
  };
}

/** A blank record with every field present, for builders and converters. */
export function emptyRecord(): ServiceRecord {
  return {
    name: '', portLo: null, portHi: null, protocol: '', description: '', assignee: [], contact: [],
    registered: '', modified: '', references: [], serviceCode: '', unauthorized: '', notes: '', sources: [],
  };
}
