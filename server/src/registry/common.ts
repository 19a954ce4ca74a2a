import type { Protocol, ServiceRecord } from '../service/registry/types';
import { PROTOCOLS } from '../service/registry/types';

/**
 * Helpers shared by the build-time parsers (seed text, 2015 package, IANA XML/CSV): they turn the
 * registry's textual conventions into the normalised field values of ServiceRecord.
 */

const ID_GROUP = /\[([^\]]*)\]/g;

/**
 * Splits a column of bracketed ids into bare ids: `[A][B]` -> ['A', 'B'], `[RFC6335]` -> ['RFC6335'].
 * Text outside brackets (a free-text assignee, say) is kept as one item.
 */
export function splitIds(text: string | undefined): string[] {
  const s = (text ?? '').trim();
  if (!s) return [];
  const ids: string[] = [];
  let rest = s;
  for (const m of s.matchAll(ID_GROUP)) {
    const id = m[1].trim();
    if (id) ids.push(id);
    rest = rest.replace(m[0], ' ');
  }
  rest = rest.replace(/\s+/g, ' ').trim();
  if (rest) ids.push(rest);
  return ids;
}

/** Normalises a reference id: `rfc7143` -> `RFC7143`; drafts, URLs and free text stay as they are. */
export function normaliseReference(ref: string): string {
  const r = ref.trim();
  const m = /^rfc\s*(\d+)$/i.exec(r);
  return m ? `RFC${Number(m[1])}` : r;
}

/** Parses `80` or `3367-3371`; empty text means a name-only registration. Throws on anything else. */
export function parsePortText(text: string | undefined): { portLo: number | null; portHi: number | null } {
  const s = (text ?? '').trim();
  if (!s) return { portLo: null, portHi: null };
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) throw new Error(`bad port number ${quote(s)}`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > 65535 || hi > 65535 || hi < lo) throw new Error(`bad port number ${quote(s)}`);
  return { portLo: lo, portHi: hi };
}

/** Maps a protocol column to the record's protocol; throws on an unknown protocol. */
export function parseProtocol(text: string | undefined): Protocol | '' {
  const s = (text ?? '').trim().toLowerCase();
  if (!s) return '';
  if ((PROTOCOLS as readonly string[]).includes(s)) return s as Protocol;
  throw new Error(`unknown transport protocol ${quote(text)}`);
}

/** True for the registry's date forms, `YYYY-MM-DD` and `YYYY-MM`. */
export function isRegistryDate(s: string): boolean {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(s);
}

/** A record's port as registry text: `80`, `3367-3371`, or '' for a name-only record. */
export function portText(r: Pick<ServiceRecord, 'portLo' | 'portHi'>): string {
  if (r.portLo === null) return '';
  return r.portHi !== null && r.portHi !== r.portLo ? `${r.portLo}-${r.portHi}` : String(r.portLo);
}

/**
 * The identity of an assignment across sources: service name (case-insensitive), port or range and
 * protocol. Rows without a name (Reserved, Unassigned) are told apart by their description.
 */
export function assignmentKey(r: Pick<ServiceRecord, 'name' | 'portLo' | 'portHi' | 'protocol' | 'description'>): string {
  const who = r.name ? r.name.toLowerCase() : `#${r.description.trim().toLowerCase()}`;
  return `${who}|${portText(r)}|${r.protocol}`;
}

/** Compares registry dates; `2002-02` sorts before `2002-02-01`. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** At most this many characters of a value from the data go into a message. */
const QUOTE_CHARS = 60;

/** A value from the data, shortened and stripped of control characters, for an error message. */
export function quote(v: unknown): string {
  const s = typeof v === 'string' ? v : String(v);
  const clean = s.slice(0, QUOTE_CHARS + 1).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `"${clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS)}…" (${s.length} characters)` : `${clean}"`}`;
}
