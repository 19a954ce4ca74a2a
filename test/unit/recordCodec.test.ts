import assert from 'node:assert/strict';
import { findPorts } from '../../server/src/service/scan';
import { decodeRecords, encodeRecords, transferables } from '../../server/src/workspace/recordCodec';

// The compact form in which the scan thread sends occurrences, diagnostics and index places back.

/** `v` with every key whose value is undefined left out, at any depth (what the codec gives back). */
function definedOnly(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(definedOnly);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, definedOnly(x)]));
}

describe('record codec (scan thread answers)', () => {
  it('gives back equal records, keys in their order, NaN, null, booleans, arrays and nested objects; undefined values are left out', () => {
    const shared = { start: 1, end: 9, hostIp: '127.0.0.1', quoted: false };
    const records = [
      { start: 0, end: 4, kind: 'port', port: 8080, role: 'host', mapping: shared, inComment: undefined },
      { start: 5, end: 9, kind: 'service', port: NaN, name: 'http', mapping: shared },
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } }, related: [{ message: 'also here' }], data: null, line: 'a\u0000b\u0001c' },
      { kind: 'port', start: 10, end: 12 },
    ];
    const back = decodeRecords<Record<string, unknown>>(structuredClone(encodeRecords(records)));
    assert.deepEqual(back, definedOnly(records));
    assert.deepEqual(back.map((r) => Object.keys(r)), records.map((r) => Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined)));
    assert.ok(Number.isNaN(back[1].port as number));
    // Occurrences carry every field from creation, most of them undefined: sending them would double the cost.
    assert.ok(!('inComment' in back[0]));
  });

  it('an object several records refer to is one object again (rules compare compose mappings by identity)', () => {
    const text = 'services:\n  web:\n    ports:\n      - "127.0.0.1:8000-8010:80"\n      - "9000:90"\n';
    const occurrences = findPorts('compose', text, (e) => { throw e; });
    const back = decodeRecords<(typeof occurrences)[number]>(encodeRecords(occurrences));
    assert.deepEqual(back, definedOnly(occurrences));
    const mappings = new Set(back.map((o) => o.mapping).filter(Boolean));
    assert.equal(mappings.size, new Set(occurrences.map((o) => o.mapping).filter(Boolean)).size);
    assert.ok(mappings.size >= 2);
  });

  it('100,000 records of one shape share one template, their strings one table entry each', () => {
    const records = Array.from({ length: 100_000 }, (_, i) => ({ start: i, end: i + 4, kind: 'port', port: 1024 + (i % 50), role: 'listen', protocol: 'tcp' }));
    const e = encodeRecords(records);
    assert.equal(e.templates.length, 1);
    assert.deepEqual(e.table, ['port', 'listen', 'tcp']);
    assert.equal(transferables(e).length, 4);
    assert.deepEqual(decodeRecords(e), records);
  });
});
