import assert from 'node:assert/strict';
import { findPorts } from '../../server/src/service/scan';
import { doc, settings, testService } from '../helpers/service';

/**
 * What a user sees in firewall scripts, PowerShell and server code that the shell and code finders
 * used to misread: a range in an iptables rule taken for a Docker mapping (and warned about as a
 * fixed port in the dynamic range), PowerShell's `-LocalPort 49152-65535`, `start_http_server(61000)`
 * unseen, and a Redis client's port taken for one it listens on.
 * A `|` in a source stands right before the digits of a port that must show a hover there; it is taken
 * out of the text first.
 */
const service = testService();
const S = settings();

function open(src: string, name: string) {
  const cursors: number[] = [];
  let text = '';
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '|' && /\d/.test(src[i + 1] ?? '')) cursors.push(text.length);
    else text += src[i];
  }
  const languageId = name.endsWith('.ps1') ? 'powershell' : name.endsWith('.py') ? 'python' : name.endsWith('.sh') ? 'shellscript' : 'plaintext';
  return { d: doc(text, `file:///w/${name}`, languageId), cursors, text };
}

/** Every cursor shows a hover over exactly the digits that follow it. */
function expectHovers(src: string, name: string): void {
  const { d, cursors, text } = open(src, name);
  assert.ok(cursors.length > 0, `no cursor in: ${src}`);
  for (const at of cursors) {
    const h = service.doHover(d, d.positionAt(at), S);
    let end = at;
    while (/\d/.test(text[end] ?? '')) end++;
    assert.ok(h, `no hover on ${text.slice(at, end)} in: ${text}`);
    assert.deepEqual(h.range, { start: d.positionAt(at), end: d.positionAt(end) }, `hover range in: ${text}`);
  }
}

/** No digit run of the text shows a hover. */
function expectNoHover(text: string, name: string): void {
  const { d } = open(text, name);
  for (const m of text.matchAll(/\d+/g)) {
    assert.equal(service.doHover(d, d.positionAt(m.index), S), null, `hover on ${m[0]} in: ${text}`);
  }
}

/** The warnings (and errors) of the text, as `code@line` (1-based). */
function warnings(src: string, name: string): string[] {
  const { d } = open(src, name);
  return service.doValidation(d, S).filter((x) => (x.severity ?? 1) <= 2).map((x) => `${String(x.code)}@${x.range.start.line + 1}`);
}

function messages(src: string, name: string): string[] {
  const { d } = open(src, name);
  return service.doValidation(d, S).filter((x) => (x.severity ?? 1) <= 2).map((x) => (typeof x.message === 'string' ? x.message : x.message.value));
}

describe('finder precision: firewall rules', () => {
  it('reads iptables a:b after port flags as a range: both ends hover, no dynamic-range warning', () => {
    const src = [
      'iptables -A INPUT -p tcp --sport |1024:|65535 --dport |443 -m state --state NEW -j ACCEPT',
      'iptables -A INPUT -p udp --dport |60000:|61000 -j ACCEPT   # mosh',
      'iptables -A OUTPUT -p udp --sport |32768:|60999 --dport |53 -j ACCEPT',
      'ip6tables -A INPUT -p udp -m multiport --dports |5060,|60000:|61000 -j ACCEPT',
      'iptables -A INPUT -p tcp --destination-port |50000:|50010 -j ACCEPT',
      'iptables -A INPUT -p tcp --source-port |50000: -j ACCEPT',
      'iptables -A INPUT -p tcp --sport :|1023 -j DROP',
    ].join('\n');
    expectHovers(src, 'firewall.sh');
    assert.deepEqual(warnings(src, 'firewall.sh'), []);
  });

  it('keeps the protocol the rule names for its ports', () => {
    const { d, text } = open('iptables -A INPUT -p udp --dport 60000:61000 -j ACCEPT', 'fw.sh');
    const scan = service.scan(d, S);
    assert.deepEqual(scan.occurrences.map((o) => [text.slice(o.start, o.end), o.protocol, o.rangeLo, o.rangeHi]), [
      ['60000', 'udp', 60000, 61000],
      ['61000', 'udp', 60000, 61000],
    ]);
  });

  it('still warns on a single firewall port and a published Docker port in the dynamic range', () => {
    // `-p 60000:61000` publishes container port 61000 on host port 60000: one warning, on the host side.
    assert.deepEqual(warnings('iptables -A INPUT -p tcp --dport 50000 -j ACCEPT\ndocker run -p 60000:61000 nginx\n', 'fw.sh'),
      ['dynamicRange@1', 'dynamicRange@2']);
  });

  it('reads ufw, firewall-cmd and nft ranges the same way', () => {
    const src = [
      'ufw allow |60000:|61000/udp',
      'ufw allow |22/tcp',
      'firewall-cmd --permanent --add-port=|60000-|61000/udp',
      'firewall-cmd --permanent --add-forward-port=port=|80:proto=tcp:toport=|8080',
      'nft add rule inet filter input udp dport |60000-|61000 accept',
      'nft add rule inet filter input tcp dport { |22, |80, |443 } accept',
    ].join('\n');
    expectHovers(src, 'fw.sh');
    assert.deepEqual(warnings(src, 'fw.sh'), []);
  });

  it('finds no port in the numbers of other iptables options', () => {
    expectNoHover('iptables -A INPUT -p tcp -m limit --limit 25/minute --limit-burst 100 -j ACCEPT', 'fw.sh');
    expectNoHover('iptables -A INPUT -p 6 -m conntrack --ctstate NEW -j ACCEPT', 'fw.sh');
    expectNoHover('iptables -A INPUT -s 10.0.0.0/8 -m connlimit --connlimit-above 20 -j REJECT', 'fw.sh');
    expectNoHover('nft add table inet filter; nft list ruleset -a 2', 'fw.sh');
  });
});

describe('finder precision: PowerShell', () => {
  it('reads -LocalPort ranges and lists, without a warning on a firewall range', () => {
    const src = [
      'New-NetFirewallRule -DisplayName "RPC" -Direction Inbound -Protocol TCP -LocalPort |49152-|65535 -Action Allow',
      'New-NetFirewallRule -DisplayName "Web" -Direction Inbound -Protocol TCP -LocalPort |80,|443 -Action Allow',
      'New-NetFirewallRule -DisplayName "SIP" -Direction Outbound -Protocol UDP -RemotePort |5060, |5061 -Action Allow',
      'Test-NetConnection -ComputerName db01 -Port |5432',
    ].join('\n');
    expectHovers(src, 'rules.ps1');
    assert.deepEqual(warnings(src, 'rules.ps1'), []);
  });

  it('reads netsh dynamicport start= as the start of a range, and num= as no port', () => {
    const src = 'netsh int ipv4 set dynamicport tcp start=|49152 num=16384\nnetsh int ipv4 show dynamicport tcp\n';
    expectHovers(src, 'rpc.ps1');
    const { d, text } = open(src, 'rpc.ps1');
    assert.equal(service.doHover(d, d.positionAt(text.indexOf('16384')), S), null);
    assert.deepEqual(warnings(src, 'rpc.ps1'), []);
  });

  it('reads native commands on their own line (docker run) in a script', () => {
    expectHovers('$name = "pg"\ndocker run -d -p |5433:|5432 --name $name postgres:16\n', 'db.ps1');
  });

  it('still warns on a single dynamic port and finds nothing in other parameters', () => {
    assert.deepEqual(warnings('New-NetFirewallRule -DisplayName "X" -LocalPort 50000 -Action Allow', 'x.ps1'), ['dynamicRange@1']);
    expectNoHover('Set-ItemProperty -Path "HKLM:\\SYSTEM\\Parameters" -Name "MaxWorkItems" -Value 65535', 'x.ps1');
    expectNoHover('Start-Sleep -Seconds 5; Get-Process | Select-Object -First 10', 'x.ps1');
    expectNoHover('New-NetFirewallRule -DisplayName "rule 2024-05" -Direction Inbound -Action Allow', 'x.ps1');
  });
});

describe('finder precision: server code', () => {
  it('finds start_http_server(61000) and warns on it, as on start_wsgi_server and make_server ports', () => {
    const src = [
      'from prometheus_client import start_http_server',
      'start_http_server(|61000)',
      'start_wsgi_server(|8000, addr="127.0.0.1")',
      "httpd = make_server('', |8001, app)",
      'sock.listen(5)',
    ].join('\n');
    expectHovers(src, 'server.py');
    assert.deepEqual(warnings(src, 'server.py'), ['dynamicRange@2']);
  });

  it('takes a bare number given to a call named ...Server only when it looks like a port', () => {
    expectHovers('Server server = new Server(|8080);\nstart_metrics_server(|9100)\nvar s = new EchoServer("localhost", |7007);', 'Main.java');
    expectNoHover('var a = new ThreadPoolServer(4);\nvar b = new BufferServer(4096);\nx = observer(8080);\nvar c = new MockServer(8080 * 2);', 'Main.java');
  });

  it('reads the port of a Redis client as one it connects to, which draws no dynamic-range warning', () => {
    assert.deepEqual(messages('cache = redis.Redis(host="cache", port=50051, db=0, socket_timeout=5)\n', 'app.py'), []);
    const [l] = messages('app.run(host="0.0.0.0", port=50051)\n', 'app.py');
    assert.match(l, /Dynamic\/Private range/);
  });
});

describe('netsh portproxy', () => {
  it('reads both the listening and the connecting port', () => {
    const text = 'netsh interface portproxy add v4tov4 listenport=8080 listenaddress=0.0.0.0 connectport=80 connectaddress=172.20.1.5\n';
    const found = findPorts('shell', text).filter((o) => o.kind === 'port').map((o) => text.slice(o.start, o.end));
    assert.deepEqual(found, ['8080', '80']);
  });
});
