import assert from 'node:assert/strict';
import { blockRatios, MIN_BLOCKS_FOR_VERDICT, quantile, timePairs, verdict, type PairOptions } from '../../scripts/bench/cpuTiming';
import { line, markdown, scanBench } from '../../scripts/bench/scan';
import { finderFor } from '../../server/src/service/scan';

// The method of `run.mjs scan --base DIR`: pairs in alternating order, bounded loops, and the verdict on
// "not slower by more than 10%" read from the spread of the pair ratios. Never how fast anything is.
describe('scan benchmark method (run.mjs scan --base)', () => {
  const none: PairOptions = { budgetMs: 0, minPairs: 4, maxPairs: 100, maxWallMs: 60000, warmupPairs: 1, warmupMs: 0, afterGc: false };

  it('quartiles interpolate between order statistics', () => {
    assert.equal(quantile([3, 1, 2], 0.5), 2);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8], 0.75), 6.25);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });

  it('says met only when the lower quartile clears 0.90, MISSED only when the upper quartile is below it', () => {
    const around = (mid: number, half: number): number[] => Array.from({ length: 21 }, (_, i) => mid - half + (2 * half * i) / 20);
    assert.equal(verdict(around(1.0, 0.05)), 'met');
    assert.equal(verdict(around(0.93, 0.02)), 'met');
    // The median is above the line but a quarter of the pairs are below it: not decided.
    assert.equal(verdict(around(0.93, 0.1)), 'undecided');
    assert.equal(verdict(around(0.87, 0.1)), 'undecided');
    assert.equal(verdict(around(0.8, 0.05)), 'MISSED');
    assert.equal(verdict(around(1.2, 0.01).slice(0, MIN_BLOCKS_FOR_VERDICT - 1)), 'undecided', 'too few pairs');
    assert.equal(verdict(around(0.8, 0.05), 0.25), 'met', 'another allowance moves the line');
  });

  it('pairs two pairs of opposite order into one ratio, in which a cost of going first cancels', () => {
    // Whichever side runs first costs 20% more; the code is otherwise the same speed.
    assert.deepEqual(blockRatios([12, 10, 12, 10], [10, 12, 10, 12]).map((r) => r.toFixed(6)), ['1.000000', '1.000000']);
    // The base takes twice as long: ours is twice as fast, whatever the order.
    assert.deepEqual(blockRatios([12, 10, 12], [20, 24, 20]).map((r) => r.toFixed(6)), ['2.000000']);
    assert.deepEqual(blockRatios([0, 10], [10, 10]), [], 'a pass below the clock resolution says nothing');
  });

  it('alternates which side goes first, times the floor after both, and counts no warm-up pair', () => {
    const calls: string[] = [];
    const p = timePairs(() => (calls.push('o'), 1), () => (calls.push('b'), 1), () => (calls.push('r'), 1), none);
    assert.equal(calls.join(''), 'obr' + 'obr' + 'bor' + 'obr' + 'bor');
    assert.equal(p.ours.length, 4);
    assert.equal(p.base.length, 4);
    assert.equal(p.bare.length, 4);
    assert.equal(p.stop, 'budget');
  });

  it('stops at the pair bound when the budget cannot be reached, and without a base times ours alone', () => {
    const p = timePairs(() => 1, () => 1, () => 1, { ...none, budgetMs: 1e9, maxPairs: 7 });
    assert.equal(p.ours.length, 7);
    assert.equal(p.stop, 'pairs');
    const q = timePairs(() => 1, undefined, () => 1, none);
    assert.equal(q.ours.length, 4);
    assert.deepEqual([q.base.length, q.ratios.length], [0, 0]);
  });

  it('stops at the wall-clock bound', () => {
    const p = timePairs(() => 1, () => 1, () => 1, { ...none, budgetMs: 1e9, maxPairs: 1e9, maxWallMs: 0 });
    assert.equal(p.stop, 'wall');
    assert.equal(p.ours.length, 0);
  });

  it('runs one finder against itself (A/A) and prints every column', () => {
    const figs = scanBench(['dotenv'], none, 20_000, finderFor, finderFor);
    assert.equal(figs.length, 2);
    for (const f of figs) {
      assert.ok(f.ports > 0 && f.base?.ports === f.ports, `${f.sample}: the same ports on both sides`);
      assert.ok(f.mbPerSec > 0 && f.bareMbPerSec > 0 && f.base.mbPerSec > 0);
      assert.match(line(f), /MB\/s .* ours\/base \d\.\d{3} \[IQR \d\.\d{3}-\d\.\d{3}\] +4 pairs {2}undecided {2}all threads \d\.\d{3}$/);
    }
    const md = markdown(figs).trim().split('\n');
    assert.equal(md.length, 4);
    assert.match(md[3], /^\| dotenv, comments and prose \| .* \| undecided \| \d\.\d{3} \|$/);
  });
});
