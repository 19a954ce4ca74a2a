import assert from 'node:assert/strict';
import { parseLsofFields, parseNetshExcluded, parseNetstatWindows, parseProcNet, parseTasklistCsv, procAddress } from '../../server/src/service/machine/parse';

// Outputs written from each source's documented format (proc(5), lsof(8) "OUTPUT FOR OTHER PROGRAMS",
// Windows netstat/netsh/tasklist references), with the rows that must not count as listeners beside those that do.

const PROC_TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 40001 1 0000000000000000 100 0 0 10 0
   2: 0100007F:0CEA 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 51299 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:1F91 0100007F:C350 06 00000000:00000000 03:00000F2A 00000000     0        0 0 3 0000000000000000
`;

const PROC_TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 60001 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:18EB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 60002 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:2328 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 60003 1 0000000000000000 100 0 0 10 0
   3: 00000000000000000000000001000000:18EB 00000000000000000000000001000000:E2A4 01 00000000:00000000 00:00000000 00000000  1000        0 60004 1 0000000000000000 20 4 30 10 -1
`;

const PROC_UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  123: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 30001 2 0000000000000000 0
  456: 0100007F:14E9 0100007F:0035 01 00000000:00000000 00:00000000 00000000  1000        0 30002 2 0000000000000000 0
`;

const LSOF = `p123
cControlCenter
f7
PTCP
n*:7000
TST=LISTEN
TQR=0
TQS=0
f8
PTCP
n*:5000
TST=LISTEN
p456
cnode
f21
PTCP
n127.0.0.1:3000
TST=LISTEN
f22
PTCP
n127.0.0.1:3000->127.0.0.1:50123
TST=ESTABLISHED
f23
PUDP
n*:5353
f24
PUDP
n192.168.1.2:5353->224.0.0.251:5353
p789
cGoogle\\x20Chrome
f30
PTCP
n[::1]:9222
TST=LISTEN
f31
PTCP
n[::1]:9223
TST=CLOSE_WAIT
`;

const NETSTAT_EN = `
Active Connections

  Proto  Local Address          Foreign Address        State           PID
  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1020
  TCP    127.0.0.1:3000         0.0.0.0:0              LISTENING       4321
  TCP    127.0.0.1:3000         127.0.0.1:52000        ESTABLISHED     4321
  TCP    127.0.0.1:52000        127.0.0.1:3000         TIME_WAIT       0
  TCP    [::]:445               [::]:0                 LISTENING       4
  UDP    0.0.0.0:5353           *:*                                    2345
  UDP    [::1]:1900             *:*                                    5678
  UDP    192.168.1.5:60000      10.0.0.1:53                            2345
`;

const NETSTAT_DE = `
Aktive Verbindungen

  Proto  Lokale Adresse         Remoteadresse          Status           PID
  TCP    0.0.0.0:5040           0.0.0.0:0              ABHÖREN         7766
  TCP    192.168.1.5:49702      20.50.2.3:443          HERGESTELLT     9001
  TCP    192.168.1.5:49703      20.50.2.3:443          WARTEND         0
`;

const NETSH_EN = `
Protocol tcp Port Exclusion Ranges

Start Port    End Port
----------    --------
      5357        5357
     50000       50059     *
     50060       50159

* - Administered port exclusions.

`;

const NETSH_DE = `
Protokoll tcp Portausschlussbereiche

Startport    Endport
----------    --------
      1080        1179
      2869        2869

* - Verwaltete Portausschlüsse.
`;

describe('this machine: parsers of what each platform tells', () => {
  it('reads /proc/net addresses in host byte order, IPv6 compressed and IPv4-mapped as IPv4', () => {
    assert.equal(procAddress('0100007F'), '127.0.0.1');
    assert.equal(procAddress('00000000'), '0.0.0.0');
    assert.equal(procAddress('00000000000000000000000000000000'), '::');
    assert.equal(procAddress('00000000000000000000000001000000'), '::1');
    assert.equal(procAddress('0000000000000000FFFF00000100007F'), '127.0.0.1');
    assert.equal(procAddress('000080FE00000000FF005452563412FE'), 'fe80::5254:ff:fe12:3456');
  });

  it('takes listening TCP rows from /proc/net/tcp and tcp6, not established or TIME_WAIT ones', () => {
    const v4 = parseProcNet(PROC_TCP, 'tcp');
    assert.deepEqual(v4.map((s) => `${s.address}:${s.port} uid=${s.uid} inode=${s.inode}`), ['127.0.0.1:3306 uid=1000 inode=51234', '0.0.0.0:8080 uid=0 inode=40001']);
    const v6 = parseProcNet(PROC_TCP6, 'tcp');
    assert.deepEqual(v6.map((s) => `${s.address}:${s.port}`), [':::5432', '::1:6379', '127.0.0.1:9000']);
  });

  it('takes bound, unconnected UDP sockets and leaves a connected one (a client) out', () => {
    assert.deepEqual(parseProcNet(PROC_UDP, 'udp').map((s) => `${s.protocol} ${s.address}:${s.port}`), ['udp 0.0.0.0:68']);
  });

  it('reads lsof field output: listeners and unconnected UDP, with process names, not connections', () => {
    const found = parseLsofFields(LSOF).map((s) => `${s.process}/${s.pid} ${s.protocol} ${s.address}:${s.port}`);
    assert.deepEqual(found, [
      'ControlCenter/123 tcp *:7000',
      'ControlCenter/123 tcp *:5000',
      'node/456 tcp 127.0.0.1:3000',
      'node/456 udp *:5353',
      'Google Chrome/789 tcp ::1:9222',
    ]);
  });

  it('reads Windows netstat -ano by its address columns, so a localized state column does not matter', () => {
    assert.deepEqual(parseNetstatWindows(NETSTAT_EN).map((s) => `${s.protocol} ${s.address}:${s.port} pid=${s.pid}`), [
      'tcp 0.0.0.0:135 pid=1020', 'tcp 127.0.0.1:3000 pid=4321', 'tcp :::445 pid=4', 'udp 0.0.0.0:5353 pid=2345', 'udp ::1:1900 pid=5678',
    ]);
    assert.deepEqual(parseNetstatWindows(NETSTAT_DE).map((s) => `${s.address}:${s.port}`), ['0.0.0.0:5040']);
  });

  it('names Windows processes from tasklist CSV', () => {
    const names = parseTasklistCsv('"System Idle Process","0","Services","0","8 K"\r\n"node.exe","4321","Console","1","52,340 K"\r\n');
    assert.equal(names.get(4321), 'node.exe');
    assert.equal(names.get(0), 'System Idle Process');
  });

  it('reads netsh excluded port ranges under English or localized headers, marking administered ones', () => {
    assert.deepEqual(parseNetshExcluded(NETSH_EN, 'tcp'), [
      { protocol: 'tcp', start: 5357, end: 5357, administered: false },
      { protocol: 'tcp', start: 50000, end: 50059, administered: true },
      { protocol: 'tcp', start: 50060, end: 50159, administered: false },
    ]);
    assert.deepEqual(parseNetshExcluded(NETSH_DE, 'udp').map((r) => `${r.protocol} ${r.start}-${r.end}`), ['udp 1080-1179', 'udp 2869-2869']);
    assert.deepEqual(parseNetshExcluded('Start Port    End Port\n   70000   70010\n   9000   8000\n', 'tcp'), []);
  });

  it('skips what it cannot read instead of failing', () => {
    for (const junk of ['', '\n\n', 'garbage 0A 0A', '\u0000'.repeat(100)]) {
      assert.deepEqual(parseProcNet(junk, 'tcp'), []);
      assert.deepEqual(parseLsofFields(junk), []);
      assert.deepEqual(parseNetstatWindows(junk), []);
      assert.deepEqual(parseNetshExcluded(junk, 'tcp'), []);
    }
  });
});
