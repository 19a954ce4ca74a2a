import { SymbolKind, type Location, type Position, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import { COMMON_PRACTICE } from './facts';
import { ianaNameAgrees } from './softwarePorts';
import type { RegistryIndex } from './registry/registryIndex';
import type { Protocol } from './registry/types';
import type { FormatId } from './scan/detect';
import type { ComposeMapping, PortOccurrence, PortRole } from './scan/vocabulary/types';
import { lineStarts, positionIn } from './lines';
import { kubeFacts, mapKubeFacts, type KubeFacts, type KubeFactsOf } from './workspaceKube';
import { composeFileFacts, dotenvComposeFiles, isComposeDefaultName, type ComposeFileFacts } from './composeProject';

/**
 * The workspace's ports, file by file: what Find All References, workspace symbols, the Ports view and
 * the cross-file rules read. Pure: the server glue feeds it texts and their scans, it never reads files.
 */

/** One port (or port name) written somewhere in the workspace. */
export interface IndexedPlace {
  range: Range;
  kind: PortOccurrence['kind'];
  /** The number; NaN for names. */
  port: number;
  name?: string;
  protocol?: Protocol;
  role: PortRole;
  /** The compose service the place belongs to, where known. */
  owner?: string;
  /** The line it is on, trimmed and shortened, for previews. */
  line: string;
}

/** A compose `ports:` entry that publishes a host port. */
export interface IndexedMapping {
  mapping: ComposeMapping;
  range: Range;
}

/** A value written in a Kubernetes manifest, with its place. */
export interface IndexedScalar {
  text: string;
  range: Range;
}

/** Kubernetes facts with every offset turned into a range. */
export type IndexedKube = KubeFactsOf<IndexedScalar>;

export interface IndexedFile {
  uri: string;
  format: FormatId;
  /** The length and a hash of the text indexed: an unchanged file is recognised without comparing entries. */
  digest: string;
  /** At most MAX_PLACES_PER_FILE places (and MAX_MAPPINGS_PER_FILE mappings); `omitted` counts the rest. */
  places: IndexedPlace[];
  omitted: number;
  mappings: IndexedMapping[];
  kube: IndexedKube;
  /** What decides the file's Compose project: its includes, extends and `!reset` tags, a `.env`'s COMPOSE_FILE. */
  compose?: ComposeFileFacts;
}

/** A port as the Ports view shows it: its registry names and every place that uses it. */
export interface WorkspacePort {
  port: number;
  /** Registered service names for the port (all protocols), e.g. `postgresql`; empty when unassigned. */
  services: string[];
  /** The first registered description, e.g. `PostgreSQL Database`. */
  description: string;
  /** What common software runs there, when the registry's answer misleads. */
  commonPractice?: string;
  /** Number of places; `places` holds at most `maxPlaces` of them. */
  total: number;
  /** This machine's state of the port when it is taken now ("in use now by node"), where the server reads it. */
  here?: string;
  places: { uri: string; range: Range; role: PortRole; format: FormatId; line: string; protocol?: Protocol; owner?: string }[];
}

const LINE_PREVIEW = 120;
/**
 * A bound on one file's places in the index (its references and Ports view entries): a generated YAML of
 * 800,000 ports would otherwise hold that many objects in memory for as long as the workspace is open.
 * Diagnostics of the file itself do not depend on it.
 */
export const MAX_PLACES_PER_FILE = 20_000;
/** A bound on one file's published host ports compared across files; the rest count as omitted. */
export const MAX_MAPPINGS_PER_FILE = 2_000;

/** A short fingerprint of a text: its length and FNV-1a over its UTF-16 units. */
export function textDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(36)}`;
}
const EMPTY_KUBE: IndexedKube = { services: [], workloads: [], backends: [] };

/** Turns offsets of one text into positions with a table of line starts. */
export class LineMap {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  position(offset: number): Position {
    return positionIn(this.text, this.starts, offset);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The line holding an offset, trimmed and cut to a preview length. */
  lineAt(offset: number): string {
    const line = this.position(offset).line;
    const s = this.starts[line];
    let e = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (e > s + 400) e = s + 400;
    const t = this.text.slice(s, e).trim();
    return t.length > LINE_PREVIEW ? t.slice(0, LINE_PREVIEW - 1) + '…' : t;
  }
}

function compareLocations(a: { uri: string; range: Range }, b: { uri: string; range: Range }): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The facts that place a file in a Compose project, or undefined for a file that places none. */
export function composeFactsOf(uri: string, format: FormatId, text: string): ComposeFileFacts | undefined {
  if (format === 'compose' || format === 'yaml') return composeFileFacts(text);
  if (format === 'dotenv' && /(^|\/)\.env$/.test(uri.replace(/[?#].*$/, ''))) {
    const files = dotenvComposeFiles(text);
    return files ? { includes: [], extends: [], resetPorts: [], composeFile: files } : undefined;
  }
  return undefined;
}

/**
 * The index entry for a file, or undefined when the workspace needs nothing from it: a file with
 * ports, and a file that decides a Compose project without publishing a port itself (a `compose.yaml`
 * that only includes others, a `.env` with COMPOSE_FILE, a default compose file without ports, which
 * still decides which file Compose picks in its folder).
 */
export function indexEntry(uri: string, format: FormatId, text: string, occurrences: PortOccurrence[], kube?: KubeFacts): IndexedFile | undefined {
  const compose = composeFactsOf(uri, format, text);
  if (!occurrences.length && !compose && !(format === 'compose' && isComposeDefaultName(uri))) return undefined;
  return indexFile(uri, format, text, occurrences, compose, kube);
}

/**
 * Builds the index entry for one file from its text and the ports the finders found in it; `kube`, its
 * Kubernetes objects where its diagnostics read them already (`ScanResult.kube`), spares a second reading.
 */
export function indexFile(uri: string, format: FormatId, text: string, occurrences: PortOccurrence[], compose = composeFactsOf(uri, format, text), kube?: KubeFacts): IndexedFile {
  const lines = new LineMap(text);
  const places: IndexedPlace[] = [];
  const mappings: IndexedMapping[] = [];
  const seen = new Set<ComposeMapping>();
  let omitted = 0;
  for (const o of occurrences) {
    if (places.length >= MAX_PLACES_PER_FILE) omitted++;
    else places.push({
      range: lines.range(o.start, o.end), kind: o.kind, port: o.kind === 'port' ? o.port : NaN, name: o.name,
      protocol: o.protocol, role: o.role, owner: o.mapping?.service, line: lines.lineAt(o.start),
    });
    const m = o.mapping;
    // A compose example in a README or a commented-out mapping publishes nothing, so it cannot clash with the real files.
    if (m && format !== 'markdown' && !o.inComment && m.hostLo !== null && m.hostHi !== null && !seen.has(m)) {
      seen.add(m);
      if (mappings.length < MAX_MAPPINGS_PER_FILE) mappings.push({ mapping: m, range: lines.range(m.start, m.end) });
      else omitted++;
    }
  }
  let indexed = EMPTY_KUBE;
  if (format === 'yaml') {
    const k: KubeFacts = kube ?? kubeFacts(text);
    if (k.services.length || k.workloads.length || k.backends.length) indexed = mapKubeFacts(k, (v) => ({ text: v.text, range: lines.range(v.start, v.end) }));
  }
  const file: IndexedFile = { uri, format, digest: textDigest(text), places, omitted, mappings, kube: indexed };
  if (compose) file.compose = compose;
  return file;
}

/** The ports of every indexed file in the workspace. */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** Changes with every update, so callers can cache what they derive from the index. */
  generation = 0;

  get size(): number {
    return this.files.size;
  }

  /** Adds or replaces a file. */
  set(file: IndexedFile): void {
    const old = this.files.get(file.uri);
    // Re-indexing an unchanged file (a save, a watcher echo) must not invalidate derived data. The digest
    // decides: comparing whole entries through JSON took 18 s and 2.6 GB on a YAML of 800,000 ports.
    if (old && old.format === file.format && old.digest === file.digest) return;
    this.files.set(file.uri, file);
    this.generation++;
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** True when a file is indexed from exactly this text (in whatever format), so the disk's copy is unchanged. */
  holds(uri: string, text: string): boolean {
    const f = this.files.get(uri);
    return !!f && f.digest === textDigest(text);
  }

  /** Places left out of the index by the per-file bound, over all files. */
  omittedCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.omitted;
    return n;
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.generation++;
  }

  /** Removes every file under a folder URI (a deleted or newly excluded folder). */
  deleteUnder(folderUri: string): void {
    const prefix = folderUri.endsWith('/') ? folderUri : folderUri + '/';
    for (const uri of [...this.files.keys()]) if (uri.startsWith(prefix)) this.delete(uri);
  }

  clear(): void {
    if (this.files.size) this.generation++;
    this.files.clear();
  }

  /** Every file, sorted by URI so that answers do not depend on indexing order. */
  all(): IndexedFile[] {
    return [...this.files.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Number of places in the whole workspace. */
  placeCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.places.length;
    return n;
  }

  /**
   * Every place that uses a port number, or a port/service name (case-insensitive), sorted by file and
   * position: Find All References.
   */
  references(target: { port: number } | { name: string }): Location[] {
    const out: Location[] = [];
    if ('port' in target) {
      for (const f of this.files.values()) for (const p of f.places) if (p.kind === 'port' && p.port === target.port) out.push({ uri: f.uri, range: p.range });
    } else {
      const name = target.name.toLowerCase();
      for (const f of this.files.values()) for (const p of f.places) if (p.kind !== 'port' && p.name?.toLowerCase() === name) out.push({ uri: f.uri, range: p.range });
    }
    return out.sort(compareLocations);
  }

  /**
   * Workspace symbols: places whose port number starts with the query (`54` finds 5432), or whose
   * registered service name, common-practice software or written name contains it (`postgres`).
   */
  symbols(query: string, registry: RegistryIndex | undefined, limit = 1000): SymbolInformation[] {
    const q = query.trim().toLowerCase().replace(/\/(tcp|udp|sctp|dccp)$/, '');
    const names = new Map<number, string>();
    const portMatch = new Map<number, 0 | 1 | 2>();
    const nameOf = (port: number): string => {
      let n = names.get(port);
      if (n === undefined) {
        n = registry && port >= 0 && port <= 65535 ? serviceNames(registry, port).join(', ') : '';
        names.set(port, n);
      }
      return n;
    };
    // 0: no match, 1: matched by name, 2: matched by number (sorted first).
    const match = (port: number): 0 | 1 | 2 => {
      let m = portMatch.get(port);
      if (m === undefined) {
        const common = COMMON_PRACTICE.get(port)?.toLowerCase() ?? '';
        m = !q || String(port).startsWith(q) ? 2 : nameOf(port).toLowerCase().includes(q) || common.includes(q) ? 1 : 0;
        portMatch.set(port, m);
      }
      return m;
    };
    const found: { rank: number; port: number; info: SymbolInformation }[] = [];
    for (const f of this.all()) {
      for (const p of f.places) {
        let rank = 0;
        let name: string;
        if (p.kind === 'port') {
          rank = match(p.port);
          if (!rank) continue;
          const svc = nameOf(p.port);
          name = `${p.port}${p.protocol ? '/' + p.protocol : ''}${svc ? ' ' + svc : ''}`;
        } else {
          if (!p.name || (q && !p.name.toLowerCase().includes(q))) continue;
          rank = 1;
          name = `${p.name} (${p.kind === 'service' ? 'service name' : 'port name'})`;
        }
        found.push({
          rank, port: p.kind === 'port' ? p.port : Number.MAX_SAFE_INTEGER,
          info: { name, kind: SymbolKind.Number, location: { uri: f.uri, range: p.range }, containerName: p.owner ?? `${f.format} ${p.role}` },
        });
      }
    }
    found.sort((a, b) => b.rank - a.rank || a.port - b.port || compareLocations(a.info.location, b.info.location));
    return found.slice(0, limit).map((x) => x.info);
  }

  /** Every port used in the workspace with its registry names and places, for the Ports view. */
  ports(registry: RegistryIndex | undefined, maxPlaces = 200): WorkspacePort[] {
    const byPort = new Map<number, WorkspacePort>();
    for (const f of this.all()) {
      for (const p of f.places) {
        if (p.kind !== 'port' || !Number.isInteger(p.port) || p.port < 0 || p.port > 65535) continue;
        let w = byPort.get(p.port);
        if (!w) {
          const services = registry ? serviceNames(registry, p.port) : [];
          const description = registry?.byPort(p.port).records.find((r) => r.name)?.description ?? '';
          // Common practice only where IANA's name misleads: the view leads with it then.
          const commonPractice = ianaNameAgrees(p.port, services) ? undefined : COMMON_PRACTICE.get(p.port);
          w = { port: p.port, services, description, commonPractice, total: 0, places: [] };
          byPort.set(p.port, w);
        }
        w.total++;
        if (w.places.length < maxPlaces) {
          w.places.push({ uri: f.uri, range: p.range, role: p.role, format: f.format, line: p.line, protocol: p.protocol, owner: p.owner });
        }
      }
    }
    return [...byPort.values()].sort((a, b) => a.port - b.port);
  }
}

/** Distinct registered service names of a port, in registry order. */
export function serviceNames(registry: RegistryIndex, port: number): string[] {
  const names: string[] = [];
  for (const r of registry.byPort(port).records) if (r.name && !names.includes(r.name)) names.push(r.name);
  return names;
}
