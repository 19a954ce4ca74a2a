import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind, InsertTextFormat, MarkupKind,
  type CompletionItem, type CompletionList, type Position, type Range,
} from 'vscode-languageserver-types';
import { contextSoftware, MatchTier, matchTier, softwareByDigits, softwareProposals, type ContextSoftware, type PlaceSyntax } from './completionSources';
import { escapeMarkdown } from './markdown';
import { findFreePort } from './freePort';
import { isTakenHere } from './machine/facts';
import { portsUsed, type PortLanguageService } from './languageService';
import { isWellKnownService, type RegistryIndex, type ServiceEntry } from './registry/registryIndex';
import { portNameProblem } from './rules/portName';
import { isPortKey } from './scan/vocabulary/common';
import { isPortFlag } from './scan/vocabulary/codeText';
import type { FormatId } from './scan/detect';
import { FORMAT_TABLE, type FormatRow } from './scan/table';
import type { Settings } from './settings';
import type { Software, SoftwarePort } from './softwarePorts';

/** What kind of value the cursor is typing, and the word typed so far. */
export interface CompletionSlot {
  kind: 'port' | 'serviceName';
  /** Offset where the typed word starts (the edit replaces from here to the cursor). */
  wordStart: number;
  word: string;
  /** Service names must satisfy Kubernetes' IANA_SVC_NAME rules here. */
  kubernetes?: boolean;
}

/** Longest line prefix (characters before the cursor) that completion reads. */
const MAX_LINE_PREFIX = 2000;
const WORD = /[A-Za-z0-9_+*-]*$/;
/** A flag just before the cursor and its `=` or space (`--port=`, `-p "`); `isPortFlag` says whether it takes a port. */
const FLAG_BEFORE = /(?:^|[\s"'[,])(--?[\w.-]+)[= ]["']?$/;
const HOST_COLON = /(:\/\/[^\s/"'`]*|(^|[\s"'`=(,@[])(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]*\]|\*|[a-z][\w-]*(\.[\w-]+)+)?):$/;
const KEY_VALUE = /(["']?)([A-Za-z_$][\w.\-/$]*)\1\s*(:|=|:=|=>)\s*["']?$/;

/** Each format's own completion positions, from its row of the format table. */
const COMPLETION_BY_FORMAT: ReadonlyMap<FormatId, NonNullable<FormatRow['completion']>> = new Map(
  FORMAT_TABLE.flatMap((r) => (r.completion ? [[r.id, r.completion] as const] : [])),
);

/** Walks the lines above `lineStart` (nearest first), giving each line's start, indentation and trimmed text. */
function* linesAbove(text: string, lineStart: number): Generator<{ start: number; indent: number; body: string }> {
  let end = lineStart - 1;
  for (let steps = 0; end > 0 && steps < 2000; steps++) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(s, end).replace(/\r$/, '');
    end = s - 1;
    const body = line.trimStart();
    if (!body || body.startsWith('#')) continue;
    yield { start: s, indent: line.length - body.length, body };
  }
}

/**
 * The key that owns a YAML block sequence whose items start (with `-`) at `itemIndent`: the nearest
 * line above that is neither deeper nor a sibling item. Indentless sequences (`ports:` then `- 80` at
 * the same indentation) are handled.
 */
function sequenceKey(text: string, lineStart: number, itemIndent: number): string | undefined {
  for (const l of linesAbove(text, lineStart)) {
    if (l.indent > itemIndent || (l.indent === itemIndent && l.body.startsWith('-'))) continue;
    const m = /^(?:-\s+)?(["']?)([\w.$/-]+)\1\s*:\s*(#.*)?$/.exec(l.body);
    return m ? m[2] : undefined;
  }
  return undefined;
}

/** For a `key:` line inside a block-sequence item, the key owning that sequence (`ports` for a port's `name:`). */
function itemSequenceKey(text: string, lineStart: number, indent: number, startsItem: boolean): string | undefined {
  if (startsItem) return sequenceKey(text, lineStart, indent);
  for (const l of linesAbove(text, lineStart)) {
    if (l.indent >= indent) continue;
    return l.body.startsWith('-') ? sequenceKey(text, l.start, l.indent) : undefined;
  }
  return undefined;
}

/** Finds the completion slot at a position, or undefined when the cursor is not where a port goes. */
export function completionSlot(text: string, offset: number, format: FormatId): CompletionSlot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // The patterns below are tried from every position of the line: on a line of tens of thousands of
  // characters (`a.a.a...`) one request took seconds, so such a line gets no completion.
  if (offset - lineStart > MAX_LINE_PREFIX) return undefined;
  const prefix = text.slice(lineStart, offset);
  const word = WORD.exec(prefix)?.[0] ?? '';
  const wordStart = offset - word.length;
  const before = prefix.slice(0, prefix.length - word.length);
  const port = (): CompletionSlot => ({ kind: 'port', wordStart, word });
  const trimmed = before.trimStart();
  const indent = before.length - trimmed.length;

  if (format === 'compose' || format === 'yaml') {
    const nameKey = /^(-\s+)?(name|appProtocol|app_protocol):\s*["']?$/.exec(trimmed);
    if (nameKey) {
      const parent = itemSequenceKey(text, lineStart, indent, !!nameKey[1]);
      if (nameKey[2] !== 'name' || parent === 'ports') return { kind: 'serviceName', wordStart, word, kubernetes: format === 'yaml' };
    }
    if (/^-\s*["']?([\w.[\]:]*:)?$/.test(trimmed)) {
      const parent = sequenceKey(text, lineStart, indent);
      if (parent && (parent === 'ports' || parent === 'expose' || isPortKey(parent))) return port();
    }
  }
  const row = COMPLETION_BY_FORMAT.get(format);
  if (row?.serviceName?.some((re) => re.test(before))) return { kind: 'serviceName', wordStart, word };
  if (row?.port?.some((re) => re.test(before))) return port();
  const flag = FLAG_BEFORE.exec(before);
  if (flag && isPortFlag(flag[1])) return port();
  if (HOST_COLON.test(before)) return port();
  const kv = KEY_VALUE.exec(before);
  if (kv && isPortKey(kv[2])) return port();
  // A list under a port key in JSON or YAML flow style: `"forwardPorts": [3000, |`
  const arr = /(["']?)([\w.-]+)\1\s*:\s*\[[^\]]*$/.exec(before);
  if (arr && isPortKey(arr[2])) return port();
  return undefined;
}

/** A service's port or range as written in configs (`5432`, `6000-6063`), or '' for a name-only service. */
export function portText(e: ServiceEntry): string {
  return e.portLo === null ? '' : e.portHi !== e.portLo ? `${e.portLo}-${e.portHi}` : String(e.portLo);
}

function entryDoc(e: ServiceEntry): string {
  const protos = e.protocols.filter(Boolean).join(', ') || 'any protocol';
  return `**${escapeMarkdown(e.name)}** · ${portText(e) || 'no port'} (${protos})\n\n${escapeMarkdown(e.description)}`;
}

/** Completion: registered ports by service name, description or digits; service names; one free port. */
export function doComplete(service: PortLanguageService, doc: TextDocument, pos: Position, settings: Settings, opts: { snippets?: boolean } = {}): CompletionList | null {
  if (!settings.completion.enable) return null;
  const scan = service.scan(doc, settings);
  if (!scan.format || scan.tooLarge) return null;
  const text = doc.getText();
  const offset = doc.offsetAt(pos);
  const slot = completionSlot(text, offset, scan.format);
  if (!slot) return null;
  const range: Range = { start: doc.positionAt(slot.wordStart), end: pos };
  const index = service.index;
  const items: CompletionItem[] = [];
  if (slot.kind === 'serviceName') {
    const results = slot.word ? index.search(slot.word, 200) : [];
    const seen = new Set<string>();
    for (const { entry } of results) {
      const name = entry.name;
      if (seen.has(name.toLowerCase()) || entry.portLo === null) continue;
      if (slot.kubernetes && portNameProblem(name)) continue;
      seen.add(name.toLowerCase());
      items.push({
        label: name,
        kind: CompletionItemKind.EnumMember,
        detail: `${portText(entry)}/${entry.protocols.filter(Boolean).join(',') || 'any'} — ${entry.description}`,
        documentation: { kind: MarkupKind.Markdown, value: entryDoc(entry) },
        textEdit: { range, newText: name },
        filterText: name,
        sortText: String(items.length).padStart(4, '0'),
      });
      if (items.length >= 50) break;
    }
    return { isIncomplete: true, items };
  }
  const query = slot.word;
  const used = portsUsed(scan);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, slot.wordStart);
  const place = placeOf(text, lineStart, before, scan.format);
  const context = contextSoftware(text, offset, scan.format, before);
  for (const c of rankedCandidates(index, query, context)) {
    items.push(candidateItem(index, c, query, place, range, items.length));
    if (items.length >= 40) break;
  }
  if (opts.snippets && place.syntax === 'composeMapping' && !place.quoteOpen && !query) {
    const p = context?.software.ports[0]?.port ?? findFreePort(index, 8000, used) ?? 8080;
    items.push(...mappingSnippets(p, range));
  }
  const near = /^\d+$/.test(query) && Number(query) >= 1024 ? Number(query) : 8000;
  // Ports in use on this machine now, or reserved by its OS, are no free choice either.
  const machine = service.machine?.(settings);
  const free = findFreePort(index, near, used, (p) => isTakenHere(machine, p));
  if (free !== undefined) {
    items.push({
      label: String(free),
      labelDetails: { description: 'free port' },
      kind: CompletionItemKind.Constant,
      detail: `Free port: unassigned by IANA, outside the ephemeral ranges, unused in this file${machine ? ' and free on this machine now' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: `Port ${free} is in the User range, not assigned by IANA, outside the Linux (32768–60999) and Windows (49152–65535) ephemeral ranges, and not used elsewhere in this document${machine ? '; nothing on this machine listens on it now and its OS does not reserve it' : ''}.` },
      textEdit: { range, newText: String(free) },
      // Not the bare query: clients rank an exact filter match above a prefix match, and the
      // registered ports must come first.
      filterText: `${query || free} free port`,
      sortText: 'zzzz',
    });
  }
  return { isIncomplete: true, items };
}

/** Where the cursor's port goes: its syntax, and whether a quote was opened before the typed word. */
interface Place {
  syntax: PlaceSyntax;
  quoteOpen: boolean;
}

function placeOf(text: string, lineStart: number, before: string, format: FormatId): Place {
  const quoteOpen = /["']$/.test(before);
  const trimmed = before.trimStart();
  if (format === 'compose' && /^-\s*["']?$/.test(trimmed) && sequenceKey(text, lineStart, before.length - trimmed.length) === 'ports') {
    return { syntax: 'composeMapping', quoteOpen };
  }
  return { syntax: 'number', quoteOpen };
}

/** One proposal before it becomes an item: a program's port or an IANA entry, with its rank. */
interface Candidate {
  port: number;
  protocol?: 'tcp' | 'udp';
  tier: number;
  /**
   * Ties go to the context's software (0), then common software named by its own name and everyday IANA
   * services (1), then software named only by an alias (2), then IANA's other registrations (3).
   */
  source: 0 | 1 | 2 | 3;
  software?: { software: Software; port: SoftwarePort; because?: string };
  entry?: ServiceEntry;
  /** The name the item is known by in the list (filter text and label detail). */
  name: string;
}

/** Tier given to the context's own ports: above every match of what was typed. */
const CONTEXT_TIER = -1;

/**
 * The port proposals for a typed word, best first: the software the context names (its image or key),
 * then exact, prefix, word-prefix and substring matches of software names and IANA service names, close
 * typos last; among equals common software before IANA's registrations. One proposal per port.
 */
export function rankedCandidates(index: RegistryIndex, query: string, context: ContextSoftware | undefined): Candidate[] {
  const q = query.toLowerCase();
  const digits = /^\d+$/.test(q);
  const out: Candidate[] = [];
  if (context) {
    const names = [context.software.id, context.software.name.toLowerCase(), ...context.software.aliases];
    for (const port of context.software.ports) {
      const fits = !q || (digits ? String(port.port).startsWith(q) : names.some((n) => matchTier(q, n) <= MatchTier.Substring));
      if (fits) out.push({ port: port.port, protocol: port.protocol, tier: CONTEXT_TIER, source: 0, software: { software: context.software, port, because: context.because }, name: context.software.id });
    }
  }
  if (q) {
    for (const p of digits ? softwareByDigits(q) : softwareProposals(q)) {
      const byOwnName = digits || p.matched === p.software.id || p.matched === p.software.name.toLowerCase();
      out.push({ port: p.port.port, protocol: p.port.protocol, tier: p.tier, source: byOwnName ? 1 : 2, software: { software: p.software, port: p.port }, name: p.matched });
    }
    for (const { entry } of index.search(q, 80)) {
      if (entry.portLo === null) continue;
      const name = entry.name.toLowerCase();
      let tier: number;
      if (digits) tier = String(entry.portLo) === q ? MatchTier.Exact : MatchTier.Prefix;
      else {
        tier = matchTier(q, name);
        // A description's word is a weaker match than the name's own letters.
        if (tier === MatchTier.None && matchTier(q, entry.description.toLowerCase()) <= MatchTier.WordPrefix) tier = MatchTier.Substring;
      }
      if (tier === MatchTier.None) continue;
      out.push({ port: entry.portLo, tier, source: isWellKnownService(entry.name) ? 1 : 3, entry, name: entry.name });
    }
  }
  // Stable: equal candidates keep the order their source gave them.
  out.sort((a, b) => a.tier - b.tier || a.source - b.source);
  const seen = new Set<string>();
  return out.filter((c) => {
    // The context's ports keep one proposal per protocol (`"53:53/udp"` and `"53:53"` differ); others one per number.
    const key = c.source === 0 ? `${c.port}/${c.protocol === 'udp' ? 'udp' : 'tcp'}` : String(c.port);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** IANA's first registered name on a port, for "common practice; IANA: ..." details. */
function ianaNameOn(index: RegistryIndex, port: number): string | undefined {
  return index.byPort(port).records.find((r) => r.name)?.name;
}

function candidateItem(index: RegistryIndex, c: Candidate, query: string, place: Place, range: Range, at: number): CompletionItem {
  const value = String(c.port);
  const udp = c.protocol === 'udp';
  let newText = value;
  let label = value;
  // The context's own proposals come in the place's syntax: a published mapping in compose `ports`,
  // labelled as written so that it is not taken for the bare number beside it.
  if (c.source === 0 && place.syntax === 'composeMapping') {
    label = `${value}:${value}${udp ? '/udp' : ''}`;
    newText = place.quoteOpen ? label : `"${label}"`;
  }
  const item: CompletionItem = {
    label,
    kind: CompletionItemKind.Value,
    textEdit: { range, newText },
    // The client filters by what was typed: the filter text starts with it, so the order below holds.
    filterText: query ? `${query} ${c.name}` : value,
    sortText: String(at).padStart(4, '0'),
  };
  if (c.software) {
    const { software, port, because } = c.software;
    const iana = ianaNameOn(index, c.port);
    item.labelDetails = { description: port.label };
    item.detail = `${value}${udp ? '/udp' : ''} - ${port.label} (common practice${iana ? `; IANA: ${iana}` : '; not assigned by IANA'})`;
    const lines = [
      port.label === software.name
        ? `**${escapeMarkdown(software.name)}** listens on ${value}/${port.protocol} by default.`
        : `**${escapeMarkdown(software.name)}**: ${escapeMarkdown(port.label)} on ${value}/${port.protocol}.`,
      because ? `Proposed because of \`${escapeMarkdown(because)}\`.` : '',
      `Common practice, not IANA: [the software's documentation](${software.source})${iana ? `; IANA registers \`${escapeMarkdown(iana)}\` on ${value}.` : '.'}`,
    ];
    item.documentation = { kind: MarkupKind.Markdown, value: lines.filter(Boolean).join('\n\n') };
    if (c.source === 0) item.preselect = at === 0;
  } else if (c.entry) {
    item.labelDetails = { description: c.entry.name };
    item.detail = `${c.entry.name} — ${c.entry.description}`;
    item.documentation = { kind: MarkupKind.Markdown, value: entryDoc(c.entry) };
  }
  return item;
}

/** Snippets for the compose `ports` shapes people write, with `port` as the proposed number. */
function mappingSnippets(port: number, range: Range): CompletionItem[] {
  const shapes: [string, string, string][] = [
    [`"127.0.0.1:${port}:${port}"`, `"\${1:127.0.0.1}:\${2:${port}}:\${3:${port}}"`, 'Published on one host address only (here loopback: not reachable from other machines)'],
    [`"${port}:${port}/udp"`, `"\${1:${port}}:\${2:${port}}/udp"`, 'A UDP mapping'],
    ['target/published/protocol', `target: \${1:${port}}\n  published: "\${2:${port}}"\n  protocol: \${3|tcp,udp|}\n  mode: \${4|host,ingress|}`, 'The long syntax of a port mapping'],
  ];
  return shapes.map(([label, snippet, what], i) => ({
    label,
    kind: CompletionItemKind.Snippet,
    detail: what,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: snippet },
    filterText: label,
    sortText: `zzz${i}`,
  }));
}
