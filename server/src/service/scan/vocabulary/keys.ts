import { WordSet } from '../text/words';
import { isPortKeyIn, lastKeySegment } from './common';
import { digitsEnd, isAsciiSpace, lastIndexIn, stripQuotes } from '../text/chars';
import type { PortOccurrence, PortRole } from './types';

/*
 * Which configuration keys hold a port (`port`, `DB_PORT`, `listen`, `*_port_range`), an address
 * (`bind`, `host_addr`) or a command line (`command`, `*_args`), and the role a key gives its port.
 */

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
export function isConfigPortKeyIn(src: string, s: number, e: number): boolean {
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

/**
 * `HTTP_BIND`, `metrics-listen`, `grpcListen`: a key whose last word says where something binds, after a
 * name of its own. Its value is an address (`0.0.0.0:8080`), or a port when it is a bare number, which
 * the readers take only when it has two digits or more (`X_LISTEN=1` is a switch).
 */
export function isBindKeyIn(src: string, s: number, e: number): boolean {
  let b = e;
  if (isQuoted(src, s, e)) b--;
  while (b > s && isAsciiSpace(src.charCodeAt(b - 1))) b--;
  const n = (b - s >= 8 && isWordAt(src, b - 6, LISTEN_CODES)) ? 6 : (b - s >= 6 && isWordAt(src, b - 4, BIND_CODES)) ? 4 : 0;
  if (n === 0) return false;
  const w = b - n;
  const sep = src.charCodeAt(w - 1);
  if (sep === 95 || sep === 45) return w - 1 - s >= 2 && isWordChar(src.charCodeAt(w - 2));
  // camelCase: `grpcListen`, `metricsBind`: a capital first letter after a lower-case one.
  const c = src.charCodeAt(w);
  return c >= 65 && c <= 90 && sep >= 97 && sep <= 122;
}

const LISTEN_CODES = [108, 105, 115, 116, 101, 110];
const BIND_CODES = [98, 105, 110, 100];

/** text at `at` spells `codes` (lower-case letters), in any case. */
function isWordAt(text: string, at: number, codes: readonly number[]): boolean {
  for (let i = 0; i < codes.length; i++) if ((text.charCodeAt(at + i) | 32) !== codes[i]) return false;
  return true;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Words that may follow "port" in a name without changing what it holds: `GRPC_PORT_DEFAULT`,
 * `DefaultPortAPIServer`, `grpcPortNumber`, `ADMIN_PORT_FALLBACK`. Any other word after it makes the
 * name something else about a port (`PORT_COUNT`, `portIndex`, `portTimeout`, `portName`).
 */
const PORT_QUALIFIERS = new WordSet([
  'default', 'defaults', 'dflt', 'def', 'fallback', 'override', 'number', 'num', 'no', 'nr', 'value', 'val',
  'api', 'server', 'srv', 'service', 'svc', 'http', 'https', 'grpc', 'rpc', 'tcp', 'udp', 'ws', 'listen', 'listener',
  'public', 'private', 'internal', 'external', 'main', 'primary', 'secondary', 'admin', 'metrics', 'debug', 'dev',
  'prod', 'local', 'remote', 'web', 'ui', 'app', 'db', 'health', 'proxy', 'gateway', 'base', 'for', 'of',
]);

/**
 * True for a code identifier with the word "port" (or "ports") inside it, followed only by words of
 * PORT_QUALIFIERS: `METRICS_PORT_DEFAULT`, `DefaultPortAPIServer`, `grpcPortNumber`. Words break at
 * `_`, `-`, camelCase humps and acronym ends (`PortAPIServer` is port, api, server). Names that end in
 * the word are `isPortKey`'s.
 */
export function isQualifiedPortNameIn(text: string, s: number, e: number): boolean {
  let after = false;
  let tail = 0;
  let ws = s;
  let prev = 32;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 32;
    if (c >= 128) return false;
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    // A new word at a hump (`tP`) and before the last capital of an acronym followed by lower case (`IServer`).
    const hump = upper && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57) ||
      (prev >= 65 && prev <= 90 && i + 1 < e && isLowerAt(text, i + 1)));
    if (!(upper || lower || digit) || hump) {
      if (i > ws) {
        if (after) {
          if (!PORT_QUALIFIERS.has(text, ws, i)) return false;
          tail++;
        } else if (isPortWordAt(text, ws, i)) {
          // "port" as the last word is isPortKey's; here it must have words after it.
          after = true;
        }
      }
      ws = upper || lower || digit ? i : i + 1;
    }
    prev = c;
  }
  return tail > 0;
}

function isLowerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 97 && c <= 122;
}

/** text[a, b) is `port` or `ports` in any case. */
function isPortWordAt(text: string, a: number, b: number): boolean {
  const n = b - a;
  if (n !== 4 && !(n === 5 && (text.charCodeAt(a + 4) | 32) === 115)) return false;
  return (text.charCodeAt(a) | 32) === 112 && (text.charCodeAt(a + 1) | 32) === 111 && (text.charCodeAt(a + 2) | 32) === 114 &&
    (text.charCodeAt(a + 3) | 32) === 116;
}

/**
 * True when text[s, e) holds "port" (any case) where a word starts, with a letter after its fifth
 * character: a cheap test that `isQualifiedPortNameIn` passes only then (its qualifiers are words of
 * two letters or more), false for the many names that merely hold the letters (`export`, `import`,
 * `Report`, `transport`) and for `PORT`, `PORT_0`.
 */
export function mayHoldQualifiedPortWord(text: string, s: number, e: number): boolean {
  for (let j = s; j + 4 < e; j++) {
    if ((text.charCodeAt(j) | 32) !== 112 || (text.charCodeAt(j + 1) | 32) !== 111 || (text.charCodeAt(j + 2) | 32) !== 114 ||
      (text.charCodeAt(j + 3) | 32) !== 116) continue;
    if (isWordStartAt(text, s, j) && hasLetter(text, j + 5, e)) return true;
  }
  return false;
}

/** A word starts at `j` (> `s`): after a character that is no ASCII letter or digit, at a hump and at an acronym's end. */
function isWordStartAt(text: string, s: number, j: number): boolean {
  if (j === s) return true;
  const p = text.charCodeAt(j - 1);
  const pUpper = p >= 65 && p <= 90;
  const pLower = p >= 97 && p <= 122;
  const pDigit = p >= 48 && p <= 57;
  if (!(pUpper || pLower || pDigit)) return true;
  const c = text.charCodeAt(j);
  return c >= 65 && c <= 90 && (pLower || pDigit || (pUpper && isLowerAt(text, j + 1)));
}

function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/**
 * True when text[s, e) may hold the letters "port" in any case: a cheap test before reading a
 * string as a message.
 */
export function mayHoldPortWord(text: string, s: number, e: number): boolean {
  for (let i = s; i + 4 <= e; i++) {
    if ((text.charCodeAt(i) | 32) === 112 && (text.charCodeAt(i + 1) | 32) === 111 && (text.charCodeAt(i + 2) | 32) === 114 &&
      (text.charCodeAt(i + 3) | 32) === 116) return true;
  }
  return false;
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
export function isAddressKeyIn(src: string, s: number, e: number): boolean {
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

/*
 * The one table of what a key that holds a port says about its role, read by every format with keys
 * (YAML, JSON, .env, INI and properties, TOML, HCL, code assignments, shell variables): `DB_PORT`,
 * `EMAIL_PORT`, `redis.port` name a port of another service this program connects to; `PORT`,
 * `server.port`, `listenPort` one it binds; Kubernetes and Compose fields (`hostPort`, `target`) say
 * which side of a mapping they are.
 */

/** Words in a key that name another service this program talks to: the port is that service's. */
const CONNECT_WORDS = [
  'db', 'database', 'pg', 'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'cache',
  'memcache', 'memcached', 'smtp', 'email', 'mail', 'imap', 'pop', 'pop3', 'ldap', 'remote', 'target', 'upstream',
  'backend', 'broker', 'kafka', 'rabbit', 'rabbitmq', 'amqp', 'elastic', 'elasticsearch', 'es', 'proxy',
  'sentinel', 'nats', 'mqtt', 'zookeeper', 'zk', 'etcd', 'consul', 'vault', 'statsd', 'syslog', 'jaeger',
  'otel', 'otlp', 'collector', 'zipkin', 'clickhouse', 'cassandra', 'neo4j', 'bolt', 'influx', 'influxdb', 'sql',
  'mssql', 'oracle', 'couchdb', 'minio', 's3', 'ftp', 'sftp', 'ssh', 'dest', 'destination', 'peer', 'client',
  'primary', 'master', 'replica', 'dns', 'ntp', 'grafana', 'prometheus', 'loki', 'tempo', 'api', 'auth', 'keycloak',
];

/** Kubernetes and Compose port fields (lower-case, whole keys), whose name says which side of a mapping they are. */
const FIELD_ROLES: ReadonlyMap<string, PortRole> = new Map<string, PortRole>([
  ['containerport', 'listen'], ['targetport', 'listen'],
  ['hostport', 'host'], ['nodeport', 'host'], ['published', 'host'],
  ['target', 'container'],
]);

/** Hash of a word's lower-case ASCII letters and digits, as `roleForKeyIn` computes it while it reads a key. */
function wordHash(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  return h;
}

const CONNECT_SET: ReadonlySet<string> = new Set(CONNECT_WORDS);

/** CONNECT_WORDS by the low 12 bits of their hash: most words of a key are ruled out without making a string of them. */
const CONNECT_HASHES = (() => {
  const t = new Uint8Array(4096);
  for (const w of CONNECT_WORDS) t[wordHash(w) & 4095] = 1;
  return t;
})();

/**
 * The role a port key's words suggest: 'connect' when one of them names another service, 'listen'
 * otherwise. The key is read as lower-case words: `dbPort` and `DB_PORT` are `db` and `port` (words
 * break at camelCase humps and at every character other than an ASCII letter or digit).
 */
export function roleForKey(key: string): PortRole {
  return roleForKeyIn(key, 0, key.length);
}

/** `roleForKey(text.slice(s, e))` without the slice. */
export function roleForKeyIn(text: string, s: number, e: number): PortRole {
  let h = 0;
  let len = 0;
  let prev = 32;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 32;
    const upper = c >= 65 && c <= 90;
    const lowerOrDigit = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    const hump = upper && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57));
    if (!(upper || lowerOrDigit) || hump) {
      if (len > 0 && CONNECT_HASHES[h & 4095] === 1 && CONNECT_SET.has(text.slice(i - len, i).toLowerCase())) return 'connect';
      h = 0;
      len = 0;
    }
    if (upper || lowerOrDigit) {
      h = (Math.imul(h, 31) + (upper ? c + 32 : c)) | 0;
      len++;
    }
    prev = c;
  }
  return 'listen';
}

/** The role of a Kubernetes or Compose port field by its lower-case name (`hostport`, `target`), if it is one. */
export function roleForField(lower: string): PortRole | undefined {
  return FIELD_ROLES.get(lower);
}

/**
 * True when a key holds a command line or command-line options (`command`, `ExecStart`,
 * `JAVA_OPTS`, `NODE_OPTIONS`, `extra_args`), whose `--port N` and `-p N` flags are ports.
 */
export function isCommandKey(key: string): boolean {
  return isCommandKeyIn(key, 0, key.length);
}

/** `isCommandKey(src.slice(s, e))` without the slice. */
export function isCommandKeyIn(src: string, s: number, e: number): boolean {
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

/**
 * The key written before a value on its line, when it names a port: read back from `start` at most 96
 * characters, past the separators (`=`, `:`, quotes, `=>`, `,`, blanks) and one earlier number of
 * the same setting (`49152` in `ip_local_port_range = 49152 65535`), a word of letters, digits, `_`,
 * `-` and `.` holding `port` in any case (`pasv_min_port`, `"rtcMaxPort"`, `nodePort`). Undefined when
 * a line starts there or the word says nothing of ports, which most words before a number do not:
 * they are ruled out without a slice.
 */
export function keyWrittenBefore(text: string, start: number): string | undefined {
  const from = Math.max(0, start - 96);
  let i = start;
  let numbers = 0;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return undefined;
    if (c === 32 || c === 9 || c === 61 || c === 58 || c === 34 || c === 39 || c === 62 || c === 44) i--;
    else if (c >= 48 && c <= 57 && numbers === 0) {
      while (i > from && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
      numbers++;
    } else break;
  }
  let k = i;
  // Whether `port` stands in the word, found from its end: the letters `t`, `r`, `o`, `p` matched so far.
  let matched = 0;
  let port = false;
  while (k > from) {
    const c = text.charCodeAt(k - 1);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
    if (!word) break;
    const l = c | 32;
    if (!port) {
      matched = l === PORT_BACKWARDS[matched] ? matched + 1 : l === 116 /* t */ ? 1 : 0;
      if (matched === 4) port = true;
    }
    k--;
  }
  return port ? text.slice(k, i) : undefined;
}

/** `port` read from its end. */
const PORT_BACKWARDS = [116, 114, 111, 112];

/** True when `port` stands in src[s, e) in any case (`nodePort`, `pasv_min_port`, `prometheus.io/port`). */
function holdsPort(src: string, s: number, e: number): boolean {
  for (let i = s; i + 4 <= e; i++) {
    if ((src.charCodeAt(i) | 32) === 112 && (src.charCodeAt(i + 1) | 32) === 111 && (src.charCodeAt(i + 2) | 32) === 114 && (src.charCodeAt(i + 3) | 32) === 116) return true;
  }
  return false;
}

/**
 * Gives the ports a key reader pushed to `out` since `first`, as the value of the key src[ks, ke),
 * that key as theirs, when it names a port (`port` stands in it in any case). A port that already
 * has a key or flag (an assignment or flag inside the value), and a `host:port` or URL, keeps what it has:
 * its key is not the setting's. Rules and hovers read `key` here, never the text.
 */
export function giveKey(out: PortOccurrence[], first: number, src: string, ks: number, ke: number): void {
  if (first >= out.length || !holdsPort(src, ks, ke)) return;
  giveHeldKey(out, first, ks === 0 && ke === src.length ? src : src.slice(ks, ke));
}

/**
 * {@link giveKey} for a reader that knows already that `key` holds the word `port` (the YAML finders
 * work it out once per distinct key, not for every value).
 */
export function giveHeldKey(out: PortOccurrence[], first: number, key: string): void {
  for (let i = first; i < out.length; i++) {
    const o = out[i];
    if (o.key === undefined && o.flag === undefined && o.kind === 'port' && o.host === undefined && o.scheme === undefined) o.key = key;
  }
}
