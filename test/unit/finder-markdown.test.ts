import assert from 'node:assert/strict';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { indexFile } from '../../server/src/service/workspaceIndex';
import { doc, settings, testService } from '../helpers/service';

/** The digit runs the Markdown finder reports as ports, in order. */
function ports(text: string): string[] {
  return findPorts('markdown', text).filter((o) => o.kind === 'port').map((o) => text.slice(o.start, o.end));
}

describe('Markdown (README) finder', () => {
  it('reads fenced blocks with the finder their info string names, at the right offsets', () => {
    const text = [
      '# demo', '', 'Build 1.2.3 with 4 workers.', '',
      '```yaml', 'services:', '  web:', '    ports:', '      - "8080:80"', '    deploy:', '      replicas: 3', '```', '',
      '```Dockerfile', 'FROM node:20', 'EXPOSE 3000', '```', '',
      '~~~ini', 'port = 5432', 'timeout = 30', '~~~',
    ].join('\n');
    const found = findPorts('markdown', text);
    assert.deepEqual(found.map((o) => text.slice(o.start, o.end)), ['8080', '80', '3000', '5432']);
    // The compose entry keeps its compose meaning (host and container side), shifted into the document.
    const host = found[0];
    assert.equal(host.role, 'host');
    assert.ok(host.mapping && text.slice(host.mapping.start, host.mapping.end) === '8080:80');
  });

  it('reads prose only for URLs and clear host:port, and code spans as commands', () => {
    const text = 'Node 20, 512 MB, see #231. Open http://localhost:3000/ or `docker run -p 8081:80 nginx:1.27`; metrics on `127.0.0.1:9100`.\n';
    assert.deepEqual(ports(text), ['3000', '8081', '80', '9100']);
  });

  it('reads prose that names a port with a number, and the port columns of tables', () => {
    const text = [
      'The API listens on port 8080; the admin console is on ports 9000 and 9001/udp.',
      'Node 20, version 2.14.3, 3 to 5 seconds, support 3 regions, export 2 files, port 2.0 of the SDK.',
      'Linux picks source ports from the ephemeral range 32768–60999.',
      '',
      '| Service | Port | Replicas |',
      '|---------|-----:|----------|',
      '| web     | 3000 | 2        |',
      '| dns     | `53/udp` | 1    |',
      '| note    | see below | 4   |',
      '',
      '| Version | Released |',
      '|---|---|',
      '| 5432 | 2024 |',
    ].join('\n');
    assert.deepEqual(ports(text), ['8080', '9000', '9001', '32768', '60999', '3000', '53']);
  });

  it('a fence without a language is prose, and an unclosed fence runs to the end', () => {
    assert.deepEqual(ports('```\nretries: 3\ncurl http://api:8080/x\n```\n'), ['8080']);
    assert.deepEqual(ports('```bash\nnc -l 4444\n'), ['4444']);
    assert.deepEqual(ports('```bash\n```\n'), []);
  });

  it('hovers in a README, but never warns there', () => {
    const service = testService();
    const readme = doc('# x\n\n```yaml\nservices:\n  a:\n    ports:\n      - "50000:50000"\n      - "80:80"\n```\n', 'file:///w/README.md', 'markdown');
    assert.match(JSON.stringify(service.doHover(readme, { line: 7, character: 10 }, settings())), /http/i);
    assert.deepEqual(service.doValidation(readme, settings()), []);
    // A compose example in documentation publishes nothing, so it cannot clash across files.
    const found = findPorts('markdown', readme.getText());
    assert.equal(indexFile(readme.uri, 'markdown', readme.getText(), found).mappings.length, 0);
    assert.ok(indexFile(readme.uri, 'markdown', readme.getText(), found).places.length >= 4);
  });

  it('detects the files users have by name', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['file:///w/README.md', 'markdown', 'markdown'],
      ['file:///w/docs/guide.mdx', 'plaintext', 'markdown'],
      ['file:///home/u/.kube/config', 'plaintext', 'yaml'],
      ['file:///w/ci/kubeconfig', 'plaintext', 'yaml'],
      ['file:///w/Vagrantfile', 'ruby', 'code'],
      ['file:///w/Jenkinsfile', 'plaintext', 'code'],
      ['file:///w/Procfile', 'plaintext', 'shell'],
      ['file:///etc/postfix/main.cf', 'plaintext', 'keyvalue'],
      ['file:///etc/tor/torrc', 'plaintext', 'keyvalue'],
      ['file:///w/conf/server.xml', 'xml', 'code'],
      ['file:///etc/coredns/Corefile', 'plaintext', 'caddy'],
      ['file:///home/u/.gitconfig', 'plaintext', 'keyvalue'],
      ['file:///w/repo/.git/config', 'plaintext', 'keyvalue'],
      ['file:///w/.npmrc', 'plaintext', 'keyvalue'],
      ['file:///w/justfile', 'plaintext', 'shell'],
      // Plain text of no known name is still read for URLs, host:port and sentences that name a port.
      ['file:///w/notes.txt', 'plaintext', 'text'],
      ['file:///w/.gitignore', 'ignore', undefined],
    ];
    for (const [uri, lang, want] of cases) assert.equal(detectFormat(lang, uri, ''), want, uri);
  });

  it('tells nginx from HOCON and Logstash pipelines among *.conf files', () => {
    const nginx = 'http {\n  server {\n    listen 8080;\n  }\n}\n';
    const hocon = 'akka {\n  http {\n    server {\n      port = 8558\n    }\n  }\n}\n';
    const logstash = 'input {\n  beats {\n    port => 5044\n  }\n}\noutput {\n  stdout {}\n}\n';
    assert.equal(detectFormat('plaintext', 'file:///w/default.conf', nginx), 'nginx');
    assert.equal(detectFormat('plaintext', 'file:///w/application.conf', hocon), 'keyvalue');
    assert.equal(detectFormat('plaintext', 'file:///w/pipeline/main.conf', logstash), 'code');
    assert.deepEqual(findPorts('keyvalue', hocon).map((o) => o.port), [8558]);
    assert.deepEqual(findPorts('code', logstash).map((o) => o.port), [5044]);
  });
});
