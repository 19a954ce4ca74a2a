import type { FormatId } from './scan/detect';
import { SOFTWARE, softwareByName, softwareForImage, softwareNames, type Software, type SoftwarePort } from './softwarePorts';

/**
 * Where completion's port proposals come from besides IANA's registry: the software people run (by
 * name or alias), and the software the context names (a compose service's or a container's image, a
 * Dockerfile's FROM, a `.env` key such as REDIS_PORT). Also how a typed word matches a name, which
 * decides the order: exact, prefix, word prefix, substring, then close typos only.
 */

/** How well a typed word matches a name; lower is better. */
export const enum MatchTier {
  Exact = 0,
  Prefix = 1,
  WordPrefix = 2,
  Substring = 3,
  Typo = 4,
  None = 99,
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Compares a typed word with a name, both lower-case. A typo match needs four letters or more, the
 * same first letter, and all letters in order in at most two runs (`postgrs` -> `postgresql`): a
 * three-letter coincidence scattered through a name (`vite` in `igmpv3lite`) is no match.
 */
export function matchTier(query: string, name: string): MatchTier {
  if (!query) return MatchTier.None;
  if (name === query) return MatchTier.Exact;
  if (name.startsWith(query)) return MatchTier.Prefix;
  let at = name.indexOf(query);
  while (at > 0) {
    if (!isAlnum(name.charCodeAt(at - 1))) return MatchTier.WordPrefix;
    at = name.indexOf(query, at + 1);
  }
  if (query.length >= 2 && name.includes(query)) return MatchTier.Substring;
  if (query.length >= 4 && name.charCodeAt(0) === query.charCodeAt(0) && runsInOrder(query, name) <= 2) return MatchTier.Typo;
  return MatchTier.None;
}

/** In how many contiguous runs the query's letters appear in order in the name; Infinity when they do not. */
function runsInOrder(query: string, name: string): number {
  let runs = 0;
  let j = 0;
  let last = -2;
  for (let i = 0; i < query.length; i++) {
    const at = name.indexOf(query[i], j);
    if (at < 0) return Infinity;
    if (at !== last + 1) runs++;
    last = at;
    j = at + 1;
  }
  return runs;
}

/** A software port proposed for a typed word, with how well the word matched. */
export interface SoftwareProposal {
  software: Software;
  port: SoftwarePort;
  tier: MatchTier;
  /** The name or alias that matched, for the item's filter text. */
  matched: string;
}

const TABLE_ORDER = new Map(SOFTWARE.map((s, i) => [s, i]));

/**
 * Software whose name or alias matches the typed word, each with its ports (main port first), best
 * match first, then table order (the commoner program first).
 */
export function softwareProposals(query: string): SoftwareProposal[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const best = new Map<Software, { tier: MatchTier; matched: string }>();
  for (const [word, list] of softwareNames()) {
    const tier = matchTier(q, word);
    if (tier === MatchTier.None) continue;
    for (const s of list) {
      const had = best.get(s);
      if (!had || tier < had.tier) best.set(s, { tier, matched: word });
    }
  }
  const ranked = [...best].sort((a, b) => a[1].tier - b[1].tier || (TABLE_ORDER.get(a[0]) ?? 0) - (TABLE_ORDER.get(b[0]) ?? 0));
  const out: SoftwareProposal[] = [];
  // Every program's main port before the second ports of any program at the same tier.
  for (const pass of [0, 1]) {
    for (const [software, m] of ranked) {
      const ports = pass === 0 ? software.ports.slice(0, 1) : software.ports.slice(1);
      for (const port of ports) out.push({ software, port, tier: m.tier, matched: m.matched });
    }
  }
  return out.sort((a, b) => a.tier - b.tier);
}

/** Software whose port (or range) starts with the typed digits, exact ports first, then table order. */
export function softwareByDigits(digits: string): SoftwareProposal[] {
  const out: SoftwareProposal[] = [];
  for (const software of SOFTWARE) {
    // Protocols (SMTP on 25) are IANA's names, which completion proposes itself.
    if (software.protocol) continue;
    for (const port of software.ports) {
      const text = String(port.port);
      if (!text.startsWith(digits)) continue;
      out.push({ software, port, tier: text === digits ? MatchTier.Exact : MatchTier.Prefix, matched: text });
    }
  }
  return out.sort((a, b) => a.tier - b.tier);
}

/** Where a port goes and what syntax it takes there. */
export type PlaceSyntax =
  /** A compose `ports:` entry: a quoted `host:container` mapping. */
  | 'composeMapping'
  /** A bare number (`expose`, `containerPort`, `EXPOSE`, a key's value). */
  | 'number';

export interface ContextSoftware {
  software: Software;
  /** What named it: `image bitnami/kafka:3.7`, `FROM redis`, `key REDIS_PORT`. */
  because: string;
}

const MAX_LINES_SCANNED = 500;

interface Line { start: number; end: number; indent: number; body: string }

function lineAt(text: string, start: number): Line {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const raw = text.slice(start, end).replace(/\r$/, '');
  const body = raw.trimStart();
  return { start, end, indent: raw.length - body.length, body };
}

function* linesUp(text: string, fromStart: number): Generator<Line> {
  let end = fromStart - 1;
  for (let n = 0; end >= 0 && n < MAX_LINES_SCANNED; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield lineAt(text, start);
    if (start === 0) return;
    end = start - 1;
  }
}

function* linesDown(text: string, fromEnd: number): Generator<Line> {
  let start = fromEnd + 1;
  for (let n = 0; start < text.length && n < MAX_LINES_SCANNED; n++) {
    const l = lineAt(text, start);
    yield l;
    start = l.end + 1;
  }
}

const IMAGE_KEY = /^(?:-\s+)?image\s*:\s*["']?([^"'\s#]+)/;

function blank(l: Line): boolean {
  return !l.body || l.body.startsWith('#');
}

/**
 * The image of the YAML mapping that holds the sequence the cursor is in: the compose service or the
 * Kubernetes container whose `ports:` (or `expose:`) the cursor's line belongs to. Bounded to a few
 * hundred lines each way.
 */
export function enclosingImage(text: string, lineStart: number): string | undefined {
  const here = lineAt(text, lineStart);
  // The key that owns the cursor's sequence: the nearest line above that is shallower and not an item.
  let owner: Line | undefined;
  for (const l of linesUp(text, lineStart)) {
    if (blank(l)) continue;
    if (l.indent < here.indent && !l.body.startsWith('-')) { owner = l; break; }
  }
  if (!owner) return undefined;
  const k = owner.indent;
  for (const l of linesUp(text, owner.start)) {
    if (blank(l) || l.indent > k) continue;
    if (l.indent === k && !l.body.startsWith('-')) {
      const m = IMAGE_KEY.exec(l.body);
      if (m) return m[1];
      continue;
    }
    // The item's first line (`- name: kafka`) ends the mapping above; a shallower key is its parent.
    if (l.body.startsWith('-')) {
      const m = IMAGE_KEY.exec(l.body);
      if (m) return m[1];
    }
    break;
  }
  for (const l of linesDown(text, owner.end)) {
    if (blank(l) || l.indent > k) continue;
    if (l.indent === k && !l.body.startsWith('-')) {
      const m = IMAGE_KEY.exec(l.body);
      if (m) return m[1];
      continue;
    }
    break;
  }
  return undefined;
}

/** The image of the Dockerfile stage the cursor is in: the nearest `FROM` above it. */
export function dockerfileImage(text: string, lineStart: number): string | undefined {
  for (const l of linesUp(text, lineStart)) {
    const m = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(l.body);
    if (m) return m[1];
  }
  return undefined;
}

/** Words of a key that name no software: `REDIS_PORT` -> `redis`, `spring.data.redis.port` -> `spring`, `data`, `redis`. */
const NOT_SOFTWARE = new Set(['port', 'ports', 'host', 'listen', 'bind', 'server', 'http', 'https', 'tcp', 'udp', 'default', 'local', 'public', 'internal', 'external', 'app', 'api', 'service', 'db', 'database', 'cache', 'url', 'addr', 'address']);

/** Software a port key names (`REDIS_PORT`, `postgresPort`, `spring.data.redis.port`), the last naming word first. */
export function softwareOfKey(key: string): Software | undefined {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !NOT_SOFTWARE.has(w));
  for (let i = words.length - 1; i >= 0; i--) {
    const found = softwareByName(words[i]);
    if (found.length) return found[0];
  }
  return undefined;
}

/** The software the context of a port slot names, if any, and what named it. */
export function contextSoftware(text: string, offset: number, format: FormatId, before: string): ContextSoftware | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (format === 'dockerfile') {
    const image = dockerfileImage(text, lineStart);
    const software = image ? softwareForImage(image) : undefined;
    return software && image ? { software, because: `FROM ${image}` } : undefined;
  }
  if (format === 'compose' || format === 'yaml') {
    const image = enclosingImage(text, lineStart);
    const software = image ? softwareForImage(image) : undefined;
    if (software && image) return { software, because: `image ${image}` };
  }
  const key = /(["']?)([A-Za-z_$][\w.\-/$]*)\1\s*(?::|=|:=|=>)\s*["']?$/.exec(before)?.[2];
  const software = key ? softwareOfKey(key) : undefined;
  return software && key ? { software, because: `key ${key}` } : undefined;
}
