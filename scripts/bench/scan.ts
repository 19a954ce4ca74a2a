// Scanning throughput of chosen finders against one bare /\d+/g pass, the same figures `npm run bench`
// prints, without the rest of the run: `node scripts/bench/run.mjs scan [format...]` (bundled, as the
// server is; through tsx every imported call costs more and the figures come out about 25% lower).
// Each finder is timed on two samples of its format: the ordinary one, and one in which half the lines
// are comments or prose (sentences with ports and look-alikes, commented-out lines), which measures what
// reading comments and prose costs. Each figure is the median of several timed passes, interleaved with
// the reference so that a change in machine load moves both.
// `--base DIR` also times the finders of another checkout (DIR, e.g. a worktree of main) on the same
// samples, interleaved with ours, and prints ours / base: a change measured against main in one run.
import { createRequire } from 'node:module';
import { finderFor } from '../../server/src/service/scan';
import { BENCH_FORMATS, formatSample, proseSample, type BenchFormat } from './generate';

type Finder = (text: string) => unknown[];

const wanted = process.argv.slice(2).filter((a, i, all) => !a.startsWith('-') && all[i - 1] !== '--base');
const formats = (wanted.length ? wanted : BENCH_FORMATS) as BenchFormat[];
const rounds = 20;
// run.mjs bundles the base checkout's finders and names the bundle here.
const baseBundle = process.env.IANA_BENCH_BASE;
const baseFinderFor = baseBundle
  ? (createRequire(__filename)(baseBundle) as { finderFor: (f: string) => Finder | undefined }).finderFor
  : undefined;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

let sink = 0;
function timed(f: () => number): number {
  const t = performance.now();
  sink += f();
  return performance.now() - t;
}

for (const format of formats) {
  if (!BENCH_FORMATS.includes(format)) throw new Error(`unknown format ${format}; one of ${BENCH_FORMATS.join(', ')}`);
  const find = finderFor(format) as Finder;
  const base = baseFinderFor?.(format);
  for (const [sample, text] of [['', formatSample(format, 1_500_000)], [', comments and prose', proseSample(format, 1_500_000)]] as const) {
    const ours: number[] = [];
    const bare: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < rounds + 3; i++) {
      // Ours and the base take turns at going first, so that neither always runs on the other's garbage.
      const c0 = base && i % 2 === 1 ? timed(() => base(text).length) : 0;
      const a = timed(() => find(text).length);
      const b = timed(() => {
        const re = /\d+/g;
        let n = 0;
        while (re.exec(text)) n++;
        return n;
      });
      const c = base && i % 2 === 0 ? timed(() => base(text).length) : c0;
      // The first passes warm the code up and are not counted.
      if (i >= 3) {
        ours.push(a);
        bare.push(b);
        before.push(c);
      }
    }
    const mb = text.length / 1e6;
    const o = mb / (median(ours) / 1000);
    const r = mb / (median(bare) / 1000);
    const ratio = o / r;
    let line = `${(format + sample).padEnd(32)} ${o.toFixed(1).padStart(7)} MB/s  bare ${r.toFixed(0).padStart(5)} MB/s  ratio ${ratio.toFixed(3)} ${ratio >= 0.25 ? 'met' : 'MISSED'}  (${find(text).length} ports)`;
    if (base) {
      const b = mb / (median(before) / 1000);
      line += `  base ${b.toFixed(1).padStart(7)} MB/s (${base(text).length} ports)  ours/base ${(o / b).toFixed(3)}`;
    }
    console.log(line);
  }
}
if (sink < 0) console.log(sink);
