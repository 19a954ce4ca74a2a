import assert from 'node:assert/strict';
import type { PortOccurrence, PortRole } from '../../server/src/service/scan/vocabulary/types';
import {
  PortPart, ShortMapping, parseShortMapping, readAddress, readFirewallItem, readPortItem, readPortPart, readPortSpec, readPortValue,
  readPortsValue, valueEnd, valueStart,
} from '../../server/src/service/scan/vocabulary/portValue';

// The one reader of port values (vocabulary/portValue.ts): each way of writing a port value, read by
// the reader a format calls for it. Each case shows what is read as `port[role]` or `lo-hi[role]` at
// the offsets it stands at, or that nothing is read.

/** The occurrences as `text-at-offsets=port:role`, with the range, host and protocol where given. */
function shown(text: string, out: PortOccurrence[]): string[] {
  return out.map((o) => {
    let s = `${text.slice(o.start, o.end)}=${o.port}:${o.role}`;
    if (o.rangeLo !== undefined) s += ` ${o.rangeLo}-${o.rangeHi}`;
    if (o.host !== undefined) s += ` @${o.host}`;
    if (o.protocol !== undefined) s += ` /${o.protocol}`;
    if (o.pair !== undefined) s += ` pair`;
    return s;
  });
}

function item(text: string, role: PortRole = 'listen'): string[] | false {
  const out: PortOccurrence[] = [];
  return readPortItem(text, 0, text.length, role, out) && shown(text, out);
}

describe('port values (one reader)', () => {
  it('a value is read without the blanks around it, a carriage return and one pair of matching quotes', () => {
    for (const [text, inner] of [[' "8080"\r', '8080'], ["'443'", '443'], ['"80\'', '"80\''], ['  \t5432 \t', '5432'], ['""', '']]) {
      assert.equal(text.slice(valueStart(text, 0, text.length), valueEnd(text, 0, text.length)), inner, JSON.stringify(text));
    }
  });

  it('a number, a range, a protocol and a placeholder default are one item', () => {
    assert.deepEqual(item('8080'), ['8080=8080:listen']);
    assert.deepEqual(item(' "443" '), ['443=443:listen']);
    assert.deepEqual(item('53/udp'), ['53=53:listen /udp']);
    assert.deepEqual(item('8000-8010/tcp'), ['8000=8000:listen 8000-8010 /tcp', '8010=8010:listen 8000-8010 /tcp']);
    assert.deepEqual(item('${PORT:-3000}', 'connect'), ['3000=3000:connect']);
    assert.deepEqual(item('"${PORT:-3000}"'), ['3000=3000:listen']);
    // Not ports: words, a dangling dash, an unknown protocol, too many digits, a variable without a default.
    for (const text of ['http', '8080-', '80/xyz', '1234567', '$PORT', '${PORT}', '80-90x', '8/0/udp']) assert.equal(item(text), false, text);
  });

  it('a list is read only when every item is a port', () => {
    const list = (text: string) => {
      const out: PortOccurrence[] = [];
      return readPortsValue(text, 0, text.length, 'listen', out) && shown(text, out);
    };
    assert.deepEqual(list('80, 443'), ['80=80:listen', '443=443:listen']);
    assert.deepEqual(list('["80", "8000-8001"]'), ['80=80:listen', '8000=8000:listen 8000-8001', '8001=8001:listen 8000-8001']);
    assert.deepEqual(list('"22 2222"'), ['22=22:listen', '2222=2222:listen']);
    assert.equal(list('80, http'), false);
    assert.equal(list('   '), false);
  });

  it('exactly one port: quoted, a placeholder default, and a negative number the rules judge', () => {
    const value = (text: string) => {
      const o = readPortValue(text, 0, text.length, 'listen');
      return o && `${text.slice(o.start, o.end)}=${o.port}`;
    };
    assert.equal(value(' "3000" '), '3000=3000');
    assert.equal(value('${PORT:=8080}'), '8080=8080');
    assert.equal(value('-1'), '1=-1');
    assert.equal(value('3000-3005'), undefined);
    assert.equal(value('${PORT}'), undefined);
  });

  it('an address token: host:port, IPv6, wildcards, a prefix before @, and no sockets or paths', () => {
    const address = (text: string, opts = { anyHost: true, emptyHost: true }) => {
      const out: PortOccurrence[] = [];
      return readAddress(text, 0, text.length, 'listen', out, opts) && shown(text, out);
    };
    assert.deepEqual(address('127.0.0.1:8080'), ['8080=8080:listen @127.0.0.1']);
    assert.deepEqual(address('[::]:443'), ['443=443:listen @[::]']);
    assert.deepEqual(address(':::443'), ['443=443:listen @::']);
    assert.deepEqual(address('*:80'), ['80=80:listen @*']);
    assert.deepEqual(address(':9000'), ['9000=9000:listen']);
    assert.deepEqual(address('udp@:5353'), ['5353=5353:listen /udp']);
    assert.deepEqual(address('user@bastion:2222'), ['2222=2222:listen @bastion']);
    assert.deepEqual(address('0.0.0.0:8000-8001/udp'), ['8000=8000:listen 8000-8001 @0.0.0.0 /udp', '8001=8001:listen 8000-8001 @0.0.0.0 /udp']);
    // A dotless host with a low port is an image tag unless the context says it is an address.
    assert.equal(address('web:80', { anyHost: false, emptyHost: false }), false);
    assert.deepEqual(address('web:80'), ['80=80:listen @web']);
    for (const text of ['unix:/run/app.sock', '/var/run/x:80', 'unix@/x', '[::1]443', 'host:http']) assert.equal(address(text), false, text);
  });

  it('a value of ports only: a published mapping is one pair, a host makes a single port a connection', () => {
    const spec = (text: string, allowList = false) => {
      const out: PortOccurrence[] = [];
      return readPortSpec(text, 0, text.length, out, 'listen', allowList) && shown(text, out);
    };
    assert.deepEqual(spec('8080:80'), ['8080=8080:host pair', '80=80:container pair']);
    assert.deepEqual(spec('127.0.0.1:5432:5432/tcp'), ['5432=5432:host @127.0.0.1 /tcp pair', '5432=5432:container /tcp pair']);
    assert.deepEqual(spec('[::1]:4001:4001'), ['4001=4001:host @[::1] pair', '4001=4001:container pair']);
    assert.deepEqual(spec('db:5432'), ['5432=5432:connect @db']);
    assert.deepEqual(spec('0.0.0.0:8080'), ['8080=8080:listen @0.0.0.0']);
    assert.deepEqual(spec('22,80', true), ['22=22:listen', '80=80:listen']);
    assert.equal(spec('22,80'), false);
    for (const text of ['a:b:c:d:e', '1:2:3', 'v1.2', '80/tcpx']) assert.equal(spec(text), false, text);
  });

  it("a firewall item: iptables' colon makes a range and may leave an end open", () => {
    const firewall = (text: string) => {
      const out: PortOccurrence[] = [];
      return readFirewallItem(text, 0, text.length, out, 'listen', undefined) && shown(text, out);
    };
    assert.deepEqual(firewall('443'), ['443=443:listen']);
    assert.deepEqual(firewall('1024:65535'), ['1024=1024:unknown 1024-65535', '65535=65535:unknown 1024-65535']);
    assert.deepEqual(firewall(':1023'), ['1023=1023:unknown 0-1023']);
    assert.deepEqual(firewall('1024:'), ['1024=1024:unknown 1024-65535']);
    assert.deepEqual(firewall('5060-5061'), ['5060=5060:unknown 5060-5061', '5061=5061:unknown 5060-5061']);
    for (const text of [':', '1024-', '-1023', '80,443', '']) assert.equal(firewall(text), false, JSON.stringify(text));
  });

  it('a Compose mapping: each side a number, a range, empty or a placeholder, nested defaults peeled', () => {
    const m = new ShortMapping();
    const side = (p: PortPart) => (p.kind === 'num' ? `${p.lo}-${p.hi}` : p.kind);
    const mapping = (text: string) => parseShortMapping(text, 0, text.length, m) && `${m.hostIp}|${m.hasHost ? side(m.host) : '-'}|${side(m.container)}|${m.protocol}`;
    assert.equal(mapping('127.0.0.1:8080-8081:80-81/udp'), '127.0.0.1|8080-8081|80-81|udp');
    assert.equal(mapping('[::1]:8080:80'), '::1|8080-8080|80-80|tcp');
    assert.equal(mapping('${HOST_PORT:-8080}:80'), '|8080-8080|80-80|tcp');
    assert.equal(mapping('${HOST_PORT}:80'), '|var|80-80|tcp');
    assert.equal(mapping('127.0.0.1::80'), '127.0.0.1|-|80-80|tcp');
    assert.equal(mapping('3000'), '|-|3000-3000|tcp');
    assert.equal(mapping(':80'), false);
    assert.equal(mapping('80 :80'), false);
    const p = new PortPart();
    const deep = '${A:-'.repeat(5000) + '8080' + '}'.repeat(5000);
    assert.ok(readPortPart(deep, 0, deep.length, p) && p.kind === 'num' && p.lo === 8080);
  });
});
