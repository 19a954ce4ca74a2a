import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convertIanaXml } from '../../server/src/registry/ianaConvert';
import { REGISTRY_LIMITS, validateRegistry } from '../../server/src/registry/validate';
import { decodeRegistry } from '../../server/src/service/registry/codec';
import type { RegistryData, ServiceRecord } from '../../server/src/service/registry/types';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import { renderPortHover, renderServiceHover } from '../../server/src/service/hover';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

// The bounds a registry must keep before the server stores or uses it, and the length of the messages
// that say why one is refused.

const MINI = fs.readFileSync(path.resolve(__dirname, '../fixtures/iana/mini.xml'), 'utf8');
const BUNDLED = decodeRegistry(fs.readFileSync(path.resolve(__dirname, '../../data/registry.json'), 'utf8'));

function record(over: Partial<ServiceRecord>): ServiceRecord {
  return {
    name: 'x', portLo: 1000, portHi: 1000, protocol: 'tcp', description: 'x', assignee: [], contact: [], registered: '', modified: '',
    references: [], serviceCode: '', unauthorized: '', notes: '', sources: [0], ...over,
  };
}

function registry(records: ServiceRecord[]): RegistryData {
  return { release: '2025-01-01', generatedBy: 'test', sources: [{ id: 's', title: 's', release: '2025-01-01' }], people: [], records };
}

describe('registry validation', () => {
  it('accepts the bundled registry', () => {
    validateRegistry(BUNDLED, { minRecords: 14_000 });
  });

  it('refuses nested ranges and crowded ports beyond the limits, saying where', () => {
    const nested = Array.from({ length: REGISTRY_LIMITS.rangesPerPort + 1 }, (_, i) => record({ name: `n${i}`, portLo: 100 + i, portHi: 60_000 - i }));
    assert.throws(() => validateRegistry(registry(nested), { minRecords: 1 }), /33 ranges cover port 132, more than the limit of 32 \(nested ranges\)/);
    const crowded = Array.from({ length: REGISTRY_LIMITS.recordsPerPort + 1 }, (_, i) => record({ name: `c${i}`, portLo: 4000, portHi: 4000 }));
    assert.throws(() => validateRegistry(registry(crowded), { minRecords: 1 }), /65 records on port 4000, more than the limit of 64/);
    const oneName = Array.from({ length: REGISTRY_LIMITS.recordsPerName + 1 }, (_, i) => record({ name: 'same', portLo: 1000 + i, portHi: 1000 + i }));
    assert.throws(() => validateRegistry(registry(oneName), { minRecords: 1 }), /more than 64 records name the service "same"/);
    // Superseded records are history, not look-up results, so they do not count.
    validateRegistry(registry(crowded.map((r, i) => ({ ...r, superseded: i > 0 }))), { minRecords: 1 });
  });

  it('at the limits, a hover card on the crowded port and on the shared name stays small (20,000 records on one port made a 1.5 s hover)', () => {
    const records = [
      ...Array.from({ length: REGISTRY_LIMITS.recordsPerPort }, (_, i) => record({ name: `c${i}`, portLo: 4000, portHi: 4000, description: 'd'.repeat(200) })),
      ...Array.from({ length: REGISTRY_LIMITS.recordsPerName }, (_, i) => record({ name: 'same', portLo: 5000 + i, portHi: 5000 + i })),
    ];
    const data = registry(records);
    validateRegistry(data, { minRecords: 1 });
    const index = new RegistryIndex(data);
    const port = renderPortHover(index, 4000, {}, DEFAULT_SETTINGS);
    const name = renderServiceHover(index, 'same') ?? '';
    assert.match(port, /c63/);
    assert.ok(port.length < 64_000 && name.length < 64_000, `cards of ${port.length} and ${name.length} characters`);
  });

  it('refuses fields of the wrong type, which a look-up would trip over', () => {
    assert.throws(() => validateRegistry(registry([record({ name: { evil: 1 } as never })]), { minRecords: 1 }), /record 1 has a name that is not text/);
    assert.throws(() => validateRegistry(registry([record({ references: 'rfc1' as never })]), { minRecords: 1 }), /references list/);
  });

  it('keeps messages short when the data is huge (a 15 MB value made a 15 MB message)', () => {
    // 2 MB here: the bound does not depend on the size, and the XML parser takes 0.3 s per MB.
    const huge = 'y'.repeat(2_000_000);
    const messages: string[] = [];
    for (const xml of [
      MINI.replace('<number>80</number>', `<number>${huge}</number>`),
      MINI.replace('<protocol>tcp</protocol>', `<protocol>${huge}</protocol>`),
      MINI.replace('id="service-names-port-numbers"', `id="${huge}"`),
      MINI.replace('<updated>2025-06-30</updated>', `<updated>${huge}</updated>`),
      MINI.replace('</registry>', `<${huge}></registry>`),
    ]) {
      try {
        convertIanaXml(xml);
        assert.fail('accepted');
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    for (const m of messages) assert.ok(m.length < 1_000, `a ${m.length}-character message: ${m.slice(0, 200)}`);
  });
});
