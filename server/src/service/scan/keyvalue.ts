import type { Protocol } from '../registry/types';
import type { PortFinder, PortOccurrence, PortRole } from './types';
import {
  digitsEnd, finish, indexIn, isDigit, isPortKey, lastKeySegment, portValue, protocolSuffix,
  readPortValue, scanHostPorts,
} from './common';

/*
 * Key/value configuration files (Java .properties, INI, my.cnf, postgresql.conf, redis.conf,
 * supervisord, php-fpm, uwsgi, mosquitto, ...), and the config-file primitives the other config
 * finders share: which keys hold a port or an address, reading a port value or list, reading an
 * address token, and scanning free text for `host:port`, URLs, `--port N` and `port=N`.
 */

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 45 || c === 46;
}

/** Lower-case last key segment words that hold a port number in config files, beyond `isPortKey`. */
const EXTRA_PORT_KEYS = new Set(['listen', 'listener', 'port_number', 'portnumber', 'port-number']);

/**
 * True when a config key holds a port number or a list of them: every `isPortKey` key, plus
 * `listen = 9000` (php-fpm), `listener 1883` (mosquitto) and `*_port_range(s)` (Azure NSG rules).
 */
export function isConfigPortKey(key: string): boolean {
  if (isPortKey(key)) return true;
  // php-fpm `env[DB_PORT]`, `php_value[xdebug.client_port]`: the key is inside the brackets.
  if (key.endsWith(']')) {
    const open = key.lastIndexOf('[');
    if (open >= 0 && open < key.length - 2) return isConfigPortKey(key.slice(open + 1, -1));
  }
  const k = lastKeySegment(stripQuotes(key)).toLowerCase();
  if (EXTRA_PORT_KEYS.has(k)) return true;
  // Both patterns below end in "range(s)": most keys are ruled out without running them.
  if (!k.endsWith('range') && !k.endsWith('ranges')) return false;
  return /(^|[_.-])ports?[_-]ranges?$/.test(k) || /(^|[a-z])port[_-]?ranges?$/.test(k);
}

/** Key words that say the value is an address (`host:port`, `:8080`, a URL, a list of brokers). */
const ADDRESS_WORDS = new Set([
  'addr', 'address', 'addresses', 'bind', 'listen', 'host', 'hosts', 'endpoint', 'endpoints', 'server', 'servers',
  'url', 'urls', 'uri', 'uris', 'dsn', 'upstream', 'upstreams', 'proxy', 'broker', 'brokers', 'socket', 'target',
  'targets', 'nodes', 'seeds', 'http', 'https', 'origin', 'origins', 'backend', 'backends', 'peers', 'bootstrap',
  'sentinels', 'cluster', 'connection', 'conn', 'connect', 'master', 'primary', 'replicaof', 'slaveof', 'listener',
]);

/** True when a key names an address, so `:8080` and `web:80` in its value read as ports. */
export function isAddressKey(key: string): boolean {
  return hasKeyWord(lastKeySegment(stripQuotes(key)), ADDRESS_WORDS);
}

/**
 * True when one of the key's words is in `set`. Words are split at camelCase humps (`listenAddr`)
 * and at every character other than an ASCII letter or digit, then lower-cased: the same words as
 * `k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)`, without building
 * the intermediate strings (this runs for every key of a config file).
 */
function hasKeyWord(k: string, set: ReadonlySet<string>): boolean {
  let ws = 0;
  for (let i = 0; i <= k.length; i++) {
    const c = i < k.length ? k.charCodeAt(i) : 32;
    if (c >= 128) return hasKeyWordSlow(k, set);
    const upper = c >= 65 && c <= 90;
    const alnum = upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    const prev = i > 0 ? k.charCodeAt(i - 1) : 32;
    const hump = upper && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57));
    if (!alnum || hump) {
      if (i > ws && set.has(k.slice(ws, i).toLowerCase())) return true;
      ws = alnum ? i : i + 1;
    }
  }
  return false;
}

/** `hasKeyWord` for keys with non-ASCII characters, whose lower-casing may change their length. */
function hasKeyWordSlow(k: string, set: ReadonlySet<string>): boolean {
  const words = k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  for (const w of words) if (set.has(w)) return true;
  return false;
}

/** Key words for a service this program connects to: their ports are remote targets. */
const CONNECT_WORDS = new Set([
  'db', 'database', 'pg', 'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'memcache',
  'memcached', 'smtp', 'mail', 'imap', 'pop', 'pop3', 'ldap', 'kafka', 'rabbit', 'rabbitmq', 'amqp', 'nats', 'elastic',
  'elasticsearch', 'es', 'upstream', 'backend', 'remote', 'target', 'proxy', 'client', 'broker', 'cache', 'sentinel',
  'primary', 'master', 'replica', 'statsd', 'jaeger', 'otel', 'otlp', 'zipkin', 'syslog', 'dns', 'ntp', 'sql', 'mssql',
  'oracle', 'cassandra', 'influx', 'influxdb', 'clickhouse', 'minio', 's3', 'vault', 'consul', 'etcd', 'zookeeper',
  'zk', 'grafana', 'prometheus', 'loki', 'tempo', 'api', 'auth', 'keycloak', 'couchdb', 'neo4j', 'bolt', 'ftp',
]);

/**
 * The role of a port held by a key: a key naming a service this program talks to (`DB_PORT`,
 * `REDIS_PORT`, `smtp_port`) is a connect target; other port keys (`PORT`, `server.port`,
 * `listen_port`) are what this program binds.
 */
export function roleForKey(key: string): PortRole {
  return hasKeyWord(stripQuotes(key), CONNECT_WORDS) ? 'connect' : 'listen';
}

function stripQuotes(s: string): string {
  const q = s.charCodeAt(0);
  if ((q === 34 || q === 39) && s.length >= 2 && s.charCodeAt(s.length - 1) === q) return s.slice(1, -1);
  return s;
}

function push(out: PortOccurrence[], s: number, e: number, port: number, role: PortRole, extra: Partial<PortOccurrence> = {}): PortOccurrence {
  const o: PortOccurrence = { start: s, end: e, kind: 'port', port, role, ...extra };
  out.push(o);
  return o;
}

/**
 * Reads one port item in text[s, e): `8080`, `8000-8010`, `53/udp`, `"443"`. Pushes the numbers
 * and returns true when the whole item is a port (or range), false otherwise (nothing pushed).
 */
export function readPortItem(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[], protocol?: Protocol): boolean {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 13)) e--;
  const q = text.charCodeAt(s);
  if ((q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q) {
    s++;
    e--;
  }
  if (text.charCodeAt(s) === 36 /* $ */) {
    // `${PORT:-3000}`
    const o = readPortValue(text, s, e, role);
    if (!o) return false;
    out.push(o);
    return true;
  }
  const d1 = digitsEnd(text, s, e);
  if (d1 === s) return false;
  let d2s = -1;
  let d2 = d1;
  if (text.charCodeAt(d1) === 45 /* - */ && d1 + 1 < e) {
    d2s = d1 + 1;
    d2 = digitsEnd(text, d2s, e);
    if (d2 === d2s) return false;
  }
  let proto = protocol;
  let end = d2;
  if (end < e && text.charCodeAt(end) === 47) {
    const p = protocolSuffix(text, end);
    if (!p) return false;
    proto = p;
    end++;
    while (end < e && isWordChar(text.charCodeAt(end))) end++;
  }
  if (end !== e) return false;
  const lo = portValue(text, s, d1);
  if (lo < 0) return false;
  if (d2s < 0) {
    push(out, s, d1, lo, role, proto ? { protocol: proto } : {});
    return true;
  }
  const hi = portValue(text, d2s, d2);
  if (hi < 0) return false;
  const extra: Partial<PortOccurrence> = { rangeLo: lo, rangeHi: hi, ...(proto ? { protocol: proto } : {}) };
  push(out, s, d1, lo, role, extra);
  push(out, d2s, d2, hi, role, extra);
  return true;
}

/**
 * Reads a value that should be ports: a single item, a comma- or space-separated list, or a
 * bracketed list (`[80, 443]`, `["80", "8000-8010"]`). Pushes only when every item is a port.
 */
export function readPortsValue(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[]): boolean {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 13)) e--;
  if (s >= e) return false;
  const q = text.charCodeAt(s);
  if ((q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q && indexIn(text, q, s + 1, e - 1) < 0) {
    s++;
    e--;
  }
  if (text.charCodeAt(s) === 91 /* [ */) {
    if (text.charCodeAt(e - 1) !== 93) return false;
    s++;
    e--;
  }
  const mine: PortOccurrence[] = [];
  let is = s;
  let items = 0;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 44;
    if (c === 44 /* , */ || c === 32 || c === 9) {
      if (i > is) {
        const t = text.slice(is, i).trim();
        if (t.length) {
          if (!readPortItem(text, is, i, role, mine)) return false;
          items++;
        }
      }
      is = i + 1;
    }
  }
  if (items === 0) return false;
  // A loop, not push(...mine): a list of 100,000+ ports would overflow the call stack.
  for (const o of mine) out.push(o);
  return true;
}

export interface AddressOptions {
  /** A bare number is a port (`listen 80`, `ListenStream=8080`). */
  bareNumber?: boolean;
  /** Accept a dotless host with a low port (`web:80`): the context says it is an address. */
  anyHost?: boolean;
  /** Accept `:8080` with no host. */
  emptyHost?: boolean;
  protocol?: Protocol;
}

/**
 * Reads one address token text[s, e): `80`, `8000-8010`, `*:80`, `127.0.0.1:8080`, `[::]:443`,
 * `:::443`, `web:80`, `ipv4@:80`, `user@bastion:2222`, `53/udp`. Paths and `unix:` sockets yield
 * nothing. Returns true when a port was pushed.
 */
export function readAddress(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[], opts: AddressOptions = {}): boolean {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 13)) e--;
  const q = text.charCodeAt(s);
  if ((q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q) {
    s++;
    e--;
  }
  if (s >= e) return false;
  // haproxy `ipv4@`, `udp@`, ssh `user@`: the address follows the last `@`.
  let at = -1;
  for (let i = e - 1; i >= s; i--) {
    if (text.charCodeAt(i) === 64) {
      at = i;
      break;
    }
  }
  let protocol = opts.protocol;
  if (at >= 0) {
    const prefix = text.slice(s, at).toLowerCase();
    if (/^(udp|quic)[46]?$/.test(prefix)) protocol = 'udp';
    else if (prefix === 'unix' || prefix === 'abns' || prefix === 'fd' || prefix === 'sockpair') return false;
    s = at + 1;
  }
  const c0 = text.charCodeAt(s);
  if (c0 === 47 /* / */ || c0 === 126 /* ~ */ || c0 === 64) return false;
  const head = text.slice(s, Math.min(e, s + 6)).toLowerCase();
  if (head.startsWith('unix:') || head.startsWith('vsock:')) return false;
  // A trailing `/udp` states the protocol.
  let pe = e;
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) === 47) {
      const p = protocolSuffix(text, i);
      if (!p) return false;
      protocol = p;
      pe = i;
      break;
    }
  }
  const extra = protocol ? { protocol } : {};
  if (isDigit(c0) && opts.bareNumber) {
    const mine: PortOccurrence[] = [];
    if (readPortItem(text, s, pe, role, mine, protocol)) {
      out.push(...mine);
      return true;
    }
  }
  // The port follows the last colon, or the colon after `]`.
  let colon = -1;
  if (c0 === 91 /* [ */) {
    const close = indexIn(text, 93, s, pe);
    if (close < 0 || text.charCodeAt(close + 1) !== 58) return false;
    colon = close + 1;
  } else {
    for (let i = pe - 1; i >= s; i--) {
      if (text.charCodeAt(i) === 58) {
        colon = i;
        break;
      }
    }
  }
  if (colon < 0) return false;
  const host = text.slice(s, colon);
  if (host === '' && !opts.emptyHost) return false;
  if (!isAddressHost(host)) return false;
  const ps = colon + 1;
  const d1 = digitsEnd(text, ps, pe);
  if (d1 === ps) return false;
  let d2s = -1;
  let d2 = d1;
  if (text.charCodeAt(d1) === 45 && d1 + 1 < pe) {
    d2s = d1 + 1;
    d2 = digitsEnd(text, d2s, pe);
  }
  if (d2 !== pe) return false;
  const lo = portValue(text, ps, d1);
  if (lo < 0) return false;
  if (!opts.anyHost && !clearHost(host) && lo < 1024) return false;
  const h = host || undefined;
  if (d2s < 0) {
    push(out, ps, d1, lo, role, { host: h, ...extra });
    return true;
  }
  const hi = portValue(text, d2s, d2);
  if (hi < 0) return false;
  push(out, ps, d1, lo, role, { host: h, rangeLo: lo, rangeHi: hi, ...extra });
  push(out, d2s, d2, hi, role, { host: h, rangeLo: lo, rangeHi: hi, ...extra });
  return true;
}

/** A host in an address token: empty, `*`, `::`, a bracketed IPv6 address, an IPv4 address or a name. */
function isAddressHost(h: string): boolean {
  if (h === '' || h === '*' || h === '::' || h === '0') return true;
  if (h.charCodeAt(0) === 91) return /^\[[0-9a-fA-F:.%a-zA-Z]+\]$/.test(h);
  if (isDigit(h.charCodeAt(0))) return /^\d{1,3}(\.\d{1,3}){3}$/.test(h);
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(h) && /[A-Za-z0-9]$/.test(h);
}

function clearHost(h: string): boolean {
  return h === '' || h === '*' || h === '::' || h.startsWith('[') || h === 'localhost' || h.includes('.');
}

/** Options for scanning free text inside a value. */
export interface TextScanOptions {
  /** The value is an address: accept `:8080` and dotless hosts with low ports. */
  address?: boolean;
  /** Role for `host:port` without a scheme. */
  role?: PortRole;
}

/**
 * Scans free text for ports: URLs and `host:port` (also with `\:` escapes as Java properties write
 * them) and `port=5432` / `port 5432` pairs (libpq conninfo, haproxy `check port 8081`). Command
 * lines go through `scanCommand` instead, which also reads `--port N` and `-p N`.
 */
export function scanValueText(text: string, s: number, e: number, out: PortOccurrence[], opts: TextScanOptions = {}): void {
  if (e <= s) return;
  if (indexIn(text, 58, s, e) >= 0) {
    const hp = { allowEmptyHost: !!opts.address, lowPortsOnBareHosts: !!opts.address, role: opts.role };
    if (indexIn(text, 92 /* \ */, s, e) >= 0) scanEscaped(text, s, e, out, hp);
    else scanHostPorts(text, s, e, out, hp);
  }
  scanPortPairs(text, s, e, out);
}

/** Runs scanHostPorts over a copy with `\:` `\=` escapes removed, mapping offsets back. */
function scanEscaped(text: string, s: number, e: number, out: PortOccurrence[], opts: Parameters<typeof scanHostPorts>[4]): void {
  let copy = '';
  const map: number[] = [];
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < e) {
      const n = text.charCodeAt(i + 1);
      if (n === 58 || n === 61 || n === 92 || n === 32 || n === 35 || n === 33) {
        i++;
        copy += text[i];
        map.push(i);
        continue;
      }
    }
    copy += text[i];
    map.push(i);
  }
  map.push(e);
  const mine: PortOccurrence[] = [];
  scanHostPorts(copy, 0, copy.length, mine, opts);
  for (const o of mine) {
    o.start = map[o.start];
    o.end = map[o.end - 1] + 1;
    out.push(o);
  }
}

/**
 * Finds `port=5432`, `port = 5432`, `port 5432`, `agent-port 9999`, `SERVER_PORT 80`, `listen 80;`
 * inside text: a word that names a port followed by a number (libpq conninfo, haproxy options,
 * prose such as "runs on port 8080").
 */
export function scanPortPairs(text: string, s: number, e: number, out: PortOccurrence[], role?: PortRole): void {
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c) || (i > s && isWordChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let j = i;
    while (j < e && isWordChar(text.charCodeAt(j))) j++;
    // A trailing dot belongs to prose, not to the key.
    let we = j;
    while (we > i && text.charCodeAt(we - 1) === 46) we--;
    const word = text.slice(i, we);
    if (we - i >= 4 && (isPortKey(word) || word.toLowerCase() === 'listen')) {
      // The number follows `=` or whitespace; `port:8080` is left to the host:port scanner.
      let k = j;
      while (k < e && isSpace(text.charCodeAt(k))) k++;
      const sep = text.charCodeAt(k);
      let v = -1;
      if (sep === 61 /* = */) {
        v = k + 1;
        while (v < e && isSpace(text.charCodeAt(v))) v++;
      } else if (k > j) v = k;
      if (v >= 0) {
        const q = text.charCodeAt(v);
        const vs = q === 34 || q === 39 ? v + 1 : v;
        const ve = digitsEnd(text, vs, e);
        const after = ve < e ? text.charCodeAt(ve) : NaN;
        if (ve > vs && (Number.isNaN(after) || after === 32 || after === 9 || after === 59 || after === 44 || after === 38 ||
          after === 34 || after === 39 || after === 41 || after === 125 || after === 93 || after === 13 || after === 47)) {
          const port = portValue(text, vs, ve);
          const proto = after === 47 ? protocolSuffix(text, ve) : undefined;
          if (port >= 0 && (after !== 47 || proto)) {
            push(out, vs, ve, port, role ?? roleForKey(word), proto ? { protocol: proto } : {});
          }
          i = ve;
          continue;
        }
      }
    }
    i = j;
  }
}

/**
 * Where a comment starts in text[s, e): one of `chars` at the line start or after whitespace, outside
 * quotes. Returns e when there is none.
 */
export function commentStart(text: string, s: number, e: number, chars: string, quotes = true): number {
  let quote = 0;
  // Quote characters known not to occur again on the line, so the search for a closing one runs once.
  let unclosed = '';
  // The comment characters as codes (callers pass one or two), compared without making strings.
  const k0 = chars.charCodeAt(0);
  const k1 = chars.length > 1 ? chars.charCodeAt(1) : k0;
  const few = chars.length <= 2;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 92) i++;
      continue;
    }
    if (quotes && (c === 34 || (c === 39 && (i === s || !isWordChar(text.charCodeAt(i - 1)))))) {
      // Only a quote that closes later on the line opens a string; an apostrophe in prose does not.
      if (!unclosed.includes(text[i])) {
        if (indexIn(text, c, i + 1, e) >= 0) quote = c;
        else unclosed += text[i];
      }
      continue;
    }
    if ((few ? c === k0 || c === k1 : chars.includes(text[i])) && (i === s || isSpace(text.charCodeAt(i - 1)))) return i;
  }
  return e;
}

/** Scans comment text: only `host:port` and URLs count there, never a bare number. */
export function scanComment(text: string, s: number, e: number, out: PortOccurrence[]): void {
  if (indexIn(text, 58, s, e) >= 0) scanHostPorts(text, s, e, out);
}

/**
 * Handles one `key <sep> value` pair whose value is text[vs, ve): a port key reads its value as
 * ports; any value is scanned for addresses, URLs and port pairs.
 */
export function scanKeyValue(text: string, key: string, vs: number, ve: number, out: PortOccurrence[], opts: { role?: PortRole } = {}): void {
  const address = isAddressKey(key);
  if (isConfigPortKey(key)) {
    const role = opts.role ?? roleForKey(key);
    if (readPortsValue(text, vs, ve, role, out)) return;
    // `port=127.0.0.1:9001` (supervisord), `listen = 127.0.0.1:9000` (php-fpm)
    if (readAddress(text, vs, ve, role, out, { anyHost: true, emptyHost: true })) return;
    // `listener 8883 0.0.0.0` (mosquitto): the port comes first, then an address or option.
    const words = splitWords(text, vs, ve);
    if (words.length > 1 && readPortItem(text, words[0][0], words[0][1], role, out)) {
      scanValueText(text, words[1][0], ve, out, { address });
      return;
    }
  }
  if (isCommandKey(key)) {
    let s = vs;
    let e = ve;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    const q = text.charCodeAt(s);
    if ((q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q) {
      s++;
      e--;
    }
    scanCommand(text, s, e, out);
    return;
  }
  scanValueText(text, vs, ve, out, { address });
}

/**
 * True when a key holds a command line or command-line options (`command`, `ExecStart`,
 * `JAVA_OPTS`, `NODE_OPTIONS`, `extra_args`), whose `--port N` and `-p N` flags are ports.
 */
export function isCommandKey(key: string): boolean {
  const seg = lastKeySegment(stripQuotes(key));
  // Every command key ends in d, c, t, s or n (`command`, `exec`, `start`, `args`, `run`).
  const last = seg.charCodeAt(seg.length - 1) | 32;
  if (seg.charCodeAt(seg.length - 1) < 128 && last !== 100 && last !== 99 && last !== 116 && last !== 115 && last !== 110) return false;
  const k = seg.toLowerCase();
  return /^(command|cmd|exec|execstart|args|arguments|entrypoint|entry_point|script|run|start|opts|options)$/.test(k) ||
    /[_-](command|cmd|args|arguments|opts|options|flags)$/.test(k);
}

/** Sections of my.cnf whose `port` is the server a client program connects to. */
const CLIENT_SECTIONS = new Set(['client', 'mysql', 'mysqldump', 'mysqladmin', 'mysqlcheck', 'mysqlimport', 'mysqlshow', 'mysqlslap', 'mariadb-client']);

/**
 * Finds the ports in a key/value config: `key=value`, `key: value`, `key = value`, `key value`
 * (redis.conf), `[section]` headers, `#` `;` `!` comments and `\` continuation lines.
 */
export const findKeyValuePorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  let section = '';
  let continued = false;
  const n = text.length;
  for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
    nl = text.indexOf('\n', ls);
    if (nl < 0) nl = n;
    const le = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let s = ls;
    while (s < le && isSpace(text.charCodeAt(s))) s++;
    if (s >= le) {
      continued = false;
      continue;
    }
    const wasContinued = continued;
    continued = text.charCodeAt(le - 1) === 92 && !(le - 2 >= s && text.charCodeAt(le - 2) === 92);
    const c = text.charCodeAt(s);
    if (wasContinued) {
      scanValueText(text, s, le, out, {});
      continue;
    }
    if (c === 35 || c === 59 || c === 33) {
      continued = false;
      scanComment(text, s + 1, le, out);
      continue;
    }
    const cs = commentStart(text, s, le, '#;');
    if (cs < le) scanComment(text, cs + 1, le, out);
    let e = cs;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (c === 91 /* [ */) {
      const close = indexIn(text, 93, s, e);
      if (close > s) {
        section = text.slice(s + 1, close).trim().toLowerCase();
        continue;
      }
    }
    scanLine(text, s, e, out, section);
  }
  return finish(out);
};

function scanLine(text: string, s: number, e: number, out: PortOccurrence[], section: string): void {
  // The key runs to `=`, `:` or whitespace; `\` escapes a separator inside a properties key.
  let k = s;
  while (k < e) {
    const c = text.charCodeAt(k);
    if (c === 92) {
      k += 2;
      continue;
    }
    if (c === 61 || c === 58 || isSpace(c)) break;
    k++;
  }
  const key = text.slice(s, Math.min(k, e));
  let v = k;
  while (v < e && isSpace(text.charCodeAt(v))) v++;
  const sep = text.charCodeAt(v);
  if (v < e && sep === 58 && isDigit(text.charCodeAt(v + 1)) && !isConfigPortKey(key)) {
    // `localhost:8080` alone on a line is an address, not a key.
    scanValueText(text, s, e, out, { address: true });
    return;
  }
  if (v < e && (sep === 61 || sep === 58)) {
    v++;
    while (v < e && isSpace(text.charCodeAt(v))) v++;
  } else if (v === k) {
    // A line with no separator at all (`skip-networking`).
    scanValueText(text, s, e, out, {});
    return;
  }
  const lower = key.toLowerCase();
  if (lower === 'replicaof' || lower === 'slaveof') {
    // redis `replicaof <host> <port>`
    const words = splitWords(text, v, e);
    if (words.length >= 2) readPortItem(text, words[1][0], words[1][1], 'connect', out);
    return;
  }
  if (lower === 'sentinel') {
    // sentinel.conf `sentinel monitor <name> <host> <port> <quorum>`
    const words = splitWords(text, v, e);
    if (words.length >= 4 && text.slice(words[0][0], words[0][1]).toLowerCase() === 'monitor') {
      readPortItem(text, words[3][0], words[3][1], 'connect', out);
      return;
    }
  }
  const role: PortRole | undefined = CLIENT_SECTIONS.has(section) ? 'connect' : undefined;
  scanKeyValue(text, key, v, e, out, { role });
}

/** Whitespace-separated words of text[s, e) as [start, end) pairs. */
export function splitWords(text: string, s: number, e: number): Array<[number, number]> {
  const words: Array<[number, number]> = [];
  let i = s;
  while (i < e) {
    while (i < e && isSpace(text.charCodeAt(i))) i++;
    if (i >= e) break;
    const ws = i;
    const q = text.charCodeAt(i);
    if (q === 34 || q === 39) {
      const close = indexIn(text, q, i + 1, e);
      i = close < 0 ? e : close + 1;
      while (i < e && !isSpace(text.charCodeAt(i))) i++;
    } else {
      while (i < e && !isSpace(text.charCodeAt(i))) i++;
    }
    words.push([ws, i]);
  }
  return words;
}

/** Flags whose value is a listen address (`-b 0.0.0.0:8000`, `--bind :8000`, `--listen 8080`). */
const BIND_FLAGS = new Set([
  'b', 'bind', 'listen', 'addr', 'address', 'listen-address', 'listen-addr', 'http', 'http-addr', 'http-address',
  'web.listen-address', 'grpc-addr', 'metrics-addr', 'metrics-bind-address', 'health-probe-bind-address',
  'inspect', 'inspect-brk', 'debug', 'bind-address', 'socket', 'uwsgi-socket', 'http-socket',
]);

/**
 * Commands whose `-p`/`-P` is not a port: a pid (`ps -p 1`, `strace -p`), a count (`xargs -P 4`,
 * `go test -p 4`), a strip level (`patch -p1`), "parents" (`mkdir -p`), a prompt or a password.
 */
const NOT_PORT_P = new Set([
  'mkdir', 'cp', 'ps', 'xargs', 'parallel', 'tar', 'install', 'useradd', 'usermod', 'grep', 'egrep', 'patch', 'git',
  'pgrep', 'pkill', 'strace', 'ltrace', 'perf', 'gdb', 'kill', 'renice', 'taskset', 'prlimit', 'ionice', 'lsof', 'top',
  'htop', 'pidstat', 'unzip', 'zip', 'read', 'sudo', 'su', 'time', 'type', 'command', 'hash', 'ulimit', 'go', 'make',
  'pytest', 'java', 'rsync', 'wget', 'curl', 'ab', 'chrt', 'chown', 'numactl', 'timeout',
  'mktemp', 'touch', 'ln', 'mv', 'openssl', 'passwd', 'chpasswd', 'crontab', 'diff', 'ls', 'cat', 'jq', 'yq', 'sort',
]);

/** Commands whose second positional argument is a port (`nc -z db 5432`, `telnet mail 25`). */
const HOST_PORT_COMMANDS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'wait-for', 'wait-for-it']);

/** Command words after which the next word starts a new command. */
function isCommandBreak(w: string): boolean {
  return w === '&&' || w === '||' || w === ';' || w === '|' || w === 'exec' || w === 'sudo' || w === 'then' || w === 'do' || w === '(';
}

/**
 * Scans a command line held as words (already without quotes): `--port 8080`, `--port=8080`,
 * `-p 5432`, `-Dserver.port=8080`, `-b 0.0.0.0:8000`, `--bind :8000`, `PORT=3000 node app.js`,
 * `nc -z db 5432`, `python -m http.server 8000`, and URLs or `host:port` in any word.
 */
export function scanCommandWords(text: string, words: Array<[number, number]>, out: PortOccurrence[]): void {
  let cmd = '';
  let positional = 0;
  for (let n = 0; n < words.length; n++) {
    const [s, e] = words[n];
    const w = text.slice(s, e);
    // `cmd;` ends a command too.
    const ends = w.endsWith(';') || w.endsWith('&&');
    if (isCommandBreak(w)) {
      cmd = '';
      positional = 0;
      continue;
    }
    const c0 = w.charCodeAt(0);
    if (c0 === 45 /* - */ && w.length > 1) {
      const long = w.charCodeAt(1) === 45;
      const eq = w.indexOf('=');
      const name = w.slice(long ? 2 : 1, eq < 0 ? w.length : eq);
      const next = n + 1 < words.length ? words[n + 1] : undefined;
      let vs = -1;
      let ve = -1;
      if (eq >= 0) {
        vs = s + eq + 1;
        ve = e;
      } else if (!long && name.length > 1 && (name[0] === 'p' || name[0] === 'P') && /^\d+$/.test(name.slice(1))) {
        // `-p5432`
        vs = s + 2;
        ve = e;
      } else if (next && text.charCodeAt(next[0]) !== 45) {
        vs = next[0];
        ve = next[1];
      }
      const lname = name.toLowerCase();
      const isPortFlag = long || eq >= 0
        ? isPortKey(name) || lname === 'debug-port'
        : (name === 'p' || name === 'P' || /^[pP]\d+$/.test(name)) && !NOT_PORT_P.has(cmd);
      const isBind = BIND_FLAGS.has(long ? lname : name) && (long || name === 'b');
      const isListenShort = !long && name === 'l' && (cmd === 'nc' || cmd === 'ncat' || cmd === 'netcat' || cmd === 'serve');
      if (vs >= 0 && ve > vs) {
        if (isPortFlag || isListenShort) {
          if (!readPortItem(text, vs, ve, 'listen', out) && !readPortMapping(text, vs, ve, out)) readAddress(text, vs, ve, 'listen', out, { emptyHost: true, anyHost: true });
        } else if (isBind) {
          readAddress(text, vs, ve, 'listen', out, { bareNumber: true, anyHost: true, emptyHost: true });
        }
      }
      // `-Dserver.port=8080`: a Java system property.
      if (!long && eq > 0 && (name[0] === 'D') && isPortKey(name.slice(1))) readPortItem(text, s + eq + 1, e, 'listen', out);
      scanValueText(text, s, e, out, {});
      continue;
    }
    const eq = w.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(w.slice(0, eq))) {
      // `PORT=3000 node server.js`, `-e DB_PORT=5432`
      scanKeyValue(text, w.slice(0, eq), s + eq + 1, e, out);
      continue;
    }
    if (!cmd) {
      cmd = w.slice(w.lastIndexOf('/') + 1);
      positional = 0;
    } else {
      positional++;
      if (HOST_PORT_COMMANDS.has(cmd) && positional === 2) readPortItem(text, s, e, 'connect', out);
      if (w === 'http.server' || w === 'SimpleHTTPServer') {
        const next = words[n + 1];
        if (next) readPortItem(text, next[0], next[1], 'listen', out);
      }
    }
    scanValueText(text, s, e, out, {});
    if (ends) {
      cmd = '';
      positional = 0;
    }
  }
}

/** `docker run -p 8080:80` / `127.0.0.1:8080:80/tcp`: the host port and the container port. */
function readPortMapping(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  const parts: Array<[number, number]> = [];
  let ps = s;
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 58) {
      parts.push([ps, i]);
      ps = i + 1;
    }
  }
  if (parts.length < 2 || parts.length > 3) return false;
  const mine: PortOccurrence[] = [];
  const c = parts[parts.length - 1];
  const h = parts[parts.length - 2];
  if (!readPortItem(text, h[0], h[1], 'host', mine) || !readPortItem(text, c[0], c[1], 'container', mine)) return false;
  out.push(...mine);
  return true;
}

/** Words of a shell command line in text[s, e), with quotes removed from each word's range. */
export function shellWords(text: string, s: number, e: number): Array<[number, number]> {
  return splitWords(text, s, e).map(([ws, we]) => {
    const q = text.charCodeAt(ws);
    if ((q === 34 || q === 39) && we - ws >= 2 && text.charCodeAt(we - 1) === q) return [ws + 1, we - 1] as [number, number];
    return [ws, we] as [number, number];
  });
}

/** The string items of a JSON-style exec array `["gunicorn", "-b", "0.0.0.0:8000"]` in text[s, e). */
export function execFormWords(text: string, s: number, e: number): Array<[number, number]> {
  const words: Array<[number, number]> = [];
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < e && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      words.push([i + 1, Math.min(j, e)]);
      i = j + 1;
    } else i++;
  }
  return words;
}

/** Scans a command given in shell form, or in exec form when it starts with `[`. */
export function scanCommand(text: string, s: number, e: number, out: PortOccurrence[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  const words = text.charCodeAt(s) === 91 ? execFormWords(text, s, e) : shellWords(text, s, e);
  scanCommandWords(text, words, out);
}
