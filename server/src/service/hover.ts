import { BROWSER_BAD_PORTS, BROWSER_SCHEMES, COMMON_PRACTICE, EPHEMERAL_PRESETS } from './facts';
import { escapeMarkdown, inlineCode, link, shorten } from './markdown';
import { PORT_CLASS_LABEL, type RegistryIndex } from './registry/registryIndex';
import type { Protocol, ServiceRecord } from './registry/types';
import type { Settings } from './settings';

/** What the context tells about a port, for the card's heading and facts. */
export interface PortContext {
  protocol?: Protocol;
  /** URL scheme the port sits in, if any. */
  scheme?: string;
}

export const IANA_SEARCH_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=';

const NOTE_MAX = 240;

function formatPort(lo: number | null, hi: number | null): string {
  if (lo === null) return 'no port';
  return hi !== null && hi !== lo ? `${lo}–${hi}` : String(lo);
}

/** A reference as a link where it has a well-known home, else as escaped text. */
export function renderReference(index: RegistryIndex, ref: string): string {
  const rfc = /^RFC(\d{1,5})$/i.exec(ref);
  if (rfc) return link(`RFC ${rfc[1]}`, `https://www.rfc-editor.org/rfc/rfc${rfc[1]}`);
  const draft = /^(?:RFC-)?(ietf-[\w-]+|draft-[\w-]+)$/i.exec(ref);
  if (draft) {
    const name = draft[1].startsWith('draft-') ? draft[1] : `draft-${draft[1]}`;
    return link(ref, `https://datatracker.ietf.org/doc/${name.toLowerCase()}`);
  }
  if (/^https?:\/\//i.test(ref)) return link(ref.replace(/^https?:\/\//i, ''), ref);
  if (index.person(ref)) return escapeMarkdown(index.personName(ref));
  return escapeMarkdown(ref);
}

function people(index: RegistryIndex, ids: string[]): string {
  return ids.map((id) => escapeMarkdown(index.personName(id))).join(', ');
}

/** Records that say the same thing on several protocols are shown once, with their protocols listed. */
interface Row {
  protocols: (Protocol | '')[];
  record: ServiceRecord;
}

function sameAssignment(a: ServiceRecord, b: ServiceRecord): boolean {
  return (
    a.name === b.name && a.portLo === b.portLo && a.portHi === b.portHi && a.description === b.description &&
    a.assignee.join() === b.assignee.join() && a.contact.join() === b.contact.join() && a.registered === b.registered &&
    a.modified === b.modified && a.unauthorized === b.unauthorized && squash(a.notes) === squash(b.notes) && a.references.join() === b.references.join()
  );
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function rowsOf(records: ServiceRecord[]): Row[] {
  const rows: Row[] = [];
  for (const r of records) {
    const same = rows.find((x) => sameAssignment(x.record, r));
    if (same) {
      if (!same.protocols.includes(r.protocol)) same.protocols.push(r.protocol);
    } else rows.push({ protocols: [r.protocol], record: r });
  }
  return rows;
}

function protocolList(ps: (Protocol | '')[]): string {
  const named = ps.filter((p) => p !== '');
  return named.length ? named.join(', ') : 'any protocol';
}

function renderRow(index: RegistryIndex, row: Row, port: number | null): string[] {
  const r = row.record;
  const out: string[] = [];
  const showPort = port === null || r.portLo !== r.portHi;
  const paren = r.portLo === null ? 'name only, no port' : [showPort ? formatPort(r.portLo, r.portHi) : '', protocolList(row.protocols)].filter(Boolean).join(', ');
  const title = r.name ? `**${escapeMarkdown(r.name)}**` : `**${escapeMarkdown(r.description || 'Unassigned')}**`;
  const desc = r.name && r.description ? ` — ${escapeMarkdown(r.description)}` : '';
  out.push(`- ${title} (${paren})${desc}`);
  // Continuation lines of a list item join into one paragraph unless the line before ends in a hard
  // break (two spaces), which every markdown renderer honours.
  const details: string[] = [];
  if (r.assignee.length) details.push(`Assignee: ${people(index, r.assignee)}`);
  if (r.contact.length && r.contact.join() !== r.assignee.join()) details.push(`Contact: ${people(index, r.contact)}`);
  if (r.registered) details.push(`Registered ${escapeMarkdown(r.registered)}`);
  if (r.modified) details.push(`Modified ${escapeMarkdown(r.modified)}`);
  if (r.references.length) details.push(r.references.map((x) => renderReference(index, x)).join(', '));
  if (r.serviceCode) details.push(`Service code ${escapeMarkdown(r.serviceCode)}`);
  if (details.length) out.push(`  ${details.join(' · ')}`);
  if (r.notes) {
    const short = shorten(r.notes, NOTE_MAX);
    const more = short.length < r.notes.replace(/\s+/g, ' ').trim().length ? ` (${link('full note at IANA', IANA_SEARCH_URL + encodeURIComponent(r.name || String(port ?? '')))})` : '';
    out.push(`  Note: ${escapeMarkdown(short)}${more}`);
  }
  if (r.unauthorized) out.push(`  ⚠️ **Unauthorized use reported:** ${escapeMarkdown(r.unauthorized)}`);
  return out.map((l, i) => (i < out.length - 1 ? l + '  ' : l));
}

function sourcesLine(index: RegistryIndex, records: ServiceRecord[]): string {
  const used = new Set<number>();
  for (const r of records) for (const i of r.sources) used.add(i);
  const src = [...used].sort((a, b) => b - a).map((i) => index.data.sources[i]).filter(Boolean);
  const parts = src.map((s) => `${escapeMarkdown(s.id)} (${escapeMarkdown(s.release)})`);
  return `Registry data: ${parts.length ? parts.join(', ') : `release ${escapeMarkdown(index.release)}`}`;
}

/** Facts that bite: ranges, privileges, browsers. */
export function portFacts(port: number, ctx: PortContext): string[] {
  const facts: string[] = [];
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    facts.push('⛔ **Not a valid port:** TCP and UDP ports run from 0 to 65535.');
    return facts;
  }
  if (port === 0) {
    // What people mean by port 0 is the socket API's, not the registry's reserved entry.
    facts.push('**Port 0** asks the operating system for any free port when a program binds (`listen(0)`, `bind((host, 0))`); as a destination it is invalid.');
  }
  if (port >= 49152) {
    facts.push('⚠️ **Dynamic/Private range** (49152–65535): IANA never assigns these, and the OS may hand this port to outgoing connections, so a fixed listener here can collide.');
  }
  const linux = EPHEMERAL_PRESETS.linux;
  if (port >= linux.start && port <= linux.end) facts.push(`Inside the Linux ephemeral range (${linux.start}–${linux.end}).`);
  if (port >= 49152 && port <= 65535) facts.push('Inside the Windows and macOS ephemeral range (49152–65535).');
  if (port > 0 && port < 1024) facts.push('Below 1024: binding it needs root or CAP_NET_BIND_SERVICE on Linux (Docker containers allow it since 20.10).');
  if (BROWSER_BAD_PORTS.has(port)) {
    const inUrl = ctx.scheme !== undefined && BROWSER_SCHEMES.has(ctx.scheme);
    facts.push(inUrl
      ? '🚫 **Blocked by browsers:** Chrome, Firefox and Safari refuse HTTP(S) and WebSocket URLs on this port (Fetch "bad port", ERR_UNSAFE_PORT).'
      : 'Browsers refuse HTTP(S) and WebSocket URLs on this port (Fetch "bad port").');
  }
  return facts;
}

/** The hover card for a port number: registry answer, common practice, facts and a link to IANA. */
export function renderPortHover(index: RegistryIndex, port: number, ctx: PortContext, settings: Settings): string {
  const valid = Number.isInteger(port) && port >= 0 && port <= 65535;
  const lookup = index.byPort(port);
  const heading = [`**Port ${port}**`];
  if (ctx.protocol) heading.push(ctx.protocol);
  if (ctx.scheme) heading.push(`${escapeMarkdown(ctx.scheme)} URL`);
  heading.push(PORT_CLASS_LABEL[lookup.portClass]);
  const lines: string[] = [heading.join(' · '), ''];
  if (valid) {
    const ordered = ctx.protocol
      ? [...lookup.records.filter((r) => r.protocol === ctx.protocol || r.protocol === ''), ...lookup.records.filter((r) => r.protocol !== ctx.protocol && r.protocol !== '')]
      : lookup.records;
    const named = ordered.filter((r) => r.name);
    const shown = named.length ? named : ordered;
    if (shown.length === 0) {
      lines.push('**Unassigned**: IANA lists no service on this port.');
    } else {
      if (named.length) lines.push(`IANA registered service${rowsOf(named).length > 1 ? 's' : ''}:`);
      for (const row of rowsOf(shown)) lines.push(...renderRow(index, row, port));
      const blanks = named.length ? ordered.filter((r) => !r.name) : [];
      if (blanks.length) lines.push(`- Also ${rowsOf(blanks).map((b) => `${escapeMarkdown(b.record.description || 'unnamed')} (${protocolList(b.protocols)})`).join('; ')}`);
    }
    lines.push('');
    if (settings.commonPractice.enable) {
      const cp = COMMON_PRACTICE.get(port);
      if (cp) lines.push(`**Common practice** (not IANA): ${escapeMarkdown(cp)}`, '');
    }
  }
  const facts = portFacts(port, ctx);
  for (const f of facts) lines.push(`- ${f}`);
  if (facts.length) lines.push('');
  if (valid) lines.push(`${sourcesLine(index, lookup.records)} · ${link('IANA registry entry', IANA_SEARCH_URL + port)}`);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The hover card for a service name that stands for a port (`targetPort: http`). */
export function renderServiceHover(index: RegistryIndex, name: string): string | undefined {
  const records = index.byName(name);
  const lines: string[] = [`**Service ${inlineCode(name)}**`, ''];
  if (!records.length) {
    lines.push('IANA lists no service by this name.');
    return lines.join('\n');
  }
  lines.push('IANA registered port' + (records.length > 1 ? 's' : '') + ':');
  for (const row of rowsOf(records)) lines.push(...renderRow(index, row, null));
  lines.push('', `${sourcesLine(index, records)} · ${link('IANA registry entry', IANA_SEARCH_URL + encodeURIComponent(name))}`);
  return lines.join('\n');
}
