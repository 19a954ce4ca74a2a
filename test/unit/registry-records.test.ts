import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeRegistry, parseRegistry, RegistryFormatError } from '../../server/src/service/registry/codec';
import { loadIndex } from '../../server/src/service/registry/load';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';

// The server's index makes a registry record's object only when a look-up returns it (parseRegistry).
// Whatever it reads must be what the fully decoded registry says, in the same order, and a file that
// the full decoding refuses must be refused as early, with the same reason.

const text = readFileSync(path.resolve(__dirname, '..', '..', 'data', 'registry.json'), 'utf8');

const view = (l: ReturnType<RegistryIndex['byPort']>) => JSON.stringify([l.portClass, l.assigned, l.groups.map((g) => [g.protocol, g.records])]);

describe('registry records made on first use', () => {
  it('every port and protocol looks up the same records as the index of the decoded registry', () => {
    const full = new RegistryIndex(decodeRegistry(text));
    const lazy = loadIndex(text);
    for (let port = -1; port <= 65536; port++) {
      assert.equal(view(lazy.byPort(port)), view(full.byPort(port)), `port ${port}`);
      if (port % 7 === 0) for (const p of ['tcp', 'udp'] as const) assert.equal(view(lazy.byPort(port, p)), view(full.byPort(port, p)), `port ${port}/${p}`);
      // The pre-check is exact: some current record on the port, single or range, carries a report.
      assert.equal(lazy.mayHaveUnauthorized(port), full.byPort(port).records.some((r) => r.unauthorized !== ''), `unauthorized ${port}`);
      assert.equal(lazy.isAssigned(port), full.isAssigned(port), `assigned ${port}`);
    }
    assert.equal(lazy.size, full.size);
    assert.equal(lazy.release, full.release);
    assert.deepEqual(lazy.byName('http'), full.byName('http'));
    assert.equal(lazy.personName('Alexander_Turenko'), 'Alexander Turenko');
    assert.deepEqual(lazy.search('postgres').map((r) => r.entry.name), full.search('postgres').map((r) => r.entry.name));
  });

  it('a look-up makes only the records it returns; the data view makes the rest, each record once', () => {
    const records = parseRegistry(text);
    const index = new RegistryIndex(records);
    const [first] = index.byPort(3301, 'tcp').records;
    assert.equal(first.name, 'tarantool');
    assert.equal(index.byPort(3301, 'tcp').records[0], first, 'the same object on the next look-up');
    const all = index.data.records;
    assert.equal(all.length, records.length);
    assert.ok(all.includes(first));
    assert.deepEqual(all, decodeRegistry(text).records);
    assert.deepEqual(index.data.people, decodeRegistry(text).people);
  });

  it('a file with a bad record is refused when it is loaded, with the reason the full decoding gives', () => {
    const file = JSON.parse(text) as { records: unknown[] };
    const bad: [unknown, RegExp][] = [
      [5, /record 3 is not an array/],
      [[1, 'x', '20-10', 'tcp'], /record 3 has a bad port range "20-10"/],
      [[1, 'x', 'ab', 'tcp'], /record 3 has a bad port range "ab"/],
      [[1, 'x', true, 'tcp'], /record 3 has a bad port/],
      [['1', 'x', 80, 'tcp'], /record 3 has bad sources/],
    ];
    for (const [record, reason] of bad) {
      const broken = JSON.stringify({ ...file, records: [...file.records.slice(0, 3), record, ...file.records.slice(4)] });
      assert.throws(() => decodeRegistry(broken), (e) => e instanceof RegistryFormatError && reason.test(e.message));
      assert.throws(() => loadIndex(broken), (e) => e instanceof RegistryFormatError && reason.test(e.message));
    }
  });
});
