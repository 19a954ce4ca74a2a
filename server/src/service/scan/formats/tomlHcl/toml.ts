import type { PortFinder, PortOccurrence } from '../../vocabulary/types';
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

// A list of servers (`servers = [`, `mirrors = [`) and one `["host", port` tuple in it.
const SERVER_LIST = /^[ \t]*(servers|hosts|mirrors|replicas|nodes|endpoints|addresses|upstreams|backends|peers|members)[ \t]*=[ \t]*\[/gm;
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
    out.push({ start, end: start + m[2].length, kind: 'port', port, role: 'connect', host });
  };
  SERVER_LIST.lastIndex = 0;
  for (let l = SERVER_LIST.exec(text); l; l = SERVER_LIST.exec(text)) {
    // The list runs to the next line that starts a key or a table, at most 200 lines on.
    const s = l.index + l[0].length - 1;
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
    SERVER_LIST.lastIndex = Math.max(SERVER_LIST.lastIndex, e);
  }
}
