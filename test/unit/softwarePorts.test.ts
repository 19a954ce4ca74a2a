import assert from 'node:assert/strict';
import {
  commonPracticeLabel, ianaNameAgrees, normaliseImage, SOFTWARE, softwareByName, softwareForImage, softwareOnPort,
} from '../../server/src/service/softwarePorts';

describe('common-practice software table', () => {
  it('holds at least 80 well-known defaults, each with its own documentation as an https source', () => {
    const defaults = new Set(SOFTWARE.flatMap((s) => s.ports.map((p) => `${p.port}/${p.protocol}`)));
    assert.ok(SOFTWARE.length >= 80, `${SOFTWARE.length} programs`);
    assert.ok(defaults.size >= 80, `${defaults.size} port defaults`);
    for (const s of SOFTWARE) {
      assert.match(s.source, /^https:\/\/[^\s]+$/, s.id);
      assert.ok(s.ports.length > 0, s.id);
    }
  });

  it('is well formed: unique ids, lower-case aliases, normalised images, valid ports', () => {
    const ids = new Set<string>();
    const images = new Map<string, string>();
    for (const s of SOFTWARE) {
      assert.ok(!ids.has(s.id), `duplicate id ${s.id}`);
      ids.add(s.id);
      assert.match(s.id, /^[a-z0-9][a-z0-9.-]*$/);
      for (const a of s.aliases) assert.equal(a, a.trim().toLowerCase(), `${s.id} alias ${a}`);
      for (const i of s.images) {
        assert.equal(normaliseImage(i), i, `${s.id} image ${i} is not normalised`);
        assert.ok(!images.has(i), `image ${i} in both ${images.get(i)} and ${s.id}`);
        images.set(i, s.id);
      }
      for (const p of s.ports) {
        assert.ok(Number.isInteger(p.port) && p.port > 0 && p.port <= 65535, `${s.id} ${p.port}`);
        if (p.portHi !== undefined) assert.ok(p.portHi > p.port && p.portHi <= 65535);
        assert.ok(p.label.length > 0 && p.label.length <= 70, `${s.id} label ${p.label}`);
      }
    }
  });

  it('knows the defaults met in public repositories', () => {
    const expected: [number, 'tcp' | 'udp', RegExp][] = [
      [2019, 'tcp', /Caddy admin/], [5556, 'tcp', /Dex/], [19999, 'tcp', /Netdata/], [7199, 'tcp', /Cassandra JMX/],
      [5900, 'tcp', /VNC/], [5901, 'tcp', /VNC/], [35729, 'tcp', /LiveReload/], [2525, 'tcp', /SMTP/],
      [9092, 'tcp', /Kafka/], [29092, 'tcp', /Kafka/], [50000, 'tcp', /Jenkins/], [50051, 'tcp', /gRPC/],
      [51820, 'udp', /WireGuard/], [5000, 'tcp', /AirPlay/], [7000, 'tcp', /AirPlay/], [3000, 'tcp', /Grafana/],
      [9200, 'tcp', /Elasticsearch/], [6443, 'tcp', /Kubernetes API/], [5173, 'tcp', /Vite/],
    ];
    for (const [port, protocol, label] of expected) assert.match(commonPracticeLabel(port, protocol) ?? '', label, String(port));
  });

  it('names the most common programs of a shared port first and sums up the rest', () => {
    assert.match(commonPracticeLabel(3000) ?? '', /^Node\.js\/React dev servers, Grafana/);
    assert.match(commonPracticeLabel(8000) ?? '', /^Django dev server, .* and \d+ more$/);
  });

  it('keeps a protocol apart: WireGuard is UDP, so 51820/tcp has no common practice', () => {
    assert.equal(commonPracticeLabel(51820, 'tcp'), undefined);
    assert.equal(softwareOnPort(51820, 'udp')[0]?.software.id, 'wireguard');
    assert.equal(softwareOnPort(51820).length, 1);
  });

  it('leaves generic defaults (nginx on 80) out of look-ups by port but keeps them for the software', () => {
    assert.equal(commonPracticeLabel(80), undefined);
    assert.equal(commonPracticeLabel(443), undefined);
    assert.deepEqual(softwareByName('nginx')[0].ports.map((p) => p.port), [80, 443]);
  });

  it('has no common practice for ports nobody runs by default (look-alikes of known ones)', () => {
    for (const port of [3002, 5174, 9091 + 1000, 29093, 50052, 51821, 1, 65535]) assert.equal(commonPracticeLabel(port), undefined, String(port));
  });

  it('tells where IANA\'s name already says what runs there', () => {
    assert.equal(ianaNameAgrees(5432, ['postgresql']), true);
    assert.equal(ianaNameAgrees(5672, ['amqp']), true);
    assert.equal(ianaNameAgrees(3000, ['hbci', 'remoteware-cl']), false);
    assert.equal(ianaNameAgrees(9092, ['XmlIpcRegSvc']), false);
    assert.equal(ianaNameAgrees(5433, ['pyrrho']), false, 'no program in the table');
    assert.equal(ianaNameAgrees(2379, ['etcd-client']), true);
    // Look-alikes: a short alias is no prefix (pg-foo), and a name that merely contains an alias says nothing.
    assert.equal(ianaNameAgrees(5432, ['pg-foo']), false);
    assert.equal(ianaNameAgrees(9200, ['wap-wsp']), false);
    assert.equal(ianaNameAgrees(6379, ['myredis']), false);
  });

  it('finds software by alias, case-insensitively', () => {
    for (const [word, id] of [['elastic', 'elasticsearch'], ['OpenSearch', 'elasticsearch'], ['rabbit', 'rabbitmq'], ['amqp', 'rabbitmq'],
      ['pg', 'postgresql'], ['postgresql', 'postgresql'], ['mongo', 'mongodb'], ['k8s api', 'kube-apiserver'], ['kafka', 'kafka']] as const) {
      assert.equal(softwareByName(word)[0]?.id, id, word);
    }
    assert.deepEqual(softwareByName('postg'), [], 'a prefix is not an alias');
  });

  it('reads image references the way Docker does', () => {
    assert.equal(normaliseImage('bitnami/kafka:3.7'), 'bitnami/kafka');
    assert.equal(normaliseImage('docker.io/library/postgres:16-alpine'), 'postgres');
    assert.equal(normaliseImage('postgres@sha256:0123abcd'), 'postgres');
    assert.equal(normaliseImage('localhost:5000/team/api:1.2'), 'localhost:5000/team/api');
    assert.equal(normaliseImage('"Grafana/Grafana:latest"'), 'grafana/grafana');
    assert.equal(normaliseImage('${REGISTRY}/app:${TAG}'), '');
    for (const [ref, id] of [['postgres:16', 'postgresql'], ['bitnami/postgresql:15', 'postgresql'], ['grafana/grafana', 'grafana'],
      ['bitnami/kafka:3.7', 'kafka'], ['confluentinc/cp-kafka:7.6.0', 'kafka'], ['redis:7-alpine', 'redis'], ['quay.io/keycloak/keycloak:24.0', 'keycloak']] as const) {
      assert.equal(softwareForImage(ref)?.id, id, ref);
    }
    // Look-alikes: a private image that merely ends like a known one, and a registry prefix we do not know.
    assert.equal(softwareForImage('mycorp/postgres-backup:1'), undefined);
    assert.equal(softwareForImage('ghcr.io/someone/redis:7'), undefined);
  });
});
