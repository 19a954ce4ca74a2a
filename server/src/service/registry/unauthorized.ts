import type { ServiceRecord } from './types';

interface PortRange {
  start: number;
  end: number;
}

/** Port numbers a text names: `port 6003`, `ports 27017, 27018 and 27019`, `Ports 2194-2196`. */
export function portsNamedIn(text: string): PortRange[] {
  const out: PortRange[] = [];
  for (const m of text.slice(0, 1000).matchAll(/\b(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?\b/g)) {
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    if (lo <= 65535 && hi >= lo && hi <= 65535) out.push({ start: lo, end: hi });
  }
  return out;
}

/** The ports each record's note names, read once per record: a rule asks for them once per port found. */
const NAMED = new WeakMap<ServiceRecord, PortRange[]>();

/**
 * An unauthorized-use report concerns the ports it names. IANA files reports on ranges
 * ("Known Unauthorized Use on port 6003" on x11, 6000-6063): such a note applies only to the ports it
 * names. A note that names no port is about the whole record.
 */
export function unauthorizedConcerns(r: ServiceRecord, port: number | null): boolean {
  if (port === null) return true;
  let named = NAMED.get(r);
  if (!named) NAMED.set(r, (named = portsNamedIn(r.unauthorized)));
  return named.length === 0 || named.some((n) => port >= n.start && port <= n.end);
}
