// Timing by CPU time, and the paired comparison behind `run.mjs scan --base DIR`: ours and another
// checkout's finder timed in turns on the same text, every two pairs giving one ratio.
//
// Why CPU time: on a shared machine a pass's wall time includes the time the process sat descheduled
// while other processes ran, which comes and goes at random; CPU time counts only what was executed. It
// still moves with the machine (a busy neighbour on the same core or cache slows each instruction), so a
// ratio is only trusted with its spread. Two clocks are read around every pass:
// - the main thread's (Linux's scheduler statistics, /proc/thread-self/schedstat, in ns): the thread that
//   runs the finder and whose time blocks the server's event loop. On a quiet machine it follows the wall
//   clock; it leaves out V8's helper threads (concurrent marking, sweeping, compiling), which a user's other
//   cores run beside the scan, and the helpers' share of a parallel collection the main thread waits for.
//   Verdicts are made on it. Where it cannot be read (not Linux) the process's clock stands in;
// - the process's (process.cpuUsage, user + system of every thread): all the work a pass causes, garbage
//   collection on helper threads included; printed beside, since a finder that keeps more objects alive
//   costs the machine more even when its main thread is not slower.
import fs from 'node:fs';
import v8 from 'node:v8';

/**
 * The calling thread's time on a CPU in ns, from Linux's scheduler statistics. The kernel brings a running
 * thread's figure up to date only at a scheduler tick or switch (every few ms) or when the process's CPU
 * time is asked for; asking for it first (getrusage) makes the figure exact to the moment.
 */
function threadNs(): number {
  process.cpuUsage();
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]);
}

/** Whether the main thread's own CPU time can be read here. */
export const MAIN_THREAD_CLOCK = ((): boolean => {
  try {
    return Number.isFinite(threadNs());
  } catch {
    return false;
  }
})();

/** CPU ms of one pass: of the main thread (`main`, the process's where that cannot be read) and of every thread of the process (`all`). */
export interface Cpu {
  main: number;
  all: number;
}

/** Both CPU times that `f` takes. */
export function measureCpu(f: () => void): Cpu {
  const p = process.cpuUsage();
  const t = MAIN_THREAD_CLOCK ? threadNs() : 0;
  f();
  const d = process.cpuUsage(p);
  const main = MAIN_THREAD_CLOCK ? (threadNs() - t) / 1e6 : NaN;
  const all = (d.user + d.system) / 1000;
  return { main: MAIN_THREAD_CLOCK ? main : all, all };
}

/** The main thread's CPU time that `f` takes, in ms (the process's where that cannot be read). */
export function cpuMs(f: () => void): number {
  return measureCpu(f).main;
}

/** Runs `f` until at least `minRuns` runs and `minMs` of CPU time (at most `maxRuns`); the median run's CPU ms. */
export function cpuRuns(f: () => void, minMs: number, minRuns = 3, maxRuns = 1000): number {
  const runs: number[] = [];
  let total = 0;
  while (runs.length < minRuns || (total < minMs && runs.length < maxRuns)) {
    const ms = cpuMs(f);
    runs.push(ms);
    total += ms;
  }
  return quantile(runs, 0.5);
}

/** The q-quantile with linear interpolation between order statistics (q = 0.5 is the usual median). */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

export interface PairOptions {
  /** CPU ms each side must accumulate in counted passes (the budget), unless `maxPairs` or `maxWallMs` ends it first. */
  budgetMs: number;
  /** Counted pairs at least, however fast the passes (the loop ends only after an even number of pairs). */
  minPairs: number;
  maxPairs: number;
  /** Wall-clock bound of one comparison, warm-up included. */
  maxWallMs: number;
  /**
   * Uncounted pairs first, at least this many and until each side has run `warmupMs` of CPU (at most 3 times
   * as many), within a third of `maxWallMs` (at least one pair).
   */
  warmupPairs: number;
  warmupMs: number;
  /** A full garbage collection (untimed) before every timed pass: each figure is then a first pass after GC. */
  afterGc: boolean;
}

export interface Paired {
  /** The main thread's CPU ms per counted pass (`base` empty when there is no base). */
  ours: number[];
  base: number[];
  /** The process's CPU ms (every thread) of the same passes. */
  oursAll: number[];
  baseAll: number[];
  /** The bare /\d+/g floor, one pass per pair. */
  bare: number[];
  /**
   * One ratio per block of two consecutive pairs (ours first in one, the base first in the other): the
   * geometric mean of the two pair ratios base / ours, in which any advantage of going first or second
   * cancels. Above 1 ours is faster (the same sense as a throughput ratio ours / base).
   */
  ratios: number[];
  /** The same from the process's CPU time (every thread). */
  ratiosAll: number[];
  /** Why the loop stopped: the budget was reached, or the pair or wall-clock bound ended it first. */
  stop: 'budget' | 'pairs' | 'wall';
  wallMs: number;
}

declare const gc: (() => void) | undefined;

let junk: unknown;

/**
 * Allocates, untimed, a random amount of short-lived garbage of up to the young generation's size. Passes
 * repeated in a fixed rhythm lock the young-generation collections into it: with a finder that fills the
 * young generation every two passes, every collection would fall in the same side's pass, run after run.
 * A random offset before each pair lets collections fall where each side's own allocation brings them.
 */
function shiftYoungGeneration(random: () => number): void {
  const size = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 1 << 20;
  const bytes = random() * size;
  for (let n = 0; n < bytes; n += 8 * 1024) junk = new Array(1024).fill(n);
}

/** A seeded PRNG (mulberry32), so that every run shifts the same way. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Times `ours` and `base` in pairs, alternating which goes first so that neither always runs on the
 * other's garbage or in its wake, and `bare` after both. Each function returns a count that is kept,
 * so the work cannot be optimised away. Without `base`, ours and bare alone, on the same budget.
 */
export function timePairs(ours: () => number, base: (() => number) | undefined, bare: () => number, o: PairOptions): Paired {
  const t0 = performance.now();
  let sink = 0;
  const pass = (f: () => number): Cpu => {
    if (o.afterGc) {
      if (typeof gc !== 'function') throw new Error('--after-gc needs node --expose-gc (run.mjs passes it)');
      gc();
    }
    return measureCpu(() => {
      sink += f();
    });
  };
  const out: Paired = { ours: [], base: [], oursAll: [], baseAll: [], bare: [], ratios: [], ratiosAll: [], stop: 'budget', wallMs: 0 };
  const random = seeded(0x5ca1ab1e);
  let warmOurs = 0;
  let warmBase = 0;
  if (!base) warmBase = Infinity;
  // Warm-up takes at most a third of the wall-clock bound, so that pairs are left to count.
  for (let i = 0; i < o.warmupPairs * 3 && (i < o.warmupPairs || warmOurs < o.warmupMs || warmBase < o.warmupMs); i++) {
    if (i > 0 && performance.now() - t0 > o.maxWallMs / 3) break;
    shiftYoungGeneration(random);
    warmOurs += pass(ours).main;
    if (base) warmBase += pass(base).main;
    pass(bare);
  }
  let sumOurs = 0;
  let sumBase = base ? 0 : Infinity;
  for (let i = 0; ; i++) {
    if (i >= o.minPairs && i % 2 === 0 && sumOurs >= o.budgetMs && sumBase >= o.budgetMs) break;
    if (i >= o.maxPairs) {
      out.stop = 'pairs';
      break;
    }
    if (performance.now() - t0 > o.maxWallMs) {
      out.stop = 'wall';
      break;
    }
    shiftYoungGeneration(random);
    let a: Cpu;
    let b: Cpu | undefined;
    if (base && i % 2) {
      b = pass(base);
      a = pass(ours);
    } else {
      a = pass(ours);
      if (base) b = pass(base);
    }
    out.bare.push(pass(bare).main);
    out.ours.push(a.main);
    out.oursAll.push(a.all);
    sumOurs += a.main;
    if (b) {
      out.base.push(b.main);
      out.baseAll.push(b.all);
      sumBase += b.main;
    }
  }
  if (base) {
    out.ratios = blockRatios(out.ours, out.base);
    out.ratiosAll = blockRatios(out.oursAll, out.baseAll);
  }
  out.wallMs = performance.now() - t0;
  junk = undefined;
  if (sink < 0) throw new Error('unreachable');
  return out;
}

/**
 * The ratio base / ours of each block of two pairs, pair 2k having run ours first and pair 2k + 1 the base:
 * the geometric mean of the two pair ratios, so that a cost of going first (or second) cancels. A pass
 * shorter than the clock's resolution would give an infinite or zero ratio; such a block is left out.
 */
export function blockRatios(ours: readonly number[], base: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; 2 * k + 1 < Math.min(ours.length, base.length); k++) {
    const [o0, o1, b0, b1] = [ours[2 * k], ours[2 * k + 1], base[2 * k], base[2 * k + 1]];
    if (o0 > 0 && o1 > 0 && b0 > 0 && b1 > 0) out.push(Math.sqrt((b0 / o0) * (b1 / o1)));
  }
  return out;
}

export type Verdict = 'met' | 'MISSED' | 'undecided';

/** Fewer blocks of pairs than this and the quartiles mean little: the verdict stays undecided. */
export const MIN_BLOCKS_FOR_VERDICT = 6;

/**
 * "Not slower by more than `allowed`" (0.10 for the issues' 10%), decided on the interquartile range of
 * the block ratios: met when even the lower quartile is at or above 1 - allowed, MISSED when even the
 * upper quartile is below it, undecided when the spread straddles the line (run again on a quieter
 * machine, or with a larger --budget).
 */
export function verdict(ratios: readonly number[], allowed = 0.1): Verdict {
  if (ratios.length < MIN_BLOCKS_FOR_VERDICT) return 'undecided';
  const line = 1 - allowed;
  if (quantile(ratios, 0.25) >= line) return 'met';
  if (quantile(ratios, 0.75) < line) return 'MISSED';
  return 'undecided';
}
