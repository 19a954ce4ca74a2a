import assert from 'node:assert/strict';
import { compareRegistries } from '../../server/src/registry/compare';
import { emptyRecord } from '../../server/src/service/registry/codec';
import type { RegistryData, ServiceRecord } from '../../server/src/service/registry/types';

function rec(fields: Partial<ServiceRecord>): ServiceRecord {
  return { ...emptyRecord(), sources: [0], ...fields };
}

function registry(records: ServiceRecord[]): RegistryData {
  return { release: '2025-12-15', generatedBy: 'test', sources: [{ id: 't', title: 't', release: '2025-12-15' }], people: [], records };
}

describe('registry fidelity: superseded records', () => {
  it('tells a record superseded by something newer than the reference from one hidden wrongly', () => {
    const reference = registry([
      rec({ name: 'urd', portLo: 465, portHi: 465, protocol: 'tcp' }),
      rec({ name: 'submissions', portLo: 465, portHi: 465, protocol: 'tcp' }),
      rec({ description: 'Unassigned', portLo: 5319, portHi: 5319, protocol: '' }),
    ]);
    const bundle = registry([
      // Hidden although the reference still lists it and its neighbour is no newer: wrong.
      rec({ name: 'urd', portLo: 465, portHi: 465, protocol: 'tcp', superseded: true }),
      rec({ name: 'submissions', portLo: 465, portHi: 465, protocol: 'tcp' }),
      // Superseded by an assignment the reference does not list yet: newer, not wrong.
      rec({ description: 'Unassigned', portLo: 5319, portHi: 5319, protocol: '', superseded: true }),
      rec({ name: 'roughtime', portLo: 5319, portHi: 5319, protocol: 'udp' }),
    ]);
    const f = compareRegistries(bundle, reference);
    assert.equal(f.missing, 2);
    assert.equal(f.missingButSuperseded, 2);
    assert.equal(f.supersededByNewer, 1);
    assert.deepEqual(f.wronglySupersededExamples, ['urd 465/tcp']);
  });
});
