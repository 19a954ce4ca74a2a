import type { PortFinder, PortOccurrence } from '../../vocabulary/types';
import { portAt } from '../../vocabulary/occurrence';
import { finish } from '../../vocabulary/common';
import { scanStructured } from './reader';

/**
 * Finds the ports in TOML: keys that name a port (`port = 8080`, `internal_port`, `ports = [80, 443]`,
 * in tables, arrays of tables and inline tables), URLs or `host:port` in strings (`addr =
 * "0.0.0.0:8080"`, `url = "postgres://db:5432/app"`), and server tuples (`servers = [["10.0.0.1",
 * 5432, "primary"]]`). Versions, dates and sizes are not ports.
 */
export const findTomlPorts: PortFinder = (text) => {
  const out = scanStructured(text, { hcl: false });
  if (text.indexOf('[', 0) < 0) return out;
  const before = out.length;
  scanServerTuples(text, out);
  return out.length === before ? out : finish(out);
};

// The keys of a list of servers (`servers = [`, `mirrors = [`), and one `["host", port` tuple in it.
const SERVER_LISTS = new Set(['servers', 'hosts', 'mirrors', 'replicas', 'nodes', 'endpoints', 'addresses', 'upstreams', 'backends', 'peers', 'members']);
const TUPLE = /\[[ \t]*"([^"\n]{1,253})"[ \t]*,[ \t]*(\d{1,5})[ \t]*[,\]]/g;

/**
 * `servers = [["127.0.0.1", 5432, "primary"], ["localhost", 5432, "replica"]]` (pgcat and others):
 * the number after a host in a tuple of a server list is that server's port.
 */
function scanServerTuples(text: string, out: PortOccurrence[]): void {
  const taken = new Set(out.map((o) => o.start));
  const add = (m: RegExpExecArray): void => {
    const host = m[1];
    if (!/^[A-Za-z0-9_.:[\]-]+$/.test(host)) return;
    const start = m.index + m[0].lastIndexOf(m[2]);
    const port = Number(m[2]);
    if (port < 1 || port > 65535 || taken.has(start)) return;
    taken.add(start);
    out.push(portAt(start, start + m[2].length, port, 'connect', host));
  };
  for (let s = serverListAt(text, 0); s >= 0; ) {
    // The list runs to the next line that starts a key or a table, at most 200 lines on.
    let e = s;
    for (let n = 0; n < 200; n++) {
      const nl = text.indexOf('\n', e + 1);
      if (nl < 0) {
        e = text.length;
        break;
      }
      const next = text.slice(nl + 1, nl + 80).trimStart();
      e = nl;
      if (/^([A-Za-z0-9_"-]+[ \t]*=|\[[A-Za-z])/.test(next)) break;
    }
    TUPLE.lastIndex = 0;
    const body = text.slice(s, e);
    for (let m = TUPLE.exec(body); m; m = TUPLE.exec(body)) {
      m.index += s;
      add(m);
    }
    s = serverListAt(text, Math.max(s + 1, e));
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The `[` of the next line at or after `from` that opens a server list, `servers = [` with blanks
 * anywhere around the `=` and before the key, or -1. Each `[` is looked at from its end, which rules
 * out table headers and value lists at once.
 */
function serverListAt(text: string, from: number): number {
  for (let b = text.indexOf('[', from); b >= 0; b = text.indexOf('[', b + 1)) {
    let i = b;
    while (i > from && isBlank(text.charCodeAt(i - 1))) i--;
    if (i <= from || text.charCodeAt(i - 1) !== 61 /* = */) continue;
    i--;
    while (i > from && isBlank(text.charCodeAt(i - 1))) i--;
    const ke = i;
    while (i > from && text.charCodeAt(i - 1) >= 97 && text.charCodeAt(i - 1) <= 122) i--;
    if (ke - i < 5 || !SERVER_LISTS.has(text.slice(i, ke))) continue;
    while (i > from && isBlank(text.charCodeAt(i - 1))) i--;
    const c = i > 0 ? text.charCodeAt(i - 1) : 10;
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return b;
  }
  return -1;
}
