import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

// The nginx, haproxy, Caddy, Dockerfile and Terraform finders read words in place, skip stretches
// without digits and classify each key once per document. These cases cover what those shortcuts
// could lose: state carried by lines that hold no digit, keywords in any case, quoted words, keys
// seen again in another context, and CRLF line ends.

/** The ports found, as `port@line:role[/protocol]` in document order. */
function ports(format: FormatId, text: string): string[] {
  const found = findPorts(format, text, (e) => {
    throw e;
  });
  return found.filter((o) => o.kind === 'port').map((o) => describe1(text, o));
}

function describe1(text: string, o: PortOccurrence): string {
  const line = text.slice(0, o.start).split('\n').length;
  assert.equal(text.slice(o.start, o.end), String(o.port), 'an occurrence covers exactly its digits');
  return `${o.port}@${line}:${o.role}${o.protocol ? '/' + o.protocol : ''}`;
}

function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

describe('config finders: what the fast paths must keep', () => {
  it('nginx: an upstream block opened by a line without digits still makes `server web:80` an address', () => {
    const conf = 'UPSTREAM app {\n  server web:80;\n}\nlocation / {\n  server web:81;\n}\n';
    // Upper case names the same block; outside an upstream, a dotless host with a low port is an image tag or a word.
    assert.deepEqual(ports('nginx', conf), ['80@2:connect']);
    assert.deepEqual(ports('nginx', crlf(conf)), ['80@2:connect']);
  });

  it('nginx: listen with UDP in any case, skipped directives, port-named headers and quoted words', () => {
    const conf = [
      'server {',
      '  LISTEN 53 UDP;',
      '  server_name a1.example.com:8080;',
      '  proxy_set_header X-Forwarded-Port 443;',
      '  return 200 "listening on port 8081";',
      '  keepalive_timeout 65;',
      '  Proxy_Pass http://api.internal:9000;',
      '}',
    ].join('\n');
    assert.deepEqual(ports('nginx', conf), ['53@2:listen/udp', '443@4:connect', '8081@5:listen', '9000@7:connect']);
  });

  it('haproxy: keywords in any case, fetches written against their brace, and lines without digits', () => {
    const conf = [
      'frontend fe',
      '    BIND *:80,:::443',
      '    acl p {dst_port 8080}',
      '    balance roundrobin',
      'backend be',
      '    Server s1 web:25 check Port 9999',
      '    timeout connect 5s',
    ].join('\n');
    const want = ['80@2:listen', '443@2:listen', '8080@3:listen', '25@6:connect', '9999@6:connect'];
    assert.deepEqual(ports('haproxy', conf), want);
    assert.deepEqual(ports('haproxy', crlf(conf)), want);
  });

  it('Caddy: the global block opened on a line without digits makes `admin` an address; later blocks do not', () => {
    const file = [
      '{',
      '  admin localhost:2019',
      '  http_port 8080',
      '}',
      '(common) {',
      '  encode gzip',
      '}',
      'example.com:8443 {',
      '  import common',
      '  reverse_proxy /api/* api:5000 {$BACKEND_PORT:7000}',
      '  bind 127.0.0.1',
      '}',
    ].join('\n');
    const want = ['2019@2:listen', '8080@3:listen', '8443@8:listen', '5000@10:connect', '7000@10:listen'];
    assert.deepEqual(ports('caddy', file), want);
    assert.deepEqual(ports('caddy', crlf(file)), want);
  });

  it('Dockerfile: instructions in any case, ONBUILD, continuations and heredocs whose first line has no digits', () => {
    const file = [
      'from registry.local:5000/app:1.2',
      'expose 8080/udp',
      'ONBUILD EXPOSE 9000',
      'Env PORT 3000',
      'RUN apt-get update && \\',
      '    serve --port 4000',
      'RUN <<EOF',
      'gunicorn -b 0.0.0.0:8001 app:app',
      'EOF',
      'USER 1000',
      'CMD ["node", "--inspect=9229", "server.js"]',
    ].join('\n');
    const want = ['5000@1:connect', '8080@2:listen/udp', '9000@3:listen', '3000@4:listen', '4000@6:listen', '8001@8:listen', '9229@11:listen'];
    assert.deepEqual(ports('dockerfile', file), want);
    assert.deepEqual(ports('dockerfile', crlf(file)), want);
  });

  it('Terraform: a key met again in another block is read for that block (port blocks, protocol, defaults)', () => {
    const tf = [
      'resource "docker_container" "web" {',
      '  ports {',
      '    internal = 80',
      '    external = 8080',
      '    protocol = "udp"',
      '  }',
      '  internal = 81',
      '}',
      'variable "db_port" {',
      '  default = 5432',
      '}',
      'variable "replicas" {',
      '  default = 3',
      '}',
      'resource "aws_security_group_rule" "all" {',
      '  from_port = 0',
      '  to_port = 65535',
      '}',
    ].join('\n');
    const want = ['80@3:container/udp', '8080@4:host/udp', '5432@10:connect', '65535@17:listen'];
    assert.deepEqual(ports('terraform', tf), want);
    assert.deepEqual(ports('terraform', crlf(tf)), want);
  });
});
