// Scanning throughput of chosen finders against one bare /\d+/g pass, the same figure `npm run bench`
// prints, without the rest of the run: `node scripts/bench/run.mjs scan [format...]` (bundled, as the
// server is; through tsx every imported call costs more and the figures come out about 25% lower).
// Each figure is the median of several timed passes, interleaved with the reference so that a
// change in machine load moves both.
import { finderFor } from '../../server/src/service/scan';
import { BENCH_FORMATS, formatSample, type BenchFormat } from './generate';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const formats = (wanted.length ? wanted : BENCH_FORMATS) as BenchFormat[];
const rounds = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

let sink = 0;
for (const format of formats) {
  if (!BENCH_FORMATS.includes(format)) throw new Error(`unknown format ${format}; one of ${BENCH_FORMATS.join(', ')}`);
  const text = formatSample(format, 1_500_000);
  const find = finderFor(format);
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < rounds + 3; i++) {
    let t = performance.now();
    sink += find(text).length;
    const a = performance.now() - t;
    t = performance.now();
    const re = /\d+/g;
    while (re.exec(text)) sink++;
    const b = performance.now() - t;
    // The first passes warm the code up and are not counted.
    if (i >= 3) { ours.push(a); bare.push(b); }
  }
  const mb = text.length / 1e6;
  const o = mb / (median(ours) / 1000);
  const r = mb / (median(bare) / 1000);
  const ratio = o / r;
  console.log(`${format.padEnd(11)} ${o.toFixed(1).padStart(7)} MB/s  bare ${r.toFixed(0).padStart(5)} MB/s  ratio ${ratio.toFixed(3)} ${ratio >= 0.25 ? 'met' : 'MISSED'}  (${find(text).length} ports)`);
}
if (sink < 0) console.log(sink);
