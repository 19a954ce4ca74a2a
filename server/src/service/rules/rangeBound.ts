import type { PortOccurrence } from '../scan/vocabulary/types';

/**
 * Whether a port is one end of a range or pool rather than a port anything binds: a range that
 * reaches up from below 49152 (`dst_port 1024:65535`) or whose context binds nothing (an ACL, a
 * firewall rule: role `unknown` or `connect`; a published compose range or `EXPOSE 50000-50010` does
 * bind every port in it), or the value of a setting that bounds one (`pasv_min_port=50000`,
 * `min-port=49152`, `to_port = 65535`, `net.ipv4.ip_local_port_range = 49152 65535`,
 * `rtpPortMax`, `--min-port`), as the occurrence's key or flag says. Software given such a pool picks a free port inside it,
 * so the range rules have nothing to say about its ends.
 */
export function isRangeBound(o: PortOccurrence): boolean {
  if (o.rangeLo !== undefined && (o.rangeLo < 49152 || o.role === 'unknown' || o.role === 'connect')) return true;
  const key = o.key ?? o.flag;
  if (key === undefined) return false;
  // Words of the key: split at separators and at lower-to-upper case changes (`rtpPortMax`).
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.-]+/);
  if (!words.some((w) => w === 'port' || w === 'ports')) return false;
  return words.some((w) => BOUND_WORDS.has(w));
}

const BOUND_WORDS = new Set([
  'range', 'ranges', 'min', 'max', 'minimum', 'maximum', 'start', 'end', 'begin', 'first', 'last', 'from', 'to',
  'lo', 'hi', 'low', 'high', 'lower', 'upper',
]);
