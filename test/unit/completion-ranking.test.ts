import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { MatchTier, matchTier, softwareOfKey } from '../../server/src/service/completionSources';
import { withCursor } from '../helpers/cursor';
import { applyEdits, settings, testService } from '../helpers/service';

const service = testService();

function list(src: string, languageId: string, uri: string, snippets = false): CompletionItem[] {
  const { doc, pos } = withCursor(src, languageId, uri);
  return doComplete(service, doc, pos, settings(), { snippets })?.items ?? [];
}

function accept(src: string, languageId: string, uri: string, item: CompletionItem): string {
  const { doc } = withCursor(src, languageId, uri);
  return applyEdits(doc, [item.textEdit as TextEdit]);
}

/** The first item offered where a compose port goes, for a typed word. */
function firstFor(typed: string): CompletionItem | undefined {
  return list(`services:\n  app:\n    ports:\n      - "${typed}|"\n`, 'dockercompose', 'file:///p/compose.yaml')[0];
}

// What a user typing where a port goes expects first: the software they run by its name or alias, the
// everyday IANA services by their names, and a port by its digits (an exact port before longer ones).
const FIRST: [typed: string, port: number][] = [
  ['postg', 5432], ['postgres', 5432], ['postgresql', 5432], ['pg', 5432], ['redis', 6379], ['valkey', 6379],
  ['mongo', 27017], ['mongodb', 27017], ['mysql', 3306], ['mariadb', 3306], ['kafka', 9092], ['elastic', 9200],
  ['elasticsearch', 9200], ['opensearch', 9200], ['kibana', 5601], ['grafana', 3000], ['prometh', 9090],
  ['prometheus', 9090], ['rabbit', 5672], ['rabbitmq', 5672], ['amqp', 5672], ['jenkins', 8080], ['keycloak', 8080],
  ['zookeeper', 2181], ['cassandra', 9042], ['vite', 5173], ['consul', 8500], ['vault', 8200], ['minio', 9000],
  ['angular', 4200], ['django', 8000], ['flask', 5000], ['memcached', 11211], ['etcd', 2379], ['k8s', 6443],
  ['kube', 6443], ['loki', 3100], ['jaeger', 16686], ['zipkin', 9411], ['otel', 4317], ['nats', 4222],
  ['mosquitto', 1883], ['clickhouse', 8123], ['influx', 8086], ['neo4j', 7474], ['solr', 8983], ['couchdb', 5984],
  ['vnc', 5900], ['wireguard', 51820], ['mssql', 1433], ['sqlserver', 1433], ['oracle', 1521], ['tomcat', 8080],
  ['ssh', 22], ['smtp', 25], ['http', 80], ['https', 443], ['ftp', 21], ['imap', 143], ['ldap', 389], ['ntp', 123],
  ['syslog', 514], ['rdp', 3389], ['dns', 53], ['mqtt', 1883], ['grpc', 50051],
  ['6379', 6379], ['22', 22], ['808', 8080], ['543', 543], ['5432', 5432], ['3000', 3000], ['51820', 51820],
  ['27017', 27017], ['9092', 9092], ['11211', 11211],
];

describe('completion ranking', () => {
  it(`offers the port people expect first for ${FIRST.length} typed words`, () => {
    assert.ok(FIRST.length >= 60);
    const wrong = FIRST.map(([typed, port]) => [typed, port, Number(firstFor(typed)?.label)] as const).filter(([, want, got]) => want !== got);
    assert.deepEqual(wrong, [], 'typed, expected, offered first');
  });

  it('says where a number comes from: the software, as common practice, beside IANA\'s name for the port', () => {
    const kafka = firstFor('kafka');
    assert.equal(kafka?.detail, '9092 - Apache Kafka broker (common practice; IANA: XmlIpcRegSvc)');
    assert.equal(firstFor('vite')?.detail, '5173 - Vite dev server (common practice; not assigned by IANA)');
    assert.match(String((firstFor('grafana')?.documentation as { value: string }).value), /grafana\.com/);
  });

  it('matches exactly, then by prefix, then by word prefix, then inside a name, and a close typo last', () => {
    assert.equal(matchTier('redis', 'redis'), MatchTier.Exact);
    assert.equal(matchTier('prom', 'prometheus'), MatchTier.Prefix);
    assert.equal(matchTier('kafka', 'apache kafka'), MatchTier.WordPrefix);
    assert.equal(matchTier('sql', 'postgresql'), MatchTier.Substring);
    assert.equal(matchTier('postgrs', 'postgresql'), MatchTier.Typo);
    // Three-letter coincidences and letters scattered through a name are no match.
    assert.equal(matchTier('vite', 'igmpv3lite'), MatchTier.None);
    assert.equal(matchTier('vit', 'igmpv3lite'), MatchTier.None);
    // A near miss with the same first letters ranks below every real match of another name.
    assert.ok(matchTier('minio', 'minilock') > MatchTier.Substring);
    assert.equal(matchTier('rdis', 'radius'), MatchTier.None);
  });

  it('never leads with a rare registration that only looks like the typed word', () => {
    const lookAlikes: [string, number][] = [['vite', 465], ['consul', 5992], ['vault', 1771], ['minio', 3798]];
    for (const [typed, rare] of lookAlikes) {
      const items = list(`PORT=${typed}|\n`, 'dotenv', 'file:///p/.env');
      assert.notEqual(Number(items[0]?.label), rare, typed);
      assert.ok(!items.some((i) => Number(i.label) === rare && i.labelDetails?.description === 'igmpv3lite'), typed);
    }
  });

  it('keeps the free port last, after every software and registry proposal', () => {
    for (const typed of ['kafka', 'post', '80', '']) {
      const items = list(`PORT=${typed}|\n`, 'dotenv', 'file:///p/.env');
      const free = items.findIndex((i) => i.labelDetails?.description === 'free port');
      assert.equal(free, items.length - 1, typed);
      const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
      assert.equal(sorted[sorted.length - 1], items[free], typed);
    }
  });

  it('filters on what was typed, so the client keeps this order as the user types on', () => {
    for (const item of list('PORT=elas|\n', 'dotenv', 'file:///p/.env')) assert.ok(String(item.filterText).startsWith('elas'), item.filterText);
  });
});

describe('completion from the context: the image in front of you', () => {
  const COMPOSE = 'file:///p/compose.yaml';

  it('proposes a compose service\'s image ports first, as published mappings in ports and as numbers in expose', () => {
    const src = 'services:\n  broker:\n    image: bitnami/kafka:3.7\n    ports:\n      - |\n';
    const items = list(src, 'dockercompose', COMPOSE);
    assert.equal(items[0].label, '9092:9092');
    assert.equal((items[0].textEdit as TextEdit).newText, '"9092:9092"');
    assert.match(String((items[0].documentation as { value: string }).value), /image bitnami\/kafka:3\.7/);
    assert.equal(accept(src, 'dockercompose', COMPOSE, items[0]), 'services:\n  broker:\n    image: bitnami/kafka:3.7\n    ports:\n      - "9092:9092"\n');
    const quoted = list('services:\n  db:\n    image: postgres:16\n    ports:\n      - "|"\n', 'dockercompose', COMPOSE);
    assert.equal((quoted[0].textEdit as TextEdit).newText, '5432:5432');
    const expose = list('services:\n  web:\n    ports:\n      - "80:80"\n    image: grafana/grafana\n    expose:\n      - |\n', 'dockercompose', COMPOSE);
    assert.equal((expose[0].textEdit as TextEdit).newText, '3000');
  });

  it('reads the image of the service the cursor is in, not a neighbour\'s, and nothing for an unknown image', () => {
    const src = 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n    ports:\n      - |\n  web:\n    image: nginx\n';
    assert.equal(list(src, 'dockercompose', COMPOSE)[0].label, '6379:6379');
    const unknown = list('services:\n  api:\n    image: myorg/api:1.4\n    ports:\n      - |\n', 'dockercompose', COMPOSE);
    assert.deepEqual(unknown.map((i) => i.labelDetails?.description), ['free port']);
  });

  it('lets what is typed win over the image when it names other software', () => {
    const items = list('services:\n  broker:\n    image: bitnami/kafka:3.7\n    ports:\n      - "postg|"\n', 'dockercompose', COMPOSE);
    assert.equal(items[0].label, '5432');
  });

  it('proposes a Kubernetes container\'s image ports for containerPort, whatever the key order', () => {
    const first = 'spec:\n  containers:\n    - name: cache\n      image: redis:7\n      ports:\n        - containerPort: |\n';
    assert.equal(list(first, 'yaml', 'file:///p/pod.yaml')[0].label, '6379');
    const later = 'spec:\n  containers:\n    - image: docker.io/library/postgres:16\n      name: db\n      ports:\n        - name: pg\n          containerPort: |\n    - name: side\n      image: redis:7\n';
    assert.equal(list(later, 'yaml', 'file:///p/pod.yaml')[0].label, '5432');
  });

  it('proposes the ports of the Dockerfile stage\'s FROM image after EXPOSE', () => {
    assert.equal(list('FROM redis:7-alpine\nEXPOSE |\n', 'dockerfile', 'file:///p/Dockerfile')[0].label, '6379');
    const multi = 'FROM node:20 AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nEXPOSE |\n';
    assert.equal(list(multi, 'dockerfile', 'file:///p/Dockerfile')[0].label, '80');
  });

  it('proposes the port of the software a key names, and nothing for a key that names none', () => {
    assert.equal(list('REDIS_PORT=|\n', 'dotenv', 'file:///p/.env')[0].label, '6379');
    assert.equal(list('POSTGRES_PORT=|\n', 'dotenv', 'file:///p/.env')[0].label, '5432');
    assert.equal(list('spring:\n  data:\n    redis:\n      port: |\n', 'yaml', 'file:///p/application.yml').length, 1);
    assert.deepEqual(list('APP_PORT=|\n', 'dotenv', 'file:///p/.env').map((i) => i.labelDetails?.description), ['free port']);
    assert.equal(softwareOfKey('spring.data.redis.port')?.id, 'redis');
    assert.equal(softwareOfKey('DB_PORT'), undefined);
  });

  it('offers snippets for the compose port shapes where the client takes snippets, with the image\'s port', () => {
    const src = 'services:\n  broker:\n    image: bitnami/kafka:3.7\n    ports:\n      - |\n';
    const withSnippets = list(src, 'dockercompose', COMPOSE, true);
    const snippets = withSnippets.filter((i) => i.kind === 15);
    assert.deepEqual(snippets.map((i) => i.label), ['"127.0.0.1:9092:9092"', '"9092:9092/udp"', 'target/published/protocol']);
    assert.match((snippets[2].textEdit as TextEdit).newText, /^target: \$\{1:9092\}\n {2}published: "\$\{2:9092\}"\n {2}protocol: \$\{3\|tcp,udp\|\}/);
    assert.equal(withSnippets[withSnippets.length - 1].labelDetails?.description, 'free port');
    assert.equal(list(src, 'dockercompose', COMPOSE, false).filter((i) => i.kind === 15).length, 0);
  });
});
