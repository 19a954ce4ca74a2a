import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';
import { isPortKey } from '../../server/src/service/scan/vocabulary/common';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

// Recall fixes in the YAML, Caddy (CoreDNS), nginx (OpenResty) and HCL/TOML finders. Each case is a
// source in which every port a user should see is written between « and »: the finder must report
// exactly those digit runs, at those offsets, and no other number of the text.

/** The text without its markers, and the [start, end) of every marked port. */
function marked(src: string): { text: string; want: Array<[number, number]> } {
  let text = '';
  const want: Array<[number, number]> = [];
  let open = -1;
  for (const ch of src) {
    if (ch === '«') open = text.length;
    else if (ch === '»') {
      want.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, want };
}

/** The port occurrences of a text, as the finder of `format` reports them. */
function portsIn(format: FormatId, text: string): PortOccurrence[] {
  return findPorts(format, text, (e) => {
    throw e;
  }).filter((o) => o.kind === 'port');
}

/** Asserts that the finder reports exactly the marked ports of `src`; returns them for further checks. */
function expectPorts(format: FormatId, src: string): PortOccurrence[] {
  const { text, want } = marked(src);
  const found = portsIn(format, text);
  const show = (r: Array<[number, number]>) => r.map(([s, e]) => `${text.slice(s, e)}@${s}`);
  assert.deepEqual(show(found.map((o) => [o.start, o.end])), show(want), `in:\n${text}`);
  for (const o of found) assert.equal(o.port, Number(text.slice(o.start, o.end)), `value of ${text.slice(o.start, o.end)}`);
  return found;
}

describe('recall fixes in config finders', () => {
  describe('HCL and TOML', () => {
    it('does not read every number of a Vault/Consul `listener` block as a port', () => {
      expectPorts('terraform', 'listener "tcp" {\n  address     = "0.0.0.0:«8200»"\n  tls_disable = 1\n  max_request_size = 33554432\n}\n');
      expectPorts('terraform', 'listen {\n  workers = 4\n  addr = "127.0.0.1:«8210»"\n}\n');
    });

    it('still reads every number of a block named by a port key', () => {
      expectPorts('terraform', 'ports {\n  internal = «80»\n  external = «8080»\n}\n');
      expectPorts('terraform', 'resource "docker_container" "web" {\n  count = 2\n  ports {\n    internal = «3000»\n  }\n}\n');
    });

    it('reads the bounds of inline tables in a TOML port list (frp allowPorts)', () => {
      expectPorts('toml', 'allowPorts = [\n  { start = «2000», end = «3000» },\n  { single = «3001» },\n  { start = «4000», end = «45000» }\n]\nmaxPortsPerClient = 10\n');
      expectPorts('toml', 'allowPorts = [{ start = «2000», end = «3000» }, { single = «3001» }]\n');
    });

    it('leaves the other fields of an inline table in a port list alone', () => {
      expectPorts('toml', 'ports = [\n  { port = «8080», weight = 5, protocol = "tcp" },\n  { name = "x2", count = 3 }\n]\n');
      expectPorts('terraform', 'ports = [{ internal = «80», external = «8080», ttl = 30 }]\n');
    });

    it('reads camelCase keys whose last word Port follows an acronym (frp vhostHTTPPort)', () => {
      expectPorts('toml', 'bindPort = «7000»\nvhostHTTPPort = «80»\nvhostHTTPSPort = «443»\nmaxPoolCount = 5\n');
      assert.equal(isPortKey('vhostHTTPPort'), true);
      assert.equal(isPortKey('SSHPort'), true);
      assert.equal(isPortKey('webServer.JMXPort'), true);
    });

    it('does not read all-capital words ending in PORT as port keys', () => {
      for (const k of ['EXPORT', 'SUPPORT', 'TRANSPORT', 'PASSPORT', 'REPORT', 'techSupport', 'reExport', 'HTTPSupport']) {
        assert.equal(isPortKey(k), false, k);
      }
      expectPorts('toml', 'EXPORT = 3\ntechSupport = 12\nHTTPSupport = 1\n');
    });
  });

  describe('YAML', () => {
    it('reads `number` in an entry of a ports list (Istio ServiceEntry, Gateway)', () => {
      expectPorts('yaml', 'kind: ServiceEntry\nspec:\n  hosts:\n    - pg.rds.example.com\n  ports:\n    - number: «5432»\n      name: tcp-postgres\n      protocol: TCP\n');
      const [p] = expectPorts('yaml', 'spec:\n  ports:\n    - number: «53»\n      protocol: UDP\n');
      assert.equal(p.protocol, 'udp');
    });

    it('does not read `number` outside a ports list', () => {
      expectPorts('yaml', 'spec:\n  replicas:\n    - number: 3\n  items:\n    - number: 8080\n');
    });

    it('reads `lo:hi` under a singular port key as a range (ufw, iptables)', () => {
      const found = expectPorts('yaml', 'ufw_rules:\n  - { rule: allow, port: «22», proto: tcp }\n  - { rule: allow, port: "«60000»:«61000»", proto: udp, comment: mosh }\n');
      assert.deepEqual([found[1].rangeLo, found[1].rangeHi, found[2].rangeLo, found[2].rangeHi], [60000, 61000, 60000, 61000]);
      expectPorts('yaml', 'rules:\n  - port: "«6000»:«6007»/tcp"\n');
    });

    it('reads colon pairs as ranges only under a port key, and only when they ascend to a port', () => {
      expectPorts('yaml', 'rules:\n  - port: «443»\n    window: "10:30"\n    ratio: "1:2"\n    export: "1000:2000"\n  - port: "1:2:3"\n  - port: "70000:80000"\n');
    });

    it('keeps Compose `HOST:CONTAINER` mappings under ports, whichever number is larger', () => {
      const found = expectPorts('compose', 'services:\n  web:\n    image: nginx\n    ports:\n      - "«80»:«8080»"\n      - "«9000»:«90»"\n');
      assert.deepEqual(found.map((o) => [o.port, o.role, o.rangeLo]), [[80, 'host', undefined], [8080, 'container', undefined], [9000, 'host', undefined], [90, 'container', undefined]]);
    });

    it('reads a port directive written by Ansible lineinfile, replace, blockinfile or copy', () => {
      expectPorts('yaml', '- name: Move sshd\n  ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: \'^#?Port \'\n    line: "Port «2222»"\n    mode: "0644"\n');
      expectPorts('yaml', '- lineinfile:\n    regexp: "^#?Port «22»$"\n    line: Listen «8080»\n');
      expectPorts('yaml', '- lineinfile:\n    path: /etc/postgresql/16/main/postgresql.conf\n    line: "port = «5433»"\n');
      expectPorts('yaml', '- lineinfile:\n    path: /etc/sysctl.d/99-ports.conf\n    line: "net.ipv4.ip_local_port_range = «10240» «65000»"\n- lineinfile:\n    line: net.ipv4.ip_local_reserved_ports = «8080»,«9090»\n');
      expectPorts('yaml', '- blockinfile:\n    path: /etc/nginx/conf.d/status.conf\n    block: ¦\n      server {\n        listen «8081»;\n        keepalive_timeout 65;\n      }\n'.replace('¦', '|'));
      expectPorts('yaml', '- copy:\n    dest: /etc/ssh/sshd_config.d/10-port.conf\n    mode: "0600"\n    content: ¦\n      Port «2222»\n      MaxAuthTries 3\n      ClientAliveInterval 300\n'.replace('¦', '|'));
    });

    it('does not read other lines written by Ansible as ports', () => {
      expectPorts('yaml', '- lineinfile:\n    line: "MaxAuthTries 3"\n    regexp: "^Timeout 300"\n- lineinfile:\n    line: "Port8080 is closed"\n- lineinfile:\n    line: "port = 99999999"\n    mode: "0644"\n- lineinfile:\n    line: "MaxStartups 10:30:100"\n- lineinfile:\n    line: "net.core.somaxconn = 4096"\n');
      expectPorts('yaml', '- copy:\n    content: ¦\n      vm.swappiness = 10\n      net.core.somaxconn = 4096\n      Support 42\n'.replace('¦', '|'));
    });
  });

  describe('Caddy finder on a CoreDNS Corefile', () => {
    it('reads the port of server block keys: the root zone, reverse zones, names and tls://', () => {
      expectPorts('caddy', '.:«53» {\n    errors\n}\n\n10.in-addr.arpa:«53» {\n    cache 3600\n}\n\n0.168.192.in-addr.arpa.:«5353» {\n    whoami\n}\n\nconsul:«53» {\n    cache 5\n}\n\ntls://.:«853» {\n    tls /etc/coredns/dot.crt /etc/coredns/dot.key\n}\n');
    });

    it('reads bare :PORT arguments and forward targets, but no durations, sizes or counts', () => {
      expectPorts('caddy', '.:«53» {\n    health {\n        lameduck 5s\n    }\n    ready :«8181»\n    log . "{remote}:{port} - {>id} {type} {size} {rcode} {duration}"\n    prometheus :«9153»\n    forward . 10.20.0.2:«53» 10.20.0.3:«53» {\n        max_concurrent 1000\n        health_check 5s\n    }\n    cache 30 {\n        success 9984 300\n        prefetch 10 1m 10%\n    }\n    reload 30s 5s\n}\n');
    });

    it('does not take an IP address or a digit-only name for a zone', () => {
      expectPorts('caddy', '10.0.0.1:«8080» {\n    respond "ok" 200\n}\n');
      expectPorts('caddy', 'example.com {\n    header Cache-Control max-age=3600\n    respond "1:2 ratio" 200\n    encode zstd gzip\n}\n');
    });
  });

  describe('nginx finder on OpenResty Lua blocks', () => {
    it('reads the ports a Lua block connects to, and none of its timeouts, counts or status codes', () => {
      expectPorts('nginx', [
        'location /api/ {',
        '    access_by_lua_block {',
        '        local redis = require "resty.redis"',
        '        local red = redis:new()',
        '        red:set_timeouts(1000, 1000, 1000)',
        '        local ok, err = red:connect("127.0.0.1", «6379»)',
        '        if not ok then return ngx.exit(502) end',
        '        local hits = red:incr("rl:" .. ngx.var.remote_addr)',
        '        if tonumber(hits) > 100 then return ngx.exit(429) end',
        '        red:set_keepalive(10000, 100)',
        '    }',
        '    proxy_pass http://backend:«8080»;',
        '}',
        'location /session {',
        '    content_by_lua_block {',
        '        local sock = ngx.socket.tcp()',
        '        sock:settimeout(2000)',
        '        local ok, err = sock:connect("memcached.internal", «11211»)',
        '        sock:setkeepalive(60000, 50)',
        '    }',
        '}',
      ].join('\n') + '\n');
    });

    it('finds the end of a Lua block past braces in strings, long strings and comments', () => {
      expectPorts('nginx', [
        'server {',
        '    content_by_lua_block {',
        '        local t = { a = 1, b = { c = 2 } }',
        '        ngx.say("}}} 8080 }")',
        '        local s = [==[ } 9090 ]] } ]==]',
        '        -- } a comment with 7070',
        '        --[[ } and a long one ]]',
        '        ngx.say(#t, \'}\')',
        '    }',
        '    listen «8443» ssl;',
        '}',
        'upstream app {',
        '    server 10.0.0.5:«9000» weight=3;',
        '}',
      ].join('\n') + '\n');
    });

    it('survives a Lua block that is never closed', () => {
      expectPorts('nginx', 'server {\n    listen «80»;\n    rewrite_by_lua_block {\n        local x = "}\n        ngx.sleep(5)\n');
    });
  });
});
