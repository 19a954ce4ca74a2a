import type { PortOccurrence } from '../scan/vocabulary/types';

/**
 * Whether a port is one end of a range or pool rather than a port anything binds: a range that
 * reaches up from below 49152 (`dst_port 1024:65535`) or whose context binds nothing (an ACL, a
 * firewall rule: role `unknown` or `connect`; a published compose range or `EXPOSE 50000-50010` does
 * bind every port in it), or the value of a setting that bounds one (`pasv_min_port=50000`,
 * `min-port=49152`, `to_port = 65535`, `net.ipv4.ip_local_port_range = 49152 65535`,
 * `rtpPortMax`). The setting is the last key-like word before the number on its line, past the
 * separators and an earlier number of the same setting. Software given such a pool picks a free port
 * inside it, so the range rules have nothing to say about its ends.
 */
export function isRangeBound(text: string, o: PortOccurrence): boolean {
  if (o.rangeLo !== undefined && (o.rangeLo < 49152 || o.role === 'unknown' || o.role === 'connect')) return true;
  const from = Math.max(0, o.start - 96);
  let i = o.start;
  // Back over separators and one earlier number: `= `, `": "`, `=>`, `49152 ` in `49152 65535`.
  let numbers = 0;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return false;
    if (c === 32 || c === 9 || c === 61 || c === 58 || c === 34 || c === 39 || c === 62 || c === 44) i--;
    else if (c >= 48 && c <= 57 && numbers === 0) {
      while (i > from && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
      numbers++;
    } else break;
  }
  let k = i;
  while (k > from) {
    const c = text.charCodeAt(k - 1);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
    if (!word) break;
    k--;
  }
  if (k === i) return false;
  // Words of the key: split at separators and at lower-to-upper case changes (`rtpPortMax`).
  const words = text.slice(k, i).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.-]+/);
  if (!words.some((w) => w === 'port' || w === 'ports')) return false;
  return words.some((w) => BOUND_WORDS.has(w));
}

const BOUND_WORDS = new Set([
  'range', 'ranges', 'min', 'max', 'minimum', 'maximum', 'start', 'end', 'begin', 'first', 'last', 'from', 'to',
  'lo', 'hi', 'low', 'high', 'lower', 'upper',
]);
