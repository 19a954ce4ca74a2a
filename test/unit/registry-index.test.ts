import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeRegistry } from '../../server/src/service/registry/codec';
import { classify, RegistryIndex } from '../../server/src/service/registry/registryIndex';

const file = path.resolve(__dirname, '..', '..', 'data', 'registry.json');
const text = readFileSync(file, 'utf8');
const index = new RegistryIndex(decodeRegistry(text));
const names = (port: number, protocol?: 'tcp' | 'udp') => index.byPort(port, protocol).records.map((r) => r.name);

describe('registry: index on the bundled data', () => {
  it('3301: tarantool on tcp and udp, with its unauthorized-use report', () => {
    const l = index.byPort(3301);
    assert.deepEqual(l.groups.map((g) => [g.protocol, g.records.map((r) => r.name)]), [['tcp', ['tarantool']], ['udp', ['tarantool']]]);
    assert.ok(l.records.every((r) => r.unauthorized === 'Known Unauthorized Use on port 3301'));
    assert.equal(index.personName(l.records[0].contact[0]), 'Alexander Turenko');
    assert.equal(l.assigned, true);
  });

  it('3219: wms-messenger, modified 2022-07-18, assignee WM Software Inc.', () => {
    const [r] = index.byPort(3219, 'tcp').records;
    assert.deepEqual([r.name, r.modified, r.registered], ['wms-messenger', '2022-07-18', '']);
    assert.equal(index.personName(r.assignee[0]), 'WM Software Inc.');
  });

  it('3367 and 3371: inside the satvid-datalnk range 3367-3371, which has no protocol', () => {
    for (const p of [3367, 3369, 3371]) {
      const l = index.byPort(p);
      assert.deepEqual(l.records.map((r) => [r.name, r.portLo, r.portHi, r.protocol]), [['satvid-datalnk', 3367, 3371, '']], `port ${p}`);
      assert.deepEqual(index.byPort(p, 'tcp').records.map((r) => r.name), ['satvid-datalnk']);
    }
    assert.ok(!names(3366).includes('satvid-datalnk') && !names(3372).includes('satvid-datalnk'));
  });

  it('80/tcp: http, www and www-http all present', () => {
    const n = names(80, 'tcp');
    for (const s of ['http', 'www', 'www-http']) assert.ok(n.includes(s), `${s} on 80/tcp`);
  });

  it('6000 and 6063: the x11 range 6000-6063', () => {
    for (const p of [6000, 6001, 6063]) {
      const x11 = index.byPort(p).records.filter((r) => r.name === 'x11');
      assert.deepEqual(x11.map((r) => [r.portLo, r.portHi, r.protocol]), [[6000, 6063, 'tcp'], [6000, 6063, 'udp']], `port ${p}`);
    }
    assert.ok(!names(6064).includes('x11'));
  });

  it('49152 and 65535: dynamic, no named assignment', () => {
    for (const p of [49152, 50000, 65535]) {
      const l = index.byPort(p);
      assert.equal(l.portClass, 'dynamic');
      assert.equal(l.assigned, false, `port ${p}`);
      assert.ok(l.records.every((r) => r.name === ''));
    }
  });

  it('finds a name-only service by name, with no port', () => {
    const rs = index.byName('nfs-domainroot');
    assert.ok(rs.length >= 1);
    assert.ok(rs.every((r) => r.portLo === null && r.portHi === null));
    assert.equal(index.byName('dccp-ping')[0]?.protocol, 'dccp');
  });

  it('shows a Reserved row (port 0) and an Unassigned row (port 4)', () => {
    const zero = index.byPort(0);
    assert.equal(zero.assigned, false);
    assert.deepEqual(zero.records.map((r) => [r.description, r.protocol]), [['Reserved', 'tcp'], ['Reserved', 'udp']]);
    const four = index.byPort(4);
    assert.equal(four.assigned, false);
    assert.ok(four.records.length > 0 && four.records.every((r) => r.description === 'Unassigned' && r.name === ''));
  });

  it('looks names up case-insensitively', () => {
    assert.deepEqual(index.byName('PostgreSQL').map((r) => r.portLo), index.byName('postgresql').map((r) => r.portLo));
    assert.ok(index.byName('POSTGRESQL').some((r) => r.portLo === 5432));
    assert.deepEqual(index.byName('no-such-service-x'), []);
  });

  it('hides superseded records from look-ups', () => {
    assert.deepEqual(index.byName('compressnet').filter((r) => r.portLo === 2), []);
    assert.ok(index.data.records.some((r) => r.name === 'compressnet' && r.portLo === 2 && r.superseded));
  });

  it('search ranks postgresql first for "postg", finds redis, and offers 5432 for "543"', () => {
    const pg = index.search('postg', 5);
    assert.deepEqual([pg[0].entry.name, pg[0].entry.portLo], ['postgresql', 5432]);
    assert.ok(index.search('redis', 5).some((s) => s.entry.name === 'redis' && s.entry.portLo === 6379));
    assert.ok(index.search('543', 10).some((s) => s.entry.portLo === 5432));
  });

  it('classifies range boundaries', () => {
    assert.deepEqual([0, 1023, 1024, 49151, 49152, 65535, 65536, -1, 80.5].map(classify),
      ['system', 'system', 'user', 'user', 'dynamic', 'dynamic', 'invalid', 'invalid', 'invalid']);
  });

  it('loads afresh from the bundle text, repeatedly, to the same index', () => {
    // How fast is the benchmark's to say (npm run bench); here: every fresh load is complete and equal.
    const sizes = new Set<number>();
    for (let i = 0; i < 3; i++) sizes.add(new RegistryIndex(decodeRegistry(text)).size);
    assert.equal(sizes.size, 1);
    assert.ok([...sizes][0] > 14000);
  });
});
