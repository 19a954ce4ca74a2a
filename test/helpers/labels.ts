import fs from 'node:fs';
import path from 'node:path';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

/** Reads FILE.labels: `LINE: tok tok` (1-based line), the digit runs on that line that are ports. */
export function readLabels(file: string): Map<number, string[]> {
  const labels = new Map<number, string[]>();
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const l = raw.replace(/#.*/, '').trim();
    const m = /^(\d+)\s*:\s*(.*)$/.exec(l);
    if (m) labels.set(Number(m[1]) - 1, m[2].split(/\s+/).filter(Boolean));
  }
  return labels;
}

export interface LabelScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  misses: string[];
  falses: string[];
}

/**
 * Scores occurrences against labels the way the LSP probe does: every digit run is hovered at its
 * first character, and counts as recognised when an occurrence of that number covers that offset.
 */
export function scoreAgainstLabels(name: string, text: string, labels: Map<number, string[]>, found: PortOccurrence[]): LabelScore {
  const s: LabelScore = { tp: 0, fp: 0, fn: 0, tn: 0, misses: [], falses: [] };
  const remaining = new Map([...labels].map(([k, v]) => [k, [...v]]));
  const lines = text.split(/\r?\n/);
  let offset = 0;
  const lineStarts: number[] = [];
  for (const m of text.matchAll(/\r?\n/g)) lineStarts.push(m.index! + m[0].length);
  lines.forEach((line, i) => {
    const base = i === 0 ? 0 : lineStarts[i - 1];
    for (const m of line.matchAll(/\d+/g)) {
      const at = base + m.index!;
      const want = remaining.get(i);
      const idx = want ? want.indexOf(m[0]) : -1;
      const isPort = idx >= 0;
      if (isPort) want!.splice(idx, 1);
      const got = found.some((o) => o.start <= at && at <= o.end && o.kind === 'port' && String(o.port).includes(String(Number(m[0]))));
      const where = `${name}:${i + 1}:${m.index! + 1} ${m[0]}`;
      if (isPort && got) s.tp++;
      else if (isPort) { s.fn++; s.misses.push(where); }
      else if (got) { s.fp++; s.falses.push(where); }
      else s.tn++;
    }
    offset += line.length;
  });
  return s;
}

/** Every labelled file (FILE with FILE.labels beside it) under a folder. */
export function labelledFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.labels')).sort()
    .map((f) => path.join(dir, f.slice(0, -'.labels'.length)));
}
