import type { PortOccurrence } from './types';
import { rangeAt } from './occurrence';
import { digitsEnd } from '../text/chars';
import { portValue } from './common';
import { valueEnd, valueStart } from './portValue';

/*
 * Linux's `net.ipv4.ip_local_port_range`, wherever a sysctl is set: sysctl.conf, Compose `sysctls`
 * (a map or `key=value` items), a Pod's `securityContext.sysctls` name/value pair, `sysctl -w` and
 * `docker run --sysctl`. Its value, `1024 65000`, is the range the kernel picks the source ports of
 * outgoing connections from. Nothing listens on either end, so both are read as the ends of a range
 * whose role the setting does not tell ('unknown'), which the rules leave alone.
 */

const RANGE_KEY = 'ip_local_port_range';

/** True when the key text[s, e) (perhaps quoted, dotted or slashed) ends in `ip_local_port_range`. */
export function isEphemeralRangeKey(text: string, s: number, e: number): boolean {
  const q = text.charCodeAt(e - 1);
  if ((q === 34 || q === 39) && e - s >= 2) e--;
  const a = e - RANGE_KEY.length;
  if (a < s || !text.startsWith(RANGE_KEY, a)) return false;
  const c = a > s ? text.charCodeAt(a - 1) : 46;
  return c === 46 /* . */ || c === 47 /* / */ || c === 34 || c === 39;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The value text[s, e) of the setting: two numbers apart by blanks, perhaps quoted (`"1024 65000"`).
 * Pushes both ends and returns true; returns false, pushing nothing, for any other shape.
 */
export function readEphemeralRange(text: string, vs: number, ve: number, out: PortOccurrence[]): boolean {
  const s = valueStart(text, vs, ve);
  const e = valueEnd(text, vs, ve);
  const loE = digitsEnd(text, s, e);
  let hiS = loE;
  while (hiS < e && isBlank(text.charCodeAt(hiS))) hiS++;
  if (loE === s || hiS === loE || digitsEnd(text, hiS, e) !== e || hiS === e) return false;
  const lo = portValue(text, s, loE);
  const hi = portValue(text, hiS, e);
  if (lo <= 0 || hi > 65535 || hi < lo) return false;
  out.push(rangeAt(s, loE, lo, 'unknown', lo, hi));
  out.push(rangeAt(hiS, e, hi, 'unknown', lo, hi));
  return true;
}
