// Scanning throughput of chosen finders against one bare /\d+/g pass, and with `--base DIR` against the
// finders of another checkout: `node scripts/bench/run.mjs scan [format...] [--base DIR] [options]`
// (bundled, as the server is; through tsx every imported call costs more and the figures come out lower).
// Each finder is timed on two samples of its format: the ordinary one, and one in which half the lines
// are comments or prose (sentences with ports and look-alikes, commented-out lines), which measures what
// reading comments and prose costs.
//
// Method (docs/benchmarks.md, "What is measured"): every pass is timed by this process's CPU time
// (cpuTiming.ts says why not wall time); ours and the base run in pairs, alternating which goes first,
// after uncounted warm-up pairs, until each side has spent the CPU budget (2 s, `--budget MS`) and at
// least 15 pairs have run, bounded by 15 s of wall time per finder and sample. ours/base is the median
// of the per-pair ratios base/ours, printed with their interquartile range; "not slower by more than 10%"
// is met when the lower quartile is at or above 0.90, MISSED when the upper quartile is below it, and
// undecided otherwise. `--base .` (our own tree, bundled a second time) is the A/A control: its ratios
// show what the machine's noise alone does.
// Options: --quick (a 0.3 s budget and 4 s bound: a rough look in about a minute), --budget MS,
// --after-gc (a full GC, untimed, before every pass: the first pass after a collection, as after idle),
// --markdown (the table as Markdown, for docs/benchmarks.md).
import os from 'node:os';
import { createRequire } from 'node:module';
import { finderFor } from '../../server/src/service/scan';
import { quantile, timePairs, verdict, type PairOptions, type Verdict } from './cpuTiming';
import { BENCH_FORMATS, formatSample, proseSample, type BenchFormat } from './generate';

type Finder = (text: string) => unknown[];

export const SCAN_FULL: PairOptions = {
  budgetMs: 2000, minPairs: 15, maxPairs: 2000, maxWallMs: 15000, warmupPairs: 3, warmupMs: 300, afterGc: false,
};
export const SCAN_QUICK: PairOptions = {
  budgetMs: 300, minPairs: 9, maxPairs: 2000, maxWallMs: 4000, warmupPairs: 2, warmupMs: 100, afterGc: false,
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
  base?: {
    mbPerSec: number;
    ports: number;
    /** Median, lower and upper quartile of the per-pair ratios base CPU / ours CPU (above 1: ours faster). */
    median: number;
    q1: number;
    q3: number;
    /** Not slower than the base by more than 10%. */
    verdict: Verdict;
  };
}

/** Times each format's finder on both samples; `base` is another build's `finderFor`. */
export function scanBench(formats: readonly BenchFormat[], o: PairOptions, sampleSize: number,
  base?: (format: string) => Finder | undefined, log?: (s: string) => void): ScanFigure[] {
  const out: ScanFigure[] = [];
  for (const format of formats) {
    if (!BENCH_FORMATS.includes(format)) throw new Error(`unknown format ${format}; one of ${BENCH_FORMATS.join(', ')}`);
    const find = finderFor(format) as Finder;
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
        pairs: p.ours.length, stop: p.stop,
      };
      if (before) {
        fig.base = {
          mbPerSec: mb / (quantile(p.base, 0.5) / 1000), ports: before(text).length,
          median: quantile(p.ratios, 0.5), q1: quantile(p.ratios, 0.25), q3: quantile(p.ratios, 0.75), verdict: verdict(p.ratios),
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
  let s = `${name(f).padEnd(30)} ${f.mbPerSec.toFixed(1).padStart(6)} MB/s  bare ${f.bareMbPerSec.toFixed(0).padStart(4)} MB/s  ratio ${f.ratio.toFixed(3)} ${(f.ratio >= 0.25 ? 'met' : 'MISSED').padEnd(6)} ${String(f.ports).padStart(6)} ports`;
  if (f.base) {
    const b = f.base;
    s += `  base ${b.mbPerSec.toFixed(1).padStart(6)} MB/s ${String(b.ports).padStart(6)} ports  ours/base ${b.median.toFixed(3)} [IQR ${b.q1.toFixed(3)}-${b.q3.toFixed(3)}] ${String(f.pairs).padStart(3)} pairs  ${b.verdict}${bound(f)}`;
  } else s += `  ${f.pairs} passes${bound(f)}`;
  return s;
}

/** The figures as a Markdown table (docs/benchmarks.md). */
export function markdown(figs: readonly ScanFigure[]): string {
  const withBase = figs.some((f) => f.base);
  const head = withBase
    ? '| finder | MB/s ours / base | ours/bare (>= 0.25) | ports ours / base | ours/base median | IQR | pairs | within 10% |\n|---|---:|---:|---:|---:|---:|---:|---|'
    : '| finder | MB/s | bare MB/s | ours/bare (>= 0.25) | ports | passes |\n|---|---:|---:|---:|---:|---:|';
  const rows = figs.map((f) => {
    const r = `${f.ratio.toFixed(3)} ${f.ratio >= 0.25 ? 'met' : 'MISSED'}`;
    if (!f.base) return `| ${name(f)} | ${f.mbPerSec.toFixed(1)} | ${f.bareMbPerSec.toFixed(0)} | ${r} | ${f.ports} | ${f.pairs}${bound(f)} |`;
    const b = f.base;
    return `| ${name(f)} | ${f.mbPerSec.toFixed(1)} / ${b.mbPerSec.toFixed(1)} | ${r} | ${f.ports} / ${b.ports} | ${b.median.toFixed(3)} | ${b.q1.toFixed(3)}-${b.q3.toFixed(3)} | ${f.pairs}${bound(f)} | ${b.verdict} |`;
  });
  return [head, ...rows].join('\n') + '\n';
}

const load = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' / ');

/** `run.mjs scan`: parses the options, prints each figure as it comes, then a summary. */
export function main(argv: string[]): void {
  const valued = new Set(['--base', '--budget']);
  const wanted = argv.filter((a, i) => !a.startsWith('-') && !valued.has(argv[i - 1]));
  const formats = (wanted.length ? wanted : BENCH_FORMATS) as BenchFormat[];
  const o: PairOptions = { ...(argv.includes('--quick') ? SCAN_QUICK : SCAN_FULL), afterGc: argv.includes('--after-gc') };
  const budgetAt = argv.indexOf('--budget');
  if (budgetAt >= 0) {
    const ms = Number(argv[budgetAt + 1]);
    if (!(ms > 0)) throw new Error('--budget MS: CPU milliseconds per side, e.g. --budget 2000');
    o.budgetMs = ms;
    o.maxWallMs = Math.max(o.maxWallMs, ms * 7.5);
  }
  // run.mjs bundles the base checkout's finders and names the bundle and both trees here.
  const baseBundle = process.env.IANA_BENCH_BASE;
  const baseFinderFor = baseBundle
    ? (createRequire(__filename)(baseBundle) as { finderFor: (f: string) => Finder | undefined }).finderFor
    : undefined;
  const md = argv.includes('--markdown');
  const t0 = performance.now();
  const say = (s: string): void => void process.stdout.write(s + '\n');
  say(`ours: ${process.env.IANA_BENCH_OURS_LABEL ?? 'this tree'}` + (baseFinderFor ? `; base: ${process.env.IANA_BENCH_BASE_LABEL ?? baseBundle}` : ''));
  say(`CPU time per pass (user + system), ${o.afterGc ? 'each pass the first after a full GC' : 'no forced GC'}; budget ${o.budgetMs} ms per side, ` +
    `at least ${o.minPairs} ${baseFinderFor ? 'pairs' : 'passes'}, at most ${o.maxWallMs / 1000} s per finder and sample; node ${process.version}, ` +
    `${os.cpus().length} cores, load average ${load()}`);
  const figs = scanBench(formats, o, 1_500_000, baseFinderFor, md ? undefined : say);
  if (md) say(markdown(figs));
  const tally = (v: Verdict): number => figs.filter((f) => f.base?.verdict === v).length;
  say(`${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${load()}` + (baseFinderFor
    ? `; not slower than the base by more than 10% (lower quartile of ours/base >= 0.90): met ${tally('met')}, MISSED ${tally('MISSED')}, undecided ${tally('undecided')}`
    : ''));
}
