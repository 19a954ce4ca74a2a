import type { RegistryData, ServiceRecord } from '../service/registry/types';
import { assignmentKey, portText } from './common';

/**
 * Measures how faithfully a bundle reproduces a reference release of the registry (IANA's XML run
 * through the converter). Records are matched by assignment (name, port or range, protocol; unnamed
 * rows by description), then compared field by field.
 */

export const COMPARED_FIELDS = [
  'name', 'description', 'assignee', 'contact', 'registered', 'modified', 'references', 'serviceCode', 'unauthorized', 'notes',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldFigures {
  /** Matched pairs where the field is equal (after whitespace normalisation). */
  equal: number;
  /** The reference has a value and the bundle has none. */
  missing: number;
  /** Both have a value, and they differ. */
  differs: number;
  /** The bundle has a value the reference lacks. */
  extra: number;
  examples: string[];
}

export interface Fidelity {
  referenceRelease: string;
  referenceRecords: number;
  /** Bundle records not marked superseded. */
  bundleCurrent: number;
  bundleSuperseded: number;
  /** Reference records with a current bundle record for the same assignment. */
  matched: number;
  /** Reference records the bundle lacks or only has as superseded. */
  missing: number;
  missingByKind: { named: number; nameOnly: number; ranges: number; unnamed: number };
  /** Of the missing, those the bundle has but marked superseded. */
  missingButSuperseded: number;
  /**
   * Of those, the ones superseded by a record newer than the reference: a current bundle record the
   * reference does not list stands on their port (an Unassigned range split around an assignment made
   * after the reference's release, a name returned to Reserved since). The rest are wrongly superseded.
   */
  supersededByNewer: number;
  /** Current bundle records the reference does not have. */
  extra: number;
  /** Superseded bundle records the reference no longer has either (correctly superseded). */
  supersededAbsent: number;
  fields: Record<ComparedField, FieldFigures>;
  people: { reference: number; bundle: number; bundleInReference: number; sameName: number };
  missingExamples: string[];
  extraExamples: string[];
  /** Reference records the bundle hides although nothing newer stands on their port. */
  wronglySupersededExamples: string[];
}

function norm(v: string | string[]): string {
  return (Array.isArray(v) ? v.join(' ') : v).replace(/\s+/g, ' ').trim();
}

function label(r: ServiceRecord): string {
  return `${r.name || `(${r.description})`} ${portText(r) || '-'}${r.protocol ? `/${r.protocol}` : ''}`;
}

function group(records: ServiceRecord[]): Map<string, ServiceRecord[]> {
  const m = new Map<string, ServiceRecord[]>();
  for (const r of records) {
    const k = assignmentKey(r);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Compares a bundle with a reference release; `maxExamples` bounds the example lists. */
export function compareRegistries(bundle: RegistryData, reference: RegistryData, maxExamples = 5): Fidelity {
  const current = bundle.records.filter((r) => !r.superseded);
  const superseded = bundle.records.filter((r) => r.superseded);
  const cur = group(current);
  const sup = group(superseded);
  const ref = group(reference.records);
  // Current bundle records the reference lacks: newer than it (or stale, which the extra count shows).
  const newer = current.filter((r) => r.portLo !== null && !ref.has(assignmentKey(r)));
  const fields = Object.fromEntries(
    COMPARED_FIELDS.map((f) => [f, { equal: 0, missing: 0, differs: 0, extra: 0, examples: [] as string[] }]),
  ) as Record<ComparedField, FieldFigures>;
  const out: Fidelity = {
    referenceRelease: reference.release, referenceRecords: reference.records.length, bundleCurrent: current.length,
    bundleSuperseded: superseded.length, matched: 0, missing: 0, missingByKind: { named: 0, nameOnly: 0, ranges: 0, unnamed: 0 },
    missingButSuperseded: 0, supersededByNewer: 0, extra: 0, supersededAbsent: 0, fields,
    people: { reference: reference.people.length, bundle: bundle.people.length, bundleInReference: 0, sameName: 0 },
    missingExamples: [], extraExamples: [], wronglySupersededExamples: [],
  };
  for (const [key, refs] of ref) {
    const mine = cur.get(key) ?? [];
    const n = Math.min(refs.length, mine.length);
    for (let i = 0; i < n; i++) compareFields(mine[i], refs[i], fields, maxExamples);
    out.matched += n;
    for (const r of refs.slice(n)) {
      out.missing++;
      if (r.portLo === null) out.missingByKind.nameOnly++;
      else if (!r.name) out.missingByKind.unnamed++;
      else if (r.portHi !== r.portLo) out.missingByKind.ranges++;
      else out.missingByKind.named++;
      if (sup.has(key)) {
        out.missingButSuperseded++;
        if (newer.some((x) => overlaps(x, r))) out.supersededByNewer++;
        else if (out.wronglySupersededExamples.length < maxExamples) out.wronglySupersededExamples.push(label(r));
      }
      if (out.missingExamples.length < maxExamples) out.missingExamples.push(label(r));
    }
  }
  for (const [key, mine] of cur) {
    const extra = mine.length - (ref.get(key)?.length ?? 0);
    if (extra > 0) {
      out.extra += extra;
      if (out.extraExamples.length < maxExamples) out.extraExamples.push(label(mine[0]));
    }
  }
  for (const [key, mine] of sup) if (!ref.has(key)) out.supersededAbsent += mine.length;
  const refPeople = new Map(reference.people.map((p) => [p.id, p]));
  for (const p of bundle.people) {
    const q = refPeople.get(p.id);
    if (!q) continue;
    out.people.bundleInReference++;
    if (norm(q.name) === norm(p.name)) out.people.sameName++;
  }
  return out;
}

/** Two records share a port on the same protocol (a record without a protocol covers all). */
function overlaps(a: ServiceRecord, b: ServiceRecord): boolean {
  if (a.portLo === null || b.portLo === null) return false;
  if (a.protocol && b.protocol && a.protocol !== b.protocol) return false;
  return a.portLo <= (b.portHi ?? b.portLo) && b.portLo <= (a.portHi ?? a.portLo);
}

function compareFields(mine: ServiceRecord, theirs: ServiceRecord, fields: Record<ComparedField, FieldFigures>, maxExamples: number): void {
  for (const f of COMPARED_FIELDS) {
    const a = norm(mine[f]);
    const b = norm(theirs[f]);
    const fig = fields[f];
    if (a === b) fig.equal++;
    else if (!a) fig.missing++;
    else if (!b) fig.extra++;
    else fig.differs++;
    if (a !== b && fig.examples.length < maxExamples) fig.examples.push(`${label(theirs)}: bundle "${a}" vs reference "${b}"`);
  }
}
