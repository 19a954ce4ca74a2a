import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind, MarkupKind,
  type CompletionItem, type CompletionList, type Position, type Range,
} from 'vscode-languageserver-types';
import { escapeMarkdown } from './markdown';
import { findFreePort } from './freePort';
import { isTakenHere } from './machine/facts';
import type { PortLanguageService } from './languageService';
import type { ServiceEntry } from './registry/registryIndex';
import { portNameProblem } from './rules/portName';
import { isPortKey } from './scan/vocabulary/common';
import type { FormatId } from './scan/detect';
import type { Settings } from './settings';

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
const PORT_FLAG = /(^|[\s"'[,])(--[\w-]*port|--inspect(-brk)?|-p|-P)[= ]["']?$/;
const HOST_COLON = /(:\/\/[^\s/"'`]*|(^|[\s"'`=(,@[])(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]*\]|\*|[a-z][\w-]*(\.[\w-]+)+)?):$/;
// `listen(`, `.bind(("0.0.0.0", `, `new InetSocketAddress("localhost", `, `new ServerSocket(`
const CALL_ARG = /\b(listen|ListenAndServe|bind|InetSocketAddress|ServerSocket|createServer|run)\(\s*\(?(["'][^"']*["']\s*,\s*)?$/;
const KEY_VALUE = /(["']?)([A-Za-z_$][\w.\-/$]*)\1\s*(:|=|:=|=>)\s*["']?$/;

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
  if (format === 'services' && /^\s*$/.test(before)) return { kind: 'serviceName', wordStart, word };
  if (format === 'services' && /^\S+\s+$/.test(before)) return port();
  if (format === 'dockerfile' && /^\s*EXPOSE\s+(.*\s)?$/i.test(before)) return port();
  if (format === 'nginx' && /^\s*listen\s+(\S*:)?$/.test(before)) return port();
  if (format === 'ssh' && /^\s*(Port|LocalForward|RemoteForward|DynamicForward|PermitListen)\s+$/i.test(before)) return port();
  if (format === 'systemd' && /^\s*Listen(Stream|Datagram|SequentialPacket)=(\S*:)?$/.test(before)) return port();
  if (format === 'caddy' && /^\s*:$/.test(before)) return port();
  if ((format === 'code' || format === 'shell') && CALL_ARG.test(before)) return port();
  if (PORT_FLAG.test(before)) return port();
  if (HOST_COLON.test(before)) return port();
  const kv = KEY_VALUE.exec(before);
  if (kv && isPortKey(kv[2])) return port();
  if (/^\s*(Port|port)\s+$/.test(before) && (format === 'ssh' || format === 'keyvalue')) return port();
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
export function doComplete(service: PortLanguageService, doc: TextDocument, pos: Position, settings: Settings): CompletionList | null {
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
  const used = new Set(scan.occurrences.filter((o) => o.kind === 'port').map((o) => o.port));
  if (query) {
    const results = index.search(query, 60);
    const seen = new Set<string>();
    for (const { entry } of results) {
      if (entry.portLo === null) continue;
      const value = String(entry.portLo);
      const key = `${value}/${entry.name.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({
        label: value,
        labelDetails: { description: entry.name },
        kind: CompletionItemKind.Value,
        detail: `${entry.name} — ${entry.description}`,
        documentation: { kind: MarkupKind.Markdown, value: entryDoc(entry) },
        textEdit: { range, newText: value },
        // The client filters by what was typed; the name or the digits must match it.
        filterText: `${query} ${entry.name}`,
        sortText: String(items.length).padStart(4, '0'),
      });
      if (items.length >= 40) break;
    }
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
