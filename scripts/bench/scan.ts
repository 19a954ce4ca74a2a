// Scanning throughput of chosen finders against one bare /\d+/g pass, and with `--base DIR` against the
// finders of another checkout: `node scripts/bench/run.mjs scan [format...] [--base DIR] [options]`
// (bundled, as the server is; through tsx every imported call costs more and the figures come out lower).
// Each finder is timed on two samples of its format: the ordinary one, and one in which half the lines
// are comments or prose (sentences with ports and look-alikes, commented-out lines), which measures what
// reading comments and prose costs.
//
// Method (docs/benchmarks.md, "What is measured"): every pass is timed by the main thread's CPU time, and
// the process's beside it (cpuTiming.ts says why not wall time, and what each clock leaves out). Our finders and the base's are each bundled alone and loaded the
// same way. Per finder and sample, after uncounted warm-up pairs, ours and the base run in pairs, each
// pair after an untimed random shift of the young generation, alternating which goes first, until each
// side has spent the CPU budget (2 s, `--budget MS`) and at least 20 pairs have run, bounded by 15 s of
// wall time. Every two pairs (one in each order) give one ratio base/ours; ours/base is the median of
// these ratios, printed with their interquartile range; "not slower by more than 10%" is met when the
// lower quartile is at or above 0.90, MISSED when the upper quartile is below it, undecided otherwise;
// "all threads" is the median ratio from the process's CPU time (garbage collection helpers included).
// `--base .` (our own tree, bundled a second time) is the A/A control: its ratios show what the
// machine's noise alone does.
// Options: --quick (a 0.3 s budget, 12 pairs, 5 s bound: a rough look in about a minute), --budget MS,
// --after-gc (a full GC, untimed, before every pass: the first pass after a collection, as after idle;
// twice the wall-clock bound),
// --markdown (the table as Markdown, for docs/benchmarks.md), --json FILE (every figure and the CPU time of
// every counted pass).
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { finderFor } from '../../server/src/service/scan';
import { MAIN_THREAD_CLOCK, quantile, timePairs, verdict, type PairOptions, type Verdict } from './cpuTiming';
import { BENCH_FORMATS, formatSample, proseSample, type BenchFormat } from './generate';

type Finder = (text: string) => unknown[];

export const SCAN_FULL: PairOptions = {
  budgetMs: 2000, minPairs: 20, maxPairs: 2000, maxWallMs: 15000, warmupPairs: 3, warmupMs: 300, afterGc: false,
};
export const SCAN_QUICK: PairOptions = {
  budgetMs: 300, minPairs: 12, maxPairs: 2000, maxWallMs: 5000, warmupPairs: 2, warmupMs: 100, afterGc: false,
};

export interface ScanFigure {
  format: BenchFormat;
  sample: 'format' | 'comments and prose';
  chars: number;
  ports: number;
  mbPerSec: number;
  bareMbPerSec: number;
  /** ours / bare; the target of issue 6 is >= 0.25. */
  ratio: number;
  pairs: number;
  stop: string;
  /** CPU ms of every counted pass, in order (for --json: other statistics can be drawn from them). */
  passes: { ours: number[]; base: number[]; oursAll: number[]; baseAll: number[]; bare: number[] };
  base?: {
    mbPerSec: number;
    ports: number;
    /** Median, lower and upper quartile of the block ratios base CPU / ours CPU (above 1: ours faster; cpuTiming.ts). */
    median: number;
    q1: number;
    q3: number;
    /** Not slower than the base by more than 10%. */
    verdict: Verdict;
    /** The median block ratio from the process's CPU time (every thread, garbage collection helpers included). */
    allThreads: number;
  };
}

type FinderFor = (format: BenchFormat) => Finder | undefined;

/** Times each format's finder (of `ours`, a build's `finderFor`) on both samples; `base` is another build's. */
export function scanBench(formats: readonly BenchFormat[], o: PairOptions, sampleSize: number,
  ours: FinderFor, base?: FinderFor, log?: (s: string) => void): ScanFigure[] {
  const out: ScanFigure[] = [];
  for (const format of formats) {
    if (!BENCH_FORMATS.includes(format)) throw new Error(`unknown format ${format}; one of ${BENCH_FORMATS.join(', ')}`);
    const find = ours(format);
    if (!find) throw new Error(`no finder for ${format}`);
    const before = base?.(format);
    if (base && !before) throw new Error(`the base has no finder for ${format}`);
    for (const [sample, text] of [['format', formatSample(format, sampleSize)], ['comments and prose', proseSample(format, sampleSize)]] as const) {
      const p = timePairs(() => find(text).length, before && (() => before(text).length), () => {
        const re = /\d+/g;
        let n = 0;
        while (re.exec(text)) n++;
        return n;
      }, o);
      const mb = text.length / 1e6;
      const mbPerSec = mb / (quantile(p.ours, 0.5) / 1000);
      const bareMbPerSec = mb / (quantile(p.bare, 0.5) / 1000);
      const fig: ScanFigure = {
        format, sample, chars: text.length, ports: find(text).length, mbPerSec, bareMbPerSec, ratio: mbPerSec / bareMbPerSec,
        pairs: p.ours.length, stop: p.stop, passes: { ours: p.ours, base: p.base, oursAll: p.oursAll, baseAll: p.baseAll, bare: p.bare },
      };
      if (before) {
        fig.base = {
          mbPerSec: mb / (quantile(p.base, 0.5) / 1000), ports: before(text).length,
          median: quantile(p.ratios, 0.5), q1: quantile(p.ratios, 0.25), q3: quantile(p.ratios, 0.75), verdict: verdict(p.ratios),
          allThreads: quantile(p.ratiosAll, 0.5),
        };
      }
      out.push(fig);
      log?.(line(fig));
    }
  }
  return out;
}

const name = (f: ScanFigure): string => f.format + (f.sample === 'format' ? '' : ', comments and prose');
const bound = (f: ScanFigure): string => (f.stop === 'budget' ? '' : f.stop === 'wall' ? ' (wall bound)' : ' (pair bound)');

/** One aligned line per finder and sample, as the scan bench prints them. */
export function line(f: ScanFigure): string {
  if (!f.pairs) return `${name(f).padEnd(30)} no counted pass within the wall-clock bound (${f.ports} ports)`;
  let s = `${name(f).padEnd(30)} ${f.mbPerSec.toFixed(1).padStart(6)} MB/s  bare ${f.bareMbPerSec.toFixed(0).padStart(4)} MB/s  ratio ${f.ratio.toFixed(3)} ${(f.ratio >= 0.25 ? 'met' : 'MISSED').padEnd(6)} ${String(f.ports).padStart(6)} ports`;
  if (f.base) {
    const b = f.base;
    s += `  base ${b.mbPerSec.toFixed(1).padStart(6)} MB/s ${String(b.ports).padStart(6)} ports  ours/base ${b.median.toFixed(3)} [IQR ${b.q1.toFixed(3)}-${b.q3.toFixed(3)}] ${String(f.pairs).padStart(3)} pairs  ${b.verdict}${bound(f)}  all threads ${b.allThreads.toFixed(3)}`;
    // A finder that finds more does more work: say so beside a ratio that is then not like for like.
    if (Math.abs(f.ports - b.ports) > 0.01 * b.ports) s += `  (ours finds ${(f.ports / b.ports).toFixed(2)}x the ports)`;
  } else s += `  ${f.pairs} passes${bound(f)}`;
  return s;
}

/** The figures as a Markdown table (docs/benchmarks.md). */
export function markdown(figs: readonly ScanFigure[]): string {
  const withBase = figs.some((f) => f.base);
  const head = withBase
    ? '| finder | MB/s ours / base | ours/bare (>= 0.25) | ports ours / base | ours/base median | IQR | pairs | within 10% | all threads |\n|---|---:|---:|---:|---:|---:|---:|---|---:|'
    : '| finder | MB/s | bare MB/s | ours/bare (>= 0.25) | ports | passes |\n|---|---:|---:|---:|---:|---:|';
  const rows = figs.map((f) => {
    if (!f.pairs) return `| ${name(f)} | no counted pass within the wall-clock bound |`;
    const r = `${f.ratio.toFixed(3)} ${f.ratio >= 0.25 ? 'met' : 'MISSED'}`;
    if (!f.base) return `| ${name(f)} | ${f.mbPerSec.toFixed(1)} | ${f.bareMbPerSec.toFixed(0)} | ${r} | ${f.ports} | ${f.pairs}${bound(f)} |`;
    const b = f.base;
    return `| ${name(f)} | ${f.mbPerSec.toFixed(1)} / ${b.mbPerSec.toFixed(1)} | ${r} | ${f.ports} / ${b.ports} | ${b.median.toFixed(3)} | ${b.q1.toFixed(3)}-${b.q3.toFixed(3)} | ${f.pairs}${bound(f)} | ${b.verdict} | ${b.allThreads.toFixed(3)} |`;
  });
  return [head, ...rows].join('\n') + '\n';
}

const loadAverage = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' / ');

/** `run.mjs scan`: parses the options, prints each figure as it comes, then a summary. */
export function main(argv: string[]): void {
  const valued = new Set(['--base', '--budget', '--json']);
  const wanted = argv.filter((a, i) => !a.startsWith('-') && !valued.has(argv[i - 1]));
  const formats = (wanted.length ? wanted : BENCH_FORMATS) as BenchFormat[];
  const o: PairOptions = { ...(argv.includes('--quick') ? SCAN_QUICK : SCAN_FULL), afterGc: argv.includes('--after-gc') };
  // A full collection before every pass costs wall time that counts for nothing: twice the bound then.
  if (o.afterGc) o.maxWallMs *= 2;
  const budgetAt = argv.indexOf('--budget');
  if (budgetAt >= 0) {
    const ms = Number(argv[budgetAt + 1]);
    if (!(ms > 0)) throw new Error('--budget MS: CPU milliseconds per side, e.g. --budget 2000');
    o.budgetMs = ms;
    o.maxWallMs = Math.max(o.maxWallMs, ms * 7.5);
  }
  // run.mjs bundles our finders and the base checkout's, each alone, and names the bundles and trees here.
  const load = (bundle: string | undefined): FinderFor | undefined =>
    bundle ? (createRequire(__filename)(bundle) as { finderFor: FinderFor }).finderFor : undefined;
  const baseBundle = process.env.IANA_BENCH_BASE;
  const oursFinderFor = load(process.env.IANA_BENCH_OURS) ?? (finderFor as FinderFor);
  const baseFinderFor = load(baseBundle);
  const md = argv.includes('--markdown');
  const t0 = performance.now();
  const say = (s: string): void => void process.stdout.write(s + '\n');
  say(`ours: ${process.env.IANA_BENCH_OURS_LABEL ?? 'this tree'}` + (baseFinderFor ? `; base: ${process.env.IANA_BENCH_BASE_LABEL ?? baseBundle}` : ''));
  say(`${MAIN_THREAD_CLOCK ? 'CPU time of the main thread per pass (all threads: of the process)' : 'CPU time of the process per pass'}, ${o.afterGc ? 'each pass the first after a full GC' : 'no forced GC'}; budget ${o.budgetMs} ms per side, ` +
    `at least ${o.minPairs} ${baseFinderFor ? 'pairs' : 'passes'}, at most ${o.maxWallMs / 1000} s per finder and sample; node ${process.version}, ` +
    `${os.cpus().length} cores, load average ${loadAverage()}`);
  // With --markdown the lines still come as they are measured, on stderr, so a long run shows its progress.
  const figs = scanBench(formats, o, 1_500_000, oursFinderFor, baseFinderFor, md ? (x) => void process.stderr.write(x + '\n') : say);
  if (md) say(markdown(figs));
  const jsonAt = argv.indexOf('--json');
  if (jsonAt >= 0 && argv[jsonAt + 1]) {
    fs.writeFileSync(argv[jsonAt + 1], JSON.stringify({ date: new Date().toISOString(), ours: process.env.IANA_BENCH_OURS_LABEL,
      base: process.env.IANA_BENCH_BASE_LABEL, options: o, loadAverage: os.loadavg(), figures: figs }) + '\n');
  }
  const tally = (v: Verdict): number => figs.filter((f) => f.base?.verdict === v).length;
  say(`${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${loadAverage()}` + (baseFinderFor
    ? `; not slower than the base by more than 10% (lower quartile of ours/base >= 0.90): met ${tally('met')}, MISSED ${tally('MISSED')}, undecided ${tally('undecided')}`
    : ''));
}
