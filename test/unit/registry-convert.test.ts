import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertIana, convertIanaCsv, convertIanaXml } from '../../server/src/registry/ianaConvert';
import type { RegistryData, ServiceRecord } from '../../server/src/service/registry/types';

const root = path.resolve(__dirname, '..', '..');
const fixture = (name: string): string => readFileSync(path.join(root, 'test', 'fixtures', 'iana', name), 'utf8');

function find(data: RegistryData, name: string, port: number | null, protocol = ''): ServiceRecord {
  const r = data.records.find((x) => x.name === name && x.portLo === port && (protocol === '' || x.protocol === protocol));
  assert.ok(r, `${name} ${port}/${protocol} is in the converted data`);
  return r;
}

describe('registry: IANA XML converter (mini.xml)', () => {
  const data = convertIanaXml(fixture('mini.xml'));

  it('reads every record, the release and the people table', () => {
    assert.equal(data.records.length, 14);
    assert.equal(data.release, '2025-06-30');
    assert.deepEqual(data.sources, [{ id: 'iana-xml', title: 'IANA XML, Service Name and Transport Protocol Port Number Registry', release: '2025-06-30' }]);
    assert.ok(data.records.every((r) => r.sources.length === 1 && r.sources[0] === 0));
    assert.deepEqual(data.people, [
      { id: 'Alexander_Turenko', name: 'Alexander Turenko', org: 'Tarantool', uri: 'mailto:alexander.turenko&tarantool.org', updated: '2022-06-10' },
      { id: 'IESG', name: 'IESG', org: 'IESG', uri: 'mailto:iesg&ietf.org' },
      { id: 'Tarantool', name: 'Tarantool', org: 'Tarantool', uri: 'mailto:admin&tarantool.org', updated: '2022-06-10' },
    ]);
  });

  it('keeps all three services on 80/tcp, with assignee, contact, dates, reference and notes', () => {
    assert.deepEqual(data.records.filter((r) => r.portLo === 80).map((r) => r.name), ['http', 'www', 'www-http']);
    const http = find(data, 'http', 80, 'tcp');
    assert.deepEqual(http.assignee, ['IESG']);
    assert.deepEqual(http.contact, ['IETF_Chair']);
    assert.equal(http.registered, '1994-01');
    assert.equal(http.modified, '2022-06-06');
    assert.deepEqual(http.references, ['RFC9110']);
    assert.equal(http.notes, 'Defined TXT keys: u=<username> p=<password> path=<path to document>');
    assert.equal(find(data, 'www', 80).notes, 'This is a duplicate of the "http" service and should not be used for discovery purposes.');
  });

  it('shows an old record\'s single person as both assignee and contact', () => {
    const w = find(data, 'www-http', 80);
    assert.deepEqual([w.assignee, w.contact], [['Tim_Berners_Lee'], ['Tim_Berners_Lee']]);
  });

  it('keeps two person ids as two ids', () => {
    const nas = find(data, 'nas', 991);
    assert.deepEqual(nas.contact, ['Vera_Heinau', 'Heiko_Schlichting']);
    assert.deepEqual(nas.assignee, ['Vera_Heinau', 'Heiko_Schlichting']);
  });

  it('reads the unauthorized-use report and the registration date', () => {
    const t = find(data, 'tarantool', 3301, 'tcp');
    assert.equal(t.unauthorized, 'Known Unauthorized Use on port 3301');
    assert.deepEqual([t.assignee, t.contact, t.registered, t.modified], [['Tarantool'], ['Alexander_Turenko'], '2022-06-10', '']);
  });

  it('keeps a range without protocol as a range', () => {
    const s = find(data, 'satvid-datalnk', 3367);
    assert.deepEqual([s.portLo, s.portHi, s.protocol], [3367, 3371, '']);
    const dyn = data.records.find((r) => r.portLo === 49152)!;
    assert.deepEqual([dyn.name, dyn.description, dyn.portHi, dyn.protocol], ['', 'Unassigned', 65535, '']);
  });

  it('reads a name-only record with no port', () => {
    const n = find(data, 'nfs-domainroot', null, 'tcp');
    assert.deepEqual([n.portLo, n.portHi, n.references, n.notes], [null, null, ['RFC6641'], 'Defined TXT keys: None']);
  });

  it('reads Reserved and Unassigned rows, with a note that names a person', () => {
    const reserved = data.records.find((r) => r.portLo === 0)!;
    assert.deepEqual([reserved.name, reserved.description, reserved.modified, reserved.references], ['', 'Reserved', '2024-12-20', ['RFC6335']]);
    const unassigned = data.records.find((r) => r.portLo === 4)!;
    assert.deepEqual([unassigned.name, unassigned.description, unassigned.protocol], ['', 'Unassigned', 'udp']);
    const two = data.records.find((r) => r.portLo === 2)!;
    assert.equal(two.notes, 'De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]');
  });

  it('reads service codes, drafts, URLs, text references and line breaks', () => {
    assert.equal(find(data, 'ltp-deepspace', 1113, 'dccp').serviceCode, '7107696');
    assert.deepEqual(find(data, 'gue', 6080).references, ['draft-herbert-gue-02', 'https://example.org/gue', 'n/a']);
    assert.equal(find(data, 'whoispp', 63).description, 'whois++\n\nIANA assigned this well-formed service name as a replacement for "whois++".');
  });

  it('rejects truncated XML with a message that says so', () => {
    assert.throws(() => convertIanaXml(fixture('truncated.xml')), /IANA XML is malformed or truncated \(line \d+/);
  });

  it('rejects malformed XML, naming the line', () => {
    assert.throws(() => convertIanaXml(fixture('malformed.xml')), /malformed or truncated \(line 7,.*description/);
  });

  it('rejects empty input, a foreign registry, and too few records', () => {
    assert.throws(() => convertIanaXml(''), /empty/);
    assert.throws(() => convertIanaXml('<registry id="protocol-numbers"><updated>2025-01-01</updated></registry>'), /expected "service-names-port-numbers"/);
    assert.throws(() => convertIanaXml(fixture('mini.xml'), { minRecords: 10000 }), /only 14 records, expected at least 10000/);
    assert.throws(
      () => convertIanaXml('<registry id="service-names-port-numbers"><updated>2025-01-01</updated></registry>'),
      /no <record> elements/,
    );
    assert.throws(
      () => convertIanaXml('<registry id="service-names-port-numbers"><updated>2025-01-01</updated><record><description>Reserved</description></record></registry>'),
      /neither a port number nor a service name/,
    );
    assert.throws(
      () => convertIanaXml('<registry id="service-names-port-numbers"><updated>2025-01-01</updated><record><name>x</name><number>70000</number></record></registry>'),
      /bad port number "70000"/,
    );
  });
});

describe('registry: IANA CSV converter (mini.csv)', () => {
  const csv = convertIanaCsv(fixture('mini.csv'));
  const xml = convertIanaXml(fixture('mini.xml'));

  it('reads the twelve columns; release is the newest date, people are empty', () => {
    assert.equal(csv.records.length, 12);
    assert.equal(csv.release, '2024-12-20');
    assert.equal(csv.sources[0].id, 'iana-csv');
    assert.deepEqual(csv.people, []);
  });

  it('gives the same records as the XML for the same rows', () => {
    for (const [name, port] of [['http', 80], ['www', 80], ['www-http', 80], ['nas', 991], ['ltp-deepspace', 1113], ['tarantool', 3301], ['satvid-datalnk', 3367], ['nfs-domainroot', null]] as const) {
      assert.deepEqual(find(csv, name, port), find(xml, name, port), `${name} ${port}`);
    }
  });

  it('splits run-together ids and keeps footnote references', () => {
    assert.deepEqual(find(csv, 'nas', 991).assignee, ['Vera_Heinau', 'Heiko_Schlichting']);
    assert.deepEqual(find(csv, 'exp1', 1021).references, ['1', 'RFC4727', 'RFC6335']);
  });

  it('rejects a wrong header, a short row and a truncated quote', () => {
    assert.throws(() => convertIanaCsv('Name,Port\nhttp,80\n'), /unexpected header/);
    const header = fixture('mini.csv').split('\n')[0];
    assert.throws(() => convertIanaCsv(`${header}\nhttp,80,tcp\n`), /IANA CSV is malformed or truncated/);
    assert.throws(() => convertIanaCsv(`${header}\nhttp,80,tcp,"World Wide`), /IANA CSV is malformed or truncated/);
  });

  it('tells the formats apart', () => {
    assert.equal(convertIana(fixture('mini.csv')).sources[0].id, 'iana-csv');
    assert.equal(convertIana(fixture('mini.xml')).sources[0].id, 'iana-xml');
  });
});

// IANA's official releases are kept beside the project (never in it); where they are, check the
// converter against their known record counts.
const releases = path.resolve(root, '..', 'shared', 'registry');
if (existsSync(releases)) {
  describe('registry: IANA XML converter on the official releases', () => {
    const expected: Record<string, number> = { '2025-03-11': 14471, '2025-12-15': 14496 };
    for (const f of readdirSync(releases).filter((x) => x.endsWith('.xml')).sort()) {
      const release = /(\d{4}-\d{2}-\d{2})/.exec(f)?.[1] ?? '';
      if (!(release in expected)) continue;
      it(`converts ${f} into exactly ${expected[release]} records`, () => {
        const data = convertIanaXml(readFileSync(path.join(releases, f), 'utf8'), { minRecords: 10000 });
        assert.equal(data.release, release);
        assert.equal(data.records.length, expected[release]);
        const t = data.records.find((r) => r.name === 'tarantool' && r.protocol === 'tcp')!;
        assert.equal(t.unauthorized, 'Known Unauthorized Use on port 3301');
        assert.ok(data.people.length > 5000);
      });
    }
  });
}
