import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Person, RegistryData, ServiceRecord } from '../service/registry/types';
import { emptyRecord } from '../service/registry/codec';
import { normaliseReference, parsePortText, parseProtocol, splitIds } from './common';
import { newestDate } from './packages';
import { quote, validateRegistry } from './validate';

/**
 * Converts IANA's own publications of the Service Name and Transport Protocol Port Number Registry
 * (the XML with its people table, and the CSV) into RegistryData. Pure: text in, data out. Every
 * failure is an Error whose message says what is wrong with the input.
 */

export interface ConvertOptions {
  /** Refuse input with fewer records than this (guards against truncated downloads). Default 1. */
  minRecords?: number;
  /** Where the text came from, recorded in `generatedBy` and the source title. */
  origin?: string;
  /** Release date for CSV input, which carries none; default: the newest date in its rows. */
  release?: string;
}

export const IANA_XML_SOURCE_ID = 'iana-xml';
export const IANA_CSV_SOURCE_ID = 'iana-csv';

/** Converts either format, telling them apart by their first non-blank character. */
export function convertIana(text: string, options: ConvertOptions = {}): RegistryData {
  return text.trimStart().startsWith('<') ? convertIanaXml(text, options) : convertIanaCsv(text, options);
}

/** An element in fast-xml-parser's order-preserving output: `{ tag: children, ':@': attributes }`. */
type XmlNode = Record<string, unknown>;

const ATTRS = ':@';

function tagOf(node: XmlNode): string {
  for (const k of Object.keys(node)) if (k !== ATTRS) return k;
  return '';
}

function childrenOf(node: XmlNode): XmlNode[] {
  const v = node[tagOf(node)];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string {
  const a = node[ATTRS] as Record<string, unknown> | undefined;
  const v = a?.[`@_${name}`];
  return v === undefined || v === null ? '' : String(v);
}

/**
 * The text of a mixed-content element as IANA's CSV renders it: `<br/>` and paragraph ends become
 * line breaks, an inline xref becomes `[id]` (or its own text).
 */
function textOf(nodes: XmlNode[]): string {
  let out = '';
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === '#text') out += String(n['#text']);
    else if (tag === 'br') out += '\n';
    else if (tag === 'paragraph') out += (out && !out.endsWith('\n') ? '\n' : '') + textOf(childrenOf(n)).trim() + '\n';
    else if (tag === 'xref') {
      const inner = textOf(childrenOf(n)).trim();
      const data = attr(n, 'data');
      out += data ? `[${attr(n, 'type') === 'rfc' ? normaliseReference(data) : data}]` : inner;
    } else out += textOf(childrenOf(n));
  }
  return out;
}

function clean(s: string): string {
  return s.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A bare xref of a record as a reference id: `rfc7143` -> `RFC7143`, a draft, a URL or free text. */
function referenceOf(x: XmlNode): string {
  const type = attr(x, 'type');
  const data = attr(x, 'data');
  if (type === 'rfc') return normaliseReference(data);
  if (data) return data;
  return textOf(childrenOf(x)).replace(/\s+/g, ' ').trim();
}

/** Converts IANA's XML (`service-names-port-numbers.xml`). */
export function convertIanaXml(text: string, options: ConvertOptions = {}): RegistryData {
  if (!text.trim()) throw new Error('IANA XML: the input is empty');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new Error(`IANA XML is malformed or truncated (line ${line}, column ${col}): ${quote(msg)}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
  });
  const doc = parser.parse(text) as XmlNode[];
  const root = doc.find((n) => tagOf(n) === 'registry');
  if (!root) throw new Error('IANA XML: no <registry> root element');
  if (attr(root, 'id') !== 'service-names-port-numbers') {
    throw new Error(`IANA XML: registry id is ${quote(attr(root, 'id'))}, expected "service-names-port-numbers"`);
  }
  let release = '';
  let title = '';
  const records: ServiceRecord[] = [];
  const people: Person[] = [];
  const errors: string[] = [];
  for (const child of childrenOf(root)) {
    const tag = tagOf(child);
    if (tag === 'updated') release = textOf(childrenOf(child)).trim();
    else if (tag === 'title') title = textOf(childrenOf(child)).trim();
    else if (tag === 'record') {
      try {
        records.push(xmlRecord(child));
      } catch (e) {
        if (errors.length < 5) errors.push(`record ${records.length + errors.length + 1}: ${(e as Error).message}`);
      }
    } else if (tag === 'people') {
      for (const p of childrenOf(child)) if (tagOf(p) === 'person') people.push(xmlPerson(p));
    }
  }
  if (errors.length) throw new Error(`IANA XML has unusable records:\n  - ${errors.join('\n  - ')}`);
  if (!release) throw new Error('IANA XML: the registry has no <updated> date');
  if (records.length === 0) throw new Error('IANA XML: the registry holds no <record> elements');
  const data: RegistryData = {
    release,
    generatedBy: `npm run registry:update${options.origin ? ` --from ${options.origin}` : ''}`,
    sources: [{ id: IANA_XML_SOURCE_ID, title: `IANA XML, ${title || 'registry'}${options.origin ? ` (${options.origin})` : ''}`, release }],
    people,
    records,
  };
  validateRegistry(data, { minRecords: options.minRecords ?? 1 });
  return data;
}

function xmlRecord(node: XmlNode): ServiceRecord {
  const r = emptyRecord();
  r.sources = [0];
  r.registered = attr(node, 'date');
  r.modified = attr(node, 'updated');
  let hasAssignee = false;
  const notes: string[] = [];
  for (const c of childrenOf(node)) {
    const tag = tagOf(c);
    const kids = childrenOf(c);
    switch (tag) {
      case 'name': r.name = clean(textOf(kids)); break;
      case 'protocol': r.protocol = parseProtocol(textOf(kids)); break;
      case 'description': r.description = clean(textOf(kids)); break;
      case 'number': Object.assign(r, parsePortText(textOf(kids))); break;
      case 'sc': r.serviceCode = clean(textOf(kids)); break;
      case 'unauthorized': r.unauthorized = clean(textOf(kids)); break;
      case 'note': notes.push(clean(textOf(kids))); break;
      case 'assignee':
        hasAssignee = true;
        for (const x of kids) {
          if (tagOf(x) === 'xref') r.assignee.push(attr(x, 'data') || clean(textOf(childrenOf(x))));
          else if (tagOf(x) === '#text' && String(x['#text']).trim()) r.assignee.push(String(x['#text']).trim());
        }
        break;
      case 'xref':
        if (attr(c, 'type') === 'person') r.contact.push(attr(c, 'data'));
        else r.references.push(referenceOf(c));
        break;
      default:
        // Whitespace between elements; anything else is new to this converter and left out.
        break;
    }
  }
  // IANA prints an old record's single person in both the Assignee and the Contact column.
  if (!hasAssignee) r.assignee = [...r.contact];
  r.notes = notes.filter(Boolean).join('\n');
  r.references = r.references.filter(Boolean);
  if (r.portLo === null && !r.name) throw new Error(`${quote(r.description)} has neither a port number nor a service name`);
  return r;
}

function xmlPerson(node: XmlNode): Person {
  const id = attr(node, 'id');
  const field: Record<string, string> = {};
  for (const c of childrenOf(node)) {
    const tag = tagOf(c);
    if (tag !== '#text') field[tag] = clean(textOf(childrenOf(c)));
  }
  const p: Person = { id, name: field.name || field.org || id.replace(/_/g, ' ').trim() };
  if (field.org) p.org = field.org;
  if (field.uri) p.uri = field.uri;
  if (field.updated) p.updated = field.updated;
  return p;
}

/** The twelve columns of IANA's CSV, in order. */
export const CSV_COLUMNS = [
  'Service Name', 'Port Number', 'Transport Protocol', 'Description', 'Assignee', 'Contact', 'Registration Date',
  'Modification Date', 'Reference', 'Service Code', 'Unauthorized Use Reported', 'Assignment Notes',
] as const;

/** Converts IANA's CSV (`service-names-port-numbers.csv`), which has no people table. */
export function convertIanaCsv(text: string, options: ConvertOptions = {}): RegistryData {
  if (!text.trim()) throw new Error('IANA CSV: the input is empty');
  let rows: string[][];
  try {
    rows = parseCsv(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    throw new Error(`IANA CSV is malformed or truncated: ${(e as Error).message}`);
  }
  const header = (rows.shift() ?? []).map((h) => h.trim());
  if (header.length !== CSV_COLUMNS.length || CSV_COLUMNS.some((c, i) => header[i] !== c)) {
    throw new Error(`IANA CSV: unexpected header ${quote(header.join(","))}, expected "${CSV_COLUMNS.join(',')}"`);
  }
  const records: ServiceRecord[] = [];
  const errors: string[] = [];
  rows.forEach((row, i) => {
    try {
      const r = emptyRecord();
      r.sources = [0];
      r.name = row[0].trim();
      Object.assign(r, parsePortText(row[1]));
      r.protocol = parseProtocol(row[2]);
      r.description = clean(row[3]);
      r.assignee = splitIds(row[4]);
      r.contact = splitIds(row[5]);
      r.registered = row[6].trim();
      r.modified = row[7].trim();
      r.references = splitIds(row[8]).map(normaliseReference);
      r.serviceCode = row[9].trim();
      r.unauthorized = clean(row[10]);
      r.notes = clean(row[11]);
      if (r.portLo === null && !r.name) throw new Error(`${quote(r.description)} has neither a port number nor a service name`);
      records.push(r);
    } catch (e) {
      if (errors.length < 5) errors.push(`row ${i + 2}: ${(e as Error).message}`);
    }
  });
  if (errors.length) throw new Error(`IANA CSV has unusable rows:\n  - ${errors.join('\n  - ')}`);
  if (records.length === 0) throw new Error('IANA CSV: no records after the header');
  const release = options.release ?? newestDate(records);
  const data: RegistryData = {
    release,
    generatedBy: `npm run registry:update${options.origin ? ` --from ${options.origin}` : ''}`,
    sources: [{ id: IANA_CSV_SOURCE_ID, title: `IANA CSV (no people table)${options.origin ? ` (${options.origin})` : ''}`, release }],
    people: [],
    records,
  };
  validateRegistry(data, { minRecords: options.minRecords ?? 1 });
  return data;
}
