/**
 * Sets of ports held as sorted, disjoint intervals `[lo0, hi0, lo1, hi1, ...]`: a range 1-65535 is
 * two numbers rather than 65,535 entries, and a look-up is a binary search. Used for the ports a
 * document uses (freePort.ts) and for the `ignorePorts` setting (settings.ts).
 */

/** Sorts and merges intervals (overlapping or adjacent ones become one) into their bounds. */
export function mergeIntervals(spans: [lo: number, hi: number][]): Float64Array {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [lo, hi] of spans) {
    const n = merged.length;
    if (n && lo <= merged[n - 1] + 1) merged[n - 1] = Math.max(merged[n - 1], hi);
    else merged.push(lo, hi);
  }
  return Float64Array.from(merged);
}

/** True when `port` lies in one of the intervals whose bounds `mergeIntervals` made. */
export function inIntervals(bounds: ArrayLike<number>, port: number): boolean {
  let lo = 0;
  let hi = (bounds.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (port < bounds[2 * mid]) hi = mid - 1;
    else if (port > bounds[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}
