import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';

// Shapes of key/value configuration files that real projects have and the finders used to miss (or,
// for the statsd line, to read as a port): each case asserts the digits a user would see recognised,
// and near each rule the look-alikes that must stay silent.

/** The ports found, as the text of each occurrence with its offset (`2888@22`), in document order. */
function found(format: FormatId, text: string): string[] {
  return findPorts(format, text, (e) => {
    throw e;
  })
    .filter((o) => o.kind === 'port')
    .map((o) => `${text.slice(o.start, o.end)}@${o.start}`);
}

/** The ports found as values only (`2888`), for cases where offsets add nothing. */
function values(format: FormatId, text: string): string[] {
  return found(format, text).map((s) => s.slice(0, s.indexOf('@')));
}

describe('key/value recall: host:port shapes in values', () => {
  it('reads a chain of ports after one host (ZooKeeper server.N)', () => {
    const text = 'server.1=zk1.internal:2888:3888\nserver.3=10.0.4.13:2888:3888;2181\n';
    assert.deepEqual(found('keyvalue', text), ['2888@22', '3888@27', '2888@51', '3888@56', '2181@61']);
    // A role word may stand between the ports and the client port; an address may follow `;`.
    assert.deepEqual(values('keyvalue', 'server.4=zk4.example.com:2888:3888:observer;0.0.0.0:2181\n'), ['2888', '3888', '2181']);
  });

  it('leaves chains that are source positions, times or bare mappings alone', () => {
    for (const text of [
      'where = main.go:10:5\n', 'at = src/app.ts:120:14\n', 'time = 10:30:45\n', 'map = 8080:80\n',
      'x = zk1:2888:3888\n', 'v = fe80:abcd:1234\n', 'y = zk1.internal:2888:3888x\n',
    ]) {
      assert.deepEqual(values('keyvalue', text), [], text);
    }
  });

  it('keeps a docker mapping after an address a mapping of host and container ports', () => {
    const roles = findPorts('shell', 'docker run -p 127.0.0.1:5432:5432/tcp postgres\n').map((o) => o.role);
    assert.deepEqual(roles, ['host', 'container']);
  });

  it('reads the cluster bus port of a Redis Cluster node (`ip:port@cport`)', () => {
    const line = 'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 10.0.6.11:7001@17001 myself,master - 0 0 1 connected 0-5460\n';
    assert.deepEqual(found('keyvalue', line), ['7001@51', '17001@56']);
    assert.deepEqual(values('keyvalue', 'x 10.0.6.12:7002@17002,redis-2.internal master\n'), ['7002', '17002']);
    // Credentials before a host are not a port and a bus port.
    assert.deepEqual(values('keyvalue', 'dsn = admin:12345@10.0.0.5\nx = admin:4321@db\n'), []);
  });

  it('reads a placeholder host before :port', () => {
    assert.deepEqual(found('keyvalue', 'ha_listen_address = "${POD_IP}:9094"\n'), ['9094@31']);
    assert.deepEqual(values('keyvalue', 'a = {{ .Values.redis.host }}:6379\nb = $(NODE_IP):10250\nc = %(host)s:5432\n'), ['6379', '10250', '5432']);
    // In an address key a low port counts too, as it does after a bare host name.
    assert.deepEqual(values('keyvalue', 'listen_addr = ${BIND}:80\n'), ['80']);
  });

  it('leaves placeholders that are times, tags or unclosed text alone', () => {
    for (const text of [
      'at = ${hour}:05\n', 'image = app:${TAG}\n', 'x = ${A}b}:8080\n', 'y = ${HOST}:80\n', 'z = %(x):5432\n',
    ]) {
      assert.deepEqual(values('keyvalue', text), [], text);
    }
  });

  it('reads a bracketed host and a transport word before host:port (postfix)', () => {
    assert.deepEqual(found('keyvalue', 'content_filter = smtp-amavis:[127.0.0.1]:10024\n'), ['10024@41']);
    assert.deepEqual(found('keyvalue', 'smtpd_milters = inet:localhost:8891, inet:127.0.0.1:11332\n'), ['8891@31', '11332@52']);
    assert.deepEqual(values('keyvalue', 'relayhost = [smtp.sendgrid.net]:587\n'), ['587']);
  });

  it('needs a clear host after a transport word', () => {
    for (const text of ['x = lmtp:unix:private/dovecot-lmtp\n', 'y = inet:db:8891\n', 'z = a1:b2:c3:8080\n', 'w = 12:ab.cd:8080\n']) {
      assert.deepEqual(values('keyvalue', text), [], text);
    }
  });

  it('does not read a statsd metric `name:value|type` as a port', () => {
    assert.deepEqual(values('code', 'send(new TextEncoder().encode("notes.alive:1|c"));\n'), []);
    assert.deepEqual(values('keyvalue', 'sample = api.requests:1200|ms\ngauge = "queue.depth:3|g|#env:prod"\n'), []);
    // A pipe that ends a table cell or a pipeline still ends a port.
    assert.deepEqual(values('markdown', '| api | api.internal:8080 |\n'), ['8080']);
    assert.deepEqual(values('keyvalue', 'row = | api.internal:8080|Web |\nrun = echo db.internal:5432|grep x\n'), ['8080', '5432']);
  });
});

describe('key/value recall: keys and positional values', () => {
  it('reads RabbitMQ listeners by protocol, `default` or number', () => {
    const text = 'listeners.tcp.default = 5672\nlisteners.ssl.default = 5671\nmqtt.listeners.tcp.default = 1883\nlisteners.tcp.2 = 5673\n';
    assert.deepEqual(found('keyvalue', text), ['5672@24', '5671@53', '1883@87', '5673@110']);
  });

  it('leaves limits under a listeners key and listener-less keys alone', () => {
    const text = 'listeners.tcp.backlog = 128\nlistener.timeout = 30\nnum_acceptors.tcp = 10\nssl_options.versions.1 = 3\ntcp.default = 5\n';
    assert.deepEqual(values('keyvalue', text), []);
  });

  it('reads a host then a port as the whole value (openvpn management, port-share, remote)', () => {
    const text = 'management 127.0.0.1 7505\nport-share 127.0.0.1 8443\nremote vpn.example.com 1194\n';
    assert.deepEqual(found('keyvalue', text), ['7505@21', '8443@47', '1194@75']);
    const o = findPorts('keyvalue', 'remote vpn2.example.com 443 tcp-client\nremote 203.0.113.7 1194 udp\n');
    assert.deepEqual(o.map((p) => `${p.port}/${p.protocol}`), ['443/tcp', '1194/udp']);
  });

  it('leaves routes, masks, counts, files and longer values alone', () => {
    for (const text of [
      'route 10.8.0.0 255.255.255.0\n', 'server 10.8.0.0 255.255.255.0\n', 'keepalive 10 120\n', 'route 10.0.0.0 24\n',
      'tls-auth ta.key 0\n', 'status openvpn-status.log 30\n', 'logger com.Example.app 3\n', 'dh 10.0.0.1 0\n',
      'push "route 192.168.10.0 255.255.255.0"\n', 'pool a.example.com 4 iburst\n', 'x 300.1.1.1 8080\n',
      'remote vpn.example.com udp\n', 'x a.example.com 80 http\n',
    ]) {
      assert.deepEqual(values('keyvalue', text), [], text);
    }
  });

  it('reads a port range after a port word (squid acl)', () => {
    assert.deepEqual(found('keyvalue', 'acl Safe_ports port 1025-65535\t# unregistered ports\n'), ['1025@20', '65535@25']);
    const o = findPorts('keyvalue', 'acl Safe_ports port 1025-65535\n').filter((p) => p.kind === 'port');
    assert.deepEqual(o.map((p) => [p.rangeLo, p.rangeHi]), [[1025, 65535], [1025, 65535]]);
  });

  it('leaves dates and reversed ranges after a port word alone', () => {
    assert.deepEqual(values('keyvalue', 'acl x port 2024-01-01\nacl y port 90-80\nacl z port 80-90x\n'), []);
  });

  it('reads the addresses of an Apache <VirtualHost>', () => {
    const text = '<VirtualHost _default_:443>\n<VirtualHost *:80 10.0.2.15:8080>\n<VirtualHost example.com>\n';
    assert.deepEqual(found('keyvalue', text), ['443@23', '80@43', '8080@56']);
    assert.deepEqual(values('keyvalue', 'name = _default_:443\n<Directory /var/www:80>\n'), []);
  });

  it('reads keys that bound a range of ports (sysctl, RTP)', () => {
    const text = 'net.ipv4.ip_unprivileged_port_start = 80\nrtp_port_max = 20000\nrtpPortMin = 10000\nPORT_END=9100\n';
    assert.deepEqual(found('keyvalue', text), ['80@38', '20000@56', '10000@75', '9100@90']);
  });

  it('leaves bounds of other words alone', () => {
    const text = 'support_max = 5\nexport_start = 10\nport_max_retries = 3\nreport_end = 12\nsession_min = 30\n';
    assert.deepEqual(values('keyvalue', text), []);
  });

  it('reads Tor ports written as `Key value` with an acronym before Port', () => {
    const text = 'SocksPort 9150 IsolateDestAddr\nControlPort 9051\nORPort 9001\nDirPort 9030\nExportStats 1\n';
    assert.deepEqual(values('keyvalue', text), ['9150', '9051', '9001', '9030']);
  });
});
