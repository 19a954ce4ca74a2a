import { EPHEMERAL_PRESETS } from './facts';
import { inIntervals, mergeIntervals } from './portIntervals';
import type { RegistryIndex } from './registry/registryIndex';
import type { PortOccurrence } from './scan/vocabulary/types';

/**
 * The ports a document uses: every port it writes, and every port inside a range it writes
 * (`8000-8100:8000-8100` uses 8049 too). Held as sorted, disjoint intervals, so that a range
 * 1-65535 costs two numbers rather than a set of 65,535.
 */
export class UsedPorts {
  /** Interval bounds, `lo0, hi0, lo1, hi1, ...`, sorted and disjoint (adjacent ones merged). */
  readonly bounds: Float64Array;

  private constructor(bounds: Float64Array) {
    this.bounds = bounds;
  }

  /** The ports of a document's occurrences; a number that is one end of a range brings the whole range. */
  static of(occurrences: readonly PortOccurrence[]): UsedPorts {
    const spans: [number, number][] = [];
    for (const o of occurrences) {
      if (o.kind !== 'port' || !Number.isFinite(o.port)) continue;
      const ranged = o.rangeLo !== undefined && o.rangeHi !== undefined && o.rangeLo <= o.rangeHi;
      spans.push(ranged ? [o.rangeLo!, o.rangeHi!] : [o.port, o.port]);
    }
    return new UsedPorts(mergeIntervals(spans));
  }

  /** The ports of bounds made by another {@link UsedPorts} (sent by the scan thread). */
  static fromBounds(bounds: Float64Array): UsedPorts {
    return new UsedPorts(bounds);
  }

  /** True when the document uses the port. */
  has(port: number): boolean {
    return inIntervals(this.bounds, port);
  }
}

const USER_LO = 1024;
const USER_HI = 49151;
const AVOID = [EPHEMERAL_PRESETS.linux, EPHEMERAL_PRESETS.windows];

/** True when a port is a sensible fixed choice: User range, outside common ephemeral ranges. */
function isCandidate(port: number): boolean {
  return port >= USER_LO && port <= USER_HI && !AVOID.some((r) => port >= r.start && port <= r.end);
}

/**
 * The User-range port nearest to `near` that IANA has not assigned, that lies outside the Linux and
 * Windows ephemeral ranges, that `used` does not contain and that `taken` (this machine's ports in use)
 * does not refuse. Searches outward, lower port first on a tie.
 */
export function findFreePort(index: RegistryIndex, near: number, used: UsedPorts, taken?: (port: number) => boolean): number | undefined {
  const start = Math.min(Math.max(Number.isFinite(near) ? Math.round(near) : 8000, USER_LO), EPHEMERAL_PRESETS.linux.start - 1);
  for (let d = 0; d <= USER_HI; d++) {
    for (const p of d === 0 ? [start] : [start - d, start + d]) {
      if (isCandidate(p) && !used.has(p) && !index.isAssigned(p) && !taken?.(p)) return p;
    }
    if (start - d < USER_LO && start + d > EPHEMERAL_PRESETS.linux.start) break;
  }
  return undefined;
}
