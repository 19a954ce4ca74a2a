import assert from 'node:assert/strict';
import { findComposePorts } from '../../server/src/service/scan';
import { findYamlPorts } from '../../server/src/service/scan';
import { walkYaml, type YamlFrame } from '../../server/src/service/scan/text/yamlScan';

// Behaviour the YAML walker's speed work must keep: frames whose objects are reused once closed, keys
// looked up by their characters in place, item fields kept in fixed slots, and values taken to the end
// of the line without being read when no comment or template can end them.

/** The ports found, as `number@offset` strings, for short exact comparisons. */
function ports(text: string, find = findYamlPorts): string[] {
  return find(text).filter((o) => o.kind === 'port').map((o) => `${o.port}@${o.start}`);
}

describe('yaml finder: frames reused after they close', () => {
  it('a port flag left waiting at the end of one list does not take the first entry of the next', () => {
    // The second key's frame reuses the first one's object; the flag must not carry over to it.
    assert.deepEqual(ports('args: ["--port"]\nother: ["8080"]\n'), []);
    assert.deepEqual(ports('args:\n  - --port\nenv:\n  - 8080\n'), []);
    // Within one list the flag still takes the next entry.
    const text = 'args: ["--port", "8080"]\n';
    assert.deepEqual(ports(text), [`8080@${text.indexOf('8080')}`]);
  });

  it('an item reports its port list protocol, and the next item at the same place starts empty', () => {
    const text = 'ports:\n  - containerPort: 53\n    protocol: UDP\n  - containerPort: 80\n';
    const found = findYamlPorts(text).filter((o) => o.kind === 'port');
    assert.deepEqual(found.map((o) => [o.port, o.protocol]), [[53, 'udp'], [80, 'tcp']]);
  });

  it('a visitor sees a frame with the same key path whether or not its object was used before', () => {
    const text = 'a:\n  b: 1\nc:\n  d: 2\n';
    const seen: string[] = [];
    const path = (f: YamlFrame | null): string => (f ? `${path(f.parent)}/${f.key}` : '');
    walkYaml(text, { scalar: (f) => seen.push(path(f)), freeText: () => {}, comment: () => {} });
    assert.deepEqual(seen, ['/a/b', '/c/d']);
  });
});

describe('yaml finder: keys looked up by their characters', () => {
  it('tells apart two keys of the same length and hash', () => {
    // "dbPort" and "dbQPrt" hash alike (31 * 'P' + 'o' === 31 * 'Q' + 'P'); only the first names a port.
    for (const text of ['dbPort: 8080\ndbQPrt: 9090\n', 'dbQPrt: 9090\ndbPort: 8080\n']) {
      assert.deepEqual(ports(text), [`8080@${text.indexOf('8080')}`], text);
    }
  });

  it('recognises port keys after thousands of distinct keys, quoted keys and keys with blanks before the colon', () => {
    const filler = Array.from({ length: 5000 }, (_, i) => `key${i}: value${i}\n`).join('');
    const text = `${filler}port: 8080\n"targetPort": 9090\nnodePort : 30080\n`;
    assert.deepEqual(ports(text).map((p) => p.split('@')[0]), ['8080', '9090', '30080']);
  });
});

describe('yaml finder: item fields', () => {
  it('reads an env entry whose name names a port, whatever the order and with the last duplicate winning', () => {
    const env = (body: string) => `env:\n${body}`;
    assert.deepEqual(ports(env('  - name: DB_PORT\n    value: "5432"\n')).map((p) => p.split('@')[0]), ['5432']);
    assert.deepEqual(ports(env('  - value: "5432"\n    name: DB_PORT\n')).map((p) => p.split('@')[0]), ['5432']);
    assert.deepEqual(ports(env('  - name: DB_PORT\n    name: DB_USER\n    value: "5432"\n')), []);
    assert.deepEqual(ports(env('  - {name: DB_PORT, value: "5432"}\n')).map((p) => p.split('@')[0]), ['5432']);
    assert.deepEqual(ports('- op: replace\n  path: /spec/ports/0/port\n  value: 8443\n').map((p) => p.split('@')[0]), ['8443']);
  });

  it('keeps the host address and protocol of a Compose long-syntax entry', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n        protocol: udp\n';
    const found = findComposePorts(text).filter((o) => o.kind === 'port');
    assert.deepEqual(found.map((o) => [o.port, o.role, o.protocol, o.mapping?.hostIp, o.mapping?.service]), [
      [80, 'container', 'udp', '127.0.0.1', 'web'],
      [8080, 'host', 'udp', '127.0.0.1', 'web'],
    ]);
  });
});

describe('yaml finder: values read to the end of the line', () => {
  it('ends a value at a comment or keeps a template whatever lies further down the text', () => {
    const text = 'port: 8080\nurl: http://db:5432 # http://old:1111\nhost: "{{ .Values.host }}:9090"\nlater: "#{x}"\n';
    assert.deepEqual(ports(text).map((p) => p.split('@')[0]), ['8080', '5432', '1111', '9090']);
    // A `#` with no blank before it is part of the value.
    assert.deepEqual(ports('url: http://db:5432/#frag\n').map((p) => p.split('@')[0]), ['5432']);
  });
});
