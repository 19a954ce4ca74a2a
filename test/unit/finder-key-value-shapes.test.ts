import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';

// Shapes real files have that the key/value finders used to miss: Samba's keys of several
// words, unbound's `host@port`, address flags named by their last word, and Postfix master.cf service
// lines. Each rule has look-alikes beside it that must stay silent.

/** The occurrences found, as `text@offset:role`, in document order. */
function found(format: FormatId, text: string): string[] {
  return findPorts(format, text, (e) => {
    throw e;
  }).map((o) => `${text.slice(o.start, o.end)}@${o.start}:${o.role}${o.kind === 'port' ? '' : `:${o.kind}`}`);
}

describe('INI keys of several words', () => {
  it('reads every number after a multi-word port key such as Samba smb ports', () => {
    assert.deepEqual(found('keyvalue', '[global]\n   smb ports = 445 139\n'), ['445@24:listen', '139@28:listen']);
    assert.deepEqual(found('keyvalue', 'smb ports=445\n'), ['445@10:listen']);
    // The words of the key give the role, and a client section still makes it a connect target.
    assert.deepEqual(found('keyvalue', 'remote db port = 5432\n'), ['5432@17:connect']);
    assert.deepEqual(found('keyvalue', '[client]\nserver port = 3306\n'), ['3306@23:connect']);
  });

  it('leaves other multi-word keys and Key value lines without = as they were', () => {
    for (const text of [
      'max log size = 1000\n', 'deadtime = 15\n', 'server min protocol = SMB2_10\n', 'keepalive 10 120\n',
      'socket options = TCP_NODELAY SO_RCVBUF=131072\n', 'interfaces = 192.168.1.0/24 eth0\n', 'tcp-keepalive 300\n',
      'transport list = 12 13\n', 'export port list = 1 2\n',
    ]) {
      assert.deepEqual(found('keyvalue', text), [], text);
    }
    // A number among the words keeps the first word as the key (torrc), and so do sshd-like lines.
    assert.deepEqual(found('keyvalue', 'SocksPort 9050 IsolateDestAddr=1\n'), ['9050@10:listen']);
  });
});

describe('host@port', () => {
  it('reads the digits after an IP address and @ as the port to connect to, up to # or the end', () => {
    const unbound = 'forward-zone:\n    forward-addr: 1.1.1.1@853#cloudflare-dns.com\n    stub-addr: 192.168.1.1@53\n';
    assert.deepEqual(found('keyvalue', unbound), [`853@${unbound.indexOf('853')}:connect`, `53@${unbound.indexOf('@53') + 1}:connect`]);
    assert.deepEqual(found('keyvalue', 'forward-addr: 2620:fe::fe@853#dns.quad9.net\n'), ['853@26:connect']);
    assert.deepEqual(found('keyvalue', 'forward-addr: dns.quad9.net@853\n'), ['853@28:connect']);
    assert.deepEqual(found('keyvalue', 'interface: 0.0.0.0@5353\n'), ['5353@19:listen']);
  });

  it('leaves e-mail addresses, ssh users, package versions and haproxy prefixes as they were', () => {
    for (const text of [
      'admin = root@10.0.0.1\n', 'dep = lodash.merge@4\n', 'mail = ops@example.com\n', 'x = 1.2.3.4@053\n',
      'v = 1.2.3.4@99999999\n', 'remote = git@github.com:org/repo.git\n', 'note = user@10\n', 'pkg = name@1.2.3.4@5x\n',
    ]) {
      assert.deepEqual(found('keyvalue', text), [], text);
    }
    assert.deepEqual(found('keyvalue', 'bind = ipv4@:80\n'), ['80@13:listen']);
    assert.deepEqual(found('keyvalue', 'nodes = 10.0.6.11:7001@17001\n'), ['7001@18:connect', '17001@23:connect']);
  });
});

describe('address flags named by their last word', () => {
  it('reads :PORT after --console-address, --metrics-addr and --web.listen-address as a listen port', () => {
    assert.deepEqual(found('dotenv', 'MINIO_OPTS="--address :9000 --console-address :9001"\n'), ['9000@23:listen', '9001@47:listen']);
    assert.deepEqual(found('dotenv', 'OPTS="--admin-listen=127.0.0.1:9901 --probe_addr :8081"\n'), ['9901@31:listen', '8081@50:listen']);
  });

  it('leaves other address-like flags and bare numbers alone', () => {
    for (const text of [
      'OPTS="--mac-address 02:42:ac:11:00:02"\n', 'OPTS="--email-address ops@example.com"\n', 'OPTS="--ip-address 10.0.0.5"\n',
      'OPTS="--console-address 9001"\n', 'OPTS="--address-pool 10.0.0.0/8 --addresses-max 5"\n',
    ]) {
      assert.deepEqual(found('dotenv', text), [], text);
    }
  });
});

describe('Postfix master.cf service lines', () => {
  const master = [
    'smtp      inet  n       -       y       -       -       smtpd',
    '2525      inet  n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/alt-smtp',
    'pickup    unix  n       -       y       60      1       pickup',
    '127.0.0.1:10025 inet n  -       n       -       -       smtpd',
    'relay     unix  -       -       y       -       -       smtp',
    '  -o smtp_fallback_relay=[relay.example.com]:2525',
    '',
  ].join('\n');

  it('reads the first column of an inet service as what Postfix listens on', () => {
    assert.deepEqual(found('keyvalue', master), [
      'smtp@0:listen:service', `2525@${master.indexOf('2525')}:listen`, `10025@${master.indexOf('10025')}:listen`, `2525@${master.lastIndexOf('2525')}:connect`,
    ]);
    assert.deepEqual(found('keyvalue', 'localhost:10026 inet n - n - - smtpd\n'), ['10026@10:listen']);
  });

  it('leaves unix services, counts and lines that only look like one alone', () => {
    for (const text of [
      'pickup    unix  n       -       y       60      1       pickup\n', 'inet_interfaces = all\n', '2525 inet interface\n',
      'qmgr      unix  n       -       n       300     1       qmgr\n', '2525 inet x - y - - smtpd\n', 'service 2525 inet\n',
    ]) {
      assert.deepEqual(found('keyvalue', text), [], text);
    }
  });
});
