import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';
import { isAddressKey, isCommandKey, isConfigPortKey, roleForKey } from '../../server/src/service/scan/vocabulary/keys';
import { isPortKey } from '../../server/src/service/scan/vocabulary/common';

// The key/value family of finders (dotenv, key/value, TOML, systemd, /etc/services, ssh) read keys and
// words where they stand, by character codes, instead of slicing and lower-casing them. These cases
// pin what a user sees through the paths that rewrite took: any case, quoted keys, bracketed keys,
// non-ASCII keys (which still go through the string functions), and the words of command lines.

/** The ports found, as `value:role` (and `/protocol` when stated), in document order. */
function ports(format: FormatId, text: string): string[] {
  return findPorts(format, text, (e) => {
    throw e;
  })
    .filter((o: PortOccurrence) => o.kind === 'port')
    .map((o) => `${o.port}:${o.role}${o.protocol ? '/' + o.protocol : ''}`);
}

describe('key/value finders read keys in place', () => {
  it('tells port keys in any case, with separators, camelCase, brackets and quotes', () => {
    for (const k of ['PORT', 'port', 'Ports', 'DB_PORT', 'http-port', 'server.port', 'containerPort', 'HOSTPORT', 'pgport', ' port ', 'env[DB_PORT]', "'listen'", 'listener', 'ssh_port_range', 'portRanges']) {
      assert.ok(isConfigPortKey(k), k);
    }
    for (const k of ['support', 'transport', 'export', 'passport', 'Passport', 'sport', 'portal', 'port.x', 'ports]', 'range', '']) {
      assert.ok(!isConfigPortKey(k), k);
    }
    assert.ok(isPortKey('ﬀ_port'), 'a non-ASCII key still ends in a port word');
    assert.ok(!isPortKey('portﬀ'));
  });

  it('tells address, command and connect keys by their words', () => {
    assert.ok(isAddressKey('listenAddr'));
    assert.ok(isAddressKey('REDIS_URL'));
    assert.ok(isAddressKey('"upstream.servers"'));
    assert.ok(!isAddressKey('hostname_suffix_x'.replace('hostname', 'hostnames')));
    assert.ok(isCommandKey('ExecStart'));
    assert.ok(isCommandKey('JAVA_OPTS'));
    assert.ok(isCommandKey('extra-Args'));
    assert.ok(!isCommandKey('restart'));
    assert.ok(!isCommandKey('opts_file'));
    assert.equal(roleForKey('REDIS_PORT'), 'connect');
    assert.equal(roleForKey('redisPort'), 'connect');
    assert.equal(roleForKey('SERVER_PORT'), 'listen');
    assert.equal(roleForKey('"db_port"'), 'connect');
  });

  it('reads .env keys, exported, quoted or with unusual characters', () => {
    assert.deepEqual(ports('dotenv', 'PORT=3000\nexport DB_PORT="5432"\nAPI_PORT = 8080 # api\n'), ['3000:listen', '5432:connect', '8080:connect']);
    assert.deepEqual(ports('dotenv', 'DATABASE_URL=postgres://db:5432/app\nTIMEOUT=30\n'), ['5432:connect']);
    // A key with a space is not a key: the line is read as text, where `PORT=3000` still reads as a port.
    assert.deepEqual(ports('dotenv', 'MY PORT=3000\n'), ['3000:listen']);
    assert.deepEqual(ports('dotenv', 'MY SIZE=3000\n'), []);
    // A non-breaking space around the key is trimmed as before.
    assert.deepEqual(ports('dotenv', '\u00a0PORT\u00a0=3000\n'), ['3000:listen']);
  });

  it('reads key/value lines, sections and redis positional values', () => {
    assert.deepEqual(ports('keyvalue', '[client]\nport = 3306\n[mysqld]\nport = 3307\n'), ['3306:connect', '3307:listen']);
    assert.deepEqual(ports('keyvalue', 'REPLICAOF 10.0.0.1 6380\nSentinel monitor main 10.0.0.2 26379 2\n'), ['6380:connect', '26379:connect']);
    assert.deepEqual(ports('keyvalue', 'listener 8883 0.0.0.0\nports = 80, 443\nmax_connections = 100\n'), ['8883:listen', '80:listen', '443:listen']);
    assert.deepEqual(ports('keyvalue', 'port = 8080, x\n'), []);
  });

  it('reads systemd keys in any case, exec prefixes and continuation lines', () => {
    const unit = [
      'LISTENSTREAM=0.0.0.0:8080',
      'listenDatagram=53',
      'ExecStart=-/usr/bin/app --port 9000 \\',
      '  --metrics-addr :9100',
      'Environment="PORT=3000" WORKERS=4',
      'TimeoutStartSec=300',
      'SocketBindAllow=tcp:8443',
      'PublishPort=127.0.0.1:8081:80/udp',
      'Description=serves on localhost:7000',
      // A key named like a property every object inherits is an ordinary key (it once read as a listen address).
      'Constructor=8080',
    ].join('\n');
    assert.deepEqual(ports('systemd', unit), [
      '8080:listen/tcp', '53:listen/udp', '9000:listen', '9100:listen', '3000:listen', '8443:listen/tcp', '8081:host/udp', '80:container/udp',
      '7000:connect',
    ]);
  });

  it('reads command words: flags, variables, breaks and http.server', () => {
    const cmd = (c: string) => ports('systemd', `ExecStart=${c}`);
    assert.deepEqual(cmd('/bin/sh -c "PORT=3000 node app.js"'), ['3000:listen']);
    assert.deepEqual(cmd('/bin/sh -c "SIZE=3000 node app.js"'), []);
    assert.deepEqual(cmd('/usr/bin/env PORT=3000 node app.js'), ['3000:listen']);
    // psql connects to the port it is given, as it does in a shell script.
    assert.deepEqual(cmd('psql -p5432 && python -m http.server 8000'), ['5432:connect', '8000:listen']);
    assert.deepEqual(cmd('ps -p 1234; nc -z db 5432'), ['5432:connect']);
    // The protocol suffix applies to the whole mapping, both its sides.
    assert.deepEqual(cmd('docker run -p 8080:80 -p 127.0.0.1:9000:9000/tcp img'), ['8080:host', '80:container', '9000:host/tcp', '9000:container/tcp']);
    assert.deepEqual(cmd('java -Dserver.port=8081 -jar app.jar'), ['8081:listen']);
    assert.deepEqual(cmd('gunicorn --bind=0.0.0.0:8000 -b :8001'), ['8000:listen', '8001:listen']);
  });

  it('reads /etc/services name and port, and ssh keywords in any case', () => {
    const services = findPorts('services', 'http            80/tcp    www  # web\n"odd name" 81/udp\nbroken  x80/tcp\n');
    assert.deepEqual(services.map((o) => `${o.kind}:${o.name ?? o.port}${o.protocol ? '/' + o.protocol : ''}`), [
      'service:http/tcp', 'port:80/tcp', 'service:"odd name"/udp', 'port:81/udp',
    ]);
    const ssh = 'Host bastion\n  PORT 2222\n  localforward 8080 localhost:80\n  ProxyJump admin@jump:2200\n  ServerAliveInterval 60\n  proxycommand ssh -p 22 -W %h:%p gw\n';
    // The ProxyCommand's `ssh -p 22` connects to the gateway, as the same command does in a shell script.
    assert.deepEqual(ports('ssh', ssh), ['2222:connect', '8080:listen', '80:connect', '2200:connect', '22:connect']);
  });
});
