import type { Person, Protocol, ServiceRecord } from '../service/registry/types';
import { isRegistryDate, normaliseReference, parsePortText, parseProtocol, splitIds } from './common';

/**
 * Parser for the plain-text rendering of IANA's registry (the seed excerpt). That rendering collapses
 * each column to a space, so a row is read by shape: name, port or range, optional protocol, the
 * description up to the first bracket or date, then bracketed person ids, dates, bracketed references
 * and trailing free text (unauthorized-use report or notes).
 */

/**
 * One registry row as printed: a record's columns but for its two dates, which `dates` holds (one or
 * two) without deciding what they mean, and its provenance, which the merge gives it.
 */
export interface SeedRow extends Omit<ServiceRecord, 'registered' | 'modified' | 'sources' | 'superseded'> {
  dates: string[];
  /** 1-based line in the seed file, for error messages. */
  line: number;
}

export interface SeedDocument {
  /** The "Last Updated" date of the rendering. */
  release: string;
  rows: SeedRow[];
  people: Person[];
}

const HEADER = 'Service Name Port Number Transport Protocol Description';
const PEOPLE_HEADER = 'ID Name Organization Contact URI Last Updated';
const DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const GROUP = /^(?:\[[^\]]*\])+$/;
/** Bracketed ids that are references rather than people. */
const REFERENCE_ID = /^(?:RFC\d+|RFC-|draft-|https?:|\d+$)/i;
/** Unauthorized-use reports as IANA words them ("Known Unauthorized Use on port 3301" and variants). */
const UNAUTHORIZED = /^(?:Known|Knwon|Unauthorized|Unofficial)\b/i;

/** Parses the seed excerpt. Throws an Error naming the line when a row cannot be read. */
export function parseSeedText(text: string): SeedDocument {
  const lines = text.split(/\r?\n/);
  const updatedAt = lines.findIndex((l) => l.trim() === 'Last Updated');
  const release = updatedAt >= 0 ? (lines[updatedAt + 1] ?? '').trim() : '';
  if (!isRegistryDate(release)) throw new Error('seed text: no "Last Updated" date found');
  const head = lines.findIndex((l) => l.startsWith(HEADER));
  if (head < 0) throw new Error('seed text: the records header line is missing');
  const rows: SeedRow[] = [];
  let i = head + 1;
  for (; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l) continue;
    if (l === 'Contact Information') break;
    rows.push(parseRow(l, i + 1));
  }
  const people: Person[] = [];
  const peopleHead = lines.findIndex((l) => l.trim() === PEOPLE_HEADER);
  if (peopleHead >= 0) {
    for (let j = peopleHead + 1; j < lines.length; j++) {
      const l = lines[j].trim();
      if (l) people.push(parsePerson(l, j + 1));
    }
  }
  return { release, rows, people };
}

function parseRow(line: string, lineNo: number): SeedRow {
  const tokens = line.split(/\s+/);
  const fail = (why: string): never => {
    throw new Error(`seed text line ${lineNo}: ${why}: ${line}`);
  };
  let t = 0;
  let name = '';
  // A row starts with its service name unless it starts with the port (Reserved/Unassigned rows).
  if (!/^\d+(-\d+)?$/.test(tokens[0])) name = tokens[t++];
  let port: { portLo: number | null; portHi: number | null } = { portLo: null, portHi: null };
  if (t < tokens.length && /^\d+(-\d+)?$/.test(tokens[t])) {
    try {
      port = parsePortText(tokens[t++]);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  let protocol: Protocol | '' = '';
  if (t < tokens.length && /^(tcp|udp|sctp|dccp)$/.test(tokens[t])) protocol = parseProtocol(tokens[t++]);
  // The description runs up to the first bracketed group or date.
  const desc: string[] = [];
  while (t < tokens.length && !tokens[t].startsWith('[') && !DATE.test(tokens[t])) desc.push(tokens[t++]);
  const row: SeedRow = {
    name, ...port, protocol, description: desc.join(' '), assignee: [], contact: [], dates: [], references: [],
    serviceCode: '', unauthorized: '', notes: '', line: lineNo,
  };
  const people: string[][] = [];
  const tail: string[] = [];
  for (; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tail.length === 0 && GROUP.test(tok)) {
      const ids = splitIds(tok);
      // Before any date, a group of person-like ids is the Assignee or Contact column.
      if (row.dates.length === 0 && row.references.length === 0 && people.length < 2 && !ids.some((id) => REFERENCE_ID.test(id))) {
        people.push(ids);
      } else {
        row.references.push(...ids.map(normaliseReference));
      }
    } else if (tail.length === 0 && row.references.length === 0 && DATE.test(tok)) {
      if (row.dates.length === 2) fail('more than two dates');
      row.dates.push(tok);
    } else if (tail.length === 0 && row.serviceCode === '' && /^\d+$/.test(tok) && row.protocol === 'dccp') {
      row.serviceCode = tok;
    } else {
      tail.push(tok);
    }
  }
  // One printed group stands for both columns: IANA prints an old record's single person in both.
  row.assignee = people[0] ?? [];
  row.contact = people[1] ?? people[0] ?? [];
  const rest = tail.join(' ');
  if (rest) {
    if (UNAUTHORIZED.test(rest)) row.unauthorized = rest;
    else row.notes = rest;
  }
  if (!row.name && !row.description) fail('neither a service name nor a description');
  if (row.portLo === null && !row.name) fail('no port and no name');
  return row;
}

/**
 * Reads `[ID] Name Organization mailto:... [date]`. The name is the longest run of words that spells
 * the id (ignoring case, punctuation and a numeric suffix such as `_3`); the words after it are the
 * organisation. When the words spell the id completely, they are the name and there is no organisation.
 */
function parsePerson(line: string, lineNo: number): Person {
  const m = /^\[([^\]]+)\]\s+(.*?)\s*(\S+:\S+)?(?:\s+(\d{4}-\d{2}(?:-\d{2})?))?$/.exec(line);
  if (!m) throw new Error(`seed text line ${lineNo}: unreadable contact: ${line}`);
  const [, id, words, uri, updated] = m;
  const tokens = words.split(/\s+/).filter(Boolean);
  const key = squash(id.replace(/_\d+$/, ''));
  let nameEnd = 0;
  let acc = '';
  for (let k = 0; k < tokens.length; k++) {
    acc += squash(tokens[k]);
    if (acc === key) {
      nameEnd = k + 1;
      break;
    }
    if (!key.startsWith(acc)) break;
  }
  if (nameEnd === 0) nameEnd = tokens.length;
  const name = tokens.slice(0, nameEnd).join(' ');
  const org = tokens.slice(nameEnd).join(' ');
  const p: Person = { id, name: name || id };
  if (org) p.org = org;
  if (uri) p.uri = uri;
  if (updated) p.updated = updated;
  return p;
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
