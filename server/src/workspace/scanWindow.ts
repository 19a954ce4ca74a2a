import { portsUsed, WINDOW_LOOKBEHIND, type ScanResult, type ScanWindow } from '../service/languageService';
import type { FormatId, PortOccurrence } from '../service/scan';
import type { UsedPorts } from '../service/freePort';

// Which part of a large open document's scan the server holds (workspace/openDocuments.ts): the scan
// stays in the scan thread (scanThread.ts), and past a bound the server reads a window of it. No Node
// module is needed here, so that the browser's server, which has no scan thread, can share the types.

/** A scan the worker kept: the occurrences of one document version, or of a window of it (with the ports of the whole). */
export interface KeptScan {
  format: FormatId | undefined;
  occurrences: PortOccurrence[];
  tooLarge?: boolean;
  window?: ScanWindow;
  usedPorts?: UsedPorts;
}

/**
 * Most occurrences of one large document the server reads back at once: a 2 MB compose file of port
 * ranges holds 215,000, and decoding them for its first hover blocked the server 0.5-5 s. Past it the
 * server holds a window of the document around what a request asks about. The workspace index keeps
 * the same number of places per file.
 */
export const MAX_HELD_OCCURRENCES = 20_000;
/** Text on either side of a request that a window spans, so that requests nearby are answered from it. */
export const WINDOW_CHARS = 32 * 1024;

/** The first index whose occurrence starts at or after `offset` (occurrences are sorted by start). */
function firstAtOrAfter(occurrences: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = occurrences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (occurrences[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What the server gets to hold of a kept scan for a request on `span`: every occurrence, or past `max`
 * a window of them with the ports of the whole document (computed once per scan, kept in `cache`).
 */
export function heldPart(scan: ScanResult, span: ScanWindow | undefined, max: number, cache: { ports?: UsedPorts }): KeptScan {
  if (scan.occurrences.length <= max) return { format: scan.format, occurrences: scan.occurrences, tooLarge: scan.tooLarge };
  const { from, to, window } = windowOf(scan.occurrences, span, max);
  cache.ports ??= portsUsed(scan);
  return { format: scan.format, occurrences: scan.occurrences.slice(from, to), tooLarge: scan.tooLarge, window, usedPorts: cache.ports };
}

/**
 * The part of a scan to send for a request on `span` (undefined: the whole document): indexes
 * [from, to) of at most `max` occurrences around the span, and the window they cover (every
 * occurrence starting in [start, end) is among them; `end` is MAX_SAFE_INTEGER when they run to the end).
 */
export function windowOf(occurrences: readonly { start: number }[], span: ScanWindow | undefined, max: number): { from: number; to: number; window: ScanWindow } {
  const start = span ? Math.max(0, span.start - WINDOW_CHARS) : 0;
  const end = span ? span.end + WINDOW_CHARS : Number.MAX_SAFE_INTEGER;
  let from = firstAtOrAfter(occurrences, start);
  let to = firstAtOrAfter(occurrences, end);
  if (to - from > max) {
    // Too many around the span: those from just before it onwards first, then as many before as fit.
    const must = span ? firstAtOrAfter(occurrences, Math.max(0, span.start - WINDOW_LOOKBEHIND)) : from;
    to = Math.min(to, must + max);
    from = Math.max(from, to - max);
  }
  const window = {
    // An occurrence left out before the window starts at or before occurrences[from - 1].start.
    start: from > 0 && from > firstAtOrAfter(occurrences, start) ? occurrences[from - 1].start + 1 : start,
    end: to >= occurrences.length ? Number.MAX_SAFE_INTEGER : Math.min(end, occurrences[to].start),
  };
  return { from, to, window };
}
