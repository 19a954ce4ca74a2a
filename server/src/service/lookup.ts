import { portText } from './completion';
import { provenance, renderPortHover, renderServiceHover } from './hover';
import { escapeMarkdown } from './markdown';
import type { RegistryIndex } from './registry/registryIndex';
import { DEFAULT_SETTINGS } from './settings';
import type { LookupCard } from '../protocol';

/** One entry of the "Look Up Port or Service" list: what the quick pick shows and the card behind it. */
export type { LookupCard } from '../protocol';

/**
 * Searches the registry by number, name or description for the look-up command and the CLI.
 * A bare number always yields that port's card first, assigned or not.
 */
export function lookupCards(index: RegistryIndex, query: string, limit = 200): LookupCard[] {
  const q = query.trim();
  const cards: LookupCard[] = [];
  if (/^\d{1,6}$/.test(q)) {
    const port = Number(q);
    const l = index.byPort(port);
    const names = [...new Set(l.records.filter((r) => r.name).map((r) => r.name))];
    cards.push({
      label: String(port),
      description: names.join(', ') || (l.portClass === 'invalid' ? 'not a valid port' : 'unassigned'),
      detail: l.records.find((r) => r.name)?.description ?? '',
      port,
      name: names[0] ?? '',
      markdown: renderPortHover(index, port, {}, DEFAULT_SETTINGS),
    });
  }
  for (const { entry } of q ? index.search(q, limit) : []) {
    if (cards.length >= limit) break;
    if (cards.length && cards[0].port === entry.portLo && cards[0].name === entry.name) continue;
    const port = portText(entry) || '—';
    cards.push({
      label: `${entry.name}`,
      description: `${port}/${entry.protocols.filter(Boolean).join(',') || 'any'}`,
      detail: entry.description,
      port: entry.portLo,
      name: entry.name,
      markdown: entry.portLo !== null && entry.portLo === entry.portHi
        ? renderPortHover(index, entry.portLo, {}, DEFAULT_SETTINGS)
        : renderServiceHover(index, entry.name) ?? '',
    });
  }
  return cards;
}

/** Facts about the registry in use, for "Show Registry Information" and `iana-ports info`. */
export interface RegistryInfo {
  release: string;
  /** Which parts of the data are from when, as every hover card says it. */
  provenance: string;
  path: string;
  generatedBy: string;
  sources: { id: string; title: string; release: string; records: number }[];
  records: number;
  superseded: number;
  ranges: number;
  nameOnly: number;
  people: number;
  /** All of the above as a markdown document. */
  markdown: string;
}

export function registryInfo(index: RegistryIndex, path: string): RegistryInfo {
  const records = index.data.records;
  const current = records.filter((r) => !r.superseded);
  const info: Omit<RegistryInfo, 'markdown'> = {
    release: index.release,
    provenance: provenance(index),
    path,
    generatedBy: index.data.generatedBy,
    sources: index.data.sources.map((s, i) => ({ ...s, records: current.filter((r) => r.sources[r.sources.length - 1] === i).length })),
    records: current.length,
    superseded: records.length - current.length,
    ranges: current.filter((r) => r.portLo !== null && r.portHi !== r.portLo).length,
    nameOnly: current.filter((r) => r.portLo === null).length,
    people: index.data.people.length,
  };
  return { ...info, markdown: registryInfoMarkdown(info) };
}

/** The registry facts as a markdown document, shown in a preview rather than a modal dialog. */
function registryInfoMarkdown(i: Omit<RegistryInfo, 'markdown'>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    '# IANA Ports registry',
    '',
    `**${i.provenance}**`,
    '',
    `${n(i.records)} current records (${n(i.ranges)} ranges, ${n(i.nameOnly)} name-only); ${n(i.superseded)} superseded records kept for history; ${n(i.people)} people.`,
    '',
    '## Sources',
    '',
    '| source | as of | records last set by it | what it gives |',
    '|---|---|---|---|',
    ...i.sources.map((s) => `| ${escapeMarkdown(s.id)} | ${escapeMarkdown(s.release)} | ${n(s.records)} | ${escapeMarkdown(s.title)} |`),
    '',
    `File: ${escapeMarkdown(i.path)}`,
    '',
  ].join('\n');
}
