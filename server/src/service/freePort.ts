import { EPHEMERAL_PRESETS } from './facts';
import type { RegistryIndex } from './registry/registryIndex';

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
export function findFreePort(index: RegistryIndex, near: number, used: ReadonlySet<number>, taken?: (port: number) => boolean): number | undefined {
  const start = Math.min(Math.max(Number.isFinite(near) ? Math.round(near) : 8000, USER_LO), EPHEMERAL_PRESETS.linux.start - 1);
  for (let d = 0; d <= USER_HI; d++) {
    for (const p of d === 0 ? [start] : [start - d, start + d]) {
      if (isCandidate(p) && !used.has(p) && !index.isAssigned(p) && !taken?.(p)) return p;
    }
    if (start - d < USER_LO && start + d > EPHEMERAL_PRESETS.linux.start) break;
  }
  return undefined;
}
