/*
 * V8 gives an object of a class its fields by map transitions from the class's initial map, and those
 * transitions are weak: when a full garbage collection finds no object of the class alive, the maps die,
 * and with them every optimized function that checks them (V8 logs the deoptimization as "weak objects").
 * A finder's reader objects live only while it scans, so after an idle collection the next scan of a
 * document ran unoptimized, three to four times slower (the shell finder 134 ms instead of 42 ms on the
 * bench sample). One object of each such class, kept for the life of the process, keeps its maps alive.
 */

/** One object of each per-scan class, referenced from here so that it outlives every collection. */
const KEPT: object[] = [];

/**
 * Keeps `o` alive for the life of the process, and so the maps its class's objects share. Build it with
 * the constructor's ordinary arguments (the empty text), at module level, once per class (a subclass
 * has maps of its own and needs its own). Returns `o`.
 */
export function keepShape<T extends object>(o: T): T {
  KEPT.push(o);
  return o;
}
