import assert from 'node:assert/strict';
import { findFreePort, UsedPorts } from '../../server/src/service/freePort';
import type { PortOccurrence } from '../../server/src/service/scan';
import { bundledIndex } from '../helpers/service';

// The ports a document uses, which the free-port quick fix and completion never offer: every port it
// writes, and every port inside a range it writes.

function port(p: number, range?: [number, number]): PortOccurrence {
  return { start: 0, end: 1, kind: 'port', port: p, role: 'host', ...(range ? { rangeLo: range[0], rangeHi: range[1] } : {}) };
}

describe('ports a document uses', () => {
  it('holds single ports and every port inside a range, as merged intervals', () => {
    const used = UsedPorts.of([port(8000, [8000, 8100]), port(8100, [8000, 8100]), port(3000), port(8101), port(9000, [9000, 9005]), port(NaN),
      { start: 0, end: 1, kind: 'service', port: NaN, name: 'http', role: 'listen' }]);
    for (const p of [3000, 8000, 8049, 8100, 8101, 9000, 9003, 9005]) assert.ok(used.has(p), `${p} is used`);
    for (const p of [2999, 3001, 7999, 8102, 8999, 9006, 0]) assert.ok(!used.has(p), `${p} is not used`);
    // 8000-8100 and 8101 are one interval; the duplicate end adds nothing.
    assert.deepEqual([...used.bounds], [3000, 3000, 8000, 8101, 9000, 9005]);
    assert.deepEqual([...UsedPorts.fromBounds(used.bounds).bounds], [...used.bounds]);
  });

  it('a range of every port is two numbers, and leaves no free port to offer', () => {
    const used = UsedPorts.of([port(1, [1, 65535]), port(65535, [1, 65535]), port(8080)]);
    assert.deepEqual([...used.bounds], [1, 65535]);
    assert.equal(findFreePort(bundledIndex(), 8000, used), undefined);
  });

  it('the free port steps over a used range to the nearest port outside it', () => {
    const used = UsedPorts.of([port(8000, [8000, 8100])]);
    const free = findFreePort(bundledIndex(), 8049, used);
    assert.ok(free !== undefined && (free < 8000 || free > 8100), String(free));
  });
});
