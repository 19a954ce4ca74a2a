import type { Protocol } from '../../registry/types';
import type { PortOccurrence, PortRole } from './types';

/*
 * Occurrences that readers complete after making them are created here with all their fields, in
 * one order, so that all of them share one layout (V8 map) from creation: setting a field later (`o.command = ...`, `o.pair = ...`) then writes
 * a slot instead of adding a property. Added properties gave each combination a map of its own, reached
 * only through weak transitions: when a full garbage collection found no occurrence of a combination
 * alive, its map died and V8 threw away all optimized code that checked it, and the scans that
 * followed ran unoptimized. Fields a finder does not set stay `undefined`, which JSON leaves out.
 *
 * The layout has a price: 17 slots per occurrence, which every young-generation collection during a
 * scan copies. A few finders whose occurrences are (nearly) complete when made (the
 * code finder's own numbers, Caddy's, /etc/services', the plain-text and Markdown readers' own) build
 * small object literals instead, because this layout measured 10-26% slower there; a literal with a NaN
 * `port` must put `name` before `port`, as nameAt does (see below).
 */

/**
 * A port number at text[start, end) with its role, and the host and protocol written with it when
 * given; every other field undefined, for the finder to set. `name` and `nameOf` belong to names only.
 */
export function portAt(start: number, end: number, port: number, role: PortRole, host?: string, protocol?: Protocol): PortOccurrence {
  return {
    start, end, kind: 'port', port, role, protocol, host, scheme: undefined,
    rangeLo: undefined, rangeHi: undefined, key: undefined, command: undefined, flag: undefined,
    software: undefined, pair: undefined, mapping: undefined, inComment: undefined,
  };
}

/** One end of a range such as `3000-3005` at text[start, end): `port` is `lo` or `hi`. */
export function rangeAt(start: number, end: number, port: number, role: PortRole, lo: number, hi: number, protocol?: Protocol): PortOccurrence {
  const o = portAt(start, end, port, role, undefined, protocol);
  o.rangeLo = lo;
  o.rangeHi = hi;
  return o;
}

/**
 * A service name standing for a port (`kind` 'service') or a name given to a port ('name') at
 * text[start, end). Its `port` is NaN; `name` comes before it, which gives names a layout of their own,
 * so that the port numbers' layout keeps `port` a small integer (NaN would make every port a boxed double).
 */
export function nameAt(kind: 'service' | 'name', start: number, end: number, name: string, role: PortRole): PortOccurrence {
  return {
    start, end, kind, name, port: NaN, role, protocol: undefined, host: undefined, scheme: undefined,
    rangeLo: undefined, rangeHi: undefined, key: undefined, command: undefined, flag: undefined,
    software: undefined, pair: undefined, mapping: undefined, inComment: undefined, nameOf: undefined,
  };
}
