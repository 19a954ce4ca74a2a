import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';
import { isPortKey } from '../../server/src/service/scan/common';
import type { PortOccurrence } from '../../server/src/service/scan/types';

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
});
