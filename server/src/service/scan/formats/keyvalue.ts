import type { Protocol } from '../../registry/types';
import type { PortFinder, PortOccurrence, PortRole } from '../vocabulary/types';
import { markDocumentation, scanProseNumbers } from '../vocabulary/prose';
import {
  ADDRESS_FLAGS, digitsEnd, finish, isAddressFlagName, indexIn, isDigit, isPortKey, isPortKeyIn, lastIndexIn, lastKeySegment, portValue, protocolSuffix,
  readPortValue, scanAtPorts, scanHostPorts, type HostPortOptions,
} from '../vocabulary/common';

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

/**
 * A closed set of lower-case ASCII words, matched against a stretch of text by character codes:
 * key checks run for every line of a config file, and slicing and lower-casing each key's words
 * cost more than the rest of the line's work.
 */
export class WordSet {
  /** The words by length and first character (`length * 32 + code % 32`), each with its index in the constructor's list. */
  private readonly buckets: Array<Array<[string, number]>> = [];
  private maxLength = 0;

  constructor(words: readonly string[]) {
    words.forEach((w, n) => {
      (this.buckets[w.length * 32 + (w.charCodeAt(0) & 31)] ??= []).push([w, n]);
      this.maxLength = Math.max(this.maxLength, w.length);
    });
  }

  /** True when text[s, e) with ASCII letters lower-cased is one of the words. */
  has(text: string, s: number, e: number): boolean {
    return this.indexOf(text, s, e) >= 0;
  }

  /** The index of the word text[s, e) is (with ASCII letters lower-cased), or -1. */
  indexOf(text: string, s: number, e: number): number {
    if (e <= s || e - s > this.maxLength) return -1;
    // Upper- and lower-case ASCII letters share their code modulo 32.
    const list = this.buckets[(e - s) * 32 + (text.charCodeAt(s) & 31)];
    if (list === undefined) return -1;
    next: for (let n = 0; n < list.length; n++) {
      const w = list[n][0];
      for (let i = 0; i < w.length; i++) {
        const c = text.charCodeAt(s + i);
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== w.charCodeAt(i)) continue next;
      }
      return list[n][1];
    }
    return -1;
  }

  /** True when text[s, e) starts with one of the words (ASCII letters lower-cased). */
  hasPrefixOf(text: string, s: number, e: number): boolean {
    for (let len = 1; len <= this.maxLength && len <= e - s; len++) if (this.indexOf(text, s, s + len) >= 0) return true;
    return false;
  }
}

/** Lower-case last key segment words that hold a port number in config files, beyond `isPortKey`. */
const EXTRA_PORT_KEYS = new WordSet(['listen', 'listener', 'port_number', 'portnumber', 'port-number']);

/**
 * True when a config key holds a port number or a list of them: every `isPortKey` key, plus
 * `listen = 9000` (php-fpm), `listener 1883` (mosquitto) and `*_port_range(s)` (Azure NSG rules).
 */
export function isConfigPortKey(key: string): boolean {
  return isConfigPortKeyIn(key, 0, key.length);
}

/** `isConfigPortKey(src.slice(s, e))` without the slice. */
function isConfigPortKeyIn(src: string, s: number, e: number): boolean {
  if (isPortKeyIn(src, s, e)) return true;
  // php-fpm `env[DB_PORT]`, `php_value[xdebug.client_port]`: the key is inside the brackets.
  if (e > s && src.charCodeAt(e - 1) === 93 /* ] */) {
    const open = lastIndexIn(src, 91 /* [ */, s, e);
    if (open >= 0 && open < e - 2) return isConfigPortKeyIn(src, open + 1, e - 1);
  }
  const quoted = isQuoted(src, s, e);
  let b = quoted ? e - 1 : e;
  let a = segmentStart(src, quoted ? s + 1 : s, b);
  if (a < 0) return isConfigPortKeySlow(src.slice(s, e));
  while (a < b && isAsciiSpace(src.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(src.charCodeAt(b - 1))) b--;
  if (EXTRA_PORT_KEYS.has(src, a, b)) return true;
  if (isPortBoundKey(src, a, b) || isListenerKey(src, s, a, b)) return true;
  // Both patterns below end in "range(s)": most keys are ruled out without running them.
  if ((src.charCodeAt(b - 1) | 32) === 115 /* s */) b--;
  if (!(b - a >= 5 && (src.charCodeAt(b - 1) | 32) === 101 && (src.charCodeAt(b - 2) | 32) === 103 &&
    (src.charCodeAt(b - 3) | 32) === 110 && (src.charCodeAt(b - 4) | 32) === 97 && (src.charCodeAt(b - 5) | 32) === 114)) return false;
  return isConfigPortKeySlow(src.slice(s, e));
}

/** Last words of a key that bound a range of ports: `ip_unprivileged_port_start`, `rtp_port_max`, `portMin`. */
const BOUND_WORDS = new WordSet(['start', 'end', 'min', 'max']);

/**
 * True when the key segment text[a, b) is a port word followed by a bound, `port_start`, `port-end`,
 * `ip_unprivileged_port_start` or camelCase `rtpPortMin`: the port word must stand as a word of its own,
 * so `support_max` and `export_start` are not port keys.
 */
function isPortBoundKey(text: string, a: number, b: number): boolean {
  // The bound is 3 to 5 letters after `_`, `-` or a capital letter.
  for (let w = b - 3; w >= b - 5 && w > a + 3; w--) {
    const c = text.charCodeAt(w);
    const sep = text.charCodeAt(w - 1);
    if (sep === 95 /* _ */ || sep === 45 /* - */) {
      return BOUND_WORDS.has(text, w, b) && isPortKeyIn(text, a, w - 1);
    }
    if (c >= 65 && c <= 90 && (sep | 32) === 116 /* t */) return BOUND_WORDS.has(text, w, b) && isPortKeyIn(text, a, w);
  }
  return false;
}

/** Last key segments under a `listeners` key that name one listener: a protocol, `default` or a number. */
const LISTENER_LEAVES = new WordSet([
  'default', 'tcp', 'ssl', 'tls', 'udp', 'http', 'https', 'ws', 'wss', 'mqtt', 'mqtts', 'amqp', 'amqps', 'stomp', 'quic', 'grpc',
]);

/**
 * True for RabbitMQ's `listeners.tcp.default`, `mqtt.listeners.ssl.1`: a key with an earlier segment
 * `listener` or `listeners` and a last segment (text[a, b)) that names one listener, whose value is its port.
 * Limits under such a key (`listeners.tcp.backlog`) are not ports.
 */
function isListenerKey(text: string, s: number, a: number, b: number): boolean {
  if (a <= s + 9 || !(LISTENER_LEAVES.has(text, a, b) || (b > a && digitsEnd(text, a, b) === b))) return false;
  // The segments before the last, read between separators.
  let ws = s;
  for (let i = s; i < a; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 47 || c === 58 || c === 91 || c === 93) {
      const len = i - ws;
      if ((len === 8 || len === 9) && LISTENER_WORDS.has(text, ws, i)) return true;
      ws = i + 1;
    }
  }
  return false;
}
const LISTENER_WORDS = new WordSet(['listener', 'listeners']);

/** The rest of `isConfigPortKey` on strings, for keys with non-ASCII characters and for port ranges. */
function isConfigPortKeySlow(key: string): boolean {
  const k = lastKeySegment(stripQuotes(key)).toLowerCase();
  if (k === 'listen' || k === 'listener' || k === 'port_number' || k === 'portnumber' || k === 'port-number') return true;
  if (!k.endsWith('range') && !k.endsWith('ranges')) return false;
  return /(^|[_.-])ports?[_-]ranges?$/.test(k) || /(^|[a-z])port[_-]?ranges?$/.test(k);
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** True when text[s, e) is wholly quoted (`"port"`, `'port'`). */
function isQuoted(text: string, s: number, e: number): boolean {
  const q = text.charCodeAt(s);
  return (q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q;
}

/**
 * Where the last key segment of text[s, e) starts (after its last `.`, `/`, `:`, `[` or `]`), as
 * `lastKeySegment` cuts it; -1 when the segment holds a non-ASCII character, whose trimming and
 * lower-casing are left to the string functions.
 */
function segmentStart(text: string, s: number, e: number): number {
  let i = e;
  while (i > s) {
    const c = text.charCodeAt(i - 1);
    if (c === 46 || c === 47 || c === 58 || c === 91 || c === 93) break;
    if (c >= 128) return -1;
    i--;
  }
  return i;
}

/** Key words that say the value is an address (`host:port`, `:8080`, a URL, a list of brokers). */
const ADDRESS_WORDS = new WordSet([
  'addr', 'address', 'addresses', 'bind', 'listen', 'host', 'hosts', 'endpoint', 'endpoints', 'server', 'servers',
  'url', 'urls', 'uri', 'uris', 'dsn', 'upstream', 'upstreams', 'proxy', 'broker', 'brokers', 'socket', 'target',
  'targets', 'nodes', 'seeds', 'http', 'https', 'origin', 'origins', 'backend', 'backends', 'peers', 'bootstrap',
  'sentinels', 'cluster', 'connection', 'conn', 'connect', 'master', 'primary', 'replicaof', 'slaveof', 'listener',
]);

/** True when a key names an address, so `:8080` and `web:80` in its value read as ports. */
export function isAddressKey(key: string): boolean {
  return isAddressKeyIn(key, 0, key.length);
}

/** `isAddressKey(src.slice(s, e))` without the slice. */
function isAddressKeyIn(src: string, s: number, e: number): boolean {
  const quoted = isQuoted(src, s, e);
  const qe = quoted ? e - 1 : e;
  const a = segmentStart(src, quoted ? s + 1 : s, qe);
  // Trimming the segment changes nothing for ASCII: whitespace separates words anyway.
  if (a >= 0) return hasKeyWord(src, a, qe, ADDRESS_WORDS);
  const seg = lastKeySegment(stripQuotes(src.slice(s, e)));
  return hasKeyWord(seg, 0, seg.length, ADDRESS_WORDS);
}

/**
 * True when one of the words of text[s, e) is in `set`. Words are split at camelCase humps
 * (`listenAddr`) and at every character other than an ASCII letter or digit, then lower-cased: the
 * same words as `k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)`, without
 * building the intermediate strings.
 */
function hasKeyWord(text: string, s: number, e: number, set: WordSet): boolean {
  let ws = s;
  let prev = 32;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 32;
    if (c >= 128) return hasKeyWordSlow(text.slice(s, e), set);
    const upper = c >= 65 && c <= 90;
    const alnum = upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    const hump = upper && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57));
    if (!alnum || hump) {
      if (i > ws && set.has(text, ws, i)) return true;
      ws = alnum ? i : i + 1;
    }
    prev = c;
  }
  return false;
}

/** `hasKeyWord` for keys with non-ASCII characters, whose lower-casing may change their length. */
function hasKeyWordSlow(k: string, set: WordSet): boolean {
  const words = k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  for (const w of words) if (set.has(w, 0, w.length)) return true;
  return false;
}

/** Key words for a service this program connects to: their ports are remote targets. */
const CONNECT_WORDS = new WordSet([
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
  return roleForKeyIn(key, 0, key.length);
}

/** `roleForKey(text.slice(s, e))` without the slice. */
function roleForKeyIn(text: string, s: number, e: number): PortRole {
  const quoted = isQuoted(text, s, e);
  return hasKeyWord(text, quoted ? s + 1 : s, quoted ? e - 1 : e, CONNECT_WORDS) ? 'connect' : 'listen';
}

function stripQuotes(s: string): string {
  const q = s.charCodeAt(0);
  if ((q === 34 || q === 39) && s.length >= 2 && s.charCodeAt(s.length - 1) === q) return s.slice(1, -1);
  return s;
}

// The occurrences below are built by object literals with a fixed set of keys per kind, in the
// order the rest of the program has always seen them, rather than by spreading an options object.

function portOcc(s: number, e: number, port: number, role: PortRole, protocol: Protocol | undefined): PortOccurrence {
  return protocol ? { start: s, end: e, kind: 'port', port, role, protocol } : { start: s, end: e, kind: 'port', port, role };
}

function rangeOcc(s: number, e: number, port: number, role: PortRole, lo: number, hi: number, protocol: Protocol | undefined): PortOccurrence {
  return protocol
    ? { start: s, end: e, kind: 'port', port, role, rangeLo: lo, rangeHi: hi, protocol }
    : { start: s, end: e, kind: 'port', port, role, rangeLo: lo, rangeHi: hi };
}

function hostOcc(s: number, e: number, port: number, role: PortRole, host: string | undefined, protocol: Protocol | undefined): PortOccurrence {
  return protocol ? { start: s, end: e, kind: 'port', port, role, host, protocol } : { start: s, end: e, kind: 'port', port, role, host };
}

function hostRangeOcc(
  s: number, e: number, port: number, role: PortRole, host: string | undefined, lo: number, hi: number, protocol: Protocol | undefined,
): PortOccurrence {
  return protocol
    ? { start: s, end: e, kind: 'port', port, role, host, rangeLo: lo, rangeHi: hi, protocol }
    : { start: s, end: e, kind: 'port', port, role, host, rangeLo: lo, rangeHi: hi };
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
    out.push(portOcc(s, d1, lo, role, proto));
    return true;
  }
  const hi = portValue(text, d2s, d2);
  if (hi < 0) return false;
  out.push(rangeOcc(s, d1, lo, role, lo, hi, proto));
  out.push(rangeOcc(d2s, d2, hi, role, lo, hi, proto));
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
  // Items go straight into `out`, and are taken back if one of them is not a port.
  const before = out.length;
  let is = s;
  let items = 0;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 44;
    if (c === 44 /* , */ || c === 32 || c === 9) {
      if (i > is && !isBlank(text, is, i)) {
        if (!readPortItem(text, is, i, role, out)) {
          out.length = before;
          return false;
        }
        items++;
      }
      is = i + 1;
    }
  }
  return items > 0;
}

/** True when text[s, e) is empty after `trim`. */
function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return text.slice(s, e).trim().length === 0;
    if (!isAsciiSpace(c)) return false;
  }
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
  if (startsWithWord(text, s, e, 'unix:') || startsWithWord(text, s, e, 'vsock:')) return false;
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
  if (isDigit(c0) && opts.bareNumber && readPortItem(text, s, pe, role, out, protocol)) return true;
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
    out.push(hostOcc(ps, d1, lo, role, h, protocol));
    return true;
  }
  const hi = portValue(text, d2s, d2);
  if (hi < 0) return false;
  out.push(hostRangeOcc(ps, d1, lo, role, h, lo, hi, protocol));
  out.push(hostRangeOcc(d2s, d2, hi, role, h, lo, hi, protocol));
  return true;
}

/**
 * True when text[s, e) starts with `word` (lower-case ASCII, at most 6 characters) in any case. A
 * non-ASCII character leaves the answer to `toLowerCase`, which may turn it into ASCII letters.
 */
function startsWithWord(text: string, s: number, e: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    if (s + i >= e) return false;
    const c = text.charCodeAt(s + i);
    if (c >= 128) return text.slice(s, Math.min(e, s + 6)).toLowerCase().startsWith(word);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** A host in an address token: empty, `*`, `::`, `_default_`, a bracketed IPv6 address, an IPv4 address or a name. */
function isAddressHost(h: string): boolean {
  // Apache's `_default_` is the catch-all address of a virtual host.
  if (h === '' || h === '*' || h === '::' || h === '0' || h === '_default_') return true;
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
export function scanValueText(text: string, s: number, e: number, out: PortOccurrence[], opts: TextScanOptions = TEXT): void {
  if (e <= s) return;
  if (indexIn(text, 58, s, e) >= 0) {
    const hp = opts.role !== undefined
      ? { allowEmptyHost: !!opts.address, lowPortsOnBareHosts: !!opts.address, role: opts.role }
      : opts.address ? ADDRESS_HOST_PORTS : TEXT_HOST_PORTS;
    if (indexIn(text, 92 /* \ */, s, e) >= 0) scanEscaped(text, s, e, out, hp);
    else scanHostPorts(text, s, e, out, hp);
  }
  scanAtPorts(text, s, e, out, !!opts.address);
  scanPortPairs(text, s, e, out);
}

const ADDRESS_HOST_PORTS: HostPortOptions = { allowEmptyHost: true, lowPortsOnBareHosts: true, role: undefined };
const TEXT_HOST_PORTS: HostPortOptions = { allowEmptyHost: false, lowPortsOnBareHosts: false, role: undefined };

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
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < e && isWordChar(text.charCodeAt(j))) j++;
    // A word starts after a character that is not a word character (the rest of a number read below is not one).
    if (i > s && isWordChar(text.charCodeAt(i - 1))) {
      i = j;
      continue;
    }
    // A trailing dot belongs to prose, not to the key.
    let we = j;
    while (we > i && text.charCodeAt(we - 1) === 46) we--;
    if (we - i >= 4 && (isPortKeyIn(text, i, we) || isListen(text, i, we))) {
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
        // squid `acl Safe_ports port 1025-65535`: a range of ports.
        if (ve > vs && after === 45 /* - */ && readPairRange(text, vs, ve, e, out, role ?? roleForKeyIn(text, i, we))) {
          i = digitsEnd(text, ve + 1, e);
          continue;
        }
        if (ve > vs && isPairEnd(after)) {
          const port = portValue(text, vs, ve);
          const proto = after === 47 ? protocolSuffix(text, ve) : undefined;
          if (port >= 0 && (after !== 47 || proto)) {
            out.push(portOcc(vs, ve, port, role ?? roleForKeyIn(text, i, we), proto));
          }
          i = ve;
          continue;
        }
      }
    }
    i = j;
  }
}

/** What may follow the number of a `port 5432` pair: the end, a blank, `;`, `,`, `&`, a quote, a closing bracket or `/`. */
function isPairEnd(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 59 || c === 44 || c === 38 || c === 34 || c === 39 || c === 41 ||
    c === 125 || c === 93 || c === 13 || c === 47;
}

/** Pushes the range `lo-hi` of a port pair whose low end is text[vs, ve), when it is one (lo <= hi). */
function readPairRange(text: string, vs: number, ve: number, e: number, out: PortOccurrence[], role: PortRole): boolean {
  const hs = ve + 1;
  const he = digitsEnd(text, hs, e);
  const after = he < e ? text.charCodeAt(he) : NaN;
  if (he === hs || after === 47 || !isPairEnd(after)) return false;
  const lo = portValue(text, vs, ve);
  const hi = portValue(text, hs, he);
  if (lo < 0 || hi < 0 || lo > hi || hi > 65535) return false;
  out.push(rangeOcc(vs, ve, lo, role, lo, hi, undefined));
  out.push(rangeOcc(hs, he, hi, role, lo, hi, undefined));
  return true;
}

/** True when text[s, e) is `listen` in any case. */
function isListen(text: string, s: number, e: number): boolean {
  return e - s === 6 && (text.charCodeAt(s) | 32) === 108 && (text.charCodeAt(s + 1) | 32) === 105 && (text.charCodeAt(s + 2) | 32) === 115 &&
    (text.charCodeAt(s + 3) | 32) === 116 && (text.charCodeAt(s + 4) | 32) === 101 && (text.charCodeAt(s + 5) | 32) === 110;
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

/** Scans comment text: `host:port`, URLs and numbers the sentence ties to a port; all of them documentation. */
export function scanComment(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const first = out.length;
  if (indexIn(text, 58, s, e) >= 0) scanHostPorts(text, s, e, out);
  scanProseNumbers(text, s, e, out, first);
  markDocumentation(out, first);
}

/**
 * Handles one `key <sep> value` pair whose value is text[vs, ve): a port key reads its value as
 * ports; any value is scanned for addresses, URLs and port pairs.
 */
export function scanKeyValue(text: string, key: string, vs: number, ve: number, out: PortOccurrence[], opts: { role?: PortRole } = {}): void {
  scanPair(text, key, 0, key.length, vs, ve, out, opts.role);
}

/** `scanKeyValue` for a key that stands in the text itself, at text[ks, ke); no role means the key's. */
export function scanKeyValueAt(text: string, ks: number, ke: number, vs: number, ve: number, out: PortOccurrence[], role?: PortRole): void {
  scanPair(text, text, ks, ke, vs, ve, out, role);
}

/** Options of a value scanned as an address, shared rather than made per line. */
const ADDRESS_TEXT: TextScanOptions = { address: true };

/** `scanKeyValue` with the key at src[ks, ke), read where it stands. */
function scanPair(text: string, src: string, ks: number, ke: number, vs: number, ve: number, out: PortOccurrence[], role: PortRole | undefined): void {
  const address = isAddressKeyIn(src, ks, ke);
  if (isConfigPortKeyIn(src, ks, ke)) {
    const r = role ?? roleForKeyIn(src, ks, ke);
    if (readPortsValue(text, vs, ve, r, out)) return;
    // `port=127.0.0.1:9001` (supervisord), `listen = 127.0.0.1:9000` (php-fpm)
    if (readAddress(text, vs, ve, r, out, PORT_FLAG_ADDRESS)) return;
    // `listener 8883 0.0.0.0` (mosquitto): the port comes first, then an address or option.
    let w0 = vs;
    while (w0 < ve && isSpace(text.charCodeAt(w0))) w0++;
    if (w0 < ve) {
      const w0e = wordEnd(text, w0, ve);
      let w1 = w0e;
      while (w1 < ve && isSpace(text.charCodeAt(w1))) w1++;
      if (w1 < ve && readPortItem(text, w0, w0e, r, out)) {
        scanValueText(text, w1, ve, out, address ? ADDRESS_TEXT : TEXT);
        return;
      }
    }
  }
  if (isCommandKeyIn(src, ks, ke)) {
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
  scanValueText(text, vs, ve, out, address ? ADDRESS_TEXT : TEXT);
}

/**
 * True when a key holds a command line or command-line options (`command`, `ExecStart`,
 * `JAVA_OPTS`, `NODE_OPTIONS`, `extra_args`), whose `--port N` and `-p N` flags are ports.
 */
export function isCommandKey(key: string): boolean {
  return isCommandKeyIn(key, 0, key.length);
}

/** `isCommandKey(src.slice(s, e))` without the slice. */
function isCommandKeyIn(src: string, s: number, e: number): boolean {
  const quoted = isQuoted(src, s, e);
  let b = quoted ? e - 1 : e;
  let a = segmentStart(src, quoted ? s + 1 : s, b);
  if (a < 0) return isCommandKeySlow(src.slice(s, e));
  while (a < b && isAsciiSpace(src.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(src.charCodeAt(b - 1))) b--;
  if (COMMAND_KEYS.has(src, a, b)) return true;
  // `JAVA_OPTS`, `extra-args`: the word after the last `_` or `-`.
  let sep = b - 1;
  while (sep >= a && src.charCodeAt(sep) !== 95 && src.charCodeAt(sep) !== 45) sep--;
  return sep >= a && COMMAND_SUFFIXES.has(src, sep + 1, b);
}

const COMMAND_KEYS = new WordSet([
  'command', 'cmd', 'exec', 'execstart', 'args', 'arguments', 'entrypoint', 'entry_point', 'script', 'run', 'start', 'opts', 'options',
]);
const COMMAND_SUFFIXES = new WordSet(['command', 'cmd', 'args', 'arguments', 'opts', 'options', 'flags']);

/** `isCommandKey` on strings, for keys with non-ASCII characters, whose lower-casing is Unicode's. */
function isCommandKeySlow(key: string): boolean {
  const k = lastKeySegment(stripQuotes(key)).toLowerCase();
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
  // Whether the current section is one of a client program's.
  let clientSection = false;
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
      scanValueText(text, s, le, out);
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
        clientSection = CLIENT_SECTIONS.has(text.slice(s + 1, close).trim().toLowerCase());
        continue;
      }
    }
    scanLine(text, s, e, out, clientSection);
  }
  return finish(out);
};

function scanLine(text: string, s: number, e: number, out: PortOccurrence[], clientSection: boolean): void {
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
  const ke = Math.min(k, e);
  let v = k;
  while (v < e && isSpace(text.charCodeAt(v))) v++;
  const sep = text.charCodeAt(v);
  // A master.cf service line has `inet` after its first column, which may be `host:port`.
  if ((sep === 105 /* i */ ? v > k : sep === 58) && masterServiceLine(text, s, e, out)) return;
  if (v > k && v < e && sep !== 61 && sep !== 58 && multiWordKey(text, s, ke, v, e, out, clientSection)) return;
  if (v < e && sep === 58 && isDigit(text.charCodeAt(v + 1)) && !isConfigPortKeyIn(text, s, ke)) {
    // `localhost:8080` alone on a line is an address, not a key.
    scanValueText(text, s, e, out, { address: true });
    return;
  }
  if (v < e && (sep === 61 || sep === 58)) {
    v++;
    while (v < e && isSpace(text.charCodeAt(v))) v++;
  } else if (v === k) {
    // A line with no separator at all (`skip-networking`).
    scanValueText(text, s, e, out);
    return;
  }
  // Apache `<VirtualHost _default_:443 *:80>`: each word is an address.
  if (text.charCodeAt(s) === 60 /* < */ && ke - s === 12 && VIRTUAL_HOST.has(text, s + 1, ke)) {
    const words = wordOffsets(text, v, text.charCodeAt(e - 1) === 62 ? e - 1 : e, false);
    for (let n = 0; n < words.length; n += 2) readAddress(text, words[n], words[n + 1], 'listen', out, VIRTUAL_HOST_ADDRESS);
    return;
  }
  const special = REDIS_KEYS.indexOf(text, s, ke);
  if (special === REPLICAOF || special === SLAVEOF) {
    // redis `replicaof <host> <port>`
    const words = splitWords(text, v, e);
    if (words.length >= 2) readPortItem(text, words[1][0], words[1][1], 'connect', out);
    return;
  }
  if (special === SENTINEL) {
    // sentinel.conf `sentinel monitor <name> <host> <port> <quorum>`
    const words = splitWords(text, v, e);
    if (words.length >= 4 && text.slice(words[0][0], words[0][1]).toLowerCase() === 'monitor') {
      readPortItem(text, words[3][0], words[3][1], 'connect', out);
      return;
    }
  }
  // openvpn `management 127.0.0.1 7505`, `remote vpn.example.com 1194`: a host, then its port.
  if (hostThenPort(text, v, e, out)) return;
  scanKeyValueAt(text, s, ke, v, e, out, clientSection ? 'connect' : undefined);
}

/** True when text[s, e) is a name: an ASCII letter, then letters, digits, `_`, `-` or `.`. */
function isNameWord(text: string, s: number, e: number): boolean {
  const c0 = text.charCodeAt(s);
  if (e <= s || !((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90))) return false;
  for (let i = s + 1; i < e; i++) if (!isWordChar(text.charCodeAt(i))) return false;
  return true;
}

/**
 * INI and Samba keys of several words, `smb ports = 445 139`, `bind interfaces only = yes`: the first
 * word is text[s, ke) and the next starts at `w`. When every word up to an `=` is a name (no number, so
 * torrc's `SocksPort 9050 IsolateX=1` and sshd's `keepalive 10 120` keep their first word as the key),
 * the key is all of them: its last word decides whether the value is ports, all its words give the role.
 * Returns true when it read the line.
 */
function multiWordKey(text: string, s: number, ke: number, w: number, e: number, out: PortOccurrence[], clientSection: boolean): boolean {
  if (!isNameWord(text, s, ke)) return false;
  let lw = w;
  let i = w;
  for (;;) {
    const ws = i;
    while (i < e && isWordChar(text.charCodeAt(i))) i++;
    if (!isNameWord(text, ws, i)) return false;
    lw = ws;
    const we = i;
    while (i < e && isSpace(text.charCodeAt(i))) i++;
    if (i >= e) return false;
    if (text.charCodeAt(i) === 61 /* = */) {
      let vs = i + 1;
      while (vs < e && isSpace(text.charCodeAt(vs))) vs++;
      if (isConfigPortKeyIn(text, lw, we)) scanPair(text, text, lw, we, vs, e, out, clientSection ? 'connect' : roleForKeyIn(text, s, we));
      else scanPair(text, text, s, we, vs, e, out, clientSection ? 'connect' : undefined);
      return true;
    }
    // Words are separated by blanks; anything else (`:`, a quote, a path) is no key of names.
    if (i === we) return false;
  }
}

/** Postfix master.cf's private, unpriv and chroot columns: `y`, `n` or `-`. */
function isFlagColumn(text: string, i: number, e: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 121 || c === 110 || c === 45) && i + 1 < e && isSpace(text.charCodeAt(i + 1));
}

/**
 * A Postfix master.cf service line `2525 inet n - y - - smtpd`, `127.0.0.1:10025 inet ...`,
 * `submission inet ...`: the type column `inet` followed by three `y`/`n`/`-` columns marks it, and the
 * first column is what the service listens on, a port, `host:port` or a service name. Returns true when
 * it read the line.
 */
function masterServiceLine(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  let fe = s;
  while (fe < e && !isSpace(text.charCodeAt(fe))) fe++;
  let t = fe;
  while (t < e && isSpace(text.charCodeAt(t))) t++;
  if (t === fe || t + 5 >= e || !text.startsWith('inet', t) || !isSpace(text.charCodeAt(t + 4))) return false;
  let c = t + 4;
  for (let n = 0; n < 3; n++) {
    while (c < e && isSpace(text.charCodeAt(c))) c++;
    if (!isFlagColumn(text, c, e)) return false;
    c += 1;
  }
  if (digitsEnd(text, s, fe) === fe) {
    readPortItem(text, s, fe, 'listen', out);
  } else if (indexIn(text, 58, s, fe) >= 0) {
    readAddress(text, s, fe, 'listen', out, MASTER_ADDRESS);
  } else if (isNameWord(text, s, fe)) {
    out.push({ start: s, end: fe, kind: 'service', port: NaN, name: text.slice(s, fe), role: 'listen' });
  }
  return true;
}

const MASTER_ADDRESS: AddressOptions = { anyHost: true, emptyHost: true };

const VIRTUAL_HOST = new WordSet(['virtualhost']);
const VIRTUAL_HOST_ADDRESS: AddressOptions = { anyHost: true };

/**
 * Reads a value of exactly two words, a host and a number (`127.0.0.1 7505`, `redis.internal 6379`),
 * or three with a protocol last (`vpn.example.com 1194 udp`), and pushes the number as the host's port. The host is an IPv4 address that is not a network (`10.8.0.0
 * 255.255.255.0` is a route), `localhost`, or a lower-case dotted name that is not a file (`ta.key 0`,
 * `openvpn-status.log 30`). Returns true when it pushed.
 */
function hostThenPort(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  if (e <= s) return false;
  // openvpn `remote vpn.example.com 1194 udp`: a protocol may follow the port.
  let protocol: Protocol | undefined;
  const lc = text.charCodeAt(e - 1);
  if (!isDigit(lc)) {
    if (lc !== 112 && lc !== 80 && lc !== 116) return false;
    let w = e;
    while (w > s && !isSpace(text.charCodeAt(w - 1))) w--;
    if (!TRANSPORTS.has(text, w, e)) return false;
    protocol = (text.charCodeAt(w) | 32) === 117 /* u */ ? 'udp' : 'tcp';
    e = w;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  }
  // The number comes last: most values are ruled out by their last character.
  if (e <= s || !isDigit(text.charCodeAt(e - 1))) return false;
  let ps = e;
  while (ps > s && isDigit(text.charCodeAt(ps - 1))) ps--;
  if (ps === s || !isSpace(text.charCodeAt(ps - 1)) || text.charCodeAt(ps) === 48 /* 0 */) return false;
  let he = ps;
  while (he > s && isSpace(text.charCodeAt(he - 1))) he--;
  let hs = he;
  while (hs > s && !isSpace(text.charCodeAt(hs - 1))) hs--;
  if (hs !== s || !isHostWord(text, hs, he)) return false;
  const port = portValue(text, ps, e);
  if (port < 1 || port > 65535) return false;
  const host = text.slice(hs, he);
  out.push(hostOcc(ps, e, port, host === '0.0.0.0' ? 'listen' : 'connect', host, protocol));
  return true;
}

/** openvpn's protocol words after a `remote` host and port. */
const TRANSPORTS = new WordSet(['udp', 'tcp', 'tcp-client']);

/** File name endings that a dotted word ends in when it is a file rather than a host. */
const FILE_ENDINGS = new WordSet([
  'key', 'pem', 'crt', 'cert', 'cer', 'csr', 'der', 'p12', 'pfx', 'jks', 'log', 'txt', 'conf', 'cfg', 'ini', 'json', 'yaml',
  'yml', 'xml', 'toml', 'pid', 'sock', 'db', 'sqlite', 'dat', 'gz', 'zip', 'tar', 'so', 'dll', 'exe', 'sh', 'py', 'js', 'ts',
  'rb', 'go', 'pl', 'lua', 'java', 'jar', 'class', 'html', 'htm', 'css', 'md', 'lock', 'tmp', 'bak', 'bin', 'img', 'iso',
  'csv', 'out', 'err', 'map', 'list', 'pub', 'secret', 'keytab', 'crl', 'dh', 'env',
]);

/** True when text[s, e) is an IPv4 host address (not a network ending in `.0`), `localhost`, or a lower-case dotted host name. */
function isHostWord(text: string, s: number, e: number): boolean {
  if (e - s === 9 && text.startsWith('localhost', s)) return true;
  let dots = 0;
  let letters = false;
  let lastDot = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      // No empty label: `a..b`, `.a`, `a.`.
      if (i === s || i === lastDot + 1) return false;
      dots++;
      lastDot = i;
    } else if (c >= 97 && c <= 122) letters = true;
    else if (!(isDigit(c) || ((c === 45 || c === 95) && i > s))) return false;
  }
  if (dots === 0 || lastDot === e - 1) return false;
  if (!letters) {
    // An IPv4 address of four numbers below 256, not a network or mask ending in `.0`.
    if (dots !== 3 || (e - lastDot === 2 && text.charCodeAt(e - 1) === 48)) return false;
    for (let i = s, part = s; i <= e; i++) {
      if (i === e || text.charCodeAt(i) === 46) {
        if (i - part > 3 || portValue(text, part, i) > 255) return false;
        part = i + 1;
      }
    }
    return true;
  }
  // A host name starts with a letter and its last label is letters only, not a file ending.
  if (!(text.charCodeAt(s) >= 97 && text.charCodeAt(s) <= 122)) return false;
  for (let i = lastDot + 1; i < e; i++) if (!(text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122)) return false;
  return !FILE_ENDINGS.has(text, lastDot + 1, e);
}

/** redis.conf and sentinel.conf keys whose values are read by position. */
const REDIS_KEYS = new WordSet(['replicaof', 'slaveof', 'sentinel']);
const [REPLICAOF, SLAVEOF, SENTINEL] = [0, 1, 2];

/** Whitespace-separated words of text[s, e) as [start, end) pairs. */
export function splitWords(text: string, s: number, e: number): Array<[number, number]> {
  const flat = wordOffsets(text, s, e, false);
  const words: Array<[number, number]> = [];
  for (let n = 0; n < flat.length; n += 2) words.push([flat[n], flat[n + 1]]);
  return words;
}

/** The end of the whitespace-separated word that starts at `i` in text[.., e), as `splitWords` reads it. */
export function wordEnd(text: string, i: number, e: number): number {
  const q = text.charCodeAt(i);
  if (q === 34 || q === 39) {
    const close = indexIn(text, q, i + 1, e);
    i = close < 0 ? e : close + 1;
  }
  while (i < e && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whitespace-separated words of text[s, e) as a flat list of offsets `[start0, end0, start1, ...]`
 * (no array per word); with `unquote`, quotes around a word are left out of its range.
 */
export function wordOffsets(text: string, s: number, e: number, unquote: boolean): number[] {
  const words: number[] = [];
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
      if (unquote && i - ws >= 2 && text.charCodeAt(i - 1) === q) {
        words.push(ws + 1, i - 1);
        continue;
      }
    } else {
      while (i < e && !isSpace(text.charCodeAt(i))) i++;
    }
    words.push(ws, i);
  }
  return words;
}

/** Flags whose value is a listen address: the list the shell finder reads too, kept in common.ts. */
const BIND_FLAGS = ADDRESS_FLAGS;

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

/** Command words after which the next word starts a new command: `&&`, `||`, `;`, `|`, `(`, `exec`, `sudo`, `then`, `do`. */
function isCommandBreak(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  switch (e - s) {
    case 1: return c === 59 || c === 124 || c === 40;
    case 2: return (c === 38 || c === 124) && text.charCodeAt(s + 1) === c || (c === 100 && text.charCodeAt(s + 1) === 111);
    case 4: return text.startsWith('exec', s) || text.startsWith('sudo', s) || text.startsWith('then', s);
    default: return false;
  }
}

/** True when text[s, e) is an environment variable name: `[A-Za-z_][A-Za-z0-9_.]*`. */
function isVariableName(text: string, s: number, e: number): boolean {
  const c0 = text.charCodeAt(s);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95)) return false;
  for (let i = s + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 46)) return false;
  }
  return e > s;
}

/** Options of a value scanned as plain text, shared rather than made per word. */
const TEXT: TextScanOptions = {};

/**
 * Scans a command line held as words (already without quotes, as `wordOffsets` lists them):
 * `--port 8080`, `--port=8080`, `-p 5432`, `-Dserver.port=8080`, `-b 0.0.0.0:8000`, `--bind :8000`,
 * `PORT=3000 node app.js`, `nc -z db 5432`, `python -m http.server 8000`, and URLs or `host:port` in
 * any word. Words are read where they stand; only flags, commands and variable names become strings.
 */
export function scanCommandWords(text: string, words: readonly number[], out: PortOccurrence[]): void {
  let cmd = '';
  let positional = 0;
  for (let n = 0; n < words.length; n += 2) {
    const s = words[n];
    const e = words[n + 1];
    if (isCommandBreak(text, s, e)) {
      cmd = '';
      positional = 0;
      continue;
    }
    // `cmd;` ends a command too.
    const last = text.charCodeAt(e - 1);
    const ends = e > s && (last === 59 || (last === 38 && e - s >= 2 && text.charCodeAt(e - 2) === 38));
    const eqAt = indexIn(text, 61 /* = */, s, e);
    if (text.charCodeAt(s) === 45 /* - */ && e - s > 1) {
      const long = text.charCodeAt(s + 1) === 45;
      const eq = eqAt < 0 ? -1 : eqAt - s;
      const name = text.slice(s + (long ? 2 : 1), eq < 0 ? e : eqAt);
      const hasNext = n + 2 < words.length;
      let vs = -1;
      let ve = -1;
      if (eq >= 0) {
        vs = eqAt + 1;
        ve = e;
      } else if (!long && name.length > 1 && (name[0] === 'p' || name[0] === 'P') && /^\d+$/.test(name.slice(1))) {
        // `-p5432`
        vs = s + 2;
        ve = e;
      } else if (hasNext && text.charCodeAt(words[n + 2]) !== 45) {
        vs = words[n + 2];
        ve = words[n + 3];
      }
      const lname = name.toLowerCase();
      const isPortFlag = long || eq >= 0
        ? isPortKey(name) || lname === 'debug-port'
        : ((name === 'p' || name === 'P' || /^[pP]\d+$/.test(name)) && !NOT_PORT_P.has(cmd)) ||
          // Go's flag package takes long names after one dash: `-dns.port 53`, `-relay-port 7000`.
          (name.length >= 4 && isPortKey(name));
      const isBind = long ? BIND_FLAGS.has(lname) : name === 'b';
      // `--console-address :9001`, `--metrics-addr=:8080`: an address flag by its last word, whose bare number is left alone.
      const isAddressFlag = long && !isBind && !isPortFlag && isAddressFlagName(lname);
      const isListenShort = !long && name === 'l' && (cmd === 'nc' || cmd === 'ncat' || cmd === 'netcat' || cmd === 'serve');
      if (vs >= 0 && ve > vs) {
        if (isPortFlag || isListenShort) {
          if (!readPortItem(text, vs, ve, 'listen', out) && !readPortMapping(text, vs, ve, out)) readAddress(text, vs, ve, 'listen', out, PORT_FLAG_ADDRESS);
        } else if (isBind) {
          readAddress(text, vs, ve, 'listen', out, BIND_ADDRESS);
        } else if (isAddressFlag) {
          readAddress(text, vs, ve, 'listen', out, PORT_FLAG_ADDRESS);
        }
      }
      // `-Dserver.port=8080`: a Java system property.
      if (!long && eq > 0 && (name[0] === 'D') && isPortKey(name.slice(1))) readPortItem(text, eqAt + 1, e, 'listen', out);
      scanValueText(text, s, e, out, TEXT);
      continue;
    }
    if (eqAt > s && isVariableName(text, s, eqAt)) {
      // `PORT=3000 node server.js`, `-e DB_PORT=5432`
      scanKeyValue(text, text.slice(s, eqAt), eqAt + 1, e, out);
      continue;
    }
    if (!cmd) {
      const slash = lastIndexIn(text, 47 /* / */, s, e);
      cmd = text.slice(slash < 0 ? s : slash + 1, e);
      positional = 0;
    } else {
      positional++;
      if (positional === 2 && HOST_PORT_COMMANDS.has(cmd)) readPortItem(text, s, e, 'connect', out);
      if ((e - s === 11 && text.startsWith('http.server', s)) || (e - s === 16 && text.startsWith('SimpleHTTPServer', s))) {
        if (n + 2 < words.length) readPortItem(text, words[n + 2], words[n + 3], 'listen', out);
      }
    }
    scanValueText(text, s, e, out, TEXT);
    if (ends) {
      cmd = '';
      positional = 0;
    }
  }
}

const PORT_FLAG_ADDRESS: AddressOptions = { emptyHost: true, anyHost: true };
const BIND_ADDRESS: AddressOptions = { bareNumber: true, anyHost: true, emptyHost: true };

/** `docker run -p 8080:80` / `127.0.0.1:8080:80/tcp`: the host port and the container port. */
function readPortMapping(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  // Two or three parts separated by colons; the last two are the host and container ports.
  const c1 = indexIn(text, 58, s, e);
  if (c1 < 0) return false;
  const c2 = indexIn(text, 58, c1 + 1, e);
  if (c2 >= 0 && indexIn(text, 58, c2 + 1, e) >= 0) return false;
  const hs = c2 < 0 ? s : c1 + 1;
  const he = c2 < 0 ? c1 : c2;
  const before = out.length;
  if (!readPortItem(text, hs, he, 'host', out)) return false;
  if (!readPortItem(text, he + 1, e, 'container', out)) {
    out.length = before;
    return false;
  }
  return true;
}

/** The string items of a JSON-style exec array `["gunicorn", "-b", "0.0.0.0:8000"]` in text[s, e), as flat offsets. */
function execFormWords(text: string, s: number, e: number): number[] {
  const words: number[] = [];
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < e && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      words.push(i + 1, Math.min(j, e));
      i = j + 1;
    } else i++;
  }
  return words;
}

/** Scans a command given in shell form, or in exec form when it starts with `[`. */
export function scanCommand(text: string, s: number, e: number, out: PortOccurrence[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  const words = text.charCodeAt(s) === 91 ? execFormWords(text, s, e) : wordOffsets(text, s, e, true);
  scanCommandWords(text, words, out);
}
