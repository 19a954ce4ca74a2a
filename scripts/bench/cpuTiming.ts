// Timing by the CPU time of this process, and the paired comparison behind `run.mjs scan --base DIR`:
// ours and another checkout's finder timed in turns on the same text, each pair giving one ratio.
//
// Why CPU time: on a shared machine a pass's wall time includes the time the process sat descheduled
// while other processes ran, which comes and goes at random; CPU time (user + system, process.cpuUsage)
// counts only what this process executed. It still moves with the machine (a busy neighbour on the same
// core or cache slows each instruction), so a ratio is only trusted with its spread. It counts every
// thread of the process, so V8's concurrent marking, sweeping and compilation threads are included (work
// the finder causes, which a user's second core would run in parallel); it does not count time spent
// waiting, nor what the machine does for the process elsewhere.

/** CPU time (user + system, every thread of this process) that `f` takes, in ms. */
export function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
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
  /** Counted pairs at least, however fast the passes. */
  minPairs: number;
  maxPairs: number;
  /** Wall-clock bound of one comparison, warm-up included. */
  maxWallMs: number;
  /** Uncounted pairs first, at least this many and until each side has run `warmupMs` of CPU (at most 3 times as many). */
  warmupPairs: number;
  warmupMs: number;
  /** A full garbage collection (untimed) before every timed pass: each figure is then a first pass after GC. */
  afterGc: boolean;
}

export interface Paired {
  /** CPU ms per counted pass (`base` empty when there is no base). */
  ours: number[];
  base: number[];
  /** The bare /\d+/g floor, one pass per pair. */
  bare: number[];
  /** base / ours per pair: above 1 ours is faster (the same sense as a throughput ratio ours / base). */
  ratios: number[];
  /** Why the loop stopped: the budget was reached, or the pair or wall-clock bound ended it first. */
  stop: 'budget' | 'pairs' | 'wall';
  wallMs: number;
}

declare const gc: (() => void) | undefined;

/**
 * Times `ours` and `base` in pairs, alternating which goes first so that neither always runs on the
 * other's garbage or in its wake, and `bare` after both. Each function returns a count that is kept,
 * so the work cannot be optimised away. Without `base`, ours and bare alone, on the same budget.
 */
export function timePairs(ours: () => number, base: (() => number) | undefined, bare: () => number, o: PairOptions): Paired {
  const t0 = performance.now();
  let sink = 0;
  const pass = (f: () => number): number => {
    if (o.afterGc) {
      if (typeof gc !== 'function') throw new Error('--after-gc needs node --expose-gc (run.mjs passes it)');
      gc();
    }
    return cpuMs(() => {
      sink += f();
    });
  };
  const out: Paired = { ours: [], base: [], bare: [], ratios: [], stop: 'budget', wallMs: 0 };
  let warmOurs = 0;
  let warmBase = 0;
  if (!base) warmBase = Infinity;
  for (let i = 0; i < o.warmupPairs * 3 && (i < o.warmupPairs || warmOurs < o.warmupMs || warmBase < o.warmupMs); i++) {
    warmOurs += pass(ours);
    if (base) warmBase += pass(base);
    pass(bare);
  }
  let sumOurs = 0;
  let sumBase = base ? 0 : Infinity;
  for (let i = 0; ; i++) {
    if (i >= o.minPairs && sumOurs >= o.budgetMs && sumBase >= o.budgetMs) break;
    if (i >= o.maxPairs) {
      out.stop = 'pairs';
      break;
    }
    if (performance.now() - t0 > o.maxWallMs) {
      out.stop = 'wall';
      break;
    }
    let a: number;
    let b = 0;
    if (base && i % 2) {
      b = pass(base);
      a = pass(ours);
    } else {
      a = pass(ours);
      if (base) b = pass(base);
    }
    out.bare.push(pass(bare));
    out.ours.push(a);
    sumOurs += a;
    if (base) {
      out.base.push(b);
      sumBase += b;
      // A pass shorter than the clock's resolution would give an infinite or zero ratio; such a pair says nothing.
      if (a > 0 && b > 0) out.ratios.push(b / a);
    }
  }
  out.wallMs = performance.now() - t0;
  if (sink < 0) throw new Error('unreachable');
  return out;
}

export type Verdict = 'met' | 'MISSED' | 'undecided';

/** Fewer counted pairs than this and the quartiles mean little: the verdict stays undecided. */
export const MIN_PAIRS_FOR_VERDICT = 9;

/**
 * "Not slower by more than `allowed`" (0.10 for the issues' 10%), decided on the interquartile range of
 * the pair ratios: met when even the lower quartile is at or above 1 - allowed, MISSED when even the
 * upper quartile is below it, undecided when the spread straddles the line (run again on a quieter
 * machine, or with a larger --budget).
 */
export function verdict(ratios: readonly number[], allowed = 0.1): Verdict {
  if (ratios.length < MIN_PAIRS_FOR_VERDICT) return 'undecided';
  const line = 1 - allowed;
  if (quantile(ratios, 0.25) >= line) return 'met';
  if (quantile(ratios, 0.75) < line) return 'MISSED';
  return 'undecided';
}
