import { BROWSER_BAD_PORTS, BROWSER_SCHEMES, EPHEMERAL_PRESETS, KUBERNETES_NODEPORT_RANGE } from './facts';
import { escapeMarkdown, inlineCode, link, shorten } from './markdown';
import { PORT_CLASS_LABEL, type RegistryIndex } from './registry/registryIndex';
import type { Protocol, ServiceRecord } from './registry/types';
import { unauthorizedConcerns } from './registry/unauthorized';
import type { PortRole } from './scan/vocabulary/types';
import type { Settings } from './settings';
import { messageLanguage, t } from './l10n';
import { COMMON_PRACTICE_LABELS_SHOWN, commonPracticeLabel, ianaNameAgrees, softwareOnPort } from './softwarePorts';

/** What the context tells about a port, for the card's heading and facts. */
export interface PortContext {
  protocol?: Protocol;
  /** URL scheme the port sits in, if any. */
  scheme?: string;
  /** What the port does where it is written; without it the card states only what holds everywhere. */
  role?: PortRole;
  /** The key the port is the value of (`nodePort`, `containerPort`), as written. */
  key?: string;
  /** True when the port is a development server's own port (vite.config, `next dev -p`): browsers fetch it. */
  devServer?: boolean;
}

export const IANA_SEARCH_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=';

const NOTE_MAX = 240;

function formatPort(lo: number | null, hi: number | null): string {
  if (lo === null) return t('no port');
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

function rowsOf(records: ServiceRecord[], doubt: (r: ServiceRecord) => string = () => ''): Row[] {
  const rows: Row[] = [];
  for (const r of records) {
    const same = rows.find((x) => sameAssignment(x.record, r) && doubt(x.record) === doubt(r));
    if (same) {
      if (!same.protocols.includes(r.protocol)) same.protocols.push(r.protocol);
    } else rows.push({ protocols: [r.protocol], record: r });
  }
  return rows;
}

function protocolList(ps: (Protocol | '')[]): string {
  const named = ps.filter((p) => p !== '');
  return named.length ? named.join(', ') : t('any protocol');
}

function renderRow(index: RegistryIndex, row: Row, port: number | null, newerName = ''): string[] {
  const r = row.record;
  const out: string[] = [];
  const showPort = port === null || r.portLo !== r.portHi;
  const paren = r.portLo === null ? t('name only, no port') : [showPort ? formatPort(r.portLo, r.portHi) : '', protocolList(row.protocols)].filter(Boolean).join(', ');
  const title = r.name ? `**${escapeMarkdown(r.name)}**` : `**${escapeMarkdown(r.description || t('Unassigned'))}**`;
  const desc = r.name && r.description ? ` — ${escapeMarkdown(r.description)}` : '';
  out.push(`- ${title} (${paren})${desc}`);
  // Continuation lines of a list item join into one paragraph unless the line before ends in a hard
  // break (two spaces), which every markdown renderer honours.
  const details: string[] = [];
  if (r.assignee.length) details.push(t('Assignee: {0}', people(index, r.assignee)));
  if (r.contact.length && r.contact.join() !== r.assignee.join()) details.push(t('Contact: {0}', people(index, r.contact)));
  if (r.registered) details.push(t('Registered {0}', escapeMarkdown(r.registered)));
  if (r.modified) details.push(t('Modified {0}', escapeMarkdown(r.modified)));
  if (r.references.length) details.push(r.references.map((x) => renderReference(index, x)).join(', '));
  if (r.serviceCode) details.push(t('Service code {0}', escapeMarkdown(r.serviceCode)));
  if (details.length) out.push(`  ${details.join(' · ')}`);
  if (r.notes) {
    const short = shorten(r.notes, NOTE_MAX);
    const more = short.length < r.notes.replace(/\s+/g, ' ').trim().length ? ` (${link(t('full note at IANA'), IANA_SEARCH_URL + encodeURIComponent(r.name || String(port ?? '')))})` : '';
    out.push(`  ${t('Note: {0}', escapeMarkdown(short))}${more}`);
  }
  if (newerName) {
    out.push(`  Only in IANA's 2015 data: the newer list names **${escapeMarkdown(newerName)}** on this port and protocol and keeps one name per port, so this may be a second service or a replaced one.`);
  }
  if (r.unauthorized && unauthorizedConcerns(r, port)) out.push(`  ⚠️ ${t('**Unauthorized use reported:** {0}', escapeMarkdown(r.unauthorized))}`);
  return out.map((l, i) => (i < out.length - 1 ? l + '  ' : l));
}

/**
 * For a 2015 record that the newer names-only list does not confirm, the new name that list gives on
 * the same port and protocol instead ('' when there is none or the record is confirmed). That list keeps
 * one name per port and protocol, so such a record may be a second service (urd beside submissions on
 * 465/tcp) or one IANA replaced (newheights by ariascribe on 2114): the card says so rather than guess.
 */
function newerNameBeside(index: RegistryIndex, records: readonly ServiceRecord[]): (r: ServiceRecord) => string {
  const list = index.data.sources.findIndex((s) => s.id.startsWith('port-numbers@'));
  if (list < 0) return () => '';
  return (r) => {
    if (!r.name || r.portLo === null || r.portLo !== r.portHi || r.sources.includes(list)) return '';
    // Only a name the newer list added (absent from the older sources) raises the question: where the
    // list picked one of several names IANA already had (www-http on 80/tcp), the others stand.
    const other = records.find((x) => x.name && x.protocol === r.protocol && x.portLo === r.portLo && x.portHi === r.portHi &&
      x.sources.length === 1 && x.sources[0] === list);
    return other ? other.name : '';
  };
}

/** "2026-09-17" -> "2026-09": the month is what a reader needs to judge how current a fact is. */
function month(date: string): string {
  return /^\d{4}-\d{2}/.exec(date)?.[0] ?? date;
}

/**
 * One line that says which parts of the card are from when, worded the same on every card. The bundle
 * merges a current list of names and descriptions (`port-numbers`, names only) over IANA's full 2015
 * table (assignees, contacts, dates, references, notes), and the seed's 2025 excerpt over both; a
 * registry the user refreshed from IANA is one publication, from one date.
 */
export function provenance(index: RegistryIndex, records: readonly ServiceRecord[] = []): string {
  const sources = index.data.sources;
  const namesOnly = sources.findIndex((s) => s.id.startsWith('port-numbers@'));
  if (namesOnly < 0) {
    // A registry the user refreshed is one publication: its full date says exactly which one.
    const dates = sources.map((s) => s.release).filter(Boolean).sort();
    return t('IANA registry as of {0}', escapeMarkdown(dates[dates.length - 1] ?? index.release));
  }
  // Details come from the newest full source every shown record draws on: the seed where all of them
  // are seed records, else the 2015 table.
  const full = sources.map((s, i) => ({ s, i })).filter((x) => x.i !== namesOnly);
  let details = full.reduce<(typeof full)[number] | undefined>((a, b) => (!a || b.s.release < a.s.release ? b : a), undefined);
  const newest = full.reduce<(typeof full)[number] | undefined>((a, b) => (!a || b.s.release > a.s.release ? b : a), undefined);
  if (newest && records.length && records.every((r) => r.sources.includes(newest.i))) details = newest;
  const names = t('IANA names as of {0}', escapeMarkdown(month(sources[namesOnly].release)));
  return details ? t('{0}; details as of {1}', names, escapeMarkdown(month(details.s.release))) : names;
}

/** Where the common-practice line of a port comes from: the documentation of one program per label it names. */
function commonPracticeSources(port: number, protocol: Protocol | undefined): string {
  const labels = new Set<string>();
  const links: string[] = [];
  for (const e of softwareOnPort(port, protocol)) {
    if (labels.has(e.port.label) || labels.size >= COMMON_PRACTICE_LABELS_SHOWN) continue;
    labels.add(e.port.label);
    links.push(link(e.software.name, e.software.source));
  }
  return links.join(', ');
}

/** True where something binds the port: a listener, a published host port, a container's port. */
function binds(role: PortRole | undefined): boolean {
  return role === 'listen' || role === 'host' || role === 'container';
}

/** What port 0 means where it is written. */
function portZeroFact(ctx: PortContext): string {
  const key = ctx.key?.toLowerCase();
  if (key === 'nodeport') {
    return t('**`nodePort: 0`** is the same as leaving it out: Kubernetes allocates a node port from its range ({0}–{1} by default).', KUBERNETES_NODEPORT_RANGE.start, KUBERNETES_NODEPORT_RANGE.end);
  }
  if (key === 'hostport') return t('**`hostPort: 0`** is the same as leaving it out: nothing is published on the node.');
  if (key === 'containerport' || key === 'targetport') return t('**Port 0** is not valid for `{0}`: Kubernetes accepts 1–65535.', key === 'containerport' ? 'containerPort' : 'targetPort');
  switch (ctx.role) {
    case 'listen':
      return t('**Port 0** here asks the operating system for any free port when the program binds (`listen(0)`); the port changes on every start.');
    case 'host':
      return t('**Port 0** as a published port lets the container engine pick a free host port on every start.');
    case 'connect':
      return t('**Port 0** is not a valid destination: a connection to port 0 fails.');
    default:
      return t('**Port 0** asks the operating system for any free port when a program binds (`listen(0)`); as a destination it is invalid.');
  }
}

/** Facts that bite: ranges, privileges, browsers, each said only where it applies to the port's role. */
export function portFacts(port: number, ctx: PortContext): string[] {
  const facts: string[] = [];
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    facts.push(t('⛔ **Not a valid port:** TCP and UDP ports run from 0 to 65535.'));
    return facts;
  }
  if (port === 0) facts.push(portZeroFact(ctx));
  if (port >= 49152) {
    facts.push(ctx.role === 'connect'
      ? t('**Dynamic/Private range** (49152–65535): IANA never assigns these. This is the address of a server chosen elsewhere; a client has nothing to change here.')
      : binds(ctx.role)
        ? t('⚠️ **Dynamic/Private range** (49152–65535): IANA never assigns these, and the OS may hand this port to outgoing connections, so this listener can collide with them.')
        : t('⚠️ **Dynamic/Private range** (49152–65535): IANA never assigns these, and the OS may hand this port to outgoing connections, so a fixed listener here can collide.'));
  }
  if (ctx.role !== 'connect') {
    const linux = EPHEMERAL_PRESETS.linux;
    if (port >= linux.start && port <= linux.end) facts.push(t('Inside the Linux ephemeral range ({0}–{1}).', linux.start, linux.end));
    if (port >= 49152 && port <= 65535) facts.push(t('Inside the Windows and macOS ephemeral range (49152–65535).'));
  }
  if (port > 0 && port < 1024) {
    if (ctx.role === 'listen') facts.push(t('Below 1024: binding it needs root or CAP_NET_BIND_SERVICE on Linux (not inside Docker containers since 20.10).'));
    else if (ctx.role === 'container') facts.push(t('Below 1024: a container may bind it without privileges (Docker since 20.10 lowers `ip_unprivileged_port_start` to 0 inside containers).'));
    else if (ctx.role === 'host') facts.push(t('Below 1024 on the host: Docker publishes it as root; rootless Docker and Podman need `net.ipv4.ip_unprivileged_port_start` lowered.'));
  }
  if (BROWSER_BAD_PORTS.has(port)) {
    const inUrl = ctx.scheme !== undefined && BROWSER_SCHEMES.has(ctx.scheme);
    if (inUrl) facts.push(t('🚫 **Blocked by browsers:** Chrome, Firefox and Safari refuse HTTP(S) and WebSocket URLs on this port (Fetch "bad port", ERR_UNSAFE_PORT).'));
    else if (ctx.devServer) facts.push(t('🚫 **Browsers refuse this port:** a dev server here cannot be opened in Chrome, Firefox or Safari (Fetch "bad port", ERR_UNSAFE_PORT).'));
  }
  return facts;
}

/**
 * Cards already rendered, per registry: a card depends only on the registry, the port, its context, one
 * setting and the messages' language, and rendering it was most of the server's own work per hover (a
 * user's pointer resting on a port asks again and again). Bounded: emptied when it holds CARD_CACHE_MAX.
 */
const cardCache = new WeakMap<RegistryIndex, { language: unknown; cards: Map<string, string> }>();
const CARD_CACHE_MAX = 4096;

/** The hover card for a port number: registry answer, common practice, facts and a link to IANA. */
export function renderPortHover(index: RegistryIndex, port: number, ctx: PortContext, settings: Settings): string {
  const key = `${port} ${JSON.stringify([ctx.protocol, ctx.scheme, ctx.role, ctx.key, ctx.devServer === true, settings.commonPractice.enable])}`;
  let cache = cardCache.get(index);
  if (!cache || cache.language !== messageLanguage()) cardCache.set(index, (cache = { language: messageLanguage(), cards: new Map() }));
  let card = cache.cards.get(key);
  if (card === undefined) {
    card = buildPortHover(index, port, ctx, settings);
    if (cache.cards.size >= CARD_CACHE_MAX) cache.cards.clear();
    cache.cards.set(key, card);
  }
  return card;
}

function buildPortHover(index: RegistryIndex, port: number, ctx: PortContext, settings: Settings): string {
  const valid = Number.isInteger(port) && port >= 0 && port <= 65535;
  const lookup = index.byPort(port);
  const heading = [t('**Port {0}**', port)];
  if (ctx.protocol) heading.push(ctx.protocol);
  if (ctx.scheme) heading.push(t('{0} URL', escapeMarkdown(ctx.scheme)));
  heading.push(t(PORT_CLASS_LABEL[lookup.portClass]));
  const lines: string[] = [heading.join(' · '), ''];
  const common = valid && settings.commonPractice.enable ? commonPracticeLabel(port, ctx.protocol) : undefined;
  const commonLines = common ? [`${t('**Common practice** (not IANA): {0}', escapeMarkdown(common))}  `, t('Documented by {0}', commonPracticeSources(port, ctx.protocol)), ''] : [];
  // Where the IANA name misleads (3000 is hbci to IANA), what runs there comes first, labelled;
  // where it agrees (5432 postgresql), IANA's answer comes first and common practice follows.
  const leads = common !== undefined && !ianaNameAgrees(port, lookup.records.map((r) => r.name).filter(Boolean), ctx.protocol);
  if (leads) lines.push(...commonLines);
  if (valid) {
    const ordered = ctx.protocol
      ? [...lookup.records.filter((r) => r.protocol === ctx.protocol || r.protocol === ''), ...lookup.records.filter((r) => r.protocol !== ctx.protocol && r.protocol !== '')]
      : lookup.records;
    const doubt = newerNameBeside(index, lookup.records);
    // Records the newer list confirms come first; a 2015 record beside a newer name follows them.
    const named = ordered.filter((r) => r.name).sort((a, b) => Number(doubt(a) !== '') - Number(doubt(b) !== ''));
    const shown = named.length ? named : ordered;
    if (shown.length === 0) {
      lines.push(t('**Unassigned**: IANA lists no service on this port.'));
    } else {
      if (named.length) lines.push(rowsOf(named).length > 1 ? t('IANA registered services:') : t('IANA registered service:'));
      for (const row of rowsOf(shown, doubt)) lines.push(...renderRow(index, row, port, doubt(row.record)));
      const blanks = named.length ? ordered.filter((r) => !r.name) : [];
      if (blanks.length) lines.push(`- ${t('Also {0}', rowsOf(blanks).map((b) => `${escapeMarkdown(b.record.description || t('unnamed'))} (${protocolList(b.protocols)})`).join('; '))}`);
    }
    lines.push('');
    if (!leads) lines.push(...commonLines);
  }
  const facts = portFacts(port, ctx);
  for (const f of facts) lines.push(`- ${f}`);
  if (facts.length) lines.push('');
  if (valid) lines.push(`${provenance(index, lookup.records)} · ${link(t('IANA registry entry'), IANA_SEARCH_URL + port)}`);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The hover card for a service name that stands for a port (`targetPort: http`). */
export function renderServiceHover(index: RegistryIndex, name: string): string | undefined {
  const records = index.byName(name);
  const lines: string[] = [t('**Service {0}**', inlineCode(name)), ''];
  if (!records.length) {
    lines.push(t('IANA lists no service by this name.'));
    return lines.join('\n');
  }
  lines.push(records.length > 1 ? t('IANA registered ports:') : t('IANA registered port:'));
  for (const row of rowsOf(records)) lines.push(...renderRow(index, row, null));
  lines.push('', `${provenance(index, records)} · ${link(t('IANA registry entry'), IANA_SEARCH_URL + encodeURIComponent(name))}`);
  return lines.join('\n');
}
