import type { BoundSocket, ReservedRange, SocketProtocol } from './types';

/**
 * Parsers for what each platform tells about its ports. Each takes the text a source printed and never
 * throws: a line it cannot read is skipped. The glue caps the text's size before it gets here, and every
 * parser makes one pass over its lines.
 */

/** At most this many sockets are kept from one source; a machine with more is not a developer's. */
export const MAX_SOCKETS = 20000;

function* lines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
  }
}

/** A little-endian 32-bit word as /proc prints it (`0100007F`), as its four bytes in network order. */
function wordBytes(hex: string): number[] {
  const v = parseInt(hex, 16);
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/** An address of /proc/net/tcp{,6}: 8 hex digits for IPv4, 32 for IPv6, each word in host (little-endian) order. */
export function procAddress(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8)));
  // An IPv4-mapped address (::ffff:a.b.c.d) is shown as the IPv4 address it maps.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return compressIpv6(groups);
}

/** Shortens the longest run of zero groups to `::`, as RFC 5952 writes an IPv6 address. */
function compressIpv6(groups: string[]): string {
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
    i = j;
  }
  if (bestAt < 0) return groups.join(':');
  return `${groups.slice(0, bestAt).join(':')}::${groups.slice(bestAt + bestLen).join(':')}`;
}

const PROC_ROW = /^\s*\d+:\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):[0-9A-Fa-f]{4}\s+([0-9A-Fa-f]{2})\s+\S+\s+\S+\s+\S+\s+(\d+)\s+\d+\s+(\d+)/;
/** TCP_LISTEN in /proc/net/tcp. */
const TCP_LISTEN = '0A';
/** TCP_CLOSE: for UDP, a socket that is bound but not connected, which is how a UDP server waits. */
const UDP_UNCONNECTED = '07';

/**
 * Rows of /proc/net/tcp, tcp6, udp or udp6: listening TCP sockets, and UDP sockets that are bound and
 * not connected (a connected UDP socket is a client's). TIME_WAIT, ESTABLISHED and other rows are skipped.
 */
export function parseProcNet(text: string, protocol: SocketProtocol): BoundSocket[] {
  const out: BoundSocket[] = [];
  const want = protocol === 'tcp' ? TCP_LISTEN : UDP_UNCONNECTED;
  for (const line of lines(text)) {
    const m = PROC_ROW.exec(line);
    if (!m || m[3].toUpperCase() !== want) continue;
    const port = parseInt(m[2], 16);
    if (port === 0) continue;
    out.push({ protocol, address: procAddress(m[1]), port, uid: Number(m[4]), inode: Number(m[5]) });
    if (out.length >= MAX_SOCKETS) break;
  }
  return out;
}

/** `host:port` as lsof and netstat print it: `*:5000`, `127.0.0.1:631`, `[::1]:6379`, `[fe80::1%lo0]:53`. */
function splitHostPort(s: string): { address: string; port: number } | undefined {
  const colon = s.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const portText = s.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  let address = s.slice(0, colon);
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  return { address, port };
}

/**
 * lsof's field output (`lsof -nP -iTCP -sTCP:LISTEN -iUDP -F pcPnT`): a `p` line starts a process,
 * `c` names it, then each file has `f`, `P` (TCP/UDP), `n` (`*:5000` or `a:1->b:2`) and `T` lines
 * (`TST=LISTEN`). A TCP file is kept when its state is LISTEN; a UDP file when it has no remote end.
 */
export function parseLsofFields(text: string): BoundSocket[] {
  const out: BoundSocket[] = [];
  let pid: number | undefined;
  let command: string | undefined;
  let proto: string | undefined;
  let name: string | undefined;
  let state: string | undefined;
  const flush = () => {
    if (name !== undefined && (proto === 'TCP' || proto === 'UDP') && !name.includes('->')) {
      const listening = proto === 'UDP' || state === 'LISTEN';
      const hp = splitHostPort(name);
      if (listening && hp && out.length < MAX_SOCKETS) out.push({ protocol: proto === 'TCP' ? 'tcp' : 'udp', address: hp.address, port: hp.port, pid, process: command });
    }
    proto = name = state = undefined;
  };
  for (const line of lines(text)) {
    const field = line.charAt(0);
    const value = line.slice(1);
    switch (field) {
      case 'p': flush(); pid = /^\d+$/.test(value) ? Number(value) : undefined; command = undefined; break;
      case 'c': command = value.replace(/\\x20/g, ' '); break;
      case 'f': flush(); break;
      case 'P': proto = value; break;
      case 'n': name = value; break;
      case 'T': if (value.startsWith('ST=')) state = value.slice(3); break;
    }
  }
  flush();
  return out;
}

/**
 * `netstat -ano` on Windows. The state column is translated in localized Windows (LISTENING, ABHÖREN,
 * ÉCOUTE, ...), so a TCP row is taken as listening by its foreign address, which is `0.0.0.0:0` or
 * `[::]:0` only for a listener; a UDP row has `*:*` there when it is bound and unconnected.
 */
export function parseNetstatWindows(text: string): BoundSocket[] {
  const out: BoundSocket[] = [];
  for (const line of lines(text)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const proto = cols[0].toUpperCase();
    if (proto !== 'TCP' && proto !== 'UDP') continue;
    const local = splitHostPort(cols[1]);
    if (!local) continue;
    const foreign = cols[2];
    const pidText = cols[cols.length - 1];
    const pid = /^\d+$/.test(pidText) ? Number(pidText) : undefined;
    if (proto === 'TCP' ? !/:0$/.test(foreign) || cols.length < 5 : foreign !== '*:*') continue;
    out.push({ protocol: proto === 'TCP' ? 'tcp' : 'udp', address: local.address, port: local.port, pid });
    if (out.length >= MAX_SOCKETS) break;
  }
  return out;
}

/** `tasklist /FO CSV /NH` on Windows: `"node.exe","4321","Console","1","52,340 K"` -> pid -> name. */
export function parseTasklistCsv(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of lines(text)) {
    const m = /^"([^"]*)","(\d+)"/.exec(line);
    if (m) names.set(Number(m[2]), m[1]);
    if (names.size >= MAX_SOCKETS) break;
  }
  return names;
}

/**
 * `netsh interface ipv4 show excludedportrange protocol=tcp` (or ipv6, or udp). Only the rows of two
 * numbers are read, so localized headers ("Startport  Endport") and the footnote are skipped; a `*`
 * after a row marks an exclusion an administrator added.
 */
export function parseNetshExcluded(text: string, protocol: SocketProtocol): ReservedRange[] {
  const out: ReservedRange[] = [];
  for (const line of lines(text)) {
    const m = /^\s*(\d{1,5})\s+(\d{1,5})\s*(\*)?\s*$/.exec(line);
    if (!m) continue;
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (start < 1 || end > 65535 || end < start) continue;
    out.push({ protocol, start, end, administered: m[3] === '*' });
    if (out.length >= MAX_SOCKETS) break;
  }
  return out;
}
